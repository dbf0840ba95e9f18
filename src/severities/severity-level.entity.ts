import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A configurable severity level with its SLA targets (seconds; null = no target). */
@Entity({ name: 'severity_levels' })
export class SeverityLevel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short key used everywhere else: `SEV1`. */
  @Column({ type: 'text', unique: true })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** 1 is the most severe; an incident's severity for metrics is the lowest rank it ever had. */
  @Column({ type: 'integer', unique: true })
  rank: number;

  @Column({ type: 'integer', nullable: true })
  ackTargetSeconds: number | null;

  @Column({ type: 'integer', nullable: true })
  mitigateTargetSeconds: number | null;

  @Column({ type: 'integer', nullable: true })
  resolveTargetSeconds: number | null;

  @Column({ type: 'integer', nullable: true })
  updateCadenceSeconds: number | null;

  @Column({ type: 'integer', nullable: true })
  retroDueBusinessHours: number | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
