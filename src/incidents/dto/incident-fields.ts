import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IfSent, IsInstant } from '../../common/validation.decorators.js';
import { IMPACT_SCOPES, type ImpactScope } from '../incident.entity.js';

const TS = { type: String, format: 'date-time', nullable: true } as const;

/** Fields an incident can be created with and changed through; every one optional here. */
export class IncidentFieldsDto {
  @ApiPropertyOptional({ description: 'Short title', example: 'Checkout is unavailable for EU customers', maxLength: 300 })
  @IfSent() @IsString() @MinLength(1) @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ description: 'Severity level key', example: 'SEV2' })
  @IfSent() @IsString() @MinLength(1)
  severity?: string;

  @ApiPropertyOptional({ description: 'Seed naming: "{functionality} is {state} for {audience}"', example: 'Checkout', nullable: true })
  @IsOptional() @IsString() @MaxLength(200)
  functionality?: string | null;

  @ApiPropertyOptional({ description: 'Seed naming: the state the functionality is in', example: 'unavailable', nullable: true })
  @IsOptional() @IsString() @MaxLength(200)
  state?: string | null;

  @ApiPropertyOptional({ description: 'Seed naming: who is affected', example: 'EU customers', nullable: true })
  @IsOptional() @IsString() @MaxLength(200)
  audience?: string | null;

  @ApiPropertyOptional({ description: 'Names of affected services (must exist, see /api/v1/services)', type: [String], example: ['payments-api'] })
  @IfSent() @IsArray() @ArrayMaxSize(100) @IsString({ each: true })
  services?: string[];

  @ApiPropertyOptional({ description: 'Name of the owning team (must exist, see /api/v1/teams)', example: 'Payments', nullable: true })
  @IsOptional() @IsString()
  owningTeam?: string | null;

  @ApiPropertyOptional({ description: 'What customers experienced', example: 'Customers cannot pay by card' })
  @IfSent() @IsString() @MaxLength(20000)
  customerImpact?: string;

  @ApiPropertyOptional({ enum: IMPACT_SCOPES, description: 'How many customers were impacted' })
  @IfSent() @IsIn(IMPACT_SCOPES)
  impactScope?: ImpactScope;

  @ApiPropertyOptional({ description: 'Customers known to be impacted', type: [String], example: ['Acme Ltd'] })
  @IfSent() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true })
  knownCustomersImpacted?: string[];

  @ApiPropertyOptional({ description: 'Incident commander', nullable: true, example: 'Dana' })
  @IsOptional() @IsString() @MaxLength(200)
  commander?: string | null;

  @ApiPropertyOptional({ description: 'Investigator / technical lead', nullable: true })
  @IsOptional() @IsString() @MaxLength(200)
  investigator?: string | null;

  @ApiPropertyOptional({ description: 'Communications lead', nullable: true })
  @IsOptional() @IsString() @MaxLength(200)
  comms?: string | null;

  @ApiPropertyOptional({ description: 'Scribe', nullable: true })
  @IsOptional() @IsString() @MaxLength(200)
  scribe?: string | null;

  @ApiPropertyOptional({ description: 'Free-form labels for grouping and filtering', type: [String], example: ['database', 'customer-facing'] })
  @IfSent() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'Leave this incident out of every metric (game days, drills)' })
  @IfSent() @IsBoolean()
  excludedFromMetrics?: boolean;

  @ApiPropertyOptional({ description: 'Why it is excluded', nullable: true, example: 'Game day' })
  @IsOptional() @IsString() @MaxLength(2000)
  exclusionReason?: string | null;

  @ApiPropertyOptional({ description: 'Raw record from the source system, kept whole', type: Object, nullable: true })
  @IsOptional() @IsObject()
  sourcePayload?: Record<string, unknown> | null;

  @ApiPropertyOptional({ ...TS, description: 'The affected system began having problems (impact start). Required on create; never null.' })
  @IsOptional() @IsInstant()
  startedAt?: string;

  @ApiPropertyOptional({ ...TS, description: 'Monitoring or a human noticed' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant()
  detectedAt?: string | null;

  @ApiPropertyOptional({ ...TS, description: 'The responsible responder acknowledged' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant()
  acknowledgedAt?: string | null;

  @ApiPropertyOptional({ ...TS, description: 'First concrete step toward a fix' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant()
  investigatingAt?: string | null;

  @ApiPropertyOptional({ ...TS, description: 'Cause identified' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant()
  identifiedAt?: string | null;

  @ApiPropertyOptional({ ...TS, description: 'Users no longer see the problem (impact end)' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant()
  mitigatedAt?: string | null;

  @ApiPropertyOptional({ ...TS, description: 'Mitigation is durable; incident closed' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant()
  resolvedAt?: string | null;

  @ApiPropertyOptional({ ...TS, description: 'Retrospective preparation started' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant()
  retroPrepAt?: string | null;

  @ApiPropertyOptional({ ...TS, description: 'Retrospective complete, follow-ups identified' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInstant()
  retroDoneAt?: string | null;
}
