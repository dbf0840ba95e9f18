import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { MonthlyReportFigures } from './monthly-report-figures.js';

export const REPORT_KINDS = ['monthly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** claimed → running → completed | failed. A claimed or running report whose heartbeat stopped is taken over. */
export const REPORT_STATUSES = ['claimed', 'running', 'completed', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_TRIGGERS = ['schedule', 'api', 'cli'] as const;
export type ReportTrigger = (typeof REPORT_TRIGGERS)[number];

/**
 * One generated report (one version of one period): who asked, which process holds or held the claim, the
 * file and its hash, and the figures it printed, frozen. Unique per (kind, period, version): the claim.
 */
@Entity({ name: 'reports' })
@Unique(['kind', 'period', 'version'])
@Index(['createdAt', 'id'])
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: ReportKind;

  /** `2026-10` for a monthly report (in REPORT_TIMEZONE). */
  @Column({ type: 'text' })
  period: string;

  /** 1, 2, … per (kind, period): a regeneration is a new version beside the old one. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  status: ReportStatus;

  @Column({ type: 'text' })
  trigger: ReportTrigger;

  /** Username, token name, `cli` or `system`. */
  @Column({ type: 'text' })
  requestedBy: string;

  /** The process holding (or last holding) the claim: `pid@host`. */
  @Column({ type: 'text' })
  claimedBy: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  claimedAt: Date;

  /** Last sign of life of the generating process; a claim older than the timeout is taken over. */
  @Column({ type: 'timestamptz' })
  heartbeatAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** The file's name in REPORTS_DIR: `hindsight-monthly-2026-10.xlsx`, `hindsight-monthly-2026-10-v2.xlsx`. */
  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'bigint', nullable: true })
  bytes: string | null;

  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  /** The figures the workbook printed, exactly. */
  @Column({ type: 'jsonb', nullable: true })
  figures: MonthlyReportFigures | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Generations started on this version (1 + takeovers of crashed claims and retries of failures). */
  @Column({ type: 'integer', default: 1 })
  attempts: number;
}
