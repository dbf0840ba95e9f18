import type { AuditContext } from '../../audit/audit-change.js';
import { AuditCtx } from '../../audit/audit-context.decorator.js';
import type { RequestActor } from '../../common/actor.js';
import { CurrentActor, MinRole } from '../../common/access.decorators.js';
import { ApiAuthErrors } from '../../common/api-responses.decorators.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrors } from '../../common/api-responses.decorators.js';
import { CreateTimelineEntryDto } from './dto/create-timeline-entry.dto.js';
import { ListTimelineQuery } from './dto/list-timeline.query.js';
import { TimelineEntryDto, TimelineEntryPageDto } from './dto/timeline-entry.dto.js';
import { UpdateTimelineEntryDto } from './dto/update-timeline-entry.dto.js';
import { TimelineService } from './timeline.service.js';

const ID_OR_KEY = { name: 'incident', description: 'Incident id (uuid) or key (INC-2026-0042)', example: 'INC-2026-0001' };
const ENTRY_ID = { name: 'entryId', description: 'Timeline entry id (uuid)', example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };

@ApiTags('timeline')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('incidents/:incident/timeline')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @ApiOperation({
    summary: 'A page of an incident\'s timeline in the order things happened, optionally only some kinds',
    description: 'Follow `nextCursor` until it is null: a page also stops before `limit` at 2 MiB of JSON.',
  })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: TimelineEntryPageDto })
  @ApiErrors(400, 404)
  list(@Param('incident') incident: string, @Query() query: ListTimelineQuery): Promise<TimelineEntryPageDto> {
    return this.timeline.list(incident, query);
  }

  @MinRole('responder')
  @Post()
  @ApiOperation({ summary: 'Add a note, status update, severity change, milestone or action to the timeline' })
  @ApiParam(ID_OR_KEY)
  @ApiCreatedResponse({ type: TimelineEntryDto })
  @ApiErrors(400, 404)
  create(
    @Param('incident') incident: string,
    @Body() dto: CreateTimelineEntryDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<TimelineEntryDto> {
    return this.timeline.create(incident, dto, actor, context);
  }

  @MinRole('responder')
  @Patch(':entryId')
  @ApiOperation({ summary: 'Correct a timeline entry (last write wins)' })
  @ApiParam(ID_OR_KEY)
  @ApiParam(ENTRY_ID)
  @ApiOkResponse({ type: TimelineEntryDto })
  @ApiErrors(400, 404)
  update(
    @Param('incident') incident: string,
    @Param('entryId') entryId: string,
    @Body() dto: UpdateTimelineEntryDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<TimelineEntryDto> {
    return this.timeline.update(incident, entryId, dto, actor, context);
  }

  @MinRole('admin')
  @Delete(':entryId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a timeline entry' })
  @ApiParam(ID_OR_KEY)
  @ApiParam(ENTRY_ID)
  @ApiNoContentResponse()
  @ApiErrors(404)
  async delete(
    @Param('incident') incident: string,
    @Param('entryId') entryId: string,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<void> {
    await this.timeline.delete(incident, entryId, actor, context);
  }
}
