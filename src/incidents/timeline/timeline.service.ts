import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../../audit/audit-change.js';
import { AuditTrail } from '../../audit/audit-trail.service.js';
import { timelineEntryChange } from './timeline.mapper.js';
import { hasChanges } from '../../audit/diff.js';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { decodeTieBreakCursor, encodeCursor, pageRequest, toPage, type TieBreakCursor } from '../../common/cursor.js';
import { NotFoundError } from '../../common/errors.js';
import { parseInstant } from '../../common/instant.js';
import type { IncidentRow } from '../incident.mapper.js';
import { IncidentsService } from '../incidents.service.js';
import type { CreateTimelineEntryDto } from './dto/create-timeline-entry.dto.js';
import type { ListTimelineQuery } from './dto/list-timeline.query.js';
import type { TimelineEntryDto, TimelineEntryPageDto } from './dto/timeline-entry.dto.js';
import type { UpdateTimelineEntryDto } from './dto/update-timeline-entry.dto.js';
import { toTimelineEntryDto, type TimelineEntryRow } from './timeline.mapper.js';
import { TimelineRepository, type NewTimelineEntry, type TimelineCursor, type TimelineEntryColumns } from './timeline.repository.js';
import { Transactions } from '../../database/transactions.js';

@Injectable()
export class TimelineService {
  constructor(
    private readonly transactions: Transactions,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** One page of the incident's timeline, in the order things happened (a 404 for an unknown incident, a 400 for a bad cursor). */
  async list(incidentIdOrKey: string, query: ListTimelineQuery): Promise<TimelineEntryPageDto> {
    const { limit, after } = pageRequest(query, (cursor) => timelineCursor(decodeTieBreakCursor(cursor)));
    const incident = await this.incidents.require(incidentIdOrKey);
    const rows = await this.timeline.list(incident.id, query.kind, limit + 1, after);
    return toPage(rows, limit, toTimelineEntryDto, (last) => encodeCursor({ at: last.cursor_at, then: last.cursor_recorded_at, id: last.id }));
  }

  /** Locks the incident row, so that it cannot be deleted while the entry is written. */
  async create(incidentIdOrKey: string, dto: CreateTimelineEntryDto, actor: Actor, context: AuditContext = {}): Promise<TimelineEntryDto> {
    return this.transactions.run(async () => {
      const incident = await this.incidents.require(incidentIdOrKey, true);
      const id = await this.timeline.insert({
        incidentId: incident.id,
        occurredAt: parseInstant('occurredAt', dto.occurredAt),
        kind: dto.kind,
        author: dto.author ?? null,
        body: dto.body,
      });
      const created = toTimelineEntryDto((await this.timeline.find(incident.id, id))!);
      await this.audit.record(actor, timelineEntryChange('timeline_entry.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** An entry the system writes (a retrospective submitted, …) on an incident the caller has locked, recorded as timeline_entry.create. */
  async record(incidentId: string, entry: Omit<NewTimelineEntry, 'incidentId'>, actor: Actor, at: Date, context: AuditContext = {}): Promise<TimelineEntryDto> {
    return this.transactions.run(async () => {
      const id = await this.timeline.insert({ ...entry, incidentId });
      const created = toTimelineEntryDto((await this.timeline.find(incidentId, id))!);
      await this.audit.record(actor, timelineEntryChange('timeline_entry.create', null, created), at, context);
      return created;
    });
  }

  /** Last write wins: entries carry no version. Recorded only when something changed. */
  async update(incidentIdOrKey: string, entryId: string, dto: UpdateTimelineEntryDto, actor: Actor, context: AuditContext = {}): Promise<TimelineEntryDto> {
    return this.transactions.run(async () => {
      const incident = await this.incidents.require(incidentIdOrKey, true);
      const entry = await this.requireEntry(incident, entryId);
      const columns: TimelineEntryColumns = {};
      if (dto.occurredAt !== undefined) columns.occurred_at = parseInstant('occurredAt', dto.occurredAt);
      if (dto.kind !== undefined) columns.kind = dto.kind;
      if (dto.author !== undefined) columns.author = dto.author;
      if (dto.body !== undefined) columns.body = dto.body;
      if (Object.keys(columns).length > 0) await this.timeline.update(entry.id, columns);
      const before = toTimelineEntryDto(entry);
      const after = toTimelineEntryDto((await this.timeline.find(incident.id, entry.id))!);
      if (hasChanges(before, after)) await this.audit.record(actor, timelineEntryChange('timeline_entry.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  async delete(incidentIdOrKey: string, entryId: string, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.transactions.run(async () => {
      const incident = await this.incidents.require(incidentIdOrKey, true);
      const entry = await this.requireEntry(incident, entryId);
      await this.timeline.delete(entry.id);
      await this.audit.record(actor, timelineEntryChange('timeline_entry.delete', toTimelineEntryDto(entry), null), this.clock.now(), context);
    });
  }

  /** The entry or a 404; an entry of another incident is not found here. */
  private async requireEntry(incident: IncidentRow, entryId: string): Promise<TimelineEntryRow> {
    const entry = await this.timeline.find(incident.id, entryId);
    if (!entry) throw new NotFoundError(`Timeline entry of ${incident.key}`, entryId);
    return entry;
  }
}

const timelineCursor = (cursor: TieBreakCursor): TimelineCursor => ({ occurredAt: cursor.at, createdAt: cursor.then, id: cursor.id });
