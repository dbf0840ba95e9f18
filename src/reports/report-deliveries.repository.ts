import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import type { DeliveryStatus } from './report-delivery.entity.js';

/** One delivery as the repository reads it. */
export interface DeliveryRow {
  id: string;
  report_id: string;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  message_id: string | null;
  sent_at: Date | null;
  claimed_by: string | null;
  claimed_at: Date | null;
  created_at: Date;
}

/** A delivery claimed for sending, with what its message needs from its report. */
export interface ClaimedDelivery extends DeliveryRow {
  version: number;
  file_name: string;
  sha256: string;
  label: string;
  summary: string;
}

const COLUMNS = `id, report_id, recipient, status, attempts, next_attempt_at, last_error, message_id, sent_at, claimed_by, claimed_at, created_at`;

/**
 * The SQL of report e-mails (the `report_deliveries` table). A delivery is claimed (`sending`, attempts + 1)
 * in a statement of its own, committed before its message goes out; every later change is conditional on that
 * claim (status `sending`, `claimed_by`), so a process that lost it changes nothing.
 */
@Injectable()
export class ReportDeliveriesRepository {
  constructor(private readonly db: Database) {}

  /** Queues a report to each recipient, due at `at`; a recipient it was already queued to is left as it is. */
  async insertPending(reportId: string, recipients: string[], at: Date): Promise<number> {
    if (recipients.length === 0) return 0;
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO report_deliveries (report_id, recipient, status, attempts, next_attempt_at, created_at)
       SELECT $1, recipient, 'pending', 0, $3, $3 FROM unnest($2::text[]) AS recipient
       ON CONFLICT (report_id, recipient) DO NOTHING
       RETURNING id`,
      [reportId, recipients, at],
    );
    return rows.length;
  }

  /**
   * Claims up to `limit` pending deliveries due at `now` (of one report, when given) for `claimedBy`: `sending`, one more attempt. Rows
   * another process is claiming are skipped (SKIP LOCKED), never waited for nor claimed twice.
   */
  async claimDue(claimedBy: string, now: Date, limit: number, reportId: string | null = null): Promise<ClaimedDelivery[]> {
    const [rows]: [ClaimedDelivery[]] = await this.db.query(
      `WITH due AS (
         SELECT id FROM report_deliveries
          WHERE status = 'pending' AND next_attempt_at <= $2 AND ($4::uuid IS NULL OR report_id = $4)
          ORDER BY next_attempt_at, id
          LIMIT $3
          FOR UPDATE SKIP LOCKED
       )
       UPDATE report_deliveries d
          SET status = 'sending', attempts = d.attempts + 1, claimed_by = $1, claimed_at = $2
         FROM due, reports r
        WHERE d.id = due.id AND r.id = d.report_id
       RETURNING d.${COLUMNS.split(', ').join(', d.')}, r.version, r.file_name, r.sha256,
                 r.figures->>'label' AS label, r.figures->>'summary' AS summary`,
      [claimedBy, now, limit, reportId],
    );
    return rows;
  }

  async markSent(id: string, claimedBy: string, at: Date, messageId: string): Promise<boolean> {
    return this.finish(id, claimedBy, `status = 'sent', sent_at = $3, message_id = $4, last_error = NULL`, [at, messageId]);
  }

  /** A temporary failure: pending again, due at `nextAt`. */
  async markRetry(id: string, claimedBy: string, nextAt: Date, error: string): Promise<boolean> {
    return this.finish(id, claimedBy, `status = 'pending', next_attempt_at = $3, last_error = $4`, [nextAt, error]);
  }

  async markFailed(id: string, claimedBy: string, error: string): Promise<boolean> {
    return this.finish(id, claimedBy, `status = 'failed', last_error = $3`, [error]);
  }

  private async finish(id: string, claimedBy: string, set: string, params: unknown[]): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.query(
      `UPDATE report_deliveries SET ${set} WHERE id = $1 AND claimed_by = $2 AND status = 'sending'`,
      [id, claimedBy, ...params],
    );
    return count === 1;
  }

  /** Fails the deliveries left `sending` since before `claimedBefore` (their process stopped mid-send); returns them. */
  async failStale(claimedBefore: Date, error: string): Promise<DeliveryRow[]> {
    const [rows]: [DeliveryRow[]] = await this.db.query(
      `UPDATE report_deliveries SET status = 'failed', last_error = $2
        WHERE status = 'sending' AND claimed_at < $1
       RETURNING ${COLUMNS}`,
      [claimedBefore, error],
    );
    return rows;
  }

  /** Pending again, due at `at`, with a fresh count of attempts: the failed deliveries of a report (an admin's retry), by recipient. */
  async requeueFailed(reportId: string, at: Date): Promise<DeliveryRow[]> {
    const [rows]: [DeliveryRow[]] = await this.db.query(
      `UPDATE report_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2
        WHERE report_id = $1 AND status = 'failed'
       RETURNING ${COLUMNS}`,
      [reportId, at],
    );
    return rows.sort((x, y) => (x.recipient < y.recipient ? -1 : 1));
  }

  /** A report's deliveries, by recipient. */
  async forReport(reportId: string): Promise<DeliveryRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM report_deliveries WHERE report_id = $1 ORDER BY recipient`, [reportId]);
  }
}
