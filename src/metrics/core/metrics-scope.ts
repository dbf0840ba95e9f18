import { InvalidInputError } from '../../common/errors.js';
import { parseInstant } from '../../common/instant.js';
import { PERIOD_UNITS, type PeriodUnit } from './periods.js';

/**
 * Which incidents a metrics request covers and how it groups them (metrics-scope.sql.ts has the SQL).
 *
 * Grouping rules (documented in the README):
 * - period: the period of `started_at` in the reporting time zone (`date_trunc` of the local time; its
 *   start back `AT TIME ZONE`, DST-correct);
 * - severity: the incident's peak severity (the highest it ever had);
 * - service: an incident counts once in each service it affected (`(none)` when it lists none);
 * - team: the owning team (`(none)` when unset); source: the record's source.
 */
export type GroupDimension = { kind: 'period'; unit: PeriodUnit } | { kind: 'severity' | 'service' | 'team' | 'source' };

export const GROUP_DIMENSIONS = ['period:day', 'period:week', 'period:month', 'period:quarter', 'period:year', 'severity', 'service', 'team', 'source'] as const;

export interface MetricsFilter {
  /** Half-open [from, to) on started_at. */
  from: Date;
  to: Date;
  severities?: string[];
  services?: string[];
  teams?: string[];
  sources?: string[];
  /** Every tag must be present. */
  tags?: string[];
}

export interface MetricsScope {
  filter: MetricsFilter;
  groupBy: GroupDimension[];
  timeZone: string;
}

/** Parses `groupBy` values (`period:month`, `severity`, …); null with the offending value otherwise. */
export function parseGroupBy(values: readonly string[]): { ok: true; groupBy: GroupDimension[] } | { ok: false; value: string; problem: string } {
  const groupBy: GroupDimension[] = [];
  for (const value of values) {
    if (!(GROUP_DIMENSIONS as readonly string[]).includes(value)) {
      return { ok: false, value, problem: `is not a grouping; use ${GROUP_DIMENSIONS.join(', ')}` };
    }
    const dimension: GroupDimension = value.startsWith('period:')
      ? { kind: 'period', unit: value.slice('period:'.length) as PeriodUnit }
      : { kind: value as 'severity' | 'service' | 'team' | 'source' };
    if (groupBy.some((g) => g.kind === dimension.kind)) {
      return { ok: false, value, problem: dimension.kind === 'period' ? 'only one period grouping is allowed' : 'is given twice' };
    }
    groupBy.push(dimension);
  }
  return { ok: true, groupBy };
}

/** The scope part of a metrics request, as the query DTO carries it. */
export interface ScopeQuery {
  from: string;
  to: string;
  severity?: string[];
  service?: string[];
  team?: string[];
  source?: string[];
  tag?: string[];
  groupBy?: string[];
}

/**
 * The scope of a request: `to` must be after `from`; grouped by the request's `groupBy` unless the
 * endpoint fixes its own grouping. Bad values are InvalidInputErrors naming the parameter.
 */
export function scopeOf(query: ScopeQuery, timeZone: string, groupBy?: GroupDimension[]): MetricsScope {
  const from = parseInstant('from', query.from);
  const to = parseInstant('to', query.to);
  if (to.getTime() <= from.getTime()) throw new InvalidInputError('to', query.to, `must be after from (${query.from}): the range is [from, to)`);
  let dimensions = groupBy;
  if (!dimensions) {
    const parsed = parseGroupBy(query.groupBy ?? []);
    if (!parsed.ok) throw new InvalidInputError('groupBy', parsed.value, parsed.problem);
    dimensions = parsed.groupBy;
  }
  return {
    filter: { from, to, severities: query.severity, services: query.service, teams: query.team, sources: query.source, tags: query.tag },
    groupBy: dimensions,
    timeZone,
  };
}

/** The API's group key object from a result row: `{ period, periodStart, severity, service, team, source }` as grouped. */
export function groupKey(row: Record<string, unknown>, groupBy: readonly GroupDimension[]): Record<string, string> {
  const key: Record<string, string> = {};
  for (const dimension of groupBy) {
    if (dimension.kind === 'period') {
      key.period = String(row.key_period);
      key.periodStart = (row.key_period_start as Date).toISOString();
    } else {
      key[dimension.kind] = String(row[`key_${dimension.kind}`]);
    }
  }
  return key;
}

export { PERIOD_UNITS };
