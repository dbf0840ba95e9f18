import { Injectable } from '@nestjs/common';
import { idsByNameIgnoringCase, insertNamed } from '../database/named-rows.js';
import { Database } from '../database/transactions.js';
import { insertRow, updateRow } from '../database/sql.js';
import type { TeamRow } from './team.mapper.js';
import { Team } from './team.entity.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';

/** Column values of a team as written; keys are column names chosen by the service, never by the client. */
export type TeamColumns = Record<string, unknown>;

export interface TeamUsage {
  incidents: number;
  services: number;
  actionItems: number;
}

/** Each team with what it owns, counted in the same query (no query per team). */
const SELECT_TEAM = `
  SELECT t.*,
         (SELECT count(*) FROM services s WHERE s.owning_team_id = t.id)::int AS service_count,
         (SELECT count(*) FROM incidents i WHERE i.owning_team_id = t.id)::int AS incident_count
    FROM teams t`;


/** All SQL on teams. */
@Injectable()
export class TeamsRepository {
  constructor(private readonly db: Database) {}

  /** Ids of the teams named like these (ignoring case, an exact spelling preferred), by the name asked for. */
  idsByName(names: readonly string[]): Promise<Map<string, string>> {
    return idsByNameIgnoringCase(this.db, 'teams', names);
  }

  /** Creates teams with these names, under the write lock, except those that exist by now; the ids of all, by name. */
  async createNamed(names: readonly string[]): Promise<Map<string, string>> {
    await this.db.lock('teams');
    const existing = await this.idsByName(names);
    for (const [name, id] of await insertNamed(this.db, 'teams', names.filter((n) => !existing.has(n)))) existing.set(name, id);
    return existing;
  }

  findByName(name: string): Promise<Team | null> {
    return this.db.manager.findOne(Team, { where: { name } });
  }

  /**
   * The id of the team with exactly this name, holding a `FOR KEY SHARE` lock until the caller's
   * transaction ends, so that the team cannot be deleted before the caller's reference to it is written.
   */
  async findIdByNameForReference(name: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM teams WHERE name = $1 FOR KEY SHARE`, [name]);
    return rows[0]?.id ?? null;
  }

  async list(): Promise<TeamRow[]> {
    return this.db.query(`${SELECT_TEAM} ORDER BY lower(t.name), t.name, t.id`);
  }

  /** By uuid or by exact name; `forUpdate` locks the row until the transaction ends. */
  async find(idOrName: string, forUpdate = false): Promise<TeamRow | null> {
    const rows: TeamRow[] = await this.db.query(
      `${SELECT_TEAM} WHERE ${UUID.test(idOrName) ? 't.id = $1::uuid' : 't.name = $1'}${forUpdate ? ' FOR UPDATE OF t' : ''}`,
      [idOrName],
    );
    return rows[0] ?? null;
  }

  /**
   * Serialises writes to teams until the caller's transaction ends, so that checking a name is free
   * and then writing it cannot race another writer.
   */
  async lockWrites(): Promise<void> {
    await this.db.lock('teams');
  }

  /** The name of another team whose name equals `name` ignoring case, if any. */
  async findNameHolder(name: string, exceptId: string | null): Promise<string | null> {
    const rows: { name: string }[] = await this.db.query(
      `SELECT name FROM teams WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [name, exceptId],
    );
    return rows[0]?.name ?? null;
  }

  /** The new id, or null when another writer took the name first (nothing is written then). */
  async insert(columns: TeamColumns): Promise<string | null> {
    return insertRow(this.db.manager, 'teams', columns, { onConflict: 'ON CONFLICT DO NOTHING' });
  }

  async update(id: string, columns: TeamColumns): Promise<void> {
    await updateRow(this.db.manager, 'teams', id, columns);
  }

  /** What still refers to the team. Deleting it would silently clear these references, so the service refuses. */
  async usage(id: string): Promise<TeamUsage> {
    const rows: { incidents: number; services: number; action_items: number }[] = await this.db.query(
      `SELECT (SELECT count(*) FROM incidents WHERE owning_team_id = $1)::int AS incidents,
              (SELECT count(*) FROM services WHERE owning_team_id = $1)::int AS services,
              (SELECT count(*) FROM action_items WHERE team_id = $1)::int AS action_items`,
      [id],
    );
    return { incidents: rows[0].incidents, services: rows[0].services, actionItems: rows[0].action_items };
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM teams WHERE id = $1`, [id]);
  }
}
