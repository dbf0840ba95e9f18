import { ApiProperty } from '@nestjs/swagger';
import { ACTOR_TYPES, type ActorType } from '../../common/actor.js';

export class AuditActorDto {
  @ApiProperty({ enum: ACTOR_TYPES, example: 'token' }) type: ActorType;
  @ApiProperty({ nullable: true, type: String, description: 'User or token id; null for the CLI and the system' }) id: string | null;
  @ApiProperty({ description: 'Username, token name, `cli` or `system`, as it was at the time', example: 'ci' }) name: string;
}

export class AuditEntityDto {
  @ApiProperty({ example: 'incident', description: 'incident, timeline_entry, retrospective, action_item, severity_level, team, service, retro_template, token' })
  type: string;

  @ApiProperty({ nullable: true, type: String }) id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'A human handle as it was at the time: incident key, name, title…', example: 'INC-2026-0001' })
  label: string | null;
}

export class FieldChangeDto {
  @ApiProperty({ example: 'severity' }) field: string;
  @ApiProperty({ nullable: true, description: 'Value before (null when it did not exist)', example: 'SEV2' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'Value after (null when it no longer exists)', example: 'SEV1' }) after: unknown;
}

export class AuditEventDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: AuditActorDto }) actor: AuditActorDto;
  @ApiProperty({ example: 'incident.update', description: '`<entity>.<verb>`' }) action: string;
  @ApiProperty({ type: AuditEntityDto }) entity: AuditEntityDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The incident whose history this change belongs to' }) incidentId: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'The entity as the API showed it before (null on create)' }) before: unknown;
  @ApiProperty({ nullable: true, type: Object, description: 'The entity as the API showed it after (null on delete)' }) after: unknown;
  @ApiProperty({ type: [FieldChangeDto], description: 'Top-level fields that differ, by name; version and updatedAt left out' }) changes: FieldChangeDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Client address of the request, when made over HTTP' }) ip: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The request\'s X-Request-Id header, when sent' }) requestId: string | null;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty({ description: 'Events matching the filters, over all pages', example: 1 }) total: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}
