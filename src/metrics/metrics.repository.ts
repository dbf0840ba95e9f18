import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INTERVAL_METRIC_KEYS, type ExclusionReason } from './intervals.js';
import { scopeSql, SqlParams, type MetricsScope } from './metrics-scope.js';

/** Every metric GET /api/v1/metrics reports: the five wall-clock intervals and time to retro. */
export const METRIC_NAMES = [...INTERVAL_METRIC_KEYS, 'ttRetro'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** One metric's aggregate over a group, as PostgreSQL computed it. */
export interface MetricAggregate {
  n: number;
  /** percentile_cont at 0.5, 0.9 and 0.95; null when n = 0. */
  percentiles: [number, number, number] | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  excluded: Record<ExclusionReason, number>;
}

/** One group: its key columns (`key_period`, `key_period_start`, `key_severity`, … as scopeSql names them) and the figures. */
export interface MetricsGroupRow {
  keyColumns: Record<string, unknown>;
  incidents: number;
  metrics: Record<MetricName, MetricAggregate>;
}

/** The value and exclusion-reason SQL of each metric: columns of the view `v` (time to retro read from its stored business seconds). */
const METRIC_SQL: Record<MetricName, { value: string; reason: string }> = {
  ...(Object.fromEntries(INTERVAL_METRIC_KEYS.map((m) => [m, { value: `v.${m}_seconds`, reason: `v.${m}_excluded_reason` }])) as Record<
    (typeof INTERVAL_METRIC_KEYS)[number],
    { value: string; reason: string }
  >),
  ttRetro: { value: 'v.tt_retro_seconds', reason: 'v.tt_retro_excluded_reason' },
};

const REASONS: readonly ExclusionReason[] = ['missing', 'order', 'excluded'];

const column = (metric: MetricName, figure: string) => `${metric.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_${figure}`;

function metricSelects(metric: MetricName): string[] {
  const { value, reason } = METRIC_SQL[metric];
  return [
    `count(${value})::int AS ${column(metric, 'n')}`,
    `percentile_cont('{0.5,0.9,0.95}'::float8[]) WITHIN GROUP (ORDER BY ${value}) AS ${column(metric, 'percentiles')}`,
    `avg(${value}) AS ${column(metric, 'mean')}`,
    `min(${value}) AS ${column(metric, 'min')}`,
    `max(${value}) AS ${column(metric, 'max')}`,
    ...REASONS.map((r) => `count(*) FILTER (WHERE ${reason} = '${r}')::int AS ${column(metric, r)}`),
  ];
}

/**
 * Settings for the summary statement alone, applied with SET LOCAL in its own transaction (measured at
 * 1,000,000 incidents, BENCHMARKS.md):
 * - `jit` off: the statement is long and its cost estimate passes jit_optimize_above_cost, so every
 *   process spends about a second compiling it (inlining, optimisation) before reading a row, and the
 *   compiled code wins less than that back;
 * - `work_mem` 64MB: the sort by group key of a million rows stays in memory in each process instead of
 *   spilling to disk (at the 4MB default it writes 30–45 MB per process).
 */
export const SUMMARY_SETTINGS: Readonly<Record<string, string>> = { jit: 'off', work_mem: '64MB' };

/** All SQL of the metrics endpoints. Returns aggregates only: no incident rows ever reach Node. */
@Injectable()
export class MetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every figure of GET /api/v1/metrics in one statement: one row per group (one row in all without
   * grouping, even over no incidents), ordered by the group key expressions. `incidents` counts
   * distinct incidents; with service grouping an incident counts once in each of its services' groups.
   */
  async summarize(scope: MetricsScope): Promise<MetricsGroupRow[]> {
    const params = new SqlParams();
    const sql = scopeSql(scope, params);
    const grouped = sql.keyExpressions.length > 0;
    const statement = `
      SELECT ${[...sql.keySelects, 'count(DISTINCT v.id)::int AS incidents', ...METRIC_NAMES.flatMap(metricSelects)].join(',\n             ')}
        ${sql.from}
        ${sql.where}
        ${grouped ? `GROUP BY ${sql.keyExpressions.join(', ')} ORDER BY ${sql.keyExpressions.join(', ')}` : ''}`;
    const rows: Record<string, unknown>[] = await this.dataSource.transaction(async (manager) => {
      const settings = Object.entries(SUMMARY_SETTINGS);
      await manager.query(`SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, settings.flat());
      return manager.query(statement, params.values);
    });
    return rows.map((row) => ({
      keyColumns: Object.fromEntries(Object.entries(row).filter(([name]) => name.startsWith('key_'))),
      incidents: row.incidents as number,
      metrics: Object.fromEntries(METRIC_NAMES.map((metric) => [metric, toAggregate(row, metric)])) as Record<MetricName, MetricAggregate>,
    }));
  }
}

function toAggregate(row: Record<string, unknown>, metric: MetricName): MetricAggregate {
  const number = (figure: string) => (row[column(metric, figure)] === null ? null : Number(row[column(metric, figure)]));
  const percentiles = row[column(metric, 'percentiles')] as number[] | null;
  return {
    n: row[column(metric, 'n')] as number,
    percentiles: percentiles === null ? null : [Number(percentiles[0]), Number(percentiles[1]), Number(percentiles[2])],
    mean: number('mean'),
    min: number('min'),
    max: number('max'),
    excluded: { missing: row[column(metric, 'missing')] as number, order: row[column(metric, 'order')] as number, excluded: row[column(metric, 'excluded')] as number },
  };
}
