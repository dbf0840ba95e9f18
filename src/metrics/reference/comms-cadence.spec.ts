import { after } from '../../../test/factories/metric-incidents.js';
import { commsCadence, type CommsCadenceResult } from './comms-cadence.js';
import type { MetricIncident } from '../core/intervals.js';

const T0 = '2026-03-01T09:00:00Z';
const at = (hhmm: string) => new Date(`2026-03-01T${hhmm}:00Z`);
const gap = (from: string, to: string) => ({ from: at(from), to: at(to) });
const SEV1_CADENCE = 1800;
const NOW = at('23:00');

/** Detected 09:05 and resolved 10:05: a one-hour window whose first 30 minutes (to 09:35) are covered without any update. */
const hourLong = after(T0, { detectedAt: 300, resolvedAt: 3900 });

describe('commsCadence', () => {
  it.each<[string, MetricIncident, string[], Date, Omit<Extract<CommsCadenceResult, { ok: true }>, 'ok'>]>([
    ['updates every 30 minutes cover the whole window', hourLong, ['09:30', '10:00'], NOW,
      { openSeconds: 3600, coveredSeconds: 3600, share: 1, gaps: [] }],
    ['no update: only the first cadence is covered', hourLong, [], NOW,
      { openSeconds: 3600, coveredSeconds: 1800, share: 0.5, gaps: [gap('09:35', '10:05')] }],
    ['a late update leaves a gap from the missed deadline', hourLong, ['09:50'], NOW,
      { openSeconds: 3600, coveredSeconds: 2700, share: 0.75, gaps: [gap('09:35', '09:50')] }],
    ['overlapping coverage counts once', hourLong, ['09:20', '09:10'], NOW,
      { openSeconds: 3600, coveredSeconds: 2700, share: 0.75, gaps: [gap('09:50', '10:05')] }],
    ['an update exactly at the deadline leaves no gap', hourLong, ['09:35'], NOW,
      { openSeconds: 3600, coveredSeconds: 3600, share: 1, gaps: [] }],
    ['an update before detection adds nothing', hourLong, ['08:50'], NOW,
      { openSeconds: 3600, coveredSeconds: 1800, share: 0.5, gaps: [gap('09:35', '10:05')] }],
    ['an update at the resolution instant adds nothing', hourLong, ['10:05'], NOW,
      { openSeconds: 3600, coveredSeconds: 1800, share: 0.5, gaps: [gap('09:35', '10:05')] }],
    ['unresolved: the window runs to now', after(T0, { detectedAt: 300 }), ['09:30'], at('10:05'),
      { openSeconds: 3600, coveredSeconds: 3300, share: 3300 / 3600, gaps: [gap('10:00', '10:05')] }],
    ['no detection: the window starts at started', after(T0, { resolvedAt: 3600 }), [], NOW,
      { openSeconds: 3600, coveredSeconds: 1800, share: 0.5, gaps: [gap('09:30', '10:00')] }],
    ['updates are still due after mitigation, until resolution', after(T0, { detectedAt: 300, mitigatedAt: 1800, resolvedAt: 7200 }), ['10:00', '10:30'], NOW,
      { openSeconds: 6900, coveredSeconds: 5400, share: 5400 / 6900, gaps: [gap('09:35', '10:00')] }],
    ['a window shorter than the cadence is covered', after(T0, { detectedAt: 300, resolvedAt: 900 }), [], NOW,
      { openSeconds: 600, coveredSeconds: 600, share: 1, gaps: [] }],
    ['a zero-length window has nothing to cover', after(T0, { detectedAt: 300, resolvedAt: 300 }), [], NOW,
      { openSeconds: 0, coveredSeconds: 0, share: 1, gaps: [] }],
    ['now before detection: nothing open yet', after(T0, { detectedAt: 300 }), [], at('09:00'),
      { openSeconds: 0, coveredSeconds: 0, share: 1, gaps: [] }],
  ])('%s', (_name, incident, updates, now, expected) => {
    expect(commsCadence(incident, SEV1_CADENCE, updates.map(at), now)).toEqual({ ok: true, ...expected });
  });

  it('uses the severity\'s cadence: three hours cover what 30 minutes do not', () => {
    const fourHours = after(T0, { detectedAt: 0, resolvedAt: 14400 });
    expect(commsCadence(fourHours, 10800, [at('11:00')], NOW)).toEqual({
      ok: true, openSeconds: 14400, coveredSeconds: 14400, share: 1, gaps: [],
    });
    expect(commsCadence(fourHours, 1800, [at('11:00')], NOW)).toEqual({
      ok: true, openSeconds: 14400, coveredSeconds: 3600, share: 0.25, gaps: [gap('09:30', '11:00'), gap('11:30', '13:00')],
    });
  });

  it('null cadence: no expectation, no figure', () => {
    expect(commsCadence(hourLong, null, [], NOW)).toBeNull();
  });

  it.each<[string, MetricIncident, string]>([
    ['excluded from metrics', after(T0, { detectedAt: 300, resolvedAt: 3900 }, { excludedFromMetrics: true }), 'excluded'],
    ['resolved before detected (posted after it ended): the window\'s own ends', after(T0, { detectedAt: 3900, resolvedAt: 300 }), 'order'],
    ['resolved before started, never detected', after(T0, { resolvedAt: -300 }), 'order'],
  ])('not judged: %s', (_name, incident, reason) => {
    expect(commsCadence(incident, SEV1_CADENCE, [], NOW)).toEqual({ ok: false, reason });
  });

  // The window uses detectedAt (else startedAt) and resolvedAt only (issue 11): other pairs out of order do not matter.
  it.each<[string, MetricIncident]>([
    ['detected before started', after(T0, { detectedAt: -300, resolvedAt: 3300 })],
    ['mitigated before detected', after(T0, { detectedAt: 300, mitigatedAt: 60, resolvedAt: 3900 })],
  ])('judged although out of order elsewhere: %s', (_name, incident) => {
    expect(commsCadence(incident, SEV1_CADENCE, [], NOW)).toMatchObject({ ok: true, openSeconds: 3600, coveredSeconds: 1800, share: 0.5 });
  });
});
