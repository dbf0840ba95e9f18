import type { AuditContext } from '../audit/audit-change.js';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { RequestActor } from '../common/actor.js';
import { CurrentActor, MinRole } from '../common/access.decorators.js';
import { ApiAuthErrors } from '../common/api-responses.decorators.js';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-responses.decorators.js';
import { CreateRetroTemplateDto, ListRetroTemplatesQuery, RetroTemplateDto } from './dto/retro-template.dto.js';
import { RetroTemplatesService } from './retro-templates.service.js';

const ID = { name: 'id', description: 'Template version id (uuid)', example: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f' };

@ApiTags('retrospectives')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('retro-templates')
export class RetroTemplatesController {
  constructor(private readonly templates: RetroTemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'Retrospective templates: the latest version of each name and the default (allVersions=true: every version)' })
  @ApiOkResponse({ type: [RetroTemplateDto] })
  @ApiErrors(400)
  list(@Query() query: ListRetroTemplatesQuery): Promise<RetroTemplateDto[]> {
    return this.templates.list(query.allVersions);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One template version' })
  @ApiParam(ID)
  @ApiOkResponse({ type: RetroTemplateDto })
  @ApiErrors(404)
  get(@Param('id') id: string): Promise<RetroTemplateDto> {
    return this.templates.get(id);
  }

  @MinRole('admin')
  @Post()
  @ApiOperation({
    summary: 'Write a template: version 1 of a new name, else the next version of that name',
    description: 'Templates never change once written. A new version of the default template becomes the default.',
  })
  @ApiCreatedResponse({ type: RetroTemplateDto })
  @ApiErrors(400)
  create(@Body() dto: CreateRetroTemplateDto, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<RetroTemplateDto> {
    return this.templates.create(dto, actor, context);
  }

  @MinRole('admin')
  @Post(':id/default')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make this version the default for new retrospectives (the previous default stops being one)' })
  @ApiParam(ID)
  @ApiOkResponse({ type: RetroTemplateDto })
  @ApiErrors(404)
  makeDefault(@Param('id') id: string, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<RetroTemplateDto> {
    return this.templates.makeDefault(id, actor, context);
  }
}
