import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import type { Actor, ActorType } from '../common/actor.js';
import type { AuditChange, AuditContext } from './audit-change.js';
import { copyRows } from '../database/copy-rows.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';

/** One audit event as the list queries read it. */
export interface AuditEventRow {
  id: string;
  occurred_at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  entity_label: string | null;
  incident_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
  /** occurred_at to the microsecond, for the page cursor. */
  cursor_at: string;
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actorName?: string;
  actorType?: ActorType;
  actions?: string[];
  entityType?: string;
  entityId?: string;
  /** Incident uuid: its own events and its children's. */
  incidentId?: string;
}

export interface AuditCursor {
  /** occurred_at as PostgreSQL wrote it, to the microsecond. */
  occurredAt: string;
  id: string;
}

export type AuditOrder = 'newest' | 'oldest';

const SELECT_EVENT = `
  SELECT a.id, a.occurred_at, a.actor_type, a.actor_id, a.actor_name, a.action, a.entity_type, a.entity_id, a.entity_label,
         a.incident_id, a.before, a.after, a.request_id, a.ip,
         to_char(a.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
    FROM audit_events a`;


/**
 * Append-only writes to audit_events, in the caller's transaction so a change and its record commit
 * together; and the reads of the trail (every value a bind parameter).
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async record(actor: Actor, change: AuditChange, at: Date, context: AuditContext = {}): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_events (occurred_at, actor_type, actor_id, actor_name, action, entity_type, entity_id, entity_label, incident_id, before, after, request_id, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        at, actor.type, actor.id, actor.name, change.action, change.entityType, change.entityId, change.entityLabel, change.incidentId ?? null,
        change.before === undefined ? null : JSON.stringify(change.before),
        change.after === undefined ? null : JSON.stringify(change.after),
        context.requestId ?? null, context.ip ?? null,
      ],
    );
  }

  /** Many changes by one actor at one time, copied in one round trip (imports record one per written incident). */
  async recordMany(actor: Actor, changes: AuditChange[], at: Date, context: AuditContext = {}): Promise<void> {
    const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
    await copyRows(
      this.db.manager, 'audit_events',
      ['occurred_at', 'actor_type', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'entity_label', 'incident_id', 'before', 'after', 'request_id', 'ip'],
      changes.map((c) => [
        at, actor.type, actor.id, actor.name, c.action, c.entityType, c.entityId, c.entityLabel, c.incidentId ?? null, json(c.before), json(c.after),
        context.requestId ?? null, context.ip ?? null,
      ]),
    );
  }

  /** One page in (occurred_at, id) order, newest or oldest first, and the total matching the filter. */
  async list(filter: AuditFilter, order: AuditOrder, limit: number, after?: AuditCursor): Promise<{ rows: AuditEventRow[]; total: number }> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter.from) where.push(`a.occurred_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`a.occurred_at < ${param(filter.to)}`);
    if (filter.actorName !== undefined) where.push(`a.actor_name = ${param(filter.actorName)}`);
    if (filter.actorType !== undefined) where.push(`a.actor_type = ${param(filter.actorType)}`);
    if (filter.actions?.length) where.push(`a.action = ANY(${param(filter.actions)}::text[])`);
    if (filter.entityType !== undefined) where.push(`a.entity_type = ${param(filter.entityType)}`);
    if (filter.entityId !== undefined) where.push(`a.entity_id = ${param(filter.entityId)}`);
    if (filter.incidentId !== undefined) where.push(`a.incident_id = ${param(filter.incidentId)}::uuid`);
    const countSql = `SELECT count(*) AS total FROM audit_events a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const countParams = [...params];
    const direction = order === 'newest' ? 'DESC' : 'ASC';
    if (after) where.push(`(a.occurred_at, a.id) ${order === 'newest' ? '<' : '>'} (${param(after.occurredAt)}::timestamptz, ${param(after.id)}::bigint)`);
    const rows: AuditEventRow[] = await this.db.query(
      `${SELECT_EVENT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.occurred_at ${direction}, a.id ${direction} LIMIT ${param(limit)}`,
      params,
    );
    const count: { total: string }[] = await this.db.query(countSql, countParams);
    return { rows, total: Number(count[0].total) };
  }

  /**
   * The uuid of the incident with this id or key, also when it has since been deleted (its recorded
   * events still name it); null when neither the incidents nor the audit trail know it.
   */
  async resolveIncident(idOrKey: string): Promise<string | null> {
    const rows: { id: string }[] = UUID.test(idOrKey)
      ? await this.db.query(
          `SELECT id FROM incidents WHERE id = $1::uuid
           UNION ALL SELECT incident_id FROM audit_events WHERE incident_id = $1::uuid
           LIMIT 1`,
          [idOrKey],
        )
      : await this.db.query(
          `SELECT id FROM incidents WHERE upper(key) = $1
           UNION ALL SELECT incident_id FROM audit_events WHERE entity_type = 'incident' AND upper(entity_label) = $1 AND incident_id IS NOT NULL
           LIMIT 1`,
          [idOrKey.toUpperCase()],
        );
    return rows[0]?.id ?? null;
  }
}
