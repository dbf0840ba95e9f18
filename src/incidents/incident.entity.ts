import {
  Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn, type Relation,
} from 'typeorm';
import { SeverityLevel } from '../severities/severity-level.entity.js';
import { Team } from '../teams/team.entity.js';

export const IMPACT_SCOPES = ['unknown', 'all', 'some', 'few'] as const;
export type ImpactScope = (typeof IMPACT_SCOPES)[number];

@Entity({ name: 'incidents' })
@Unique('uq_incidents_source_external_id', ['source', 'externalId'])
export class Incident {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human key, `INC-2026-0042`. */
  @Column({ type: 'text', unique: true })
  key: string;

  @Column({ type: 'text' })
  title: string;

  /** The seed's naming: "{functionality} is {state} for {audience}". */
  @Column({ type: 'text', nullable: true })
  functionality: string | null;

  @Column({ type: 'text', nullable: true })
  state: string | null;

  @Column({ type: 'text', nullable: true })
  audience: string | null;

  /** Current severity. */
  @Index()
  @Column({ type: 'uuid' })
  severityId: string;

  @ManyToOne(() => SeverityLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'severity_id' })
  severity?: Relation<SeverityLevel>;

  /** Highest severity the incident ever had: the one metrics use. */
  @Index()
  @Column({ type: 'uuid' })
  peakSeverityId: string;

  @ManyToOne(() => SeverityLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'peak_severity_id' })
  peakSeverity?: Relation<SeverityLevel>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  owningTeamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owning_team_id' })
  owningTeam?: Relation<Team> | null;

  @Column({ type: 'text', default: '' })
  customerImpact: string;

  @Column({ type: 'text', default: 'unknown' })
  impactScope: ImpactScope;

  @Column({ type: 'text', array: true, default: [] })
  knownCustomersImpacted: string[];

  @Column({ type: 'text', nullable: true })
  commander: string | null;

  @Column({ type: 'text', nullable: true })
  investigator: string | null;

  @Column({ type: 'text', nullable: true })
  comms: string | null;

  @Column({ type: 'text', nullable: true })
  scribe: string | null;

  @Column({ type: 'text', array: true, default: [] })
  tags: string[];

  /** Where the record came from: `hindsight` for incidents declared here, else the import's source name. */
  @Column({ type: 'text', default: 'hindsight' })
  source: string;

  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  /** The import that last created or changed this incident. */
  @Column({ type: 'uuid', nullable: true })
  lastImportId: string | null;

  /** Named, not imported: imports build on incidents, never the other way round. */
  @ManyToOne('ImportRun', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'last_import_id' })
  lastImport?: unknown;

  /** Hash of what the last import wrote: an import of the same record again changes nothing. */
  @Column({ type: 'text', nullable: true })
  importFingerprint: string | null;

  /** The raw imported record, kept whole. */
  @Column({ type: 'jsonb', nullable: true })
  sourcePayload: unknown;

  @Column({ type: 'boolean', default: false })
  excludedFromMetrics: boolean;

  @Column({ type: 'text', nullable: true })
  exclusionReason: string | null;

  @Index()
  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  detectedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  investigatingAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  identifiedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  mitigatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  retroPrepAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  retroDoneAt: Date | null;

  /*
   * Derived metric columns, kept by database triggers (migration StoredMetricSeconds) on every write
   * path, so never written or read through the entity: declared only so the schema matches it.
   */

  /** Business seconds from resolvedAt to retroDoneAt in the stored business calendar, either order; NULL unless both are set. */
  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  retroBusinessSeconds: number | null;

  /** Each metric's seconds as the metrics count them (SPEC §2); NULL when the incident is left out of it (excluded, missing, order). */
  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  ttdSeconds: number | null;

  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  ttaSeconds: number | null;

  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  tteSeconds: number | null;

  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  ttmSeconds: number | null;

  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  ttrSeconds: number | null;

  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  ttRetroSeconds: number | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
