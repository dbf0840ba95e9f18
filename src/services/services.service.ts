import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { serviceChange } from './service.mapper.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { resolveNames, type NameResolution } from '../common/name-resolution.js';
import { AlreadyExistsError, InUseError, NotFoundError, UnknownReferenceError } from '../common/errors.js';
import { TeamsService } from '../teams/teams.service.js';
import { describeUsage } from '../common/usage.js';
import type { CreateServiceDto } from './dto/create-service.dto.js';
import type { ListServicesQuery } from './dto/list-services.query.js';
import type { ServiceDto } from './dto/service.dto.js';
import type { ServiceFieldsDto } from './dto/service-fields.js';
import type { UpdateServiceDto } from './dto/update-service.dto.js';
import { toServiceDto, type ServiceRow } from './service.mapper.js';
import { ServicesRepository, type ServiceColumns } from './services.repository.js';
import { Transactions } from '../database/transactions.js';

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
    private readonly transactions: Transactions,
    private readonly services: ServicesRepository,
    private readonly teams: TeamsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async list(query: ListServicesQuery): Promise<ServiceDto[]> {
    return (await this.services.list({ kind: query.kind, team: query.team })).map(toServiceDto);
  }

  /** The services with these exact names (those that exist), locked against deletion until the caller's transaction ends. */
  findForReference(names: string[]): Promise<{ id: string; name: string }[]> {
    return this.services.findByNamesForReference(names);
  }

  /**
   * Service names to ids, matched ignoring case; missing services are created (kind `service`, the first
   * spelling of each), or with `create` false only listed (a dry run). Imports name services this way.
   */
  resolveNames(names: readonly string[], create: boolean): Promise<NameResolution> {
    return this.transactions.run(() => resolveNames(names, (n) => this.services.idsByName(n), create ? (n) => this.services.createNamed(n) : null));
  }

  async get(idOrName: string): Promise<ServiceDto> {
    return toServiceDto(await this.require(idOrName));
  }

  async create(dto: CreateServiceDto, actor: Actor, context: AuditContext = {}): Promise<ServiceDto> {
    return this.transactions.run(async () => {
      await this.services.lockWrites();
      await this.assertNameFree(dto.name, null);
      const columns = columnsOf(dto);
      if (dto.owningTeam !== undefined) columns.owning_team_id = await this.teamId(dto.owningTeam);
      const id = await this.services.insert(columns);
      if (id === null) {
        // A writer outside this service took the name after the check.
        await this.assertNameFree(dto.name, null);
        throw new AlreadyExistsError('A service', 'name', dto.name);
      }
      const created = toServiceDto((await this.services.find(id))!);
      await this.audit.record(actor, serviceChange('service.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** Last write wins: services carry no version. Recorded only when something changed. */
  async update(idOrName: string, dto: UpdateServiceDto, actor: Actor, context: AuditContext = {}): Promise<ServiceDto> {
    return this.transactions.run(async () => {
      await this.services.lockWrites();
      const current = await this.require(idOrName, true);
      if (dto.name !== undefined && dto.name !== current.name) await this.assertNameFree(dto.name, current.id);
      const columns = columnsOf(dto);
      if (dto.owningTeam !== undefined) columns.owning_team_id = await this.teamId(dto.owningTeam);
      if (Object.keys(columns).length > 0) await this.services.update(current.id, columns);
      const before = toServiceDto(current);
      const after = toServiceDto((await this.services.find(current.id))!);
      if (hasChanges(before, after)) await this.audit.record(actor, serviceChange('service.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  /** Refused while any incident lists the service as affected. */
  async delete(idOrName: string, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.transactions.run(async () => {
      const current = await this.require(idOrName, true);
      const usedBy = describeUsage([{ count: await this.services.incidentCount(current.id), singular: 'incident', plural: 'incidents' }]);
      if (usedBy) throw new InUseError('Service', current.name, usedBy);
      await this.services.delete(current.id);
      await this.audit.record(actor, serviceChange('service.delete', toServiceDto(current), null), this.clock.now(), context);
    });
  }

  /** The service or a 404 naming what was asked for. */
  private async require(idOrName: string, forUpdate = false): Promise<ServiceRow> {
    const row = await this.services.find(idOrName, forUpdate);
    if (!row) throw new NotFoundError('Service', idOrName);
    return row;
  }

  /** Names are unique ignoring case: `Payments-API` beside `payments-api` would only confuse. */
  private async assertNameFree(name: string, exceptId: string | null): Promise<void> {
    const holder = await this.services.findNameHolder(name, exceptId);
    if (holder !== null) throw new AlreadyExistsError(holder === name ? 'A service' : `A service (${holder})`, 'name', name);
  }

  /** The owning team's id; null or an empty name leaves the service unowned. */
  private async teamId(name: string | null): Promise<string | null> {
    if (name === null || name === '') return null;
    const id = await this.teams.idForReference(name);
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
