import { periodKey, periodRange, periodStart, type PeriodUnit } from './periods.js';

const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('periodStart', () => {
  it.each<[string, PeriodUnit, string, string]>([
    // Europe/Berlin: CET +01 until 2026-03-29 01:00Z, CEST +02 until 2026-10-25 01:00Z.
    ['2026-03-15T12:00:00.000Z', 'month', 'Europe/Berlin', '2026-02-28T23:00:00.000Z'],
    ['2026-02-28T23:00:00.000Z', 'month', 'Europe/Berlin', '2026-02-28T23:00:00.000Z'], // local 03-01 00:00 exactly
    ['2026-02-28T22:59:59.999Z', 'month', 'Europe/Berlin', '2026-01-31T23:00:00.000Z'], // local 02-28 23:59:59.999
    ['2026-04-10T08:00:00.000Z', 'month', 'Europe/Berlin', '2026-03-31T22:00:00.000Z'], // April starts in summer time
    ['2026-11-01T00:00:00.000Z', 'month', 'Europe/Berlin', '2026-10-31T23:00:00.000Z'], // November back in winter time
    ['2026-10-31T22:30:00.000Z', 'month', 'Europe/Berlin', '2026-09-30T22:00:00.000Z'], // local 10-31 23:30, October started in summer time
    ['2026-03-29T12:00:00.000Z', 'day', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'], // spring-forward day is 23 h long
    ['2026-03-29T22:00:00.000Z', 'day', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25T12:00:00.000Z', 'day', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'], // fall-back day is 25 h long
    ['2026-10-25T22:59:59.000Z', 'day', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-25T23:00:00.000Z', 'day', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-03-29T12:00:00.000Z', 'week', 'Europe/Berlin', '2026-03-22T23:00:00.000Z'], // Sunday → Monday 03-23
    ['2026-03-29T22:30:00.000Z', 'week', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'], // local Monday 03-30 00:30
    ['2026-03-29T21:59:00.000Z', 'week', 'Europe/Berlin', '2026-03-22T23:00:00.000Z'], // local Sunday 23:59
    ['2027-01-01T12:00:00.000Z', 'week', 'Europe/Berlin', '2026-12-27T23:00:00.000Z'], // ISO week crosses the year
    ['2026-03-31T22:30:00.000Z', 'quarter', 'Europe/Berlin', '2026-03-31T22:00:00.000Z'], // local 04-01 00:30 → Q2
    ['2026-03-31T21:59:00.000Z', 'quarter', 'Europe/Berlin', '2025-12-31T23:00:00.000Z'], // local 03-31 23:59 → Q1
    ['2026-12-31T22:59:59.000Z', 'quarter', 'Europe/Berlin', '2026-09-30T22:00:00.000Z'],
    ['2025-12-31T23:00:00.000Z', 'year', 'Europe/Berlin', '2025-12-31T23:00:00.000Z'],
    ['2025-12-31T22:59:59.000Z', 'year', 'Europe/Berlin', '2024-12-31T23:00:00.000Z'],
    // America/New_York: EST −05 until 2026-03-08 07:00Z, EDT −04 until 2026-11-01 06:00Z.
    ['2026-03-08T12:00:00.000Z', 'day', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-03-09T03:59:00.000Z', 'day', 'America/New_York', '2026-03-08T05:00:00.000Z'], // local 03-08 23:59 EDT
    ['2026-03-09T04:00:00.000Z', 'day', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['2026-11-01T12:00:00.000Z', 'day', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-02T04:59:00.000Z', 'day', 'America/New_York', '2026-11-01T04:00:00.000Z'], // local 11-01 23:59 EST
    ['2026-11-02T05:00:00.000Z', 'day', 'America/New_York', '2026-11-02T05:00:00.000Z'],
    ['2026-03-10T12:00:00.000Z', 'week', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['2026-03-08T12:00:00.000Z', 'week', 'America/New_York', '2026-03-02T05:00:00.000Z'], // Sunday belongs to the week before
    ['2026-11-15T12:00:00.000Z', 'month', 'America/New_York', '2026-11-01T04:00:00.000Z'], // November starts in summer time
    ['2026-12-01T04:59:00.000Z', 'month', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-12-01T05:00:00.000Z', 'month', 'America/New_York', '2026-12-01T05:00:00.000Z'],
    ['2026-04-01T03:59:00.000Z', 'quarter', 'America/New_York', '2026-01-01T05:00:00.000Z'],
    ['2026-04-01T04:00:00.000Z', 'quarter', 'America/New_York', '2026-04-01T04:00:00.000Z'],
    ['2026-01-01T04:59:00.000Z', 'year', 'America/New_York', '2025-01-01T05:00:00.000Z'],
    // Other offsets: UTC, a half-hour zone, and a zone whose DST change skips local midnight.
    ['2026-03-15T12:34:56.789Z', 'day', 'UTC', '2026-03-15T00:00:00.000Z'],
    ['2026-03-15T12:34:56.789Z', 'week', 'UTC', '2026-03-09T00:00:00.000Z'],
    ['2026-03-31T18:30:00.000Z', 'month', 'Asia/Kolkata', '2026-03-31T18:30:00.000Z'],
    ['2026-03-31T18:29:59.000Z', 'month', 'Asia/Kolkata', '2026-02-28T18:30:00.000Z'],
    ['2026-09-06T12:00:00.000Z', 'day', 'America/Santiago', '2026-09-06T04:00:00.000Z'], // 00:00 does not exist: day starts 01:00 −03
  ])('%s by %s in %s starts at %s', (instant, unit, zone, expected) => {
    expect(periodStart(at(instant), unit, zone).toISOString()).toBe(expected);
  });

  it.each([
    [at('2026-03-15T00:00:00Z'), 'month', 'Mars/Olympus', /time zone/],
    [at('not a date'), 'month', 'UTC', /instant/],
    [at('2026-03-15T00:00:00Z'), 'fortnight', 'UTC', /period unit/],
  ])('refuses %s / %s / %s', (instant, unit, zone, message) => {
    expect(() => periodStart(instant, unit as PeriodUnit, zone)).toThrow(message);
    expect(() => periodKey(instant, unit as PeriodUnit, zone)).toThrow(message);
  });
});

describe('periodKey', () => {
  it.each<[string, PeriodUnit, string, string]>([
    ['2026-03-29T12:00:00Z', 'day', 'Europe/Berlin', '2026-03-29'],
    ['2026-03-29T22:30:00Z', 'day', 'Europe/Berlin', '2026-03-30'], // already Monday in Berlin
    ['2026-03-30T03:30:00Z', 'day', 'America/New_York', '2026-03-29'], // still Sunday in New York
    ['2026-02-26T12:00:00Z', 'week', 'Europe/Berlin', '2026-W09'],
    ['2026-03-29T12:00:00Z', 'week', 'Europe/Berlin', '2026-W13'],
    ['2026-03-29T22:30:00Z', 'week', 'Europe/Berlin', '2026-W14'],
    ['2026-01-01T12:00:00Z', 'week', 'UTC', '2026-W01'], // a Thursday: week 1 starts 2025-12-29
    ['2025-12-29T00:00:00Z', 'week', 'UTC', '2026-W01'], // ISO week-year, not calendar year
    ['2027-01-01T12:00:00Z', 'week', 'UTC', '2026-W53'], // a Friday: last week of 2026
    ['2027-01-04T00:00:00Z', 'week', 'UTC', '2027-W01'],
    ['2026-02-28T23:30:00Z', 'month', 'Europe/Berlin', '2026-03'],
    ['2026-02-28T23:30:00Z', 'month', 'UTC', '2026-02'],
    ['2026-03-31T21:59:00Z', 'quarter', 'Europe/Berlin', '2026-Q1'],
    ['2026-03-31T22:00:00Z', 'quarter', 'Europe/Berlin', '2026-Q2'],
    ['2026-12-31T23:30:00Z', 'quarter', 'Europe/Berlin', '2027-Q1'],
    ['2026-12-31T23:30:00Z', 'year', 'Europe/Berlin', '2027'],
    ['2026-12-31T23:30:00Z', 'year', 'America/New_York', '2026'],
  ])('%s by %s in %s is %s', (instant, unit, zone, expected) => {
    expect(periodKey(at(instant), unit, zone)).toBe(expected);
  });
});

describe('periodRange', () => {
  it.each<[string, string, string, PeriodUnit, string, string[]]>([
    [
      'months across spring-forward in Berlin',
      '2025-12-31T23:00:00Z', '2026-04-30T22:00:00Z', 'month', 'Europe/Berlin',
      ['2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    ],
    [
      'a from inside a period includes that period',
      '2026-01-15T10:00:00Z', '2026-02-28T23:00:00Z', 'month', 'Europe/Berlin',
      ['2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
    ],
    [
      'a to just after a boundary includes the period it opens',
      '2026-01-01T00:00:00Z', '2026-02-28T23:00:00.001Z', 'month', 'Europe/Berlin',
      ['2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z'],
    ],
    [
      'days across spring-forward in New York',
      '2026-03-07T05:00:00Z', '2026-03-10T04:00:00Z', 'day', 'America/New_York',
      ['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ],
    [
      'days across fall-back in New York',
      '2026-10-31T04:00:00Z', '2026-11-03T05:00:00Z', 'day', 'America/New_York',
      ['2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    ],
    [
      'ISO weeks across the new year',
      '2026-12-20T00:00:00Z', '2027-01-12T00:00:00Z', 'week', 'UTC',
      ['2026-12-14T00:00:00.000Z', '2026-12-21T00:00:00.000Z', '2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z', '2027-01-11T00:00:00.000Z'],
    ],
    [
      'quarters in New York',
      '2026-01-01T05:00:00Z', '2027-01-01T05:00:00Z', 'quarter', 'America/New_York',
      ['2026-01-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z', '2026-07-01T04:00:00.000Z', '2026-10-01T04:00:00.000Z'],
    ],
    [
      'years in Berlin',
      '2024-06-01T00:00:00Z', '2026-01-01T00:00:00Z', 'year', 'Europe/Berlin',
      ['2023-12-31T23:00:00.000Z', '2024-12-31T23:00:00.000Z', '2025-12-31T23:00:00.000Z'],
    ],
    ['empty when from = to', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', 'day', 'UTC', []],
    ['empty when from > to', '2026-04-01T00:00:00Z', '2026-03-01T00:00:00Z', 'month', 'UTC', []],
  ])('%s', (_name, from, to, unit, zone, expected) => {
    expect(iso(periodRange(at(from), at(to), unit, zone))).toEqual(expected);
  });

  it.each<[PeriodUnit, string, number]>([
    ['day', 'Europe/Berlin', 365],
    ['week', 'Europe/Berlin', 53], // 2025-12-29 … 2026-12-28
    ['month', 'America/New_York', 12],
    ['quarter', 'America/New_York', 4],
  ])('a whole local year 2026 by %s in %s has %i periods, each its own start with a distinct key', (unit, zone, count) => {
    const from = periodStart(at('2026-06-01T00:00:00Z'), 'year', zone);
    const to = periodStart(at('2027-06-01T00:00:00Z'), 'year', zone);
    const starts = periodRange(from, to, unit, zone);
    expect(starts).toHaveLength(count);
    for (const start of starts) expect(periodStart(start, unit, zone).getTime()).toBe(start.getTime());
    expect(new Set(starts.map((start) => periodKey(start, unit, zone))).size).toBe(count);
    // Consecutive: the instant just before each start belongs to the previous period.
    for (let i = 1; i < starts.length; i++) {
      expect(periodStart(new Date(starts[i].getTime() - 1), unit, zone).getTime()).toBe(starts[i - 1].getTime());
    }
  });
});
