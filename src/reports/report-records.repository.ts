import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import type { MonthlyReportFigures } from './monthly-report-figures.js';
import type { ChangedIncidentRow, ConfigurationChangeCountRow, ConfigurationChangeRow, ReportRow } from './report.mapper.js';
import type { ReportKind, ReportTrigger } from './report.entity.js';

const COLUMNS = `id, kind, period, version, status, trigger, requested_by, claimed_by, created_at, claimed_at, heartbeat_at, started_at, finished_at,
                 file_name, bytes, sha256, error, attempts`;

/**
 * The audit events (joined to `reports r`) on incidents of the report's month after the report finished: the
 * incident's start now, or as the event recorded it (an incident deleted since), within the figures' month.
 */
const CHANGES_AFTER = `
  JOIN audit_events e ON e.incident_id IS NOT NULL AND e.occurred_at > r.finished_at
  LEFT JOIN incidents i ON i.id = e.incident_id
  CROSS JOIN LATERAL (SELECT (r.figures->>'from')::timestamptz AS from_at, (r.figures->>'to')::timestamptz AS to_at) m
  WHERE r.status = 'completed'
    AND COALESCE(i.started_at, CASE WHEN e.entity_type = 'incident' THEN (COALESCE(e.before, e.after)->>'startedAt')::timestamptz END) >= m.from_at
    AND COALESCE(i.started_at, CASE WHEN e.entity_type = 'incident' THEN (COALESCE(e.before, e.after)->>'startedAt')::timestamptz END) < m.to_at`;

/**
 * The audited entities that change how a report's figures are computed or what it prints: severity levels
 * (their SLA targets, order and names) and retrospective templates. The business calendar and the report
 * time zone are environment settings, not audited: a report compares them with the ones it stored.
 */
export const CONFIGURATION_ENTITY_TYPES = ['severity_level', 'retro_template'] as const;

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

  /**
   * Per completed report among `ids`: how many incidents of its month (as its figures cut it: `from`, `to`)
   * were changed after it finished, by the audit trail, and when the last change was. Reports without
   * changes are absent. A deleted incident counts by the start its deletion recorded.
   */
  async changeCounts(ids: string[]): Promise<{ id: string; incidents: number; last_at: Date }[]> {
    if (ids.length === 0) return [];
    return this.db.query(
      `SELECT r.id, count(DISTINCT e.incident_id)::int AS incidents, max(e.occurred_at) AS last_at
         FROM reports r
         ${CHANGES_AFTER}
          AND r.id = ANY($1::uuid[])
        GROUP BY r.id`,
      [ids],
    );
  }

  /** The incidents of a completed report's month changed after it finished: which, how often, when, by whom; most recently changed first. */
  async changes(id: string, limit: number): Promise<ChangedIncidentRow[]> {
    return this.db.query(
      `SELECT e.incident_id, COALESCE(max(i.key), max(e.entity_label) FILTER (WHERE e.entity_type = 'incident')) AS key,
              count(*)::int AS changes, min(e.occurred_at) AS first_at, max(e.occurred_at) AS last_at,
              array_agg(DISTINCT e.actor_name ORDER BY e.actor_name) AS actors, array_agg(DISTINCT e.action ORDER BY e.action) AS actions,
              bool_or(i.id IS NULL) AS deleted
         FROM reports r
         ${CHANGES_AFTER}
          AND r.id = $1
        GROUP BY e.incident_id
        ORDER BY max(e.occurred_at) DESC, e.incident_id
        LIMIT $2`,
      [id, limit],
    );
  }

  /** The completed version of the period before `version` (the one a regeneration is compared with), with its figures; null for none. */
  async previousCompleted(kind: ReportKind, period: string, version: number): Promise<ReportRow | null> {
    const [row]: ReportRow[] = await this.db.query(
      `SELECT ${COLUMNS}, figures FROM reports WHERE kind = $1 AND period = $2 AND version < $3 AND status = 'completed' ORDER BY version DESC LIMIT 1`,
      [kind, period, version],
    );
    return row ?? null;
  }

  /**
   * Per completed report among `ids`: the audit events on configuration (CONFIGURATION_ENTITY_TYPES) after it
   * finished, how many, the last, which entities; and the business calendar and time zone its figures used.
   */
  async configurationChangeCounts(ids: string[]): Promise<ConfigurationChangeCountRow[]> {
    if (ids.length === 0) return [];
    return this.db.query(
      `SELECT r.id, count(e.id)::int AS changes, max(e.occurred_at) AS last_at,
              COALESCE(array_agg(DISTINCT e.entity_type || ' ' || COALESCE(e.entity_label, e.entity_id::text)) FILTER (WHERE e.id IS NOT NULL), '{}') AS which,
              r.figures->'calendar' AS calendar, r.figures->>'timeZone' AS time_zone
         FROM reports r
         LEFT JOIN audit_events e ON e.entity_type = ANY($2::text[]) AND e.occurred_at > r.finished_at
        WHERE r.id = ANY($1::uuid[]) AND r.status = 'completed'
        GROUP BY r.id`,
      [ids, CONFIGURATION_ENTITY_TYPES],
    );
  }

  /** The audited configuration changes after a completed report finished, most recent first. */
  async configurationChanges(id: string, limit: number): Promise<ConfigurationChangeRow[]> {
    return this.db.query(
      `SELECT e.entity_type, e.entity_label, e.action, e.occurred_at, e.actor_name
         FROM reports r
         JOIN audit_events e ON e.entity_type = ANY($2::text[]) AND e.occurred_at > r.finished_at
        WHERE r.id = $1 AND r.status = 'completed'
        ORDER BY e.occurred_at DESC, e.id DESC
        LIMIT $3`,
      [id, CONFIGURATION_ENTITY_TYPES, limit],
    );
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
