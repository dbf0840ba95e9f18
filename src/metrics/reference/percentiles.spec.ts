import { percentileCont, summarize, type Summary } from './percentiles.js';

// Expected values are computed by hand with PostgreSQL's rule: position = p × (n − 1),
// lo + (hi − lo) × fraction. They are real numbers; the float result may differ in the last bit
// (3.85 comes out as 3.8499999999999996 in PostgreSQL too), hence toBeCloseTo at 9 decimals.
// test/integration/percentile-cont.spec.ts checks bit-for-bit equality with PostgreSQL itself.
describe('percentileCont', () => {
  it.each<[string, number[], number, number]>([
    ['one value, median', [7], 0.5, 7],
    ['one value, p95', [7], 0.95, 7],
    ['two values, median halfway', [10, 20], 0.5, 15],
    ['two values, p90 at 0.9', [10, 20], 0.9, 19],
    ['two values, p95 at 0.95', [10, 20], 0.95, 19.5],
    ['[1,2,3,4] median: position 1.5', [1, 2, 3, 4], 0.5, 2.5],
    ['[1,2,3,4] p90: position 2.7', [1, 2, 3, 4], 0.9, 3.7],
    ['[1,2,3,4] p95: position 2.85', [1, 2, 3, 4], 0.95, 3.85],
    ['odd n median lands on a rank', [3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5, 9],
    ['odd n p90 lands on a rank', [3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.9, 16],
    ['odd n p95 halfway between 16 and 20', [3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.95, 18],
    ['1..10 median', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5.5],
    ['1..10 p90: position 8.1', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    ['1..10 p95: position 8.55', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95, 9.55],
    ['ties: all equal', [5, 5, 5, 5], 0.9, 5],
    ['ties then an outlier, median on the tie', [1, 2, 2, 2, 10], 0.5, 2],
    ['ties then an outlier, p90: 2 + 8 × 0.6', [1, 2, 2, 2, 10], 0.9, 6.8],
    ['ties then an outlier, p95: 2 + 8 × 0.8', [1, 2, 2, 2, 10], 0.95, 8.4],
    ['skewed durations, p90: 3600 + 82800 × 0.8', [300, 3600, 86400], 0.9, 69840],
    ['skewed durations, p95: 3600 + 82800 × 0.9', [300, 3600, 86400], 0.95, 78120],
    ['p = 0 is the minimum', [2, 4, 8], 0, 2],
    ['p = 1 is the maximum', [2, 4, 8], 1, 8],
    ['fractional seconds', [0.5, 1.25], 0.5, 0.875],
  ])('%s', (_name, sorted, p, expected) => {
    expect(percentileCont(sorted, p)).toBeCloseTo(expected, 9);
  });

  it('is not the nearest-rank method: [1,2,3,4] p90 is 3.7, not 4', () => {
    expect(percentileCont([1, 2, 3, 4], 0.9)).not.toBe(4);
  });

  it.each([[-0.1], [1.1], [Number.NaN]])('refuses percentile %p', (p) => {
    expect(() => percentileCont([1, 2], p)).toThrow(RangeError);
  });

  it('refuses an empty list', () => {
    expect(() => percentileCont([], 0.5)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  const empty: Summary = { n: 0, median: null, p90: null, p95: null, mean: null, min: null, max: null };

  it.each<[string, number[], Summary]>([
    ['n = 0: every statistic null', [], empty],
    ['n = 1: every statistic is the value', [1800], { n: 1, median: 1800, p90: 1800, p95: 1800, mean: 1800, min: 1800, max: 1800 }],
    ['two values', [20, 10], { n: 2, median: 15, p90: 19, p95: 19.5, mean: 15, min: 10, max: 20 }],
    ['unsorted input is sorted first', [4, 1, 3, 2], { n: 4, median: 2.5, p90: 3.7, p95: 3.85, mean: 2.5, min: 1, max: 4 }],
    ['ties', [2, 10, 2, 1, 2], { n: 5, median: 2, p90: 6.8, p95: 8.4, mean: 3.4, min: 1, max: 10 }],
    ['skewed: the mean far above the median', [86400, 300, 3600], { n: 3, median: 3600, p90: 69840, p95: 78120, mean: 30100, min: 300, max: 86400 }],
    ['zeros count', [0, 0, 60], { n: 3, median: 0, p90: 48, p95: 54, mean: 20, min: 0, max: 60 }],
  ])('%s', (_name, values, expected) => {
    const summary = summarize(values);
    expect(Object.keys(summary).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected) as (keyof Summary)[]) {
      if (expected[key] === null) expect(summary[key]).toBeNull();
      else expect(summary[key]).toBeCloseTo(expected[key], 9);
    }
  });

  it('does not reorder the caller\'s array', () => {
    const values = [3, 1, 2];
    summarize(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY]])('refuses %p', (bad) => {
    expect(() => summarize([1, bad])).toThrow(RangeError);
  });
});
