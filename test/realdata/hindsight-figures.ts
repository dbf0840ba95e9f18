import type { MetricName } from '../../src/metrics/core/intervals.js';
import type { MetricDistribution } from '../../src/metrics/summary/metrics-summary.results.js';
import { MetricsSummaryService } from '../../src/metrics/summary/metrics-summary.service.js';
import type { TestDatabase } from '../support/database.js';
import { withinSeconds, type ExpectedDistribution } from './independent.js';

/** Wide enough for every real file (2010–2024): the scope is half-open on startedAt. */
const EVERYTHING = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };

/** What Hindsight reports in process (MetricsSummaryService.summarize) for one metric over the incidents of `source`. */
export async function reported(db: TestDatabase, source: string, metric: MetricName): Promise<MetricDistribution> {
  const summary = (await db.hindsight()).get(MetricsSummaryService);
  const report = await summary.summarize({ ...EVERYTHING, filter: { sources: [source] } });
  expect(report.groups).toHaveLength(1);
  return report.groups[0].metrics[metric];
}

/**
 * Hindsight's figures equal the independent ones: n and the exclusion counts exactly, median, p90, min and
 * max within a second. A figure within the tolerance is shown as the expected one, so a failure's diff
 * lists only what is off, with both values.
 */
export function expectSameDistribution(metric: string, actual: MetricDistribution, expected: ExpectedDistribution): void {
  const close = (a: number | null, e: number | null) => (withinSeconds(a, e) ? e : a);
  expect({
    metric, n: actual.n, median: close(actual.median, expected.median), p90: close(actual.p90, expected.p90),
    min: close(actual.min, expected.min), max: close(actual.max, expected.max), excluded: actual.excluded,
  }).toEqual({ metric, ...expected });
}
