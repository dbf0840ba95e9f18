import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { Database } from '../database/transactions.js';
import type { ImportCounts, ImportIssueRow } from './import-batch.js';
import { sourceKey, type ExistingIncident, type SeverityRef } from './import-plan.js';
import type { ImportIssueKind } from './import-issue.entity.js';
import type { ImportStatus } from './import-run.entity.js';

export interface ImportRunRow {
  id: string;
  format: string;
  source: string;
  file_name: string;
  file_bytes: string | null;
  options: Record<string, unknown>;
  dry_run: boolean;
  status: ImportStatus;
  actor_type: string;
  actor_name: string;
  started_at: Date;
  finished_at: Date | null;
  heartbeat_at: Date;
  records_read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  flagged: number;
  shortened: number;
  services_created: string[];
  teams_created: string[];
  file_kind: 'csv' | 'json';
  header: string | null;
  error: string | null;
}


/** All SQL of imports: runs, their issues, and the incidents a batch finds already stored (IncidentWriter writes them). */
@Injectable()
export class ImportsRepository {
  constructor(private readonly db: Database) {}

  async createRun(run: {
    format: string; source: string; fileName: string; fileBytes: number | null; options: Record<string, unknown>; dryRun: boolean;
    actor: Actor; fileKind: 'csv' | 'json'; at: Date;
  }): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO imports (format, source, file_name, file_bytes, options, dry_run, actor_type, actor_name, started_at, heartbeat_at, file_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id`,
      [run.format, run.source, run.fileName, run.fileBytes, JSON.stringify(run.options), run.dryRun, run.actor.type, run.actor.name, run.at, run.fileKind],
    );
    return rows[0].id;
  }

  async setHeader(id: string, header: string): Promise<void> {
    await this.db.query(`UPDATE imports SET header = $2 WHERE id = $1`, [id, header]);
  }

  /** Adds to the run's counts and records its issues, in the caller's transaction (so they commit with the batch). */
  async recordProgress(id: string, counts: ImportCounts, issues: ImportIssueRow[], at: Date): Promise<void> {
    await this.db.query(
      `UPDATE imports SET records_read = records_read + $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5,
              rejected = rejected + $6, flagged = flagged + $7, shortened = shortened + $8, heartbeat_at = $9
        WHERE id = $1`,
      [id, counts.recordsRead, counts.created, counts.updated, counts.unchanged, counts.rejected, counts.flagged, counts.shortened, at],
    );
    if (issues.length === 0) return;
    const column = <K extends keyof ImportIssueRow>(key: K) => issues.map((issue) => issue[key]);
    await this.db.query(
      `INSERT INTO import_issues (import_id, kind, record, line, external_id, field, value, message, raw)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
      [id, column('kind'), column('record'), column('line'), column('externalId'), column('field'), column('value'), column('message'), column('raw')],
    );
  }

  async addCreatedNames(id: string, services: string[], teams: string[]): Promise<void> {
    if (services.length + teams.length === 0) return;
    await this.db.query(
      `UPDATE imports SET services_created = services_created || $2::text[], teams_created = teams_created || $3::text[] WHERE id = $1`,
      [id, services, teams],
    );
  }

  async finishRun(id: string, status: ImportStatus, at: Date, error: string | null = null): Promise<void> {
    await this.db.query(`UPDATE imports SET status = $2, finished_at = $3, heartbeat_at = $3, error = $4 WHERE id = $1`, [id, status, at, error]);
  }

  async heartbeat(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE imports SET heartbeat_at = $2 WHERE id = $1 AND status = 'running'`, [id, at]);
  }

  /** Runs still marked running whose process stopped beating before `staleBefore`: they were interrupted. */
  async markInterrupted(staleBefore: Date, at: Date): Promise<number> {
    const rows: { n: number }[] = await this.db.query(
      `WITH stopped AS (
         UPDATE imports SET status = 'interrupted', finished_at = $2,
                error = 'The process running this import stopped before it finished; every batch it committed is complete. Run the same import again to finish it.'
          WHERE status = 'running' AND heartbeat_at < $1 RETURNING id)
       SELECT count(*)::int AS n FROM stopped`,
      [staleBefore, at],
    );
    return rows[0].n;
  }

  async findRun(id: string): Promise<ImportRunRow | null> {
    const rows: ImportRunRow[] = await this.db.query(`SELECT * FROM imports WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async listRuns(limit: number, before?: { startedAt: Date; id: string }): Promise<ImportRunRow[]> {
    return this.db.query(
      `SELECT * FROM imports ${before ? 'WHERE (started_at, id) < ($2, $3::uuid)' : ''} ORDER BY started_at DESC, id DESC LIMIT $1`,
      before ? [limit, before.startedAt, before.id] : [limit],
    );
  }

  async listIssues(id: string, kind: ImportIssueKind | undefined, limit: number, afterRecord: number): Promise<(ImportIssueRow & { total: number })[]> {
    return this.db.query(
      `SELECT kind, record, line, external_id AS "externalId", field, value, message, NULL AS raw, count(*) OVER ()::int AS total
         FROM import_issues WHERE import_id = $1 AND ($2::text IS NULL OR kind = $2) AND record > $3
        ORDER BY record, id LIMIT $4`,
      [id, kind ?? null, afterRecord, limit],
    );
  }

  /** The original text of every rejected record, in file order, a page at a time (memory stays flat). */
  async *rejectedRaw(id: string, pageSize = 1000): AsyncGenerator<string> {
    let after = 0;
    for (;;) {
      const rows: { record: number; raw: string }[] = await this.db.query(
        `SELECT record, raw FROM import_issues WHERE import_id = $1 AND kind = 'rejected' AND raw IS NOT NULL AND record > $2
          ORDER BY record LIMIT $3`,
        [id, after, pageSize],
      );
      for (const row of rows) yield row.raw;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].record;
    }
  }

  async severityLevels(): Promise<SeverityRef[]> {
    return this.db.query(`SELECT id, key, rank FROM severity_levels ORDER BY rank`);
  }

  /**
   * The incidents stored under these (source, external id) pairs, locked until the caller's transaction ends;
   * taken under the import lock first, so that concurrent imports plan and write their batches one at a time.
   */
  async lockExisting(rows: readonly { source: string; externalId: string }[]): Promise<Map<string, ExistingIncident>> {
    await this.db.lock('imports');
    // Locked alone, then read with its joins: FOR UPDATE over the join would re-check a row that an API change
    // committed meanwhile against the old severity row, find no match and drop the incident, so the import
    // would insert it a second time (the same race gave concurrent severity changes a false 404).
    const locked: { id: string }[] = await this.db.query(
      `SELECT i.id FROM unnest($1::text[], $2::text[]) AS k(source, external_id)
         JOIN incidents i ON i.source = k.source AND i.external_id = k.external_id
          FOR UPDATE OF i`,
      [rows.map((r) => r.source), rows.map((r) => r.externalId)],
    );
    if (locked.length === 0) return new Map();
    const found: { id: string; source: string; external_id: string; import_fingerprint: string | null; severity_id: string; peak_severity_id: string; peak_rank: number }[] =
      await this.db.query(
        `SELECT i.id, i.source, i.external_id, i.import_fingerprint, i.severity_id, i.peak_severity_id, p.rank AS peak_rank
           FROM incidents i JOIN severity_levels p ON p.id = i.peak_severity_id
          WHERE i.id = ANY($1::uuid[])`,
        [locked.map((l) => l.id)],
      );
    return new Map(found.map((f) => [sourceKey(f.source, f.external_id), {
      id: f.id, fingerprint: f.import_fingerprint, severityId: f.severity_id, peak: { id: f.peak_severity_id, rank: f.peak_rank },
    }]));
  }
}
