import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import { SqlParams } from '../database/sql-params.js';
import type { IncidentFilter } from './incident-filter.js';
import { incidentFilterSql } from './incident-filter.sql.js';
import type { IncidentRow, SeverityChangeRow } from './incident.mapper.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';

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

/** The SQL that reads incidents and their severity history, and deletes them (IncidentWritesRepository writes them). */
@Injectable()
export class IncidentsRepository {
  constructor(private readonly db: Database) {}

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM incidents WHERE id = $1`, [id]);
  }

  /**
   * By uuid or by key (`INC-2026-0042`); `forUpdate` locks the row until the transaction ends.
   * The lock is taken on the incident alone, then the row is read with its joins: a `FOR UPDATE OF i` on the
   * joined query, woken by a concurrent writer's commit, re-checks the new row against the severity and team
   * rows it had joined before, and when that writer changed the severity it found nothing (a false 404).
   */
  async find(idOrKey: string, forUpdate = false): Promise<IncidentRow | null> {
    const column = UUID.test(idOrKey) ? 'i.id' : 'upper(i.key)';
    const value = UUID.test(idOrKey) ? idOrKey : idOrKey.toUpperCase();
    if (forUpdate) {
      const locked: { id: string }[] = await this.db.query(`SELECT i.id FROM incidents i WHERE ${column} = $1 FOR UPDATE`, [value]);
      if (locked.length === 0) return null;
      const rows: IncidentRow[] = await this.db.query(`${SELECT_INCIDENT} WHERE i.id = $1`, [locked[0].id]);
      return rows[0] ?? null;
    }
    const rows: IncidentRow[] = await this.db.query(`${SELECT_INCIDENT} WHERE ${column} = $1`, [value]);
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

  /** One page, newest first, and the total matching the filter (severities: the current severity). */
  async list(filter: IncidentFilter, limit: number, after?: IncidentCursor): Promise<{ rows: IncidentRow[]; total: number }> {
    const params = new SqlParams();
    const where = incidentFilterSql(filter, { incident: 'i', severity: 's', team: 't' }, params);
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params.values];
    const pageWhere = [...where];
    if (after) pageWhere.push(`(i.started_at, i.id) < (${params.add(after.startedAt)}, ${params.add(after.id)}::uuid)`);
    const rows: IncidentRow[] = await this.db.query(
      `${SELECT_INCIDENT} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY i.started_at DESC, i.id DESC LIMIT ${params.add(limit)}`,
      params.values,
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
