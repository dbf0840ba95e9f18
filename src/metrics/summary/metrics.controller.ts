import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../../common/access.decorators.js';
import { ApiAuthErrors, ApiErrors } from '../../common/api-responses.decorators.js';
import { MetricsQueryDto } from '../dto/metrics-query.dto.js';
import { toGroupBy, toMetricsScope } from '../dto/metrics-scope.mappers.js';
import { MetricsResponseDto } from './dto/metrics-response.dto.js';
import { toMetricsResponseDto } from './dto/metrics-summary.mappers.js';
import { MetricsSummaryService } from './metrics-summary.service.js';

/** GET /api/v1/metrics. Named after its route (OpenAPI operationId MetricsController_summarize). */
@ApiTags('metrics')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsSummaryService) {}

  @Get()
  @ApiOperation({
    summary: 'TTD, TTA, TTE, TTM, TTR and time to retro as distributions (n, median, p90, p95, mean, min, max, exclusions), grouped and filtered',
    description:
      'Incidents whose started_at is in [from, to). Wall-clock seconds, except ttRetro (business seconds). Percentiles are continuous ' +
      '(percentile_cont). Each metric counts the incidents it leaves out by reason (missing milestone, order violation, excluded from metrics). ' +
      'Grouping by period alone lists every period of the range, empty ones with incidents 0.',
  })
  @ApiOkResponse({ type: MetricsResponseDto })
  @ApiErrors(400)
  async summarize(@Query() query: MetricsQueryDto): Promise<MetricsResponseDto> {
    return toMetricsResponseDto(await this.metrics.summarize({ ...toMetricsScope(query), groupBy: toGroupBy(query.groupBy) }));
  }
}
