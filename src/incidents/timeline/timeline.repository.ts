import { Injectable } from '@nestjs/common';
import { Database } from '../../database/transactions.js';
import { updateRow } from '../../database/sql.js';
import type { TimelineEntryRow } from './timeline.mapper.js';
import type { TimelineKind } from './timeline-entry.entity.js';
import { UUID_PATTERN as UUID } from '../../common/uuid.js';

export interface NewTimelineEntry {
  incidentId: string;
  occurredAt: Date;
  kind: TimelineKind;
  author: string | null;
  body: string;
}

/** Column values of an entry as written; keys are column names chosen by the service, never by the client. */
export type TimelineEntryColumns = Record<string, unknown>;

const SELECT_ENTRY = `
  SELECT e.*, i.key AS incident_key
    FROM timeline_entries e
    JOIN incidents i ON i.id = e.incident_id`;


/** All SQL on incident timelines. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly db: Database) {}

  async insert(entry: NewTimelineEntry): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO timeline_entries (incident_id, occurred_at, kind, author, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [entry.incidentId, entry.occurredAt, entry.kind, entry.author, entry.body],
    );
    return rows[0].id;
  }

  /** An incident's entries in the order they happened; entries at the same instant in the order they were recorded. */
  async list(incidentId: string, kinds?: TimelineKind[]): Promise<TimelineEntryRow[]> {
    const params: unknown[] = [incidentId];
    let kindSql = '';
    if (kinds?.length) {
      params.push(kinds);
      kindSql = ` AND e.kind = ANY($2::text[])`;
    }
    return this.db.query(`${SELECT_ENTRY} WHERE e.incident_id = $1${kindSql} ORDER BY e.occurred_at, e.created_at, e.id`, params);
  }

  /** The entry, only when it belongs to that incident; an id that is not a uuid finds nothing. */
  async find(incidentId: string, entryId: string): Promise<TimelineEntryRow | null> {
    if (!UUID.test(entryId)) return null;
    const rows: TimelineEntryRow[] = await this.db.query(`${SELECT_ENTRY} WHERE e.id = $1::uuid AND e.incident_id = $2`, [entryId, incidentId]);
    return rows[0] ?? null;
  }

  async update(id: string, columns: TimelineEntryColumns): Promise<void> {
    await updateRow(this.db.manager, 'timeline_entries', id, columns);
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM timeline_entries WHERE id = $1`, [id]);
  }
}
