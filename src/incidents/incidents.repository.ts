import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { insertRow, updateRow } from '../database/sql.js';
import { SqlParams } from '../database/sql-params.js';
import type { IncidentFilter } from './incident-filter.js';
import { incidentFilterSql } from './incident-filter.sql.js';
import type { IncidentRow, SeverityChangeRow } from './incident.mapper.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';

/** Column values of an incident as written; keys are column names. */
export type IncidentColumns = Record<string, unknown>;

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

/** All SQL on incidents, their service links, key counters and severity history. */
@Injectable()
export class IncidentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Next `INC-<year>-<seq>`: a per-year counter incremented in the caller's transaction. */
  async nextKey(manager: EntityManager, year: number): Promise<string> {
    const rows: { last_seq: number }[] = await manager.query(
      `INSERT INTO incident_key_counters (year, last_seq) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_seq = incident_key_counters.last_seq + 1
       RETURNING last_seq`,
      [year],
    );
    return `INC-${year}-${String(rows[0].last_seq).padStart(4, '0')}`;
  }

  async insert(manager: EntityManager, columns: IncidentColumns): Promise<string> {
    return (await insertRow(manager, 'incidents', columns, { versioned: true }))!;
  }

  /** Writes the changed columns and bumps the version. */
  async update(manager: EntityManager, id: string, columns: IncidentColumns): Promise<void> {
    await updateRow(manager, 'incidents', id, columns, { versioned: true });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM incidents WHERE id = $1`, [id]);
  }

  async replaceServices(manager: EntityManager, incidentId: string, serviceIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM incident_services WHERE incident_id = $1`, [incidentId]);
    if (serviceIds.length > 0) {
      await manager.query(
        `INSERT INTO incident_services (incident_id, service_id) SELECT $1, unnest($2::uuid[])`,
        [incidentId, serviceIds],
      );
    }
  }

  /** By uuid or by key (`INC-2026-0042`); `forUpdate` locks the row until the transaction ends. */
  async find(idOrKey: string, manager: EntityManager = this.dataSource.manager, forUpdate = false): Promise<IncidentRow | null> {
    const column = UUID.test(idOrKey) ? 'i.id' : 'upper(i.key)';
    const value = UUID.test(idOrKey) ? idOrKey : idOrKey.toUpperCase();
    const rows: IncidentRow[] = await manager.query(
      `${SELECT_INCIDENT} WHERE ${column} = $1${forUpdate ? ' FOR UPDATE OF i' : ''}`,
      [value],
    );
    return rows[0] ?? null;
  }

  /** The incidents with these uuids, in no particular order. */
  async findMany(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<IncidentRow[]> {
    if (ids.length === 0) return [];
    return manager.query(`${SELECT_INCIDENT} WHERE i.id = ANY($1::uuid[])`, [ids]);
  }

  async findIdBySourceExternalId(manager: EntityManager, source: string, externalId: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM incidents WHERE source = $1 AND external_id = $2`, [source, externalId]);
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
    const rows: IncidentRow[] = await this.dataSource.query(
      `${SELECT_INCIDENT} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY i.started_at DESC, i.id DESC LIMIT ${params.add(limit)}`,
      params.values,
    );
    const count: { total: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total FROM incidents i
         JOIN severity_levels s ON s.id = i.severity_id LEFT JOIN teams t ON t.id = i.owning_team_id ${filterSql}`,
      countParams,
    );
    return { rows, total: Number(count[0].total) };
  }

  async insertSeverityChange(
    manager: EntityManager,
    change: { incidentId: string; fromSeverityId: string | null; toSeverityId: string; changedAt: Date; changedBy: string | null; reason: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO severity_changes (incident_id, from_severity_id, to_severity_id, changed_at, changed_by, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
      [change.incidentId, change.fromSeverityId, change.toSeverityId, change.changedAt, change.changedBy, change.reason],
    );
  }

  async severityHistory(incidentId: string): Promise<SeverityChangeRow[]> {
    return this.dataSource.query(
      `SELECT c.id, f.key AS from_key, t.key AS to_key, c.changed_at, c.changed_by, c.reason
         FROM severity_changes c LEFT JOIN severity_levels f ON f.id = c.from_severity_id JOIN severity_levels t ON t.id = c.to_severity_id
        WHERE c.incident_id = $1 ORDER BY c.changed_at, c.created_at`,
      [incidentId],
    );
  }
}
