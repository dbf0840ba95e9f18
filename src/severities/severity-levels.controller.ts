import type { AuditContext } from '../audit/audit-change.js';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { RequestActor } from '../common/actor.js';
import { CurrentActor, MinRole } from '../common/access.decorators.js';
import { ApiAuthErrors } from '../common/api-responses.decorators.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-responses.decorators.js';
import { CreateSeverityLevelDto } from './dto/create-severity-level.dto.js';
import { SeverityLevelDto } from './dto/severity-level.dto.js';
import { UpdateSeverityLevelDto } from './dto/update-severity-level.dto.js';
import { SeverityLevelsService } from './severity-levels.service.js';

const KEY = { name: 'key', description: 'Severity level key (exact)', example: 'SEV2' };

@ApiTags('severity-levels')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('severity-levels')
export class SeverityLevelsController {
  constructor(private readonly severities: SeverityLevelsService) {}

  @Get()
  @ApiOperation({ summary: 'Every severity level with its SLA targets, most severe (rank 1) first' })
  @ApiOkResponse({ type: [SeverityLevelDto] })
  list(): Promise<SeverityLevelDto[]> {
    return this.severities.list();
  }

  @Get(':key')
  @ApiOperation({ summary: 'One severity level by key' })
  @ApiParam(KEY)
  @ApiOkResponse({ type: SeverityLevelDto })
  @ApiErrors(404)
  get(@Param('key') key: string): Promise<SeverityLevelDto> {
    return this.severities.get(key);
  }

  @MinRole('admin')
  @Post()
  @ApiOperation({ summary: 'Add a severity level (key and rank must be free)' })
  @ApiCreatedResponse({ type: SeverityLevelDto })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateSeverityLevelDto, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<SeverityLevelDto> {
    return this.severities.create(dto, actor, context);
  }

  @MinRole('admin')
  @Patch(':key')
  @ApiOperation({ summary: 'Change a level\'s key, name, rank or SLA targets (send the version you read)' })
  @ApiParam(KEY)
  @ApiOkResponse({ type: SeverityLevelDto })
  @ApiErrors(400, 404, 409)
  update(
    @Param('key') key: string,
    @Body() dto: UpdateSeverityLevelDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<SeverityLevelDto> {
    return this.severities.update(key, dto, actor, context);
  }

  @MinRole('admin')
  @Delete(':key')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a severity level that no incident or severity change refers to' })
  @ApiParam(KEY)
  @ApiQuery({ name: 'version', required: false, description: 'When given, the delete is refused (409) unless it is the current version', example: 1 })
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  async delete(
    @Param('key') key: string,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
    @Query('version') version?: number,
  ): Promise<void> {
    await this.severities.delete(key, version, actor, context);
  }
}
