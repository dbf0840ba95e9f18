import { ApiProperty } from '@nestjs/swagger';
import { TIMELINE_KINDS, type TimelineKind } from '../timeline-entry.entity.js';

export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid', description: 'Id', example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Id of the incident', example: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' }) incidentId: string;
  @ApiProperty({ description: 'Key of the incident', example: 'INC-2026-0001' }) incidentKey: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it happened', example: '2026-03-01T09:45:00.000Z' }) occurredAt: string;
  @ApiProperty({ enum: TIMELINE_KINDS, description: 'What kind of entry', example: 'status_update' }) kind: TimelineKind;
  @ApiProperty({ type: String, nullable: true, description: 'Who wrote it or did it', example: 'Dana' }) author: string | null;
  @ApiProperty({ description: 'What happened or what was said', example: 'Rolled back the 09:12 deploy of payments-api.' }) body: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was recorded', example: '2026-03-01T09:46:10.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it last changed', example: '2026-03-01T09:46:10.000Z' }) updatedAt: string;
}

export class TimelineEntryPageDto {
  @ApiProperty({ type: [TimelineEntryDto], description: 'Entries in the order they happened; same-instant entries in the order they were recorded' }) items: TimelineEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}
