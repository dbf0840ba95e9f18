import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto.js';
import { IsInstant, toList } from '../../common/validation.decorators.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../milestones.js';

export class ListIncidentsQuery extends PageQueryDto() {
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

}
