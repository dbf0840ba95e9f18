import { ApiProperty } from '@nestjs/swagger';

const SECONDS = { type: Number, nullable: true } as const;

export class SeverityLevelDto {
  @ApiProperty({ format: 'uuid', description: 'Id', example: '0b5f8a52-8d1e-4c5e-9a57-1f2d3c4b5a69' }) id: string;
  @ApiProperty({ description: 'Short key used everywhere else', example: 'SEV1' }) key: string;
  @ApiProperty({ description: 'Human name', example: 'Major incident' }) name: string;
  @ApiProperty({ description: 'When to use this level', example: 'Core functionality unavailable; customer data lost or appears lost.' }) description: string;
  @ApiProperty({ description: '1 is the most severe', example: 1 }) rank: number;
  @ApiProperty({ ...SECONDS, description: 'Time-to-acknowledge target, seconds; null = no target', example: 900 }) ackTargetSeconds: number | null;
  @ApiProperty({ ...SECONDS, description: 'Time-to-mitigate target, seconds; null = no target', example: 14400 }) mitigateTargetSeconds: number | null;
  @ApiProperty({ ...SECONDS, description: 'Time-to-resolve target, seconds; null = no target', example: 86400 }) resolveTargetSeconds: number | null;
  @ApiProperty({ ...SECONDS, description: 'Status-update cadence, seconds; null = no cadence', example: 1800 }) updateCadenceSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Retrospective due within this many business hours of resolution; null = no target', example: 48 })
  retroDueBusinessHours: number | null;
  @ApiProperty({ description: 'Send it back on update (optimistic locking)', example: 1 }) version: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was created', example: '2026-03-01T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it last changed', example: '2026-03-01T09:30:00.000Z' }) updatedAt: string;
}
