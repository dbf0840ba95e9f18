import type { ChartConfiguration, ChartDataset } from 'chart.js';
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

/** Duration buckets a person reads at a glance; each is [lower bound, upper bound) in seconds. */
export const DURATION_BUCKETS: readonly { label: string; from: number; to: number }[] = [
  { label: '< 15 min', from: 0, to: 900 },
  { label: '15–30 min', from: 900, to: 1_800 },
  { label: '30 min–1 h', from: 1_800, to: 3_600 },
  { label: '1–2 h', from: 3_600, to: 7_200 },
  { label: '2–4 h', from: 7_200, to: 14_400 },
  { label: '4–8 h', from: 14_400, to: 28_800 },
  { label: '8–24 h', from: 28_800, to: 86_400 },
  { label: '1–3 d', from: 86_400, to: 259_200 },
  { label: '3–7 d', from: 259_200, to: 604_800 },
  { label: '≥ 7 d', from: 604_800, to: Number.POSITIVE_INFINITY },
];

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
  const text = METRIC_TEXT[data.metric];
  const caption = data.seconds.length === 0
    ? 'No incident was measured in this range.'
    : `n = ${data.seconds.length}, median ${formatDuration(summary.median)}, p90 ${formatDuration(summary.p90)}. ${capitalise(text.definition)}.`;
  return {
    type: 'bar',
    data: {
      labels: DURATION_BUCKETS.map((bucket) => bucket.label),
      datasets: [{ label: 'Incidents', data: bucketDurations(data.seconds), backgroundColor: withAlpha(NEUTRAL.all, 0.8), borderColor: NEUTRAL.all, borderWidth: 0 }],
    },
    options: {
      ...baseOptions(`${text.name} (${text.abbreviation}), ${data.range}: distribution`, caption, false),
      scales: { x: categoryAxis(), y: { ...valueAxis('incidents'), ticks: { precision: 0, color: NEUTRAL.text } } },
    },
  };
}

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
