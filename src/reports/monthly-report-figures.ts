import { bucketDurations, DURATION_BUCKETS } from '../charts/chart-definitions.js';
import type { ChangesReport, DataQualitySummary, SeverityTrendsReport, SlaKindCounts, SlaReport } from '../metrics/analysis/metrics-analysis.results.js';
import type { BusinessCalendar } from '../config/config.js';
import type { ChangeOverTime } from '../metrics/core/change-over-time.js';
import { changeVerdict, type ChangeLabel, type ChangeVerdict } from '../metrics/core/change-verdict.js';
import { INTERVAL_METRIC_KEYS, METRIC_NAMES, type IntervalMetric, type MetricName } from '../metrics/core/intervals.js';
import type { SlaKind } from '../metrics/core/sla.js';
import type { ActionItemHealthReport, CommsHealthReport, RetroHealthReport } from '../metrics/health/metrics-health.results.js';
import type { MetricDistribution, SummaryReport } from '../metrics/summary/metrics-summary.results.js';
import type { MonthRange, ReportMonths } from './report-month.js';

/** Shared with the web app's dashboard (src/metrics/core/change-verdict.ts); re-exported for the report's callers. */
export { changeVerdict, type ChangeVerdict };

/**
 * The figures a monthly report prints, as one JSON-serialisable snapshot (instants as ISO strings), and how
 * they are taken from the metrics API's answers: copied, never recomputed, so the workbook's numbers are the
 * API's for the same month. Pure.
 */

export const SLA_KINDS: readonly SlaKind[] = ['ack', 'mitigate', 'resolve'];
/** The durations the Trends sheet charts month by month. */
export const TREND_METRICS = ['ttd', 'tta', 'ttm', 'ttr'] as const satisfies readonly IntervalMetric[];
export type TrendMetric = (typeof TREND_METRICS)[number];

/** One duration over a set of incidents, in seconds (business seconds for ttRetro). */
export interface DurationFigure {
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

/** Breaches of one SLA target: breached of n measured against it. */
export interface RateFigure {
  breached: number;
  n: number;
  /** breached / n; null when n = 0. */
  rate: number | null;
  /** Unresolved incidents past the deadline without the milestone (judged at generation). */
  open: number;
}

export interface PeriodFigures {
  month: string;
  label: string;
  from: string;
  to: string;
  /** Incidents that started in the month, excluded ones included. */
  incidents: number;
  /** Of those, excluded from metrics (game days, drills). */
  excluded: number;
  /** By peak severity, every level, most severe first (excluded ones included). */
  bySeverity: { severity: string; incidents: number }[];
  durations: Record<MetricName, DurationFigure>;
  sla: Record<SlaKind, RateFigure>;
  slaBySeverity: { severity: string; sla: Record<SlaKind, RateFigure> }[];
  retros: { resolved: number; withRetro: number; share: number | null; judged: number; onTime: number; onTimeShare: number | null; overdue: number };
  /** Action items created in the month: how many, done since (on time or late), overdue at generation. */
  actionItems: { opened: number; done: number; doneOnTime: number; doneJudged: number; onTimeShare: number | null; overdue: number; closedInMonth: number };
  comms: { n: number; share: number | null; medianShare: number | null };
  /** Incidents left out of some metric, by reason, and per metric (GET /metrics/data-quality's summary). */
  dataQuality: Pick<DataQualitySummary, 'missing' | 'order' | 'outOfOrder' | 'byMetric'>;
}


/** One metric, this month against the previous month (or the same month last year), exactly as GET /metrics/changes labels it. */
export interface ChangeFigure {
  metric: IntervalMetric;
  /** The API's label; null only when the API gave no comparison. */
  label: ChangeLabel | null;
  verdict: ChangeVerdict;
  nPrevious: number;
  nCurrent: number;
  pValue: number | null;
  medianPrevious: number | null;
  medianCurrent: number | null;
}

export interface TrendSeries {
  median: (number | null)[];
  p90: (number | null)[];
  n: number[];
}

export interface TrendFigures {
  /** The twelve months ending with the report's month, oldest first (`2026-10`). */
  months: string[];
  durations: Record<TrendMetric, { all: TrendSeries; bySeverity: ({ severity: string } & TrendSeries)[] }>;
  /** Incidents per month by peak severity, excluded ones included. */
  incidents: { severity: string; counts: number[] }[];
  sla: Record<SlaKind, { severity: string; breached: number[]; measured: number[] }[]>;
}

export interface MonthlyReportFigures {
  kind: 'monthly';
  month: string;
  label: string;
  timeZone: string;
  from: string;
  to: string;
  generatedAt: string;
  /** The latest change to any incident, timeline entry, retrospective, action item or severity level; null on an empty database. */
  dataLastChangedAt: string | null;
  /** Severity levels, most severe first. */
  severities: { severity: string; name: string }[];
  current: PeriodFigures;
  previous: PeriodFigures;
  lastYear: PeriodFigures;
  /** Month over month, per duration metric (GET /metrics/changes: Mann–Whitney U, α and minimum n below). */
  changes: ChangeFigure[];
  /**
   * This month against the same month last year, per duration metric, by the same test on the two months'
   * values (MetricsAnalysisService.compareRanges: GET /metrics/changes compares neighbouring periods only).
   * Absent from reports generated before it was added.
   */
  yearOverYear?: ChangeFigure[];
  changeTest: { test: 'mann-whitney-u'; alpha: number; minSampleSize: number; method: string };
  trends: TrendFigures;
  /** This month's TTR, counted in the histogram's buckets. */
  ttrHistogram: { buckets: string[]; counts: number[] };
  /** The plain-language paragraph of the Summary sheet (summaryParagraph). */
  summary: string;
  /** The business calendar the figures were computed with (BUSINESS_*); absent from older reports. */
  calendar?: BusinessCalendar;
  /**
   * Every incident the Incidents sheet lists, by key: its last change when the report was generated (the
   * incident row or any audit event on it). What a later version compares to say which incidents were added,
   * removed or changed. Absent from older reports.
   */
  printedIncidents?: Record<string, string>;
}

/** What the metrics API answered about one month. */
export interface PeriodSources {
  range: MonthRange;
  /** Ungrouped, and grouped by severity. */
  summary: SummaryReport;
  summaryBySeverity: SummaryReport;
  /** Ungrouped, and grouped by severity. */
  sla: SlaReport;
  slaBySeverity: SlaReport;
  retros: RetroHealthReport;
  comms: CommsHealthReport;
  /** Items created in the month. */
  actionItems: ActionItemHealthReport;
  /** Items whose completion falls in the month (a count from the report's repository, not a metric). */
  actionItemsClosedInMonth: number;
  dataQuality: DataQualitySummary;
}

export interface FigureSources {
  months: ReportMonths;
  generatedAt: Date;
  dataLastChangedAt: Date | null;
  current: PeriodSources;
  previous: PeriodSources;
  lastYear: PeriodSources;
  /** Per metric, over the previous and the current month, period month. */
  changes: Record<IntervalMetric, ChangesReport>;
  /** Over the twelve trend months: severity levels (their order and names) and counts. */
  severityTrends: SeverityTrendsReport;
  /** Over the twelve trend months, grouped by period:month, and by period:month and severity. */
  trendSummary: SummaryReport;
  trendSummaryBySeverity: SummaryReport;
  /** Over the twelve trend months, grouped by period:month and severity. */
  trendSla: SlaReport;
  /** This month's TTR values, seconds (for the histogram). */
  ttrSeconds: readonly number[];
  /** Per metric, the same month last year against this month (compareRanges). */
  yearOverYear: Record<IntervalMetric, ChangeOverTime>;
  calendar: BusinessCalendar;
  /** The month's incidents by key: their last change. */
  printedIncidents: Record<string, string>;
}

const distribution = (d: MetricDistribution | undefined): DurationFigure => ({ n: d?.n ?? 0, median: d?.median ?? null, p90: d?.p90 ?? null, mean: d?.mean ?? null });

const rate = (counts: SlaKindCounts | undefined): RateFigure => ({ breached: counts?.breached ?? 0, n: counts?.n ?? 0, rate: counts?.breachRate ?? null, open: counts?.open ?? 0 });

const slaKinds = (group: SlaReport['groups'][number] | undefined): Record<SlaKind, RateFigure> =>
  Object.fromEntries(SLA_KINDS.map((kind) => [kind, rate(group?.sla[kind])])) as Record<SlaKind, RateFigure>;

function periodFigures(source: PeriodSources, severities: readonly string[]): PeriodFigures {
  const [all] = source.summary.groups;
  const bySeverity = new Map(source.summaryBySeverity.groups.map((g) => [g.key.severity, g]));
  const slaBySeverity = new Map(source.slaBySeverity.groups.map((g) => [g.key.severity, g]));
  const retro = source.retros.groups[0];
  const comms = source.comms.groups[0];
  const items = source.actionItems.overall;
  return {
    month: source.range.month,
    label: source.range.label,
    from: source.range.from.toISOString(),
    to: source.range.to.toISOString(),
    incidents: all?.incidents ?? 0,
    excluded: source.dataQuality.excluded,
    bySeverity: severities.map((severity) => ({ severity, incidents: bySeverity.get(severity)?.incidents ?? 0 })),
    durations: Object.fromEntries(METRIC_NAMES.map((metric) => [metric, distribution(all?.metrics[metric])])) as Record<MetricName, DurationFigure>,
    sla: slaKinds(source.sla.groups[0]),
    slaBySeverity: severities.map((severity) => ({ severity, sla: slaKinds(slaBySeverity.get(severity)) })),
    retros: {
      resolved: retro?.resolved ?? 0,
      withRetro: retro?.withRetro ?? 0,
      share: retro?.retroShare ?? null,
      judged: retro?.timing.n ?? 0,
      onTime: retro?.timing.onTime ?? 0,
      onTimeShare: retro?.timing.onTimeShare ?? null,
      overdue: retro?.withoutRetro.overdue ?? 0,
    },
    actionItems: {
      opened: items.total,
      done: items.done,
      doneOnTime: items.doneOnTime,
      doneJudged: items.doneOnTime + items.doneLate,
      onTimeShare: items.onTimeShare,
      overdue: items.overdue,
      closedInMonth: source.actionItemsClosedInMonth,
    },
    comms: { n: comms?.n ?? 0, share: comms?.share ?? null, medianShare: comms?.medianShare ?? null },
    dataQuality: { missing: source.dataQuality.missing, order: source.dataQuality.order, outOfOrder: source.dataQuality.outOfOrder, byMetric: source.dataQuality.byMetric },
  };
}


function changeFigure(report: ChangesReport, month: string): ChangeFigure {
  const period = report.groups[0]?.periods.find((p) => p.period === month);
  const change = period?.change ?? null;
  const nCurrent = change?.nCurrent ?? period?.n ?? 0;
  const nPrevious = change?.nPrevious ?? 0;
  return {
    metric: report.metric,
    label: change?.label ?? null,
    verdict: change ? changeVerdict(change.label, nPrevious, nCurrent, report.minSampleSize) : 'too few incidents to tell',
    nPrevious,
    nCurrent,
    pValue: change?.pValue ?? null,
    medianPrevious: change?.medianPrevious ?? null,
    medianCurrent: change?.medianCurrent ?? period?.median ?? null,
  };
}

/** A comparison the metrics API computed by compareDurations, as the report shows it. */
function comparisonFigure(metric: IntervalMetric, change: ChangeOverTime, minSampleSize: number): ChangeFigure {
  return {
    metric,
    label: change.label,
    verdict: changeVerdict(change.label, change.nPrevious, change.nCurrent, minSampleSize),
    nPrevious: change.nPrevious,
    nCurrent: change.nCurrent,
    pValue: change.pValue,
    medianPrevious: change.medianPrevious,
    medianCurrent: change.medianCurrent,
  };
}

function trendSeries(groups: SummaryReport['groups'], months: readonly string[], metric: TrendMetric): TrendSeries {
  const byMonth = new Map(groups.map((g) => [g.key.period, g.metrics[metric]]));
  return {
    median: months.map((m) => byMonth.get(m)?.median ?? null),
    p90: months.map((m) => byMonth.get(m)?.p90 ?? null),
    n: months.map((m) => byMonth.get(m)?.n ?? 0),
  };
}

function trends(sources: FigureSources, severities: readonly string[]): TrendFigures {
  const months = sources.severityTrends.periods.map((p) => p.period);
  const bySeverity = (severity: string) => sources.trendSummaryBySeverity.groups.filter((g) => g.key.severity === severity);
  const durations = Object.fromEntries(
    TREND_METRICS.map((metric) => [
      metric,
      {
        all: trendSeries(sources.trendSummary.groups, months, metric),
        bySeverity: severities.map((severity) => ({ severity, ...trendSeries(bySeverity(severity), months, metric) })),
      },
    ]),
  ) as TrendFigures['durations'];
  const incidents = severities.map((severity) => {
    const counts = new Map(bySeverity(severity).map((g) => [g.key.period, g.incidents]));
    return { severity, counts: months.map((m) => counts.get(m) ?? 0) };
  });
  const sla = Object.fromEntries(
    SLA_KINDS.map((kind) => [
      kind,
      severities.map((severity) => {
        const groups = new Map(sources.trendSla.groups.filter((g) => g.key.severity === severity).map((g) => [g.key.period, g.sla[kind]]));
        return { severity, breached: months.map((m) => groups.get(m)?.breached ?? 0), measured: months.map((m) => groups.get(m)?.n ?? 0) };
      }),
    ]),
  ) as TrendFigures['sla'];
  return { months, durations, incidents, sla };
}

/** The snapshot, without its summary paragraph (summaryParagraph writes it from these figures). */
export function toMonthlyReportFigures(sources: FigureSources): Omit<MonthlyReportFigures, 'summary'> {
  const levels = sources.severityTrends.periods[0]?.severities ?? [];
  const severities = levels.map((level) => level.severity);
  const { current } = sources.months;
  const anyChanges = sources.changes.ttr;
  return {
    kind: 'monthly',
    month: current.month,
    label: current.label,
    timeZone: sources.months.timeZone,
    from: current.from.toISOString(),
    to: current.to.toISOString(),
    generatedAt: sources.generatedAt.toISOString(),
    dataLastChangedAt: sources.dataLastChangedAt?.toISOString() ?? null,
    severities: levels.map(({ severity, name }) => ({ severity, name })),
    current: periodFigures(sources.current, severities),
    previous: periodFigures(sources.previous, severities),
    lastYear: periodFigures(sources.lastYear, severities),
    changes: INTERVAL_METRIC_KEYS.map((metric) => changeFigure(sources.changes[metric], current.month)),
    yearOverYear: INTERVAL_METRIC_KEYS.map((metric) => comparisonFigure(metric, sources.yearOverYear[metric], anyChanges.minSampleSize)),
    changeTest: { test: anyChanges.test, alpha: anyChanges.alpha, minSampleSize: anyChanges.minSampleSize, method: anyChanges.method },
    trends: trends(sources, severities),
    ttrHistogram: { buckets: DURATION_BUCKETS.map((b) => b.label), counts: bucketDurations(sources.ttrSeconds) },
    calendar: sources.calendar,
    printedIncidents: sources.printedIncidents,
  };
}
