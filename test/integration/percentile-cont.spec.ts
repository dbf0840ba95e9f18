import { quantileSorted } from 'simple-statistics';
import { percentileCont, summarize } from '../../src/metrics/reference/percentiles.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The proof the SQL metrics engine relies on: `percentileCont` gives PostgreSQL's
 * `percentile_cont` bit for bit (and `summarize`'s min/max/median/p90/p95 with it), on arrays with
 * ties, one value, two values, fractional seconds and skewed durations.
 */
describe('percentileCont against PostgreSQL percentile_cont', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const arrays: number[][] = [
    [7],
    [10, 20],
    [1, 2, 3, 4],
    [1, 2, 2, 2, 10],
    [5, 5, 5, 5],
    [3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20],
    [300, 3600, 86400],
    [0.001, 0.5, 1.25, 59.999, 3600.125],
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    // 97 skewed durations, from a fixed formula (no randomness): many distinct positions and fractions.
    Array.from({ length: 97 }, (_, i) => Math.round(((i * 7919) % 97) ** 2.3 * 10) / 10),
  ];
  const percentiles = [0, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99, 1];

  it.each(arrays.map((values) => [values.length, values] as const))('n = %i: every percentile equals PostgreSQL exactly', async (_n, values) => {
    const [row]: { result: number[] }[] = await db.dataSource.query(
      `SELECT percentile_cont($2::float8[]) WITHIN GROUP (ORDER BY v) AS result FROM unnest($1::float8[]) AS v`,
      [values, percentiles],
    );
    const sorted = [...values].sort((a, b) => a - b);
    expect(percentiles.map((p) => percentileCont(sorted, p))).toEqual(row.result);
  });

  it('summarize gives what the SQL engine will select: percentile_cont, min, max, avg', async () => {
    const values = [86400, 300, 3600, 3600, 120, 45000.5];
    const [row] = await db.dataSource.query(
      `SELECT count(*)::int AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY v) AS p95,
              avg(v) AS mean, min(v) AS min, max(v) AS max
         FROM unnest($1::float8[]) AS v`,
      [values],
    );
    const summary = summarize(values);
    expect({ ...summary, mean: undefined }).toEqual({ ...row, mean: undefined });
    // avg sums in a different order; agree to far below a millisecond.
    expect(summary.mean).toBeCloseTo(row.mean, 9);
  });

  it('simple-statistics 7.12.1 quantileSorted agrees here (R type 7), which is why it is not needed', () => {
    for (const values of arrays) {
      const sorted = [...values].sort((a, b) => a - b);
      for (const p of percentiles) expect(quantileSorted(sorted, p)).toBe(percentileCont(sorted, p));
    }
  });
});
