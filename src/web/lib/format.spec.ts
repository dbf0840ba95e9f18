import { formatBytes, formatDateTime, formatMonth, formatWait, plural } from './format';

describe('format', () => {
  it.each([
    [null, '—'],
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [18_842, '18.4 KB'],
    [150 * 1024, '150 KB'],
    [2.25 * 1024 * 1024, '2.3 MB'],
  ])('formatBytes(%p) is %p', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    ['2026-11-01T06:00:00.000Z', 'UTC', '2026-11-01 06:00 UTC'],
    ['2026-11-01T06:00:00.000Z', 'Europe/Berlin', '2026-11-01 07:00 CET'],
    ['2026-07-01T23:30:00Z', 'Europe/Berlin', '2026-07-02 01:30 CEST'],
    [null, 'UTC', '—'],
    ['not a date', 'UTC', 'not a date'],
  ])('formatDateTime(%p, %p) is %p', (iso, zone, text) => {
    expect(formatDateTime(iso, zone)).toBe(text);
  });

  it.each([
    [0, '0 s'],
    [44.2, '45 s'],
    [60, '1 min'],
    [125, '2 min 5 s'],
    [3600, '1 h'],
    [3780, '1 h 3 min'],
  ])('formatWait(%p) is %p', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });

  it.each([
    ['2026-10', 'October 2026'],
    ['2026-01', 'January 2026'],
    ['garbage', 'garbage'],
  ])('formatMonth(%p) is %p', (period, text) => {
    expect(formatMonth(period)).toBe(text);
  });

  it.each([
    [1, '1 incident'],
    [0, '0 incidents'],
    [3, '3 incidents'],
  ])('plural(%p) is %p', (count, text) => {
    expect(plural(count, 'incident')).toBe(text);
  });
});
