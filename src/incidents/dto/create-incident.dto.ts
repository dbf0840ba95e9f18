import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsInstant } from '../../common/validation.decorators.js';
import { SOURCE_NAME, SOURCE_NAME_RULE } from '../../common/validators.js';
import { IncidentFieldsDto } from './incident-fields.js';

/**
 * The three required fields re-declare the optional ones of IncidentFieldsDto. `@ValidateIf(() => true)`
 * overrides the inherited `@IsOptional()`, which class-validator would otherwise still apply.
 */
export class CreateIncidentDto extends IncidentFieldsDto {
  @ApiProperty({ required: true, nullable: false, description: 'Short title', example: 'Checkout is unavailable for EU customers', maxLength: 300 })
  @ValidateIf(() => true) @IsDefined() @IsString() @IsNotEmpty() @MaxLength(300)
  declare title: string;

  @ApiProperty({ required: true, nullable: false, description: 'Severity level key', example: 'SEV2' })
  @ValidateIf(() => true) @IsDefined() @IsString() @IsNotEmpty()
  declare severity: string;

  @ApiProperty({ required: true, type: String, format: 'date-time', nullable: false, description: 'When the affected system began having problems, with an offset', example: '2026-03-01T09:30:00Z' })
  @ValidateIf(() => true) @IsDefined() @IsInstant()
  declare startedAt: string;

  @ApiPropertyOptional({ description: 'Source system name; `hindsight` when declared here', example: 'statuspage' })
  @IsOptional() @IsString() @Matches(SOURCE_NAME, { message: SOURCE_NAME_RULE })
  source?: string;

  @ApiPropertyOptional({ description: 'Id of the record in the source system; unique together with source', nullable: true })
  @IsOptional() @IsString() @MaxLength(500)
  externalId?: string | null;
}
