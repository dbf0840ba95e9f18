import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { decodeCursor, encodeCursor, pageRequest, toPage } from '../../common/cursor.js';
import { InvalidInputError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { CHANGE_ALPHA, compareDurations, MIN_SAMPLE_SIZE, type ChangeOverTime } from '../core/change-over-time.js';
import { DURATION_BUCKETS } from '../core/duration-buckets.js';
import { INTERVAL_METRIC_KEYS, type ExclusionReason, type IntervalMetric } from '../core/intervals.js';
import { checkGroupBy, checkGroupCount, checkRange, checkTimeZone, MAX_GROUP_PERIODS, resolveScope, type AttributeDimension, type MetricsScope, type ResolvedScope, type UngroupedScope } from '../core/metrics-scope.js';
import type { PeriodUnit } from '../core/periods.js';
import { checkPeriodUnit, reportPeriods } from '../core/report-periods.js';
import { MetricsAnalysisRepository } from './metrics-analysis.repository.js';
import {
  toChangeGroups, toDataQualityIncident, toDistribution, toSeverityTrendPeriods, toSlaGroups, toStartTimes, type ChangesReport, type DataQualityReport, type DistributionReport,
  type SeverityTrendsReport, type SlaReport, type StartTimesReport,
} from './metrics-analysis.results.js';

/** Open breaches listed at most (the total is always reported). */
export const OPEN_BREACH_LIST_LIMIT = 1000;

/** A change-over-time scope: grouped by the period of the options, and split further by these dimensions. */
export type ChangesScope = UngroupedScope & { groupBy?: readonly AttributeDimension[] };

export interface ChangesOptions {
  /** The duration metric compared period over period. */
  metric: IntervalMetric;
  /** Period length; month when unset. */
  period?: PeriodUnit;
}

export interface DataQualityOptions {
  /** Also list incidents left out of a metric only because a milestone is missing (always counted in the summary). */
  includeMissing?: boolean;
  /** Page size; 50 when unset. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * SLA, severity trends, change over time and data quality over a metrics scope, for the endpoints and
 * callers in the process alike. Open breaches and pending targets are judged at the injected Clock's now.
 */
@Injectable()
export class MetricsAnalysisService {
  constructor(
    private readonly repository: MetricsAnalysisRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Breach counts per group and kind, and the open breaches, judged at the clock's now. */
  async sla(scope: MetricsScope): Promise<SlaReport> {
    const resolved = this.resolve(scope);
    const now = this.clock.now();
    const [counts, open] = await Promise.all([
      this.repository.slaCounts(resolved, now),
      this.repository.openBreaches(resolved, now, OPEN_BREACH_LIST_LIMIT),
    ]);
    const groups = toSlaGroups(counts, resolved.groupBy.length > 0);
    checkGroupCount(groups.length, resolved.groupBy);
    return { now, groups, openBreaches: open.items, openBreachesTotal: open.total };
  }

  /**
   * Incidents per period and peak severity, with shares; excluded incidents reported apart, not counted.
   * At most MAX_PERIODS periods (an InvalidInputError naming `period` beyond).
   */
  async severityTrends(scope: UngroupedScope, options: { period?: PeriodUnit } = {}): Promise<SeverityTrendsReport> {
    const unit = options.period ?? 'month';
    const resolved = this.resolve({ ...scope, groupBy: [{ kind: 'period', unit }] }, unit);
    const periods = reportPeriods(resolved.from, resolved.to, unit, resolved.timeZone);
    const rows = await this.repository.severityTrends(resolved);
    const series = toSeverityTrendPeriods(rows, periods);
    return {
      period: unit,
      timeZone: resolved.timeZone,
      periods: series,
      total: series.reduce((sum, p) => sum + p.total, 0),
      excluded: series.reduce((sum, p) => sum + p.excluded, 0),
    };
  }

  /**
   * Each period's median of the metric against the previous period's, by a Mann–Whitney U test, per group.
   * At most MAX_PERIODS periods (an InvalidInputError naming `period` beyond).
   */
  async changes(scope: ChangesScope, options: ChangesOptions): Promise<ChangesReport> {
    const { metric } = options;
    const unit = options.period ?? 'month';
    const dimensions = [...(scope.groupBy ?? [])];
    checkGroupBy(dimensions);
    // Spliced into the SQL as a column name: only ever one of the five.
    if (!INTERVAL_METRIC_KEYS.includes(metric)) throw new InvalidInputError('metric', metric, `is not a duration metric; use ${INTERVAL_METRIC_KEYS.join(', ')}`);
    const resolved = this.resolve({ ...scope, groupBy: [...dimensions, { kind: 'period', unit }] }, unit);
    const periods = reportPeriods(resolved.from, resolved.to, unit, resolved.timeZone);
    const rows = await this.repository.changeSamples(resolved, metric);
    const groups = toChangeGroups(rows, dimensions.length > 0, periods);
    // Every group lists every period.
    checkGroupCount(groups.length * periods.length, dimensions, { limit: MAX_GROUP_PERIODS, what: 'group-periods' });
    return {
      metric,
      period: unit,
      timeZone: resolved.timeZone,
      test: 'mann-whitney-u',
      alpha: CHANGE_ALPHA,
      minSampleSize: MIN_SAMPLE_SIZE,
      method:
        `Two-sided Mann–Whitney U test of each period's values against the previous period's (exact p without ties and up to 49 values each, ` +
        `else the normal approximation with tie and continuity correction): "improved" when p < ${CHANGE_ALPHA} and durations rank lower, ` +
        `"regressed" when p < ${CHANGE_ALPHA} and they rank higher, otherwise "no clear change" — always so when either period has fewer than ${MIN_SAMPLE_SIZE} values.`,
      groups,
    };
  }

  /**
   * The metric's values in one range against another's, by the test changes() applies to consecutive periods
   * (compareDurations on the same samples): for ranges that are not neighbours, such as a month against the
   * same month a year earlier. Each range must fit the period limit, like changes()'s.
   */
  async compareRanges(earlier: UngroupedScope, later: UngroupedScope, metric: IntervalMetric): Promise<ChangeOverTime> {
    if (!INTERVAL_METRIC_KEYS.includes(metric)) throw new InvalidInputError('metric', metric, `is not a duration metric; use ${INTERVAL_METRIC_KEYS.join(', ')}`);
    const samples = async (scope: UngroupedScope): Promise<number[]> => {
      const rows = await this.repository.changeSamples(this.resolve({ ...scope, groupBy: [{ kind: 'period', unit: 'month' }] }, 'month'), metric);
      return rows.flatMap((row) => row.samples);
    };
    const [previous, current] = await Promise.all([samples(earlier), samples(later)]);
    return compareDurations(previous, current);
  }

  /**
   * Incidents left out of some metric for `excluded` or `order` (and `missing` on request), or with any
   * milestones out of order (each with every out-of-order pair), one page, with a summary over all.
   */
  async dataQuality(scope: UngroupedScope, options: DataQualityOptions = {}): Promise<DataQualityReport> {
    const resolved = this.resolve({ ...scope, groupBy: [] });
    const reasons: ExclusionReason[] = ['excluded', 'order', ...(options.includeMissing ? (['missing'] as const) : [])];
    if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit >= 1)) {
      throw new InvalidInputError('limit', options.limit, 'must be a whole number of at least 1');
    }
    const { limit, after } = pageRequest(options, (cursor) => decodeCursor(cursor));
    const [rows, summary] = await Promise.all([
      this.repository.dataQualityPage(resolved, reasons, limit + 1, after),
      this.repository.dataQualitySummary(resolved, reasons),
    ]);
    const { listed, ...counts } = summary;
    return {
      summary: counts,
      listedReasons: reasons,
      ...toPage(rows, limit, toDataQualityIncident, (last) => encodeCursor({ at: last.cursorAt, id: last.id })),
      total: listed,
    };
  }

  /**
   * When incidents start: counts per weekday and hour in REPORT_TIMEZONE (or the scope's zone), and the share
   * that started outside business hours (BUSINESS_* calendar). Excluded incidents are reported apart, not counted.
   */
  async startTimes(scope: UngroupedScope): Promise<StartTimesReport> {
    const resolved = this.resolve({ ...scope, groupBy: [] });
    return toStartTimes(await this.repository.startTimes(resolved, this.config.businessCalendar), resolved.timeZone);
  }

  /** The measured values of a duration metric counted in DURATION_BUCKETS (the histogram of the report and the dashboard). */
  async distribution(scope: UngroupedScope, metric: IntervalMetric): Promise<DistributionReport> {
    if (!INTERVAL_METRIC_KEYS.includes(metric)) throw new InvalidInputError('metric', metric, `is not a duration metric; use ${INTERVAL_METRIC_KEYS.join(', ')}`);
    const resolved = this.resolve({ ...scope, groupBy: [] });
    const rows = await this.repository.distribution(resolved, metric, DURATION_BUCKETS.map((bucket) => bucket.from));
    return toDistribution(metric, rows, DURATION_BUCKETS);
  }

  /**
   * The scope checked, in REPORT_TIMEZONE unless it names a zone. `unit` is the period of the options,
   * checked first so that an unknown one is named as `period`, not as a grouping.
   */
  private resolve(scope: MetricsScope, unit?: PeriodUnit): ResolvedScope {
    if (unit !== undefined) {
      checkPeriodUnit(unit);
      // The period count too, named as `period` (resolveScope would name the grouping it becomes).
      checkRange(scope.from, scope.to);
      const timeZone = scope.timeZone ?? this.config.reportTimeZone;
      checkTimeZone(timeZone);
      reportPeriods(scope.from, scope.to, unit, timeZone);
    }
    return resolveScope(scope, this.config.reportTimeZone);
  }
}
