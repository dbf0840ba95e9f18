import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { IsInstant, toList } from '../../common/validation.decorators.js';
import { IncidentFilterQueryDto } from '../../incidents/dto/incident-filter.query.js';
import { GROUP_DIMENSIONS } from '../core/metrics-scope.js';

/** The range every metrics endpoint takes, both ends required. */
class MetricsRangeQueryDto {
  @ApiProperty({ description: 'Incidents that started at or after this instant (half-open range [from, to))', format: 'date-time', example: '2025-01-01T00:00:00Z' })
  @IsInstant()
  from: string;

  @ApiProperty({ description: 'Incidents that started before this instant', format: 'date-time', example: '2027-01-01T00:00:00Z' })
  @IsInstant()
  to: string;
}

/** The scope without grouping: the range and the incident list's filter, severity read as the peak severity. */
export class MetricsFilterQueryDto extends IntersectionType(MetricsRangeQueryDto, IncidentFilterQueryDto) {
  // Redeclared for its description only (the validation is inherited); the initializer is what lets a field be redeclared.
  @ApiPropertyOptional({ description: 'Peak severity key(s), repeatable or comma-separated', type: [String], example: ['SEV1'] })
  override severity?: string[] = undefined;
}

class MetricsGroupByQueryDto {
  @ApiPropertyOptional({
    description: 'Grouping, any combination (at most one period): period:day|week|month|quarter|year (in REPORT_TIMEZONE), severity (peak), service, team, source',
    enum: GROUP_DIMENSIONS, isArray: true, example: ['period:month', 'severity'],
  })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(GROUP_DIMENSIONS, { each: true })
  groupBy?: string[];
}

/**
 * The scope every grouped metrics endpoint takes: time range, filters, grouping. Composed with
 * IntersectionType rather than extended, so the parameters keep their order in the OpenAPI document and
 * in validation errors: from, to, the filters, groupBy.
 */
export class MetricsQueryDto extends IntersectionType(MetricsFilterQueryDto, MetricsGroupByQueryDto) {}
