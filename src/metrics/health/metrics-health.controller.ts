import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../../common/access.decorators.js';
import { ApiAuthErrors, ApiErrors } from '../../common/api-responses.decorators.js';
import { ActionItemMetricsQueryDto } from './dto/metrics-health-query.dto.js';
import { ActionItemHealthResponseDto, CommsHealthResponseDto, RetroHealthResponseDto } from './dto/metrics-health-response.dto.js';
import { MetricsQueryDto } from '../dto/metrics-query.dto.js';
import { toGroupBy, toMetricsScope } from '../dto/metrics-scope.mappers.js';
import { toActionItemHealthResponseDto, toActionItemScope, toCommsHealthResponseDto, toRetroHealthResponseDto } from './dto/metrics-health.mappers.js';
import { MetricsHealthService } from './metrics-health.service.js';

@ApiTags('metrics')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('metrics')
export class MetricsHealthController {
  constructor(private readonly health: MetricsHealthService) {}

  @Get('retros')
  @ApiOperation({
    summary: 'Retro health: share of resolved incidents with a retro, share held within the business-hours target, overdue retros',
    description:
      'Resolved incidents (resolvedAt set, not excluded) whose started_at is in [from, to). A retro counts when the incident has retroDoneAt or a ' +
      'submitted retrospective (held at retroDoneAt, else the retrospective’s heldAt). On time: held within the peak severity’s retroDueBusinessHours ' +
      'of resolvedAt, in business hours of the configured calendar (BUSINESS_DAYS, BUSINESS_HOURS, BUSINESS_TIMEZONE, BUSINESS_HOLIDAYS). ' +
      'Overdue: no retro and the deadline has passed now.',
  })
  @ApiOkResponse({ type: RetroHealthResponseDto })
  @ApiErrors(400)
  async retros(@Query() query: MetricsQueryDto): Promise<RetroHealthResponseDto> {
    return toRetroHealthResponseDto(await this.health.retros({ ...toMetricsScope(query), groupBy: toGroupBy(query.groupBy) }));
  }

  @Get('action-items')
  @ApiOperation({
    summary: 'Action-item health per team and overall: open, in progress, overdue, done on time / late, won’t do, median days to close',
    description:
      'Items created in [from, to) when given, grouped by the item’s team. Overdue and on time are judged on calendar dates in REPORT_TIMEZONE: ' +
      'overdue = open or in progress and due before today; on time = completed on or before the due date.',
  })
  @ApiOkResponse({ type: ActionItemHealthResponseDto })
  @ApiErrors(400)
  async actionItems(@Query() query: ActionItemMetricsQueryDto): Promise<ActionItemHealthResponseDto> {
    return toActionItemHealthResponseDto(await this.health.actionItems(toActionItemScope(query)));
  }

  @Get('comms')
  @ApiOperation({
    summary: 'Comms cadence adherence: share of open time covered by status updates within the peak severity’s update cadence',
    description:
      'Incidents whose started_at is in [from, to). Open window [detectedAt (else startedAt), resolvedAt (else now)); its first cadence is covered, ' +
      'and each status_update timeline entry at t covers [t, t + cadence), clipped to the window, overlaps counted once. ' +
      'share = Σ covered / Σ open over the group; medianShare = median of the per-incident shares.',
  })
  @ApiOkResponse({ type: CommsHealthResponseDto })
  @ApiErrors(400)
  async comms(@Query() query: MetricsQueryDto): Promise<CommsHealthResponseDto> {
    return toCommsHealthResponseDto(await this.health.comms({ ...toMetricsScope(query), groupBy: toGroupBy(query.groupBy) }));
  }
}
