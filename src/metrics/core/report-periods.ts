import { InvalidInputError } from '../../common/errors.js';
import { PERIOD_UNITS, periodKey, periodRange, type PeriodUnit } from './periods.js';

/** Periods a report may list: beyond this the range or the period length is wrong (days over thirty years). */
export const MAX_PERIODS = 1000;

const DAY_MS = 86_400_000;
/** More than the longest each period can be, DST changes included: a range this many times longer has too many periods for sure. */
const LONGEST_PERIOD_MS: Record<PeriodUnit, number> = { day: 2 * DAY_MS, week: 8 * DAY_MS, month: 32 * DAY_MS, quarter: 93 * DAY_MS, year: 367 * DAY_MS };

/** A period of a report: its label and the instant it starts, as the SQL groups and labels them. */
export interface ReportPeriod {
  period: string;
  periodStart: Date;
}

/** The request parameter that chose the period length, for the errors: `period` = `day`, or `groupBy` = `period:day`. */
export interface PeriodParameter {
  name: string;
  value: string;
}

/** A known period unit, or an InvalidInputError naming `parameter`. */
export function checkPeriodUnit(unit: PeriodUnit, parameter: PeriodParameter = { name: 'period', value: unit }): void {
  if (!PERIOD_UNITS.includes(unit)) throw new InvalidInputError(parameter.name, parameter.value, `is not a period length; use ${PERIOD_UNITS.join(', ')}`);
}

/**
 * Every period overlapping [from, to) in `timeZone`, oldest first, labelled as periodKey() and the SQL
 * label them, so that a report lists the periods without incidents too. An unknown unit, or more than
 * MAX_PERIODS periods, is an InvalidInputError naming `parameter`; a range that long is refused before it
 * is enumerated.
 */
export function reportPeriods(from: Date, to: Date, unit: PeriodUnit, timeZone: string, parameter: PeriodParameter = { name: 'period', value: unit }): ReportPeriod[] {
  checkPeriodUnit(unit, parameter);
  const tooMany = () => new InvalidInputError(parameter.name, parameter.value, `gives more than ${MAX_PERIODS} periods between from and to (use a longer period or a shorter range)`);
  // Cheap bound first, so a silly range is refused before it is enumerated; the exact count follows.
  if ((to.getTime() - from.getTime()) / LONGEST_PERIOD_MS[unit] > MAX_PERIODS) throw tooMany();
  const starts = periodRange(from, to, unit, timeZone);
  if (starts.length > MAX_PERIODS) throw tooMany();
  return starts.map((periodStart) => ({ period: periodKey(periodStart, unit, timeZone), periodStart }));
}
