import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IncidentFieldsDto } from './incident-fields.js';

/** A partial update: only the fields present change; `null` clears an optional field. */
export class UpdateIncidentDto extends IncidentFieldsDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409 and the current version', example: 1 })
  @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Why the severity changed (recorded in its history)', example: 'More customers affected than first thought' })
  @IsOptional() @IsString() @MaxLength(2000)
  severityChangeReason?: string;
}
