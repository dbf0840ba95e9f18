import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { severityLevelChange } from './severity-level.mapper.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { AlreadyExistsError, InUseError, NotFoundError, UnknownReferenceError } from '../common/errors.js';
import { assertVersion } from '../common/version.js';
import { describeUsage } from '../common/usage.js';
import type { CreateSeverityLevelDto } from './dto/create-severity-level.dto.js';
import type { SeverityLevelDto } from './dto/severity-level.dto.js';
import type { SeverityLevelFieldsDto } from './dto/severity-level-fields.js';
import type { UpdateSeverityLevelDto } from './dto/update-severity-level.dto.js';
import type { SeverityLevel } from './severity-level.entity.js';
import { toSeverityLevelDto } from './severity-level.mapper.js';
import { SeverityLevelsRepository, type SeverityLevelColumns } from './severity-levels.repository.js';
import { Transactions } from '../database/transactions.js';

/** Each field and the column it is written to. */
const COLUMNS = {
  key: 'key',
  name: 'name',
  description: 'description',
  rank: 'rank',
  ackTargetSeconds: 'ack_target_seconds',
  mitigateTargetSeconds: 'mitigate_target_seconds',
  resolveTargetSeconds: 'resolve_target_seconds',
  updateCadenceSeconds: 'update_cadence_seconds',
  retroDueBusinessHours: 'retro_due_business_hours',
} as const satisfies Record<keyof SeverityLevelFieldsDto, string>;

@Injectable()
export class SeverityLevelsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly severities: SeverityLevelsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** The level with this key, or a 422 naming `field` and listing the known keys. */
  async resolve(field: string, key: string): Promise<SeverityLevel> {
    const level = await this.severities.findByKey(key);
    if (level) return level;
    const known = (await this.severities.list()).map((s) => s.key).join(', ');
    throw new UnknownReferenceError(field, key, 'severity level', `known: ${known}`);
  }

  /** The level with this id, or null. */
  findById(id: string): Promise<SeverityLevel | null> {
    return this.severities.findById(id);
  }

  async list(): Promise<SeverityLevelDto[]> {
    return (await this.severities.list()).map(toSeverityLevelDto);
  }

  async get(key: string): Promise<SeverityLevelDto> {
    return toSeverityLevelDto(await this.require(key));
  }

  async create(dto: CreateSeverityLevelDto, actor: Actor, context: AuditContext = {}): Promise<SeverityLevelDto> {
    return this.transactions.run(async () => {
      await this.severities.lockWrites();
      await this.assertUnique(dto.key, dto.rank, null);
      const id = await this.severities.insert(columnsOf(dto));
      if (id === null) {
        // A writer outside this service took the key or rank after the check: name which one.
        await this.assertUnique(dto.key, dto.rank, null);
        throw new AlreadyExistsError('A severity level', 'key', dto.key);
      }
      const created = toSeverityLevelDto((await this.severities.findById(id))!);
      await this.audit.record(actor, severityLevelChange('severity_level.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /** Recorded only when something besides version and updatedAt changed. */
  async update(key: string, dto: UpdateSeverityLevelDto, actor: Actor, context: AuditContext = {}): Promise<SeverityLevelDto> {
    return this.transactions.run(async () => {
      await this.severities.lockWrites();
      const current = await this.require(key, true);
      assertVersion('Severity level', current.key, dto.version, current.version);
      await this.assertUnique(
        dto.key !== undefined && dto.key !== current.key ? dto.key : undefined,
        dto.rank !== undefined && dto.rank !== current.rank ? dto.rank : undefined,
        current.id,
      );
      const columns = columnsOf(dto);
      if (Object.keys(columns).length > 0) await this.severities.update(current.id, columns);
      const before = toSeverityLevelDto(current);
      const after = toSeverityLevelDto((await this.severities.findById(current.id))!);
      if (hasChanges(before, after)) await this.audit.record(actor, severityLevelChange('severity_level.update', before, after), this.clock.now(), context);
      return after;
    });
  }

  /** Refused while any incident or severity change refers to the level: history is never rewritten. */
  async delete(key: string, version: number | undefined, actor: Actor, context: AuditContext = {}): Promise<void> {
    await this.transactions.run(async () => {
      const current = await this.require(key, true);
      if (version !== undefined) assertVersion('Severity level', current.key, version, current.version);
      const usage = await this.severities.usage(current.id);
      const usedBy = describeUsage([
        { count: usage.incidents, singular: 'incident (as current or peak severity)', plural: 'incidents (as current or peak severity)' },
        { count: usage.severityChanges, singular: 'severity change', plural: 'severity changes' },
      ]);
      if (usedBy) throw new InUseError('Severity level', current.key, usedBy);
      await this.severities.delete(current.id);
      await this.audit.record(actor, severityLevelChange('severity_level.delete', toSeverityLevelDto(current), null), this.clock.now(), context);
    });
  }

  /** The level or a 404 naming the key; `forUpdate` locks it until the transaction ends. */
  private async require(key: string, forUpdate = false): Promise<SeverityLevel> {
    const level = forUpdate ? await this.severities.findByKeyForUpdate(key) : await this.severities.findByKey(key);
    if (!level) throw new NotFoundError('Severity level', key);
    return level;
  }

  /** Keys are unique ignoring case (`sev1` beside `SEV1` would only confuse); ranks are unique. */
  private async assertUnique(key: string | undefined, rank: number | undefined, exceptId: string | null): Promise<void> {
    if (key !== undefined) {
      const holder = await this.severities.findKeyHolder(key, exceptId);
      if (holder !== null) throw new AlreadyExistsError(holder === key ? 'A severity level' : `A severity level (${holder})`, 'key', key);
    }
    if (rank !== undefined) {
      const holder = await this.severities.findRankHolder(rank, exceptId);
      if (holder !== null) throw new AlreadyExistsError(`A severity level (${holder})`, 'rank', rank);
    }
  }
}

function columnsOf(dto: SeverityLevelFieldsDto): SeverityLevelColumns {
  const columns: SeverityLevelColumns = {};
  for (const field of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    if (dto[field] !== undefined) columns[COLUMNS[field]] = dto[field];
  }
  return columns;
}
