import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository, type AuditContext } from '../audit/audit.repository.js';
import { teamChange } from '../audit/changes.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { AlreadyExistsError, InUseError, NotFoundError } from '../common/errors.js';
import type { CreateTeamDto } from './dto/create-team.dto.js';
import type { TeamDto } from './dto/team.dto.js';
import type { TeamFieldsDto } from './dto/team-fields.js';
import type { UpdateTeamDto } from './dto/update-team.dto.js';
import { toTeamDto, type TeamRow } from './team.mapper.js';
import { TeamsRepository, type TeamColumns } from './teams.repository.js';
import { describeUsage } from '../common/usage.js';

/** Each field and the column it is written to. */
const COLUMNS = {
  name: 'name',
  description: 'description',
  pagingScheduleUrl: 'paging_schedule_url',
} as const satisfies Record<keyof TeamFieldsDto, string>;

@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<TeamDto[]> {
    return (await this.teams.list()).map(toTeamDto);
  }

  async get(idOrName: string): Promise<TeamDto> {
    return toTeamDto(await this.require(idOrName));
  }

  async create(dto: CreateTeamDto, actor: Actor, context: AuditContext = {}): Promise<TeamDto> {
    return this.teams.transaction(async (manager) => {
      await this.teams.lockWrites(manager);
      await this.assertNameFree(manager, dto.name, null);
      const id = await this.teams.insert(manager, columnsOf(dto));
      if (id === null) {
        // A writer outside this service took the name after the check.
        await this.assertNameFree(manager, dto.name, null);
        throw new AlreadyExistsError('A team', 'name', dto.name);
      }
      const created = toTeamDto((await this.teams.find(id, manager))!);
      await this.audit.record(manager, actor, teamChange('team.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** Last write wins: teams carry no version. Recorded only when something changed. */
  async update(idOrName: string, dto: UpdateTeamDto, actor: Actor, context: AuditContext = {}): Promise<TeamDto> {
    return this.teams.transaction(async (manager) => {
      await this.teams.lockWrites(manager);
      const current = await this.require(idOrName, manager, true);
      if (dto.name !== undefined && dto.name !== current.name) await this.assertNameFree(manager, dto.name, current.id);
      const columns = columnsOf(dto);
      if (Object.keys(columns).length > 0) await this.teams.update(manager, current.id, columns);
      const before = toTeamDto(current);
      const after = toTeamDto((await this.teams.find(current.id, manager))!);
      if (hasChanges(before, after)) await this.audit.record(manager, actor, teamChange('team.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  /** Refused while incidents, services or action items refer to the team: they are never silently unassigned. */
  async delete(idOrName: string, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.teams.transaction(async (manager) => {
      const current = await this.require(idOrName, manager, true);
      const usage = await this.teams.usage(manager, current.id);
      const usedBy = describeUsage([
        { count: usage.incidents, singular: 'incident', plural: 'incidents' },
        { count: usage.services, singular: 'service', plural: 'services' },
        { count: usage.actionItems, singular: 'action item', plural: 'action items' },
      ]);
      if (usedBy) throw new InUseError('Team', current.name, usedBy);
      await this.teams.delete(manager, current.id);
      await this.audit.record(manager, actor, teamChange('team.delete', toTeamDto(current), null), this.clock.now(), context);
    });
  }

  /** The team or a 404 naming what was asked for. */
  private async require(idOrName: string, manager?: EntityManager, forUpdate = false): Promise<TeamRow> {
    const row = await this.teams.find(idOrName, manager, forUpdate);
    if (!row) throw new NotFoundError('Team', idOrName);
    return row;
  }

  /** Names are unique ignoring case: `payments` beside `Payments` would only confuse. */
  private async assertNameFree(manager: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const holder = await this.teams.findNameHolder(manager, name, exceptId);
    if (holder !== null) throw new AlreadyExistsError(holder === name ? 'A team' : `A team (${holder})`, 'name', name);
  }
}

function columnsOf(dto: TeamFieldsDto): TeamColumns {
  const columns: TeamColumns = {};
  for (const field of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    if (dto[field] !== undefined) columns[COLUMNS[field]] = dto[field];
  }
  return columns;
}
