import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsHttpUrl } from '../../common/validation.decorators.js';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { IsInstant } from '../../common/validation.decorators.js';
import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, type ActionItemPriority, type ActionItemStatus } from '../action-item.entity.js';
import { CALENDAR_DATE_PROBLEM, calendarDateProblem, isCalendarDate } from '../action-item-rules.js';

/** A `YYYY-MM-DD` naming a day that exists in ACCEPTED_YEARS (2026-02-30 and 0000-01-01 are refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: ({ value }) => (typeof value === 'string' ? calendarDateProblem(value) : null) ?? CALENDAR_DATE_PROBLEM, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}

/**
 * Validates a field that may be left out but never sent as null (its column has no null). Unlike
 * IsOptional, a null is validated, and refused, here.
 */
export const present = (_: object, value: unknown) => value !== undefined;

/**
 * Fields an action item can be created with and changed through, optional in both. Required fields
 * (incident, title) are declared by the create DTO alone: a conditional decorator here would be
 * inherited and make them optional.
 */
export class ActionItemFieldsDto {
  @ApiPropertyOptional({ description: 'Details, context, acceptance criteria', example: 'The backlog grew for 40 minutes before anyone noticed.', maxLength: 20000 })
  @ValidateIf(present) @IsString() @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({
    format: 'uuid', nullable: true, type: String,
    description: 'Retrospective the item came out of; it must be the retrospective of the same incident',
    example: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
  })
  @IsOptional() @IsUUID()
  retrospectiveId?: string | null;

  @ApiPropertyOptional({ description: 'Person who owns it (free text)', example: 'Dana Smith', nullable: true, type: String, maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  owner?: string | null;

  @ApiPropertyOptional({ description: 'Name of the responsible team (must exist, see /api/v1/teams)', example: 'Payments', nullable: true, type: String })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  team?: string | null;

  @ApiPropertyOptional({ enum: ACTION_ITEM_PRIORITIES, description: 'Priority; `medium` when not given on create', example: 'high' })
  @ValidateIf(present) @IsIn(ACTION_ITEM_PRIORITIES)
  priority?: ActionItemPriority;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Calendar date it is due (YYYY-MM-DD); overdue from the next day in REPORT_TIMEZONE', example: '2026-03-31' })
  @IsOptional() @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({
    enum: ACTION_ITEM_STATUSES,
    description: '`open` when not given on create. Becoming `done` or `wont_do` sets completedAt (now unless given); reopening clears it.',
    example: 'in_progress',
  })
  @ValidateIf(present) @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;

  @ApiPropertyOptional({
    type: String, format: 'date-time',
    description: 'When it was completed, with an offset; only with status done or wont_do, and not in the future',
    example: '2026-03-09T17:00:00Z',
  })
  @ValidateIf(present) @IsInstant()
  completedAt?: string;

  @ApiPropertyOptional({ description: 'Link to the ticket (Jira, GitHub, …); http or https', example: 'https://github.com/acme/payments/issues/412', nullable: true, type: String })
  @IsOptional() @IsHttpUrl()
  externalUrl?: string | null;
}
