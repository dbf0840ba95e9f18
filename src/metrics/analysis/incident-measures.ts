import { MILESTONES, type Milestone } from '../../incidents/milestones.js';
import { INTERVAL_METRICS, INTERVAL_METRIC_KEYS, incidentIntervals, type ExclusionReason, type IntervalMetric, type MetricIncident } from '../core/intervals.js';
import { evaluateSla, SLA_INTERVALS, type SlaKind, type SlaSkipReason, type SlaTargets } from '../core/sla.js';

/**
 * One incident's own figures, for its page: each interval metric (SPEC §2) measured or the reason it is
 * not, and each SLA target judged at `now`. Pure: the same reference functions the metrics are tested
 * against (`incidentIntervals`, `evaluateSla`), so the page says exactly what the aggregates count.
 */

export interface IncidentInterval {
  metric: IntervalMetric;
  from: Milestone;
  to: Milestone;
  /** Seconds when measured, else null. */
  seconds: number | null;
  /** Why it is not measured; null when it is. */
  reason: ExclusionReason | null;
}

export type SlaState = 'met' | 'breached' | 'open_breach' | 'pending' | 'not_evaluated';

export interface IncidentSla {
  kind: SlaKind;
  from: Milestone;
  to: Milestone;
  state: SlaState;
  /** The severity's target, seconds; null when it has none. */
  targetSeconds: number | null;
  /** Start milestone + target; null when not evaluated. */
  deadline: Date | null;
  /** The interval, seconds, when both milestones are there and it was judged. */
  actualSeconds: number | null;
  /** Why it was not judged (no target, excluded, missing, order); null otherwise. */
  reason: SlaSkipReason | null;
}

export interface IncidentMeasures {
  intervals: IncidentInterval[];
  sla: IncidentSla[];
}

/** The incident's intervals and SLA state against `targets` (its peak severity's) at `now`. */
export function incidentMeasures(incident: MetricIncident, targets: SlaTargets, now: Date): IncidentMeasures {
  const measured = incidentIntervals(incident);
  const intervals = INTERVAL_METRIC_KEYS.map((metric): IncidentInterval => {
    const [from, to] = INTERVAL_METRICS[metric];
    const result = measured[metric];
    return { metric, from, to, seconds: result.ok ? result.seconds : null, reason: result.ok ? null : result.reason };
  });
  const evaluation = evaluateSla(incident, targets, now);
  const sla = (Object.keys(SLA_INTERVALS) as SlaKind[]).map((kind): IncidentSla => {
    const { from, to, target } = SLA_INTERVALS[kind];
    const targetSeconds = targets[target];
    const base = { kind, from, to, targetSeconds, deadline: null, actualSeconds: null, reason: null };
    const breach = evaluation.breaches.find((b) => b.kind === kind);
    if (breach?.state === 'closed') return { ...base, state: 'breached', deadline: breach.deadline, actualSeconds: breach.actualSeconds };
    if (breach?.state === 'open') return { ...base, state: 'open_breach', deadline: breach.deadline };
    const skipped = evaluation.notEvaluated.find((s) => s.kind === kind);
    if (skipped) return { ...base, state: 'not_evaluated', reason: skipped.reason };
    const start = incident[from]!;
    const deadline = new Date(start.getTime() + targetSeconds! * 1000);
    if (evaluation.met.includes(kind)) {
      return { ...base, state: 'met', deadline, actualSeconds: (incident[to]!.getTime() - start.getTime()) / 1000 };
    }
    return { ...base, state: 'pending', deadline };
  });
  return { intervals, sla };
}

/** An incident's milestones as ISO strings (the API's IncidentDto) as the metric functions take them. */
export function toMetricIncident(incident: { id: string; peakSeverity: string; excludedFromMetrics: boolean } & Record<Milestone, string | null>): MetricIncident {
  const dates = Object.fromEntries(MILESTONES.map((m) => [m, incident[m] ? new Date(incident[m]) : null])) as Record<Milestone, Date | null>;
  return { ...dates, id: incident.id, startedAt: dates.startedAt!, excludedFromMetrics: incident.excludedFromMetrics, severity: incident.peakSeverity };
}
