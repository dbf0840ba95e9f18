import type { ActionItemPriority, ActionItemStatus } from './action-item.entity.js';
import { isOverdue } from './action-item-rules.js';
import type { ActionItemDto } from './dto/action-item.dto.js';
import { changeBuilder } from '../audit/audit-change.js';

/** One action item as the repository reads it: its columns plus the names it refers to. */
export interface ActionItemRow {
  id: string;
  incident_id: string;
  incident_key: string;
  retrospective_id: string | null;
  title: string;
  description: string;
  owner: string | null;
  team_id: string | null;
  team_name: string | null;
  priority: ActionItemPriority;
  /** `YYYY-MM-DD`, read as text so no time zone shifts it. */
  due_date: string | null;
  status: ActionItemStatus;
  completed_at: Date | null;
  external_url: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  /** created_at to the microsecond, for the page cursor. */
  cursor_at: string;
}

/** `today` is the `YYYY-MM-DD` in REPORT_TIMEZONE that `overdue` is judged against. */
export function toActionItemDto(row: ActionItemRow, today: string): ActionItemDto {
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentKey: row.incident_key,
    retrospectiveId: row.retrospective_id,
    title: row.title,
    description: row.description,
    owner: row.owner,
    team: row.team_name,
    priority: row.priority,
    dueDate: row.due_date,
    status: row.status,
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
    externalUrl: row.external_url,
    overdue: isOverdue({ status: row.status, dueDate: row.due_date }, today),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** How a change to it is recorded in the audit trail. */
export const actionItemChange = changeBuilder<ActionItemDto>('action_item', (a) => a.title, (a) => a.incidentId);
