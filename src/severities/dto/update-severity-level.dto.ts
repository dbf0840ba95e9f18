import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { SeverityLevelFieldsDto } from './severity-level-fields.js';

/** A partial update: only the fields present change; `null` clears a target. */
export class UpdateSeverityLevelDto extends SeverityLevelFieldsDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409 and the current version', example: 1 })
  @IsInt() @Min(1)
  version: number;
}
