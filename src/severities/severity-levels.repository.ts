import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import { insertRow, updateRow } from '../database/sql.js';
import { SeverityLevel } from './severity-level.entity.js';

/** Column values of a severity level as written; keys are column names chosen by the service, never by the client. */
export type SeverityLevelColumns = Record<string, unknown>;

export interface SeverityLevelUsage {
  incidents: number;
  severityChanges: number;
}

/** All SQL on severity levels. */
@Injectable()
export class SeverityLevelsRepository {
  constructor(private readonly db: Database) {}

  list(): Promise<SeverityLevel[]> {
    return this.db.manager.find(SeverityLevel, { order: { rank: 'ASC' } });
  }

  findByKey(key: string): Promise<SeverityLevel | null> {
    return this.db.manager.findOne(SeverityLevel, { where: { key } });
  }

  findById(id: string): Promise<SeverityLevel | null> {
    return this.db.manager.findOne(SeverityLevel, { where: { id } });
  }

  /** `SELECT … FOR UPDATE`: the row stays locked until the caller's transaction ends. */
  findByKeyForUpdate(key: string): Promise<SeverityLevel | null> {
    return this.db.manager.findOne(SeverityLevel, { where: { key }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Serialises writes to severity levels until the caller's transaction ends, so that checking a key
   * or rank is free and then writing it cannot race another writer.
   */
  async lockWrites(): Promise<void> {
    await this.db.lock('severityLevels');
  }

  /** The key of another level whose key equals `key` ignoring case, if any. */
  async findKeyHolder(key: string, exceptId: string | null): Promise<string | null> {
    const rows: { key: string }[] = await this.db.query(
      `SELECT key FROM severity_levels WHERE lower(key) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [key, exceptId],
    );
    return rows[0]?.key ?? null;
  }

  /** The key of another level with this rank, if any. */
  async findRankHolder(rank: number, exceptId: string | null): Promise<string | null> {
    const rows: { key: string }[] = await this.db.query(
      `SELECT key FROM severity_levels WHERE rank = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [rank, exceptId],
    );
    return rows[0]?.key ?? null;
  }

  /** The new id, or null when another writer took the key or rank first (nothing is written then). */
  async insert(columns: SeverityLevelColumns): Promise<string | null> {
    return insertRow(this.db.manager, 'severity_levels', columns, { versioned: true, onConflict: 'ON CONFLICT DO NOTHING' });
  }

  /** Writes the changed columns and bumps the version. */
  async update(id: string, columns: SeverityLevelColumns): Promise<void> {
    await updateRow(this.db.manager, 'severity_levels', id, columns, { versioned: true });
  }

  /** What still refers to the level: incidents (current or peak severity) and severity history. */
  async usage(id: string): Promise<SeverityLevelUsage> {
    const rows: { incidents: number; severity_changes: number }[] = await this.db.query(
      `SELECT (SELECT count(*) FROM incidents WHERE severity_id = $1 OR peak_severity_id = $1)::int AS incidents,
              (SELECT count(*) FROM severity_changes WHERE from_severity_id = $1 OR to_severity_id = $1)::int AS severity_changes`,
      [id],
    );
    return { incidents: rows[0].incidents, severityChanges: rows[0].severity_changes };
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM severity_levels WHERE id = $1`, [id]);
  }
}
