import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { RuleViolationError } from '../common/errors.js';
import { SEVERITY_KEYS, type DemoData, type SeverityKey } from './demo-data.generator.js';

/** Where the writer is: rows written so far out of all rows, and the table being written. */
export interface DemoDataProgress {
  table: string;
  /** Rows of `table` written so far, and its total. */
  tableWritten: number;
  tableTotal: number;
  /** Rows of every table written so far, and the grand total. */
  written: number;
  total: number;
}

/** Rows written per table. */
export type DemoDataWriteResult = Record<string, number>;

/** The database was not empty: nothing was written. */
export class DemoDataNotEmptyError extends RuleViolationError {
  constructor(readonly counts: { incidents: number; teams: number; services: number }) {
    const parts = (['incidents', 'teams', 'services'] as const)
      .filter((k) => counts[k] > 0)
      .map((k) => `${counts[k]} ${counts[k] === 1 ? k.slice(0, -1) : k}`);
    super(
      'DEMO_DATA_NOT_EMPTY',
      `The database already has ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}; demo-data only fills an empty database (use a fresh DATA_DIR or database)`,
      counts,
    );
  }
}

/** Rows per INSERT: one statement per batch, its columns sent as arrays and unnested. */
const BATCH_SIZE = 2000;

interface Column {
  name: string;
  /** PostgreSQL type of the column. Array columns (`text[]`) travel as jsonb, one JSON array per row. */
  type: 'uuid' | 'text' | 'integer' | 'boolean' | 'timestamptz' | 'date' | 'jsonb' | 'text[]';
}

interface Table {
  name: string;
  columns: Column[];
  rows: unknown[][];
}

const col = (name: string, type: Column['type']): Column => ({ name, type });

/**
 * Writes generated demo data in one transaction: all of it, or nothing. Refuses a database that
 * already has incidents, teams or services. Severity levels are found by key and retrospectives use
 * the default template; the per-year key counters are raised so later incidents continue the numbering.
 */
export async function writeDemoData(
  dataSource: DataSource,
  data: DemoData,
  onProgress?: (progress: DemoDataProgress) => void,
): Promise<DemoDataWriteResult> {
  return dataSource.transaction(async (manager) => {
    // Blocks concurrent writers of these tables until commit, so the emptiness check holds.
    await manager.query('LOCK TABLE teams, services, incidents IN SHARE ROW EXCLUSIVE MODE');
    const counts = await countExisting(manager);
    if (counts.incidents + counts.teams + counts.services > 0) throw new DemoDataNotEmptyError(counts);
    const severityIds = await severityIdsByKey(manager);
    const template = await defaultTemplate(manager, data.retrospectives.length > 0);

    const tables = toTables(data, severityIds, template);
    const total = tables.reduce((sum, t) => sum + t.rows.length, 0);
    const result: DemoDataWriteResult = {};
    let written = 0;
    for (const table of tables) {
      for (let offset = 0; offset < table.rows.length; offset += BATCH_SIZE) {
        const batch = table.rows.slice(offset, offset + BATCH_SIZE);
        await insertBatch(manager, table, batch);
        written += batch.length;
        onProgress?.({ table: table.name, tableWritten: offset + batch.length, tableTotal: table.rows.length, written, total });
      }
      result[table.name] = table.rows.length;
    }
    await manager.query(
      `INSERT INTO incident_key_counters (year, last_seq) SELECT * FROM unnest($1::integer[], $2::integer[])
       ON CONFLICT (year) DO UPDATE SET last_seq = GREATEST(incident_key_counters.last_seq, EXCLUDED.last_seq)`,
      [data.keyCounters.map((c) => c.year), data.keyCounters.map((c) => c.lastSeq)],
    );
    return result;
  });
}

async function countExisting(manager: EntityManager): Promise<{ incidents: number; teams: number; services: number }> {
  const [row]: { incidents: number; teams: number; services: number }[] = await manager.query(
    `SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM teams)::int AS teams,
            (SELECT count(*) FROM services)::int AS services`,
  );
  return row;
}

async function severityIdsByKey(manager: EntityManager): Promise<Record<SeverityKey, string>> {
  const rows: { id: string; key: string }[] = await manager.query(`SELECT id, key FROM severity_levels ORDER BY rank`);
  const byKey = new Map(rows.map((r) => [r.key, r.id]));
  const missing = SEVERITY_KEYS.filter((k) => !byKey.has(k));
  if (missing.length > 0) {
    throw new RuleViolationError(
      'DEMO_DATA_SEVERITIES',
      `demo-data needs the severity levels ${SEVERITY_KEYS.join(', ')}; missing ${missing.join(', ')} (found: ${rows.map((r) => r.key).join(', ') || 'none'})`,
    );
  }
  return Object.fromEntries(SEVERITY_KEYS.map((k) => [k, byKey.get(k)!])) as Record<SeverityKey, string>;
}

interface Template {
  id: string;
  questionKeys: Set<string>;
}

async function defaultTemplate(manager: EntityManager, required: boolean): Promise<Template | null> {
  const rows: { id: string; questions: { key: string }[] }[] = await manager.query(
    `SELECT id, questions FROM retro_templates WHERE is_default ORDER BY version DESC LIMIT 1`,
  );
  if (rows.length === 0) {
    if (!required) return null;
    throw new RuleViolationError('DEMO_DATA_TEMPLATE', 'demo-data needs a default retrospective template; none is marked default');
  }
  return { id: rows[0].id, questionKeys: new Set(rows[0].questions.map((q) => q.key)) };
}

/** Rows of every table, parents first, with fresh ids linking them. */
function toTables(data: DemoData, severity: Record<SeverityKey, string>, template: Template | null): Table[] {
  const lookup = <T>(map: Map<string, T>, what: string) => (name: string): T => {
    const value = map.get(name);
    if (value === undefined) throw new Error(`demo data refers to an unknown ${what} "${name}"`);
    return value;
  };
  const teamIds = new Map(data.teams.map((t) => [t.name, randomUUID()]));
  const serviceIds = new Map(data.services.map((s) => [s.name, randomUUID()]));
  const incidentIds = new Map(data.incidents.map((i) => [i.key, randomUUID()]));
  const retroIds = new Map(data.retrospectives.map((r) => [r.incidentKey, randomUUID()]));
  const teamId = lookup(teamIds, 'team');
  const serviceId = lookup(serviceIds, 'service');
  const incidentId = lookup(incidentIds, 'incident');
  const retroId = lookup(retroIds, 'retrospective of incident');
  const latest = (...dates: (Date | null)[]) => new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));

  return [
    {
      name: 'teams',
      columns: [col('id', 'uuid'), col('name', 'text'), col('description', 'text'), col('paging_schedule_url', 'text')],
      rows: data.teams.map((t) => [teamId(t.name), t.name, t.description, t.pagingScheduleUrl]),
    },
    {
      name: 'services',
      columns: [
        col('id', 'uuid'), col('name', 'text'), col('kind', 'text'), col('functionality', 'text'), col('owning_team_id', 'uuid'),
        col('paging_schedule_url', 'text'), col('support_url', 'text'), col('status_page_url', 'text'),
      ],
      rows: data.services.map((s) => [
        serviceId(s.name), s.name, s.kind, s.functionality, teamId(s.owningTeam), s.pagingScheduleUrl, s.supportUrl, s.statusPageUrl,
      ]),
    },
    {
      name: 'incidents',
      columns: [
        col('id', 'uuid'), col('key', 'text'), col('title', 'text'), col('functionality', 'text'), col('state', 'text'), col('audience', 'text'),
        col('severity_id', 'uuid'), col('peak_severity_id', 'uuid'), col('owning_team_id', 'uuid'), col('customer_impact', 'text'),
        col('impact_scope', 'text'), col('known_customers_impacted', 'text[]'), col('commander', 'text'), col('investigator', 'text'),
        col('comms', 'text'), col('scribe', 'text'), col('tags', 'text[]'), col('source', 'text'), col('excluded_from_metrics', 'boolean'),
        col('exclusion_reason', 'text'), col('started_at', 'timestamptz'), col('detected_at', 'timestamptz'),
        col('acknowledged_at', 'timestamptz'), col('investigating_at', 'timestamptz'), col('identified_at', 'timestamptz'),
        col('mitigated_at', 'timestamptz'), col('resolved_at', 'timestamptz'), col('retro_prep_at', 'timestamptz'),
        col('retro_done_at', 'timestamptz'), col('version', 'integer'), col('created_at', 'timestamptz'), col('updated_at', 'timestamptz'),
      ],
      rows: data.incidents.map((i) => [
        incidentId(i.key), i.key, i.title, i.functionality, i.state, i.audience, severity[i.severity], severity[i.peakSeverity],
        teamId(i.owningTeam), i.customerImpact, i.impactScope, i.knownCustomersImpacted, i.commander, i.investigator, i.comms, i.scribe,
        i.tags, i.source, i.excludedFromMetrics, i.exclusionReason, i.startedAt, i.detectedAt, i.acknowledgedAt, i.investigatingAt,
        i.identifiedAt, i.mitigatedAt, i.resolvedAt, i.retroPrepAt, i.retroDoneAt, 1, i.createdAt,
        latest(i.createdAt, i.mitigatedAt, i.resolvedAt, i.retroPrepAt, i.retroDoneAt),
      ]),
    },
    {
      name: 'incident_services',
      columns: [col('incident_id', 'uuid'), col('service_id', 'uuid')],
      rows: data.incidents.flatMap((i) => i.services.map((s) => [incidentId(i.key), serviceId(s)])),
    },
    {
      name: 'severity_changes',
      columns: [
        col('incident_id', 'uuid'), col('from_severity_id', 'uuid'), col('to_severity_id', 'uuid'), col('changed_at', 'timestamptz'),
        col('changed_by', 'text'), col('reason', 'text'), col('created_at', 'timestamptz'),
      ],
      rows: data.severityChanges.map((c) => [
        incidentId(c.incidentKey), c.from ? severity[c.from] : null, severity[c.to], c.changedAt, c.changedBy, c.reason, c.changedAt,
      ]),
    },
    {
      name: 'timeline_entries',
      columns: [
        col('incident_id', 'uuid'), col('occurred_at', 'timestamptz'), col('kind', 'text'), col('author', 'text'), col('body', 'text'),
        col('created_at', 'timestamptz'), col('updated_at', 'timestamptz'),
      ],
      rows: data.timeline.map((e) => [incidentId(e.incidentKey), e.occurredAt, e.kind, e.author, e.body, e.occurredAt, e.occurredAt]),
    },
    {
      name: 'retrospectives',
      columns: [
        col('id', 'uuid'), col('incident_id', 'uuid'), col('template_id', 'uuid'), col('facilitator', 'text'), col('attendees', 'text[]'),
        col('scheduled_at', 'timestamptz'), col('held_at', 'timestamptz'), col('status', 'text'), col('submitted_at', 'timestamptz'),
        col('version', 'integer'), col('created_at', 'timestamptz'), col('updated_at', 'timestamptz'),
      ],
      rows: data.retrospectives.map((r) => [
        retroId(r.incidentKey), incidentId(r.incidentKey), template!.id, r.facilitator, r.attendees, r.scheduledAt, r.heldAt, r.status,
        r.submittedAt, 1, r.createdAt, latest(r.createdAt, r.heldAt, r.submittedAt),
      ]),
    },
    {
      name: 'retro_answers',
      columns: [col('retrospective_id', 'uuid'), col('question_key', 'text'), col('answer', 'text'), col('updated_at', 'timestamptz')],
      // Only questions the default template asks: an organisation may have changed it.
      rows: data.retrospectives.flatMap((r) =>
        r.answers
          .filter((a) => template!.questionKeys.has(a.questionKey))
          .map((a) => [retroId(r.incidentKey), a.questionKey, a.answer, latest(r.createdAt, r.heldAt, r.submittedAt)]),
      ),
    },
    {
      name: 'action_items',
      columns: [
        col('incident_id', 'uuid'), col('retrospective_id', 'uuid'), col('title', 'text'), col('description', 'text'), col('owner', 'text'),
        col('team_id', 'uuid'), col('priority', 'text'), col('due_date', 'date'), col('status', 'text'), col('completed_at', 'timestamptz'),
        col('external_url', 'text'), col('version', 'integer'), col('created_at', 'timestamptz'), col('updated_at', 'timestamptz'),
      ],
      rows: data.actionItems.map((a) => [
        incidentId(a.incidentKey), a.fromRetrospective ? retroId(a.incidentKey) : null, a.title, a.description, a.owner, teamId(a.team),
        a.priority, a.dueDate, a.status, a.completedAt, a.externalUrl, 1, a.createdAt, latest(a.createdAt, a.completedAt),
      ]),
    },
  ];
}

/**
 * One INSERT … SELECT FROM unnest(…) per batch: one array parameter per column whatever the row
 * count. Table and column names are the constants above; every value is a parameter.
 */
async function insertBatch(manager: EntityManager, table: Table, rows: unknown[][]): Promise<void> {
  const names = table.columns.map((c) => c.name);
  const isArray = (c: Column) => c.type.endsWith('[]');
  const unnestArgs = table.columns.map((c, i) => `$${i + 1}::${isArray(c) ? 'jsonb' : c.type}[]`);
  const select = table.columns.map((c) => (isArray(c) ? `ARRAY(SELECT jsonb_array_elements_text(u.${c.name}))` : `u.${c.name}`));
  const params = table.columns.map((c, i) => rows.map((row) => (isArray(c) ? JSON.stringify(row[i]) : row[i])));
  await manager.query(
    `INSERT INTO ${table.name} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${unnestArgs.join(', ')}) AS u(${names.join(', ')})`,
    params,
  );
}
