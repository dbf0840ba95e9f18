import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { teamChange } from './team.mapper.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { resolveNames, type NameResolution } from '../common/name-resolution.js';
import { AlreadyExistsError, InUseError, NotFoundError } from '../common/errors.js';
import type { CreateTeamDto } from './dto/create-team.dto.js';
import type { TeamDto } from './dto/team.dto.js';
import type { TeamFieldsDto } from './dto/team-fields.js';
import type { UpdateTeamDto } from './dto/update-team.dto.js';
import { toTeamDto, type TeamRow } from './team.mapper.js';
import { TeamsRepository, type TeamColumns } from './teams.repository.js';
import { describeUsage } from '../common/usage.js';
import { Transactions } from '../database/transactions.js';

/** Each field and the column it is written to. */
const COLUMNS = {
  name: 'name',
  description: 'description',
  pagingScheduleUrl: 'paging_schedule_url',
} as const satisfies Record<keyof TeamFieldsDto, string>;

@Injectable()
export class TeamsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly teams: TeamsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<TeamDto[]> {
    return (await this.teams.list()).map(toTeamDto);
  }

  /**
   * The id of the team with exactly this name (null when there is none), locked against deletion until
   * the caller's transaction ends, so that a reference the caller writes to it stays valid.
   */
  idForReference(name: string): Promise<string | null> {
    return this.teams.findIdByNameForReference(name);
  }

  /**
   * Team names to ids, matched ignoring case; missing teams are created (the first spelling of each), or
   * with `create` false only listed (a dry run). Imports name teams this way.
   */
  resolveNames(names: readonly string[], create: boolean): Promise<NameResolution> {
    return this.transactions.run(() => resolveNames(names, (n) => this.teams.idsByName(n), create ? (n) => this.teams.createNamed(n) : null));
  }

  async get(idOrName: string): Promise<TeamDto> {
    return toTeamDto(await this.require(idOrName));
  }

  async create(dto: CreateTeamDto, actor: Actor, context: AuditContext = {}): Promise<TeamDto> {
    return this.transactions.run(async () => {
      await this.teams.lockWrites();
      await this.assertNameFree(dto.name, null);
      const id = await this.teams.insert(columnsOf(dto));
      if (id === null) {
        // A writer outside this service took the name after the check.
        await this.assertNameFree(dto.name, null);
        throw new AlreadyExistsError('A team', 'name', dto.name);
      }
      const created = toTeamDto((await this.teams.find(id))!);
      await this.audit.record(actor, teamChange('team.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** Last write wins: teams carry no version. Recorded only when something changed. */
  async update(idOrName: string, dto: UpdateTeamDto, actor: Actor, context: AuditContext = {}): Promise<TeamDto> {
    return this.transactions.run(async () => {
      await this.teams.lockWrites();
      const current = await this.require(idOrName, true);
      if (dto.name !== undefined && dto.name !== current.name) await this.assertNameFree(dto.name, current.id);
      const columns = columnsOf(dto);
      if (Object.keys(columns).length > 0) await this.teams.update(current.id, columns);
      const before = toTeamDto(current);
      const after = toTeamDto((await this.teams.find(current.id))!);
      if (hasChanges(before, after)) await this.audit.record(actor, teamChange('team.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  /** Refused while incidents, services or action items refer to the team: they are never silently unassigned. */
  async delete(idOrName: string, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.transactions.run(async () => {
      const current = await this.require(idOrName, true);
      const usage = await this.teams.usage(current.id);
      const usedBy = describeUsage([
        { count: usage.incidents, singular: 'incident', plural: 'incidents' },
        { count: usage.services, singular: 'service', plural: 'services' },
        { count: usage.actionItems, singular: 'action item', plural: 'action items' },
      ]);
      if (usedBy) throw new InUseError('Team', current.name, usedBy);
      await this.teams.delete(current.id);
      await this.audit.record(actor, teamChange('team.delete', toTeamDto(current), null), this.clock.now(), context);
    });
  }

  /** The team or a 404 naming what was asked for. */
  private async require(idOrName: string, forUpdate = false): Promise<TeamRow> {
    const row = await this.teams.find(idOrName, forUpdate);
    if (!row) throw new NotFoundError('Team', idOrName);
    return row;
  }

  /** Names are unique ignoring case: `payments` beside `Payments` would only confuse. */
  private async assertNameFree(name: string, exceptId: string | null): Promise<void> {
    const holder = await this.teams.findNameHolder(name, exceptId);
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
