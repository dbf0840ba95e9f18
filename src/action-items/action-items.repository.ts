import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import { insertRow, updateRow } from '../database/sql.js';
import type { ActionItemPriority, ActionItemStatus } from './action-item.entity.js';
import { OPEN_STATUSES } from './action-item-rules.js';
import type { ActionItemRow } from './action-item.mapper.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';

/** Column values of an action item as written; keys are column names chosen by the service. */
export type ActionItemColumns = Record<string, unknown>;

export interface ActionItemFilter {
  /** Incident uuid or key. */
  incident?: string;
  teams?: string[];
  statuses?: ActionItemStatus[];
  priorities?: ActionItemPriority[];
  owner?: string;
  /** true: only overdue items, false: only the others, both judged against `today`. */
  overdue?: boolean;
  /** `YYYY-MM-DD` in the reporting time zone. */
  today: string;
}

export interface ActionItemCursor {
  /** created_at as PostgreSQL wrote it, to the microsecond. */
  createdAt: string;
  id: string;
}

const SELECT_ACTION_ITEM = `
  SELECT a.id, a.incident_id, i.key AS incident_key, a.retrospective_id, a.title, a.description, a.owner, a.team_id,
         t.name AS team_name, a.priority, a.due_date::text AS due_date, a.status, a.completed_at, a.external_url, a.version,
         a.created_at, a.updated_at, to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
    FROM action_items a
    JOIN incidents i ON i.id = a.incident_id
    LEFT JOIN teams t ON t.id = a.team_id`;


/** The overdue rule of action-item-rules.ts `isOverdue`, in SQL; `today` is a parameter placeholder. */
const overdueSql = (today: string) =>
  `(a.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) AND a.due_date IS NOT NULL AND a.due_date < ${today}::date)`;

/** All SQL on action items. */
@Injectable()
export class ActionItemsRepository {
  constructor(private readonly db: Database) {}

  async insert(columns: ActionItemColumns): Promise<string> {
    return (await insertRow(this.db.manager, 'action_items', columns, { versioned: true }))!;
  }

  /** Writes the changed columns and bumps the version. */
  async update(id: string, columns: ActionItemColumns): Promise<void> {
    await updateRow(this.db.manager, 'action_items', id, columns, { versioned: true });
  }

  async delete(id: string): Promise<void> {
    await this.db.query(`DELETE FROM action_items WHERE id = $1`, [id]);
  }

  /** By uuid (anything else finds nothing); `forUpdate` locks the row until the transaction ends. */
  async find(id: string, forUpdate = false): Promise<ActionItemRow | null> {
    if (!UUID.test(id)) return null;
    const rows: ActionItemRow[] = await this.db.query(`${SELECT_ACTION_ITEM} WHERE a.id = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** One page, newest first, and the total matching the filter. */
  async list(filter: ActionItemFilter, limit: number, after?: ActionItemCursor): Promise<{ rows: ActionItemRow[]; total: number }> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter.incident !== undefined) {
      where.push(UUID.test(filter.incident) ? `a.incident_id = ${param(filter.incident)}::uuid` : `upper(i.key) = ${param(filter.incident.toUpperCase())}`);
    }
    if (filter.teams?.length) where.push(`t.name = ANY(${param(filter.teams)}::text[])`);
    if (filter.statuses?.length) where.push(`a.status = ANY(${param(filter.statuses)}::text[])`);
    if (filter.priorities?.length) where.push(`a.priority = ANY(${param(filter.priorities)}::text[])`);
    if (filter.owner !== undefined) where.push(`lower(a.owner) = lower(${param(filter.owner)})`);
    if (filter.overdue !== undefined) where.push(`${filter.overdue ? '' : 'NOT '}${overdueSql(param(filter.today))}`);
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const pageWhere = [...where];
    if (after) pageWhere.push(`(a.created_at, a.id) < (${param(after.createdAt)}::timestamptz, ${param(after.id)}::uuid)`);
    const rows: ActionItemRow[] = await this.db.query(
      `${SELECT_ACTION_ITEM} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY a.created_at DESC, a.id DESC LIMIT ${param(limit)}`,
      params,
    );
    const count: { total: string }[] = await this.db.query(
      `SELECT count(*) AS total FROM action_items a JOIN incidents i ON i.id = a.incident_id LEFT JOIN teams t ON t.id = a.team_id ${filterSql}`,
      countParams,
    );
    return { rows, total: Number(count[0].total) };
  }
}
