import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { retrospectiveChange } from './retro.mapper.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { AlreadyExistsError, NotFoundError, RuleViolationError, UnknownReferenceError } from '../common/errors.js';
import { parseInstant } from '../common/instant.js';
import { assertVersion } from '../common/version.js';
import { rowMilestones, type IncidentRow } from '../incidents/incident.mapper.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { TimelineService } from '../incidents/timeline/timeline.service.js';
import { findBlameHints, type BlameHint } from './blame-hints.js';
import type {
  BlameCheckDto, CreateRetrospectiveDto, RetrospectiveDto, SubmitRetrospectiveDto, UpdateRetrospectiveDto,
} from './dto/retrospective.dto.js';
import { retroDoneViolation } from './retro-milestone.js';
import { toRetrospectiveDto, type RetrospectiveRow } from './retro.mapper.js';
import { RetroTemplatesRepository } from './retro-templates.repository.js';
import { RetrospectivesRepository, type RetrospectiveColumns } from './retrospectives.repository.js';
import { Transactions } from '../database/transactions.js';

const instantOrNull = (field: string, value: string | null | undefined): Date | null | undefined =>
  value === undefined ? undefined : value === null ? null : parseInstant(field, value);

@Injectable()
export class RetrospectivesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly retrospectives: RetrospectivesRepository,
    private readonly templates: RetroTemplatesRepository,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The incident a retrospective belongs to (null when there is no such retrospective), locked against
   * deletion until the caller's transaction ends, so that a reference the caller writes to it stays valid.
   */
  incidentIdOf(retrospectiveId: string): Promise<string | null> {
    return this.retrospectives.findIncidentId(retrospectiveId);
  }

  async get(idOrKey: string): Promise<RetrospectiveDto> {
    const incident = await this.incidents.require(idOrKey);
    return this.toDto(await this.require(incident), incident);
  }

  async create(idOrKey: string, dto: CreateRetrospectiveDto, actor: Actor, context: AuditContext = {}): Promise<RetrospectiveDto> {
    const scheduledAt = instantOrNull('scheduledAt', dto.scheduledAt) ?? null;
    return this.transactions.run(async () => {
      const incident = await this.incidents.require(idOrKey);
      const template = dto.templateId ? await this.templates.find(dto.templateId) : await this.templates.findDefault();
      if (!template && dto.templateId) throw new UnknownReferenceError('templateId', dto.templateId, 'retro template');
      if (!template) throw new RuleViolationError('NO_DEFAULT_TEMPLATE', 'templateId: none given and no template is the default; name one or make one the default', { field: 'templateId', value: null });
      const id = await this.retrospectives.insert({
        incident_id: incident.id,
        template_id: template.id,
        facilitator: dto.facilitator?.trim() || null,
        attendees: dto.attendees ?? [],
        scheduled_at: scheduledAt,
      });
      if (!id) throw new AlreadyExistsError('A retrospective', 'incident', incident.key);
      const created = await this.toDto(await this.require(incident), incident);
      await this.audit.record(actor, retrospectiveChange('retrospective.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** Recorded only when something besides version and updatedAt changed (answers included). */
  async update(idOrKey: string, dto: UpdateRetrospectiveDto, actor: Actor, context: AuditContext = {}): Promise<RetrospectiveDto> {
    const scheduledAt = instantOrNull('scheduledAt', dto.scheduledAt);
    const heldAt = instantOrNull('heldAt', dto.heldAt);
    return this.transactions.run(async () => {
      const incident = await this.incidents.require(idOrKey);
      const current = await this.require(incident, true);
      assertVersion('The retrospective of', incident.key, dto.version, current.version);
      const reopen = dto.status === 'draft' && current.status === 'submitted';
      if (current.status === 'submitted' && !reopen) throw submittedError(incident.key, current);
      const before = await this.toDto(current, incident);

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
      await this.retrospectives.update(current.id, columns);
      await this.retrospectives.upsertAnswers(
        current.id,
        answers.filter((entry): entry is [string, string] => entry[1] !== null).map(([questionKey, answer]) => ({ questionKey, answer })),
      );
      await this.retrospectives.deleteAnswers(current.id, answers.filter(([, answer]) => answer === null).map(([key]) => key));
      const after = await this.toDto(await this.require(incident), incident);
      if (hasChanges(before, after)) await this.audit.record(actor, retrospectiveChange('retrospective.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  /**
   * Submits a held retrospective. The first submission closes the incident (retroDoneAt) when that
   * keeps the milestone order; either way the timeline records the submission. Audited as
   * retrospective.submit, incident.update (when retroDoneAt was set) and timeline_entry.create.
   */
  async submit(idOrKey: string, dto: SubmitRetrospectiveDto, actor: Actor, context: AuditContext = {}): Promise<RetrospectiveDto> {
    return this.transactions.run(async () => {
      // Incident first, then the retrospective: the order an incident delete locks them in.
      const incident = await this.incidents.require(idOrKey, true);
      const current = await this.require(incident, true);
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
      const before = await this.toDto(current, incident);
      await this.retrospectives.update(current.id, { status: 'submitted', submitted_at: now });

      const after = await this.toDto(await this.require(incident), incident);
      await this.audit.record(actor, retrospectiveChange('retrospective.submit', before, after), now, context);

      let outcome: string;
      if (incident.retro_done_at) {
        outcome = `retroDoneAt stays ${incident.retro_done_at.toISOString()}`;
      } else {
        const violation = retroDoneViolation(rowMilestones(incident), now);
        if (violation) {
          outcome = `retroDoneAt left empty: ${now.toISOString()} would be before ${violation.earlier.field} (${violation.earlier.value.toISOString()})`;
        } else {
          await this.incidents.setRetroDone(incident, now, actor, context);
          outcome = `retroDoneAt set to ${now.toISOString()}`;
        }
      }
      await this.timeline.record(incident.id, { occurredAt: now, kind: 'milestone', author: null, body: `Retrospective submitted; ${outcome}` }, actor, now, context);
      return after;
    });
  }

  blameCheck(dto: BlameCheckDto): { hints: BlameHint[] } {
    return { hints: findBlameHints(dto.text, dto.people ?? []) };
  }

  private async require(incident: IncidentRow, forUpdate = false): Promise<RetrospectiveRow> {
    const row = await this.retrospectives.findByIncident(incident.id, forUpdate);
    if (!row) throw new NotFoundError('Retrospective of incident', incident.key);
    return row;
  }

  private async toDto(row: RetrospectiveRow, incident: IncidentRow): Promise<RetrospectiveDto> {
    return toRetrospectiveDto(row, incident, await this.retrospectives.answers(row.id));
  }
}

function submittedError(incidentKey: string, row: RetrospectiveRow): RuleViolationError {
  return new RuleViolationError(
    'RETRO_SUBMITTED',
    `status: "submitted"; the retrospective of ${incidentKey} was submitted at ${row.submitted_at?.toISOString()}. Send status "draft" to reopen it before changing it.`,
    { field: 'status', value: 'submitted' },
  );
}
