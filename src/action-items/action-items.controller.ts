import type { AuditContext } from '../audit/audit-change.js';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { RequestActor } from '../common/actor.js';
import { CurrentActor, MinRole } from '../common/access.decorators.js';
import { ApiAuthErrors } from '../common/api-responses.decorators.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-responses.decorators.js';
import { ActionItemsService } from './action-items.service.js';
import { ActionItemDto, ActionItemPageDto } from './dto/action-item.dto.js';
import { CreateActionItemDto } from './dto/create-action-item.dto.js';
import { ActionItemFilterQuery, ListActionItemsQuery } from './dto/list-action-items.query.js';
import { UpdateActionItemDto } from './dto/update-action-item.dto.js';

const ID = { name: 'id', description: 'Action item id (uuid)', example: '0b7e8c1a-2f3d-4e5f-9a8b-7c6d5e4f3a2b' };
const ID_OR_KEY = { name: 'incident', description: 'Incident id (uuid) or key (INC-2026-0042)', example: 'INC-2026-0001' };

@ApiTags('action-items')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller()
export class ActionItemsController {
  constructor(private readonly items: ActionItemsService) {}

  @MinRole('responder')
  @Post('action-items')
  @ApiOperation({ summary: 'Record a follow-up of an incident, optionally from its retrospective' })
  @ApiCreatedResponse({ type: ActionItemDto })
  @ApiErrors(400, 422)
  create(@Body() dto: CreateActionItemDto, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<ActionItemDto> {
    return this.items.create(dto, actor, context);
  }

  @Get('action-items')
  @ApiOperation({ summary: 'List action items, newest first, with filters (overdue, status, team, …) and cursor pagination' })
  @ApiOkResponse({ type: ActionItemPageDto })
  @ApiErrors(400)
  list(@Query() query: ListActionItemsQuery): Promise<ActionItemPageDto> {
    return this.items.list(query);
  }

  @Get('incidents/:incident/action-items')
  @ApiOperation({ summary: 'The incident\'s action items, newest first, with the same filters' })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: ActionItemPageDto })
  @ApiErrors(400, 404)
  listForIncident(@Param('incident') incident: string, @Query() query: ActionItemFilterQuery): Promise<ActionItemPageDto> {
    return this.items.listForIncident(incident, query);
  }

  @Get('action-items/:id')
  @ApiOperation({ summary: 'One action item' })
  @ApiParam(ID)
  @ApiOkResponse({ type: ActionItemDto })
  @ApiErrors(404)
  get(@Param('id') id: string): Promise<ActionItemDto> {
    return this.items.get(id);
  }

  @MinRole('responder')
  @Patch('action-items/:id')
  @ApiOperation({ summary: 'Change an action item (send the version you read); done / wont_do sets completedAt, reopening clears it' })
  @ApiParam(ID)
  @ApiOkResponse({ type: ActionItemDto })
  @ApiErrors(400, 404, 409, 422)
  update(
    @Param('id') id: string,
    @Body() dto: UpdateActionItemDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<ActionItemDto> {
    return this.items.update(id, dto, actor, context);
  }

  @MinRole('admin')
  @Delete('action-items/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an action item' })
  @ApiParam(ID)
  @ApiQuery({ name: 'version', required: false, description: 'When given, the delete is refused (409) unless it is the current version' })
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  async delete(
    @Param('id') id: string,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
    @Query('version') version?: number,
  ): Promise<void> {
    await this.items.delete(id, version, actor, context);
  }
}
