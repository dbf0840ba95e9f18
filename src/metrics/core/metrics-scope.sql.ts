import type { BusinessCalendar } from '../../config/config.js';
import type { SqlParams } from '../../database/sql-params.js';
import { incidentFilterSql } from '../../incidents/incident-filter.sql.js';
import type { GroupDimension, GroupKey, ResolvedScope } from './metrics-scope.js';
import type { PeriodUnit } from './periods.js';

/**
 * The SQL of a metrics scope over the `incident_metric_intervals` view (alias `v`), for the metrics
 * repositories. Builds text and parameters, runs nothing.
 */

/** to_char formats giving the same keys as periodKey() in periods.ts (checked in test/integration/periods-sql.spec.ts). */
export const SQL_PERIOD_KEY_FORMATS: Record<PeriodUnit, string> = {
  day: 'YYYY-MM-DD',
  week: 'IYYY-"W"IW',
  month: 'YYYY-MM',
  quarter: 'YYYY-"Q"Q',
  year: 'YYYY',
};

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
export function scopeSql(scope: ResolvedScope, params: SqlParams): ScopeSql {
  const joins = ['JOIN severity_levels ps ON ps.id = v.peak_severity_id', 'LEFT JOIN teams t ON t.id = v.owning_team_id'];
  // The incident list's filter, with severities read as the peak severity.
  const where = incidentFilterSql({ ...scope.filter, from: scope.from, to: scope.to }, { incident: 'v', severity: 'ps', team: 't' }, params);

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

/** The group key of a result row, from its key columns (`key_period`, `key_period_start`, `key_severity`, … as scopeSql names them). */
export function rowGroupKey(row: Record<string, unknown>, groupBy: readonly GroupDimension[]): GroupKey {
  const key: GroupKey = {};
  for (const dimension of groupBy) {
    if (dimension.kind === 'period') {
      key.period = String(row.key_period);
      key.periodStart = row.key_period_start as Date;
    } else {
      key[dimension.kind] = String(row[`key_${dimension.kind}`]);
    }
  }
  return key;
}
