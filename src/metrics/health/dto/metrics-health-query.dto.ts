import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsOptional, IsString } from 'class-validator';
import { IsInstant } from '../../../common/validation.decorators.js';
import { toList } from '../../../common/validation.decorators.js';

/**
 * Scope of GET /api/v1/metrics/action-items. Action items are judged on their own, not through their
 * incident: the optional range is on the item's creation (when the follow-up was raised), the grouping
 * is the item's team.
 */
export class ActionItemMetricsQueryDto {
  @ApiPropertyOptional({ description: 'Only items created at or after this instant (half-open range [from, to) on created_at); unset: no lower bound', format: 'date-time', example: '2026-01-01T00:00:00Z' })
  @IsOptional() @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Only items created before this instant; unset: no upper bound', format: 'date-time', example: '2026-04-01T00:00:00Z' })
  @IsOptional() @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'Only items of these team name(s), repeatable or comma-separated', type: [String], example: ['Payments'] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  team?: string[];
}
