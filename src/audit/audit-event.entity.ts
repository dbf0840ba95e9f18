import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorType } from '../common/actor.js';


/** One change: who, when, what, and the values before and after. Append-only. */
@Entity({ name: 'audit_events' })
@Index(['entityType', 'entityId', 'occurredAt'])
@Index(['incidentId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index()
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text' })
  actorType: ActorType;

  @Column({ type: 'text', nullable: true })
  actorId: string | null;

  /** Username, token name, `cli` or `system`, as it was at the time. */
  @Column({ type: 'text' })
  actorName: string;

  /** `<entity>.<verb>`, e.g. `incident.update`, `token.revoke`, `user.sign_in_failed`. */
  @Index()
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text', nullable: true })
  entityId: string | null;

  /** A human handle for the entity: incident key, team name, token name… */
  @Column({ type: 'text', nullable: true })
  entityLabel: string | null;

  /** The incident the change belongs to (the incident itself, or its timeline, retro, action item). */
  @Column({ type: 'uuid', nullable: true })
  incidentId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;
}
