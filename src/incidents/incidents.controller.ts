import type { AuditContext } from '../audit/audit-change.js';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { RequestActor } from '../common/actor.js';
import { CurrentActor, MinRole } from '../common/access.decorators.js';
import { ApiAuthErrors } from '../common/api-responses.decorators.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-responses.decorators.js';
import { CreateIncidentDto } from './dto/create-incident.dto.js';
import { IncidentDto, IncidentPageDto, SeverityChangeDto } from './dto/incident.dto.js';
import { ListIncidentsQuery } from './dto/list-incidents.query.js';
import { UpdateIncidentDto } from './dto/update-incident.dto.js';
import { IncidentsService } from './incidents.service.js';

const ID_OR_KEY = { name: 'incident', description: 'Incident id (uuid) or key (INC-2026-0042)', example: 'INC-2026-0001' };

@ApiTags('incidents')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @MinRole('responder')
  @Post()
  @ApiOperation({ summary: 'Declare or record an incident' })
  @ApiCreatedResponse({ type: IncidentDto })
  @ApiErrors(400, 409, 422)
  create(@Body() dto: CreateIncidentDto, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<IncidentDto> {
    return this.incidents.create(dto, actor, context);
  }

  @Get()
  @ApiOperation({ summary: 'List incidents, newest first, with filters and cursor pagination' })
  @ApiOkResponse({ type: IncidentPageDto })
  @ApiErrors(400)
  list(@Query() query: ListIncidentsQuery): Promise<IncidentPageDto> {
    return this.incidents.list(query);
  }

  @Get(':incident')
  @ApiOperation({ summary: 'One incident by id or key' })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: IncidentDto })
  @ApiErrors(404)
  get(@Param('incident') incident: string): Promise<IncidentDto> {
    return this.incidents.get(incident);
  }

  @MinRole('responder')
  @Patch(':incident')
  @ApiOperation({ summary: 'Change fields, milestones or severity (send the version you read)' })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: IncidentDto })
  @ApiErrors(400, 404, 409, 422)
  update(
    @Param('incident') incident: string,
    @Body() dto: UpdateIncidentDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<IncidentDto> {
    return this.incidents.update(incident, dto, actor, context);
  }

  @MinRole('admin')
  @Delete(':incident')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an incident with its timeline, retrospective and action items' })
  @ApiParam(ID_OR_KEY)
  @ApiQuery({ name: 'version', required: false, description: 'When given, the delete is refused (409) unless it is the current version' })
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  async delete(
    @Param('incident') incident: string,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
    @Query('version') version?: number,
  ): Promise<void> {
    await this.incidents.delete(incident, version, actor, context);
  }

  @Get(':incident/severity-history')
  @ApiOperation({ summary: 'Every severity the incident had, oldest first' })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: [SeverityChangeDto] })
  @ApiErrors(404)
  severityHistory(@Param('incident') incident: string): Promise<SeverityChangeDto[]> {
    return this.incidents.severityHistory(incident);
  }
}
