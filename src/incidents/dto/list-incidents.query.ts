import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto.js';
import { IsInstant, toList } from '../../common/validation.decorators.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../milestones.js';
import { IncidentFilterQueryDto } from './incident-filter.query.js';

/** The list's range on started_at: either end may be left open. */
class ListIncidentsRangeQuery {
  @ApiPropertyOptional({ description: 'Incidents that started at or after this instant', format: 'date-time' })
  @IsOptional() @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Incidents that started before this instant', format: 'date-time' })
  @IsOptional() @IsInstant()
  to?: string;
}

export class ListIncidentsQuery extends IntersectionType(PageQueryDto(), ListIncidentsRangeQuery, IncidentFilterQueryDto) {
  @ApiPropertyOptional({ description: 'Status(es) derived from milestones', enum: INCIDENT_STATUSES, isArray: true })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(INCIDENT_STATUSES, { each: true })
  status?: IncidentStatus[];

  @ApiPropertyOptional({ description: 'Text search in key, title, functionality and customer impact (case-insensitive)' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;
}
