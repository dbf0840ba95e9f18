import { METRIC_NAMES } from '../../core/intervals.js';
import { toGroupByDto, toGroupKeyDto } from '../../dto/metrics-scope.mappers.js';
import type { MetricDistribution, SummaryReport } from '../metrics-summary.results.js';
import type { MetricSummaryDto, MetricsResponseDto, MetricsSetDto } from './metrics-response.dto.js';

/** Pure mappers from the summary's typed results to its response DTOs. */

export function toMetricSummaryDto(distribution: MetricDistribution): MetricSummaryDto {
  const { n, median, p90, p95, mean, min, max, excluded } = distribution;
  return { n, median, p90, p95, mean, min, max, excluded: { missing: excluded.missing, order: excluded.order, excluded: excluded.excluded } };
}

export function toMetricsResponseDto(report: SummaryReport): MetricsResponseDto {
  return {
    timeZone: report.timeZone,
    from: report.from.toISOString(),
    to: report.to.toISOString(),
    groupBy: toGroupByDto(report.groupBy),
    groups: report.groups.map((group) => ({
      key: toGroupKeyDto(group.key),
      incidents: group.incidents,
      metrics: Object.fromEntries(METRIC_NAMES.map((metric) => [metric, toMetricSummaryDto(group.metrics[metric])])) as unknown as MetricsSetDto,
    })),
  };
}
