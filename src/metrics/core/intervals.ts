import { MILESTONES, type Milestone } from '../../incidents/milestones.js';

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
 * The milestones the order rule distrusts: every present milestone that is out of lifecycle order with
 * at least one other present milestone, over all pairs (SPEC §1: each present milestone must be ≥
 * every earlier present one; equal instants are in order).
 *
 * When two milestones disagree we cannot tell which of them is wrong, so both are distrusted, and
 * every interval with a distrusted end is left out (reason `order`). All pairs, not just the first
 * violation `findOrderViolation` reports, so the rule does not depend on scan order. In SQL: a
 * milestone M is suspect iff some earlier milestone is > M or some later milestone is < M.
 */
export function suspectMilestones(incident: MetricIncident): Set<Milestone> {
  const suspects = new Set<Milestone>();
  MILESTONES.forEach((earlier, i) => {
    const a = incident[earlier];
    if (!a) return;
    for (const later of MILESTONES.slice(i + 1)) {
      const b = incident[later];
      if (b && b.getTime() < a.getTime()) {
        suspects.add(earlier);
        suspects.add(later);
      }
    }
  });
  return suspects;
}

/**
 * The interval from milestone `from` to milestone `to` of one incident, or why it is left out:
 * `excluded` if the incident is excluded from metrics (takes precedence); else `missing` if either
 * end is absent; else `order` if either end is a suspect milestone (see `suspectMilestones`; this
 * covers `to` < `from`); else `duration(from, to)` (wall-clock seconds by default).
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
  const suspects = suspectMilestones(incident);
  if (suspects.has(from) || suspects.has(to)) return { ok: false, reason: 'order' };
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
