import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

/** Validates a field whenever it is sent, so `null` is refused for fields that cannot be cleared. */
const IfSent = () => ValidateIf((_, value) => value !== undefined);

export const SEVERITY_KEY = /^[A-Za-z0-9_-]{1,20}$/;
const MAX_TARGET_SECONDS = 366 * 24 * 3600;
const MAX_RANK = 1000;

const TARGET = { type: Number, nullable: true, minimum: 0, maximum: MAX_TARGET_SECONDS } as const;

/** Fields a severity level can be created with and changed through; every one optional here. */
export class SeverityLevelFieldsDto {
  @ApiPropertyOptional({ description: 'Short key used everywhere else (incidents, imports, filters); unique', example: 'SEV4', pattern: SEVERITY_KEY.source })
  @IfSent() @IsString() @Matches(SEVERITY_KEY, { message: 'must be 1–20 letters, digits, "_" or "-"' })
  key?: string;

  @ApiPropertyOptional({ description: 'Human name', example: 'Low-impact incident', maxLength: 100 })
  @IfSent() @IsString() @MinLength(1) @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'When to use this level', example: 'Cosmetic problem or a workaround exists; no SLA at risk.', maxLength: 2000 })
  @IfSent() @IsString() @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ description: '1 is the most severe; unique across levels. An incident\'s severity for metrics is the lowest rank it ever had.', example: 4, minimum: 1, maximum: MAX_RANK })
  @IfSent() @IsInt() @Min(1) @Max(MAX_RANK)
  rank?: number;

  @ApiPropertyOptional({ ...TARGET, description: 'SLA target for time to acknowledge (acknowledged − detected), seconds; null = no target', example: 1800 })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_TARGET_SECONDS)
  ackTargetSeconds?: number | null;

  @ApiPropertyOptional({ ...TARGET, description: 'SLA target for time to mitigate (mitigated − started), seconds; null = no target', example: 28800 })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_TARGET_SECONDS)
  mitigateTargetSeconds?: number | null;

  @ApiPropertyOptional({ ...TARGET, description: 'SLA target for time to resolve (resolved − started), seconds; null = no target', example: 259200 })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_TARGET_SECONDS)
  resolveTargetSeconds?: number | null;

  @ApiPropertyOptional({ ...TARGET, minimum: 1, description: 'Expected interval between status updates while the incident is open, seconds (at least 1); null = no cadence', example: 3600 })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_TARGET_SECONDS)
  updateCadenceSeconds?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 8760, description: 'Retrospective due within this many business hours of resolution; null = no target', example: 48 })
  @IsOptional() @IsInt() @Min(0) @Max(8760)
  retroDueBusinessHours?: number | null;
}
