import {
  Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn, type Relation,
} from 'typeorm';
import { Incident } from '../incidents/incident.entity.js';
import { RetroTemplate } from './retro-template.entity.js';

export const RETRO_STATUSES = ['draft', 'submitted'] as const;
export type RetroStatus = (typeof RETRO_STATUSES)[number];

/** The blameless retrospective of one incident. */
@Entity({ name: 'retrospectives' })
export class Retrospective {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @OneToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;

  @Column({ type: 'uuid' })
  templateId: string;

  @ManyToOne(() => RetroTemplate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<RetroTemplate>;

  @Column({ type: 'text', nullable: true })
  facilitator: string | null;

  @Column({ type: 'text', array: true, default: [] })
  attendees: string[];

  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @Column({ type: 'text', default: 'draft' })
  status: RetroStatus;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
