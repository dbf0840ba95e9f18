/**
 * Distribution statistics as the metrics report them (SPEC §2). Pure: no Nest, no TypeORM.
 *
 * Percentiles are PostgreSQL's `percentile_cont`, step for step (src/backend/utils/adt/orderedsetaggs.c,
 * `percentile_cont_final_common` and `float8_lerp`): position = p × (n − 1), then
 * lo + (hi − lo) × (position − floor(position)) between the two closest ranks. Written out rather than
 * taken from simple-statistics: the installed 7.12.1 `quantileSorted` computes the same thing (R type 7;
 * test/integration/percentile-cont.spec.ts checks all three agree), but earlier releases did not
 * interpolate (they returned the rank ceil(n × p) − 1, or averaged two ranks), and the SQL engine is
 * proved against this file, so its meaning must not move with a dependency upgrade.
 */

/** The seven figures reported for each metric; all null when there are no values. */
export interface Summary {
  n: number;
  median: number | null;
  p90: number | null;
  p95: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
}

/**
 * PostgreSQL `percentile_cont(p) WITHIN GROUP (ORDER BY v)` over `sorted` (ascending, non-empty):
 * linear interpolation between the closest ranks at position p × (n − 1), 0-based.
 */
export function percentileCont(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentileCont needs at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} is not between 0 and 1`);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  if (lower === upper) return sorted[lower];
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/**
 * n, median (p50), p90, p95 (all `percentileCont`), arithmetic mean, min and max of `values`, in
 * any order; with no values n = 0 and every statistic is null. Values must be finite numbers.
 */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, median: null, p90: null, p95: null, mean: null, min: null, max: null };
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`cannot summarize non-finite value ${bad}`);
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentileCont(sorted, 0.5),
    p90: percentileCont(sorted, 0.9),
    p95: percentileCont(sorted, 0.95),
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}
