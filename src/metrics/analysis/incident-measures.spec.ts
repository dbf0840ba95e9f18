import { incidentMeasures, toMetricIncident } from './incident-measures.js';

const at = (iso: string) => `2026-03-01T${iso}:00.000Z`;
const base = {
  id: 'i1', peakSeverity: 'SEV1', excludedFromMetrics: false, startedAt: at('09:00'), detectedAt: at('09:10'), acknowledgedAt: at('09:40'),
  investigatingAt: null, identifiedAt: null, mitigatedAt: at('10:00'), resolvedAt: null, retroPrepAt: null, retroDoneAt: null,
};
const targets = { ackTargetSeconds: 900, mitigateTargetSeconds: 7200, resolveTargetSeconds: 3600 * 3 };

describe('incidentMeasures', () => {
  it('measures each interval by its own two milestones, and says why one is not measured', () => {
    const { intervals } = incidentMeasures(toMetricIncident(base), targets, new Date(at('11:00')));
    expect(intervals.map((i) => [i.metric, i.seconds, i.reason])).toEqual([
      ['ttd', 600, null], ['tta', 1800, null], ['tte', null, 'missing'], ['ttm', 3600, null], ['ttr', null, 'missing'],
    ]);
  });

  it.each([
    // now, ack, mitigate, resolve
    [at('11:00'), 'breached', 'met', 'pending'],
    [at('12:30'), 'breached', 'met', 'open_breach'],
  ])('judges each target at %s', (now, ack, mitigate, resolve) => {
    const { sla } = incidentMeasures(toMetricIncident(base), targets, new Date(now));
    expect(sla.map((s) => s.state)).toEqual([ack, mitigate, resolve]);
    expect(sla[0]).toMatchObject({ actualSeconds: 1800, targetSeconds: 900, deadline: new Date(at('09:25')) });
    expect(sla[1]).toMatchObject({ actualSeconds: 3600, deadline: new Date(at('11:00')) });
    expect(sla[2].deadline).toEqual(new Date(at('12:00')));
  });

  it('does not judge a kind without a target, nor an excluded incident', () => {
    const none = incidentMeasures(toMetricIncident(base), { ...targets, ackTargetSeconds: null }, new Date(at('11:00')));
    expect(none.sla[0]).toMatchObject({ state: 'not_evaluated', reason: 'no-target', deadline: null });
    const excluded = incidentMeasures(toMetricIncident({ ...base, excludedFromMetrics: true }), targets, new Date(at('11:00')));
    expect(excluded.sla.map((s) => s.reason)).toEqual(['excluded', 'excluded', 'excluded']);
    expect(excluded.intervals.every((i) => i.reason === 'excluded' && i.seconds === null)).toBe(true);
  });
});
