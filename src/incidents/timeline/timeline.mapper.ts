import type { TimelineEntryDto } from './dto/timeline-entry.dto.js';
import type { TimelineKind } from './timeline-entry.entity.js';
import { changeBuilder } from '../../audit/audit-change.js';

/** One timeline entry as the repository reads it: its columns plus its incident's key. */
export interface TimelineEntryRow {
  id: string;
  incident_id: string;
  incident_key: string;
  occurred_at: Date;
  kind: TimelineKind;
  author: string | null;
  body: string;
  created_at: Date;
  updated_at: Date;
}

export function toTimelineEntryDto(row: TimelineEntryRow): TimelineEntryDto {
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentKey: row.incident_key,
    occurredAt: row.occurred_at.toISOString(),
    kind: row.kind,
    author: row.author,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** How a change to it is recorded in the audit trail. */
export const timelineEntryChange = changeBuilder<TimelineEntryDto>('timeline_entry', (e) => e.incidentKey, (e) => e.incidentId);
