import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../../common/access.decorators.js';
import { ApiAuthErrors, ApiErrors } from '../../common/api-responses.decorators.js';
import { MetricsFilterQueryDto, MetricsQueryDto } from '../dto/metrics-query.dto.js';
import { toAttributeDimensions, toGroupBy, toMetricsScope } from '../dto/metrics-scope.mappers.js';
import { ChangesDto, DataQualityDto, DataQualityMetricCountsDto, DistributionDto, SeverityTrendsDto, SlaReportDto, StartTimesDto } from './dto/metrics-analysis.dto.js';
import { toChangesDto, toDataQualityDto, toDistributionDto, toSeverityTrendsDto, toSlaReportDto, toStartTimesDto } from './dto/metrics-analysis.mappers.js';
import { ChangesQueryDto, DataQualityQueryDto, DistributionQueryDto, SeverityTrendsQueryDto } from './dto/metrics-analysis.query.js';
import { MetricsAnalysisService } from './metrics-analysis.service.js';

/** SLA breaches, severity trends, change over time and data quality (SPEC §2), over the metrics scope. */
@ApiTags('metrics')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@ApiExtraModels(DataQualityMetricCountsDto)
@Controller('metrics')
export class MetricsAnalysisController {
  constructor(private readonly analysis: MetricsAnalysisService) {}

  @Get('sla')
  @ApiOperation({
    summary: 'SLA breaches per group: closed breaches, met, open, pending and not evaluated per kind (ack, mitigate, resolve), breach rate, and the open breaches now',
  })
  @ApiOkResponse({ type: SlaReportDto })
  @ApiErrors(400)
  async sla(@Query() query: MetricsQueryDto): Promise<SlaReportDto> {
    const groupBy = toGroupBy(query.groupBy);
    return toSlaReportDto(await this.analysis.sla({ ...toMetricsScope(query), groupBy }));
  }

  @Get('severity-trends')
  @ApiOperation({ summary: 'Incidents and share per severity per period, every period and level included' })
  @ApiOkResponse({ type: SeverityTrendsDto })
  @ApiErrors(400)
  async severityTrends(@Query() query: SeverityTrendsQueryDto): Promise<SeverityTrendsDto> {
    return toSeverityTrendsDto(await this.analysis.severityTrends(toMetricsScope(query), { period: query.period }));
  }

  @Get('changes')
  @ApiOperation({
    summary: 'Change over time: each period\'s median of a metric against the previous period\'s, labelled improved / regressed / no clear change by a Mann–Whitney U test',
  })
  @ApiOkResponse({ type: ChangesDto })
  @ApiErrors(400)
  async changes(@Query() query: ChangesQueryDto): Promise<ChangesDto> {
    const groupBy = toAttributeDimensions(query.groupBy);
    return toChangesDto(await this.analysis.changes({ ...toMetricsScope(query), groupBy }, { metric: query.metric, period: query.period }));
  }

  @Get('start-times')
  @ApiOperation({
    summary: 'When incidents start: counts per weekday × hour in REPORT_TIMEZONE, and the share that started outside business hours (the BUSINESS_* calendar)',
  })
  @ApiOkResponse({ type: StartTimesDto })
  @ApiErrors(400)
  async startTimes(@Query() query: MetricsFilterQueryDto): Promise<StartTimesDto> {
    return toStartTimesDto(await this.analysis.startTimes(toMetricsScope(query)));
  }

  @Get('distribution')
  @ApiOperation({ summary: 'The distribution of a duration metric: incidents measured per duration bucket (< 15 min … ≥ 7 d), every bucket listed' })
  @ApiOkResponse({ type: DistributionDto })
  @ApiErrors(400)
  async distribution(@Query() query: DistributionQueryDto): Promise<DistributionDto> {
    return toDistributionDto(await this.analysis.distribution(toMetricsScope(query), query.metric));
  }

  @Get('data-quality')
  @ApiOperation({ summary: 'Incidents left out of any metric and why (excluded, out-of-order milestones; missing ones on request), with counts over all incidents' })
  @ApiOkResponse({ type: DataQualityDto })
  @ApiErrors(400)
  async dataQuality(@Query() query: DataQualityQueryDto): Promise<DataQualityDto> {
    const options = { includeMissing: query.include?.includes('missing') ?? false, limit: query.limit, cursor: query.cursor };
    return toDataQualityDto(await this.analysis.dataQuality(toMetricsScope(query), options));
  }
}
