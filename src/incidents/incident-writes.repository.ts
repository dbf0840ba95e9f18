import { Injectable } from '@nestjs/common';
import { copyRows, type CopyValue } from '../database/copy-rows.js';
import { Database } from '../database/transactions.js';
import type { IncidentFieldValues } from './incident-values.js';
import { incidentKey } from './incident-key.js';
import { MILESTONES, milestoneColumn } from './milestones.js';
import type { TimelineKind } from './timeline/timeline-entry.entity.js';

type ColumnType = 'text' | 'text[]' | 'boolean' | 'timestamptz' | 'uuid' | 'jsonb';

interface FieldColumn {
  field: keyof IncidentFieldValues;
  column: string;
  type: ColumnType;
  /** What a new incident gets when the writer leaves the field out: the column's default. */
  fallback: CopyValue;
}

/** Each field of an incident, its column and type: the one table every writer's fields go through. */
export const FIELD_COLUMNS: readonly FieldColumn[] = [
  { field: 'title', column: 'title', type: 'text', fallback: null },
  { field: 'functionality', column: 'functionality', type: 'text', fallback: null },
  { field: 'state', column: 'state', type: 'text', fallback: null },
  { field: 'audience', column: 'audience', type: 'text', fallback: null },
  { field: 'customerImpact', column: 'customer_impact', type: 'text', fallback: '' },
  { field: 'impactScope', column: 'impact_scope', type: 'text', fallback: 'unknown' },
  { field: 'knownCustomersImpacted', column: 'known_customers_impacted', type: 'text[]', fallback: [] },
  { field: 'commander', column: 'commander', type: 'text', fallback: null },
  { field: 'investigator', column: 'investigator', type: 'text', fallback: null },
  { field: 'comms', column: 'comms', type: 'text', fallback: null },
  { field: 'scribe', column: 'scribe', type: 'text', fallback: null },
  { field: 'tags', column: 'tags', type: 'text[]', fallback: [] },
  { field: 'excludedFromMetrics', column: 'excluded_from_metrics', type: 'boolean', fallback: false },
  { field: 'exclusionReason', column: 'exclusion_reason', type: 'text', fallback: null },
  ...MILESTONES.map((m): FieldColumn => ({ field: m, column: milestoneColumn(m), type: 'timestamptz', fallback: null })),
];

/** Columns of an incident besides its fields, with their types (for updates of many rows at once). */
const OTHER_COLUMNS = {
  severity_id: 'uuid',
  peak_severity_id: 'uuid',
  owning_team_id: 'uuid',
  source_payload: 'jsonb',
  import_fingerprint: 'text',
  last_import_id: 'uuid',
} as const satisfies Record<string, ColumnType>;

/** A new incident's row. */
export interface IncidentInsertRow {
  id: string;
  key: string;
  fields: Partial<IncidentFieldValues>;
  severityId: string;
  peakSeverityId: string;
  owningTeamId: string | null;
  source: string;
  externalId: string | null;
  /** The source record as JSON text. */
  sourcePayload: string | null;
  importFingerprint: string | null;
  lastImportId: string | null;
  /** Set by demo data, whose history is in the past; otherwise the database's now(). */
  createdAt?: Date;
  updatedAt?: Date;
}

/** Changed columns of one incident; undefined keeps a column as it is. */
export interface IncidentUpdateRow {
  id: string;
  fields: Partial<IncidentFieldValues>;
  severityId?: string;
  peakSeverityId?: string;
  owningTeamId?: string | null;
  sourcePayload?: string | null;
  importFingerprint?: string | null;
  lastImportId?: string | null;
}

export interface SeverityChangeRow {
  incidentId: string;
  fromSeverityId: string | null;
  toSeverityId: string;
  changedAt: Date | string;
  changedBy: string | null;
  reason: string;
  /** Demo data's past history; otherwise the database's now(). */
  createdAt?: Date;
}

export interface ImportedTimelineRow {
  incidentId: string;
  occurredAt: Date | string;
  kind: TimelineKind;
  author: string | null;
  body: string;
}

/** Arrays travel through unnest as one JSON array per row (PostgreSQL arrays of arrays must be rectangular). */
const unnestType = (type: ColumnType) => (type === 'text[]' ? 'jsonb' : type);
const fromUnnest = (type: ColumnType, ref: string) => (type === 'text[]' ? `ARRAY(SELECT jsonb_array_elements_text(${ref}))` : ref);
const toParam = (type: ColumnType, value: unknown) => (type === 'text[]' ? JSON.stringify(value) : value);

const OTHER_FIELDS: readonly (readonly [keyof IncidentUpdateRow, keyof typeof OTHER_COLUMNS])[] = [
  ['severityId', 'severity_id'],
  ['peakSeverityId', 'peak_severity_id'],
  ['owningTeamId', 'owning_team_id'],
  ['sourcePayload', 'source_payload'],
  ['importFingerprint', 'import_fingerprint'],
  ['lastImportId', 'last_import_id'],
];

/**
 * All SQL that writes incidents — for the API, imports and demo data alike (IncidentWriter is the one
 * caller): key numbering, rows (COPY for new ones, one UPDATE per group of rows that change the same
 * columns), service links, severity history and imported timeline entries. The stored metric seconds
 * (`ttd_seconds` … `tt_retro_seconds`, `retro_business_seconds`) follow from the database's triggers on
 * every row written here. Runs in the caller's transaction (COPY needs one).
 */
@Injectable()
export class IncidentWritesRepository {
  constructor(private readonly db: Database) {}

  /** `INC-<year>-<seq>` keys for incidents starting in these years, numbered on from each year's counter. */
  async allocateKeys(years: readonly number[]): Promise<string[]> {
    if (years.length === 0) return [];
    const perYear = new Map<number, number>();
    for (const year of years) perYear.set(year, (perYear.get(year) ?? 0) + 1);
    const rows: { year: number; last_seq: number }[] = await this.db.query(
      `INSERT INTO incident_key_counters (year, last_seq) SELECT * FROM unnest($1::int[], $2::int[])
       ON CONFLICT (year) DO UPDATE SET last_seq = incident_key_counters.last_seq + EXCLUDED.last_seq
       RETURNING year, last_seq`,
      [[...perYear.keys()], [...perYear.values()]],
    );
    const next = new Map(rows.map((r) => [r.year, r.last_seq - perYear.get(r.year)! + 1]));
    return years.map((year) => {
      const seq = next.get(year)!;
      next.set(year, seq + 1);
      return incidentKey(year, seq);
    });
  }

  /** Raises each year's counter to at least `lastSeq`, so that keys given by the caller are never handed out again. */
  async raiseKeyCounters(counters: readonly { year: number; lastSeq: number }[]): Promise<void> {
    if (counters.length === 0) return;
    await this.db.query(
      `INSERT INTO incident_key_counters (year, last_seq) SELECT * FROM unnest($1::int[], $2::int[])
       ON CONFLICT (year) DO UPDATE SET last_seq = GREATEST(incident_key_counters.last_seq, EXCLUDED.last_seq)`,
      [counters.map((c) => c.year), counters.map((c) => c.lastSeq)],
    );
  }

  /** New incidents, with COPY (one round trip whatever the count). Every row must say the same about createdAt. */
  async insert(rows: readonly IncidentInsertRow[]): Promise<void> {
    if (rows.length === 0) return;
    const dated = rows[0].createdAt !== undefined;
    if (rows.some((row) => (row.createdAt !== undefined) !== dated)) throw new Error('insert: either every row has createdAt or none');
    const columns = [
      'id', 'key', 'severity_id', 'peak_severity_id', 'owning_team_id', 'source', 'external_id', 'source_payload', 'import_fingerprint',
      ...FIELD_COLUMNS.map((f) => f.column), 'version', 'last_import_id', ...(dated ? ['created_at', 'updated_at'] : []),
    ];
    await copyRows(this.db.manager, 'incidents', columns, rows.map((row): CopyValue[] => [
      row.id, row.key, row.severityId, row.peakSeverityId, row.owningTeamId, row.source, row.externalId, row.sourcePayload, row.importFingerprint,
      ...FIELD_COLUMNS.map((f) => (row.fields[f.field] === undefined ? f.fallback : (row.fields[f.field] as CopyValue))),
      1, row.lastImportId, ...(dated ? [row.createdAt, row.updatedAt ?? row.createdAt] : []),
    ]));
  }

  /**
   * Writes changed columns, bumps each row's version and touches updated_at: one UPDATE per group of rows
   * that change the same columns (a row that changes none still gets its new version).
   */
  async update(rows: readonly IncidentUpdateRow[]): Promise<void> {
    for (const group of groupBySignature(rows)) {
      const sample = group[0];
      const fields = FIELD_COLUMNS.filter((f) => sample.fields[f.field] !== undefined);
      const others = OTHER_FIELDS.filter(([key]) => sample[key] !== undefined);
      const columns: { name: string; type: ColumnType; values: unknown[] }[] = [
        { name: 'id', type: 'uuid', values: group.map((g) => g.id) },
        ...others.map(([key, name]) => ({ name, type: OTHER_COLUMNS[name], values: group.map((g) => g[key]) })),
        ...fields.map((f) => ({ name: f.column, type: f.type, values: group.map((g) => toParam(f.type, g.fields[f.field])) })),
      ];
      const assignments = [...columns.slice(1).map((c) => `${c.name} = ${fromUnnest(c.type, `u.${c.name}`)}`), 'version = i.version + 1', 'updated_at = now()'];
      await this.db.query(
        `UPDATE incidents i SET ${assignments.join(', ')}
           FROM unnest(${columns.map((c, n) => `$${n + 1}::${unnestType(c.type)}[]`).join(', ')}) AS u(${columns.map((c) => c.name).join(', ')})
          WHERE i.id = u.id`,
        columns.map((c) => c.values),
      );
    }
  }

  /** Replaces the service links of these incidents (`existing`: they may have links already, which go). */
  async replaceServiceLinks(links: readonly { incidentId: string; serviceIds: readonly string[] }[], existing: boolean): Promise<void> {
    if (existing && links.length > 0) {
      await this.db.query(`DELETE FROM incident_services WHERE incident_id = ANY($1::uuid[])`, [links.map((l) => l.incidentId)]);
    }
    const rows = links.flatMap((l) => [...new Set(l.serviceIds)].map((serviceId) => [l.incidentId, serviceId]));
    await copyRows(this.db.manager, 'incident_services', ['incident_id', 'service_id'], rows);
  }

  /** Appends to the incidents' severity history. Every row must say the same about createdAt. */
  async recordSeverityChanges(changes: readonly SeverityChangeRow[]): Promise<void> {
    if (changes.length === 0) return;
    const dated = changes[0].createdAt !== undefined;
    if (changes.some((c) => (c.createdAt !== undefined) !== dated)) throw new Error('recordSeverityChanges: either every change has createdAt or none');
    await copyRows(
      this.db.manager, 'severity_changes',
      ['incident_id', 'from_severity_id', 'to_severity_id', 'changed_at', 'changed_by', 'reason', ...(dated ? ['created_at'] : [])],
      changes.map((c) => [c.incidentId, c.fromSeverityId, c.toSeverityId, c.changedAt, c.changedBy, c.reason, ...(dated ? [c.createdAt] : [])]),
    );
  }

  /** Replaces the imported timeline entries of these incidents (entries people wrote stay). */
  async replaceImportedTimeline(entries: readonly ImportedTimelineRow[], replacing: readonly string[]): Promise<void> {
    if (replacing.length > 0) await this.db.query(`DELETE FROM timeline_entries WHERE incident_id = ANY($1::uuid[]) AND imported`, [replacing]);
    await copyRows(
      this.db.manager, 'timeline_entries', ['incident_id', 'occurred_at', 'kind', 'author', 'body', 'imported'],
      entries.map((e) => [e.incidentId, e.occurredAt, e.kind, e.author, e.body, true]),
    );
  }
}

/** Rows grouped by which columns they change, so each UPDATE sets exactly those. */
function groupBySignature(rows: readonly IncidentUpdateRow[]): IncidentUpdateRow[][] {
  const groups = new Map<string, IncidentUpdateRow[]>();
  for (const row of rows) {
    const signature = [
      ...FIELD_COLUMNS.map((f) => (row.fields[f.field] === undefined ? '0' : '1')),
      ...OTHER_FIELDS.map(([key]) => (row[key] === undefined ? '0' : '1')),
    ].join('');
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = []));
    group.push(row);
  }
  return [...groups.values()];
}
