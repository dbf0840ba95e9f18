import { Inject, Injectable } from '@nestjs/common';
import { localDate } from '../../action-items/action-item-rules.js';
import { Clock } from '../../common/clock.js';
import { InvalidInputError } from '../../common/errors.js';
import { parseInstant } from '../../common/instant.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { addBusinessSeconds } from '../core/business-hours.js';
import type { ActionItemMetricsQueryDto } from './dto/metrics-health-query.dto.js';
import type {
  ActionItemHealthDto, ActionItemHealthResponseDto, CommsHealthGroupDto, CommsHealthResponseDto, OverdueRetroDto, RetroHealthGroupDto, RetroHealthResponseDto,
} from './dto/metrics-health-response.dto.js';
import type { MetricsQueryDto } from '../dto/metrics-query.dto.js';
import { MetricsHealthRepository, type ActionItemHealthRow, type CommsHealthRow, type OverdueRetroRow, type RetroHealthRow } from './metrics-health.repository.js';
import { groupKey, scopeOf, type GroupDimension, type MetricsScope } from '../core/metrics-scope.js';

const dimensionName = (d: GroupDimension) => (d.kind === 'period' ? `period:${d.unit}` : d.kind);
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function toRetroHealthGroupDto(row: RetroHealthRow, groupBy: readonly GroupDimension[]): RetroHealthGroupDto {
  const judged = row.onTime + row.late;
  return {
    key: groupKey(row.keyColumns, groupBy),
    resolved: row.resolved,
    excluded: row.excluded,
    withRetro: row.withRetro,
    retroShare: ratio(row.withRetro, row.resolved),
    timing: { n: judged, onTime: row.onTime, late: row.late, onTimeShare: ratio(row.onTime, judged), noTarget: row.timingNoTarget, order: row.timingOrder },
    withoutRetro: { overdue: row.overdue, notYetDue: row.notYetDue, noTarget: row.backlogNoTarget, order: row.backlogOrder },
  };
}

export function toActionItemHealthDto(row: ActionItemHealthRow): ActionItemHealthDto {
  return {
    total: row.total,
    open: row.open,
    inProgress: row.inProgress,
    overdue: row.overdue,
    done: row.done,
    doneOnTime: row.doneOnTime,
    doneLate: row.doneLate,
    doneNotJudged: row.done - row.doneOnTime - row.doneLate,
    onTimeShare: ratio(row.doneOnTime, row.doneOnTime + row.doneLate),
    wontDo: row.wontDo,
    closedN: row.closedN,
    medianDaysToClose: row.medianDaysToClose,
  };
}

export function toCommsHealthGroupDto(row: CommsHealthRow, groupBy: readonly GroupDimension[]): CommsHealthGroupDto {
  return {
    key: groupKey(row.keyColumns, groupBy),
    n: row.n,
    openSeconds: row.openSeconds,
    coveredSeconds: row.coveredSeconds,
    // Like commsCadence(): a window of zero length has nothing to cover, so a group of only those is fully covered.
    share: row.n === 0 ? null : row.openSeconds === 0 ? 1 : row.coveredSeconds / row.openSeconds,
    medianShare: row.medianShare,
    notJudged: { noCadence: row.noCadence, excluded: row.excluded, order: row.order },
  };
}

/**
 * The health metrics of SPEC §2 beside the interval metrics: retro health, action-item health and
 * comms-cadence adherence. Checks the request, has PostgreSQL aggregate, shapes the answer. Deadlines
 * and open windows are judged at the injected Clock's now.
 */
@Injectable()
export class MetricsHealthService {
  constructor(
    private readonly repository: MetricsHealthRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async retros(query: MetricsQueryDto): Promise<RetroHealthResponseDto> {
    const scope = this.scope(query);
    const now = this.clock.now();
    const calendar = this.config.businessCalendar;
    const rows = await this.repository.retroHealth(scope, calendar, now);
    const overdue = await this.repository.overdueRetros(scope, calendar, now);
    return {
      ...this.echo(scope, now),
      groups: rows.map((row) => toRetroHealthGroupDto(row, scope.groupBy)),
      overdue: overdue.map((row): OverdueRetroDto => ({
        incidentId: row.incidentId,
        key: row.key,
        title: row.title,
        severity: row.severity,
        team: row.team,
        resolvedAt: row.resolvedAt.toISOString(),
        retroDueBusinessHours: row.retroDueBusinessHours,
        dueAt: dueAt(row, this.config).toISOString(),
      })),
    };
  }

  async actionItems(query: ActionItemMetricsQueryDto): Promise<ActionItemHealthResponseDto> {
    const from = query.from === undefined ? undefined : parseInstant('from', query.from);
    const to = query.to === undefined ? undefined : parseInstant('to', query.to);
    if (from && to && from.getTime() >= to.getTime()) throw new InvalidInputError('to', query.to, `must be after from (${query.from}): the range is [from, to)`);
    const now = this.clock.now();
    const timeZone = this.config.reportTimeZone;
    const today = localDate(now, timeZone);
    const rows = await this.repository.actionItemHealth({ from, to, teams: query.team, today, timeZone });
    const [overall, ...teams] = rows;
    return {
      timeZone,
      today,
      now: now.toISOString(),
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      teams: teams.map((row) => ({ team: row.team ?? '(none)', ...toActionItemHealthDto(row) })),
      overall: toActionItemHealthDto(overall),
    };
  }

  async comms(query: MetricsQueryDto): Promise<CommsHealthResponseDto> {
    const scope = this.scope(query);
    const now = this.clock.now();
    const rows = await this.repository.commsHealth(scope, now);
    return { ...this.echo(scope, now), groups: rows.map((row) => toCommsHealthGroupDto(row, scope.groupBy)) };
  }

  private scope(query: MetricsQueryDto): MetricsScope {
    return scopeOf(query, this.config.reportTimeZone);
  }

  private echo(scope: MetricsScope, now: Date) {
    return {
      timeZone: scope.timeZone,
      from: scope.filter.from.toISOString(),
      to: scope.filter.to.toISOString(),
      groupBy: scope.groupBy.map(dimensionName),
      now: now.toISOString(),
    };
  }
}

function dueAt(row: OverdueRetroRow, config: AppConfig): Date {
  return addBusinessSeconds(row.resolvedAt, row.retroDueBusinessHours * 3600, config.businessCalendar);
}
