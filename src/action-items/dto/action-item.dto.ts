import { ApiProperty } from '@nestjs/swagger';
import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, type ActionItemPriority, type ActionItemStatus } from '../action-item.entity.js';

export class ActionItemDto {
  @ApiProperty({ format: 'uuid', example: '0b7e8c1a-2f3d-4e5f-9a8b-7c6d5e4f3a2b' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Incident it follows up' }) incidentId: string;
  @ApiProperty({ example: 'INC-2026-0001' }) incidentKey: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Retrospective it came out of' }) retrospectiveId: string | null;
  @ApiProperty({ example: 'Alert when the payments queue is older than 5 minutes' }) title: string;
  @ApiProperty({ description: 'Details; empty when none', example: '' }) description: string;
  @ApiProperty({ nullable: true, type: String, example: 'Dana Smith' }) owner: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Responsible team name', example: 'Payments' }) team: string | null;
  @ApiProperty({ enum: ACTION_ITEM_PRIORITIES, example: 'medium' }) priority: ActionItemPriority;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2026-03-31' }) dueDate: string | null;
  @ApiProperty({ enum: ACTION_ITEM_STATUSES, example: 'open' }) status: ActionItemStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Set when it became done or wont_do' }) completedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'https://github.com/acme/payments/issues/412' }) externalUrl: string | null;
  @ApiProperty({ description: 'Still open or in progress and due before today (REPORT_TIMEZONE)', example: false }) overdue: boolean;
  @ApiProperty({ description: 'Send it back on update (optimistic locking)', example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class ActionItemPageDto {
  @ApiProperty({ type: [ActionItemDto] }) items: ActionItemDto[];
  @ApiProperty({ description: 'Action items matching the filters, over all pages', example: 1 }) total: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}
