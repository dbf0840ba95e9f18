import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { SeverityLevel } from '../severities/severity-level.entity.js';
import { Incident } from './incident.entity.js';

/** History of an incident's severity: the first row is the declared severity (from = null). */
@Entity({ name: 'severity_changes' })
@Index(['incidentId', 'changedAt'])
export class SeverityChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;

  @Column({ type: 'uuid', nullable: true })
  fromSeverityId: string | null;

  @ManyToOne(() => SeverityLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_severity_id' })
  fromSeverity?: Relation<SeverityLevel> | null;

  @Column({ type: 'uuid' })
  toSeverityId: string;

  @ManyToOne(() => SeverityLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_severity_id' })
  toSeverity?: Relation<SeverityLevel>;

  @Column({ type: 'timestamptz' })
  changedAt: Date;

  @Column({ type: 'text', nullable: true })
  changedBy: string | null;

  @Column({ type: 'text', default: '' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
