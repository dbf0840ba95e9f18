import { dateTimeFormat, formatBytes, formatDateTime, formatMonth, formatShortMonth, formatWait, plural } from './format';

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
    ['2026-03', 'Mar 2026'],
    ['2026-12', 'Dec 2026'],
    ['2026-13', '2026-13'],
    ['2026-Q1', '2026-Q1'],
  ])('formatShortMonth(%p) is %p', (period, text) => {
    expect(formatShortMonth(period)).toBe(text);
  });

  it('formatMonth names every month as Intl does; formatShortMonth uses three letters in every browser', () => {
    const periods = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    expect(periods.map(formatMonth)).toEqual(
      periods.map((_, i) => new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, i, 1)))),
    );
    // Not Intl's en-GB "short": newer ICU data writes "Sept", older "Sep", and axis labels should not depend on the browser.
    expect(periods.map((p) => formatShortMonth(p).slice(0, 3)).join(' ')).toBe('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec');
  });

  it('dateTimeFormat makes one formatter per locale and options', () => {
    const a = dateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit' });
    expect(dateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit' })).toBe(a);
    expect(dateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit' })).not.toBe(a);
  });

  it.each([
    [1, '1 incident'],
    [0, '0 incidents'],
    [3, '3 incidents'],
  ])('plural(%p) is %p', (count, text) => {
    expect(plural(count, 'incident')).toBe(text);
  });
});
