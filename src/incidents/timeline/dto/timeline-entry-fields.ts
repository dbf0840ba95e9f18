import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IfSent, IsInstant } from '../../../common/validation.decorators.js';
import { TIMELINE_KINDS, type TimelineKind } from '../timeline-entry.entity.js';


/** Fields a timeline entry can be created with and changed through; every one optional here. */
export class TimelineEntryFieldsDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When it happened, with an offset', example: '2026-03-01T09:45:00Z' })
  @IfSent() @IsInstant()
  occurredAt?: string;

  @ApiPropertyOptional({ enum: TIMELINE_KINDS, description: 'What kind of entry; status updates feed the comms-cadence metric', example: 'status_update' })
  @IfSent() @IsIn(TIMELINE_KINDS)
  kind?: TimelineKind;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Who wrote it or did it; null = unknown', example: 'Dana', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  author?: string | null;

  @ApiPropertyOptional({ description: 'What happened or what was said (1–20000 characters, not blank)', example: 'Rolled back the 09:12 deploy of payments-api.', minLength: 1, maxLength: 20000 })
  @IfSent() @IsString() @MaxLength(20000) @Matches(/\S/, { message: 'must not be empty or blank' })
  body?: string;
}
