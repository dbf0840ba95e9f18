import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ActionItemFieldsDto } from './action-item-fields.js';

export class CreateActionItemDto extends ActionItemFieldsDto {
  @ApiProperty({ description: 'Incident id (uuid) or key', example: 'INC-2026-0001' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  incident: string;

  @ApiProperty({ description: 'What is to be done', example: 'Alert when the payments queue is older than 5 minutes', maxLength: 300 })
  @IsString() @IsNotEmpty() @MaxLength(300)
  title: string;
}
