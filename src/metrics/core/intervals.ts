import { MILESTONES, type Milestone, type MilestoneOrderViolation, type Milestones } from '../../incidents/milestones.js';

/**
 * Reference implementation of the per-incident intervals of SPEC §2. Pure: no Nest, no TypeORM, no
 * clock. The SQL metrics engine is property-tested against these functions, so they say exactly
 * what each figure means.
 */

/** One incident as the metric definitions see it: the nine milestones plus what groups and filters it. */
export type MetricIncident = { readonly [M in Exclude<Milestone, 'startedAt'>]: Date | null } & {
  readonly id: string;
  readonly startedAt: Date;
  /** Game days, drills: left out of every metric (reason `excluded`). */
  readonly excludedFromMetrics: boolean;
  /** Key of the highest severity the incident ever had (`SEV1`): the one metrics use. */
  readonly severity: string;
};

/** Why an incident is left out of one metric; `excluded` wins over `missing`, which wins over `order`. */
export type ExclusionReason = 'excluded' | 'missing' | 'order';

/** An interval that was measured, or the reason it was not. */
export type IntervalResult = { ok: true; seconds: number } | { ok: false; reason: ExclusionReason };

/** How long from one instant to a later one, in the metric's unit (wall-clock or business seconds). */
export type DurationFn = (from: Date, to: Date) => number;

/** The five wall-clock interval metrics of SPEC §2, each as [from milestone, to milestone]. */
export const INTERVAL_METRICS = {
  ttd: ['startedAt', 'detectedAt'],
  tta: ['detectedAt', 'acknowledgedAt'],
  tte: ['acknowledgedAt', 'investigatingAt'],
  ttm: ['startedAt', 'mitigatedAt'],
  ttr: ['startedAt', 'resolvedAt'],
} as const satisfies Record<string, readonly [Milestone, Milestone]>;

export type IntervalMetric = keyof typeof INTERVAL_METRICS;
export const INTERVAL_METRIC_KEYS = Object.keys(INTERVAL_METRICS) as IntervalMetric[];

/** Every metric the summary reports: the five wall-clock intervals and time to retro (`ttRetro`). */
export const METRIC_NAMES = [...INTERVAL_METRIC_KEYS, 'ttRetro'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Time to retro runs from resolution to the finished retrospective, counted in business time. */
export const RETRO_INTERVAL = ['resolvedAt', 'retroDoneAt'] as const satisfies readonly [Milestone, Milestone];

/** Wall-clock seconds from `from` to `to` (negative when `to` is earlier); millisecond precision kept. */
export const elapsedSeconds: DurationFn = (from, to) => (to.getTime() - from.getTime()) / 1000;

/**
 * Every pair of present milestones out of lifecycle order (SPEC §1: each present milestone must be ≥
 * every earlier present one; equal instants are in order), in lifecycle order of the earlier field, then
 * of the later one. `earlier` is the milestone that comes first in the lifecycle, `later` the one that
 * should come after it but is before it: an incident posted after it ended gives
 * `{ earlier: detectedAt, later: mitigatedAt }`. All pairs, not just the first one `findOrderViolation`
 * reports.
 *
 * Data quality lists these pairs; they do not decide which intervals are measured (see
 * `measureInterval`). In SQL (`order_violation` of incident_metric_intervals): some milestone is before
 * the GREATEST of the present milestones ahead of it in the lifecycle.
 */
export function outOfOrderPairs(milestones: Milestones): MilestoneOrderViolation[] {
  const pairs: MilestoneOrderViolation[] = [];
  MILESTONES.forEach((earlier, i) => {
    const a = milestones[earlier];
    if (!a) return;
    for (const later of MILESTONES.slice(i + 1)) {
      const b = milestones[later];
      if (b && b.getTime() < a.getTime()) pairs.push({ earlier: { field: earlier, value: a }, later: { field: later, value: b } });
    }
  });
  return pairs;
}

/**
 * The interval from milestone `from` to milestone `to` of one incident, or why it is left out:
 * `excluded` if the incident is excluded from metrics (takes precedence); else `missing` if either
 * end is absent; else `order` if its own end is before its own start (`to` < `from`; equal instants
 * give 0); else `duration(from, to)` (wall-clock seconds by default).
 *
 * The order rule (SPEC §2, issue 11): each interval is judged by its own two ends alone. Other
 * milestones out of order with one of its ends do not leave it out: an incident posted after it ended
 * (detected after mitigated, as Google Cloud's status history has it) still has its time to mitigate
 * (started → mitigated) and its time to detect (started → detected), and the pair detected/mitigated
 * is listed under data quality (`outOfOrderPairs`), never silently dropped. An earlier rule distrusted
 * both milestones of every out-of-order pair and left out every interval touching either one.
 */
export function measureInterval(
  incident: MetricIncident,
  from: Milestone,
  to: Milestone,
  duration: DurationFn = elapsedSeconds,
): IntervalResult {
  if (incident.excludedFromMetrics) return { ok: false, reason: 'excluded' };
  const start = incident[from];
  const end = incident[to];
  if (!start || !end) return { ok: false, reason: 'missing' };
  if (end.getTime() < start.getTime()) return { ok: false, reason: 'order' };
  return { ok: true, seconds: duration(start, end) };
}

/** TTD, TTA, TTE, TTM and TTR of one incident in wall-clock seconds (SPEC §2), each with its exclusion reason. */
export function incidentIntervals(incident: MetricIncident): Record<IntervalMetric, IntervalResult> {
  const result = {} as Record<IntervalMetric, IntervalResult>;
  for (const metric of INTERVAL_METRIC_KEYS) {
    const [from, to] = INTERVAL_METRICS[metric];
    result[metric] = measureInterval(incident, from, to);
  }
  return result;
}

/**
 * Time to retro (SPEC §2): retro done − resolved, measured by `businessDuration` (the business-hours
 * calculator), with the same `excluded` / `missing` / `order` rule as every other interval.
 */
export function timeToRetro(incident: MetricIncident, businessDuration: DurationFn): IntervalResult {
  return measureInterval(incident, RETRO_INTERVAL[0], RETRO_INTERVAL[1], businessDuration);
}
