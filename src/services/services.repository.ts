import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { insertRow, updateRow } from '../database/sql.js';
import type { ServiceRow } from './service.mapper.js';
import { Service, type ServiceKind } from './service.entity.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';

/** Column values of a service as written; keys are column names chosen by the service layer, never by the client. */
export type ServiceColumns = Record<string, unknown>;

export interface ServiceFilter {
  kind?: ServiceKind;
  /** Exact name of the owning team. */
  team?: string;
}

const SELECT_SERVICE = `
  SELECT s.*, t.name AS owning_team_name
    FROM services s
    LEFT JOIN teams t ON t.id = s.owning_team_id`;


/** All SQL on services (the ownership table). */
@Injectable()
export class ServicesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findByNames(names: string[], manager: EntityManager = this.dataSource.manager): Promise<Service[]> {
    if (names.length === 0) return Promise.resolve([]);
    return manager.find(Service, { where: { name: In(names) } });
  }

  async list(filter: ServiceFilter): Promise<ServiceRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.kind !== undefined) {
      params.push(filter.kind);
      where.push(`s.kind = $${params.length}`);
    }
    if (filter.team !== undefined) {
      params.push(filter.team);
      where.push(`t.name = $${params.length}`);
    }
    return this.dataSource.query(`${SELECT_SERVICE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(s.name), s.name, s.id`, params);
  }

  /** By uuid or by exact name; `forUpdate` locks the row until the transaction ends. */
  async find(idOrName: string, manager: EntityManager = this.dataSource.manager, forUpdate = false): Promise<ServiceRow | null> {
    const rows: ServiceRow[] = await manager.query(
      `${SELECT_SERVICE} WHERE ${UUID.test(idOrName) ? 's.id = $1::uuid' : 's.name = $1'}${forUpdate ? ' FOR UPDATE OF s' : ''}`,
      [idOrName],
    );
    return rows[0] ?? null;
  }

  /**
   * Serialises writes to services until the caller's transaction ends, so that checking a name is
   * free and then writing it cannot race another writer.
   */
  async lockWrites(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('hindsight.services'))`);
  }

  /** The name of another service whose name equals `name` ignoring case, if any. */
  async findNameHolder(manager: EntityManager, name: string, exceptId: string | null): Promise<string | null> {
    const rows: { name: string }[] = await manager.query(
      `SELECT name FROM services WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [name, exceptId],
    );
    return rows[0]?.name ?? null;
  }

  /** The new id, or null when another writer took the name first (nothing is written then). */
  async insert(manager: EntityManager, columns: ServiceColumns): Promise<string | null> {
    return insertRow(manager, 'services', columns, { onConflict: 'ON CONFLICT DO NOTHING' });
  }

  async update(manager: EntityManager, id: string, columns: ServiceColumns): Promise<void> {
    await updateRow(manager, 'services', id, columns);
  }

  /** How many incidents list the service as affected. */
  async incidentCount(manager: EntityManager, id: string): Promise<number> {
    const rows: { count: number }[] = await manager.query(`SELECT count(*)::int AS count FROM incident_services WHERE service_id = $1`, [id]);
    return rows[0].count;
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM services WHERE id = $1`, [id]);
  }
}
