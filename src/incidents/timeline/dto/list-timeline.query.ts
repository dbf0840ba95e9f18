import { PageQueryDto } from '../../../common/page-query.dto.js';
import { toList } from '../../../common/validation.decorators.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { TIMELINE_KINDS, type TimelineKind } from '../timeline-entry.entity.js';

/** A page of an incident's timeline (`limit`, `cursor`), optionally only some kinds. */
export class ListTimelineQuery extends PageQueryDto() {
  @ApiPropertyOptional({ description: 'Only entries of these kinds, repeatable or comma-separated', enum: TIMELINE_KINDS, isArray: true, example: ['status_update'] })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(TIMELINE_KINDS, { each: true })
  kind?: TimelineKind[];
}
