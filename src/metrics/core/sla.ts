import type { Milestone } from '../../incidents/milestones.js';
import { measureInterval, type MetricIncident } from './intervals.js';

/**
 * SLA breaches of SPEC §2, reference implementation. Pure: `now` is a parameter, never `new Date()`.
 *
 * Decisions:
 * - The ack target is measured from `detectedAt` (the TTA interval, PagerDuty's ack − trigger):
 *   nobody can acknowledge a problem before it is detected, and time-to-detect is its own metric.
 *   Mitigate and resolve targets are measured from `startedAt` (TTM, TTR), as SPEC §2 defines them.
 * - Closed breach: both ends present, measured by the metric rule (`measureInterval`), and longer
 *   than the target (strictly: exactly on target is met).
 * - Open breach: the end milestone is missing, the incident is not resolved yet, and `now` is
 *   strictly after start + target. Once an incident is resolved a milestone that was never recorded
 *   will not come: it is no longer "open", and whether it was late cannot be known (not evaluated).
 * - Order (issue 11): a kind is judged by its own two milestones alone, as its metric is. It is left out
 *   (`order`) only when its end is before its start (acknowledged before detected; mitigated or resolved
 *   before started). Other milestones out of order with its start or end do not matter: an incident
 *   posted after it ended (detected after mitigated) is still judged for mitigate and resolve, and for
 *   ack by detected → acknowledged. An open breach has no end yet, so no order to check: its deadline
 *   runs from the start milestone whatever the other milestones say.
 * - Not evaluated (never a breach): no target (null), incident excluded from metrics, start milestone
 *   missing, or the end before the start (same rule as the metrics).
 */

export type SlaKind = 'ack' | 'mitigate' | 'resolve';

/** A severity level's SLA targets in seconds; null = no SLA for that kind. `SeverityLevel` fits. */
export interface SlaTargets {
  ackTargetSeconds: number | null;
  mitigateTargetSeconds: number | null;
  resolveTargetSeconds: number | null;
}

/** For each kind, the interval it judges and the target that applies. */
export const SLA_INTERVALS: Record<SlaKind, { from: Milestone; to: Milestone; target: keyof SlaTargets }> = {
  ack: { from: 'detectedAt', to: 'acknowledgedAt', target: 'ackTargetSeconds' },
  mitigate: { from: 'startedAt', to: 'mitigatedAt', target: 'mitigateTargetSeconds' },
  resolve: { from: 'startedAt', to: 'resolvedAt', target: 'resolveTargetSeconds' },
};
const SLA_KINDS = Object.keys(SLA_INTERVALS) as SlaKind[];

export type SlaBreach =
  | { kind: SlaKind; state: 'closed'; targetSeconds: number; actualSeconds: number; deadline: Date }
  | { kind: SlaKind; state: 'open'; targetSeconds: number; overdueSinceSeconds: number; deadline: Date };

/** Why a kind was not judged at all (neither met nor breached): for rate denominators and data quality. */
export type SlaSkipReason = 'no-target' | 'excluded' | 'missing' | 'order';

export interface SlaEvaluation {
  breaches: SlaBreach[];
  /** Kinds whose end milestone came within the target. */
  met: SlaKind[];
  /** Kinds still open and within their deadline at `now`: neither met nor breached yet. */
  pending: SlaKind[];
  notEvaluated: { kind: SlaKind; reason: SlaSkipReason }[];
}

/**
 * Judges one incident against its severity's targets at `now`: a breach is an interval longer than
 * its target (closed) or a missing end milestone whose deadline, start + target, has passed while the
 * incident is unresolved (open). Every kind ends in exactly one of breaches, met, pending, notEvaluated.
 */
export function evaluateSla(incident: MetricIncident, targets: SlaTargets, now: Date): SlaEvaluation {
  const evaluation: SlaEvaluation = { breaches: [], met: [], pending: [], notEvaluated: [] };
  for (const kind of SLA_KINDS) {
    const { from, to, target } = SLA_INTERVALS[kind];
    const targetSeconds = targets[target];
    const skip = (reason: SlaSkipReason) => evaluation.notEvaluated.push({ kind, reason });
    if (targetSeconds === null) { skip('no-target'); continue; }
    if (incident.excludedFromMetrics) { skip('excluded'); continue; }
    const start = incident[from];
    if (!start) { skip('missing'); continue; }
    const deadline = new Date(start.getTime() + targetSeconds * 1000);

    if (incident[to]) {
      const interval = measureInterval(incident, from, to);
      if (!interval.ok) { skip(interval.reason); continue; }
      if (interval.seconds > targetSeconds) {
        evaluation.breaches.push({ kind, state: 'closed', targetSeconds, actualSeconds: interval.seconds, deadline });
      } else evaluation.met.push(kind);
      continue;
    }

    if (incident.resolvedAt) { skip('missing'); continue; }
    if (now.getTime() > deadline.getTime()) {
      evaluation.breaches.push({ kind, state: 'open', targetSeconds, overdueSinceSeconds: (now.getTime() - deadline.getTime()) / 1000, deadline });
    } else evaluation.pending.push(kind);
  }
  return evaluation;
}
