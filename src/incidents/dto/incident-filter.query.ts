import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsOptional, IsString } from 'class-validator';
import { toList } from '../../common/validation.decorators.js';
import type { IncidentFilter } from '../incident-filter.js';

/**
 * The filter fields the incident list and every metrics endpoint share, for a query DTO to extend
 * (with IntersectionType beside its own range and paging). `severity` is the current severity here; the
 * metrics redeclare it as the peak severity.
 */
export class IncidentFilterQueryDto {
  @ApiPropertyOptional({ description: 'Current severity key(s), repeatable or comma-separated', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  severity?: string[];

  @ApiPropertyOptional({ description: 'Affected service name(s)', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  service?: string[];

  @ApiPropertyOptional({ description: 'Owning team name(s)', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  team?: string[];

  @ApiPropertyOptional({ description: 'Source name(s)', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  source?: string[];

  @ApiPropertyOptional({ description: 'Tag(s); an incident must carry all of them', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  tag?: string[];
}

/** The shared filter fields of a query, as the IncidentFilter the SQL takes. */
export function toIncidentFilter(query: IncidentFilterQueryDto): Pick<IncidentFilter, 'severities' | 'services' | 'teams' | 'sources' | 'tags'> {
  return { severities: query.severity, services: query.service, teams: query.team, sources: query.source, tags: query.tag };
}
