import { compareDurations } from '../../core/change-over-time.js';
import { groupKey, type GroupDimension } from '../../core/metrics-scope.js';
import type {
  ChangeSampleRow, DataQualityMetric, DataQualityRow, DataQualitySummaryRow, OpenBreachRow, SeverityTrendRow, SlaCountRow,
} from '../metrics-analysis.repository.js';
import type { SlaKind } from '../../core/sla.js';
import type {
  ChangeGroupDto, ChangePeriodDto, DataQualityIncidentDto, DataQualitySummaryDto, OpenBreachDto, SeverityTrendPeriodDto, SlaGroupDto,
  SlaKindCountsDto, SlaKindsDto,
} from './metrics-analysis.dto.js';

/**
 * Pure mappers from repository rows to the analysis DTOs: no Nest, no SQL. Where a figure is derived
 * (rates, shares, the period grid, the change test) it is derived here, in plain code.
 */

/** A period of the report: its label and start, as periods.ts gives them. */
export interface ReportPeriod {
  period: string;
  periodStart: Date;
}

const SLA_KINDS: SlaKind[] = ['ack', 'mitigate', 'resolve'];

function emptyKindCounts(): SlaKindCountsDto {
  return { breached: 0, met: 0, n: 0, breachRate: null, open: 0, pending: 0, notEvaluated: { noTarget: 0, excluded: 0, missing: 0, order: 0 } };
}

function toKindCounts(row: SlaCountRow): SlaKindCountsDto {
  const n = row.breached + row.met;
  return {
    breached: row.breached,
    met: row.met,
    n,
    breachRate: n > 0 ? row.breached / n : null,
    open: row.open,
    pending: row.pending,
    notEvaluated: { noTarget: row.no_target, excluded: row.excluded, missing: row.missing, order: row.order },
  };
}

/**
 * SLA groups from rows of one group and kind each (in group order). Without grouping there is always
 * exactly one group, key {}, zeros when nothing is in scope.
 */
export function toSlaGroups(rows: readonly SlaCountRow[], groupBy: readonly GroupDimension[]): SlaGroupDto[] {
  const groups = new Map<string, SlaGroupDto>();
  for (const row of rows) {
    const key = groupKey(row, groupBy);
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) {
      group = { key, incidents: row.incidents, sla: Object.fromEntries(SLA_KINDS.map((k) => [k, emptyKindCounts()])) as unknown as SlaKindsDto };
      groups.set(id, group);
    }
    group.sla[row.kind] = toKindCounts(row);
  }
  if (groupBy.length === 0 && groups.size === 0) {
    return [{ key: {}, incidents: 0, sla: Object.fromEntries(SLA_KINDS.map((k) => [k, emptyKindCounts()])) as unknown as SlaKindsDto }];
  }
  return [...groups.values()];
}

export function toOpenBreachDto(row: OpenBreachRow): OpenBreachDto {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    severity: row.severity,
    kind: row.kind,
    targetSeconds: row.target_seconds,
    deadline: row.deadline.toISOString(),
    overdueSeconds: row.overdue_seconds,
  };
}

/**
 * The severity-trend grid: every period × every severity level returned (zeros filled in), shares of
 * the period's counted total. Excluded incidents are reported per period, never counted.
 */
export function toSeverityTrendPeriods(rows: readonly SeverityTrendRow[], periods: readonly ReportPeriod[]): SeverityTrendPeriodDto[] {
  const levels: { severity: string; name: string }[] = [];
  const counts = new Map<string, { incidents: number; excluded: number }>();
  for (const row of rows) {
    if (!levels.some((level) => level.severity === row.severity)) levels.push({ severity: row.severity, name: row.name });
    if (row.key_period_start) counts.set(`${row.key_period_start.toISOString()}|${row.severity}`, { incidents: row.incidents ?? 0, excluded: row.excluded ?? 0 });
  }
  return periods.map(({ period, periodStart }) => {
    const cells = levels.map((level) => ({ ...level, ...(counts.get(`${periodStart.toISOString()}|${level.severity}`) ?? { incidents: 0, excluded: 0 }) }));
    const total = cells.reduce((sum, cell) => sum + cell.incidents, 0);
    return {
      period,
      periodStart: periodStart.toISOString(),
      total,
      excluded: cells.reduce((sum, cell) => sum + cell.excluded, 0),
      severities: cells.map(({ severity, name, incidents }) => ({ severity, name, incidents, share: total > 0 ? incidents / total : null })),
    };
  });
}

/**
 * Change-over-time series: per group (in the order the rows first name it; one group {} without
 * grouping) every period in range, each compared with the previous one by compareDurations (the first
 * period has no previous one in range: change null).
 */
export function toChangeGroups(rows: readonly ChangeSampleRow[], dimensions: readonly GroupDimension[], periods: readonly ReportPeriod[]): ChangeGroupDto[] {
  const groups = new Map<string, { key: Record<string, string>; byPeriod: Map<string, ChangeSampleRow> }>();
  if (dimensions.length === 0) groups.set('{}', { key: {}, byPeriod: new Map() });
  for (const row of rows) {
    const key = groupKey(row, dimensions);
    const id = JSON.stringify(key);
    if (!groups.has(id)) groups.set(id, { key, byPeriod: new Map() });
    groups.get(id)!.byPeriod.set((row.key_period_start as Date).toISOString(), row);
  }
  return [...groups.values()].map(({ key, byPeriod }) => {
    let previous: number[] | null = null;
    const series: ChangePeriodDto[] = periods.map(({ period, periodStart }) => {
      const row = byPeriod.get(periodStart.toISOString());
      const samples = row?.samples ?? [];
      const entry: ChangePeriodDto = {
        period,
        periodStart: periodStart.toISOString(),
        incidents: row?.incidents ?? 0,
        n: samples.length,
        median: row?.median ?? null,
        excluded: { missing: row?.missing ?? 0, order: row?.order ?? 0, excluded: row?.excluded ?? 0 },
        change: previous === null ? null : compareDurations(previous, samples),
      };
      previous = samples;
      return entry;
    });
    return { key, periods: series };
  });
}

const LEFT_OUT_ORDER: DataQualityMetric[] = ['ttd', 'tta', 'tte', 'ttm', 'ttr', 'ttRetro'];

export function toDataQualityIncidentDto(row: DataQualityRow): DataQualityIncidentDto {
  const leftOutOf: Record<string, string> = {};
  for (const metric of LEFT_OUT_ORDER) {
    const reason = row.left_out[metric];
    if (reason) leftOutOf[metric] = reason;
  }
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    startedAt: row.started_at.toISOString(),
    excludedFromMetrics: row.excluded_from_metrics,
    exclusionReason: row.exclusion_reason,
    orderViolation: row.order_violation,
    suspectMilestones: row.suspect_milestones,
    missing: row.missing_metrics,
    leftOutOf,
  };
}

export function toDataQualitySummaryDto(row: DataQualitySummaryRow): DataQualitySummaryDto {
  return { incidents: row.incidents, excluded: row.excluded, order: row.order, missing: row.missing, byMetric: row.by_metric };
}
