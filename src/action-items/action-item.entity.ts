import {
  Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn, type Relation,
} from 'typeorm';
import { Incident } from '../incidents/incident.entity.js';
import { Retrospective } from '../retros/retrospective.entity.js';
import { Team } from '../teams/team.entity.js';

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const ACTION_ITEM_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

@Entity({ name: 'action_items' })
@Index(['status', 'dueDate'])
export class ActionItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Relation<Incident>;

  @Column({ type: 'uuid', nullable: true })
  retrospectiveId: string | null;

  @ManyToOne(() => Retrospective, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'retrospective_id' })
  retrospective?: Relation<Retrospective> | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', nullable: true })
  owner: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team> | null;

  @Column({ type: 'text', default: 'medium' })
  priority: ActionItemPriority;

  /** Calendar date (YYYY-MM-DD) the item is due. */
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', default: 'open' })
  status: ActionItemStatus;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Jira / GitHub / other tracker link. */
  @Column({ type: 'text', nullable: true })
  externalUrl: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
