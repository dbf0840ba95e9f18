import { incidentKey, keyYear } from './incident-key.js';

describe('incident keys', () => {
  it.each([
    [2026, 1, 'INC-2026-0001'],
    [2026, 42, 'INC-2026-0042'],
    [2025, 9999, 'INC-2025-9999'],
    [2025, 12345, 'INC-2025-12345'],
  ])('incidentKey(%d, %d) = %s', (year, seq, key) => {
    expect(incidentKey(year, seq)).toBe(key);
  });

  it.each([
    [new Date('2026-01-01T00:00:00Z'), 2026],
    ['2025-12-31T23:59:59.999Z', 2025],
    [new Date('2025-12-31T23:30:00-01:00'), 2026],
  ])('keyYear(%s) is the UTC year of the start: %d', (startedAt, year) => {
    expect(keyYear(startedAt)).toBe(year);
  });
});
