import { after, metricIncident } from '../../../test/factories/metric-incidents.js';
import type { Milestone } from '../../incidents/milestones.js';
import {
  elapsedSeconds, incidentIntervals, measureInterval, suspectMilestones, timeToRetro,
  type IntervalMetric, type IntervalResult, type MetricIncident,
} from './intervals.js';

const T0 = '2026-03-01T09:00:00Z';
const at = (iso: string) => new Date(iso);
const ok = (seconds: number): IntervalResult => ({ ok: true, seconds });
const out = (reason: 'missing' | 'order' | 'excluded'): IntervalResult => ({ ok: false, reason });

/** Every milestone present and in order: 5 min to detect, 1 to ack, 4 to engage, 1 h to mitigate, 3 h to resolve. */
const complete = after(T0, {
  detectedAt: 300, acknowledgedAt: 360, investigatingAt: 600, identifiedAt: 1800,
  mitigatedAt: 3600, resolvedAt: 10800, retroPrepAt: 86400, retroDoneAt: 172800,
});

describe('incidentIntervals', () => {
  it.each<[string, MetricIncident, Record<IntervalMetric, IntervalResult>]>([
    ['all milestones in order', complete,
      { ttd: ok(300), tta: ok(60), tte: ok(240), ttm: ok(3600), ttr: ok(10800) }],
    ['only started: every other end missing', metricIncident({ startedAt: at(T0) }),
      { ttd: out('missing'), tta: out('missing'), tte: out('missing'), ttm: out('missing'), ttr: out('missing') }],
    ['no detection: TTD and TTA missing, the rest measured', after(T0, { acknowledgedAt: 120, investigatingAt: 180, mitigatedAt: 600, resolvedAt: 900 }),
      { ttd: out('missing'), tta: out('missing'), tte: ok(60), ttm: ok(600), ttr: ok(900) }],
    ['equal instants are in order and give zero', after(T0, { detectedAt: 0, acknowledgedAt: 0, investigatingAt: 0, mitigatedAt: 0, resolvedAt: 0 }),
      { ttd: ok(0), tta: ok(0), tte: ok(0), ttm: ok(0), ttr: ok(0) }],
    ['sub-second precision kept', after(T0, { detectedAt: 1.5, mitigatedAt: 2.5 }),
      { ttd: ok(1.5), tta: out('missing'), tte: out('missing'), ttm: ok(2.5), ttr: out('missing') }],
    ['excluded takes precedence over missing and order', after(T0, { detectedAt: -60, mitigatedAt: 600 }, { excludedFromMetrics: true }),
      { ttd: out('excluded'), tta: out('excluded'), tte: out('excluded'), ttm: out('excluded'), ttr: out('excluded') }],
    // detected before started: both distrusted, so every interval from started or to/from detected is out.
    ['detected before started', after(T0, { detectedAt: -60, acknowledgedAt: 60, investigatingAt: 120, mitigatedAt: 600, resolvedAt: 900 }),
      { ttd: out('order'), tta: out('order'), tte: ok(60), ttm: out('order'), ttr: out('order') }],
    // resolved before mitigated: TTM and TTR out (their ends are suspect), TTD/TTA/TTE untouched.
    ['resolved before mitigated', after(T0, { detectedAt: 60, acknowledgedAt: 120, investigatingAt: 180, mitigatedAt: 3600, resolvedAt: 1800 }),
      { ttd: ok(60), tta: ok(60), tte: ok(60), ttm: out('order'), ttr: out('order') }],
    // acknowledged before detected (but after started): started is fine, so TTM and TTR stay in.
    ['acknowledged before detected', after(T0, { detectedAt: 300, acknowledgedAt: 200, investigatingAt: 400, mitigatedAt: 600, resolvedAt: 900 }),
      { ttd: out('order'), tta: out('order'), tte: out('order'), ttm: ok(600), ttr: ok(900) }],
    // A violation with a milestone that is no interval's end (identified) still distrusts the end it involves (mitigated);
    // TTR, whose ends are in order with everything, stays in.
    ['identified after mitigated only', after(T0, { detectedAt: 60, acknowledgedAt: 120, investigatingAt: 180, identifiedAt: 7200, mitigatedAt: 3600, resolvedAt: 10800 }),
      { ttd: ok(60), tta: ok(60), tte: ok(60), ttm: out('order'), ttr: ok(10800) }],
    // Retro done before started is before everything: every present milestone is in a violation.
    ['retro done before started distrusts every milestone', after(T0, { detectedAt: 60, acknowledgedAt: 120, investigatingAt: 180, resolvedAt: 900, retroDoneAt: -3600 }),
      { ttd: out('order'), tta: out('order'), tte: out('order'), ttm: out('missing'), ttr: out('order') }],
    // Missing wins over order: the interval could not be measured anyway.
    ['missing end with a suspect start is missing', after(T0, { detectedAt: -60 }),
      { ttd: out('order'), tta: out('missing'), tte: out('missing'), ttm: out('missing'), ttr: out('missing') }],
  ])('%s', (_name, incident, expected) => {
    expect(incidentIntervals(incident)).toEqual(expected);
  });
});

describe('suspectMilestones', () => {
  it.each<[string, MetricIncident, Milestone[]]>([
    ['none when in order', complete, []],
    ['none across gaps and ties', after(T0, { detectedAt: 0, resolvedAt: 60 }), []],
    ['both sides of one inversion', after(T0, { detectedAt: 600, acknowledgedAt: 300 }), ['detectedAt', 'acknowledgedAt']],
    ['every pair, not only the first found', after(T0, { detectedAt: 600, acknowledgedAt: 300, mitigatedAt: 100 }),
      ['detectedAt', 'acknowledgedAt', 'mitigatedAt']],
    ['an inversion across absent milestones', after(T0, { mitigatedAt: 3600, retroDoneAt: 1800 }), ['mitigatedAt', 'retroDoneAt']],
  ])('%s', (_name, incident, expected) => {
    expect([...suspectMilestones(incident)].sort()).toEqual([...expected].sort());
  });
});

describe('measureInterval', () => {
  it('uses the duration calculator it is given, on the raw instants', () => {
    const calls: [string, string][] = [];
    const result = measureInterval(complete, 'detectedAt', 'mitigatedAt', (from, to) => {
      calls.push([from.toISOString(), to.toISOString()]);
      return 42;
    });
    expect(result).toEqual(ok(42));
    expect(calls).toEqual([['2026-03-01T09:05:00.000Z', '2026-03-01T10:00:00.000Z']]);
  });

  it('measures wall-clock seconds by default, negative never reaching the caller', () => {
    expect(elapsedSeconds(at('2026-03-01T09:00:00Z'), at('2026-03-01T08:59:30Z'))).toBe(-30);
    expect(measureInterval(after(T0, { detectedAt: -30 }), 'startedAt', 'detectedAt')).toEqual(out('order'));
  });
});

describe('timeToRetro', () => {
  /** A stand-in business clock: counts hours only (3600 s → 1), to show the calculator's unit is kept. */
  const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

  it.each<[string, MetricIncident, IntervalResult]>([
    ['retro done a day after resolution', after(T0, { resolvedAt: 3600, retroDoneAt: 3600 + 86400 }), ok(24)],
    ['no retro yet', after(T0, { resolvedAt: 3600 }), out('missing')],
    ['retro without resolution', after(T0, { retroDoneAt: 7200 }), out('missing')],
    ['retro done before resolution', after(T0, { resolvedAt: 7200, retroDoneAt: 3600 }), out('order')],
    ['retro prep after retro done distrusts retro done', after(T0, { resolvedAt: 3600, retroPrepAt: 90000, retroDoneAt: 86400 }), out('order')],
    ['excluded', after(T0, { resolvedAt: 3600, retroDoneAt: 7200 }, { excludedFromMetrics: true }), out('excluded')],
  ])('%s', (_name, incident, expected) => {
    expect(timeToRetro(incident, hours)).toEqual(expected);
  });
});
