import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { TIMELINE_KINDS, type TimelineKind } from '../timeline-entry.entity.js';

/** `?kind=note&kind=action` and `?kind=note,action` both give a list (as ListIncidentsQuery reads its filters). */
const toList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

export class ListTimelineQuery {
  @ApiPropertyOptional({ description: 'Only entries of these kinds, repeatable or comma-separated', enum: TIMELINE_KINDS, isArray: true, example: ['status_update'] })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(TIMELINE_KINDS, { each: true })
  kind?: TimelineKind[];
}
