import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import { IsInstant, toList } from '../../common/validation.js';
import { GROUP_DIMENSIONS } from '../core/metrics-scope.js';

/** The scope every metrics endpoint takes: time range, filters, grouping. */
export class MetricsQueryDto {
  @ApiProperty({ description: 'Incidents that started at or after this instant (half-open range [from, to))', format: 'date-time', example: '2025-01-01T00:00:00Z' })
  @IsInstant()
  from: string;

  @ApiProperty({ description: 'Incidents that started before this instant', format: 'date-time', example: '2027-01-01T00:00:00Z' })
  @IsInstant()
  to: string;

  @ApiPropertyOptional({ description: 'Peak severity key(s), repeatable or comma-separated', type: [String], example: ['SEV1'] })
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

  @ApiPropertyOptional({
    description: 'Grouping, any combination (at most one period): period:day|week|month|quarter|year (in REPORT_TIMEZONE), severity (peak), service, team, source',
    enum: GROUP_DIMENSIONS, isArray: true, example: ['period:month', 'severity'],
  })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(GROUP_DIMENSIONS, { each: true })
  groupBy?: string[];
}
