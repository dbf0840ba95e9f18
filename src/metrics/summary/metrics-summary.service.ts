import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { MetricsQueryDto } from '../dto/metrics-query.dto.js';
import type { MetricSummaryDto, MetricsGroupDto, MetricsResponseDto, MetricsSetDto } from './dto/metrics-response.dto.js';
import { groupKey, scopeOf, type GroupDimension } from '../core/metrics-scope.js';
import { METRIC_NAMES, MetricsSummaryRepository, type MetricAggregate, type MetricsGroupRow } from './metrics-summary.repository.js';
import { periodKey, periodRange, type PeriodUnit } from '../core/periods.js';

const dimensionName = (d: GroupDimension) => (d.kind === 'period' ? `period:${d.unit}` : d.kind);

export function toMetricSummaryDto(aggregate: MetricAggregate): MetricSummaryDto {
  const [median, p90, p95] = aggregate.percentiles ?? [null, null, null];
  return { n: aggregate.n, median, p90, p95, mean: aggregate.mean, min: aggregate.min, max: aggregate.max, excluded: { ...aggregate.excluded } };
}

function toGroupDto(row: MetricsGroupRow, groupBy: readonly GroupDimension[]): MetricsGroupDto {
  return {
    key: groupKey(row.keyColumns, groupBy),
    incidents: row.incidents,
    metrics: Object.fromEntries(METRIC_NAMES.map((metric) => [metric, toMetricSummaryDto(row.metrics[metric])])) as unknown as MetricsSetDto,
  };
}

/** A period without incidents: incidents 0, every metric n = 0 with nulls. */
function emptyGroup(start: Date, unit: PeriodUnit, timeZone: string): MetricsGroupDto {
  const empty = (): MetricSummaryDto => ({ n: 0, median: null, p90: null, p95: null, mean: null, min: null, max: null, excluded: { missing: 0, order: 0, excluded: 0 } });
  return {
    key: { period: periodKey(start, unit, timeZone), periodStart: start.toISOString() },
    incidents: 0,
    metrics: Object.fromEntries(METRIC_NAMES.map((metric) => [metric, empty()])) as unknown as MetricsSetDto,
  };
}

/**
 * GET /api/v1/metrics: checks the scope, has PostgreSQL compute every figure in one statement, and
 * shapes the answer. When grouping by period alone, periods without incidents are filled in so a chart
 * shows the gap rather than skipping it.
 */
@Injectable()
export class MetricsSummaryService {
  constructor(
    private readonly metrics: MetricsSummaryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summarize(query: MetricsQueryDto): Promise<MetricsResponseDto> {
    const scope = scopeOf(query, this.config.reportTimeZone);
    const { groupBy, timeZone } = scope;
    const { from, to } = scope.filter;
    const rows = await this.metrics.summarize(scope);
    let groups = rows.map((row) => toGroupDto(row, groupBy));
    const [only] = groupBy;
    if (groupBy.length === 1 && only.kind === 'period') {
      const found = new Map(groups.map((group) => [group.key.periodStart, group]));
      groups = periodRange(from, to, only.unit, timeZone).map((start) => found.get(start.toISOString()) ?? emptyGroup(start, only.unit, timeZone));
    }
    return { timeZone, from: from.toISOString(), to: to.toISOString(), groupBy: groupBy.map(dimensionName), groups };
  }
}
