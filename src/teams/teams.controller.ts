import type { AuditContext } from '../audit/audit-change.js';
import { AuditCtx } from '../audit/audit-context.decorator.js';
import type { RequestActor } from '../common/actor.js';
import { CurrentActor, MinRole } from '../common/access.decorators.js';
import { ApiAuthErrors } from '../common/api-responses.decorators.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-responses.decorators.js';
import { CreateTeamDto } from './dto/create-team.dto.js';
import { TeamDto } from './dto/team.dto.js';
import { UpdateTeamDto } from './dto/update-team.dto.js';
import { TeamsService } from './teams.service.js';

const ID_OR_NAME = { name: 'team', description: 'Team id (uuid) or exact name', example: 'Payments' };

@ApiTags('teams')
@MinRole('viewer')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiAuthErrors()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: 'Every team by name, with how many services and incidents it owns' })
  @ApiOkResponse({ type: [TeamDto] })
  list(): Promise<TeamDto[]> {
    return this.teams.list();
  }

  @Get(':team')
  @ApiOperation({ summary: 'One team by id or name' })
  @ApiParam(ID_OR_NAME)
  @ApiOkResponse({ type: TeamDto })
  @ApiErrors(404)
  get(@Param('team') team: string): Promise<TeamDto> {
    return this.teams.get(team);
  }

  @MinRole('admin')
  @Post()
  @ApiOperation({ summary: 'Add a team (the name must be free)' })
  @ApiCreatedResponse({ type: TeamDto })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateTeamDto, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<TeamDto> {
    return this.teams.create(dto, actor, context);
  }

  @MinRole('admin')
  @Patch(':team')
  @ApiOperation({ summary: 'Rename a team or change its description or paging link (last write wins)' })
  @ApiParam(ID_OR_NAME)
  @ApiOkResponse({ type: TeamDto })
  @ApiErrors(400, 404, 409)
  update(
    @Param('team') team: string,
    @Body() dto: UpdateTeamDto,
    @CurrentActor() actor: RequestActor,
    @AuditCtx() context: AuditContext,
  ): Promise<TeamDto> {
    return this.teams.update(team, dto, actor, context);
  }

  @MinRole('admin')
  @Delete(':team')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a team that owns no incident, service or action item' })
  @ApiParam(ID_OR_NAME)
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  async delete(@Param('team') team: string, @CurrentActor() actor: RequestActor, @AuditCtx() context: AuditContext): Promise<void> {
    await this.teams.delete(team, actor, context);
  }
}
