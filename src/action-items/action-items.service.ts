import { Inject, Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { actionItemChange } from './action-item.mapper.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { decodeCursor, encodeCursor, pageRequest, toPage, type PageCursor } from '../common/cursor.js';
import {NotFoundError, RuleViolationError, UnknownReferenceError } from '../common/errors.js';
import { parseInstant } from '../common/instant.js';
import { assertVersion } from '../common/version.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { RetrospectivesService } from '../retros/retrospectives.service.js';
import { TeamsService } from '../teams/teams.service.js';
import { completedAtAfter, localDate } from './action-item-rules.js';
import { toActionItemDto, type ActionItemRow } from './action-item.mapper.js';
import { ActionItemsRepository, type ActionItemColumns, type ActionItemCursor, type ActionItemFilter } from './action-items.repository.js';
import type { ActionItemDto, ActionItemPageDto } from './dto/action-item.dto.js';
import type { CreateActionItemDto } from './dto/create-action-item.dto.js';
import type { ActionItemFilterQuery, ListActionItemsQuery } from './dto/list-action-items.query.js';
import type { UpdateActionItemDto } from './dto/update-action-item.dto.js';
import { Transactions } from '../database/transactions.js';

const blankToNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value.trim() === '' ? null : value.trim());

@Injectable()
export class ActionItemsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly items: ActionItemsRepository,
    private readonly incidents: IncidentsService,
    private readonly teams: TeamsService,
    private readonly retrospectives: RetrospectivesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditTrail,
  ) {}

  async create(dto: CreateActionItemDto, actor: Actor, context: AuditContext = {}): Promise<ActionItemDto> {
    const completedAt = dto.completedAt === undefined ? undefined : parseInstant('completedAt', dto.completedAt);
    return this.transactions.run(async () => {
      const incident = await this.incidents.requireReference('incident', dto.incident);
      const status = dto.status ?? 'open';
      const id = await this.items.insert({
        incident_id: incident.id,
        retrospective_id: await this.retrospectiveId(incident, dto.retrospectiveId),
        title: dto.title,
        description: dto.description ?? '',
        owner: blankToNull(dto.owner),
        team_id: await this.teamId(dto.team),
        priority: dto.priority ?? 'medium',
        due_date: dto.dueDate ?? null,
        status,
        completed_at: completedAtAfter(null, status, completedAt, this.clock.now()),
        external_url: dto.externalUrl ?? null,
      });
      const created = this.toDto((await this.items.find(id))!);
      await this.audit.record(actor, actionItemChange('action_item.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  async get(id: string): Promise<ActionItemDto> {
    return this.toDto(await this.require(id));
  }

  async list(query: ListActionItemsQuery): Promise<ActionItemPageDto> {
    return this.page(query, query.incident);
  }

  /** The incident's action items; 404 when there is no such incident. */
  async listForIncident(idOrKey: string, query: ActionItemFilterQuery): Promise<ActionItemPageDto> {
    const incident = await this.incidents.require(idOrKey);
    return this.page(query, incident.id);
  }

  /** Recorded only when something besides version and updatedAt changed. */
  async update(id: string, dto: UpdateActionItemDto, actor: Actor, context: AuditContext = {}): Promise<ActionItemDto> {
    const completedAt = dto.completedAt === undefined ? undefined : parseInstant('completedAt', dto.completedAt);
    return this.transactions.run(async () => {
      const current = await this.require(id, true);
      assertVersion('Action item', current.id, dto.version, current.version);
      const columns: ActionItemColumns = {};
      if (dto.title !== undefined) columns.title = dto.title;
      if (dto.description !== undefined) columns.description = dto.description;
      if (dto.owner !== undefined) columns.owner = blankToNull(dto.owner);
      if (dto.team !== undefined) columns.team_id = await this.teamId(dto.team);
      if (dto.priority !== undefined) columns.priority = dto.priority;
      if (dto.dueDate !== undefined) columns.due_date = dto.dueDate;
      if (dto.externalUrl !== undefined) columns.external_url = dto.externalUrl;
      if (dto.retrospectiveId !== undefined) {
        columns.retrospective_id = await this.retrospectiveId({ id: current.incident_id, key: current.incident_key }, dto.retrospectiveId);
      }
      if (dto.status !== undefined || completedAt !== undefined) {
        const status = dto.status ?? current.status;
        columns.status = status;
        columns.completed_at = completedAtAfter({ status: current.status, completedAt: current.completed_at }, status, completedAt, this.clock.now());
      }
      await this.items.update(current.id, columns);
      const before = this.toDto(current);
      const after = this.toDto((await this.items.find(current.id))!);
      if (hasChanges(before, after)) await this.audit.record(actor, actionItemChange('action_item.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  async delete(id: string, version: number | undefined, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.transactions.run(async () => {
      const current = await this.require(id, true);
      if (version !== undefined) assertVersion('Action item', current.id, version, current.version);
      await this.items.delete(current.id);
      await this.audit.record(actor, actionItemChange('action_item.delete', this.toDto(current), null), this.clock.now(), context);
    });
  }

  private async page(query: ActionItemFilterQuery, incident: string | undefined): Promise<ActionItemPageDto> {
    const { limit, after } = pageRequest(query, (cursor) => actionItemCursor(decodeCursor(cursor)));
    const today = this.today();
    const filter: ActionItemFilter = {
      incident,
      teams: query.team,
      statuses: query.status,
      priorities: query.priority,
      owner: query.owner,
      overdue: query.overdue,
      today,
    };
    const { rows, total } = await this.items.list(filter, limit + 1, after);
    return { ...toPage(rows, limit, (row) => toActionItemDto(row, today), (last) => encodeCursor({ at: last.cursor_at, id: last.id })), total };
  }

  /** Today's date in the reporting time zone, by the injected clock. */
  private today(): string {
    return localDate(this.clock.now(), this.config.reportTimeZone);
  }

  private toDto(row: ActionItemRow): ActionItemDto {
    return toActionItemDto(row, this.today());
  }

  private async require(id: string, forUpdate = false): Promise<ActionItemRow> {
    const row = await this.items.find(id, forUpdate);
    if (!row) throw new NotFoundError('Action item', id);
    return row;
  }

  private async teamId(name: string | null | undefined): Promise<string | null> {
    if (name === undefined || name === null) return null;
    const id = await this.teams.idForReference(name);
    if (id === null) throw new UnknownReferenceError('team', name, 'team');
    return id;
  }

  /** The retrospective id after checking it is the retrospective of `incident`. */
  private async retrospectiveId(incident: { id: string; key: string }, id: string | null | undefined): Promise<string | null> {
    if (id === undefined || id === null) return null;
    const owner = await this.retrospectives.incidentIdOf(id);
    if (owner === null) throw new UnknownReferenceError('retrospectiveId', id, 'retrospective');
    if (owner !== incident.id) {
      throw new RuleViolationError(
        'RETRO_OF_OTHER_INCIDENT',
        `retrospectiveId: ${JSON.stringify(id)} is the retrospective of another incident, not of ${incident.key}`,
        { field: 'retrospectiveId', value: id },
      );
    }
    return id;
  }
}

const actionItemCursor = (cursor: PageCursor): ActionItemCursor => ({ createdAt: cursor.at, id: cursor.id });
