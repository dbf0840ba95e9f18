import { toGroupKeyDto } from '../../dto/metrics-scope.mappers.js';
import type {
  ChangesReport, DataQualityIncident, DataQualityReport, DistributionReport, OpenBreach, SeverityTrendsReport, SlaKindCounts, SlaReport, StartTimesReport,
} from '../metrics-analysis.results.js';
import type {
  ChangesDto, DataQualityDto, DataQualityIncidentDto, DistributionDto, OpenBreachDto, SeverityTrendsDto, SlaKindCountsDto, SlaReportDto, StartTimesDto,
} from './metrics-analysis.dto.js';

/** Pure mappers from the analysis' typed results to its response DTOs: instants as ISO strings, keys as the API writes them. */

function toSlaKindCountsDto(counts: SlaKindCounts): SlaKindCountsDto {
  const { breached, met, n, breachRate, open, pending, notEvaluated } = counts;
  return { breached, met, n, breachRate, open, pending, notEvaluated: { noTarget: notEvaluated.noTarget, excluded: notEvaluated.excluded, missing: notEvaluated.missing, order: notEvaluated.order } };
}

export function toOpenBreachDto(breach: OpenBreach): OpenBreachDto {
  return {
    id: breach.id,
    key: breach.key,
    title: breach.title,
    severity: breach.severity,
    kind: breach.kind,
    targetSeconds: breach.targetSeconds,
    deadline: breach.deadline.toISOString(),
    overdueSeconds: breach.overdueSeconds,
  };
}

export function toSlaReportDto(report: SlaReport): SlaReportDto {
  return {
    now: report.now.toISOString(),
    groups: report.groups.map((group) => ({
      key: toGroupKeyDto(group.key),
      incidents: group.incidents,
      sla: { ack: toSlaKindCountsDto(group.sla.ack), mitigate: toSlaKindCountsDto(group.sla.mitigate), resolve: toSlaKindCountsDto(group.sla.resolve) },
    })),
    openBreaches: report.openBreaches.map(toOpenBreachDto),
    openBreachesTotal: report.openBreachesTotal,
  };
}

export function toSeverityTrendsDto(report: SeverityTrendsReport): SeverityTrendsDto {
  return {
    period: report.period,
    timeZone: report.timeZone,
    periods: report.periods.map((p) => ({
      period: p.period,
      periodStart: p.periodStart.toISOString(),
      total: p.total,
      excluded: p.excluded,
      severities: p.severities.map(({ severity, name, incidents, share }) => ({ severity, name, incidents, share })),
    })),
    total: report.total,
    excluded: report.excluded,
  };
}

export function toChangesDto(report: ChangesReport): ChangesDto {
  return {
    metric: report.metric,
    period: report.period,
    timeZone: report.timeZone,
    test: report.test,
    alpha: report.alpha,
    minSampleSize: report.minSampleSize,
    method: report.method,
    groups: report.groups.map((group) => ({
      key: toGroupKeyDto(group.key),
      periods: group.periods.map((p) => ({
        period: p.period,
        periodStart: p.periodStart.toISOString(),
        incidents: p.incidents,
        n: p.n,
        median: p.median,
        excluded: { missing: p.excluded.missing, order: p.excluded.order, excluded: p.excluded.excluded },
        change: p.change,
      })),
    })),
  };
}

export function toDataQualityIncidentDto(incident: DataQualityIncident): DataQualityIncidentDto {
  return {
    id: incident.id,
    key: incident.key,
    title: incident.title,
    startedAt: incident.startedAt.toISOString(),
    excludedFromMetrics: incident.excludedFromMetrics,
    exclusionReason: incident.exclusionReason,
    orderViolation: incident.orderViolation,
    outOfOrderPairs: incident.outOfOrderPairs.map(({ earlier, later }) => ({
      earlier: { field: earlier.field, value: earlier.value.toISOString() },
      later: { field: later.field, value: later.value.toISOString() },
    })),
    suspectMilestones: incident.suspectMilestones,
    missing: incident.missing,
    leftOutOf: incident.leftOutOf,
  };
}

export function toDataQualityDto(report: DataQualityReport): DataQualityDto {
  const { incidents, excluded, order, missing, outOfOrder, byMetric } = report.summary;
  return {
    summary: { incidents, excluded, order, missing, outOfOrder, byMetric },
    listedReasons: report.listedReasons,
    items: report.items.map(toDataQualityIncidentDto),
    nextCursor: report.nextCursor,
    total: report.total,
  };
}

export function toStartTimesDto(report: StartTimesReport): StartTimesDto {
  const { timeZone, cells, incidents, excluded, outOfHours, outOfHoursShare } = report;
  return { timeZone, cells: cells.map(({ weekday, hour, incidents: count }) => ({ weekday, hour, incidents: count })), incidents, excluded, outOfHours, outOfHoursShare };
}

export function toDistributionDto(report: DistributionReport): DistributionDto {
  return { metric: report.metric, n: report.n, buckets: report.buckets.map(({ label, fromSeconds, toSeconds, incidents }) => ({ label, fromSeconds, toSeconds, incidents })) };
}
