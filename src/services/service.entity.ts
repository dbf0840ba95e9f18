import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Team } from '../teams/team.entity.js';

export const SERVICE_KINDS = ['internal', 'vendor'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** A row of the seed's ownership table: functionality, service, owning team, paging link; or a vendor. */
@Entity({ name: 'services' })
export class Service {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text', default: 'internal' })
  kind: ServiceKind;

  /** The product functionality this service provides (or the vendor's product). */
  @Column({ type: 'text', default: '' })
  functionality: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  owningTeamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owning_team_id' })
  owningTeam?: Relation<Team> | null;

  @Column({ type: 'text', nullable: true })
  pagingScheduleUrl: string | null;

  @Column({ type: 'text', nullable: true })
  supportUrl: string | null;

  @Column({ type: 'text', nullable: true })
  statusPageUrl: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
