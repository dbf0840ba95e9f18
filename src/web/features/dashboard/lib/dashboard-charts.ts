import type {
  BreachRateData, DurationBucketData, DurationTrendData, IncidentCountData, StartTimeHeatmapData,
} from '../../../../charts/chart-definitions';
import { changeVerdict, type ChangeVerdict } from '../../../../metrics/core/change-verdict';
import type { components } from '../../../api/schema';
import { formatShortMonth } from '../../../lib/format';

/**
 * The metrics API's answers arranged as the chart definitions' inputs and the headline tiles: figures copied as
 * the API gives them (never recomputed), placed on the period grid and coloured by severity rank. Pure.
 */

type Schemas = components['schemas'];
export type MetricsResponse = Schemas['MetricsResponseDto'];
export type SeverityTrends = Schemas['SeverityTrendsDto'];
export type SlaReport = Schemas['SlaReportDto'];
export type Changes = Schemas['ChangesDto'];
export type StartTimes = Schemas['StartTimesDto'];
export type Distribution = Schemas['DistributionDto'];
export type SeverityLevel = Schemas['SeverityLevelDto'];

/** The duration metrics the dashboard charts and compares. */
export const DASHBOARD_METRICS = ['ttd', 'tta', 'ttm', 'ttr'] as const;
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number];
export const SLA_KINDS = ['ack', 'mitigate', 'resolve'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

/** The periods of the range, oldest first: severity trends lists every one, empty ones included. */
export const periodsOf = (trends: SeverityTrends) => trends.periods.map((p) => p.period);

/** A severity's position in rank order over all levels (0 = most severe): its colour in every chart. */
function rankIndexOf(levels: readonly SeverityLevel[]) {
  const ordered = [...levels].sort((a, b) => a.rank - b.rank).map((level) => level.key);
  return (key: string) => (ordered.includes(key) ? ordered.indexOf(key) : null);
}

/** Severities present in grouped answers, most severe first. */
function severitiesIn(keys: readonly (string | undefined)[], levels: readonly SeverityLevel[]): string[] {
  const rank = rankIndexOf(levels);
  return [...new Set(keys.filter((key): key is string => !!key))].sort((a, b) => (rank(a) ?? 99) - (rank(b) ?? 99) || a.localeCompare(b));
}

/** Median and p90 of one metric per month, a series per severity (GET /metrics grouped by period:month and severity). */
export function durationTrendData(metric: DashboardMetric, periods: readonly string[], grouped: MetricsResponse, levels: readonly SeverityLevel[]): DurationTrendData {
  const rank = rankIndexOf(levels);
  const series = severitiesIn(grouped.groups.map((g) => g.key.severity), levels).map((severity) => {
    const byPeriod = new Map(grouped.groups.filter((g) => g.key.severity === severity).map((g) => [g.key.period, g.metrics[metric]]));
    return {
      label: severity,
      rankIndex: rank(severity),
      median: periods.map((p) => byPeriod.get(p)?.median ?? null),
      p90: periods.map((p) => byPeriod.get(p)?.p90 ?? null),
      n: periods.map((p) => byPeriod.get(p)?.n ?? 0),
    };
  });
  return { metric, periods: periods.map(formatShortMonth), series };
}

/** Incidents per month by peak severity (GET /metrics/severity-trends): every listed level, zeros included. */
export function incidentCountData(trends: SeverityTrends, levels: readonly SeverityLevel[]): IncidentCountData {
  const rank = rankIndexOf(levels);
  const keys = trends.periods[0]?.severities.map((s) => s.severity) ?? [];
  return {
    periods: trends.periods.map((p) => formatShortMonth(p.period)),
    series: keys.map((severity) => ({
      label: severity,
      rankIndex: rank(severity),
      counts: trends.periods.map((p) => p.severities.find((s) => s.severity === severity)?.incidents ?? 0),
    })),
  };
}

const TARGET_WORDS: Record<SlaKind, string> = { ack: 'time to acknowledge', mitigate: 'time to mitigate', resolve: 'time to resolve' };

/** Breached and measured per month and severity for one target (GET /metrics/sla grouped by period:month and severity). */
export function breachRateData(kind: SlaKind, periods: readonly string[], sla: SlaReport, levels: readonly SeverityLevel[]): BreachRateData {
  const rank = rankIndexOf(levels);
  const series = severitiesIn(sla.groups.map((g) => g.key.severity), levels).map((severity) => {
    const byPeriod = new Map(sla.groups.filter((g) => g.key.severity === severity).map((g) => [g.key.period, g.sla[kind]]));
    return {
      label: severity,
      rankIndex: rank(severity),
      breached: periods.map((p) => byPeriod.get(p)?.breached ?? 0),
      measured: periods.map((p) => byPeriod.get(p)?.n ?? 0),
    };
  });
  return { target: TARGET_WORDS[kind], periods: periods.map(formatShortMonth), series };
}

/** The bucket counts of GET /metrics/distribution, for durationBucketChart. */
export function distributionData(distribution: Distribution, range: string): DurationBucketData {
  return { metric: distribution.metric, range, counts: distribution.buckets.map((b) => b.incidents) };
}

/** GET /metrics/start-times as the heatmap's input. */
export function heatmapData(startTimes: StartTimes): StartTimeHeatmapData {
  return { timeZone: startTimes.timeZone, cells: startTimes.cells, incidents: startTimes.incidents, outOfHoursShare: startTimes.outOfHoursShare };
}

/** A headline comparison: the last complete month of the range against the month before it. */
export interface TileChange {
  period: string;
  verdict: ChangeVerdict;
  pValue: number | null;
  nPrevious: number;
  nCurrent: number;
}

/**
 * The change a tile shows (GET /metrics/changes, ungrouped): the latest month of the range that has ended by
 * `now` and has a month before it in the range; null when there is none. The words are changeVerdict's, as the
 * monthly report's: "too few incidents to tell" when either month has fewer than the API's minimum sample.
 */
export function latestChange(changes: Changes, rangeEnd: string, now: Date): TileChange | null {
  const periods = changes.groups[0]?.periods ?? [];
  for (let i = periods.length - 1; i >= 1; i -= 1) {
    const end = i + 1 < periods.length ? periods[i + 1].periodStart : rangeEnd;
    const change = periods[i].change;
    if (new Date(end).getTime() > now.getTime() || !change) continue;
    return {
      period: periods[i].period,
      verdict: changeVerdict(change.label, change.nPrevious, change.nCurrent, changes.minSampleSize),
      pValue: change.pValue,
      nPrevious: change.nPrevious,
      nCurrent: change.nCurrent,
    };
  }
  return null;
}

/** A p-value as a person reads it: "p = 0.012", "p < 0.001"; nothing when the API gave none. */
export function formatPValue(p: number | null): string {
  if (p === null) return '';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** A share 0–1 as "37.5 %"; "–" for none. */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 1000) / 10} %`;
}
