import { METRIC_NAMES, type ExclusionReason, type MetricName } from '../core/intervals.js';
import type { GroupDimension, GroupKey } from '../core/metrics-scope.js';
import type { ReportPeriod } from '../core/report-periods.js';

/**
 * What MetricsSummaryService answers: the six durations of SPEC §2 per group, as typed values (instants
 * as Dates, seconds as numbers). Pure.
 */

/** One metric over a group: a distribution, never a bare mean. Seconds (business seconds for ttRetro); null when n = 0. */
export interface MetricDistribution {
  /** Incidents measured: both milestones present and in order, not excluded. */
  n: number;
  /** Continuous percentiles, as PostgreSQL's percentile_cont. */
  median: number | null;
  p90: number | null;
  p95: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Incidents of the group left out of this metric, by reason; n + these = incidents. */
  excluded: Record<ExclusionReason, number>;
}

export interface MetricsGroup {
  key: GroupKey;
  /** Incidents in the group, excluded ones included. */
  incidents: number;
  metrics: Record<MetricName, MetricDistribution>;
}

export interface SummaryReport {
  timeZone: string;
  from: Date;
  to: Date;
  groupBy: GroupDimension[];
  /**
   * Ordered by key: period, severity by rank, names by the database collation. Groups without incidents
   * are left out, except when grouping by period alone: then every period of the range is listed.
   */
  groups: MetricsGroup[];
}

/** A period without incidents: incidents 0, every metric n = 0 with nulls. */
export function emptyPeriodGroup({ period, periodStart }: ReportPeriod): MetricsGroup {
  const empty = (): MetricDistribution => ({ n: 0, median: null, p90: null, p95: null, mean: null, min: null, max: null, excluded: { missing: 0, order: 0, excluded: 0 } });
  return { key: { period, periodStart }, incidents: 0, metrics: Object.fromEntries(METRIC_NAMES.map((metric) => [metric, empty()])) as Record<MetricName, MetricDistribution> };
}
