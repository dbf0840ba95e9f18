import fc from 'fast-check';
import type { MetricIncident } from '../../src/metrics/core/intervals.js';
import { periodKey } from '../../src/metrics/core/periods.js';
import { evaluateSla, type SlaKind, type SlaTargets } from '../../src/metrics/core/sla.js';
import { after } from '../factories/metric-incidents.js';
import { milestoneOffsets, namedOffsets, postedAfterEnd } from '../factories/milestone-arbitraries.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';
import { insertMetricIncidents } from '../support/metric-incidents-db.js';

/**
 * GET /api/v1/metrics/sla (SQL over the intervals view) agrees with evaluateSla() (the pure reference)
 * on random incident sets, random targets (null included) and a random `now`: every count of every
 * group and kind, and the open-breach list. Milestones, targets and `now` sit on a half-hour grid so
 * intervals equal to their target and `now` exactly on a deadline come up often.
 */
const BASE = Date.parse('2026-03-01T00:00:00Z');
const STEP = 1800;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3'] as const;
const KINDS: SlaKind[] = ['ack', 'mitigate', 'resolve'];

const arbitraryTarget = fc.option(fc.integer({ min: 1, max: 24 }).map((n) => n * STEP), { nil: null, freq: 5 });
const arbitraryTargets: fc.Arbitrary<SlaTargets> = fc.record({ ackTargetSeconds: arbitraryTarget, mitigateTargetSeconds: arbitraryTarget, resolveTargetSeconds: arbitraryTarget });

/** Milestones in every shape of milestoneOffsets (in order, one moved, posted after it ended, shuffled), on the grid. */
const arbitraryIncident = fc
  .record({
    day: fc.integer({ min: 0, max: 60 }),
    offsets: milestoneOffsets(fc.integer({ min: -4, max: 30 }).map((n) => n * STEP)),
    excluded: fc.nat(3).map((n) => n === 0),
    severity: fc.constantFrom(...SEVERITIES),
  })
  .map(({ day, offsets, excluded, severity }) =>
    after(new Date(BASE + day * 86400_000).toISOString(), namedOffsets(offsets), { excludedFromMetrics: excluded, severity }));

const arbitraryRun = fc.record({
  incidents: fc.array(arbitraryIncident, { minLength: 0, maxLength: 30 }),
  targets: fc.record({ SEV1: arbitraryTargets, SEV2: arbitraryTargets, SEV3: arbitraryTargets }),
  now: fc.integer({ min: 0, max: 64 * 48 }).map((n) => new Date(BASE + n * STEP * 1000)),
});

interface KindCounts {
  breached: number; met: number; n: number; breachRate: number | null; open: number; pending: number;
  notEvaluated: { noTarget: number; excluded: number; missing: number; order: number };
}
const NOT_EVALUATED = { 'no-target': 'noTarget', excluded: 'excluded', missing: 'missing', order: 'order' } as const;
const emptyCounts = (): KindCounts => ({ breached: 0, met: 0, n: 0, breachRate: null, open: 0, pending: 0, notEvaluated: { noTarget: 0, excluded: 0, missing: 0, order: 0 } });

/** The API's groups, computed by evaluateSla: key (severity, month) → incidents and counts per kind. */
function referenceGroups(incidents: MetricIncident[], targets: Record<string, SlaTargets>, now: Date, grouped: boolean) {
  const groups = new Map<string, { key: Record<string, string>; incidents: number; sla: Record<SlaKind, KindCounts> }>();
  for (const incident of incidents) {
    const key: Record<string, string> = grouped
      ? { period: periodKey(incident.startedAt, 'month', 'UTC'), periodStart: new Date(Date.UTC(incident.startedAt.getUTCFullYear(), incident.startedAt.getUTCMonth(), 1)).toISOString(), severity: incident.severity }
      : {};
    const id = JSON.stringify(key);
    if (!groups.has(id)) groups.set(id, { key, incidents: 0, sla: { ack: emptyCounts(), mitigate: emptyCounts(), resolve: emptyCounts() } });
    const group = groups.get(id)!;
    group.incidents += 1;
    const evaluation = evaluateSla(incident, targets[incident.severity], now);
    for (const breach of evaluation.breaches) group.sla[breach.kind][breach.state === 'closed' ? 'breached' : 'open'] += 1;
    for (const kind of evaluation.met) group.sla[kind].met += 1;
    for (const kind of evaluation.pending) group.sla[kind].pending += 1;
    for (const { kind, reason } of evaluation.notEvaluated) group.sla[kind].notEvaluated[NOT_EVALUATED[reason]] += 1;
  }
  for (const group of groups.values()) {
    for (const kind of KINDS) {
      const counts = group.sla[kind];
      counts.n = counts.breached + counts.met;
      counts.breachRate = counts.n > 0 ? counts.breached / counts.n : null;
    }
  }
  // Without grouping the API always answers one group, zeros when nothing is in scope.
  if (!grouped && groups.size === 0) return [{ key: {}, incidents: 0, sla: { ack: emptyCounts(), mitigate: emptyCounts(), resolve: emptyCounts() } }];
  return [...groups.values()].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
}
describe('GET /metrics/sla agrees with evaluateSla on random incidents (property)', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date(BASE));
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { REPORT_TIMEZONE: 'UTC' } });
  });
  afterAll(() => t.close());

  type Run = typeof arbitraryRun extends fc.Arbitrary<infer R> ? R : never;

  const check = async ({ incidents, targets, now }: Run) => {
    await t.db.dataSource.query('DELETE FROM incidents');
    for (const severity of SEVERITIES) {
      const { ackTargetSeconds, mitigateTargetSeconds, resolveTargetSeconds } = targets[severity];
      await t.db.dataSource.query(
        `UPDATE severity_levels SET ack_target_seconds = $2, mitigate_target_seconds = $3, resolve_target_seconds = $4 WHERE key = $1`,
        [severity, ackTargetSeconds, mitigateTargetSeconds, resolveTargetSeconds],
      );
    }
    const ids = await insertMetricIncidents(t.db.dataSource, incidents);
    clock.set(now);
    const range = { from: '2026-03-01T00:00:00Z', to: '2026-06-01T00:00:00Z' };

    const grouped = await t.request('viewer').get('/api/v1/metrics/sla').query({ ...range, groupBy: 'period:month,severity' }).expect(200);
    const sortByKey = <T extends { key: object }>(groups: T[]) => [...groups].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
    expect(sortByKey(grouped.body.groups)).toEqual(referenceGroups(incidents, targets, now, true));

    const whole = await t.request('viewer').get('/api/v1/metrics/sla').query(range).expect(200);
    expect(whole.body.groups).toEqual(referenceGroups(incidents, targets, now, false));

    const expectedOpen = incidents.flatMap((incident, index) =>
      evaluateSla(incident, (targets as Record<string, SlaTargets>)[incident.severity], now).breaches.flatMap((breach) =>
        breach.state === 'open'
          ? [{ id: ids[index], kind: breach.kind, severity: incident.severity, targetSeconds: breach.targetSeconds, deadline: breach.deadline.toISOString(), overdueSeconds: breach.overdueSinceSeconds }]
          : [],
      ),
    );
    const order = (a: { id: string; kind: string }, b: { id: string; kind: string }) => `${a.id}${a.kind}`.localeCompare(`${b.id}${b.kind}`);
    const actualOpen = (whole.body.openBreaches as (Record<string, unknown> & { id: string; kind: string })[]).map(({ id, kind, severity, targetSeconds, deadline, overdueSeconds }) => ({
      id, kind, severity, targetSeconds, deadline, overdueSeconds,
    }));
    expect(actualOpen.sort(order)).toEqual(expectedOpen.sort(order));
    expect(whole.body.openBreachesTotal).toBe(expectedOpen.length);

    for (const group of whole.body.groups as { sla: Record<SlaKind, KindCounts> }[]) {
      for (const kind of KINDS) {
        const { breached, met, open, pending, notEvaluated } = group.sla[kind];
        Object.entries({ breached, met, open, pending, ...notEvaluated }).forEach(([state, n]) => seen.set(state, (seen.get(state) ?? 0) + n));
      }
    }
    const closedOnTarget = incidents.some((incident) => {
      const target = targets[incident.severity as keyof typeof targets].resolveTargetSeconds;
      return target !== null && incident.resolvedAt !== null && incident.resolvedAt.getTime() - incident.startedAt.getTime() === target * 1000;
    });
    if (closedOnTarget) seen.set('exactly on target', (seen.get('exactly on target') ?? 0) + 1);
    // Posted after it ended (detected after mitigated): judged for mitigate from its start (issue 11).
    const postedJudged = incidents.filter(postedAfterEnd).filter((incident) => {
      const evaluation = evaluateSla(incident, targets[incident.severity as keyof typeof targets], now);
      return [...evaluation.met, ...evaluation.breaches.map((b) => b.kind)].includes('mitigate');
    }).length;
    seen.set('posted after it ended, mitigate judged', (seen.get('posted after it ended, mitigate judged') ?? 0) + postedJudged);
  };
  const seen = new Map<string, number>();

  it('for random incident sets, targets and clocks', async () => {
    // A fixed seed by default: the coverage check below must not depend on luck (60 random runs missed an
    // outcome now and then); FC_SEED=<n> explores others, and a failure prints the seed and path to replay.
    await fc.assert(fc.asyncProperty(arbitraryRun, check), { numRuns: 60, seed: Number(process.env.FC_SEED ?? 20261206) });
    // Not vacuous: every outcome, and intervals exactly on their target, came up.
    const outcomes = ['breached', 'met', 'open', 'pending', 'noTarget', 'excluded', 'missing', 'order', 'exactly on target', 'posted after it ended, mitigate judged'];
    expect(outcomes.filter((outcome) => !seen.get(outcome))).toEqual([]);
  });
});
