import type { ActionItemDto } from '../action-items/dto/action-item.dto.js';
import type { TokenView } from '../auth/token.mapper.js';
import type { IncidentDto } from '../incidents/dto/incident.dto.js';
import type { RetroTemplateDto } from '../retros/dto/retro-template.dto.js';
import type { RetrospectiveDto } from '../retros/dto/retrospective.dto.js';
import type { ServiceDto } from '../services/dto/service.dto.js';
import type { SeverityLevelDto } from '../severities/dto/severity-level.dto.js';
import type { TeamDto } from '../teams/dto/team.dto.js';
import type { TimelineEntryDto } from '../incidents/timeline/dto/timeline-entry.dto.js';
import type { AuditChange } from './audit.repository.js';

/**
 * One builder per audited entity: its entity type, its label (the handle a person knows it by) and the
 * incident whose history it belongs to. `before` / `after` are the entity's API DTOs, null when it did
 * not exist; the label is taken from `after` when there is one (a rename shows the new name).
 */
const change = <T>(entityType: string, label: (dto: T) => string, incidentId: (dto: T) => string | null = () => null) =>
  (action: `${string}.${string}`, before: T | null, after: T | null): AuditChange => {
    const dto = (after ?? before) as T & { id: string };
    return { action, entityType, entityId: dto.id, entityLabel: label(dto), incidentId: incidentId(dto), before, after };
  };

export const incidentChange = change<IncidentDto>('incident', (i) => i.key, (i) => i.id);
export const timelineEntryChange = change<TimelineEntryDto>('timeline_entry', (e) => e.incidentKey, (e) => e.incidentId);
export const retrospectiveChange = change<RetrospectiveDto>('retrospective', (r) => r.incidentKey, (r) => r.incidentId);
export const actionItemChange = change<ActionItemDto>('action_item', (a) => a.title, (a) => a.incidentId);
export const severityLevelChange = change<SeverityLevelDto>('severity_level', (s) => s.key);
export const teamChange = change<TeamDto>('team', (t) => t.name);
export const serviceChange = change<ServiceDto>('service', (s) => s.name);
export const retroTemplateChange = change<RetroTemplateDto>('retro_template', (t) => `${t.name} v${t.version}`);
export const tokenChange = change<TokenView>('token', (t) => t.name);
