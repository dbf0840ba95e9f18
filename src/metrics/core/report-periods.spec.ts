import { InvalidInputError } from '../../common/errors.js';
import type { PeriodUnit } from './periods.js';
import { MAX_PERIODS, reportPeriods, type PeriodParameter } from './report-periods.js';

const at = (iso: string) => new Date(iso);
const labelled = (periods: { period: string; periodStart: Date }[]) => periods.map((p) => [p.period, p.periodStart.toISOString()]);

/** The InvalidInputError `work` throws; fails the test when it throws something else or nothing. */
function invalidInput(work: () => unknown): InvalidInputError {
  try {
    work();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('reportPeriods', () => {
  it.each<[string, string, string, PeriodUnit, string, [string, string][]]>([
    ['Berlin months, the first starting before from', '2026-02-15T00:00:00Z', '2026-04-01T00:00:00+02:00', 'month', 'Europe/Berlin',
      [['2026-02', '2026-01-31T23:00:00.000Z'], ['2026-03', '2026-02-28T23:00:00.000Z']]],
    ['days across the Berlin spring-forward (a 23-hour day)', '2026-03-28T00:00:00+01:00', '2026-03-31T00:00:00+02:00', 'day', 'Europe/Berlin',
      [['2026-03-28', '2026-03-27T23:00:00.000Z'], ['2026-03-29', '2026-03-28T23:00:00.000Z'], ['2026-03-30', '2026-03-29T22:00:00.000Z']]],
    ['ISO weeks over New Year (2027-01-01 is in 2026-W53)', '2026-12-28T00:00:00Z', '2027-01-11T00:00:00Z', 'week', 'UTC',
      [['2026-W53', '2026-12-28T00:00:00.000Z'], ['2027-W01', '2027-01-04T00:00:00.000Z']]],
    ['quarters in New York', '2026-01-01T05:00:00Z', '2026-07-01T04:00:00Z', 'quarter', 'America/New_York',
      [['2026-Q1', '2026-01-01T05:00:00.000Z'], ['2026-Q2', '2026-04-01T04:00:00.000Z']]],
    ['one year for a range inside it', '2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z', 'year', 'UTC', [['2026', '2026-01-01T00:00:00.000Z']]],
    ['none for an empty range', '2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z', 'day', 'UTC', []],
  ])('%s', (_what, from, to, unit, zone, expected) => {
    expect(labelled(reportPeriods(at(from), at(to), unit, zone))).toEqual(expected);
  });

  it.each<[string, string, string, PeriodUnit]>([
    ['exactly MAX_PERIODS days', '2020-01-01T00:00:00Z', '2022-09-27T00:00:00Z', 'day'],
    ['exactly MAX_PERIODS months', '1950-01-01T00:00:00Z', '2033-05-01T00:00:00Z', 'month'],
  ])('lists %s', (_what, from, to, unit) => {
    expect(reportPeriods(at(from), at(to), unit, 'UTC')).toHaveLength(MAX_PERIODS);
  });

  it.each<[string, string, string, PeriodUnit, PeriodParameter | undefined, string, string]>([
    ['one day more, by the exact count', '2020-01-01T00:00:00Z', '2022-09-28T00:00:00Z', 'day', undefined, 'period', 'day'],
    ['a silly range, by the cheap bound before enumerating', '0100-01-01T00:00:00Z', '9999-01-01T00:00:00Z', 'day', undefined, 'period', 'day'],
    ['weeks over thirty years, naming the grouping that chose them', '2000-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'week', { name: 'groupBy', value: 'period:week' }, 'groupBy', 'period:week'],
    ['an unknown unit', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 'fortnight' as PeriodUnit, undefined, 'period', 'fortnight'],
  ])('refuses %s as an InvalidInputError naming the parameter', (_what, from, to, unit, parameter, field, value) => {
    const error = invalidInput(() => reportPeriods(at(from), at(to), unit, 'UTC', parameter));
    expect({ field: error.field, value: error.value }).toEqual({ field, value });
    expect(error.message).toMatch(unit === ('fortnight' as PeriodUnit) ? /is not a period length/ : new RegExp(`gives more than ${MAX_PERIODS} periods between from and to`));
  });
});
