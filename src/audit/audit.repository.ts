import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';

/** One change to record: what happened to which thing, with the values before and after. */
export interface AuditChange {
  /** `<entity>.<verb>`: `incident.create`, `incident.update`, `token.revoke`, `user.sign_in_failed`… */
  action: string;
  entityType: string;
  entityId: string | null;
  /** A human handle: incident key, team name, token name, username. */
  entityLabel: string | null;
  /** The incident the change belongs to, for the incident's own history. */
  incidentId?: string | null;
  /** The entity's API representation before and after (null on create / delete). Never secrets. */
  before?: unknown;
  after?: unknown;
}

/** Request details worth keeping with a change made over HTTP. */
export interface AuditContext {
  requestId?: string | null;
  ip?: string | null;
}

/** Append-only writes to audit_events, in the caller's transaction so a change and its record commit together. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: Actor, change: AuditChange, at: Date, context: AuditContext = {}): Promise<void> {
    await manager.query(
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
}
