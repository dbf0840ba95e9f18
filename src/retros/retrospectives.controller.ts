import type { AuditContext } from '../audit/audit-change.js';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { RequestActor } from '../common/actor.js';
import { CurrentActor, MinRole } from '../common/access.decorators.js';
import { ApiAuthErrors } from '../common/api-responses.decorators.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-responses.decorators.js';
import {
  BlameCheckDto, BlameCheckResultDto, CreateRetrospectiveDto, RetrospectiveDto, SubmitRetrospectiveDto, UpdateRetrospectiveDto,
} from './dto/retrospective.dto.js';
import { RetrospectivesService } from './retrospectives.service.js';

const ID_OR_KEY = { name: 'incident', description: 'Incident id (uuid) or key (INC-2026-0042)', example: 'INC-2026-0001' };

@ApiTags('retrospectives')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller()
export class RetrospectivesController {
  constructor(private readonly retrospectives: RetrospectivesService) {}

  @Get('incidents/:incident/retrospective')
  @ApiOperation({ summary: 'The incident\'s retrospective with its questions, answers and blameless-language hints' })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: RetrospectiveDto })
  @ApiErrors(404)
  get(@Param('incident') incident: string): Promise<RetrospectiveDto> {
    return this.retrospectives.get(incident);
  }

  @MinRole('responder')
  @Post('incidents/:incident/retrospective')
  @ApiOperation({ summary: 'Start the incident\'s retrospective (one per incident) on a template, the default when none is named' })
  @ApiParam(ID_OR_KEY)
  @ApiCreatedResponse({ type: RetrospectiveDto })
  @ApiErrors(400, 404, 409, 422)
  create(
    @Param('incident') incident: string,
    @Body() dto: CreateRetrospectiveDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<RetrospectiveDto> {
    return this.retrospectives.create(incident, dto, actor, context);
  }

  @MinRole('responder')
  @Patch('incidents/:incident/retrospective')
  @ApiOperation({
    summary: 'Change people, times and answers (send the version you read)',
    description: 'A submitted retrospective is refused (422 `RETRO_SUBMITTED`) unless the body sets status `draft` to reopen it.',
  })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: RetrospectiveDto })
  @ApiErrors(400, 404, 409, 422)
  update(
    @Param('incident') incident: string,
    @Body() dto: UpdateRetrospectiveDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<RetrospectiveDto> {
    return this.retrospectives.update(incident, dto, actor, context);
  }

  @MinRole('responder')
  @Post('incidents/:incident/retrospective/submit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit a held retrospective',
    description: 'Needs heldAt (422 `RETRO_NOT_HELD`). Sets the incident\'s retroDoneAt when empty and in order, and records a milestone in its timeline.',
  })
  @ApiParam(ID_OR_KEY)
  @ApiOkResponse({ type: RetrospectiveDto })
  @ApiErrors(400, 404, 409, 422)
  submit(
    @Param('incident') incident: string,
    @Body() dto: SubmitRetrospectiveDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<RetrospectiveDto> {
    return this.retrospectives.submit(incident, dto, actor, context);
  }

  @Post('retros/blame-check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Blameless-language hints for a text, for live feedback while an answer is typed (never refuses)' })
  @ApiOkResponse({ type: BlameCheckResultDto })
  @ApiErrors(400)
  blameCheck(@Body() dto: BlameCheckDto): BlameCheckResultDto {
    return this.retrospectives.blameCheck(dto);
  }
}
