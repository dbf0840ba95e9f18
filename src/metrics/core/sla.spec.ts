import { after } from '../../../test/factories/metric-incidents.js';
import type { MetricIncident } from './intervals.js';
import { evaluateSla, type SlaEvaluation, type SlaTargets } from './sla.js';

const T0 = '2026-03-01T09:00:00Z';
const at = (iso: string) => new Date(iso);
/** T0 + seconds, for `now`. */
const plus = (seconds: number) => new Date(at(T0).getTime() + seconds * 1000);
const LATER = at('2026-03-08T09:00:00Z');

/** Ack within 15 min of detection, mitigate within 1 h and resolve within 4 h of the start. */
const targets: SlaTargets = { ackTargetSeconds: 900, mitigateTargetSeconds: 3600, resolveTargetSeconds: 14400 };
const evaluation = (e: Partial<SlaEvaluation>): SlaEvaluation => ({ breaches: [], met: [], pending: [], notEvaluated: [], ...e });

describe('evaluateSla', () => {
  it.each<[string, MetricIncident, Date, SlaEvaluation]>([
    ['all within target; exactly on target is met', after(T0, { detectedAt: 300, acknowledgedAt: 1200, mitigatedAt: 3600, resolvedAt: 14400 }), LATER,
      evaluation({ met: ['ack', 'mitigate', 'resolve'] })],
    ['ack late, measured from detection (TTA 960 s > 900 s)', after(T0, { detectedAt: 300, acknowledgedAt: 1260, mitigatedAt: 1800, resolvedAt: 7200 }), LATER,
      evaluation({
        breaches: [{ kind: 'ack', state: 'closed', targetSeconds: 900, actualSeconds: 960, deadline: at('2026-03-01T09:20:00Z') }],
        met: ['mitigate', 'resolve'],
      })],
    ['mitigate and resolve one second late, measured from the start', after(T0, { detectedAt: 60, acknowledgedAt: 120, mitigatedAt: 3601, resolvedAt: 14401 }), LATER,
      evaluation({
        breaches: [
          { kind: 'mitigate', state: 'closed', targetSeconds: 3600, actualSeconds: 3601, deadline: at('2026-03-01T10:00:00Z') },
          { kind: 'resolve', state: 'closed', targetSeconds: 14400, actualSeconds: 14401, deadline: at('2026-03-01T13:00:00Z') },
        ],
        met: ['ack'],
      })],
    ['open ack breach: detected, not acknowledged, 5 min past the deadline', after(T0, { detectedAt: 300 }), plus(1500),
      evaluation({
        breaches: [{ kind: 'ack', state: 'open', targetSeconds: 900, overdueSinceSeconds: 300, deadline: at('2026-03-01T09:20:00Z') }],
        pending: ['mitigate', 'resolve'],
      })],
    ['at exactly the deadline nothing is overdue yet', after(T0, { detectedAt: 300 }), plus(1200),
      evaluation({ pending: ['ack', 'mitigate', 'resolve'] })],
    ['every deadline passed on an incident still open', after(T0, { detectedAt: 300 }), plus(20000),
      evaluation({
        breaches: [
          { kind: 'ack', state: 'open', targetSeconds: 900, overdueSinceSeconds: 18800, deadline: at('2026-03-01T09:20:00Z') },
          { kind: 'mitigate', state: 'open', targetSeconds: 3600, overdueSinceSeconds: 16400, deadline: at('2026-03-01T10:00:00Z') },
          { kind: 'resolve', state: 'open', targetSeconds: 14400, overdueSinceSeconds: 5600, deadline: at('2026-03-01T13:00:00Z') },
        ],
      })],
    ['mitigated but not resolved: the resolve deadline still runs', after(T0, { detectedAt: 60, acknowledgedAt: 120, mitigatedAt: 1800 }), plus(15000),
      evaluation({
        breaches: [{ kind: 'resolve', state: 'open', targetSeconds: 14400, overdueSinceSeconds: 600, deadline: at('2026-03-01T13:00:00Z') }],
        met: ['ack', 'mitigate'],
      })],
    ['resolved without an ack: the ack can no longer come and its lateness is unknown', after(T0, { detectedAt: 60, mitigatedAt: 600, resolvedAt: 1200 }), LATER,
      evaluation({ met: ['mitigate', 'resolve'], notEvaluated: [{ kind: 'ack', reason: 'missing' }] })],
    ['no detection: no ack deadline, the others still judged', after(T0, {}), plus(7200),
      evaluation({
        breaches: [{ kind: 'mitigate', state: 'open', targetSeconds: 3600, overdueSinceSeconds: 3600, deadline: at('2026-03-01T10:00:00Z') }],
        pending: ['resolve'],
        notEvaluated: [{ kind: 'ack', reason: 'missing' }],
      })],
    ['excluded incidents never breach', after(T0, { detectedAt: 3600 }, { excludedFromMetrics: true }), LATER,
      evaluation({ notEvaluated: [{ kind: 'ack', reason: 'excluded' }, { kind: 'mitigate', reason: 'excluded' }, { kind: 'resolve', reason: 'excluded' }] })],
    ['acknowledged before detected: ack left out like the TTA metric', after(T0, { detectedAt: 600, acknowledgedAt: 300, mitigatedAt: 1800, resolvedAt: 3600 }), LATER,
      evaluation({ met: ['mitigate', 'resolve'], notEvaluated: [{ kind: 'ack', reason: 'order' }] })],
    // Each kind is judged by its own two milestones (issue 11): detected before started is TTD's problem, not the SLA's.
    // Nothing is acknowledged, mitigated or resolved, so all three deadlines run from their own start.
    ['detected before started: open deadlines still run from their own start', after(T0, { detectedAt: -60 }), plus(4000),
      evaluation({
        breaches: [
          { kind: 'ack', state: 'open', targetSeconds: 900, overdueSinceSeconds: 3160, deadline: at('2026-03-01T09:14:00Z') },
          { kind: 'mitigate', state: 'open', targetSeconds: 3600, overdueSinceSeconds: 400, deadline: at('2026-03-01T10:00:00Z') },
        ],
        pending: ['resolve'],
      })],
    // Google Cloud's status history: begin 09:00, posted (detected) 13:00, ended (mitigated = resolved) 11:00. Mitigate
    // (2 h) breached against 1 h, resolve (2 h) met against 4 h; ack from detection, acknowledged 5 min after posting.
    ['posted after it ended: mitigate and resolve judged from the start', after(T0, { detectedAt: 4 * 3600, acknowledgedAt: 4 * 3600 + 300, mitigatedAt: 7200, resolvedAt: 7200 }), LATER,
      evaluation({
        breaches: [{ kind: 'mitigate', state: 'closed', targetSeconds: 3600, actualSeconds: 7200, deadline: at('2026-03-01T10:00:00Z') }],
        met: ['ack', 'resolve'],
      })],
    ['resolved before started: only resolve is out', after(T0, { detectedAt: 60, acknowledgedAt: 120, mitigatedAt: 600, resolvedAt: -60 }), LATER,
      evaluation({ met: ['ack', 'mitigate'], notEvaluated: [{ kind: 'resolve', reason: 'order' }] })],
  ])('%s', (_name, incident, now, expected) => {
    expect(evaluateSla(incident, targets, now)).toEqual(expected);
  });

  it('a null target means no SLA for that kind, however late', () => {
    const incident = after(T0, { detectedAt: 60, acknowledgedAt: 86400, mitigatedAt: 90000 });
    expect(evaluateSla(incident, { ackTargetSeconds: null, mitigateTargetSeconds: 3600, resolveTargetSeconds: null }, LATER)).toEqual(evaluation({
      breaches: [{ kind: 'mitigate', state: 'closed', targetSeconds: 3600, actualSeconds: 90000, deadline: at('2026-03-01T10:00:00Z') }],
      notEvaluated: [{ kind: 'ack', reason: 'no-target' }, { kind: 'resolve', reason: 'no-target' }],
    }));
  });

  it('judges against the `now` it is given, not the wall clock', () => {
    const incident = after(T0, { detectedAt: 300 });
    expect(evaluateSla(incident, targets, plus(1199)).breaches).toEqual([]);
    expect(evaluateSla(incident, targets, plus(1201)).breaches).toHaveLength(1);
  });
});
