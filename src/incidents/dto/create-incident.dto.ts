import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsInstant } from '../../common/validation.js';
import { IncidentFieldsDto } from './incident-fields.js';

export class CreateIncidentDto extends IncidentFieldsDto {
  @ApiProperty({ required: true, nullable: false, description: 'Short title', example: 'Checkout is unavailable for EU customers', maxLength: 300 })
  @IsString() @IsNotEmpty() @MaxLength(300)
  declare title: string;

  @ApiProperty({ required: true, nullable: false, description: 'Severity level key', example: 'SEV2' })
  @IsString() @IsNotEmpty()
  declare severity: string;

  @ApiProperty({ required: true, type: String, format: 'date-time', nullable: false, description: 'When the affected system began having problems, with an offset', example: '2026-03-01T09:30:00Z' })
  @IsInstant()
  declare startedAt: string;

  @ApiPropertyOptional({ description: 'Source system name; `hindsight` when declared here', example: 'statuspage' })
  @IsOptional() @IsString() @Matches(/^[a-z0-9][a-z0-9._-]{0,62}$/, { message: 'must be 1–63 lowercase letters, digits, ".", "_" or "-"' })
  source?: string;

  @ApiPropertyOptional({ description: 'Id of the record in the source system; unique together with source', nullable: true })
  @IsOptional() @IsString() @MaxLength(500)
  externalId?: string | null;
}
