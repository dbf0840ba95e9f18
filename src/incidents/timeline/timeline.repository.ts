import { Injectable } from '@nestjs/common';
import { Database } from '../../database/transactions.js';
import { updateRow } from '../../database/sql.js';
import { SqlParams } from '../../database/sql-params.js';
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

/** Where the previous page ended: its last entry's occurred_at and created_at as PostgreSQL wrote them (to the microsecond), and its id. */
export interface TimelineCursor {
  occurredAt: string;
  createdAt: string;
  id: string;
}

/** A listed entry with its sort position as text to the microsecond, for the page cursor. */
export interface TimelinePageRow extends TimelineEntryRow {
  cursor_at: string;
  cursor_recorded_at: string;
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

  /**
   * At most `limit` of an incident's entries after `after`, in the order they happened; entries at the same
   * instant in the order they were recorded (occurred_at, created_at, id).
   */
  async list(incidentId: string, kinds: TimelineKind[] | undefined, limit: number, after?: TimelineCursor): Promise<TimelinePageRow[]> {
    const params = new SqlParams();
    const where = [`e.incident_id = ${params.add(incidentId)}`];
    if (kinds?.length) where.push(`e.kind = ANY(${params.add(kinds)}::text[])`);
    if (after) {
      where.push(`(e.occurred_at, e.created_at, e.id) > (${params.add(after.occurredAt)}::timestamptz, ${params.add(after.createdAt)}::timestamptz, ${params.add(after.id)}::uuid)`);
    }
    return this.db.query(
      `SELECT e.*, i.key AS incident_key,
              to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
              to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_recorded_at
         FROM timeline_entries e
         JOIN incidents i ON i.id = e.incident_id
        WHERE ${where.join(' AND ')}
        ORDER BY e.occurred_at, e.created_at, e.id
        LIMIT ${params.add(limit)}`,
      params.values,
    );
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
