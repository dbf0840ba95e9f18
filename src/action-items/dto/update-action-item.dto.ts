import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ActionItemFieldsDto, present } from './action-item-fields.js';

/** A partial update: only the fields present change; `null` clears an optional field. */
export class UpdateActionItemDto extends ActionItemFieldsDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409 and the current version', example: 1 })
  @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'What is to be done', example: 'Alert when the payments queue is older than 5 minutes', maxLength: 300 })
  @ValidateIf(present) @IsString() @MinLength(1) @MaxLength(300)
  title?: string;
}
