import { compareDurations, mannWhitneyU, type MannWhitneyMethod } from './change-over-time.js';

const range = (from: number, count: number, step = 1) => Array.from({ length: count }, (_, i) => from + i * step);
const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / expected;

// Reference p-values: R wilcox.test(x, y, correct = TRUE) ≡ scipy.stats.mannwhitneyu(x, y,
// alternative='two-sided', use_continuity=True, method='exact' | 'asymptotic'), scipy 1.17.1.
const heavyTiesPrevious = [...Array(8).fill(3600), ...Array(6).fill(7200), ...Array(4).fill(10800), ...Array(2).fill(14400)];
const heavyTiesCurrent = [...Array(3).fill(3600), ...Array(4).fill(7200), ...Array(6).fill(10800), ...Array(7).fill(14400)];
const thirty = [8397, 18433, 4873, 12722, 16133, 19633, 2747, 1031, 15975, 9098, 18648, 8278, 6883, 16009, 18326, 18610, 16209, 13613, 5535, 8199, 5568, 17743, 13377, 1096, 2698, 5823, 19969, 2002, 10471, 1616];
const twentyFive = [11928, 18591, 15801, 17089, 16042, 22004, 17669, 7495, 15077, 6293, 4275, 7555, 19316, 10210, 11553, 17392, 12964, 16900, 19721, 15744, 21909, 14598, 20601, 22271, 16455];

describe('mannWhitneyU', () => {
  it.each<[string, number[], number[], number, number, MannWhitneyMethod]>([
    // SciPy's mannwhitneyu documentation example (ages of men and women with type II diabetes): U1 = 17, exact p = 0.1111 (= 2 · 14/252).
    ['published example: ages, men vs women', [19, 22, 16, 29, 24], [20, 11, 17, 12], 17, 0.1111111111111111, 'exact'],
    ['fully separated 5 vs 5: p = 2/252', [10, 20, 30, 40, 50], [100, 200, 300, 400, 500], 0, 0.007936507936507936, 'exact'],
    ['fully separated 4 vs 4: p = 2/70', [10, 20, 30, 40], [100, 200, 300, 400], 0, 0.02857142857142857, 'exact'],
    ['the other way round: U = nx·ny, same p', [100, 200, 300, 400], [10, 20, 30, 40], 16, 0.02857142857142857, 'exact'],
    ['10 vs 10 at U = 23: the last U under 0.05', [60, 120, 180, 240, 300, 360, 420, 900, 960, 1140], [480, 540, 600, 660, 720, 780, 840, 1020, 1080, 1200], 23, 0.04325705254497823, 'exact'],
    ['10 vs 10 at U = 24: the first U over 0.05', [60, 120, 180, 240, 300, 360, 420, 900, 1020, 1140], [480, 540, 600, 660, 720, 780, 840, 960, 1080, 1200], 24, 0.0524259022711035, 'exact'],
    ['30 vs 25 without ties is still exact (as R, below 50)', thirty, twentyFive, 233, 0.015907038744282467, 'exact'],
    ['49 vs 49 without ties: exact, far tail', range(1, 49), range(20.5, 49), 435, 1.1532032072449462e-8, 'exact'],
    ['1 vs 1', [5], [9], 0, 1, 'exact'],
    ['50 vs 50: normal approximation', range(1, 50), range(20.5, 50), 465, 6.366071075125588e-8, 'normal-approximation'],
    ['60 vs 60 with one tie: normal approximation', range(1000, 60, 37), range(1400, 60, 41), 1093.5, 0.00021093631210860619, 'normal-approximation'],
    ['ties, rounded to minutes: tie-corrected normal approximation', [60, 60, 60, 60, 120, 120, 120, 180, 180, 240], [60, 60, 60, 120, 120, 180, 180, 180, 240, 300], 39.5, 0.43239464247072057, 'normal-approximation'],
    ['heavy ties, whole hours: tie-corrected normal approximation', heavyTiesCurrent, heavyTiesPrevious, 285, 0.018218977453005575, 'normal-approximation'],
    ['identical samples', range(1, 10), range(1, 10), 50, 1, 'normal-approximation'],
  ])('%s', (_name, x, y, u, pValue, method) => {
    const result = mannWhitneyU(x, y);
    expect(result.u).toBe(u);
    expect(result.method).toBe(method);
    if (pValue === 1) expect(result.pValue).toBe(1);
    else expect(relativeError(result.pValue, pValue)).toBeLessThan(method === 'exact' ? 1e-10 : 1e-6);
  });

  it('gives every value of one tie group its mid-rank (U counts a tie as ½)', () => {
    // Pairs x > y: 3>1, 5>1, 5>3 → 3; the tie 3 = 3 → ½; so U = 3.5 of 6 (mid-ranks: 1, 2.5, 2.5, 4, 5).
    expect(mannWhitneyU([3, 5], [1, 3, 7]).u).toBe(3.5);
    expect(mannWhitneyU([1, 3, 7], [3, 5]).u).toBe(2.5);
  });

  it('p = 1 when every value is the same (no variance to test)', () => {
    expect(mannWhitneyU([300, 300, 300], [300, 300])).toEqual({ u: 3, pValue: 1, method: 'normal-approximation' });
  });

  it.each([
    [[], [1]],
    [[1], []],
    [[1, Number.NaN], [2]],
    [[1], [Number.POSITIVE_INFINITY]],
  ])('refuses %p vs %p', (x, y) => {
    expect(() => mannWhitneyU(x, y)).toThrow(RangeError);
  });
});

describe('compareDurations', () => {
  it.each<[string, number[], number[], string]>([
    ['clearly shorter now (5 vs 5)', [100, 200, 300, 400, 500], [10, 20, 30, 40, 50], 'improved'],
    ['clearly longer now (5 vs 5)', [10, 20, 30, 40, 50], [100, 200, 300, 400, 500], 'regressed'],
    ['significant at 4 vs 4 but below the minimum sample size', [100, 200, 300, 400], [10, 20, 30, 40], 'no clear change'],
    ['4 previous vs 20 current, fully separated: still too few', [1000, 2000, 3000, 4000], range(1, 20), 'no clear change'],
    ['identical samples', range(60, 12, 60), range(60, 12, 60), 'no clear change'],
    ['p just under 0.05 (U = 23 of 100)', [480, 540, 600, 660, 720, 780, 840, 1020, 1080, 1200], [60, 120, 180, 240, 300, 360, 420, 900, 960, 1140], 'improved'],
    ['p just over 0.05 (U = 24 of 100)', [480, 540, 600, 660, 720, 780, 840, 960, 1080, 1200], [60, 120, 180, 240, 300, 360, 420, 900, 1020, 1140], 'no clear change'],
    ['heavy ties, shifted up: regressed', heavyTiesPrevious, heavyTiesCurrent, 'regressed'],
    ['heavy ties, shifted down: improved', heavyTiesCurrent, heavyTiesPrevious, 'improved'],
    ['ties, small shift', [60, 60, 60, 120, 120, 180, 180, 180, 240, 300], [60, 60, 60, 60, 120, 120, 120, 180, 180, 240], 'no clear change'],
    ['all the same duration', Array(8).fill(1800), Array(9).fill(1800), 'no clear change'],
    ['6 vs 6, five shorter and one huge outage: p = 0.065, not yet clear', [600, 700, 800, 900, 1000, 1100], [100, 150, 200, 250, 300, 360_000], 'no clear change'],
    ['12 vs 12, eleven shorter and one huge outage: improved (p = 0.0002), the outage cannot swing a rank test', range(600, 12, 100), [...range(100, 11, 20), 360_000], 'improved'],
  ])('%s → %s', (_name, previous, current, label) => {
    expect(compareDurations(previous, current).label).toBe(label);
  });

  it('reports the test, U of the current sample, p, method, sizes and medians', () => {
    expect(compareDurations([100, 200, 300, 400, 500, 600], [10, 20, 30, 40, 50])).toEqual({
      label: 'improved',
      test: 'mann-whitney-u',
      u: 0,
      pValue: 2 / 462, // C(11, 5) = 462 orderings, two extreme ones
      nPrevious: 6,
      nCurrent: 5,
      medianPrevious: 350,
      medianCurrent: 30,
      method: 'exact',
    });
  });

  it('U is the current sample’s: near nPrevious·nCurrent when durations grew', () => {
    const result = compareDurations(heavyTiesPrevious, heavyTiesCurrent);
    expect(result.u).toBe(285);
    expect(result.u! / (result.nPrevious * result.nCurrent)).toBeCloseTo(0.7125, 10);
    expect(result.method).toBe('normal-approximation');
  });

  it.each([
    [[], [1, 2, 3, 4, 5], null, 3],
    [[1, 2, 3, 4, 5], [], 3, null],
    [[], [], null, null],
  ])('an empty sample gives no test, n = 0 and a null median (%p vs %p)', (previous, current, medianPrevious, medianCurrent) => {
    expect(compareDurations(previous, current)).toEqual({
      label: 'no clear change',
      test: 'mann-whitney-u',
      u: null,
      pValue: null,
      nPrevious: previous.length,
      nCurrent: current.length,
      medianPrevious,
      medianCurrent,
      method: null,
    });
  });

  it('n = 1 against 1: computed, never a verdict', () => {
    expect(compareDurations([3600], [60])).toMatchObject({ label: 'no clear change', u: 0, pValue: 1, nPrevious: 1, nCurrent: 1, method: 'exact' });
  });

  it('does not reorder the caller’s arrays', () => {
    const previous = [500, 100, 300, 200, 400];
    const current = [50, 10, 30, 20, 40];
    compareDurations(previous, current);
    expect(previous).toEqual([500, 100, 300, 200, 400]);
    expect(current).toEqual([50, 10, 30, 20, 40]);
  });

  it('refuses values that are not finite numbers', () => {
    expect(() => compareDurations([1, 2, Number.NaN], [1, 2, 3])).toThrow(/previous holds a value that is not a finite number/);
  });
});
