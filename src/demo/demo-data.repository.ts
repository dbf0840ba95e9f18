import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import type { DemoColumn, DemoTable, DemoTemplate } from './demo-data.rows.js';


/**
 * The SQL of demo data: the emptiness check and lookups it starts with, and the bulk inserts of the rows
 * that are not incidents (IncidentWriter writes those): teams, services, timelines, retrospectives, their
 * answers and action items. Runs in the caller's transaction.
 */
@Injectable()
export class DemoDataRepository {
  constructor(private readonly db: Database) {}

  /** Blocks concurrent writers of teams, services and incidents until the transaction ends, so that an emptiness check holds. */
  async lockForFilling(): Promise<void> {
    await this.db.query('LOCK TABLE teams, services, incidents IN SHARE ROW EXCLUSIVE MODE');
  }

  async countExisting(): Promise<{ incidents: number; teams: number; services: number }> {
    const [row]: { incidents: number; teams: number; services: number }[] = await this.db.query(
      `SELECT (SELECT count(*) FROM incidents)::int AS incidents, (SELECT count(*) FROM teams)::int AS teams,
              (SELECT count(*) FROM services)::int AS services`,
    );
    return row;
  }

  /** Severity levels (id, key, rank), most severe first. */
  severityLevels(): Promise<{ id: string; key: string; rank: number }[]> {
    return this.db.query(`SELECT id, key, rank FROM severity_levels ORDER BY rank`);
  }

  /** The newest default retrospective template, or null when none is marked default. */
  async defaultTemplate(): Promise<DemoTemplate | null> {
    const rows: { id: string; questions: { key: string }[] }[] = await this.db.query(
      `SELECT id, questions FROM retro_templates WHERE is_default ORDER BY version DESC LIMIT 1`,
    );
    return rows.length === 0 ? null : { id: rows[0].id, questionKeys: new Set(rows[0].questions.map((q) => q.key)) };
  }

  /** One batch of rows into one of the tables this repository writes (see insertBatch). */
  insert(table: DemoTable, rows: unknown[][]): Promise<void> {
    return insertBatch(this.db, table, rows);
  }
}

/**
 * One INSERT … SELECT FROM unnest(…) per batch: one array parameter per column whatever the row
 * count. Table and column names are the constants above; every value is a parameter.
 */
async function insertBatch(db: Database, table: DemoTable, rows: unknown[][]): Promise<void> {
  const names = table.columns.map((c) => c.name);
  const isArray = (c: DemoColumn) => c.type.endsWith('[]');
  const unnestArgs = table.columns.map((c, i) => `$${i + 1}::${isArray(c) ? 'jsonb' : c.type}[]`);
  const select = table.columns.map((c) => (isArray(c) ? `ARRAY(SELECT jsonb_array_elements_text(u.${c.name}))` : `u.${c.name}`));
  const params = table.columns.map((c, i) => rows.map((row) => (isArray(c) ? JSON.stringify(row[i]) : row[i])));
  await db.query(
    `INSERT INTO ${table.name} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${unnestArgs.join(', ')}) AS u(${names.join(', ')})`,
    params,
  );
}
