import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Report } from './report.entity.js';

/**
 * pending → sending → sent | failed; a temporary failure goes back to pending with a later `nextAttemptAt`.
 * `sending` is committed before the message goes out, so a crash mid-send leaves it `sending`, never `pending`:
 * such a delivery is marked failed ("outcome unknown") rather than sent again.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The e-mail of one report version to one recipient: unique per (report, recipient), so it is queued once. */
@Entity({ name: 'report_deliveries' })
@Unique(['reportId', 'recipient'])
@Index(['status', 'nextAttemptAt'])
export class ReportDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  reportId: string;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  /** One address of REPORT_RECIPIENTS as configured when the report completed (lower-cased). */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  status: DeliveryStatus;

  /** Sends started (each one claimed `sending` first). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When a pending delivery is due (now when queued, later after a temporary failure). */
  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The Message-ID the sender gave the message. */
  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** The process that claimed the current or last send: `pid@host#instance`. */
  @Column({ type: 'text', nullable: true })
  claimedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
