import { ApiProperty } from '@nestjs/swagger';
import { MILESTONES } from '../../../incidents/milestones.js';
import { INTERVAL_METRIC_KEYS } from '../../core/intervals.js';
import type { IncidentMeasures } from '../incident-measures.js';

const SECONDS = { type: Number, nullable: true } as const;

export class IncidentIntervalDto {
  @ApiProperty({ enum: INTERVAL_METRIC_KEYS, example: 'ttd' }) metric: string;
  @ApiProperty({ enum: MILESTONES, example: 'startedAt' }) from: string;
  @ApiProperty({ enum: MILESTONES, example: 'detectedAt' }) to: string;
  @ApiProperty({ ...SECONDS, description: 'Wall-clock seconds; null when not measured', example: 420 }) seconds: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['excluded', 'missing', 'order'], description: 'Why it is not measured (the metrics leave it out for the same reason); null when measured' })
  reason: string | null;
}

export class IncidentSlaDto {
  @ApiProperty({ enum: ['ack', 'mitigate', 'resolve'] }) kind: string;
  @ApiProperty({ enum: MILESTONES, example: 'detectedAt' }) from: string;
  @ApiProperty({ enum: MILESTONES, example: 'acknowledgedAt' }) to: string;
  @ApiProperty({ enum: ['met', 'breached', 'open_breach', 'pending', 'not_evaluated'], description: 'met / breached: both milestones there; open_breach: end missing and the deadline passed; pending: end missing, deadline ahead' })
  state: string;
  @ApiProperty({ ...SECONDS, description: "The peak severity's target, seconds; null when it has none", example: 900 }) targetSeconds: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Start milestone + target; null when not evaluated' }) deadline: string | null;
  @ApiProperty({ ...SECONDS, description: 'The interval, seconds, when met or breached' }) actualSeconds: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['no-target', 'excluded', 'missing', 'order'], description: 'Why not evaluated; null otherwise' }) reason: string | null;
}

export class IncidentMeasuresDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'The instant open and pending targets are judged at (the server clock)' }) now: string;
  @ApiProperty({ example: 'SEV1', description: 'Peak severity, whose targets apply' }) severity: string;
  @ApiProperty({ type: [IncidentIntervalDto], description: 'TTD, TTA, TTE, TTM, TTR in that order' }) intervals: IncidentIntervalDto[];
  @ApiProperty({ type: [IncidentSlaDto], description: 'ack, mitigate, resolve in that order' }) sla: IncidentSlaDto[];
}

export function toIncidentMeasuresDto(measures: IncidentMeasures, severity: string, now: Date): IncidentMeasuresDto {
  return {
    now: now.toISOString(),
    severity,
    intervals: measures.intervals.map((i) => ({ ...i })),
    sla: measures.sla.map((s) => ({ ...s, deadline: s.deadline?.toISOString() ?? null })),
  };
}
