import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto.js';
import { IsInstant, toList } from '../../common/validation.decorators.js';
import { ACTOR_TYPES, type ActorType } from '../../common/actor.js';

/** Paging of the audit trail and of an incident's history. */
/** Events per page when the request does not say. */
export const AUDIT_PAGE_SIZE = 100;

export class AuditPageQuery extends PageQueryDto({ defaultLimit: AUDIT_PAGE_SIZE }) {}

export class ListAuditQuery extends AuditPageQuery {
  @ApiPropertyOptional({ description: 'Changes made at or after this instant', format: 'date-time', example: '2026-03-01T00:00:00Z' })
  @IsOptional() @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Changes made before this instant', format: 'date-time', example: '2026-04-01T00:00:00Z' })
  @IsOptional() @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'Who made the change, exactly as recorded: username, token name, `cli` or `system`', example: 'ci' })
  @IsOptional() @IsString() @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ description: 'How the actor was authenticated', enum: ACTOR_TYPES, example: 'token' })
  @IsOptional() @IsIn(ACTOR_TYPES)
  actorType?: ActorType;

  @ApiPropertyOptional({ description: 'Action(s) such as `incident.update`, repeatable or comma-separated', type: [String], example: ['incident.update'] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true }) @MaxLength(100, { each: true })
  action?: string[];

  @ApiPropertyOptional({ description: 'Kind of thing changed: incident, timeline_entry, retrospective, action_item, severity_level, team, service, retro_template, token', example: 'incident' })
  @IsOptional() @IsString() @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional({ description: 'Id of the thing changed (with entityType for an unambiguous match)', example: '3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d' })
  @IsOptional() @IsString() @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Incident id (uuid) or key: its own changes and those of its timeline, retrospective and action items', example: 'INC-2026-0001' })
  @IsOptional() @IsString() @MaxLength(100)
  incident?: string;
}
