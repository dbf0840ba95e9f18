import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, ValidateIf } from 'class-validator';
import { TIMELINE_KINDS, type TimelineKind } from '../timeline-entry.entity.js';
import { TimelineEntryFieldsDto } from './timeline-entry-fields.js';

/**
 * The inherited validators still apply. `ValidateIf(() => true)` replaces the inherited "validate only when
 * sent" condition (class-validator keeps one condition per property, preferring the subclass's), and
 * IsDefined then makes these fields required.
 * `required: true` is explicit because ApiProperty otherwise keeps the inherited `required: false`.
 */
export class CreateTimelineEntryDto extends TimelineEntryFieldsDto {
  @ApiProperty({ required: true, type: String, format: 'date-time', description: 'When it happened, with an offset', example: '2026-03-01T09:45:00Z' })
  @ValidateIf(() => true) @IsDefined()
  declare occurredAt: string;

  @ApiProperty({ required: true, enum: TIMELINE_KINDS, description: 'What kind of entry; status updates feed the comms-cadence metric', example: 'status_update' })
  @ValidateIf(() => true) @IsDefined()
  declare kind: TimelineKind;

  @ApiProperty({ required: true, description: 'What happened or what was said (1–20000 characters, not blank)', example: 'Rolled back the 09:12 deploy of payments-api.', minLength: 1, maxLength: 20000 })
  @ValidateIf(() => true) @IsDefined()
  declare body: string;
}
