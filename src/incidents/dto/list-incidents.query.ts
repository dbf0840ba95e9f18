import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInstant, toList } from '../../common/validation.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../milestones.js';

export class ListIncidentsQuery {
  @ApiPropertyOptional({ description: 'Incidents that started at or after this instant', format: 'date-time' })
  @IsOptional() @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Incidents that started before this instant', format: 'date-time' })
  @IsOptional() @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'Current severity key(s), repeatable or comma-separated', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  severity?: string[];

  @ApiPropertyOptional({ description: 'Affected service name(s)', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  service?: string[];

  @ApiPropertyOptional({ description: 'Owning team name(s)', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  team?: string[];

  @ApiPropertyOptional({ description: 'Status(es) derived from milestones', enum: INCIDENT_STATUSES, isArray: true })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(INCIDENT_STATUSES, { each: true })
  status?: IncidentStatus[];

  @ApiPropertyOptional({ description: 'Tag(s); an incident must carry all of them', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  tag?: string[];

  @ApiPropertyOptional({ description: 'Source name(s)', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  source?: string[];

  @ApiPropertyOptional({ description: 'Text search in key, title, functionality and customer impact (case-insensitive)' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Page size', default: 50, minimum: 1, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s `nextCursor`' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}
