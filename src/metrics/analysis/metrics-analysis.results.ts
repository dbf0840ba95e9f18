import { compareDurations, type ChangeOverTime } from '../core/change-over-time.js';
import { MILESTONES, type Milestone, type MilestoneOrderViolation } from '../../incidents/milestones.js';
import { outOfOrderPairs, type ExclusionReason, type IntervalMetric } from '../core/intervals.js';
import type { GroupKey } from '../core/metrics-scope.js';
import type { PeriodUnit } from '../core/periods.js';
import type { ReportPeriod } from '../core/report-periods.js';
import type { SlaKind } from '../core/sla.js';

/**
 * What MetricsAnalysisService answers (SLA, severity trends, change over time, data quality), as typed
 * values, and how they are derived from the repository's rows: rates, shares, the period grid and the
 * change test are worked out here, in plain code. Pure.
 */

// ---------- What the repository returns ----------

/** One group and SLA kind: how many of the group's incidents ended up in each state. */
export interface SlaCountRow {
  key: GroupKey;
  kind: SlaKind;
  incidents: number;
  breached: number;
  open: number;
  met: number;
  pending: number;
  noTarget: number;
  excluded: number;
  missing: number;
  order: number;
}

/** One severity level and period; a level without incidents in scope comes once, with periodStart null. */
export interface SeverityTrendRow {
  severity: string;
  name: string;
  periodStart: Date | null;
  incidents: number | null;
  excluded: number | null;
}

/** One group (without the period) and period: the metric's values and how many incidents it left out. */
export interface ChangeSampleRow {
  key: GroupKey;
  periodStart: Date;
  incidents: number;
  samples: number[];
  median: number | null;
  missing: number;
  order: number;
  excluded: number;
}

/** The metrics data quality reports on: the five interval metrics of the view and time to retro. */
export const DATA_QUALITY_METRICS = ['ttd', 'tta', 'tte', 'ttm', 'ttr', 'ttRetro'] as const;
export type DataQualityMetric = (typeof DATA_QUALITY_METRICS)[number];

export interface DataQualityRow {
  id: string;
  key: string;
  title: string;
  startedAt: Date;
  /** started_at as text to the microsecond, for the page cursor. */
  cursorAt: string;
  excludedFromMetrics: boolean;
  exclusionReason: string | null;
  /** Some pair of present milestones is out of lifecycle order (the view's order_violation). */
  orderViolation: boolean;
  /** The nine milestones, for the out-of-order pairs. */
  milestones: Record<Milestone, Date | null>;
  missingMetrics: string[];
  leftOut: Record<DataQualityMetric, ExclusionReason | null>;
}

export interface DataQualitySummaryRow {
  incidents: number;
  /** Incidents left out of a metric for a listed reason. */
  listed: number;
  excluded: number;
  order: number;
  missing: number;
  outOfOrder: number;
  byMetric: Record<DataQualityMetric, { counted: number; excluded: number; missing: number; order: number }>;
}

// ---------- SLA ----------

export interface SlaKindCounts {
  /** Both milestones present and the interval strictly longer than the target. */
  breached: number;
  met: number;
  /** breached + met: the incidents the rate is over. */
  n: number;
  /** breached / n; null when n = 0. */
  breachRate: number | null;
  /** End milestone missing on an unresolved incident whose deadline has passed at `now`. */
  open: number;
  /** End milestone missing on an unresolved incident still within its deadline. */
  pending: number;
  notEvaluated: { noTarget: number; excluded: number; missing: number; order: number };
}

export interface SlaGroup {
  key: GroupKey;
  /** Incidents in the group, excluded ones included. */
  incidents: number;
  /** Per kind, judged against the peak severity's targets. */
  sla: Record<SlaKind, SlaKindCounts>;
}

export interface OpenBreach {
  id: string;
  key: string;
  title: string;
  /** Peak severity, whose target applies. */
  severity: string;
  kind: SlaKind;
  targetSeconds: number;
  /** Start milestone + target. */
  deadline: Date;
  /** Seconds from the deadline to `now`. */
  overdueSeconds: number;
}

export interface SlaReport {
  /** The instant open breaches and pending kinds are judged at (the clock's now). */
  now: Date;
  /** One per group with incidents; exactly one, key {}, without grouping. */
  groups: SlaGroup[];
  /** Open breaches in scope (not split by group), earliest deadline first, at most OPEN_BREACH_LIST_LIMIT. */
  openBreaches: OpenBreach[];
  openBreachesTotal: number;
}

const SLA_KINDS: SlaKind[] = ['ack', 'mitigate', 'resolve'];

function emptyKindCounts(): SlaKindCounts {
  return { breached: 0, met: 0, n: 0, breachRate: null, open: 0, pending: 0, notEvaluated: { noTarget: 0, excluded: 0, missing: 0, order: 0 } };
}

function toKindCounts(row: SlaCountRow): SlaKindCounts {
  const n = row.breached + row.met;
  return {
    breached: row.breached,
    met: row.met,
    n,
    breachRate: n > 0 ? row.breached / n : null,
    open: row.open,
    pending: row.pending,
    notEvaluated: { noTarget: row.noTarget, excluded: row.excluded, missing: row.missing, order: row.order },
  };
}

const emptyKinds = () => Object.fromEntries(SLA_KINDS.map((k) => [k, emptyKindCounts()])) as Record<SlaKind, SlaKindCounts>;

/**
 * SLA groups from rows of one group and kind each (in group order). Without grouping there is always
 * exactly one group, key {}, zeros when nothing is in scope.
 */
export function toSlaGroups(rows: readonly SlaCountRow[], grouped: boolean): SlaGroup[] {
  const groups = new Map<string, SlaGroup>();
  for (const row of rows) {
    const id = JSON.stringify(row.key);
    let group = groups.get(id);
    if (!group) {
      group = { key: row.key, incidents: row.incidents, sla: emptyKinds() };
      groups.set(id, group);
    }
    group.sla[row.kind] = toKindCounts(row);
  }
  if (!grouped && groups.size === 0) return [{ key: {}, incidents: 0, sla: emptyKinds() }];
  return [...groups.values()];
}

// ---------- Severity trends ----------

export interface SeverityShare {
  /** Severity level key. */
  severity: string;
  name: string;
  /** Incidents of this peak severity that started in the period, excluded ones not counted. */
  incidents: number;
  /** incidents / the period's total; null when the period has none. */
  share: number | null;
}

export interface SeverityTrendPeriod extends ReportPeriod {
  /** Incidents counted in the period. */
  total: number;
  /** Incidents of the period excluded from metrics: not in total, counts or shares. */
  excluded: number;
  /** Every severity level (or the filtered ones), most severe first, zeros included. */
  severities: SeverityShare[];
}

export interface SeverityTrendsReport {
  period: PeriodUnit;
  /** The zone the periods are cut in. */
  timeZone: string;
  /** Every period overlapping [from, to), oldest first, empty ones included. */
  periods: SeverityTrendPeriod[];
  total: number;
  excluded: number;
}

/**
 * The severity-trend grid: every period × every severity level returned (zeros filled in), shares of
 * the period's counted total. Excluded incidents are reported per period, never counted.
 */
export function toSeverityTrendPeriods(rows: readonly SeverityTrendRow[], periods: readonly ReportPeriod[]): SeverityTrendPeriod[] {
  const levels: { severity: string; name: string }[] = [];
  const counts = new Map<string, { incidents: number; excluded: number }>();
  for (const row of rows) {
    if (!levels.some((level) => level.severity === row.severity)) levels.push({ severity: row.severity, name: row.name });
    if (row.periodStart) counts.set(`${row.periodStart.toISOString()}|${row.severity}`, { incidents: row.incidents ?? 0, excluded: row.excluded ?? 0 });
  }
  return periods.map(({ period, periodStart }) => {
    const cells = levels.map((level) => ({ ...level, ...(counts.get(`${periodStart.toISOString()}|${level.severity}`) ?? { incidents: 0, excluded: 0 }) }));
    const total = cells.reduce((sum, cell) => sum + cell.incidents, 0);
    return {
      period,
      periodStart,
      total,
      excluded: cells.reduce((sum, cell) => sum + cell.excluded, 0),
      severities: cells.map(({ severity, name, incidents }) => ({ severity, name, incidents, share: total > 0 ? incidents / total : null })),
    };
  });
}

// ---------- Change over time ----------

export interface ChangePeriod extends ReportPeriod {
  /** Incidents of the group that started in the period. */
  incidents: number;
  /** Incidents with a value of the metric. */
  n: number;
  /** Continuous median, seconds; null when n = 0. */
  median: number | null;
  /** Incidents without a value, by reason; n + these = incidents. */
  excluded: Record<ExclusionReason, number>;
  /** Against the previous period; null for the first period of the range. */
  change: ChangeOverTime | null;
}

export interface ChangeGroup {
  /** The group without the period, e.g. `{ severity: 'SEV1' }`; `{}` without grouping. */
  key: GroupKey;
  /** Every period overlapping [from, to), oldest first, empty ones included. */
  periods: ChangePeriod[];
}

export interface ChangesReport {
  metric: IntervalMetric;
  period: PeriodUnit;
  timeZone: string;
  test: 'mann-whitney-u';
  /** Two-sided significance level. */
  alpha: number;
  /** Below this many values in either period the label is always "no clear change". */
  minSampleSize: number;
  /** The method in one sentence. */
  method: string;
  /** One series per group that has incidents in range; one group {} without grouping. */
  groups: ChangeGroup[];
}

/**
 * Change-over-time series: per group (in the order the rows first name it; one group {} without
 * grouping) every period in range, each compared with the previous one by compareDurations (the first
 * period has no previous one in range: change null).
 */
export function toChangeGroups(rows: readonly ChangeSampleRow[], grouped: boolean, periods: readonly ReportPeriod[]): ChangeGroup[] {
  const groups = new Map<string, { key: GroupKey; byPeriod: Map<number, ChangeSampleRow> }>();
  if (!grouped) groups.set('{}', { key: {}, byPeriod: new Map() });
  for (const row of rows) {
    const id = JSON.stringify(row.key);
    if (!groups.has(id)) groups.set(id, { key: row.key, byPeriod: new Map() });
    groups.get(id)!.byPeriod.set(row.periodStart.getTime(), row);
  }
  return [...groups.values()].map(({ key, byPeriod }) => {
    let previous: number[] | null = null;
    const series = periods.map(({ period, periodStart }): ChangePeriod => {
      const row = byPeriod.get(periodStart.getTime());
      const samples = row?.samples ?? [];
      const entry: ChangePeriod = {
        period,
        periodStart,
        incidents: row?.incidents ?? 0,
        n: samples.length,
        median: row?.median ?? null,
        excluded: { missing: row?.missing ?? 0, order: row?.order ?? 0, excluded: row?.excluded ?? 0 },
        change: previous === null ? null : compareDurations(previous, samples),
      };
      previous = samples;
      return entry;
    });
    return { key, periods: series };
  });
}

// ---------- Data quality ----------

export interface DataQualityIncident {
  id: string;
  key: string;
  title: string;
  startedAt: Date;
  excludedFromMetrics: boolean;
  exclusionReason: string | null;
  /** Some pair of present milestones is out of lifecycle order (outOfOrderPairs is not empty). */
  orderViolation: boolean;
  /**
   * Every pair of present milestones out of lifecycle order: `earlier` comes first in the lifecycle, `later`
   * should come after it but is before it. Listed whether or not a metric is left out for it: a metric is
   * left out for `order` only when its own end is before its own start (see `leftOutOf`).
   */
  outOfOrderPairs: MilestoneOrderViolation[];
  /** The milestones in at least one out-of-order pair, in lifecycle order (API names: `detectedAt`, …). */
  suspectMilestones: Milestone[];
  /** Metrics whose interval lacks a milestone. */
  missing: string[];
  /** Each metric the incident is left out of, with the reason (excluded wins over missing, which wins over order). */
  leftOutOf: Partial<Record<DataQualityMetric, ExclusionReason>>;
}

export interface DataQualityMetricCounts {
  counted: number;
  excluded: number;
  missing: number;
  order: number;
}

export interface DataQualitySummary {
  /** Incidents in scope. */
  incidents: number;
  /** Incidents excluded from metrics. */
  excluded: number;
  /** Incidents left out of at least one metric because its own end is before its own start. */
  order: number;
  /** Incidents left out of at least one metric for a missing milestone. */
  missing: number;
  /** Incidents with at least one pair of milestones out of order, whether or not a metric leaves them out (all listed). */
  outOfOrder: number;
  /** Per metric: counted + excluded + missing + order = incidents. */
  byMetric: Record<DataQualityMetric, DataQualityMetricCounts>;
}

export interface DataQualityReport {
  /** Over all incidents in scope, listed or not. */
  summary: DataQualitySummary;
  /** Reasons an incident is listed for: excluded and order always, missing when asked. */
  listedReasons: ExclusionReason[];
  /** One page of the incidents left out of a metric for a listed reason, or with milestones out of order, newest first. */
  items: DataQualityIncident[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Listed incidents over all pages. */
  total: number;
}

const LEFT_OUT_ORDER: DataQualityMetric[] = ['ttd', 'tta', 'tte', 'ttm', 'ttr', 'ttRetro'];

export function toDataQualityIncident(row: DataQualityRow): DataQualityIncident {
  const leftOutOf: Partial<Record<DataQualityMetric, ExclusionReason>> = {};
  for (const metric of LEFT_OUT_ORDER) {
    const reason = row.leftOut[metric];
    if (reason) leftOutOf[metric] = reason;
  }
  const pairs = outOfOrderPairs(row.milestones);
  const inPairs = new Set(pairs.flatMap((pair) => [pair.earlier.field, pair.later.field]));
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    startedAt: row.startedAt,
    excludedFromMetrics: row.excludedFromMetrics,
    exclusionReason: row.exclusionReason,
    orderViolation: row.orderViolation,
    outOfOrderPairs: pairs,
    suspectMilestones: MILESTONES.filter((milestone) => inPairs.has(milestone)),
    missing: row.missingMetrics,
    leftOutOf,
  };
}

// ---------- When incidents start, and the distribution of a duration ----------

/** Incidents that started in one local hour of one weekday (REPORT_TIMEZONE), as the repository counts them. */
export interface StartTimeRow {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local hour 0–23. */
  hour: number;
  /** Incidents counted (excluded ones not). */
  incidents: number;
  /** Of those, how many started outside the business calendar's working windows. */
  outOfHours: number;
  /** Incidents excluded from metrics that started in this hour (not counted). */
  excluded: number;
}

export interface StartTimeCell {
  weekday: number;
  hour: number;
  incidents: number;
}

export interface StartTimesReport {
  /** The zone weekdays and hours are read in. */
  timeZone: string;
  /** All 7 × 24 cells, Monday 00:00 first, zeros included. */
  cells: StartTimeCell[];
  /** Incidents counted (excluded ones not). */
  incidents: number;
  /** Excluded from metrics, not counted. */
  excluded: number;
  /** Counted incidents that started outside business hours. */
  outOfHours: number;
  /** outOfHours / incidents; null when there are none. */
  outOfHoursShare: number | null;
}

/** The 7 × 24 grid of the rows (missing cells are zeros) with the totals and the out-of-hours share. */
export function toStartTimes(rows: readonly StartTimeRow[], timeZone: string): StartTimesReport {
  const byCell = new Map(rows.map((row) => [`${row.weekday}:${row.hour}`, row]));
  const cells: StartTimeCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    for (let hour = 0; hour < 24; hour += 1) cells.push({ weekday, hour, incidents: byCell.get(`${weekday}:${hour}`)?.incidents ?? 0 });
  }
  const sum = (pick: (row: StartTimeRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const incidents = sum((row) => row.incidents);
  const outOfHours = sum((row) => row.outOfHours);
  return { timeZone, cells, incidents, excluded: sum((row) => row.excluded), outOfHours, outOfHoursShare: incidents > 0 ? outOfHours / incidents : null };
}

/** How many measured values of a duration fall in one of DURATION_BUCKETS (1-based, as SQL width_bucket numbers them). */
export interface DistributionRow {
  bucket: number;
  incidents: number;
}

export interface DistributionBucket {
  label: string;
  fromSeconds: number;
  /** Exclusive; null for the last, open-ended bucket. */
  toSeconds: number | null;
  incidents: number;
}

export interface DistributionReport {
  metric: IntervalMetric;
  /** Incidents measured: the sum of the buckets. */
  n: number;
  buckets: DistributionBucket[];
}

/**
 * Every bucket with its count. width_bucket numbers values below the first lower bound 0: only negative values,
 * which measured intervals never are; they count in the first bucket, as bucketDurations() counts them.
 */
export function toDistribution(metric: IntervalMetric, rows: readonly DistributionRow[], buckets: readonly { label: string; from: number; to: number }[]): DistributionReport {
  const counts = buckets.map(() => 0);
  for (const row of rows) counts[Math.min(Math.max(row.bucket, 1), buckets.length) - 1] += row.incidents;
  return {
    metric,
    n: counts.reduce((a, b) => a + b, 0),
    buckets: buckets.map((bucket, i) => ({ label: bucket.label, fromSeconds: bucket.from, toSeconds: Number.isFinite(bucket.to) ? bucket.to : null, incidents: counts[i] })),
  };
}
