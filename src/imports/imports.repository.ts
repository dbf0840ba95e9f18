import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../auth/actor.js';
import { copyRows, type CopyValue } from '../database/copy-rows.js';
import { MILESTONES, milestoneColumn } from '../incidents/milestones.js';
import type { MappedIncidentFields, MappedTimelineEntry } from './formats/mapped-incident.js';
import type { ImportIssueKind } from './import-issue.entity.js';
import type { ImportStatus } from './import-run.entity.js';

/** A severity level as the import resolves it. */
export interface SeverityRef {
  id: string;
  key: string;
  rank: number;
}

/** A record that passed every check, with its names resolved to ids: ready to write. */
export interface PreparedIncident {
  record: number;
  source: string;
  externalId: string;
  fields: MappedIncidentFields;
  severity: SeverityRef;
  /** The source's own peak severity, when it has one. */
  peakSeverity: SeverityRef | null;
  /** undefined when the format does not carry the field: an update then keeps what the incident has. */
  owningTeamId: string | null | undefined;
  serviceIds: string[] | undefined;
  timeline: MappedTimelineEntry[];
  /** The source record as JSON text. */
  payload: string;
  fingerprint: string;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface ExistingIncident {
  id: string;
  fingerprint: string | null;
  severityId: string;
  peakId: string;
  peakRank: number;
}

/** Each record's outcome, in order, and the incidents to create (with their new ids) and to update. */
export interface BatchPlan {
  outcomes: WriteOutcome[];
  created: { row: PreparedIncident; id: string }[];
  updated: { row: PreparedIncident; id: string; before: ExistingIncident }[];
}

export interface ImportIssueRow {
  kind: ImportIssueKind;
  record: number;
  line: number | null;
  externalId: string | null;
  field: string | null;
  value: string | null;
  message: string;
  raw: string | null;
}

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
  services_created: string[];
  teams_created: string[];
  file_kind: 'csv' | 'json';
  header: string | null;
  error: string | null;
}

export interface ImportCounts {
  recordsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  flagged: number;
}

/** Incident columns an import writes, each with how to read it from a PreparedIncident and its type in the unnest. */
const FIELD_COLUMNS: { column: string; type: string; field: keyof MappedIncidentFields; fallback: unknown }[] = [
  { column: 'title', type: 'text', field: 'title', fallback: null },
  { column: 'functionality', type: 'text', field: 'functionality', fallback: null },
  { column: 'state', type: 'text', field: 'state', fallback: null },
  { column: 'audience', type: 'text', field: 'audience', fallback: null },
  { column: 'customer_impact', type: 'text', field: 'customerImpact', fallback: '' },
  { column: 'impact_scope', type: 'text', field: 'impactScope', fallback: 'unknown' },
  { column: 'known_customers_impacted', type: 'text[]', field: 'knownCustomersImpacted', fallback: [] },
  { column: 'commander', type: 'text', field: 'commander', fallback: null },
  { column: 'investigator', type: 'text', field: 'investigator', fallback: null },
  { column: 'comms', type: 'text', field: 'comms', fallback: null },
  { column: 'scribe', type: 'text', field: 'scribe', fallback: null },
  { column: 'tags', type: 'text[]', field: 'tags', fallback: [] },
  { column: 'excluded_from_metrics', type: 'boolean', field: 'excludedFromMetrics', fallback: false },
  { column: 'exclusion_reason', type: 'text', field: 'exclusionReason', fallback: null },
  ...MILESTONES.map((m) => ({ column: milestoneColumn(m), type: 'timestamptz', field: m, fallback: null })),
];

/** Arrays travel as one JSON array per row (PostgreSQL arrays of arrays must be rectangular). */
const unnestArg = (type: string) => (type === 'text[]' ? 'jsonb' : type);
const fromUnnest = (type: string, ref: string) => (type === 'text[]' ? `ARRAY(SELECT jsonb_array_elements_text(${ref}))` : ref);
const toParam = (type: string, value: unknown) => (type === 'text[]' ? JSON.stringify(value) : value);

/** All SQL of imports: runs, their issues, and the set-based writes of one batch of incidents. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async createRun(run: {
    format: string; source: string; fileName: string; fileBytes: number | null; options: Record<string, unknown>; dryRun: boolean;
    actor: Actor; fileKind: 'csv' | 'json'; at: Date;
  }): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO imports (format, source, file_name, file_bytes, options, dry_run, actor_type, actor_name, started_at, heartbeat_at, file_kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id`,
      [run.format, run.source, run.fileName, run.fileBytes, JSON.stringify(run.options), run.dryRun, run.actor.type, run.actor.name, run.at, run.fileKind],
    );
    return rows[0].id;
  }

  async setHeader(id: string, header: string): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET header = $2 WHERE id = $1`, [id, header]);
  }

  /** Adds to the run's counts and records its issues, in the caller's transaction (so they commit with the batch). */
  async recordProgress(manager: EntityManager, id: string, counts: ImportCounts, issues: ImportIssueRow[], at: Date): Promise<void> {
    await manager.query(
      `UPDATE imports SET records_read = records_read + $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5,
              rejected = rejected + $6, flagged = flagged + $7, heartbeat_at = $8
        WHERE id = $1`,
      [id, counts.recordsRead, counts.created, counts.updated, counts.unchanged, counts.rejected, counts.flagged, at],
    );
    if (issues.length === 0) return;
    const column = <K extends keyof ImportIssueRow>(key: K) => issues.map((issue) => issue[key]);
    await manager.query(
      `INSERT INTO import_issues (import_id, kind, record, line, external_id, field, value, message, raw)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
      [id, column('kind'), column('record'), column('line'), column('externalId'), column('field'), column('value'), column('message'), column('raw')],
    );
  }

  async addCreatedNames(manager: EntityManager, id: string, services: string[], teams: string[]): Promise<void> {
    if (services.length + teams.length === 0) return;
    await manager.query(
      `UPDATE imports SET services_created = services_created || $2::text[], teams_created = teams_created || $3::text[] WHERE id = $1`,
      [id, services, teams],
    );
  }

  async finishRun(id: string, status: ImportStatus, at: Date, error: string | null = null): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET status = $2, finished_at = $3, heartbeat_at = $3, error = $4 WHERE id = $1`, [id, status, at, error]);
  }

  async heartbeat(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET heartbeat_at = $2 WHERE id = $1 AND status = 'running'`, [id, at]);
  }

  /** Runs still marked running whose process stopped beating before `staleBefore`: they were interrupted. */
  async markInterrupted(staleBefore: Date, at: Date): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
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
    const rows: ImportRunRow[] = await this.dataSource.query(`SELECT * FROM imports WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async listRuns(limit: number, before?: { startedAt: Date; id: string }): Promise<ImportRunRow[]> {
    return this.dataSource.query(
      `SELECT * FROM imports ${before ? 'WHERE (started_at, id) < ($2, $3::uuid)' : ''} ORDER BY started_at DESC, id DESC LIMIT $1`,
      before ? [limit, before.startedAt, before.id] : [limit],
    );
  }

  async listIssues(id: string, kind: ImportIssueKind | undefined, limit: number, afterRecord: number): Promise<(ImportIssueRow & { total: number })[]> {
    return this.dataSource.query(
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
      const rows: { record: number; raw: string }[] = await this.dataSource.query(
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
    return this.dataSource.query(`SELECT id, key, rank FROM severity_levels ORDER BY rank`);
  }

  /** Ids of the services (or teams) with these names, matched case-insensitively as the API's uniqueness rule does. */
  async idsByName(manager: EntityManager, table: 'services' | 'teams', names: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string; wanted: string }[] = await manager.query(
      `SELECT DISTINCT ON (w.wanted) t.id, t.name, w.wanted FROM unnest($1::text[]) AS w(wanted) JOIN ${table} t ON lower(t.name) = lower(w.wanted)
        ORDER BY w.wanted, t.name = w.wanted DESC`,
      [names],
    );
    return new Map(rows.map((r) => [r.wanted, r.id]));
  }

  /** Creates the services (kind `service`) or teams with these names; returns their ids. Under the API's write lock for that table. */
  async createNamed(manager: EntityManager, table: 'services' | 'teams', names: string[]): Promise<Map<string, string>> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`hindsight.${table}`]);
    const existing = await this.idsByName(manager, table, names);
    const missing = names.filter((n) => !existing.has(n));
    if (missing.length > 0) {
      const rows: { id: string; name: string }[] = await manager.query(
        `INSERT INTO ${table} (name) SELECT DISTINCT unnest($1::text[]) RETURNING id, name`,
        [missing],
      );
      for (const row of rows) existing.set(row.name, row.id);
    }
    return existing;
  }

  /** Existing incidents with these (source, external id) pairs: id, fingerprint, severities. */
  private async findExisting(manager: EntityManager, rows: PreparedIncident[]): Promise<Map<string, ExistingIncident>> {
    const found: { id: string; source: string; external_id: string; import_fingerprint: string | null; severity_id: string; peak_severity_id: string; peak_rank: number }[] =
      await manager.query(
        `SELECT i.id, i.source, i.external_id, i.import_fingerprint, i.severity_id, i.peak_severity_id, p.rank AS peak_rank
           FROM unnest($1::text[], $2::text[]) AS k(source, external_id)
           JOIN incidents i ON i.source = k.source AND i.external_id = k.external_id
           JOIN severity_levels p ON p.id = i.peak_severity_id
            FOR UPDATE OF i`,
        [rows.map((r) => r.source), rows.map((r) => r.externalId)],
      );
    return new Map(found.map((f) => [pairKey(f.source, f.external_id), {
      id: f.id, fingerprint: f.import_fingerprint, severityId: f.severity_id, peakId: f.peak_severity_id, peakRank: f.peak_rank,
    }]));
  }

  /**
   * What writing these records would do: an existing incident with the same (source, external id) and the
   * same fingerprint is unchanged, with another fingerprint it is updated, else one is created. Locks the
   * existing rows (and serialises concurrent imports) until the caller's transaction ends.
   */
  async plan(manager: EntityManager, rows: PreparedIncident[]): Promise<BatchPlan> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('hindsight.imports'))`);
    const existing = await this.findExisting(manager, rows);
    const plan: BatchPlan = { outcomes: [], created: [], updated: [] };
    for (const row of rows) {
      const found = existing.get(pairKey(row.source, row.externalId));
      if (!found) {
        // Time-ordered ids: a batch's rows land on neighbouring primary-key pages, and the foreign-key checks of
        // their service links, timeline and history find them there (random ids touch a random page each).
        plan.created.push({ row, id: uuidv7() });
        plan.outcomes.push('created');
      } else if (found.fingerprint === row.fingerprint) {
        plan.outcomes.push('unchanged');
      } else {
        plan.updated.push({ row, id: found.id, before: found });
        plan.outcomes.push('updated');
      }
    }
    return plan;
  }

  /**
   * Writes a plan in the caller's transaction: new incidents inserted with fresh keys, changed ones updated
   * (fields the format does not carry are kept); service links and imported timeline entries of written
   * incidents replaced; severity history recorded.
   */
  async write(manager: EntityManager, importId: string, actor: Actor, plan: BatchPlan, at: Date): Promise<void> {
    const { created, updated } = plan;
    if (created.length > 0) await this.insertIncidents(manager, importId, created);
    for (const group of groupBySignature(updated)) await this.updateIncidents(manager, importId, group);
    const written = [...created, ...updated];
    await this.replaceServices(manager, written.filter((w) => w.row.serviceIds !== undefined), updated.map((u) => u.id));
    await this.replaceTimeline(manager, written, updated.map((u) => u.id));
    await this.recordSeverityChanges(manager, actor, at, created, updated);
  }

  private async insertIncidents(manager: EntityManager, importId: string, created: { row: PreparedIncident; id: string }[]): Promise<void> {
    const keys = await this.allocateKeys(manager, created.map((c) => new Date(c.row.fields.startedAt).getUTCFullYear()));
    const columns = [
      'id', 'key', 'severity_id', 'peak_severity_id', 'owning_team_id', 'source', 'external_id', 'source_payload', 'import_fingerprint',
      ...FIELD_COLUMNS.map((f) => f.column), 'version', 'last_import_id',
    ];
    await copyRows(manager, 'incidents', columns, created.map(({ row, id }, i): CopyValue[] => [
      id, keys[i], row.severity.id, peakOf(row, null).id, row.owningTeamId ?? null, row.source, row.externalId, row.payload, row.fingerprint,
      ...FIELD_COLUMNS.map((f) => (row.fields[f.field] === undefined ? f.fallback : row.fields[f.field]) as CopyValue),
      1, importId,
    ]));
  }

  /** One UPDATE for a group of records that carry the same fields. */
  private async updateIncidents(manager: EntityManager, importId: string, group: { row: PreparedIncident; id: string; before: { peakRank: number; peakId: string } }[]): Promise<void> {
    const sample = group[0].row;
    const fields = FIELD_COLUMNS.filter((f) => sample.fields[f.field] !== undefined);
    const columns = [
      { name: 'id', type: 'uuid', values: group.map((g) => g.id) },
      { name: 'severity_id', type: 'uuid', values: group.map((g) => g.row.severity.id) },
      { name: 'peak_severity_id', type: 'uuid', values: group.map((g) => peakOf(g.row, g.before).id) },
      ...(sample.owningTeamId !== undefined ? [{ name: 'owning_team_id', type: 'uuid', values: group.map((g) => g.row.owningTeamId ?? null) }] : []),
      { name: 'source_payload', type: 'jsonb', values: group.map((g) => g.row.payload) },
      { name: 'import_fingerprint', type: 'text', values: group.map((g) => g.row.fingerprint) },
      ...fields.map((f) => ({ name: f.column, type: f.type, values: group.map((g) => toParam(f.type, g.row.fields[f.field])) })),
    ];
    const assignments = columns.filter((c) => c.name !== 'id').map((c) => `${c.name} = ${fromUnnest(c.type, `u.${c.name}`)}`);
    await manager.query(
      `UPDATE incidents i SET ${assignments.join(', ')}, version = i.version + 1, updated_at = now(), last_import_id = $${columns.length + 1}
         FROM unnest(${columns.map((c, i) => `$${i + 1}::${unnestArg(c.type)}[]`).join(', ')}) AS u(${columns.map((c) => c.name).join(', ')})
        WHERE i.id = u.id`,
      [...columns.map((c) => c.values), importId],
    );
  }

  /** `INC-<year>-<seq>` keys for incidents starting in these years, numbered on from each year's counter. */
  private async allocateKeys(manager: EntityManager, years: number[]): Promise<string[]> {
    const perYear = new Map<number, number>();
    for (const year of years) perYear.set(year, (perYear.get(year) ?? 0) + 1);
    const rows: { year: number; last_seq: number }[] = await manager.query(
      `INSERT INTO incident_key_counters (year, last_seq) SELECT * FROM unnest($1::int[], $2::int[])
       ON CONFLICT (year) DO UPDATE SET last_seq = incident_key_counters.last_seq + EXCLUDED.last_seq
       RETURNING year, last_seq`,
      [[...perYear.keys()], [...perYear.values()]],
    );
    const next = new Map(rows.map((r) => [r.year, r.last_seq - perYear.get(r.year)! + 1]));
    return years.map((year) => {
      const seq = next.get(year)!;
      next.set(year, seq + 1);
      return `INC-${year}-${String(seq).padStart(4, '0')}`;
    });
  }

  private async replaceServices(manager: EntityManager, written: { row: PreparedIncident; id: string }[], updatedIds: string[]): Promise<void> {
    if (updatedIds.length > 0) await manager.query(`DELETE FROM incident_services WHERE incident_id = ANY($1::uuid[])`, [updatedIds]);
    const links = written.flatMap((w) => [...new Set(w.row.serviceIds!)].map((serviceId) => [w.id, serviceId]));
    await copyRows(manager, 'incident_services', ['incident_id', 'service_id'], links);
  }

  private async replaceTimeline(manager: EntityManager, written: { row: PreparedIncident; id: string }[], updatedIds: string[]): Promise<void> {
    if (updatedIds.length > 0) await manager.query(`DELETE FROM timeline_entries WHERE incident_id = ANY($1::uuid[]) AND imported`, [updatedIds]);
    const entries = written.flatMap((w) => w.row.timeline.map((e) => [w.id, e.occurredAt, e.kind, e.author, e.body, true]));
    await copyRows(manager, 'timeline_entries', ['incident_id', 'occurred_at', 'kind', 'author', 'body', 'imported'], entries);
  }

  private async recordSeverityChanges(
    manager: EntityManager, actor: Actor, at: Date,
    created: { row: PreparedIncident; id: string }[], updated: { row: PreparedIncident; id: string; before: { severityId: string } }[],
  ): Promise<void> {
    const changes = [
      ...created.map((c) => [c.id, null, c.row.severity.id, c.row.fields.startedAt, actor.name, `Imported from ${c.row.source}`]),
      ...updated.filter((u) => u.before.severityId !== u.row.severity.id)
        .map((u) => [u.id, u.before.severityId, u.row.severity.id, at, actor.name, `Re-imported from ${u.row.source}`]),
    ];
    await copyRows(manager, 'severity_changes', ['incident_id', 'from_severity_id', 'to_severity_id', 'changed_at', 'changed_by', 'reason'], changes);
  }
}

const pairKey = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/** The most severe of the record's severity, its source's peak, and the incident's peak so far (an update never lowers it). */
function peakOf(row: PreparedIncident, before: { peakRank: number; peakId: string } | null): { id: string } {
  let peak: { id: string; rank: number } = row.severity;
  if (row.peakSeverity && row.peakSeverity.rank < peak.rank) peak = row.peakSeverity;
  if (before && before.peakRank < peak.rank) peak = { id: before.peakId, rank: before.peakRank };
  return peak;
}

/** Updates grouped by which fields their records carry, so each UPDATE sets exactly those. */
function groupBySignature<T extends { row: PreparedIncident }>(items: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const signature = [
      ...FIELD_COLUMNS.map((f) => (item.row.fields[f.field] === undefined ? '0' : '1')),
      item.row.owningTeamId === undefined ? '0' : '1',
    ].join('');
    groups.set(signature, [...(groups.get(signature) ?? []), item]);
  }
  return [...groups.values()];
}
