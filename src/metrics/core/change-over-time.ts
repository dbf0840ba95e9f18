import { errorFunction, median, wilcoxonRankSum } from 'simple-statistics';
import type { ChangeLabel } from './change-verdict.js';

/**
 * Change over time (SPEC §2): is one period's distribution of a duration metric really lower
 * (improved) or higher (regressed) than the previous period's, or is the difference within what
 * chance gives at these sample sizes ("no clear change")?
 *
 * Test: two-sided Mann–Whitney U (Wilcoxon rank-sum) at α = 0.05. It compares whole samples by
 * rank, so it needs no normality (incident durations are heavily skewed) and one huge outage
 * cannot swing it. p-values follow R's `wilcox.test(x, y, exact = NULL, correct = TRUE)`:
 * - exact permutation distribution of U when both samples have fewer than 50 values and there are
 *   no ties (every duration distinct across both samples);
 * - otherwise the normal approximation with the tie correction of the variance and a continuity
 *   correction of ½ (ties are common: durations rounded to minutes, or imported as whole hours).
 * Below MIN_SAMPLE_SIZE values in either sample the label is always "no clear change" (U and p
 * are still reported): with 4 vs 4 the smallest possible exact p is 2/70 ≈ 0.029, so a single
 * ordering of eight incidents would be called a trend; with 3 vs 3 no result can reach 0.05.
 */

/** Two-sided significance level of the change-over-time test. */
export const CHANGE_ALPHA = 0.05;
/** Fewer values than this in either period's sample always gives "no clear change". */
export const MIN_SAMPLE_SIZE = 5;
/** The exact distribution is used while both samples are at most this size (and there are no ties), as R does. */
export const EXACT_MAX_SAMPLE_SIZE = 49;

/** Verdict on a period-over-period change of a duration metric (defined beside changeVerdict, which the web app shares). */
export type { ChangeLabel } from './change-verdict.js';

/** How the p-value of a Mann–Whitney U test was computed. */
export type MannWhitneyMethod = 'exact' | 'normal-approximation';

/** Result of a two-sided Mann–Whitney U test of sample x against sample y. */
export interface MannWhitneyResult {
  /** U of x: the number of (x, y) pairs with x > y, ties counting ½. Ranges 0 … nx·ny; nx·ny/2 means no shift. */
  u: number;
  pValue: number;
  method: MannWhitneyMethod;
}

/** One period-over-period comparison, with everything needed to explain it. */
export interface ChangeOverTime {
  label: ChangeLabel;
  test: 'mann-whitney-u';
  /** U of the current sample (pairs where the current duration is longer, ties ½); null when a sample is empty. */
  u: number | null;
  /** Two-sided p-value; null when a sample is empty. */
  pValue: number | null;
  nPrevious: number;
  nCurrent: number;
  medianPrevious: number | null;
  medianCurrent: number | null;
  method: MannWhitneyMethod | null;
}

function checkSample(sample: readonly number[], name: string): void {
  const bad = sample.find((value) => typeof value !== 'number' || !Number.isFinite(value));
  if (bad !== undefined) throw new RangeError(`${name} holds a value that is not a finite number: ${String(bad)}`);
}

const exactCache = new Map<string, Float64Array>();

/**
 * Cumulative null distribution of U for sample sizes m and n without ties: entry u is
 * P(U ≤ u) when all C(m+n, m) rank assignments are equally likely. Counts come from the
 * rank-sum recurrence (choose m of the ranks 1 … m+n; U = rank sum − m(m+1)/2), additions only.
 */
function exactCdf(m: number, n: number): Float64Array {
  const cacheKey = `${m}:${n}`;
  const cached = exactCache.get(cacheKey);
  if (cached) return cached;
  const total = m + n;
  const maxSum = (m * (2 * total - m + 1)) / 2;
  const ways: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(maxSum + 1));
  ways[0][0] = 1;
  for (let rank = 1; rank <= total; rank++) {
    for (let chosen = Math.min(rank, m); chosen >= 1; chosen--) {
      const into = ways[chosen];
      const from = ways[chosen - 1];
      for (let sum = maxSum; sum >= rank; sum--) into[sum] += from[sum - rank];
    }
  }
  const offset = (m * (m + 1)) / 2;
  const cdf = new Float64Array(m * n + 1);
  let running = 0;
  for (let u = 0; u <= m * n; u++) {
    running += ways[m][u + offset];
    cdf[u] = running;
  }
  for (let u = 0; u <= m * n; u++) cdf[u] /= running;
  exactCache.set(cacheKey, cdf);
  return cdf;
}

/**
 * Two-sided Mann–Whitney U test of x against y, as R's wilcox.test(x, y, correct = TRUE):
 * U of x = rank sum of x in the pooled sample (ties get mid-ranks) − nx(nx+1)/2. Exact p-value
 * (2 × the smaller tail, at most 1) when both samples have ≤ 49 values and no value repeats;
 * otherwise z = (U − nx·ny/2 ∓ ½) / σ with σ² = nx·ny/12 · ((N+1) − Σ(t³−t)/(N(N−1))) over tie
 * groups of size t, and p = 2·(1 − Φ(|z|)); p = 1 when every value is equal (σ = 0).
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  checkSample(x, 'x');
  checkSample(y, 'y');
  if (x.length === 0 || y.length === 0) throw new RangeError('Mann–Whitney U needs at least one value in each sample');
  const m = x.length;
  const n = y.length;
  const u = wilcoxonRankSum(x, y) - (m * (m + 1)) / 2;

  const pooled = [...x, ...y].sort((a, b) => a - b);
  const tieSizes: number[] = [];
  for (let i = 0; i < pooled.length; ) {
    let j = i + 1;
    while (j < pooled.length && pooled[j] === pooled[i]) j++;
    if (j - i > 1) tieSizes.push(j - i);
    i = j;
  }

  if (tieSizes.length === 0 && m <= EXACT_MAX_SAMPLE_SIZE && n <= EXACT_MAX_SAMPLE_SIZE) {
    const cdf = exactCdf(m, n);
    const lower = cdf[u];
    const upper = u === 0 ? 1 : 1 - cdf[u - 1];
    return { u, pValue: Math.min(1, 2 * Math.min(lower, upper)), method: 'exact' };
  }

  const total = m + n;
  const tieTerm = tieSizes.reduce((sum, t) => sum + (t ** 3 - t), 0) / (total * (total - 1));
  const sigma = Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm));
  const shift = u - (m * n) / 2;
  if (sigma === 0 || shift === 0) return { u, pValue: 1, method: 'normal-approximation' };
  const z = (Math.abs(shift) - 0.5) / sigma;
  // 2·(1 − Φ(|z|)) = 1 − erf(|z|/√2); never above 1 (|shift| ≥ ½ whenever it is not 0).
  const pValue = Math.min(1, Math.max(0, 1 - errorFunction(z / Math.SQRT2)));
  return { u, pValue, method: 'normal-approximation' };
}

/**
 * Labels the change from the previous period's durations to the current period's: `improved`
 * when the two-sided Mann–Whitney U test gives p < 0.05 and current durations rank lower
 * (U of current < nPrevious·nCurrent/2), `regressed` when significant and they rank higher, else
 * `no clear change` — always so when either sample has fewer than 5 values. Reports U of the
 * current sample, p, the method, both n and both medians (null for an empty sample).
 */
export function compareDurations(previous: readonly number[], current: readonly number[]): ChangeOverTime {
  checkSample(previous, 'previous');
  checkSample(current, 'current');
  const base = {
    test: 'mann-whitney-u' as const,
    nPrevious: previous.length,
    nCurrent: current.length,
    medianPrevious: previous.length > 0 ? median([...previous]) : null,
    medianCurrent: current.length > 0 ? median([...current]) : null,
  };
  if (previous.length === 0 || current.length === 0) {
    return { label: 'no clear change', u: null, pValue: null, method: null, ...base };
  }
  const { u, pValue, method } = mannWhitneyU(current, previous);
  const enough = previous.length >= MIN_SAMPLE_SIZE && current.length >= MIN_SAMPLE_SIZE;
  const noShift = (previous.length * current.length) / 2;
  const label: ChangeLabel = !enough || !(pValue < CHANGE_ALPHA) || u === noShift ? 'no clear change' : u < noShift ? 'improved' : 'regressed';
  return { label, u, pValue, method, ...base };
}
