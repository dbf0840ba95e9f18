import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlParams } from '../../database/sql-params.js';
import { INTERVAL_METRIC_KEYS, METRIC_NAMES, type MetricName } from '../core/intervals.js';
import { MAX_GROUPS, type ResolvedScope } from '../core/metrics-scope.js';
import { rowGroupKey, scopeSql } from '../core/metrics-scope.sql.js';
import type { MetricDistribution, MetricsGroup } from './metrics-summary.results.js';

/** The value and exclusion-reason SQL of each metric: columns of the view `v`, whose values are the seconds stored with each incident. */
const METRIC_SQL: Record<MetricName, { value: string; reason: string }> = {
  ...(Object.fromEntries(INTERVAL_METRIC_KEYS.map((m) => [m, { value: `v.${m}_seconds`, reason: `v.${m}_excluded_reason` }])) as Record<
    (typeof INTERVAL_METRIC_KEYS)[number],
    { value: string; reason: string }
  >),
  ttRetro: { value: 'v.tt_retro_seconds', reason: 'v.tt_retro_excluded_reason' },
};

const column = (metric: MetricName, figure: string) => `${metric.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_${figure}`;

/**
 * The aggregates of one metric: fewer than one per figure, because over a million rows each one costs
 * (they all run in one process, after the parallel scan and sort):
 * - percentile_cont at 0 and at 1 is exactly the minimum and the maximum (nothing to interpolate);
 * - the mean is sum / n, which is what avg() computes;
 * - `excluded` is the same for every metric, so it is counted once (the statement's `excluded`); and a
 *   row left out of a metric has exactly one reason, so `order` = rows − n − missing − excluded.
 */
function metricSelects(metric: MetricName): string[] {
  const { value, reason } = METRIC_SQL[metric];
  return [
    `count(${value})::int AS ${column(metric, 'n')}`,
    `percentile_cont('{0,0.5,0.9,0.95,1}'::float8[]) WITHIN GROUP (ORDER BY ${value}) AS ${column(metric, 'percentiles')}`,
    `sum(${value}) AS ${column(metric, 'sum')}`,
    `count(*) FILTER (WHERE ${reason} = 'missing')::int AS ${column(metric, 'missing')}`,
  ];
}

/**
 * Settings for the summary statement alone, applied with SET LOCAL in its own transaction (measured at
 * 1,000,000 incidents, BENCHMARKS.md):
 * - `jit` off: its cost estimate grows with the rows; past jit_optimize_above_cost (it was, at a million
 *   incidents, before the metrics were stored) every process spends about a second compiling the long
 *   statement before reading a row, and the compiled code wins less than that back;
 * - `work_mem` 64MB: the sort by group key of a million rows stays in memory in each process instead of
 *   spilling to disk (at the 4MB default it writes 30–45 MB per process).
 */
export const SUMMARY_SETTINGS: Readonly<Record<string, string>> = { jit: 'off', work_mem: '64MB' };

/** All SQL of the summary. Returns aggregates only: no incident rows ever reach Node. */
@Injectable()
export class MetricsSummaryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every figure of GET /api/v1/metrics in one statement: one row per group (one row in all without
   * grouping, even over no incidents), ordered by the group key expressions. `incidents` counts the
   * group's rows, which are distinct incidents: the view has one row per incident, and service grouping
   * joins each incident once per service it affected (incident_services' key), so it counts once in each
   * of its services' groups. At most MAX_GROUPS + 1 groups: one more tells the caller there are too many.
   */
  async summarize(scope: ResolvedScope): Promise<MetricsGroup[]> {
    const params = new SqlParams();
    const sql = scopeSql(scope, params);
    const grouped = sql.keyExpressions.length > 0;
    const statement = `
      SELECT ${[...sql.keySelects, 'count(*)::int AS incidents', 'count(*) FILTER (WHERE v.excluded_from_metrics)::int AS excluded', ...METRIC_NAMES.flatMap(metricSelects)].join(',\n             ')}
        ${sql.from}
        ${sql.where}
        ${grouped ? `GROUP BY ${sql.keyExpressions.join(', ')} ORDER BY ${sql.keyExpressions.join(', ')} LIMIT ${MAX_GROUPS + 1}` : ''}`;
    const rows: Record<string, unknown>[] = await this.dataSource.transaction(async (manager) => {
      const settings = Object.entries(SUMMARY_SETTINGS);
      await manager.query(`SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, settings.flat());
      return manager.query(statement, params.values);
    });
    return rows.map((row) => ({
      key: rowGroupKey(row, scope.groupBy),
      incidents: row.incidents as number,
      metrics: Object.fromEntries(METRIC_NAMES.map((metric) => [metric, toDistribution(row, metric)])) as Record<MetricName, MetricDistribution>,
    }));
  }
}

function toDistribution(row: Record<string, unknown>, metric: MetricName): MetricDistribution {
  const n = row[column(metric, 'n')] as number;
  const missing = row[column(metric, 'missing')] as number;
  const excluded = row.excluded as number;
  // percentile_cont at 0, 0.5, 0.9, 0.95 and 1 (see metricSelects); null when n = 0.
  const p = (row[column(metric, 'percentiles')] as number[] | null)?.map(Number) ?? null;
  return {
    n,
    median: p === null ? null : p[1],
    p90: p === null ? null : p[2],
    p95: p === null ? null : p[3],
    mean: n === 0 ? null : Number(row[column(metric, 'sum')]) / n,
    min: p === null ? null : p[0],
    max: p === null ? null : p[4],
    excluded: { missing, order: (row.incidents as number) - n - missing - excluded, excluded },
  };
}
