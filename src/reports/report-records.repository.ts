import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import type { MonthlyReportFigures } from './monthly-report-figures.js';
import type { ReportRow } from './report.mapper.js';
import type { ReportKind, ReportTrigger } from './report.entity.js';

const COLUMNS = `id, kind, period, version, status, trigger, requested_by, claimed_by, created_at, claimed_at, heartbeat_at, started_at, finished_at,
                 file_name, bytes, sha256, error, attempts`;

export interface NewClaim {
  kind: ReportKind;
  period: string;
  version: number;
  trigger: ReportTrigger;
  requestedBy: string;
  claimedBy: string;
  fileName: string;
  at: Date;
}

/**
 * The SQL of generated reports (the `reports` table): claims, heartbeats, outcomes, lists. Every change to a
 * claim is conditional on `claimed_by`, so a process whose claim was taken over changes nothing.
 */
@Injectable()
export class ReportRecordsRepository {
  constructor(private readonly db: Database) {}

  /** The latest version of a period's report, locked for the rest of the transaction; null when there is none. */
  async latestForUpdate(kind: ReportKind, period: string): Promise<ReportRow | null> {
    const [row]: ReportRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM reports WHERE kind = $1 AND period = $2 ORDER BY version DESC LIMIT 1 FOR UPDATE`,
      [kind, period],
    );
    return row ?? null;
  }

  /** The latest version of a period's report, or null. */
  async latest(kind: ReportKind, period: string): Promise<ReportRow | null> {
    const [row]: ReportRow[] = await this.db.query(`SELECT ${COLUMNS} FROM reports WHERE kind = $1 AND period = $2 ORDER BY version DESC LIMIT 1`, [kind, period]);
    return row ?? null;
  }

  async insertClaim(claim: NewClaim): Promise<ReportRow> {
    const [row]: ReportRow[] = await this.db.query(
      `INSERT INTO reports (kind, period, version, status, trigger, requested_by, claimed_by, created_at, claimed_at, heartbeat_at, file_name, attempts)
       VALUES ($1, $2, $3, 'claimed', $4, $5, $6, $7, $7, $7, $8, 1)
       RETURNING ${COLUMNS}`,
      [claim.kind, claim.period, claim.version, claim.trigger, claim.requestedBy, claim.claimedBy, claim.at, claim.fileName],
    );
    return row;
  }

  /** Claims a crashed or failed version again: a new attempt by `claimedBy`. */
  async retryClaim(id: string, claimedBy: string, at: Date): Promise<ReportRow> {
    const [[row]]: [ReportRow[]] = await this.db.query(
      `UPDATE reports SET status = 'claimed', claimed_by = $2, claimed_at = $3, heartbeat_at = $3, started_at = NULL, finished_at = NULL,
                          error = NULL, attempts = attempts + 1
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, claimedBy, at],
    );
    return row;
  }

  /** The claim's generation has started; false when the claim is no longer `claimedBy`'s. */
  async markRunning(id: string, claimedBy: string, at: Date): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.query(
      `UPDATE reports SET status = 'running', started_at = $3, heartbeat_at = $3 WHERE id = $1 AND claimed_by = $2 AND status IN ('claimed', 'running')`,
      [id, claimedBy, at],
    );
    return count === 1;
  }

  /** Renews the heartbeat; false when the claim is no longer `claimedBy`'s. */
  async heartbeat(id: string, claimedBy: string, at: Date): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.query(
      `UPDATE reports SET heartbeat_at = $3 WHERE id = $1 AND claimed_by = $2 AND status IN ('claimed', 'running')`,
      [id, claimedBy, at],
    );
    return count === 1;
  }

  /** Records the finished file and its figures; null when the claim is no longer `claimedBy`'s. */
  async complete(id: string, claimedBy: string, done: { at: Date; bytes: number; sha256: string; figures: MonthlyReportFigures }): Promise<ReportRow | null> {
    const [[row]]: [ReportRow[]] = await this.db.query(
      `UPDATE reports SET status = 'completed', finished_at = $3, heartbeat_at = $3, bytes = $4, sha256 = $5, figures = $6::jsonb, error = NULL
        WHERE id = $1 AND claimed_by = $2 AND status IN ('claimed', 'running') RETURNING ${COLUMNS}`,
      [id, claimedBy, done.at, done.bytes, done.sha256, JSON.stringify(done.figures)],
    );
    return row ?? null;
  }

  /** Records a failed generation; null when the claim is no longer `claimedBy`'s. */
  async fail(id: string, claimedBy: string, at: Date, error: string): Promise<ReportRow | null> {
    const [[row]]: [ReportRow[]] = await this.db.query(
      `UPDATE reports SET status = 'failed', finished_at = $3, heartbeat_at = $3, error = $4
        WHERE id = $1 AND claimed_by = $2 AND status IN ('claimed', 'running') RETURNING ${COLUMNS}`,
      [id, claimedBy, at, error],
    );
    return row ?? null;
  }

  /** One report with its figures, or null. */
  async get(id: string): Promise<ReportRow | null> {
    const [row]: ReportRow[] = await this.db.query(`SELECT ${COLUMNS}, figures FROM reports WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Whether any incident started before `to` (else a month ending then precedes all data: nothing to report on). */
  async anyIncidentBefore(to: Date): Promise<boolean> {
    const [row]: { any: boolean }[] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM incidents WHERE started_at < $1) AS any`, [to]);
    return row.any;
  }

  /** Reports newest first (by when they were first asked for), `limit` of them after the cursor's. */
  async list(limit: number, before?: { createdAt: Date; id: string }): Promise<ReportRow[]> {
    const params: unknown[] = [limit];
    let where = '';
    if (before) {
      params.push(before.createdAt, before.id);
      where = `WHERE (created_at, id) < ($2::timestamptz, $3::uuid)`;
    }
    return this.db.query(`SELECT ${COLUMNS} FROM reports ${where} ORDER BY created_at DESC, id DESC LIMIT $1`, params);
  }
}
