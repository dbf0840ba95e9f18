import { Injectable } from '@nestjs/common';
import { BIGINT_ID_PATTERN, decodeCursor, encodeCursor, pageRequest, toPage, type PageCursor } from '../common/cursor.js';
import { NotFoundError } from '../common/errors.js';
import { parseInstant } from '../common/instant.js';
import { toAuditEventDto } from './audit.mapper.js';
import { AuditRepository, type AuditCursor, type AuditFilter, type AuditOrder } from './audit.repository.js';
import type { AuditEventPageDto } from './dto/audit-event.dto.js';
import { AUDIT_PAGE_SIZE, type AuditPageQuery, type ListAuditQuery } from './dto/list-audit.query.js';

/** The audit trail, read: filtered for admins, and one incident's own history. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Newest first. An incident that neither exists nor ever did gives an empty page, like any filter that matches nothing. */
  async list(query: ListAuditQuery): Promise<AuditEventPageDto> {
    const filter: AuditFilter = {
      from: query.from ? parseInstant('from', query.from) : undefined,
      to: query.to ? parseInstant('to', query.to) : undefined,
      actorName: query.actor,
      actorType: query.actorType,
      actions: query.action,
      entityType: query.entityType,
      entityId: query.entityId,
    };
    if (query.incident !== undefined) {
      const incidentId = await this.audit.resolveIncident(query.incident);
      if (incidentId === null) return { items: [], total: 0, nextCursor: null };
      filter.incidentId = incidentId;
    }
    return this.page(filter, 'newest', query);
  }

  /** Oldest first: the incident's own changes and those of its timeline, retrospective and action items. */
  async incidentHistory(idOrKey: string, query: AuditPageQuery): Promise<AuditEventPageDto> {
    const incidentId = await this.audit.resolveIncident(idOrKey);
    if (incidentId === null) throw new NotFoundError('Incident', idOrKey);
    return this.page({ incidentId }, 'oldest', query);
  }

  private async page(filter: AuditFilter, order: AuditOrder, query: AuditPageQuery): Promise<AuditEventPageDto> {
    const { limit, after } = pageRequest(query, (cursor) => auditCursor(decodeCursor(cursor, BIGINT_ID_PATTERN)), AUDIT_PAGE_SIZE);
    const { rows, total } = await this.audit.list(filter, order, limit + 1, after);
    return { ...toPage(rows, limit, toAuditEventDto, (last) => encodeCursor({ at: last.cursor_at, id: last.id })), total };
  }
}

const auditCursor = (cursor: PageCursor): AuditCursor => ({ occurredAt: cursor.at, id: cursor.id });
