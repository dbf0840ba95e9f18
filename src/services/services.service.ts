import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository, type AuditContext } from '../audit/audit.repository.js';
import { serviceChange } from '../audit/changes.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { AlreadyExistsError, InUseError, NotFoundError, UnknownReferenceError } from '../common/errors.js';
import { TeamsRepository } from '../teams/teams.repository.js';
import { describeUsage } from '../common/usage.js';
import type { CreateServiceDto } from './dto/create-service.dto.js';
import type { ListServicesQuery } from './dto/list-services.query.js';
import type { ServiceDto } from './dto/service.dto.js';
import type { ServiceFieldsDto } from './dto/service-fields.js';
import type { UpdateServiceDto } from './dto/update-service.dto.js';
import { toServiceDto, type ServiceRow } from './service.mapper.js';
import { ServicesRepository, type ServiceColumns } from './services.repository.js';

/** Fields copied to their column unchanged when present (owningTeam is resolved to an id). */
const COLUMNS = {
  name: 'name',
  kind: 'kind',
  functionality: 'functionality',
  pagingScheduleUrl: 'paging_schedule_url',
  supportUrl: 'support_url',
  statusPageUrl: 'status_page_url',
} as const satisfies Record<Exclude<keyof ServiceFieldsDto, 'owningTeam'>, string>;

@Injectable()
export class ServicesService {
  constructor(
    private readonly services: ServicesRepository,
    private readonly teams: TeamsRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async list(query: ListServicesQuery): Promise<ServiceDto[]> {
    return (await this.services.list({ kind: query.kind, team: query.team })).map(toServiceDto);
  }

  async get(idOrName: string): Promise<ServiceDto> {
    return toServiceDto(await this.require(idOrName));
  }

  async create(dto: CreateServiceDto, actor: Actor, context: AuditContext = {}): Promise<ServiceDto> {
    return this.services.transaction(async (manager) => {
      await this.services.lockWrites(manager);
      await this.assertNameFree(manager, dto.name, null);
      const columns = columnsOf(dto);
      if (dto.owningTeam !== undefined) columns.owning_team_id = await this.teamId(manager, dto.owningTeam);
      const id = await this.services.insert(manager, columns);
      if (id === null) {
        // A writer outside this service took the name after the check.
        await this.assertNameFree(manager, dto.name, null);
        throw new AlreadyExistsError('A service', 'name', dto.name);
      }
      const created = toServiceDto((await this.services.find(id, manager))!);
      await this.audit.record(manager, actor, serviceChange('service.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** Last write wins: services carry no version. Recorded only when something changed. */
  async update(idOrName: string, dto: UpdateServiceDto, actor: Actor, context: AuditContext = {}): Promise<ServiceDto> {
    return this.services.transaction(async (manager) => {
      await this.services.lockWrites(manager);
      const current = await this.require(idOrName, manager, true);
      if (dto.name !== undefined && dto.name !== current.name) await this.assertNameFree(manager, dto.name, current.id);
      const columns = columnsOf(dto);
      if (dto.owningTeam !== undefined) columns.owning_team_id = await this.teamId(manager, dto.owningTeam);
      if (Object.keys(columns).length > 0) await this.services.update(manager, current.id, columns);
      const before = toServiceDto(current);
      const after = toServiceDto((await this.services.find(current.id, manager))!);
      if (hasChanges(before, after)) await this.audit.record(manager, actor, serviceChange('service.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  /** Refused while any incident lists the service as affected. */
  async delete(idOrName: string, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.services.transaction(async (manager) => {
      const current = await this.require(idOrName, manager, true);
      const usedBy = describeUsage([{ count: await this.services.incidentCount(manager, current.id), singular: 'incident', plural: 'incidents' }]);
      if (usedBy) throw new InUseError('Service', current.name, usedBy);
      await this.services.delete(manager, current.id);
      await this.audit.record(manager, actor, serviceChange('service.delete', toServiceDto(current), null), this.clock.now(), context);
    });
  }

  /** The service or a 404 naming what was asked for. */
  private async require(idOrName: string, manager?: EntityManager, forUpdate = false): Promise<ServiceRow> {
    const row = await this.services.find(idOrName, manager, forUpdate);
    if (!row) throw new NotFoundError('Service', idOrName);
    return row;
  }

  /** Names are unique ignoring case: `Payments-API` beside `payments-api` would only confuse. */
  private async assertNameFree(manager: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const holder = await this.services.findNameHolder(manager, name, exceptId);
    if (holder !== null) throw new AlreadyExistsError(holder === name ? 'A service' : `A service (${holder})`, 'name', name);
  }

  /** The owning team's id; null or an empty name leaves the service unowned. */
  private async teamId(manager: EntityManager, name: string | null): Promise<string | null> {
    if (name === null || name === '') return null;
    const id = await this.teams.findIdByNameForReference(manager, name);
    if (id === null) throw new UnknownReferenceError('owningTeam', name, 'team');
    return id;
  }
}

function columnsOf(dto: ServiceFieldsDto): ServiceColumns {
  const columns: ServiceColumns = {};
  for (const field of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    if (dto[field] !== undefined) columns[COLUMNS[field]] = dto[field];
  }
  return columns;
}
