import type { Milestone } from '../../incidents/milestones.js';
import type { MetricIncident } from '../core/intervals.js';

/**
 * Comms cadence of SPEC §2, reference implementation: the share of an incident's open time covered
 * by status updates within its severity's cadence. Pure: `now` is a parameter.
 *
 * Decisions:
 * - Open window [start, end): start = `detectedAt` (nobody can post an update about a problem not
 *   yet noticed), falling back to `startedAt`; end = `resolvedAt` (seed 001: "Until incident
 *   resolution, the incident commander will … every (30m/1h/3h) send the update" — updates continue
 *   after mitigation), falling back to `now` for an unresolved incident.
 * - Coverage: the window's first `cadence` is covered (the first update is due at start + cadence),
 *   and each status update at t covers [t, t + cadence). Coverage is clipped to the window and
 *   overlaps count once. Updates before the window start count only for what reaches into it.
 * - share = covered / open; a zero-length window (resolved at the instant of detection, or `now`
 *   not after the start) has nothing to cover: share 1.
 * - Excluded incidents are not judged. Nor is a window whose own end is before its own start
 *   (`resolvedAt` before `detectedAt`, or before `startedAt` when there is no detection): the metrics'
 *   order rule (issue 11), each figure judged by the milestones it uses alone. Other out-of-order pairs
 *   do not matter: detected before started, or mitigated before detected, still gives a window
 *   [detected, resolved). An unresolved incident's window ends at `now`, no milestone: never `order`.
 */

export interface CommsCoverage {
  ok: true;
  openSeconds: number;
  coveredSeconds: number;
  /** coveredSeconds / openSeconds, 0..1; 1 for an empty window. */
  share: number;
  /** Uncovered stretches of the window, in order, half-open [from, to). */
  gaps: { from: Date; to: Date }[];
}

export type CommsCadenceResult = CommsCoverage | { ok: false; reason: 'excluded' | 'order' };

/**
 * Share of the incident's open window [detected (or started), resolved (or now)) covered by
 * `statusUpdates` (the instants of its `status_update` timeline entries) at `cadenceSeconds`:
 * each update covers [t, t + cadence) and so does the window's start. Null cadence → null.
 */
export function commsCadence(
  incident: MetricIncident,
  cadenceSeconds: number | null,
  statusUpdates: readonly Date[],
  now: Date,
): CommsCadenceResult | null {
  if (cadenceSeconds === null) return null;
  if (incident.excludedFromMetrics) return { ok: false, reason: 'excluded' };
  const startField: Milestone = incident.detectedAt ? 'detectedAt' : 'startedAt';
  const start = incident[startField]!.getTime();
  if (incident.resolvedAt && incident.resolvedAt.getTime() < start) return { ok: false, reason: 'order' };

  const end = Math.max(start, (incident.resolvedAt ?? now).getTime());
  const cadence = cadenceSeconds * 1000;

  // Coverage intervals clipped to the window, sorted, then swept once: merged length and the holes between.
  const covers = [start, ...statusUpdates.map((d) => d.getTime())]
    .map((t) => [Math.max(t, start), Math.min(t + cadence, end)] as const)
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const gaps: { from: Date; to: Date }[] = [];
  let coveredMs = 0;
  let reached = start;
  for (const [from, to] of covers) {
    if (from > reached) gaps.push({ from: new Date(reached), to: new Date(from) });
    if (to > reached) {
      coveredMs += to - Math.max(from, reached);
      reached = to;
    }
  }
  if (reached < end) gaps.push({ from: new Date(reached), to: new Date(end) });

  const openMs = end - start;
  return { ok: true, openSeconds: openMs / 1000, coveredSeconds: coveredMs / 1000, share: openMs === 0 ? 1 : coveredMs / openMs, gaps };
}
