import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { incidentChange } from './incident.mapper.js';
import { timelineEntryChange } from './timeline/timeline.mapper.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { decodeCursor, encodeCursor, pageRequest, toPage, type PageCursor } from '../common/cursor.js';
import { AlreadyExistsError, InvalidInputError, NotFoundError, RuleViolationError, UnknownReferenceError } from '../common/errors.js';
import { parseInstant } from '../common/instant.js';
import { assertVersion } from '../common/version.js';
import { ServicesService } from '../services/services.service.js';
import { SeverityLevelsService } from '../severities/severity-levels.service.js';
import { TeamsService } from '../teams/teams.service.js';
import { toTimelineEntryDto } from './timeline/timeline.mapper.js';
import { TimelineRepository } from './timeline/timeline.repository.js';
import type { CreateIncidentDto } from './dto/create-incident.dto.js';
import type { IncidentDto, IncidentPageDto, SeverityChangeDto } from './dto/incident.dto.js';
import type { IncidentFieldsDto } from './dto/incident-fields.js';
import { toIncidentFilter } from './dto/incident-filter.query.js';
import type { ListIncidentsQuery } from './dto/list-incidents.query.js';
import type { UpdateIncidentDto } from './dto/update-incident.dto.js';
import { rowMilestones, toIncidentDto, toSeverityChangeDto, type IncidentRow } from './incident.mapper.js';
import type { IncidentFieldValues } from './incident-values.js';
import { IncidentWriter, type IncidentChange } from './incident-writer.service.js';
import { IncidentsRepository, type IncidentCursor } from './incidents.repository.js';
import { findOrderViolation, MILESTONES, type Milestones } from './milestones.js';
import { Transactions } from '../database/transactions.js';

/** Refuses milestones out of lifecycle order, naming both fields and both values. */
export function assertMilestoneOrder(milestones: Milestones): void {
  const violation = findOrderViolation(milestones);
  if (!violation) return;
  const { earlier, later } = violation;
  throw new RuleViolationError(
    'MILESTONE_ORDER',
    `${later.field} (${later.value.toISOString()}) is before ${earlier.field} (${earlier.value.toISOString()}); milestones must follow the order ${MILESTONES.join(' ≤ ')}`,
    {
      earlier: { field: earlier.field, value: earlier.value.toISOString() },
      later: { field: later.field, value: later.value.toISOString() },
    },
  );
}

@Injectable()
export class IncidentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly incidents: IncidentsRepository,
    private readonly writer: IncidentWriter,
    private readonly severities: SeverityLevelsService,
    private readonly teams: TeamsService,
    private readonly services: ServicesService,
    private readonly timeline: TimelineRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async create(dto: CreateIncidentDto, actor: Actor, context: AuditContext = {}): Promise<IncidentDto> {
    const milestones = parseMilestones(dto);
    assertMilestoneOrder(milestones);
    return this.transactions.run(async () => {
      const severity = await this.severities.resolve('severity', dto.severity);
      const source = dto.source ?? 'hindsight';
      if (dto.externalId && (await this.incidents.findIdBySourceExternalId(source, dto.externalId))) {
        throw new AlreadyExistsError('An incident', 'source/externalId', `${source}/${dto.externalId}`);
      }
      const [{ id }] = await this.writer.create([{
        fields: { ...fieldValues(dto), ...milestones, title: dto.title, startedAt: milestones.startedAt! },
        severity,
        owningTeamId: await this.teamId(dto.owningTeam),
        serviceIds: await this.serviceIds(dto.services ?? []),
        source,
        externalId: dto.externalId ?? null,
        sourcePayload: payloadOf(dto) ?? null,
        declared: { changedBy: actor.name, reason: 'Declared' },
      }]);
      const created = toIncidentDto((await this.incidents.find(id))!);
      await this.audit.record(actor, incidentChange('incident.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** The incidents with these ids that exist, in no particular order. */
  async getMany(ids: readonly string[]): Promise<IncidentDto[]> {
    return (await this.incidents.findMany([...ids])).map(toIncidentDto);
  }

  async get(idOrKey: string): Promise<IncidentDto> {
    return toIncidentDto(await this.require(idOrKey));
  }

  async list(query: ListIncidentsQuery): Promise<IncidentPageDto> {
    const { limit, after } = pageRequest(query, (cursor) => incidentCursor(decodeCursor(cursor)));
    const { rows, total } = await this.incidents.list(
      {
        from: query.from ? parseInstant('from', query.from) : undefined,
        to: query.to ? parseInstant('to', query.to) : undefined,
        ...toIncidentFilter(query),
        statuses: query.status,
        text: query.q,
      },
      limit + 1,
      after,
    );
    return { ...toPage(rows, limit, toIncidentDto, (last) => encodeCursor({ at: last.started_at.toISOString(), id: last.id })), total };
  }

  /**
   * Records an incident.update only when something besides version and updatedAt changed; a severity
   * change also records the timeline entry it writes.
   */
  async update(idOrKey: string, dto: UpdateIncidentDto, actor: Actor, context: AuditContext = {}): Promise<IncidentDto> {
    return this.transactions.run(async () => {
      const current = await this.require(idOrKey, true);
      assertVersion('Incident', current.key, dto.version, current.version);
      if (dto.startedAt === null) throw new InvalidInputError('startedAt', null, 'cannot be cleared: every incident has a start');
      const changed = parseMilestones(dto);
      assertMilestoneOrder({ ...rowMilestones(current), ...changed });

      const now = this.clock.now();
      const change: IncidentChange = {
        id: current.id,
        // startedAt: null was refused above.
        fields: { ...fieldValues(dto), ...changed } as Partial<IncidentFieldValues>,
        sourcePayload: payloadOf(dto),
      };
      if (dto.owningTeam !== undefined) change.owningTeamId = await this.teamId(dto.owningTeam);
      let severityEntryId: string | null = null;
      if (dto.severity !== undefined && dto.severity !== current.severity_key) {
        const next = await this.severities.resolve('severity', dto.severity);
        const peak = (await this.severities.findById(current.peak_severity_id))!;
        const reason = dto.severityChangeReason?.trim() ?? '';
        change.severity = { next, current: { severityId: current.severity_id, peak }, changedAt: now, changedBy: actor.name, reason };
        severityEntryId = await this.timeline.insert({
          incidentId: current.id, occurredAt: now, kind: 'severity_change', author: actor.name,
          body: `Severity changed from ${current.severity_key} to ${next.key}${reason ? `: ${reason}` : ''}`,
        });
      }
      if (dto.services !== undefined) change.serviceIds = await this.serviceIds(dto.services);
      await this.writer.update([change]);

      const before = toIncidentDto(current);
      const after = toIncidentDto((await this.incidents.find(current.id))!);
      if (hasChanges(before, after)) await this.audit.record(actor, incidentChange('incident.update', before, after), now, context);
      if (severityEntryId !== null) {
        const entry = toTimelineEntryDto((await this.timeline.find(current.id, severityEntryId))!);
        await this.audit.record(actor, timelineEntryChange('timeline_entry.create', null, entry), now, context);
      }
      return after;
    });
  }

  /**
   * Sets retroDoneAt of an incident the caller has locked (its retrospective was submitted; the caller
   * checked the milestone order), recorded as incident.update.
   */
  async setRetroDone(incident: IncidentRow, at: Date, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.transactions.run(async () => {
      await this.writer.update([{ id: incident.id, fields: { retroDoneAt: at } }]);
      const after = toIncidentDto((await this.incidents.find(incident.id))!);
      await this.audit.record(actor, incidentChange('incident.update', toIncidentDto(incident), after), at, context);
    });
  }

  /** Its timeline, retrospective and action items go with it (ON DELETE CASCADE); the one event is the incident's. */
  async delete(idOrKey: string, version: number | undefined, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.transactions.run(async () => {
      const current = await this.require(idOrKey, true);
      if (version !== undefined) assertVersion('Incident', current.key, version, current.version);
      await this.incidents.delete(current.id);
      await this.audit.record(actor, incidentChange('incident.delete', toIncidentDto(current), null), this.clock.now(), context);
    });
  }

  async severityHistory(idOrKey: string): Promise<SeverityChangeDto[]> {
    const incident = await this.require(idOrKey);
    return (await this.incidents.severityHistory(incident.id)).map(toSeverityChangeDto);
  }

  /** The incident a request field names (an action item's `incident`), or a 422 naming that field and its value. */
  async requireReference(field: string, idOrKey: string): Promise<IncidentRow> {
    const row = await this.incidents.find(idOrKey);
    if (!row) throw new UnknownReferenceError(field, idOrKey, 'incident');
    return row;
  }

  /** The incident or a 404 naming what was asked for. */
  async require(idOrKey: string, forUpdate = false): Promise<IncidentRow> {
    const row = await this.incidents.find(idOrKey, forUpdate);
    if (!row) throw new NotFoundError('Incident', idOrKey);
    return row;
  }

  private async teamId(name: string | null | undefined): Promise<string | null> {
    if (name === undefined || name === null || name === '') return null;
    const id = await this.teams.idForReference(name);
    if (id === null) throw new UnknownReferenceError('owningTeam', name, 'team');
    return id;
  }

  private async serviceIds(names: string[]): Promise<string[]> {
    const unique = [...new Set(names)];
    const found = await this.services.findForReference(unique);
    const missing = unique.find((name) => !found.some((s) => s.name === name));
    if (missing !== undefined) throw new UnknownReferenceError('services', missing, 'service');
    return found.map((s) => s.id);
  }
}

function parseMilestones(dto: IncidentFieldsDto): Milestones {
  const milestones: Milestones = {};
  for (const field of MILESTONES) {
    const value = dto[field];
    if (value === undefined) continue;
    milestones[field] = value === null ? null : parseInstant(field, value);
  }
  return milestones;
}

/** The plain fields the DTO carries (undefined: not sent); milestones and sourcePayload are read apart. */
function fieldValues(dto: IncidentFieldsDto): Partial<IncidentFieldValues> {
  const { title, functionality, state, audience, customerImpact, impactScope, knownCustomersImpacted, commander, investigator, comms, scribe, tags, excludedFromMetrics, exclusionReason } = dto;
  return { title, functionality, state, audience, customerImpact, impactScope, knownCustomersImpacted, commander, investigator, comms, scribe, tags, excludedFromMetrics, exclusionReason };
}

/** sourcePayload as the JSON text stored; undefined when not sent, null to clear it. */
function payloadOf(dto: IncidentFieldsDto): string | null | undefined {
  return dto.sourcePayload === undefined || dto.sourcePayload === null ? dto.sourcePayload : JSON.stringify(dto.sourcePayload);
}

const incidentCursor = (cursor: PageCursor): IncidentCursor => ({ startedAt: new Date(cursor.at), id: cursor.id });
