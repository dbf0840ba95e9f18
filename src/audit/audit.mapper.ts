import type { AuditEventRow } from './audit.repository.js';
import { diffFields } from './diff.js';
import type { AuditEventDto } from './dto/audit-event.dto.js';

export function toAuditEventDto(row: AuditEventRow): AuditEventDto {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
    action: row.action,
    entity: { type: row.entity_type, id: row.entity_id, label: row.entity_label },
    incidentId: row.incident_id,
    before: row.before,
    after: row.after,
    changes: diffFields(row.before, row.after),
    ip: row.ip,
    requestId: row.request_id,
  };
}
