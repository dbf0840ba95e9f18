import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository, type AuditContext } from '../audit/audit.repository.js';
import { incidentChange, retrospectiveChange, timelineEntryChange } from '../audit/changes.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { AlreadyExistsError, NotFoundError, RuleViolationError, UnknownReferenceError } from '../common/errors.js';
import { parseInstant } from '../common/instant.js';
import { assertVersion } from '../common/version.js';
import { rowMilestones, toIncidentDto, type IncidentRow } from '../incidents/incident.mapper.js';
import { IncidentsRepository } from '../incidents/incidents.repository.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { toTimelineEntryDto } from '../timeline/timeline.mapper.js';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { findBlameHints, type BlameHint } from './blame-hints.js';
import type {
  BlameCheckDto, CreateRetrospectiveDto, RetrospectiveDto, SubmitRetrospectiveDto, UpdateRetrospectiveDto,
} from './dto/retrospective.dto.js';
import { retroDoneViolation } from './retro-milestone.js';
import { toRetrospectiveDto, type RetrospectiveRow } from './retro.mapper.js';
import { RetroTemplatesRepository } from './retro-templates.repository.js';
import { RetrospectivesRepository, type RetrospectiveColumns } from './retrospectives.repository.js';

const instantOrNull = (field: string, value: string | null | undefined): Date | null | undefined =>
  value === undefined ? undefined : value === null ? null : parseInstant(field, value);

@Injectable()
export class RetrospectivesService {
  constructor(
    private readonly retrospectives: RetrospectivesRepository,
    private readonly templates: RetroTemplatesRepository,
    private readonly incidents: IncidentsService,
    private readonly incidentRows: IncidentsRepository,
    private readonly timeline: TimelineRepository,
    private readonly clock: Clock,
    private readonly audit: AuditRepository,
  ) {}

  async get(idOrKey: string): Promise<RetrospectiveDto> {
    const incident = await this.incidents.require(idOrKey);
    return this.toDto(await this.require(incident), incident);
  }

  async create(idOrKey: string, dto: CreateRetrospectiveDto, actor: Actor, context: AuditContext = {}): Promise<RetrospectiveDto> {
    const scheduledAt = instantOrNull('scheduledAt', dto.scheduledAt) ?? null;
    return this.retrospectives.transaction(async (manager) => {
      const incident = await this.incidents.require(idOrKey, manager);
      const template = dto.templateId ? await this.templates.find(dto.templateId, manager) : await this.templates.findDefault(manager);
      if (!template && dto.templateId) throw new UnknownReferenceError('templateId', dto.templateId, 'retro template');
      if (!template) throw new RuleViolationError('NO_DEFAULT_TEMPLATE', 'templateId: none given and no template is the default; name one or make one the default', { field: 'templateId', value: null });
      const id = await this.retrospectives.insert(manager, {
        incident_id: incident.id,
        template_id: template.id,
        facilitator: dto.facilitator?.trim() || null,
        attendees: dto.attendees ?? [],
        scheduled_at: scheduledAt,
      });
      if (!id) throw new AlreadyExistsError('A retrospective', 'incident', incident.key);
      const created = await this.toDto(await this.require(incident, manager), incident, manager);
      await this.audit.record(manager, actor, retrospectiveChange('retrospective.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** Recorded only when something besides version and updatedAt changed (answers included). */
  async update(idOrKey: string, dto: UpdateRetrospectiveDto, actor: Actor, context: AuditContext = {}): Promise<RetrospectiveDto> {
    const scheduledAt = instantOrNull('scheduledAt', dto.scheduledAt);
    const heldAt = instantOrNull('heldAt', dto.heldAt);
    return this.retrospectives.transaction(async (manager) => {
      const incident = await this.incidents.require(idOrKey, manager);
      const current = await this.require(incident, manager, true);
      assertVersion('The retrospective of', incident.key, dto.version, current.version);
      const reopen = dto.status === 'draft' && current.status === 'submitted';
      if (current.status === 'submitted' && !reopen) throw submittedError(incident.key, current);
      const before = await this.toDto(current, incident, manager);

      const answers = Object.entries(dto.answers ?? {});
      const known = current.questions.map((q) => q.key);
      const unknown = answers.find(([key]) => !known.includes(key));
      if (unknown) {
        throw new UnknownReferenceError('answers', unknown[0], `question in template "${current.template_name}" v${current.template_version}`, `known: ${known.join(', ')}`);
      }

      const columns: RetrospectiveColumns = {};
      if (dto.facilitator !== undefined) columns.facilitator = dto.facilitator?.trim() || null;
      if (dto.attendees !== undefined) columns.attendees = dto.attendees;
      if (scheduledAt !== undefined) columns.scheduled_at = scheduledAt;
      if (heldAt !== undefined) columns.held_at = heldAt;
      if (reopen) Object.assign(columns, { status: 'draft', submitted_at: null });
      await this.retrospectives.update(manager, current.id, columns);
      await this.retrospectives.upsertAnswers(
        manager, current.id,
        answers.filter((entry): entry is [string, string] => entry[1] !== null).map(([questionKey, answer]) => ({ questionKey, answer })),
      );
      await this.retrospectives.deleteAnswers(manager, current.id, answers.filter(([, answer]) => answer === null).map(([key]) => key));
      const after = await this.toDto(await this.require(incident, manager), incident, manager);
      if (hasChanges(before, after)) await this.audit.record(manager, actor, retrospectiveChange('retrospective.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  /**
   * Submits a held retrospective. The first submission closes the incident (retroDoneAt) when that
   * keeps the milestone order; either way the timeline records the submission. Audited as
   * retrospective.submit, incident.update (when retroDoneAt was set) and timeline_entry.create.
   */
  async submit(idOrKey: string, dto: SubmitRetrospectiveDto, actor: Actor, context: AuditContext = {}): Promise<RetrospectiveDto> {
    return this.retrospectives.transaction(async (manager) => {
      // Incident first, then the retrospective: the order an incident delete locks them in.
      const incident = await this.incidents.require(idOrKey, manager, true);
      const current = await this.require(incident, manager, true);
      assertVersion('The retrospective of', incident.key, dto.version, current.version);
      if (current.status === 'submitted') throw submittedError(incident.key, current);
      if (!current.held_at) {
        throw new RuleViolationError(
          'RETRO_NOT_HELD',
          `heldAt: null; record when the retrospective of ${incident.key} was held before submitting it`,
          { field: 'heldAt', value: null },
        );
      }
      const now = this.clock.now();
      const before = await this.toDto(current, incident, manager);
      await this.retrospectives.update(manager, current.id, { status: 'submitted', submitted_at: now });

      let outcome: string;
      let incidentAfter: IncidentRow | null = null;
      if (incident.retro_done_at) {
        outcome = `retroDoneAt stays ${incident.retro_done_at.toISOString()}`;
      } else {
        const violation = retroDoneViolation(rowMilestones(incident), now);
        if (violation) {
          outcome = `retroDoneAt left empty: ${now.toISOString()} would be before ${violation.earlier.field} (${violation.earlier.value.toISOString()})`;
        } else {
          await this.incidentRows.update(manager, incident.id, { retro_done_at: now });
          incidentAfter = await this.incidentRows.find(incident.id, manager);
          outcome = `retroDoneAt set to ${now.toISOString()}`;
        }
      }
      const entryId = await this.timeline.insert(manager, { incidentId: incident.id, occurredAt: now, kind: 'milestone', author: null, body: `Retrospective submitted; ${outcome}` });
      const after = await this.toDto(await this.require(incident, manager), incident, manager);
      await this.audit.record(manager, actor, retrospectiveChange('retrospective.submit', before, after), now, context);
      if (incidentAfter) await this.audit.record(manager, actor, incidentChange('incident.update', toIncidentDto(incident), toIncidentDto(incidentAfter)), now, context);
      const entry = toTimelineEntryDto((await this.timeline.find(incident.id, entryId, manager))!);
      await this.audit.record(manager, actor, timelineEntryChange('timeline_entry.create', null, entry), now, context);
      return after;
    });
  }

  blameCheck(dto: BlameCheckDto): { hints: BlameHint[] } {
    return { hints: findBlameHints(dto.text, dto.people ?? []) };
  }

  private async require(incident: IncidentRow, manager?: EntityManager, forUpdate = false): Promise<RetrospectiveRow> {
    const row = await this.retrospectives.findByIncident(incident.id, manager, forUpdate);
    if (!row) throw new NotFoundError('Retrospective of incident', incident.key);
    return row;
  }

  private async toDto(row: RetrospectiveRow, incident: IncidentRow, manager?: EntityManager): Promise<RetrospectiveDto> {
    return toRetrospectiveDto(row, incident, await this.retrospectives.answers(row.id, manager));
  }
}

function submittedError(incidentKey: string, row: RetrospectiveRow): RuleViolationError {
  return new RuleViolationError(
    'RETRO_SUBMITTED',
    `status: "submitted"; the retrospective of ${incidentKey} was submitted at ${row.submitted_at?.toISOString()}. Send status "draft" to reopen it before changing it.`,
    { field: 'status', value: 'submitted' },
  );
}
