import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import type { IncidentStatus } from './milestones.js';
import type { IncidentRow, SeverityChangeRow } from './incident.mapper.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';

export interface IncidentFilter {
  from?: Date;
  to?: Date;
  severities?: string[];
  services?: string[];
  teams?: string[];
  statuses?: IncidentStatus[];
  tags?: string[];
  sources?: string[];
  text?: string;
}

export interface IncidentCursor {
  startedAt: Date;
  id: string;
}

const SELECT_INCIDENT = `
  SELECT i.*, s.key AS severity_key, p.key AS peak_severity_key, t.name AS owning_team_name,
         COALESCE((SELECT array_agg(sv.name ORDER BY sv.name) FROM incident_services x JOIN services sv ON sv.id = x.service_id
                   WHERE x.incident_id = i.id), '{}') AS service_names
    FROM incidents i
    JOIN severity_levels s ON s.id = i.severity_id
    JOIN severity_levels p ON p.id = i.peak_severity_id
    LEFT JOIN teams t ON t.id = i.owning_team_id`;

const STATUS_SQL: Record<IncidentStatus, string> = {
  active: '(i.mitigated_at IS NULL AND i.resolved_at IS NULL AND i.retro_done_at IS NULL)',
  mitigated: '(i.mitigated_at IS NOT NULL AND i.resolved_at IS NULL AND i.retro_done_at IS NULL)',
  resolved: '(i.resolved_at IS NOT NULL AND i.retro_done_at IS NULL)',
  closed: '(i.retro_done_at IS NOT NULL)',
};


/** The SQL that reads incidents and their severity history, and deletes them (IncidentWritesRepository writes them). */
@Injectable()
export class IncidentsRepository {
  constructor(private readonly db: Database) {}

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM incidents WHERE id = $1`, [id]);
  }

  /** By uuid or by key (`INC-2026-0042`); `forUpdate` locks the row until the transaction ends. */
  async find(idOrKey: string, forUpdate = false): Promise<IncidentRow | null> {
    const column = UUID.test(idOrKey) ? 'i.id' : 'upper(i.key)';
    const value = UUID.test(idOrKey) ? idOrKey : idOrKey.toUpperCase();
    const rows: IncidentRow[] = await this.db.query(
      `${SELECT_INCIDENT} WHERE ${column} = $1${forUpdate ? ' FOR UPDATE OF i' : ''}`,
      [value],
    );
    return rows[0] ?? null;
  }

  /** The incidents with these uuids, in no particular order. */
  async findMany(ids: string[]): Promise<IncidentRow[]> {
    if (ids.length === 0) return [];
    return this.db.query(`${SELECT_INCIDENT} WHERE i.id = ANY($1::uuid[])`, [ids]);
  }

  async findIdBySourceExternalId(source: string, externalId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM incidents WHERE source = $1 AND external_id = $2`, [source, externalId]);
    return rows[0]?.id ?? null;
  }

  /** One page, newest first, and the total matching the filter. */
  async list(filter: IncidentFilter, limit: number, after?: IncidentCursor): Promise<{ rows: IncidentRow[]; total: number }> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter.from) where.push(`i.started_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`i.started_at < ${param(filter.to)}`);
    if (filter.severities?.length) where.push(`s.key = ANY(${param(filter.severities)}::text[])`);
    if (filter.teams?.length) where.push(`t.name = ANY(${param(filter.teams)}::text[])`);
    if (filter.sources?.length) where.push(`i.source = ANY(${param(filter.sources)}::text[])`);
    if (filter.tags?.length) where.push(`i.tags @> ${param(filter.tags)}::text[]`);
    if (filter.services?.length) {
      where.push(`EXISTS (SELECT 1 FROM incident_services x JOIN services sv ON sv.id = x.service_id
                          WHERE x.incident_id = i.id AND sv.name = ANY(${param(filter.services)}::text[]))`);
    }
    if (filter.statuses?.length) where.push(`(${filter.statuses.map((s) => STATUS_SQL[s]).join(' OR ')})`);
    if (filter.text) {
      const pattern = param(`%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(i.key ILIKE ${pattern} OR i.title ILIKE ${pattern} OR i.functionality ILIKE ${pattern} OR i.customer_impact ILIKE ${pattern})`);
    }
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const pageWhere = [...where];
    if (after) pageWhere.push(`(i.started_at, i.id) < (${param(after.startedAt)}, ${param(after.id)}::uuid)`);
    const rows: IncidentRow[] = await this.db.query(
      `${SELECT_INCIDENT} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY i.started_at DESC, i.id DESC LIMIT ${param(limit)}`,
      params,
    );
    const count: { total: string }[] = await this.db.query(
      `SELECT count(*) AS total FROM incidents i
         JOIN severity_levels s ON s.id = i.severity_id LEFT JOIN teams t ON t.id = i.owning_team_id ${filterSql}`,
      countParams,
    );
    return { rows, total: Number(count[0].total) };
  }

  async severityHistory(incidentId: string): Promise<SeverityChangeRow[]> {
    return this.db.query(
      `SELECT c.id, f.key AS from_key, t.key AS to_key, c.changed_at, c.changed_by, c.reason
         FROM severity_changes c LEFT JOIN severity_levels f ON f.id = c.from_severity_id JOIN severity_levels t ON t.id = c.to_severity_id
        WHERE c.incident_id = $1 ORDER BY c.changed_at, c.created_at`,
      [incidentId],
    );
  }
}
