import type { IncidentRow } from '../incidents/incident.mapper.js';
import { findBlameHints } from './blame-hints.js';
import type { RetroTemplateDto } from './dto/retro-template.dto.js';
import type { RetrospectiveDto } from './dto/retrospective.dto.js';
import type { RetroQuestion } from './retro-template.entity.js';
import type { RetroStatus } from './retrospective.entity.js';
import { changeBuilder } from '../audit/audit-change.js';

export interface RetroTemplateRow {
  id: string;
  name: string;
  version: number;
  questions: RetroQuestion[];
  is_default: boolean;
  created_at: Date;
}

/** A retrospective with the template version it is answered against. */
export interface RetrospectiveRow {
  id: string;
  incident_id: string;
  template_id: string;
  template_name: string;
  template_version: number;
  questions: RetroQuestion[];
  facilitator: string | null;
  attendees: string[];
  scheduled_at: Date | null;
  held_at: Date | null;
  status: RetroStatus;
  submitted_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface RetroAnswerRow {
  question_key: string;
  answer: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toRetroTemplateDto(row: RetroTemplateRow): RetroTemplateDto {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    isDefault: row.is_default,
    questions: row.questions.map((q) => ({ key: q.key, prompt: q.prompt, help: q.help ?? null })),
    createdAt: row.created_at.toISOString(),
  };
}

type IncidentPeople = Pick<IncidentRow, 'key' | 'commander' | 'investigator' | 'comms' | 'scribe'>;

/** Names the blame hints watch for as causes: the incident's roles, the facilitator and the attendees. */
export function retroPeople(row: Pick<RetrospectiveRow, 'facilitator' | 'attendees'>, incident: IncidentPeople): string[] {
  const names = [incident.commander, incident.investigator, incident.comms, incident.scribe, row.facilitator, ...row.attendees];
  return [...new Set(names.filter((n): n is string => !!n && n.trim() !== ''))];
}

export function toRetrospectiveDto(row: RetrospectiveRow, incident: IncidentPeople, answers: RetroAnswerRow[]): RetrospectiveDto {
  const byKey = new Map(answers.map((a) => [a.question_key, a.answer]));
  const questions = row.questions.map((q) => ({ key: q.key, prompt: q.prompt, help: q.help ?? null, answer: byKey.get(q.key) ?? null }));
  const people = retroPeople(row, incident);
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentKey: incident.key,
    template: { id: row.template_id, name: row.template_name, version: row.template_version },
    questions,
    facilitator: row.facilitator,
    attendees: row.attendees,
    scheduledAt: iso(row.scheduled_at),
    heldAt: iso(row.held_at),
    status: row.status,
    submittedAt: iso(row.submitted_at),
    version: row.version,
    blameHints: questions.flatMap((q) => (q.answer ? findBlameHints(q.answer, people).map((hint) => ({ questionKey: q.key, ...hint })) : [])),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** How a change to it is recorded in the audit trail. */
export const retrospectiveChange = changeBuilder<RetrospectiveDto>('retrospective', (r) => r.incidentKey, (r) => r.incidentId);
export const retroTemplateChange = changeBuilder<RetroTemplateDto>('retro_template', (t) => `${t.name} v${t.version}`);
