import { InvalidInputError } from '../../common/errors.js';
import type { BusinessCalendar } from '../../config/config.js';
import { parseInstant } from '../../common/instant.js';
import { PERIOD_UNITS, type PeriodUnit } from './periods.js';

/**
 * Which incidents a metrics request covers and how it groups them, and the SQL that does it over the
 * `incident_metric_intervals` view (alias `v`). Pure: builds text and parameters, runs nothing.
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

/** to_char formats giving the same keys as periodKey() in periods.ts (checked in test/integration/periods-sql.spec.ts). */
export const SQL_PERIOD_KEY_FORMATS: Record<PeriodUnit, string> = {
  day: 'YYYY-MM-DD',
  week: 'IYYY-"W"IW',
  month: 'YYYY-MM',
  quarter: 'YYYY-"Q"Q',
  year: 'YYYY',
};

/** Collects positional parameters for one statement. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The calendar as the trailing arguments of hindsight_business_seconds(), each a parameter. */
export function calendarArgs(calendar: BusinessCalendar, params: SqlParams): string {
  return [
    `${params.add(calendar.workingDays)}::int[]`,
    `${params.add(calendar.dayStartMinute)}::int`,
    `${params.add(calendar.dayEndMinute)}::int`,
    `${params.add(calendar.timeZone)}::text`,
    `${params.add(calendar.holidays)}::date[]`,
  ].join(', ');
}

export interface ScopeSql {
  /** `FROM incident_metric_intervals v JOIN …` with the joins the grouping needs. */
  from: string;
  /** `WHERE …` (always present: the time range). */
  where: string;
  /** Group key expressions, each `expr AS key_<name>`; empty without grouping. */
  keySelects: string[];
  /** The expressions to GROUP BY / ORDER BY, in groupBy order. */
  keyExpressions: string[];
  /** Output column names, in groupBy order: key_period + key_period_start, key_severity, … */
  keyColumns: string[];
}

/**
 * The FROM, WHERE and grouping SQL of a scope. Every value is a parameter; identifiers come from the
 * fixed lists above, never from the request.
 */
export function scopeSql(scope: MetricsScope, params: SqlParams): ScopeSql {
  const { filter } = scope;
  const joins = ['JOIN severity_levels ps ON ps.id = v.peak_severity_id', 'LEFT JOIN teams t ON t.id = v.owning_team_id'];
  const where = [`v.started_at >= ${params.add(filter.from)}`, `v.started_at < ${params.add(filter.to)}`];
  if (filter.severities?.length) where.push(`ps.key = ANY(${params.add(filter.severities)}::text[])`);
  if (filter.teams?.length) where.push(`t.name = ANY(${params.add(filter.teams)}::text[])`);
  if (filter.sources?.length) where.push(`v.source = ANY(${params.add(filter.sources)}::text[])`);
  if (filter.tags?.length) where.push(`v.tags @> ${params.add(filter.tags)}::text[]`);
  if (filter.services?.length) {
    where.push(`EXISTS (SELECT 1 FROM incident_services fx JOIN services fs ON fs.id = fx.service_id
                        WHERE fx.incident_id = v.id AND fs.name = ANY(${params.add(filter.services)}::text[]))`);
  }

  const keySelects: string[] = [];
  const keyExpressions: string[] = [];
  const keyColumns: string[] = [];
  for (const dimension of scope.groupBy) {
    if (dimension.kind === 'period') {
      // Grouped on one expression per row, the period's local start (timestamp without time zone, in the
      // same order as the periods); its key and its instant are worked out from it once per group. The
      // key of the local start is the key of any local time in the period.
      const zone = params.add(scope.timeZone);
      const localStart = `date_trunc('${dimension.unit}', v.started_at AT TIME ZONE ${zone})`;
      keySelects.push(`to_char(${localStart}, '${SQL_PERIOD_KEY_FORMATS[dimension.unit]}') AS key_period`, `(${localStart} AT TIME ZONE ${zone}) AS key_period_start`);
      keyExpressions.push(localStart);
      keyColumns.push('key_period', 'key_period_start');
    } else if (dimension.kind === 'severity') {
      keySelects.push('ps.key AS key_severity', 'ps.rank AS key_severity_rank');
      keyExpressions.push('ps.rank', 'ps.key');
      keyColumns.push('key_severity');
    } else if (dimension.kind === 'service') {
      joins.push('LEFT JOIN incident_services gx ON gx.incident_id = v.id', 'LEFT JOIN services gs ON gs.id = gx.service_id');
      keySelects.push(`COALESCE(gs.name, '(none)') AS key_service`);
      keyExpressions.push(`COALESCE(gs.name, '(none)')`);
      keyColumns.push('key_service');
    } else if (dimension.kind === 'team') {
      keySelects.push(`COALESCE(t.name, '(none)') AS key_team`);
      keyExpressions.push(`COALESCE(t.name, '(none)')`);
      keyColumns.push('key_team');
    } else {
      keySelects.push('v.source AS key_source');
      keyExpressions.push('v.source');
      keyColumns.push('key_source');
    }
  }
  return { from: `FROM incident_metric_intervals v ${joins.join(' ')}`, where: `WHERE ${where.join(' AND ')}`, keySelects, keyExpressions, keyColumns };
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
