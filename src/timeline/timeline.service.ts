import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository, type AuditContext } from '../audit/audit.repository.js';
import { timelineEntryChange } from '../audit/changes.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/errors.js';
import { parseInstant } from '../common/instant.js';
import type { IncidentRow } from '../incidents/incident.mapper.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import type { CreateTimelineEntryDto } from './dto/create-timeline-entry.dto.js';
import type { ListTimelineQuery } from './dto/list-timeline.query.js';
import type { TimelineEntryDto } from './dto/timeline-entry.dto.js';
import type { UpdateTimelineEntryDto } from './dto/update-timeline-entry.dto.js';
import { toTimelineEntryDto, type TimelineEntryRow } from './timeline.mapper.js';
import { TimelineRepository, type TimelineEntryColumns } from './timeline.repository.js';

@Injectable()
export class TimelineService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async list(incidentIdOrKey: string, query: ListTimelineQuery): Promise<TimelineEntryDto[]> {
    const incident = await this.incidents.require(incidentIdOrKey);
    return (await this.timeline.list(incident.id, query.kind)).map(toTimelineEntryDto);
  }

  /** Locks the incident row, so that it cannot be deleted while the entry is written. */
  async create(incidentIdOrKey: string, dto: CreateTimelineEntryDto, actor: Actor, context: AuditContext = {}): Promise<TimelineEntryDto> {
    return this.timeline.transaction(async (manager) => {
      const incident = await this.incidents.require(incidentIdOrKey, manager, true);
      const id = await this.timeline.insert(manager, {
        incidentId: incident.id,
        occurredAt: parseInstant('occurredAt', dto.occurredAt),
        kind: dto.kind,
        author: dto.author ?? null,
        body: dto.body,
      });
      const created = toTimelineEntryDto((await this.timeline.find(incident.id, id, manager))!);
      await this.audit.record(manager, actor, timelineEntryChange('timeline_entry.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** Last write wins: entries carry no version. Recorded only when something changed. */
  async update(incidentIdOrKey: string, entryId: string, dto: UpdateTimelineEntryDto, actor: Actor, context: AuditContext = {}): Promise<TimelineEntryDto> {
    return this.timeline.transaction(async (manager) => {
      const incident = await this.incidents.require(incidentIdOrKey, manager, true);
      const entry = await this.requireEntry(manager, incident, entryId);
      const columns: TimelineEntryColumns = {};
      if (dto.occurredAt !== undefined) columns.occurred_at = parseInstant('occurredAt', dto.occurredAt);
      if (dto.kind !== undefined) columns.kind = dto.kind;
      if (dto.author !== undefined) columns.author = dto.author;
      if (dto.body !== undefined) columns.body = dto.body;
      if (Object.keys(columns).length > 0) await this.timeline.update(manager, entry.id, columns);
      const before = toTimelineEntryDto(entry);
      const after = toTimelineEntryDto((await this.timeline.find(incident.id, entry.id, manager))!);
      if (hasChanges(before, after)) await this.audit.record(manager, actor, timelineEntryChange('timeline_entry.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  async delete(incidentIdOrKey: string, entryId: string, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.timeline.transaction(async (manager) => {
      const incident = await this.incidents.require(incidentIdOrKey, manager, true);
      const entry = await this.requireEntry(manager, incident, entryId);
      await this.timeline.delete(manager, entry.id);
      await this.audit.record(manager, actor, timelineEntryChange('timeline_entry.delete', toTimelineEntryDto(entry), null), this.clock.now(), context);
    });
  }

  /** The entry or a 404; an entry of another incident is not found here. */
  private async requireEntry(manager: EntityManager, incident: IncidentRow, entryId: string): Promise<TimelineEntryRow> {
    const entry = await this.timeline.find(incident.id, entryId, manager);
    if (!entry) throw new NotFoundError(`Timeline entry of ${incident.key}`, entryId);
    return entry;
  }
}
