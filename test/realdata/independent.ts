/**
 * The real-data suite's own arithmetic, written straight from the definitions and deliberately sharing no
 * code with Hindsight (no mapper, no SQL, nothing under src/): what Hindsight reports is compared with this.
 *
 * - An interval (time to mitigate, time to resolve) is measured from its own start to its own end
 *   (README "Metrics": ttm = mitigatedAt − startedAt, ttr = resolvedAt − startedAt). It is left out as
 *   `missing` when either end is absent, as `order` only when its own end is before its own start, and as
 *   `excluded` when the incident is excluded from the metrics.
 * - Percentiles are continuous: linear interpolation between the closest ranks, as PostgreSQL's
 *   percentile_cont (README "Metrics").
 */

/** Milliseconds since the epoch of an ISO 8601 text with an offset; null for null, undefined or ''. */
export function instant(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${JSON.stringify(text)}`);
  return ms;
}

/** The p-th continuous percentile (0 ≤ p ≤ 1) of the values; null when there are none. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

/** One incident's interval: its two ends (ms or null) and whether the incident is excluded from the metrics. */
export interface IntervalInput {
  start: number | null;
  end: number | null;
  excluded?: boolean;
}

/** What a metric over a set of incidents should report: the figures and why the others were left out. */
export interface ExpectedDistribution {
  n: number;
  median: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
  excluded: { missing: number; order: number; excluded: number };
}

/** The distribution, in seconds, of the intervals of `incidents`. */
export function distribution(incidents: readonly IntervalInput[]): ExpectedDistribution {
  const seconds: number[] = [];
  const excluded = { missing: 0, order: 0, excluded: 0 };
  for (const { start, end, excluded: isExcluded } of incidents) {
    if (isExcluded) excluded.excluded++;
    else if (start === null || end === null) excluded.missing++;
    else if (end < start) excluded.order++;
    else seconds.push((end - start) / 1000);
  }
  return {
    n: seconds.length,
    median: percentileCont(seconds, 0.5),
    p90: percentileCont(seconds, 0.9),
    min: seconds.length ? Math.min(...seconds) : null,
    max: seconds.length ? Math.max(...seconds) : null,
    excluded,
  };
}

/** A figure Hindsight reports (seconds, or null) is within `tolerance` seconds of the expected one. */
export function withinSeconds(actual: number | null, expected: number | null, tolerance = 1): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= tolerance;
}
