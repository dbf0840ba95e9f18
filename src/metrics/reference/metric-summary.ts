import {
  INTERVAL_METRIC_KEYS, INTERVAL_METRICS, measureInterval, timeToRetro,
  type DurationFn, type ExclusionReason, type IntervalMetric, type IntervalResult, type MetricIncident,
} from '../core/intervals.js';
import { summarize, type Summary } from './percentiles.js';

/** One metric over a set of incidents, as `GET /api/v1/metrics` reports it. */
export interface MetricSummary extends Summary {
  /** Incidents of the set left out of this metric, by reason; n + missing + order + excluded = set size. */
  excluded: Record<ExclusionReason, number>;
}

export type MetricsSummary = Record<IntervalMetric, MetricSummary> & { ttRetro?: MetricSummary };

/**
 * One metric over `incidents`: `measure` gives each incident's interval or the reason it is left out;
 * the measured values are summarised (n, median, p90, p95, mean, min, max; continuous percentiles)
 * and the others counted by reason. Every incident lands in exactly one of the two.
 */
export function summarizeMetric(incidents: readonly MetricIncident[], measure: (incident: MetricIncident) => IntervalResult): MetricSummary {
  const values: number[] = [];
  const excluded: Record<ExclusionReason, number> = { missing: 0, order: 0, excluded: 0 };
  for (const incident of incidents) {
    const result = measure(incident);
    if (result.ok) values.push(result.seconds);
    else excluded[result.reason] += 1;
  }
  return { ...summarize(values), excluded };
}

/**
 * TTD, TTA, TTE, TTM and TTR (wall-clock seconds) over `incidents`, each as `summarizeMetric`; plus
 * time to retro when a business-time calculator is given (its unit is the calculator's).
 */
export function summarizeMetrics(incidents: readonly MetricIncident[], options: { retroDuration?: DurationFn } = {}): MetricsSummary {
  const result = {} as MetricsSummary;
  for (const metric of INTERVAL_METRIC_KEYS) {
    const [from, to] = INTERVAL_METRICS[metric];
    result[metric] = summarizeMetric(incidents, (incident) => measureInterval(incident, from, to));
  }
  const { retroDuration } = options;
  if (retroDuration) result.ttRetro = summarizeMetric(incidents, (incident) => timeToRetro(incident, retroDuration));
  return result;
}
