import { DateTime } from 'luxon';

/**
 * Reporting periods: calendar buckets in the reporting time zone (SPEC §2 "Grouping").
 *
 * An incident belongs to the period that contains its `started_at`, where periods are local
 * calendar units in the reporting zone, so they follow DST: a month in Europe/Berlin starts at
 * local midnight on the 1st (2026-03-01T00:00+01:00 = 2026-02-28T23:00Z) and March 2026 there is
 * 31 days minus one hour long. Weeks are ISO weeks: they start on Monday, and week 1 is the week
 * holding the year's first Thursday (so 2027-01-01 is in 2026-W53). Quarters start in January,
 * April, July and October.
 *
 * SQL contract — the SQL engine buckets with exactly
 *
 *   date_trunc('<unit>', started_at AT TIME ZONE '<zone>') AT TIME ZONE '<zone>'
 *
 * e.g. `date_trunc('month', started_at AT TIME ZONE 'Europe/Berlin') AT TIME ZONE 'Europe/Berlin'`:
 * the inner AT TIME ZONE turns the timestamptz into local wall-clock time, date_trunc cuts it to
 * local midnight of the first day of the unit (PostgreSQL's 'week' is the ISO Monday), and the
 * outer AT TIME ZONE turns that wall-clock time back into an instant. `periodStart` returns the
 * same instant; test/integration/periods-sql.spec.ts checks that on instants around DST changes.
 * Where a zone skips local midnight (a DST change at 00:00, e.g. America/Santiago), both take the
 * first instant after the gap (luxon moves a skipped wall-clock time forward by the gap; PostgreSQL
 * reads it with the offset in force before the gap — the same instant).
 */

/** Calendar unit of a reporting period. */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Every period unit, shortest first. */
export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'year'];

const KEY_FORMATS: Record<PeriodUnit, string> = {
  day: 'yyyy-MM-dd',
  week: "kkkk-'W'WW",
  month: 'yyyy-MM',
  quarter: "yyyy-'Q'q",
  year: 'yyyy',
};

function local(instant: Date, timeZone: string): DateTime {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Not a valid instant: ${String(instant)}`);
  }
  const dateTime = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!dateTime.isValid) throw new RangeError(`Not an IANA time zone: ${JSON.stringify(timeZone)}`);
  return dateTime;
}

function checkUnit(unit: PeriodUnit): void {
  if (!PERIOD_UNITS.includes(unit)) throw new RangeError(`Not a period unit: ${JSON.stringify(unit)} (use ${PERIOD_UNITS.join(', ')})`);
}

/**
 * Start of the period holding `instant`: local midnight, in `timeZone`, of the first day of the
 * day / ISO week (Monday) / month / quarter / year. Equals PostgreSQL's
 * `date_trunc(unit, instant AT TIME ZONE timeZone) AT TIME ZONE timeZone`.
 */
export function periodStart(instant: Date, unit: PeriodUnit, timeZone: string): Date {
  checkUnit(unit);
  return local(instant, timeZone).startOf(unit).toJSDate();
}

/**
 * Label of the period holding `instant`, in the reporting zone: `2026-03-29` (day), `2026-W09`
 * (ISO week-year and week number, so 2027-01-01 is `2026-W53`), `2026-03` (month), `2026-Q1`
 * (quarter), `2026` (year). Keys of one unit sort in time order as strings.
 */
export function periodKey(instant: Date, unit: PeriodUnit, timeZone: string): string {
  checkUnit(unit);
  return local(instant, timeZone).startOf(unit).toFormat(KEY_FORMATS[unit]);
}

/**
 * Starts of every period that overlaps the half-open range [from, to), in order: the period
 * holding `from` (which may start before `from` when `from` is not on a boundary), then each
 * following period start that is before `to`. With `from` on a boundary that is exactly every
 * period start in [from, to). Empty when from ≥ to. Lets a report show empty periods with n = 0.
 */
export function periodRange(from: Date, to: Date, unit: PeriodUnit, timeZone: string): Date[] {
  checkUnit(unit);
  const end = local(to, timeZone).toMillis();
  const starts: Date[] = [];
  if (local(from, timeZone).toMillis() >= end) return starts;
  for (let start = local(from, timeZone).startOf(unit); start.toMillis() < end; start = start.plus({ [unit]: 1 }).startOf(unit)) {
    starts.push(start.toJSDate());
  }
  return starts;
}
