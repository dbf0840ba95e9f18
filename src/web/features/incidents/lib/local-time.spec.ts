import { fromLocalInput, toLocalInput } from './local-time';

// jest runs with the machine's zone; these hold in any zone because each pair is converted both ways.
describe('datetime-local values and instants', () => {
  it.each(['2026-03-01T09:30:00.000Z', '2026-07-15T23:05:00.000Z', '2026-12-31T23:59:00.000Z'])('round-trips %s through the browser zone', (iso) => {
    const local = toLocalInput(iso);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInput(local)).toBe(iso);
  });

  it('reads a local value as local wall-clock time', () => {
    const expected = new Date(2026, 2, 1, 10, 30).toISOString();
    expect(fromLocalInput('2026-03-01T10:30')).toBe(expected);
  });

  it.each([
    ['', null],
    ['  ', null],
    ['tomorrow', 'tomorrow'],
  ])('%j becomes %j (unreadable text goes to the API as typed, to be named beside the field)', (value, expected) => {
    expect(fromLocalInput(value)).toBe(expected);
  });

  it('shows nothing for no instant', () => {
    expect(toLocalInput(null)).toBe('');
  });
});
