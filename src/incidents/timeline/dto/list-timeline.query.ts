import { toList } from '../../../common/validation.decorators.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { TIMELINE_KINDS, type TimelineKind } from '../timeline-entry.entity.js';

export class ListTimelineQuery {
  @ApiPropertyOptional({ description: 'Only entries of these kinds, repeatable or comma-separated', enum: TIMELINE_KINDS, isArray: true, example: ['status_update'] })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(TIMELINE_KINDS, { each: true })
  kind?: TimelineKind[];
}
