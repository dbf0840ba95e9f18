import { DateTime } from 'luxon';
import { InvalidInputError } from '../common/errors.js';

/**
 * The calendar month a monthly report covers, and the months it is compared with, in the report's time
 * zone: half-open ranges of instants [from, to) on `startedAt`, cut at local midnight (DST-correct), as the
 * metrics API cuts `period:month`. Pure.
 */

export interface MonthRange {
  /** `2026-10`, as the metrics API labels `period:month`. */
  month: string;
  /** `October 2026`. */
  label: string;
  from: Date;
  to: Date;
}

export interface ReportMonths {
  timeZone: string;
  current: MonthRange;
  previous: MonthRange;
  /** The same month one year earlier. */
  lastYear: MonthRange;
  /** Start of the twelve months of trends that end with the current month (eleven months before it). */
  trendFrom: Date;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `text` is a month as the report takes it: YYYY-MM, from 1970-01 to 9999-12. */
export function isReportMonth(text: string): boolean {
  const match = MONTH_PATTERN.exec(text);
  return match !== null && Number(match[1]) >= 1970;
}

function range(start: DateTime): MonthRange {
  return { month: start.toFormat('yyyy-MM'), label: start.setLocale('en').toFormat('LLLL yyyy'), from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

/** The months of a report on `month` (YYYY-MM) in `timeZone`; an InvalidInputError naming `month` otherwise. */
export function reportMonths(month: string, timeZone: string): ReportMonths {
  if (!isReportMonth(month)) throw new InvalidInputError('month', month, 'is not a month in YYYY-MM form (e.g. 2026-10)');
  const [year, number] = month.split('-').map(Number);
  const start = DateTime.fromObject({ year, month: number, day: 1 }, { zone: timeZone });
  if (!start.isValid) throw new InvalidInputError('timeZone', timeZone, 'is not an IANA time zone (e.g. UTC, Europe/Berlin)');
  return {
    timeZone,
    current: range(start),
    previous: range(start.minus({ months: 1 })),
    lastYear: range(start.minus({ years: 1 })),
    trendFrom: start.minus({ months: 11 }).toJSDate(),
  };
}

/** The month before the one holding `now` in `timeZone` (what the scheduled report covers). */
export function previousMonth(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
}

/** `2026-10` → `Oct 2026`: a short label for a chart axis. */
export function shortMonthLabel(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return DateTime.fromObject({ year, month: number, day: 1 }, { zone: 'UTC' }).setLocale('en').toFormat('LLL yyyy');
}
