import { after } from '../../../test/factories/metric-incidents.js';
import { summarizeMetric, summarizeMetrics, type MetricSummary } from './metric-summary.js';

const T0 = '2026-03-01T09:00:00Z';
const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

/**
 * Six incidents whose intervals (seconds) are, by hand:
 *        ttd      tta      tte      ttm    ttr    retro (h)
 *   A    300      60       240      3600   7200   24
 *   B    60       120      missing  1800   3600   missing
 *   C    600      order    360      5400   10800  missing   (acknowledged before detected: only TTA, whose own ends they are)
 *   D    excluded everywhere (a game day)
 *   E    120      missing  missing  missing missing missing
 *   F    300      120      60       3600   14400  48
 */
const incidents = [
  after(T0, { detectedAt: 300, acknowledgedAt: 360, investigatingAt: 600, mitigatedAt: 3600, resolvedAt: 7200, retroDoneAt: 7200 + 86400 }, { id: 'A' }),
  after(T0, { detectedAt: 60, acknowledgedAt: 180, mitigatedAt: 1800, resolvedAt: 3600 }, { id: 'B' }),
  after(T0, { detectedAt: 600, acknowledgedAt: 540, investigatingAt: 900, mitigatedAt: 5400, resolvedAt: 10800 }, { id: 'C' }),
  after(T0, { detectedAt: 60, acknowledgedAt: 120, investigatingAt: 180, mitigatedAt: 600, resolvedAt: 900, retroDoneAt: 3600 }, { id: 'D', excludedFromMetrics: true }),
  after(T0, { detectedAt: 120 }, { id: 'E' }),
  after(T0, { detectedAt: 300, acknowledgedAt: 420, investigatingAt: 480, mitigatedAt: 3600, resolvedAt: 14400, retroDoneAt: 14400 + 172800 }, { id: 'F' }),
];

const figures = (n: number, median: number, p90: number, p95: number, mean: number, min: number, max: number, missing: number, order: number, excluded: number): MetricSummary =>
  ({ n, median, p90, p95, mean, min, max, excluded: { missing, order, excluded } });

function expectSummary(actual: MetricSummary | undefined, expected: MetricSummary) {
  expect(actual).toBeDefined();
  expect(actual!.excluded).toEqual(expected.excluded);
  expect(actual!.n).toBe(expected.n);
  for (const key of ['median', 'p90', 'p95', 'mean', 'min', 'max'] as const) {
    if (expected[key] === null) expect(actual![key]).toBeNull();
    else expect(actual![key]).toBeCloseTo(expected[key], 9);
  }
}

describe('summarizeMetrics', () => {
  const summary = summarizeMetrics(incidents, { retroDuration: hours });

  it.each<[string, MetricSummary]>([
    // [60, 120, 300, 300, 600]: median at 2 → 300; p90 at 3.6 → 300 + 300 × 0.6 = 480; p95 at 3.8 → 300 + 300 × 0.8 = 540.
    ['ttd', figures(5, 300, 480, 540, 276, 60, 600, 0, 0, 1)],
    // [60, 120, 120]
    ['tta', figures(3, 120, 120, 120, 100, 60, 120, 1, 1, 1)],
    // [60, 240, 360]: median 240; p90 at 1.8 → 240 + 120 × 0.8 = 336, p95 at 1.9 → 240 + 120 × 0.9 = 348
    ['tte', figures(3, 240, 336, 348, 220, 60, 360, 2, 0, 1)],
    // [1800, 3600, 3600, 5400]: 3600 + 1800 × 0.7 = 4860, 3600 + 1800 × 0.85 = 5130
    ['ttm', figures(4, 3600, 4860, 5130, 3600, 1800, 5400, 1, 0, 1)],
    // [3600, 7200, 10800, 14400]: 10800 + 3600 × 0.7 = 13320, 10800 + 3600 × 0.85 = 13860
    ['ttr', figures(4, 9000, 13320, 13860, 9000, 3600, 14400, 1, 0, 1)],
    // [24, 48] in the calculator's unit (hours here): 24 + 24 × 0.9 = 45.6, 24 + 24 × 0.95 = 46.8
    ['ttRetro', figures(2, 36, 45.6, 46.8, 36, 24, 48, 3, 0, 1)],
  ])('%s', (metric, expected) => {
    expectSummary(summary[metric as keyof typeof summary], expected);
  });

  it('accounts for every incident in every metric: n + missing + order + excluded = set size', () => {
    for (const metric of Object.values(summary)) {
      const { missing, order, excluded } = metric.excluded;
      expect(metric.n + missing + order + excluded).toBe(incidents.length);
    }
  });

  it('reports the five wall-clock metrics, and time to retro only with a business-time calculator', () => {
    expect(Object.keys(summarizeMetrics(incidents)).sort()).toEqual(['tta', 'ttd', 'tte', 'ttm', 'ttr']);
    expect(Object.keys(summary).sort()).toEqual(['tta', 'ttd', 'tte', 'ttm', 'ttRetro', 'ttr'].sort());
  });

  it('n = 0: an empty set gives null figures and zero counts', () => {
    const empty = summarizeMetrics([]);
    expect(empty.ttr).toEqual({ n: 0, median: null, p90: null, p95: null, mean: null, min: null, max: null, excluded: { missing: 0, order: 0, excluded: 0 } });
  });

  it('n = 0 with incidents: all of them counted out, none silently dropped', () => {
    const none = summarizeMetrics([incidents[3], incidents[4]]);
    expect(none.tte).toEqual({ n: 0, median: null, p90: null, p95: null, mean: null, min: null, max: null, excluded: { missing: 1, order: 0, excluded: 1 } });
  });

  it('n = 1: every figure is the one interval', () => {
    const one = summarizeMetrics([incidents[0]]);
    expect(one.ttm).toEqual({ n: 1, median: 3600, p90: 3600, p95: 3600, mean: 3600, min: 3600, max: 3600, excluded: { missing: 0, order: 0, excluded: 0 } });
  });
});

describe('summarizeMetric', () => {
  it('summarises whatever the measure returns and counts the rest by reason', () => {
    const result = summarizeMetric(incidents, (incident) =>
      incident.id === 'A' ? { ok: true, seconds: 10 } : incident.id === 'B' ? { ok: true, seconds: 30 } : { ok: false, reason: 'order' });
    expect(result).toEqual({ n: 2, median: 20, p90: 28, p95: 29, mean: 20, min: 10, max: 30, excluded: { missing: 0, order: 4, excluded: 0 } });
  });
});
