import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository, type AuditContext } from '../audit/audit.repository.js';
import { incidentChange, timelineEntryChange } from '../audit/changes.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { decodeCursor, encodeCursor, pageRequest, toPage, type PageCursor } from '../common/cursor.js';
import { AlreadyExistsError, InvalidInputError, NotFoundError, RuleViolationError, UnknownReferenceError } from '../common/errors.js';
import { parseInstant } from '../common/instant.js';
import { assertVersion } from '../common/version.js';
import { ServicesRepository } from '../services/services.repository.js';
import { SeverityLevelsRepository } from '../severities/severity-levels.repository.js';
import type { SeverityLevel } from '../severities/severity-level.entity.js';
import { TeamsRepository } from '../teams/teams.repository.js';
import { toTimelineEntryDto } from '../timeline/timeline.mapper.js';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import type { CreateIncidentDto } from './dto/create-incident.dto.js';
import type { IncidentDto, IncidentPageDto, SeverityChangeDto } from './dto/incident.dto.js';
import type { IncidentFieldsDto } from './dto/incident-fields.js';
import { toIncidentFilter } from './dto/incident-filter.query.js';
import type { ListIncidentsQuery } from './dto/list-incidents.query.js';
import type { UpdateIncidentDto } from './dto/update-incident.dto.js';
import { rowMilestones, toIncidentDto, toSeverityChangeDto, type IncidentRow } from './incident.mapper.js';
import { IncidentsRepository, type IncidentColumns, type IncidentCursor } from './incidents.repository.js';
import { findOrderViolation, MILESTONES, type Milestones } from './milestones.js';

/** Plain fields copied to their column unchanged when present. */
const PLAIN_FIELDS = [
  'title', 'functionality', 'state', 'audience', 'customerImpact', 'impactScope', 'knownCustomersImpacted', 'commander',
  'investigator', 'comms', 'scribe', 'tags', 'excludedFromMetrics', 'exclusionReason', 'sourcePayload',
] as const satisfies readonly (keyof IncidentFieldsDto)[];

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

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
    private readonly incidents: IncidentsRepository,
    private readonly severities: SeverityLevelsRepository,
    private readonly teams: TeamsRepository,
    private readonly services: ServicesRepository,
    private readonly timeline: TimelineRepository,
    private readonly clock: Clock,
    private readonly audit: AuditRepository,
  ) {}

  async create(dto: CreateIncidentDto, actor: Actor, context: AuditContext = {}): Promise<IncidentDto> {
    const milestones = parseMilestones(dto);
    assertMilestoneOrder(milestones);
    return this.incidents.transaction(async (manager) => {
      const severity = await this.severity(manager, dto.severity);
      const source = dto.source ?? 'hindsight';
      if (dto.externalId && (await this.incidents.findIdBySourceExternalId(manager, source, dto.externalId))) {
        throw new AlreadyExistsError('An incident', 'source/externalId', `${source}/${dto.externalId}`);
      }
      const columns: IncidentColumns = {
        ...plainColumns(dto),
        ...milestoneColumns(milestones),
        key: await this.incidents.nextKey(manager, milestones.startedAt!.getUTCFullYear()),
        severity_id: severity.id,
        peak_severity_id: severity.id,
        owning_team_id: await this.teamId(manager, dto.owningTeam),
        source,
        external_id: dto.externalId ?? null,
      };
      const id = await this.incidents.insert(manager, columns);
      await this.incidents.replaceServices(manager, id, await this.serviceIds(manager, dto.services ?? []));
      await this.incidents.insertSeverityChange(manager, {
        incidentId: id, fromSeverityId: null, toSeverityId: severity.id, changedAt: milestones.startedAt!, changedBy: actor.name, reason: 'Declared',
      });
      const created = toIncidentDto((await this.incidents.find(id, manager))!);
      await this.audit.record(manager, actor, incidentChange('incident.create', null, created), this.clock.now(), context);
      return created;
    });
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
    return this.incidents.transaction(async (manager) => {
      const current = await this.require(idOrKey, manager, true);
      assertVersion('Incident', current.key, dto.version, current.version);
      if (dto.startedAt === null) throw new InvalidInputError('startedAt', null, 'cannot be cleared: every incident has a start');
      const changed = parseMilestones(dto);
      assertMilestoneOrder({ ...rowMilestones(current), ...changed });

      const now = this.clock.now();
      const columns: IncidentColumns = { ...plainColumns(dto), ...milestoneColumns(changed) };
      if (dto.owningTeam !== undefined) columns.owning_team_id = await this.teamId(manager, dto.owningTeam);
      let severityEntryId: string | null = null;
      if (dto.severity !== undefined && dto.severity !== current.severity_key) {
        const next = await this.severity(manager, dto.severity);
        const peak = (await this.severities.findById(current.peak_severity_id, manager))!;
        columns.severity_id = next.id;
        if (next.rank < peak.rank) columns.peak_severity_id = next.id;
        const reason = dto.severityChangeReason?.trim() ?? '';
        await this.incidents.insertSeverityChange(manager, {
          incidentId: current.id, fromSeverityId: current.severity_id, toSeverityId: next.id, changedAt: now, changedBy: actor.name, reason,
        });
        severityEntryId = await this.timeline.insert(manager, {
          incidentId: current.id, occurredAt: now, kind: 'severity_change', author: actor.name,
          body: `Severity changed from ${current.severity_key} to ${next.key}${reason ? `: ${reason}` : ''}`,
        });
      }
      await this.incidents.update(manager, current.id, columns);
      if (dto.services !== undefined) await this.incidents.replaceServices(manager, current.id, await this.serviceIds(manager, dto.services));

      const before = toIncidentDto(current);
      const after = toIncidentDto((await this.incidents.find(current.id, manager))!);
      if (hasChanges(before, after)) await this.audit.record(manager, actor, incidentChange('incident.update', before, after), now, context);
      if (severityEntryId !== null) {
        const entry = toTimelineEntryDto((await this.timeline.find(current.id, severityEntryId, manager))!);
        await this.audit.record(manager, actor, timelineEntryChange('timeline_entry.create', null, entry), now, context);
      }
      return after;
    });
  }

  /** Its timeline, retrospective and action items go with it (ON DELETE CASCADE); the one event is the incident's. */
  async delete(idOrKey: string, version: number | undefined, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.incidents.transaction(async (manager) => {
      const current = await this.require(idOrKey, manager, true);
      if (version !== undefined) assertVersion('Incident', current.key, version, current.version);
      await this.incidents.delete(manager, current.id);
      await this.audit.record(manager, actor, incidentChange('incident.delete', toIncidentDto(current), null), this.clock.now(), context);
    });
  }

  async severityHistory(idOrKey: string): Promise<SeverityChangeDto[]> {
    const incident = await this.require(idOrKey);
    return (await this.incidents.severityHistory(incident.id)).map(toSeverityChangeDto);
  }

  /** The incident or a 404 naming what was asked for. */
  async require(idOrKey: string, manager?: EntityManager, forUpdate = false): Promise<IncidentRow> {
    const row = await this.incidents.find(idOrKey, manager, forUpdate);
    if (!row) throw new NotFoundError('Incident', idOrKey);
    return row;
  }

  private async severity(manager: EntityManager, key: string): Promise<SeverityLevel> {
    const level = await this.severities.findByKey(key, manager);
    if (!level) {
      const known = (await this.severities.list(manager)).map((s) => s.key).join(', ');
      throw new UnknownReferenceError('severity', key, 'severity level', `known: ${known}`);
    }
    return level;
  }

  private async teamId(manager: EntityManager, name: string | null | undefined): Promise<string | null> {
    if (name === undefined || name === null || name === '') return null;
    const team = await this.teams.findByName(name, manager);
    if (!team) throw new UnknownReferenceError('owningTeam', name, 'team');
    return team.id;
  }

  private async serviceIds(manager: EntityManager, names: string[]): Promise<string[]> {
    const unique = [...new Set(names)];
    const found = await this.services.findByNames(unique, manager);
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

function milestoneColumns(milestones: Milestones): IncidentColumns {
  return Object.fromEntries(Object.entries(milestones).map(([field, value]) => [snake(field), value]));
}

function plainColumns(dto: IncidentFieldsDto): IncidentColumns {
  const columns: IncidentColumns = {};
  for (const field of PLAIN_FIELDS) {
    if (dto[field] !== undefined) columns[snake(field)] = field === 'sourcePayload' && dto[field] !== null ? JSON.stringify(dto[field]) : dto[field];
  }
  return columns;
}

const incidentCursor = (cursor: PageCursor): IncidentCursor => ({ startedAt: new Date(cursor.at), id: cursor.id });
