import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActorType } from '../common/actor.js';

export const IMPORT_STATUSES = ['running', 'completed', 'failed', 'interrupted'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One run of the import pipeline over one file: what was asked, how far it got, and its counts. */
@Entity({ name: 'imports' })
export class ImportRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `hindsight-csv`, `statuspage`, … */
  @Column({ type: 'text' })
  format: string;

  /** Source name the incidents are keyed under (rows of Hindsight's own formats may carry their own). */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'bigint', nullable: true })
  fileBytes: string | null;

  /** The options as given: column and value maps, time zone, delimiter, encoding. */
  @Column({ type: 'jsonb', default: {} })
  options: Record<string, unknown>;

  /** A dry run reads and checks every record and writes no incidents. */
  @Column({ type: 'boolean', default: false })
  dryRun: boolean;

  @Column({ type: 'text', default: 'running' })
  status: ImportStatus;

  @Column({ type: 'text' })
  actorType: ActorType;

  @Column({ type: 'text' })
  actorName: string;

  @Index()
  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Last sign of life of the process running it; a running import whose heartbeat stopped was interrupted. */
  @Column({ type: 'timestamptz' })
  heartbeatAt: Date;

  @Column({ type: 'integer', default: 0 })
  recordsRead: number;

  @Column({ type: 'integer', default: 0 })
  created: number;

  @Column({ type: 'integer', default: 0 })
  updated: number;

  @Column({ type: 'integer', default: 0 })
  unchanged: number;

  @Column({ type: 'integer', default: 0 })
  rejected: number;

  /** Imported, with milestones out of lifecycle order: counted out of the affected metrics. */
  @Column({ type: 'integer', default: 0 })
  flagged: number;

  /** Imported with free text cut to the API's length limits; the whole text is in the incident's source payload. */
  @Column({ type: 'integer', default: 0 })
  shortened: number;

  @Column({ type: 'text', array: true, default: [] })
  servicesCreated: string[];

  @Column({ type: 'text', array: true, default: [] })
  teamsCreated: string[];

  /** `csv` or `json`: how rejected records are written back out. */
  @Column({ type: 'text' })
  fileKind: 'csv' | 'json';

  /** The CSV header line as read (first line of the rejected-rows file). */
  @Column({ type: 'text', nullable: true })
  header: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
