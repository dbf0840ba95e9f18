import { parseInstant } from '../../../common/instant.js';
import { checkRange } from '../../core/metrics-scope.js';
import { toGroupByDto, toGroupKeyDto } from '../../dto/metrics-scope.mappers.js';
import type {
  ActionItemHealth, ActionItemHealthReport, ActionItemScope, CommsHealthReport, HealthScopeEcho, RetroHealthReport,
} from '../metrics-health.results.js';
import type { ActionItemMetricsQueryDto } from './metrics-health-query.dto.js';
import type { ActionItemHealthDto, ActionItemHealthResponseDto, CommsHealthResponseDto, RetroHealthResponseDto } from './metrics-health-response.dto.js';

/** Pure mappers between the health DTOs and the typed health results. */

/** The action-item scope of a request: either end of the range may be left open; `to` after `from` when both are given. */
export function toActionItemScope(query: ActionItemMetricsQueryDto): ActionItemScope {
  const from = query.from === undefined ? undefined : parseInstant('from', query.from);
  const to = query.to === undefined ? undefined : parseInstant('to', query.to);
  if (from && to) checkRange(from, to, { from: query.from!, to: query.to! });
  return { from, to, teams: query.team };
}

function toEchoDto(echo: HealthScopeEcho) {
  return { timeZone: echo.timeZone, from: echo.from.toISOString(), to: echo.to.toISOString(), groupBy: toGroupByDto(echo.groupBy), now: echo.now.toISOString() };
}

export function toRetroHealthResponseDto(report: RetroHealthReport): RetroHealthResponseDto {
  return {
    ...toEchoDto(report),
    groups: report.groups.map((group) => ({
      key: toGroupKeyDto(group.key),
      resolved: group.resolved,
      excluded: group.excluded,
      withRetro: group.withRetro,
      retroShare: group.retroShare,
      timing: { ...group.timing },
      withoutRetro: { ...group.withoutRetro },
    })),
    overdue: report.overdue.map((retro) => ({
      incidentId: retro.incidentId,
      key: retro.key,
      title: retro.title,
      severity: retro.severity,
      team: retro.team,
      resolvedAt: retro.resolvedAt.toISOString(),
      retroDueBusinessHours: retro.retroDueBusinessHours,
      dueAt: retro.dueAt.toISOString(),
    })),
  };
}

const toActionItemHealthDto = (health: ActionItemHealth): ActionItemHealthDto => ({ ...health });

export function toActionItemHealthResponseDto(report: ActionItemHealthReport): ActionItemHealthResponseDto {
  return {
    timeZone: report.timeZone,
    today: report.today,
    now: report.now.toISOString(),
    from: report.from?.toISOString() ?? null,
    to: report.to?.toISOString() ?? null,
    teams: report.teams.map(({ team, ...health }) => ({ team, ...toActionItemHealthDto(health) })),
    overall: toActionItemHealthDto(report.overall),
  };
}

export function toCommsHealthResponseDto(report: CommsHealthReport): CommsHealthResponseDto {
  return {
    ...toEchoDto(report),
    groups: report.groups.map((group) => ({
      key: toGroupKeyDto(group.key),
      n: group.n,
      openSeconds: group.openSeconds,
      coveredSeconds: group.coveredSeconds,
      share: group.share,
      medianShare: group.medianShare,
      notJudged: { ...group.notJudged },
    })),
  };
}
