import { ApiProperty } from '@nestjs/swagger';
import { IMPACT_SCOPES, type ImpactScope } from '../incident.entity.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../milestones.js';

const TS = { type: String, format: 'date-time', nullable: true } as const;

export class IncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'INC-2026-0042' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) functionality: string | null;
  @ApiProperty({ nullable: true, type: String }) state: string | null;
  @ApiProperty({ nullable: true, type: String }) audience: string | null;
  @ApiProperty({ example: 'SEV2', description: 'Current severity' }) severity: string;
  @ApiProperty({ example: 'SEV1', description: 'Highest severity the incident ever had; metrics use this one' }) peakSeverity: string;
  @ApiProperty({ enum: INCIDENT_STATUSES, description: 'Derived from milestones' }) status: IncidentStatus;
  @ApiProperty({ type: [String] }) services: string[];
  @ApiProperty({ nullable: true, type: String }) owningTeam: string | null;
  @ApiProperty() customerImpact: string;
  @ApiProperty({ enum: IMPACT_SCOPES }) impactScope: ImpactScope;
  @ApiProperty({ type: [String] }) knownCustomersImpacted: string[];
  @ApiProperty({ nullable: true, type: String }) commander: string | null;
  @ApiProperty({ nullable: true, type: String }) investigator: string | null;
  @ApiProperty({ nullable: true, type: String }) comms: string | null;
  @ApiProperty({ nullable: true, type: String }) scribe: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() source: string;
  @ApiProperty({ nullable: true, type: String }) externalId: string | null;
  @ApiProperty({ nullable: true, type: Object }) sourcePayload: unknown;
  @ApiProperty() excludedFromMetrics: boolean;
  @ApiProperty({ nullable: true, type: String }) exclusionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt: string;
  @ApiProperty(TS) detectedAt: string | null;
  @ApiProperty(TS) acknowledgedAt: string | null;
  @ApiProperty(TS) investigatingAt: string | null;
  @ApiProperty(TS) identifiedAt: string | null;
  @ApiProperty(TS) mitigatedAt: string | null;
  @ApiProperty(TS) resolvedAt: string | null;
  @ApiProperty(TS) retroPrepAt: string | null;
  @ApiProperty(TS) retroDoneAt: string | null;
  @ApiProperty({ description: 'Send it back on update (optimistic locking)' }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class IncidentPageDto {
  @ApiProperty({ type: [IncidentDto] }) items: IncidentDto[];
  @ApiProperty({ description: 'Incidents matching the filters, over all pages' }) total: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

export class SeverityChangeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: 'SEV2' }) from: string | null;
  @ApiProperty({ example: 'SEV1' }) to: string;
  @ApiProperty({ type: String, format: 'date-time' }) changedAt: string;
  @ApiProperty({ nullable: true, type: String }) changedBy: string | null;
  @ApiProperty() reason: string;
}
