import { after, metricIncident } from '../../../test/factories/metric-incidents.js';
import type { Milestone } from '../../incidents/milestones.js';
import {
  elapsedSeconds, incidentIntervals, measureInterval, outOfOrderPairs, timeToRetro,
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
    // The order rule judges each interval by its own two ends alone (issue 11): detected before started
    // leaves out TTD only; TTA, TTE, TTM and TTR have ends in order and are measured.
    ['detected before started: only TTD out', after(T0, { detectedAt: -60, acknowledgedAt: 60, investigatingAt: 120, mitigatedAt: 600, resolvedAt: 900 }),
      { ttd: out('order'), tta: ok(120), tte: ok(60), ttm: ok(600), ttr: ok(900) }],
    // resolved before mitigated: no interval runs from one to the other, so everything is measured (data quality lists the pair).
    ['resolved before mitigated: nothing out', after(T0, { detectedAt: 60, acknowledgedAt: 120, investigatingAt: 180, mitigatedAt: 3600, resolvedAt: 1800 }),
      { ttd: ok(60), tta: ok(60), tte: ok(60), ttm: ok(3600), ttr: ok(1800) }],
    // acknowledged before detected: TTA out; TTE runs from acknowledged to investigating, in order.
    ['acknowledged before detected: only TTA out', after(T0, { detectedAt: 300, acknowledgedAt: 200, investigatingAt: 400, mitigatedAt: 600, resolvedAt: 900 }),
      { ttd: ok(300), tta: out('order'), tte: ok(200), ttm: ok(600), ttr: ok(900) }],
    // A milestone that is no interval's end (identified) out of order with mitigated leaves nothing out.
    ['identified after mitigated: nothing out', after(T0, { detectedAt: 60, acknowledgedAt: 120, investigatingAt: 180, identifiedAt: 7200, mitigatedAt: 3600, resolvedAt: 10800 }),
      { ttd: ok(60), tta: ok(60), tte: ok(60), ttm: ok(3600), ttr: ok(10800) }],
    // Retro done before everything: only time to retro is out (see timeToRetro); the five wall-clock intervals stand.
    ['retro done before started: the wall-clock intervals stand', after(T0, { detectedAt: 60, acknowledgedAt: 120, investigatingAt: 180, resolvedAt: 900, retroDoneAt: -3600 }),
      { ttd: ok(60), tta: ok(60), tte: ok(60), ttm: out('missing'), ttr: ok(900) }],
    ['resolved before started: TTR out, TTM measured', after(T0, { detectedAt: 60, mitigatedAt: 600, resolvedAt: -60 }),
      { ttd: ok(60), tta: out('missing'), tte: out('missing'), ttm: ok(600), ttr: out('order') }],
    // Missing wins over order: the interval could not be measured anyway.
    ['missing end with a start out of order is missing', after(T0, { detectedAt: -60 }),
      { ttd: out('order'), tta: out('missing'), tte: out('missing'), ttm: out('missing'), ttr: out('missing') }],
  ])('%s', (_name, incident, expected) => {
    expect(incidentIntervals(incident)).toEqual(expected);
  });
});

describe('posted after it ended (Google Cloud status history: begin 10:00, created 14:00, end 12:00)', () => {
  // started = begin, detected = created (when the incident was posted), mitigated = resolved = end.
  const GOOGLE = '2026-03-01T10:00:00Z';
  it.each<[string, MetricIncident, Record<IntervalMetric, IntervalResult>]>([
    ['TTM and TTR from the start (2 h), TTD to the posting (4 h)', after(GOOGLE, { detectedAt: 4 * 3600, mitigatedAt: 7200, resolvedAt: 7200 }),
      { ttd: ok(4 * 3600), tta: out('missing'), tte: out('missing'), ttm: ok(7200), ttr: ok(7200) }],
    ['acknowledged and investigating after the posting: TTA and TTE measured from their own ends',
      after(GOOGLE, { detectedAt: 4 * 3600, acknowledgedAt: 4 * 3600 + 300, investigatingAt: 4 * 3600 + 600, mitigatedAt: 7200, resolvedAt: 7200 }),
      { ttd: ok(4 * 3600), tta: ok(300), tte: ok(300), ttm: ok(7200), ttr: ok(7200) }],
    ['acknowledged at 11:00, before the posting: TTA out, TTE (11:00 → 14:10) measured',
      after(GOOGLE, { detectedAt: 4 * 3600, acknowledgedAt: 3600, investigatingAt: 4 * 3600 + 600, mitigatedAt: 7200, resolvedAt: 7200 }),
      { ttd: ok(4 * 3600), tta: out('order'), tte: ok(3 * 3600 + 600), ttm: ok(7200), ttr: ok(7200) }],
  ])('%s', (_name, incident, expected) => {
    expect(incidentIntervals(incident)).toEqual(expected);
  });

  it('lists detectedAt after mitigatedAt and after resolvedAt as out-of-order pairs', () => {
    const incident = after(GOOGLE, { detectedAt: 4 * 3600, mitigatedAt: 7200, resolvedAt: 7200 });
    expect(outOfOrderPairs(incident)).toEqual([
      { earlier: { field: 'detectedAt', value: at('2026-03-01T14:00:00Z') }, later: { field: 'mitigatedAt', value: at('2026-03-01T12:00:00Z') } },
      { earlier: { field: 'detectedAt', value: at('2026-03-01T14:00:00Z') }, later: { field: 'resolvedAt', value: at('2026-03-01T12:00:00Z') } },
    ]);
  });
});

describe('outOfOrderPairs', () => {
  const pair = (earlier: Milestone, earlierOffset: number, later: Milestone, laterOffset: number) => ({
    earlier: { field: earlier, value: new Date(at(T0).getTime() + earlierOffset * 1000) },
    later: { field: later, value: new Date(at(T0).getTime() + laterOffset * 1000) },
  });
  it.each<[string, MetricIncident, ReturnType<typeof pair>[]]>([
    ['none when in order', complete, []],
    ['none across gaps and ties', after(T0, { detectedAt: 0, resolvedAt: 60 }), []],
    ['one inversion, earlier in the lifecycle first', after(T0, { detectedAt: 600, acknowledgedAt: 300 }), [pair('detectedAt', 600, 'acknowledgedAt', 300)]],
    ['every pair, not only the first found, in lifecycle order', after(T0, { detectedAt: 600, acknowledgedAt: 300, mitigatedAt: 100 }),
      [pair('detectedAt', 600, 'acknowledgedAt', 300), pair('detectedAt', 600, 'mitigatedAt', 100), pair('acknowledgedAt', 300, 'mitigatedAt', 100)]],
    ['an inversion across absent milestones', after(T0, { mitigatedAt: 3600, retroDoneAt: 1800 }), [pair('mitigatedAt', 3600, 'retroDoneAt', 1800)]],
    ['detected before started', after(T0, { detectedAt: -60 }), [pair('startedAt', 0, 'detectedAt', -60)]],
  ])('%s', (_name, incident, expected) => {
    expect(outOfOrderPairs(incident)).toEqual(expected);
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
    // Retro prep after retro done is out of order, but not time to retro's own ends (resolved → retro done).
    ['retro prep after retro done does not matter', after(T0, { resolvedAt: 3600, retroPrepAt: 90000, retroDoneAt: 86400 }), ok(23)],
    ['retro done before detection, after resolution: measured', after(T0, { detectedAt: 90000, resolvedAt: 3600, retroDoneAt: 86400 }), ok(23)],
    ['excluded', after(T0, { resolvedAt: 3600, retroDoneAt: 7200 }, { excludedFromMetrics: true }), out('excluded')],
  ])('%s', (_name, incident, expected) => {
    expect(timeToRetro(incident, hours)).toEqual(expected);
  });
});
