import { InvalidInputError } from '../../common/errors.js';
import { isValidTimeZone } from '../../config/config.js';
import type { IncidentFilter } from '../../incidents/incident-filter.js';
import type { PeriodUnit } from './periods.js';
import { reportPeriods } from './report-periods.js';

/**
 * Groups a metrics answer may hold: beyond this the grouping is too fine for a chart or a table, and the
 * response runs to megabytes. An InvalidInputError naming `groupBy` and the limit.
 */
export const MAX_GROUPS = 2000;

/** Group-periods a series report (changes: every period of every group, a few figures each) may hold. */
export const MAX_GROUP_PERIODS = 20_000;

/**
 * Which incidents a metrics question covers and how it groups them: the scope every metrics service
 * method takes, whoever asks (an endpoint, the report, the web app). Pure; metrics-scope.sql.ts has its SQL.
 *
 * Grouping rules (documented in the README):
 * - period: the period of `started_at` in the scope's time zone (`date_trunc` of the local time; its
 *   start back `AT TIME ZONE`, DST-correct);
 * - severity: the incident's peak severity (the highest it ever had);
 * - service: an incident counts once in each service it affected (`(none)` when it lists none);
 * - team: the owning team (`(none)` when unset); source: the record's source.
 */

/** A grouping dimension other than the period. */
export type AttributeDimension = { kind: 'severity' | 'service' | 'team' | 'source' };
export type GroupDimension = { kind: 'period'; unit: PeriodUnit } | AttributeDimension;

/** Every grouping by its API name. */
export const GROUP_DIMENSIONS = ['period:day', 'period:week', 'period:month', 'period:quarter', 'period:year', 'severity', 'service', 'team', 'source'] as const;

/** The API name of a dimension: `period:month`, `severity`, … */
export const dimensionName = (dimension: GroupDimension): string => (dimension.kind === 'period' ? `period:${dimension.unit}` : dimension.kind);

/** The filters of a metrics scope: the incident list's, with `severities` read as PEAK severity keys. */
export type MetricsFilter = Pick<IncidentFilter, 'severities' | 'services' | 'teams' | 'sources' | 'tags'>;

/** What a metrics question covers. */
export interface MetricsScope {
  /** Incidents whose started_at is in [from, to). */
  from: Date;
  to: Date;
  /** Only incidents matching every filter given. */
  filter?: MetricsFilter;
  /** Grouping, in order: at most one period, each dimension once; none gives one group over all. */
  groupBy?: readonly GroupDimension[];
  /** IANA zone periods are cut in; REPORT_TIMEZONE when unset. */
  timeZone?: string;
}

/** A scope for a report that does its own grouping (severity trends, data quality). */
export type UngroupedScope = Omit<MetricsScope, 'groupBy'>;

/** A scope checked and completed with the defaults: what the metrics repositories take. */
export interface ResolvedScope {
  from: Date;
  to: Date;
  filter: MetricsFilter;
  groupBy: GroupDimension[];
  timeZone: string;
}

/** What a group stands for: the value of each grouping dimension, in groupBy order; `{}` without grouping. */
export interface GroupKey {
  /** Period label in the scope's time zone: 2026-03-01 (day), 2026-W09 (ISO week), 2026-03, 2026-Q1, 2026. */
  period?: string;
  /** The instant the period starts (local midnight in the scope's time zone). */
  periodStart?: Date;
  /** Peak severity key. */
  severity?: string;
  /** Affected service name, `(none)` for incidents without one. */
  service?: string;
  /** Owning team name, `(none)` when unset. */
  team?: string;
  source?: string;
}

/** Why `dimension` cannot follow `earlier`: not a grouping, a second period, or a dimension given twice. */
function groupingProblem(earlier: readonly GroupDimension[], dimension: GroupDimension): string | null {
  if (!(GROUP_DIMENSIONS as readonly string[]).includes(dimensionName(dimension))) return `is not a grouping; use ${GROUP_DIMENSIONS.join(', ')}`;
  if (!earlier.some((g) => g.kind === dimension.kind)) return null;
  return dimension.kind === 'period' ? 'only one period grouping is allowed' : 'is given twice';
}

/** Parses `groupBy` values (`period:month`, `severity`, …); the offending value and what is wrong with it otherwise. */
export function parseGroupBy(values: readonly string[]): { ok: true; groupBy: GroupDimension[] } | { ok: false; value: string; problem: string } {
  const groupBy: GroupDimension[] = [];
  for (const value of values) {
    if (!(GROUP_DIMENSIONS as readonly string[]).includes(value)) {
      return { ok: false, value, problem: `is not a grouping; use ${GROUP_DIMENSIONS.join(', ')}` };
    }
    const dimension: GroupDimension = value.startsWith('period:')
      ? { kind: 'period', unit: value.slice('period:'.length) as PeriodUnit }
      : { kind: value as AttributeDimension['kind'] };
    const problem = groupingProblem(groupBy, dimension);
    if (problem) return { ok: false, value, problem };
    groupBy.push(dimension);
  }
  return { ok: true, groupBy };
}

/** A grouping as parseGroupBy would accept it, or an InvalidInputError naming `groupBy` and the dimension. */
export function checkGroupBy(groupBy: readonly GroupDimension[]): void {
  groupBy.forEach((dimension, i) => {
    const problem = groupingProblem(groupBy.slice(0, i), dimension);
    if (problem) throw new InvalidInputError('groupBy', dimensionName(dimension), problem);
  });
}

/** A real instant, or an InvalidInputError naming `field`. */
export function checkInstant(field: string, instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new InvalidInputError(field, String(instant), 'is not a valid instant');
}

/**
 * `to` strictly after `from` (the range is half-open), or an InvalidInputError naming `to`. `text` is the
 * range as the request wrote it, quoted in the message; the instants in ISO form when there was none.
 */
export function checkRange(from: Date, to: Date, text?: { from: string; to: string }): void {
  checkInstant('from', from);
  checkInstant('to', to);
  if (to.getTime() <= from.getTime()) {
    const quoted = text ?? { from: from.toISOString(), to: to.toISOString() };
    throw new InvalidInputError('to', quoted.to, `must be after from (${quoted.from}): the range is [from, to)`);
  }
}

/** A time zone the periods can be cut in, or an InvalidInputError naming `timeZone`. */
export function checkTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new InvalidInputError('timeZone', timeZone, 'is not an IANA time zone (e.g. UTC, Europe/Berlin)');
}

/**
 * The scope checked — a real range with `to` after `from`, a grouping parseGroupBy would accept, a known
 * time zone — with `defaultTimeZone` (REPORT_TIMEZONE) when it names none. Bad values are
 * InvalidInputErrors naming the field, for callers in the process as for requests.
 */
export function resolveScope(scope: MetricsScope, defaultTimeZone: string): ResolvedScope {
  checkRange(scope.from, scope.to);
  const groupBy = [...(scope.groupBy ?? [])];
  checkGroupBy(groupBy);
  const timeZone = scope.timeZone ?? defaultTimeZone;
  checkTimeZone(timeZone);
  // Grouped by a period with other dimensions too, the periods are not listed one by one, but a range of more
  // than MAX_PERIODS of them is refused all the same: it can only give more groups than anyone can read.
  const period = groupBy.find((dimension) => dimension.kind === 'period');
  if (period) reportPeriods(scope.from, scope.to, period.unit, timeZone, { name: 'groupBy', value: dimensionName(period) });
  return { from: scope.from, to: scope.to, filter: { ...scope.filter }, groupBy, timeZone };
}

/**
 * `count` groups within `limit` (MAX_GROUPS), else an InvalidInputError naming `groupBy` (the dimensions as
 * asked), the count and the limit. `atLeast`: the count is a lower bound (the query stopped at limit + 1).
 */
export function checkGroupCount(count: number, groupBy: readonly GroupDimension[], options: { atLeast?: boolean; limit?: number; what?: string } = {}): void {
  const { atLeast = false, limit = MAX_GROUPS, what = 'groups' } = options;
  if (count <= limit) return;
  throw new InvalidInputError(
    'groupBy',
    groupBy.map(dimensionName).join(','),
    `gives ${atLeast ? `more than ${limit}` : count} ${what}; the limit is ${limit} (group by fewer dimensions, a longer period or a shorter range, or filter)`,
  );
}
