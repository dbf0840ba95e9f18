import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import type { RetroQuestion } from './retro-template.entity.js';
import type { RetroTemplateRow } from './retro.mapper.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';


/** All SQL on retrospective templates. Rows are never updated except for the default flag. */
@Injectable()
export class RetroTemplatesRepository {
  constructor(private readonly db: Database) {}

  /** Every version, or the latest version of each name plus the default; by name, newest version first. */
  list(allVersions: boolean): Promise<RetroTemplateRow[]> {
    return this.db.query(
      `SELECT t.* FROM retro_templates t
        WHERE $1 OR t.is_default OR t.version = (SELECT max(x.version) FROM retro_templates x WHERE x.name = t.name)
        ORDER BY t.name, t.version DESC`,
      [allVersions],
    );
  }

  /** By uuid (anything else finds nothing). */
  async find(id: string): Promise<RetroTemplateRow | null> {
    if (!UUID.test(id)) return null;
    const rows: RetroTemplateRow[] = await this.db.query(`SELECT * FROM retro_templates WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findDefault(): Promise<RetroTemplateRow | null> {
    const rows: RetroTemplateRow[] = await this.db.query(`SELECT * FROM retro_templates WHERE is_default ORDER BY created_at DESC LIMIT 1`);
    return rows[0] ?? null;
  }

  /** The highest version of `name`, serialising writers of that name until the transaction ends. */
  async lockLatestVersion(name: string): Promise<number | null> {
    await this.db.lock('retroTemplateName', name);
    const rows: { version: number | null }[] = await this.db.query(`SELECT max(version) AS version FROM retro_templates WHERE name = $1`, [name]);
    return rows[0].version;
  }

  async insert(template: { name: string; version: number; questions: RetroQuestion[] }): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO retro_templates (name, version, questions, is_default) VALUES ($1, $2, $3::jsonb, false) RETURNING id`,
      [template.name, template.version, JSON.stringify(template.questions)],
    );
    return rows[0].id;
  }

  /**
   * Makes `id` the one default. Writers of the flag are serialised first, so the statement sees every
   * committed change and two concurrent switches cannot leave two defaults.
   */
  async setDefault(id: string): Promise<void> {
    await this.db.lock('retroTemplateDefault');
    await this.db.query(`UPDATE retro_templates SET is_default = (id = $1) WHERE is_default <> (id = $1)`, [id]);
  }
}
