import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findByName(name: string, manager: EntityManager = this.dataSource.manager): Promise<Team | null> {
    return manager.findOne(Team, { where: { name } });
  }

  /**
   * The id of the team with exactly this name, holding a `FOR KEY SHARE` lock until the caller's
   * transaction ends, so that the team cannot be deleted before the caller's reference to it is written.
   */
  async findIdByNameForReference(manager: EntityManager, name: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM teams WHERE name = $1 FOR KEY SHARE`, [name]);
    return rows[0]?.id ?? null;
  }

  async list(): Promise<TeamRow[]> {
    return this.dataSource.query(`${SELECT_TEAM} ORDER BY lower(t.name), t.name, t.id`);
  }

  /** By uuid or by exact name; `forUpdate` locks the row until the transaction ends. */
  async find(idOrName: string, manager: EntityManager = this.dataSource.manager, forUpdate = false): Promise<TeamRow | null> {
    const rows: TeamRow[] = await manager.query(
      `${SELECT_TEAM} WHERE ${UUID.test(idOrName) ? 't.id = $1::uuid' : 't.name = $1'}${forUpdate ? ' FOR UPDATE OF t' : ''}`,
      [idOrName],
    );
    return rows[0] ?? null;
  }

  /**
   * Serialises writes to teams until the caller's transaction ends, so that checking a name is free
   * and then writing it cannot race another writer.
   */
  async lockWrites(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('hindsight.teams'))`);
  }

  /** The name of another team whose name equals `name` ignoring case, if any. */
  async findNameHolder(manager: EntityManager, name: string, exceptId: string | null): Promise<string | null> {
    const rows: { name: string }[] = await manager.query(
      `SELECT name FROM teams WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [name, exceptId],
    );
    return rows[0]?.name ?? null;
  }

  /** The new id, or null when another writer took the name first (nothing is written then). */
  async insert(manager: EntityManager, columns: TeamColumns): Promise<string | null> {
    return insertRow(manager, 'teams', columns, { onConflict: 'ON CONFLICT DO NOTHING' });
  }

  async update(manager: EntityManager, id: string, columns: TeamColumns): Promise<void> {
    await updateRow(manager, 'teams', id, columns);
  }

  /** What still refers to the team. Deleting it would silently clear these references, so the service refuses. */
  async usage(manager: EntityManager, id: string): Promise<TeamUsage> {
    const rows: { incidents: number; services: number; action_items: number }[] = await manager.query(
      `SELECT (SELECT count(*) FROM incidents WHERE owning_team_id = $1)::int AS incidents,
              (SELECT count(*) FROM services WHERE owning_team_id = $1)::int AS services,
              (SELECT count(*) FROM action_items WHERE team_id = $1)::int AS action_items`,
      [id],
    );
    return { incidents: rows[0].incidents, services: rows[0].services, actionItems: rows[0].action_items };
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM teams WHERE id = $1`, [id]);
  }
}
