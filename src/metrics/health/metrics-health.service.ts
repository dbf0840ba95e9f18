import { Inject, Injectable } from '@nestjs/common';
import { localDate } from '../../action-items/action-item-rules.js';
import { Clock } from '../../common/clock.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { addBusinessSeconds } from '../core/business-hours.js';
import { checkGroupCount, checkInstant, checkRange, checkTimeZone, resolveScope, type MetricsScope, type ResolvedScope } from '../core/metrics-scope.js';
import { MetricsHealthRepository } from './metrics-health.repository.js';
import {
  toActionItemHealth, toCommsHealthGroup, toRetroHealthGroup, type ActionItemHealthReport, type ActionItemScope, type CommsHealthReport, type HealthScopeEcho,
  type RetroHealthReport,
} from './metrics-health.results.js';

/** Overdue retros listed by GET /metrics/retros, oldest resolution first; the groups' `overdue` counts them all. */
export const OVERDUE_RETRO_LIST_LIMIT = 1000;

/**
 * The health metrics of SPEC §2 beside the interval metrics — retro health, action-item health and
 * comms-cadence adherence — for the endpoints and callers in the process alike. Checks the scope, has
 * PostgreSQL aggregate, derives the shares. Deadlines and open windows are judged at the injected Clock's now.
 */
@Injectable()
export class MetricsHealthService {
  constructor(
    private readonly repository: MetricsHealthRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async retros(scope: MetricsScope): Promise<RetroHealthReport> {
    const resolved = resolveScope(scope, this.config.reportTimeZone);
    const now = this.clock.now();
    const calendar = this.config.businessCalendar;
    const rows = await this.repository.retroHealth(resolved, calendar, now);
    checkGroupCount(rows.length, resolved.groupBy, { atLeast: true });
    const overdue = await this.repository.overdueRetros(resolved, calendar, now, OVERDUE_RETRO_LIST_LIMIT);
    return {
      ...echo(resolved, now),
      groups: rows.map(toRetroHealthGroup),
      overdue: overdue.map((row) => ({ ...row, dueAt: addBusinessSeconds(row.resolvedAt, row.retroDueBusinessHours * 3600, calendar) })),
    };
  }

  async actionItems(scope: ActionItemScope = {}): Promise<ActionItemHealthReport> {
    const { from, to } = scope;
    if (from) checkInstant('from', from);
    if (to) checkInstant('to', to);
    if (from && to) checkRange(from, to);
    const timeZone = scope.timeZone ?? this.config.reportTimeZone;
    checkTimeZone(timeZone);
    const now = this.clock.now();
    const today = localDate(now, timeZone);
    const rows = await this.repository.actionItemHealth({ from, to, teams: scope.teams, today, timeZone });
    const [overall, ...teams] = rows;
    return {
      timeZone,
      today,
      now,
      from: from ?? null,
      to: to ?? null,
      teams: teams.map((row) => ({ team: row.team ?? '(none)', ...toActionItemHealth(row) })),
      overall: toActionItemHealth(overall),
    };
  }

  async comms(scope: MetricsScope): Promise<CommsHealthReport> {
    const resolved = resolveScope(scope, this.config.reportTimeZone);
    const now = this.clock.now();
    const rows = await this.repository.commsHealth(resolved, now);
    checkGroupCount(rows.length, resolved.groupBy, { atLeast: true });
    return { ...echo(resolved, now), groups: rows.map(toCommsHealthGroup) };
  }
}

function echo(scope: ResolvedScope, now: Date): HealthScopeEcho {
  return { timeZone: scope.timeZone, from: scope.from, to: scope.to, groupBy: scope.groupBy, now };
}
