import { DURATION_BUCKETS } from '../core/duration-buckets.js';
import { toDistribution, toStartTimes } from './metrics-analysis.results.js';

describe('toStartTimes', () => {
  it('fills the 7 × 24 grid, Monday 00:00 first, and sums the counts', () => {
    const report = toStartTimes([
      { weekday: 1, hour: 0, incidents: 3, outOfHours: 3, excluded: 1 },
      { weekday: 5, hour: 10, incidents: 4, outOfHours: 0, excluded: 0 },
      { weekday: 7, hour: 23, incidents: 1, outOfHours: 1, excluded: 2 },
    ], 'Europe/Berlin');
    expect(report.cells).toHaveLength(168);
    expect(report.cells[0]).toEqual({ weekday: 1, hour: 0, incidents: 3 });
    expect(report.cells[4 * 24 + 10]).toEqual({ weekday: 5, hour: 10, incidents: 4 });
    expect(report.cells[167]).toEqual({ weekday: 7, hour: 23, incidents: 1 });
    expect(report.cells.filter((c) => c.incidents > 0)).toHaveLength(3);
    expect(report).toMatchObject({ timeZone: 'Europe/Berlin', incidents: 8, excluded: 3, outOfHours: 4, outOfHoursShare: 0.5 });
  });

  it('gives no share when nothing was counted', () => {
    expect(toStartTimes([{ weekday: 2, hour: 3, incidents: 0, outOfHours: 0, excluded: 2 }], 'UTC')).toMatchObject({ incidents: 0, excluded: 2, outOfHoursShare: null });
  });
});

describe('toDistribution', () => {
  it('lists every bucket, counts width_bucket 0 (negative values) in the first, and sums n', () => {
    const report = toDistribution('ttr', [{ bucket: 0, incidents: 1 }, { bucket: 1, incidents: 2 }, { bucket: 4, incidents: 5 }, { bucket: DURATION_BUCKETS.length, incidents: 1 }], DURATION_BUCKETS);
    expect(report.n).toBe(9);
    expect(report.buckets.map((b) => b.incidents)).toEqual([3, 0, 0, 5, 0, 0, 0, 0, 0, 1]);
    expect(report.buckets[3]).toEqual({ label: '1–2 h', fromSeconds: 3_600, toSeconds: 7_200, incidents: 5 });
    expect(report.buckets[DURATION_BUCKETS.length - 1].toSeconds).toBeNull();
  });
});
