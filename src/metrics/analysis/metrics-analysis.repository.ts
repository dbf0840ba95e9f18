import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BusinessCalendar } from '../../config/config.js';
import { SqlParams } from '../../database/sql-params.js';
import { MILESTONES, milestoneColumn } from '../../incidents/milestones.js';
import type { ExclusionReason, IntervalMetric } from '../core/intervals.js';
import type { ResolvedScope } from '../core/metrics-scope.js';
import { rowGroupKey, scopeSql } from '../core/metrics-scope.sql.js';
import type { SlaKind } from '../core/sla.js';
import {
  DATA_QUALITY_METRICS, type ChangeSampleRow, type DistributionRow, type StartTimeRow, type DataQualityMetric, type DataQualityRow, type DataQualitySummaryRow, type OpenBreach, type SeverityTrendRow,
  type SlaCountRow,
} from './metrics-analysis.results.js';

/**
 * All SQL of the analysis endpoints (SLA, severity trends, change over time, data quality), over the
 * `incident_metric_intervals` view through the shared metrics scope. Every value is a parameter; the
 * only identifiers spliced in come from the fixed tables below, never from a request.
 */

/** Where one SLA kind of one incident ends up (sla.ts: exactly one per kind). */
export type SlaState = 'breached' | 'open' | 'met' | 'pending' | 'no-target' | 'excluded' | 'missing' | 'order';

/**
 * One row per incident and SLA kind, as in SLA_INTERVALS of sla.ts: the interval's start and end
 * milestones, its seconds from the view (NULL when excluded, missing, or its end before its start) and
 * the peak severity's target.
 */
export const SLA_KINDS_SQL = `CROSS JOIN LATERAL (VALUES
    ('ack', 1, v.detected_at, v.acknowledged_at, v.tta_seconds, ps.ack_target_seconds),
    ('mitigate', 2, v.started_at, v.mitigated_at, v.ttm_seconds, ps.mitigate_target_seconds),
    ('resolve', 3, v.started_at, v.resolved_at, v.ttr_seconds, ps.resolve_target_seconds)
  ) AS k(kind, position, start_at, end_at, seconds, target)`;

/**
 * evaluateSla() of sla.ts, in SQL, in the same order of tests: no target; excluded; start missing; end
 * present → the view's seconds (NULL here can only mean `order`: the kind's own end before its own start)
 * against the target (strictly longer is a breach); end missing → `missing` once resolved, else open breach
 * when `now` is strictly after start + target, pending otherwise. Other milestones' order never matters
 * (issue 11: each kind is judged by its own two milestones; an open kind has no end to be out of order).
 */
export const slaStateSql = (now: string) => `CROSS JOIN LATERAL (SELECT CASE
    WHEN k.target IS NULL THEN 'no-target'
    WHEN v.excluded_from_metrics THEN 'excluded'
    WHEN k.start_at IS NULL THEN 'missing'
    WHEN k.end_at IS NOT NULL THEN CASE WHEN k.seconds IS NULL THEN 'order' WHEN k.seconds > k.target THEN 'breached' ELSE 'met' END
    WHEN v.resolved_at IS NOT NULL THEN 'missing'
    WHEN ${now}::timestamptz > k.start_at + k.target * interval '1 second' THEN 'open'
    ELSE 'pending'
  END AS state) AS st`;

/** Why each metric leaves an incident out (NULL = counted): the view's reasons, time to retro included. */
const LEFT_OUT_SQL: Record<DataQualityMetric, string> = {
  ttd: 'v.ttd_excluded_reason',
  tta: 'v.tta_excluded_reason',
  tte: 'v.tte_excluded_reason',
  ttm: 'v.ttm_excluded_reason',
  ttr: 'v.ttr_excluded_reason',
  ttRetro: 'v.tt_retro_excluded_reason',
};

/** Whether a metric lacks an end milestone, whatever else is wrong (startedAt is never missing). */
const MISSING_END_SQL: Record<DataQualityMetric, string> = {
  ttd: 'v.detected_at IS NULL',
  tta: 'v.detected_at IS NULL OR v.acknowledged_at IS NULL',
  tte: 'v.acknowledged_at IS NULL OR v.investigating_at IS NULL',
  ttm: 'v.mitigated_at IS NULL',
  ttr: 'v.resolved_at IS NULL',
  ttRetro: 'v.resolved_at IS NULL OR v.retro_done_at IS NULL',
};

/** Every milestone column of the view with its API name: data quality works the out-of-order pairs out from them. */
const MILESTONE_COLUMNS = MILESTONES.map((milestone) => `v.${milestoneColumn(milestone)} AS "${milestone}"`);

const leftOutFor = (reasons: readonly ExclusionReason[]) =>
  `(${DATA_QUALITY_METRICS.map((m) => `COALESCE((${LEFT_OUT_SQL[m]}) IN (${reasons.map((r) => `'${r}'`).join(', ')}), false)`).join(' OR ')})`;

/**
 * Whether data quality lists an incident for these reasons: left out of some metric for one of them, or,
 * when `order` is listed, any pair of its milestones out of order (`order_violation`) even when no metric
 * is left out for it (issue 11: detected after mitigated leaves nothing out, and is still shown).
 */
const listedFor = (reasons: readonly ExclusionReason[]) =>
  reasons.includes('order') ? `(${leftOutFor(reasons)} OR v.order_violation)` : leftOutFor(reasons);

@Injectable()
export class MetricsAnalysisRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** SLA states counted per group and kind, in group order then ack, mitigate, resolve. */
  async slaCounts(scope: ResolvedScope, now: Date): Promise<SlaCountRow[]> {
    const params = new SqlParams();
    const s = scopeSql(scope, params);
    const nowParam = params.add(now);
    const count = (state: SlaState) => `count(*) FILTER (WHERE st.state = '${state}')::int`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${[...s.keySelects, 'k.kind'].join(', ')}, count(*)::int AS incidents,
              ${count('breached')} AS breached, ${count('open')} AS open, ${count('met')} AS met, ${count('pending')} AS pending,
              ${count('no-target')} AS no_target, ${count('excluded')} AS excluded, ${count('missing')} AS missing, ${count('order')} AS "order"
         ${s.from} ${SLA_KINDS_SQL} ${slaStateSql(nowParam)}
         ${s.where}
        GROUP BY ${[...s.keyExpressions, 'k.kind', 'k.position'].join(', ')}
        ORDER BY ${[...s.keyExpressions, 'k.position'].join(', ')}`,
      params.values,
    );
    return rows.map((row) => ({
      key: rowGroupKey(row, scope.groupBy),
      kind: row.kind as SlaKind,
      incidents: row.incidents as number,
      breached: row.breached as number,
      open: row.open as number,
      met: row.met as number,
      pending: row.pending as number,
      noTarget: row.no_target as number,
      excluded: row.excluded as number,
      missing: row.missing as number,
      order: row.order as number,
    }));
  }

  /** Open breaches in scope (ungrouped), longest overdue first, at most `limit`, and how many there are. */
  async openBreaches(scope: ResolvedScope, now: Date, limit: number): Promise<{ items: OpenBreach[]; total: number }> {
    const params = new SqlParams();
    const s = scopeSql({ ...scope, groupBy: [] }, params);
    const nowParam = params.add(now);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT v.id, v.key, i.title, ps.key AS severity, k.kind, k.target AS target_seconds,
              k.start_at + k.target * interval '1 second' AS deadline,
              extract(epoch FROM ${nowParam}::timestamptz - (k.start_at + k.target * interval '1 second'))::double precision AS overdue_seconds,
              count(*) OVER ()::int AS total
         ${s.from} JOIN incidents i ON i.id = v.id ${SLA_KINDS_SQL} ${slaStateSql(nowParam)}
         ${s.where} AND st.state = 'open'
        ORDER BY deadline, v.key, k.position
        LIMIT ${params.add(limit)}`,
      params.values,
    );
    return {
      items: rows.map((row) => ({
        id: row.id as string,
        key: row.key as string,
        title: row.title as string,
        severity: row.severity as string,
        kind: row.kind as SlaKind,
        targetSeconds: row.target_seconds as number,
        deadline: row.deadline as Date,
        overdueSeconds: row.overdue_seconds as number,
      })),
      total: (rows[0]?.total as number | undefined) ?? 0,
    };
  }

  /**
   * Incidents per period (of `scope.groupBy`, a single period grouping) and peak severity, counted and
   * excluded apart, joined onto every severity level (restricted to the scope's severities when given) so
   * a level without incidents still comes back, as one row with a NULL period.
   */
  async severityTrends(scope: ResolvedScope): Promise<SeverityTrendRow[]> {
    const params = new SqlParams();
    const s = scopeSql(scope, params);
    const severities = scope.filter.severities;
    const levelFilter = severities?.length ? `WHERE sl.key = ANY(${params.add(severities)}::text[])` : '';
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH counted AS (
         SELECT ${s.keySelects.join(', ')}, v.peak_severity_id AS severity_id,
                count(*) FILTER (WHERE NOT v.excluded_from_metrics)::int AS incidents,
                count(*) FILTER (WHERE v.excluded_from_metrics)::int AS excluded
           ${s.from} ${s.where}
          GROUP BY ${[...s.keyExpressions, 'v.peak_severity_id'].join(', ')}
       )
       SELECT sl.key AS severity, sl.name, c.key_period, c.key_period_start, c.incidents, c.excluded
         FROM severity_levels sl LEFT JOIN counted c ON c.severity_id = sl.id
         ${levelFilter}
        ORDER BY sl.rank, c.key_period_start`,
      params.values,
    );
    return rows.map((row) => ({
      severity: row.severity as string,
      name: row.name as string,
      periodStart: row.key_period_start as Date | null,
      incidents: row.incidents as number | null,
      excluded: row.excluded as number | null,
    }));
  }

  /**
   * Per group of the scope (the period last), the metric's values as a number array (never incident
   * rows), its continuous median and how many incidents it left out, by reason.
   */
  async changeSamples(scope: ResolvedScope, metric: IntervalMetric): Promise<ChangeSampleRow[]> {
    const params = new SqlParams();
    const s = scopeSql(scope, params);
    const seconds = `v.${metric}_seconds`;
    const reason = `v.${metric}_excluded_reason`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${s.keySelects.join(', ')}, count(*)::int AS incidents,
              COALESCE(array_agg(${seconds} ORDER BY ${seconds}) FILTER (WHERE ${seconds} IS NOT NULL), '{}') AS samples,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds}) AS median,
              count(*) FILTER (WHERE ${reason} = 'missing')::int AS missing,
              count(*) FILTER (WHERE ${reason} = 'order')::int AS "order",
              count(*) FILTER (WHERE ${reason} = 'excluded')::int AS excluded
         ${s.from} ${s.where}
        GROUP BY ${s.keyExpressions.join(', ')}
        ORDER BY ${s.keyExpressions.join(', ')}`,
      params.values,
    );
    const dimensions = scope.groupBy.filter((dimension) => dimension.kind !== 'period');
    return rows.map((row) => ({
      key: rowGroupKey(row, dimensions),
      periodStart: row.key_period_start as Date,
      incidents: row.incidents as number,
      samples: row.samples as number[],
      median: row.median as number | null,
      missing: row.missing as number,
      order: row.order as number,
      excluded: row.excluded as number,
    }));
  }

  /**
   * One page of the incidents in scope left out of at least one metric for a listed reason (`excluded`,
   * `order`, and `missing` when asked) or, with `order` listed, with any milestones out of order; newest
   * first, after the cursor (started_at, id). Each row carries its nine milestones for the pairs.
   */
  async dataQualityPage(
    scope: ResolvedScope,
    reasons: readonly ExclusionReason[],
    limit: number,
    after?: { at: string; id: string },
  ): Promise<DataQualityRow[]> {
    const params = new SqlParams();
    const s = scopeSql({ ...scope, groupBy: [] }, params);
    const where = [s.where, `AND ${listedFor(reasons)}`];
    if (after) where.push(`AND (v.started_at, v.id) < (${params.add(after.at)}::timestamptz, ${params.add(after.id)}::uuid)`);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT v.id, v.key, i.title, v.started_at,
              to_char(v.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
              v.excluded_from_metrics, i.exclusion_reason, v.order_violation, ${MILESTONE_COLUMNS.join(', ')},
              array_remove(ARRAY[${DATA_QUALITY_METRICS.map((m) => `CASE WHEN ${MISSING_END_SQL[m]} THEN '${m}' END`).join(', ')}]::text[], NULL) AS missing_metrics,
              jsonb_build_object(${DATA_QUALITY_METRICS.map((m) => `'${m}', ${LEFT_OUT_SQL[m]}`).join(', ')}) AS left_out
         ${s.from} JOIN incidents i ON i.id = v.id
         ${where.join(' ')}
        ORDER BY v.started_at DESC, v.id DESC
        LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map((row) => ({
      id: row.id as string,
      key: row.key as string,
      title: row.title as string,
      startedAt: row.started_at as Date,
      cursorAt: row.cursor_at as string,
      excludedFromMetrics: row.excluded_from_metrics as boolean,
      exclusionReason: row.exclusion_reason as string | null,
      orderViolation: row.order_violation as boolean,
      milestones: Object.fromEntries(MILESTONES.map((milestone) => [milestone, row[milestone] as Date | null])) as DataQualityRow['milestones'],
      missingMetrics: row.missing_metrics as string[],
      leftOut: row.left_out as DataQualityRow['leftOut'],
    }));
  }

  /**
   * Counts over every incident in scope: by reason (incidents with ≥ 1 metric left out for it), incidents
   * with any milestones out of order (left out of a metric or not), and per metric.
   */
  async dataQualitySummary(scope: ResolvedScope, listedReasons: readonly ExclusionReason[]): Promise<DataQualitySummaryRow> {
    const params = new SqlParams();
    const s = scopeSql({ ...scope, groupBy: [] }, params);
    const perMetric = DATA_QUALITY_METRICS.map(
      (m) => `'${m}', jsonb_build_object(
          'counted', count(*) FILTER (WHERE (${LEFT_OUT_SQL[m]}) IS NULL),
          'excluded', count(*) FILTER (WHERE (${LEFT_OUT_SQL[m]}) = 'excluded'),
          'missing', count(*) FILTER (WHERE (${LEFT_OUT_SQL[m]}) = 'missing'),
          'order', count(*) FILTER (WHERE (${LEFT_OUT_SQL[m]}) = 'order'))`,
    );
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT count(*)::int AS incidents,
              count(*) FILTER (WHERE ${listedFor(listedReasons)})::int AS listed,
              count(*) FILTER (WHERE ${leftOutFor(['excluded'])})::int AS excluded,
              count(*) FILTER (WHERE ${leftOutFor(['order'])})::int AS "order",
              count(*) FILTER (WHERE ${leftOutFor(['missing'])})::int AS missing,
              count(*) FILTER (WHERE v.order_violation)::int AS out_of_order,
              jsonb_build_object(${perMetric.join(', ')}) AS by_metric
         ${s.from} ${s.where}`,
      params.values,
    );
    const [row] = rows;
    return {
      incidents: row.incidents as number,
      listed: row.listed as number,
      excluded: row.excluded as number,
      order: row.order as number,
      missing: row.missing as number,
      outOfOrder: row.out_of_order as number,
      byMetric: row.by_metric as DataQualitySummaryRow['byMetric'],
    };
  }

  /**
   * Incidents per ISO weekday and local hour of started_at in the scope's zone, and how many of them started
   * outside the calendar's working windows: isBusinessTime() of business-hours.ts in SQL (a working weekday, not
   * a holiday, local dayStart ≤ time < dayEnd, all in the calendar's own zone).
   */
  async startTimes(scope: ResolvedScope, calendar: BusinessCalendar): Promise<StartTimeRow[]> {
    const params = new SqlParams();
    const s = scopeSql({ ...scope, groupBy: [] }, params);
    const zone = params.add(scope.timeZone);
    const business = `(v.started_at AT TIME ZONE ${params.add(calendar.timeZone)}::text)`;
    const sinceMidnight = `(${business} - date_trunc('day', ${business}))`;
    const inHours =
      `(extract(isodow FROM ${business})::int = ANY(${params.add(calendar.workingDays)}::int[]) ` +
      `AND NOT (${business}::date = ANY(${params.add(calendar.holidays)}::date[])) ` +
      `AND ${sinceMidnight} >= make_interval(mins => ${params.add(calendar.dayStartMinute)}::int) ` +
      `AND ${sinceMidnight} < make_interval(mins => ${params.add(calendar.dayEndMinute)}::int))`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT extract(isodow FROM v.started_at AT TIME ZONE ${zone}::text)::int AS weekday,
              extract(hour FROM v.started_at AT TIME ZONE ${zone}::text)::int AS hour,
              count(*) FILTER (WHERE NOT v.excluded_from_metrics)::int AS incidents,
              count(*) FILTER (WHERE NOT v.excluded_from_metrics AND NOT ${inHours})::int AS out_of_hours,
              count(*) FILTER (WHERE v.excluded_from_metrics)::int AS excluded
         ${s.from} ${s.where}
        GROUP BY 1, 2`,
      params.values,
    );
    return rows.map((row) => ({
      weekday: row.weekday as number,
      hour: row.hour as number,
      incidents: row.incidents as number,
      outOfHours: row.out_of_hours as number,
      excluded: row.excluded as number,
    }));
  }

  /** The measured values of the metric counted per bucket: width_bucket over the buckets' lower bounds (1 = the first). */
  async distribution(scope: ResolvedScope, metric: IntervalMetric, lowerBounds: readonly number[]): Promise<DistributionRow[]> {
    const params = new SqlParams();
    const s = scopeSql({ ...scope, groupBy: [] }, params);
    const seconds = `v.${metric}_seconds`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT width_bucket(${seconds}::float8, ${params.add(lowerBounds)}::float8[]) AS bucket, count(*)::int AS incidents
         ${s.from} ${s.where} AND ${seconds} IS NOT NULL
        GROUP BY 1`,
      params.values,
    );
    return rows.map((row) => ({ bucket: row.bucket as number, incidents: row.incidents as number }));
  }
}
