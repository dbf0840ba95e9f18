import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Incident } from '../incident.entity.js';

export const TIMELINE_KINDS = ['note', 'status_update', 'severity_change', 'milestone', 'action'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

@Entity({ name: 'timeline_entries' })
@Index(['incidentId', 'occurredAt'])
export class TimelineEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text' })
  kind: TimelineKind;

  @Column({ type: 'text', nullable: true })
  author: string | null;

  @Column({ type: 'text' })
  body: string;

  /** Written by an import from the source's own record; replaced when the import brings a newer version. */
  @Column({ type: 'boolean', default: false })
  imported: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
