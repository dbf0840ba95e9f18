import { PageQueryDto } from '../../common/page-query.dto.js';
import { toList } from '../../common/validation.decorators.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, type ActionItemPriority, type ActionItemStatus } from '../action-item.entity.js';

/** `true` / `false` from the query string; anything else is left for IsBoolean to refuse with its value. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Filters and paging shared by /action-items and /incidents/:incident/action-items. */
export class ActionItemFilterQuery extends PageQueryDto() {
  @ApiPropertyOptional({ description: 'Responsible team name(s), repeatable or comma-separated', type: [String], example: ['Payments'] })
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true })
  team?: string[];

  @ApiPropertyOptional({ description: 'Status(es), repeatable or comma-separated', enum: ACTION_ITEM_STATUSES, isArray: true, example: ['open', 'in_progress'] })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(ACTION_ITEM_STATUSES, { each: true })
  status?: ActionItemStatus[];

  @ApiPropertyOptional({ description: 'Priority(ies), repeatable or comma-separated', enum: ACTION_ITEM_PRIORITIES, isArray: true, example: ['high'] })
  @IsOptional() @Transform(toList) @IsArray() @IsIn(ACTION_ITEM_PRIORITIES, { each: true })
  priority?: ActionItemPriority[];

  @ApiPropertyOptional({ description: 'Owner, exact name ignoring case', example: 'Dana Smith' })
  @IsOptional() @IsString() @MaxLength(200)
  owner?: string;

  @ApiPropertyOptional({
    description: '`true`: only items still open or in progress whose due date is before today in REPORT_TIMEZONE; `false`: only the others',
    type: Boolean, example: true,
  })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  overdue?: boolean;

}

export class ListActionItemsQuery extends ActionItemFilterQuery {
  @ApiPropertyOptional({ description: 'Incident id (uuid) or key', example: 'INC-2026-0001' })
  @IsOptional() @IsString() @MaxLength(100)
  incident?: string;
}
