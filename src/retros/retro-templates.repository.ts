import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RetroQuestion } from './retro-template.entity.js';
import type { RetroTemplateRow } from './retro.mapper.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';


/** Advisory lock keys (first half) for template writes, held until the transaction ends. */
const LOCK_NAME = 727_101;
const LOCK_DEFAULT = 727_102;

/** All SQL on retrospective templates. Rows are never updated except for the default flag. */
@Injectable()
export class RetroTemplatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Every version, or the latest version of each name plus the default; by name, newest version first. */
  list(allVersions: boolean): Promise<RetroTemplateRow[]> {
    return this.dataSource.query(
      `SELECT t.* FROM retro_templates t
        WHERE $1 OR t.is_default OR t.version = (SELECT max(x.version) FROM retro_templates x WHERE x.name = t.name)
        ORDER BY t.name, t.version DESC`,
      [allVersions],
    );
  }

  /** By uuid (anything else finds nothing). */
  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<RetroTemplateRow | null> {
    if (!UUID.test(id)) return null;
    const rows: RetroTemplateRow[] = await manager.query(`SELECT * FROM retro_templates WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findDefault(manager: EntityManager = this.dataSource.manager): Promise<RetroTemplateRow | null> {
    const rows: RetroTemplateRow[] = await manager.query(`SELECT * FROM retro_templates WHERE is_default ORDER BY created_at DESC LIMIT 1`);
    return rows[0] ?? null;
  }

  /** The highest version of `name`, serialising writers of that name until the transaction ends. */
  async lockLatestVersion(manager: EntityManager, name: string): Promise<number | null> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_NAME, name]);
    const rows: { version: number | null }[] = await manager.query(`SELECT max(version) AS version FROM retro_templates WHERE name = $1`, [name]);
    return rows[0].version;
  }

  async insert(manager: EntityManager, template: { name: string; version: number; questions: RetroQuestion[] }): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO retro_templates (name, version, questions, is_default) VALUES ($1, $2, $3::jsonb, false) RETURNING id`,
      [template.name, template.version, JSON.stringify(template.questions)],
    );
    return rows[0].id;
  }

  /**
   * Makes `id` the one default. Writers of the flag are serialised first, so the statement sees every
   * committed change and two concurrent switches cannot leave two defaults.
   */
  async setDefault(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, 0)`, [LOCK_DEFAULT]);
    await manager.query(`UPDATE retro_templates SET is_default = (id = $1) WHERE is_default <> (id = $1)`, [id]);
  }
}
