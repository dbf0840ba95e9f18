import { Injectable } from '@nestjs/common';
import { idsByNameIgnoringCase, insertNamed } from '../database/named-rows.js';
import { Database } from '../database/transactions.js';
import { insertRow, updateRow } from '../database/sql.js';
import type { ServiceRow } from './service.mapper.js';
import type { ServiceKind } from './service.entity.js';
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
  constructor(private readonly db: Database) {}

  /** Ids of the services named like these (ignoring case, an exact spelling preferred), by the name asked for. */
  idsByName(names: readonly string[]): Promise<Map<string, string>> {
    return idsByNameIgnoringCase(this.db, 'services', names);
  }

  /** Creates services with these names, under the write lock, except those that exist by now; the ids of all, by name. */
  async createNamed(names: readonly string[]): Promise<Map<string, string>> {
    await this.db.lock('services');
    const existing = await this.idsByName(names);
    for (const [name, id] of await insertNamed(this.db, 'services', names.filter((n) => !existing.has(n)))) existing.set(name, id);
    return existing;
  }

  /** The services with these exact names, each holding a `FOR KEY SHARE` lock until the caller's transaction ends (they cannot be deleted meanwhile). */
  async findByNamesForReference(names: string[]): Promise<{ id: string; name: string }[]> {
    if (names.length === 0) return [];
    return this.db.query(`SELECT id, name FROM services WHERE name = ANY($1::text[]) FOR KEY SHARE`, [names]);
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
    return this.db.query(`${SELECT_SERVICE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(s.name), s.name, s.id`, params);
  }

  /** By uuid or by exact name; `forUpdate` locks the row until the transaction ends. */
  async find(idOrName: string, forUpdate = false): Promise<ServiceRow | null> {
    const rows: ServiceRow[] = await this.db.query(
      `${SELECT_SERVICE} WHERE ${UUID.test(idOrName) ? 's.id = $1::uuid' : 's.name = $1'}${forUpdate ? ' FOR UPDATE OF s' : ''}`,
      [idOrName],
    );
    return rows[0] ?? null;
  }

  /**
   * Serialises writes to services until the caller's transaction ends, so that checking a name is
   * free and then writing it cannot race another writer.
   */
  async lockWrites(): Promise<void> {
    await this.db.lock('services');
  }

  /** The name of another service whose name equals `name` ignoring case, if any. */
  async findNameHolder(name: string, exceptId: string | null): Promise<string | null> {
    const rows: { name: string }[] = await this.db.query(
      `SELECT name FROM services WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [name, exceptId],
    );
    return rows[0]?.name ?? null;
  }

  /** The new id, or null when another writer took the name first (nothing is written then). */
  async insert(columns: ServiceColumns): Promise<string | null> {
    return insertRow(this.db.manager, 'services', columns, { onConflict: 'ON CONFLICT DO NOTHING' });
  }

  async update(id: string, columns: ServiceColumns): Promise<void> {
    await updateRow(this.db.manager, 'services', id, columns);
  }

  /** How many incidents list the service as affected. */
  async incidentCount(id: string): Promise<number> {
    const rows: { count: number }[] = await this.db.query(`SELECT count(*)::int AS count FROM incident_services WHERE service_id = $1`, [id]);
    return rows[0].count;
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM services WHERE id = $1`, [id]);
  }
}
