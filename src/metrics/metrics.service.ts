import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/errors.js';
import { parseInstant } from '../common/instant.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { MetricsQueryDto } from './dto/metrics-query.dto.js';
import type { MetricSummaryDto, MetricsGroupDto, MetricsResponseDto, MetricsSetDto } from './dto/metrics-response.dto.js';
import { groupKey, parseGroupBy, type GroupDimension, type MetricsScope } from './metrics-scope.js';
import { METRIC_NAMES, MetricsRepository, type MetricAggregate, type MetricsGroupRow } from './metrics.repository.js';
import { periodKey, periodRange, type PeriodUnit } from './periods.js';

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
export class MetricsService {
  constructor(
    private readonly metrics: MetricsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summarize(query: MetricsQueryDto): Promise<MetricsResponseDto> {
    const from = parseInstant('from', query.from);
    const to = parseInstant('to', query.to);
    if (from.getTime() >= to.getTime()) throw new InvalidInputError('to', query.to, `must be after from (${query.from}): the range is [from, to)`);
    const parsed = parseGroupBy(query.groupBy ?? []);
    if (!parsed.ok) throw new InvalidInputError('groupBy', parsed.value, parsed.problem);
    const { groupBy } = parsed;
    const timeZone = this.config.reportTimeZone;
    const scope: MetricsScope = {
      filter: { from, to, severities: query.severity, services: query.service, teams: query.team, sources: query.source, tags: query.tag },
      groupBy,
      timeZone,
    };
    const rows = await this.metrics.summarize(scope, this.config.businessCalendar);
    let groups = rows.map((row) => toGroupDto(row, groupBy));
    const [only] = groupBy;
    if (groupBy.length === 1 && only.kind === 'period') {
      const found = new Map(groups.map((group) => [group.key.periodStart, group]));
      groups = periodRange(from, to, only.unit, timeZone).map((start) => found.get(start.toISOString()) ?? emptyGroup(start, only.unit, timeZone));
    }
    return { timeZone, from: from.toISOString(), to: to.toISOString(), groupBy: groupBy.map(dimensionName), groups };
  }
}
