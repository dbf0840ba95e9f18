import type { ChartConfiguration, ChartDataset, ScriptableContext } from 'chart.js';
import type { MatrixDataPoint } from 'chartjs-chart-matrix';
import { DURATION_BUCKETS } from '../metrics/core/duration-buckets.js';
import { INTERVAL_METRICS, type IntervalMetric } from '../metrics/core/intervals.js';
import { NEUTRAL, severityColour, withAlpha } from './chart-palette.js';
import { durationScale, formatDuration, inScale } from './duration-scale.js';

/**
 * The charts of Hindsight, as data in and a Chart.js configuration out: the monthly report renders them to PNG
 * on the server (chart-png.ts) and the web app draws the same configurations in the browser, so both show the
 * same figures the same way. Pure: no canvas, no DOM, no clock. Durations come in seconds (as the metrics API
 * gives them) and are shown in one unit per axis; a period without a figure (n = 0) is a gap, never a zero.
 *
 * Rendering settings (size, responsiveness, animation, background) belong to whoever draws the chart.
 */

/** One line or bar series: a severity (coloured by its rank, 0 = most severe) or all incidents (rank null). */
export interface SeriesKey {
  label: string;
  rankIndex: number | null;
}

export interface DurationTrendSeries extends SeriesKey {
  /** Seconds per period, null where no incident was measured. */
  median: readonly (number | null)[];
  p90: readonly (number | null)[];
  /** Incidents measured per period. */
  n: readonly number[];
}

export interface DurationTrendData {
  metric: IntervalMetric;
  /** Axis labels, one per period, oldest first. */
  periods: readonly string[];
  series: readonly DurationTrendSeries[];
}

export interface CountSeries extends SeriesKey {
  counts: readonly number[];
}

export interface IncidentCountData {
  periods: readonly string[];
  series: readonly CountSeries[];
}

export interface BreachRateSeries extends SeriesKey {
  /** Incidents that breached the target, per period. */
  breached: readonly number[];
  /** Incidents measured against the target per period (the rate's denominator); 0 leaves a gap. */
  measured: readonly number[];
}

export interface BreachRateData {
  /** What the target is on, for the caption: "time to mitigate", "any target". */
  target: string;
  periods: readonly string[];
  series: readonly BreachRateSeries[];
}

export interface DurationHistogramData {
  metric: IntervalMetric;
  /** What the values are, for the title: "October 2026". */
  range: string;
  /** One value per incident measured, in seconds. */
  seconds: readonly number[];
}

/** The names and definitions of the interval metrics (SPEC §2), as charts and the report's Definitions sheet word them. */
export const METRIC_TEXT: Record<IntervalMetric, { abbreviation: string; name: string; definition: string }> = {
  ttd: { abbreviation: 'TTD', name: 'Time to detect', definition: milestoneSpan('ttd') },
  tta: { abbreviation: 'TTA', name: 'Time to acknowledge', definition: milestoneSpan('tta') },
  tte: { abbreviation: 'TTE', name: 'Time to engage', definition: milestoneSpan('tte') },
  ttm: { abbreviation: 'TTM', name: 'Time to mitigate', definition: milestoneSpan('ttm') },
  ttr: { abbreviation: 'TTR', name: 'Time to resolve', definition: milestoneSpan('ttr') },
};

function milestoneSpan(metric: IntervalMetric): string {
  const [from, to] = INTERVAL_METRICS[metric];
  const word = (milestone: string) => milestone.replace(/At$/, '');
  return `from ${word(from)} to ${word(to)}, for incidents with both milestones, in order, not excluded from metrics`;
}

export { DURATION_BUCKETS };

const colourOf = (key: SeriesKey) => (key.rankIndex === null ? NEUTRAL.all : severityColour(key.rankIndex));

/** Median (solid) and p90 (dashed) of one duration per period, one pair of lines per severity. */
export function durationTrendChart(data: DurationTrendData): ChartConfiguration<'line', (number | null)[], string> {
  const scale = durationScale(data.series.flatMap((s) => [...s.median, ...s.p90]));
  const text = METRIC_TEXT[data.metric];
  const datasets: ChartDataset<'line', (number | null)[]>[] = data.series.flatMap((series) => {
    const colour = colourOf(series);
    return [
      { label: `${series.label} median`, data: series.median.map((s) => inScale(s, scale)), borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 2, spanGaps: false },
      { label: `${series.label} p90`, data: series.p90.map((s) => inScale(s, scale)), borderColor: colour, backgroundColor: colour, borderWidth: 1.5, borderDash: [6, 4], pointRadius: 0, spanGaps: false },
    ];
  });
  return {
    type: 'line',
    data: { labels: [...data.periods], datasets },
    options: {
      ...baseOptions(`${text.name} (${text.abbreviation}): median and p90`, `Solid: median; dashed: 90th percentile. ${capitalise(text.definition)}.`),
      scales: { x: categoryAxis(), y: valueAxis(scale.unit) },
    },
  };
}

/** Incidents per period, stacked by severity. */
export function incidentCountChart(data: IncidentCountData): ChartConfiguration<'bar', number[], string> {
  return {
    type: 'bar',
    data: {
      labels: [...data.periods],
      datasets: data.series.map((series) => ({ label: series.label, data: [...series.counts], backgroundColor: colourOf(series), borderColor: colourOf(series), borderWidth: 0 })),
    },
    options: {
      ...baseOptions('Incidents by severity', 'Incidents that started in each period, by their highest severity; excluded ones included.'),
      scales: { x: { ...categoryAxis(), stacked: true }, y: { ...valueAxis('incidents'), stacked: true, ticks: { precision: 0, color: NEUTRAL.text } } },
    },
  };
}

/** Share of measured incidents that breached their target, per period and severity, in percent. */
export function breachRateChart(data: BreachRateData): ChartConfiguration<'line', (number | null)[], string> {
  return {
    type: 'line',
    data: {
      labels: [...data.periods],
      datasets: data.series.map((series) => ({
        label: series.label,
        data: series.breached.map((breached, i) => (series.measured[i] > 0 ? Math.round((breached / series.measured[i]) * 1000) / 10 : null)),
        borderColor: colourOf(series),
        backgroundColor: colourOf(series),
        borderWidth: 2,
        pointRadius: 2,
        spanGaps: false,
      })),
    },
    options: {
      ...baseOptions('SLA breach rate', `Incidents that breached the ${data.target} target, as a share of those measured against it; no point where none was measured.`),
      scales: { x: categoryAxis(), y: { ...valueAxis('% breached'), suggestedMax: 100, ticks: { color: NEUTRAL.text, callback: (value) => `${String(value)} %` } } },
    },
  };
}

/** How many values fall in each of DURATION_BUCKETS (negative values, which measured intervals never are, count in the first). */
export function bucketDurations(seconds: readonly number[]): number[] {
  const counts = DURATION_BUCKETS.map(() => 0);
  for (const value of seconds) {
    const index = DURATION_BUCKETS.findIndex((bucket) => value < bucket.to);
    counts[index === -1 ? DURATION_BUCKETS.length - 1 : index] += 1;
  }
  return counts;
}

/** The distribution of one duration over a range, as a histogram on human buckets, with n, median and p90 in the caption. */
export function durationHistogramChart(data: DurationHistogramData, summary: { median: number | null; p90: number | null }): ChartConfiguration<'bar', number[], string> {
  return durationBucketChart({ metric: data.metric, range: data.range, counts: bucketDurations(data.seconds) }, { n: data.seconds.length, ...summary });
}

export interface DurationBucketData {
  metric: IntervalMetric;
  /** What the values are, for the title: "October 2026". */
  range: string;
  /** Incidents per bucket of DURATION_BUCKETS, already counted (GET /metrics/distribution counts them in SQL). */
  counts: readonly number[];
}

/** The same histogram from counts per bucket: n, median and p90 as the metrics API gives them. */
export function durationBucketChart(data: DurationBucketData, summary: { n: number; median: number | null; p90: number | null }): ChartConfiguration<'bar', number[], string> {
  const text = METRIC_TEXT[data.metric];
  const caption = summary.n === 0
    ? 'No incident was measured in this range.'
    : `n = ${summary.n}, median ${formatDuration(summary.median)}, p90 ${formatDuration(summary.p90)}. ${capitalise(text.definition)}.`;
  return {
    type: 'bar',
    data: {
      labels: DURATION_BUCKETS.map((bucket) => bucket.label),
      datasets: [{ label: 'Incidents', data: [...data.counts], backgroundColor: withAlpha(NEUTRAL.all, 0.8), borderColor: NEUTRAL.all, borderWidth: 0 }],
    },
    options: {
      ...baseOptions(`${text.name} (${text.abbreviation}), ${data.range}: distribution`, caption, false),
      scales: { x: categoryAxis(), y: { ...valueAxis('incidents'), ticks: { precision: 0, color: NEUTRAL.text } } },
    },
  };
}

/** Weekday labels of the heatmap, ISO order (1 = Monday). */
export const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
/** Hour labels of the heatmap, 00–23. */
export const HOUR_LABELS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));

export interface StartTimeHeatmapData {
  /** The zone the weekdays and hours are in (the report time zone). */
  timeZone: string;
  /** Incidents per ISO weekday (1–7) and local hour (0–23); missing cells count as 0. */
  cells: readonly { weekday: number; hour: number; incidents: number }[];
  /** Incidents counted, and the share of them that started outside business hours (null when none). */
  incidents: number;
  outOfHoursShare: number | null;
}

/** One heatmap cell: x the hour label, y the weekday label, v the incidents (chartjs-chart-matrix's data point). */
export type HeatmapPoint = MatrixDataPoint & { x: string; y: string; v: number };

/**
 * When incidents start: a weekday × hour heatmap (chartjs-chart-matrix; whoever draws it registers its controller),
 * darker where more incidents started, with the out-of-hours share in the caption.
 */
export function startTimeHeatmapChart(data: StartTimeHeatmapData): ChartConfiguration<'matrix', HeatmapPoint[], string> {
  const counts = new Map(data.cells.map((cell) => [`${cell.weekday}:${cell.hour}`, cell.incidents]));
  const points: HeatmapPoint[] = WEEKDAY_LABELS.flatMap((day, i) => HOUR_LABELS.map((hour, h) => ({ x: hour, y: day, v: counts.get(`${i + 1}:${h}`) ?? 0 })));
  const max = Math.max(0, ...points.map((point) => point.v));
  const share = data.outOfHoursShare === null ? 'none counted' : `${Math.round(data.outOfHoursShare * 1000) / 10} %`;
  const fill = (context: ScriptableContext<'matrix'>) => {
    const point = context.raw as HeatmapPoint | undefined;
    return withAlpha(HEAT, point && max > 0 ? 0.06 + 0.94 * (point.v / max) : 0.04);
  };
  return {
    type: 'matrix',
    data: {
      datasets: [{
        label: 'Incidents started',
        data: points,
        backgroundColor: fill,
        borderColor: withAlpha(HEAT, 0.25),
        borderWidth: 1,
        width: ({ chart }) => Math.max(1, (chart.chartArea?.width ?? 0) / HOUR_LABELS.length - 2),
        height: ({ chart }) => Math.max(1, (chart.chartArea?.height ?? 0) / WEEKDAY_LABELS.length - 2),
      }],
    },
    options: {
      ...baseOptions(
        'When incidents start',
        `Incidents by the weekday and hour they started (${data.timeZone}), excluded ones not counted; ${share} of ${data.incidents} started outside business hours.`,
        false,
      ),
      scales: {
        x: { type: 'category', labels: [...HOUR_LABELS], offset: true, grid: { display: false }, ticks: { color: NEUTRAL.text, autoSkip: true, maxRotation: 0 }, title: { display: true, text: 'hour', color: NEUTRAL.text } },
        // Not reversed (chartjs-chart-matrix reverses y by default): the week reads Monday first, top-down.
        y: { type: 'category', labels: [...WEEKDAY_LABELS], offset: true, reverse: false, grid: { display: false }, ticks: { color: NEUTRAL.text } },
      },
    },
  };
}

/** The heatmap's colour: the palette's blue, its alpha growing with the count. */
const HEAT = '#0072B2';

function baseOptions(title: string, subtitle: string, legend = true) {
  return {
    plugins: {
      title: { display: true, text: title, color: NEUTRAL.text, font: { size: 16, weight: 'bold' as const } },
      subtitle: { display: true, text: subtitle, color: NEUTRAL.text, font: { size: 11 }, padding: { bottom: 8 } },
      legend: { display: legend, position: 'bottom' as const, labels: { color: NEUTRAL.text, boxWidth: 24 } },
    },
  };
}

function categoryAxis() {
  return { grid: { display: false }, ticks: { color: NEUTRAL.text, autoSkip: true, maxRotation: 0 } };
}

/** A value axis titled with its unit: a duration unit, "incidents" or "% breached". */
function valueAxis(unit: string) {
  return { beginAtZero: true, title: { display: true, text: unit, color: NEUTRAL.text }, grid: { color: NEUTRAL.grid }, ticks: { color: NEUTRAL.text } };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
