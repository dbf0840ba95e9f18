import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { decodeCursor, encodeCursor, pageRequest, toPage } from '../../common/cursor.js';
import { InvalidInputError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { CHANGE_ALPHA, MIN_SAMPLE_SIZE } from '../core/change-over-time.js';
import type { ChangesDto, DataQualityDto, SeverityTrendsDto, SlaReportDto } from './dto/metrics-analysis.dto.js';
import {
  toChangeGroups, toDataQualityIncidentDto, toDataQualitySummaryDto, toOpenBreachDto, toSeverityTrendPeriods, toSlaGroups, type ReportPeriod,
} from './dto/metrics-analysis.mappers.js';
import type { ChangesQueryDto, DataQualityQueryDto, SeverityTrendsQueryDto } from './dto/metrics-analysis.query.js';
import type { MetricsQueryDto } from '../dto/metrics-query.dto.js';
import type { ExclusionReason } from '../core/intervals.js';
import { MetricsAnalysisRepository } from './metrics-analysis.repository.js';
import { parseGroupBy, scopeOf, type GroupDimension, type MetricsScope, type ScopeQuery } from '../core/metrics-scope.js';
import { periodKey, periodRange, type PeriodUnit } from '../core/periods.js';

/** Open breaches listed at most (the total is always reported). */
export const OPEN_BREACH_LIST_LIMIT = 1000;
/** Periods a trend or change report may span: beyond this the range or the period length is wrong. */
export const MAX_PERIODS = 1000;

const DAY_MS = 86_400_000;
/** More than the longest each period can be, DST changes included: a range this many times longer has too many periods for sure. */
const LONGEST_PERIOD_MS: Record<PeriodUnit, number> = { day: 2 * DAY_MS, week: 8 * DAY_MS, month: 32 * DAY_MS, quarter: 93 * DAY_MS, year: 367 * DAY_MS };


/** SLA, severity trends, change over time and data quality over the metrics scope. */
@Injectable()
export class MetricsAnalysisService {
  constructor(
    private readonly repository: MetricsAnalysisRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Breach counts per group and kind, and the open breaches, judged at the clock's now. */
  async sla(query: MetricsQueryDto): Promise<SlaReportDto> {
    const parsed = parseGroupBy(query.groupBy ?? []);
    if (!parsed.ok) throw new InvalidInputError('groupBy', parsed.value, parsed.problem);
    const scope = this.scope(query, parsed.groupBy);
    const now = this.clock.now();
    const [counts, open] = await Promise.all([
      this.repository.slaCounts(scope, now),
      this.repository.openBreaches(scope, now, OPEN_BREACH_LIST_LIMIT),
    ]);
    return {
      now: now.toISOString(),
      groups: toSlaGroups(counts, scope.groupBy),
      openBreaches: open.map(toOpenBreachDto),
      openBreachesTotal: open[0]?.total ?? 0,
    };
  }

  /** Incidents per period and peak severity, with shares; excluded incidents reported apart, not counted. */
  async severityTrends(query: SeverityTrendsQueryDto): Promise<SeverityTrendsDto> {
    const unit = query.period ?? 'month';
    const scope = this.scope(query, [{ kind: 'period', unit }]);
    const periods = this.periods(scope, unit);
    const rows = await this.repository.severityTrends(scope, query.severity);
    const series = toSeverityTrendPeriods(rows, periods);
    return {
      period: unit,
      timeZone: scope.timeZone,
      periods: series,
      total: series.reduce((sum, p) => sum + p.total, 0),
      excluded: series.reduce((sum, p) => sum + p.excluded, 0),
    };
  }

  /** Each period's median of the metric against the previous period's, by a Mann–Whitney U test. */
  async changes(query: ChangesQueryDto): Promise<ChangesDto> {
    const unit = query.period ?? 'month';
    const dimensions: GroupDimension[] = [];
    for (const kind of query.groupBy ?? []) {
      if (dimensions.some((d) => d.kind === kind)) throw new InvalidInputError('groupBy', kind, 'is given twice');
      dimensions.push({ kind });
    }
    const scope = this.scope(query, [...dimensions, { kind: 'period', unit }]);
    const periods = this.periods(scope, unit);
    const rows = await this.repository.changeSamples(scope, query.metric);
    return {
      metric: query.metric,
      period: unit,
      timeZone: scope.timeZone,
      test: 'mann-whitney-u',
      alpha: CHANGE_ALPHA,
      minSampleSize: MIN_SAMPLE_SIZE,
      method:
        `Two-sided Mann–Whitney U test of each period's values against the previous period's (exact p without ties and up to 49 values each, ` +
        `else the normal approximation with tie and continuity correction): "improved" when p < ${CHANGE_ALPHA} and durations rank lower, ` +
        `"regressed" when p < ${CHANGE_ALPHA} and they rank higher, otherwise "no clear change" — always so when either period has fewer than ${MIN_SAMPLE_SIZE} values.`,
      groups: toChangeGroups(rows, dimensions, periods),
    };
  }

  /** Incidents left out of some metric for `excluded` or `order` (and `missing` on request), with a summary over all. */
  async dataQuality(query: DataQualityQueryDto): Promise<DataQualityDto> {
    const scope = this.scope(query, []);
    const reasons: ExclusionReason[] = ['excluded', 'order', ...(query.include?.includes('missing') ? (['missing'] as const) : [])];
    const { limit, after } = pageRequest(query, (cursor) => decodeCursor(cursor));
    const [rows, summary] = await Promise.all([
      this.repository.dataQualityPage(scope, reasons, limit + 1, after),
      this.repository.dataQualitySummary(scope, reasons),
    ]);
    return {
      summary: toDataQualitySummaryDto(summary),
      listedReasons: reasons,
      ...toPage(rows, limit, toDataQualityIncidentDto, (last) => encodeCursor({ at: last.cursor_at, id: last.id })),
      total: summary.listed,
    };
  }

  /** The request's scope with the grouping this endpoint uses. */
  private scope(query: ScopeQuery, groupBy: GroupDimension[]): MetricsScope {
    return scopeOf(query, this.config.reportTimeZone, groupBy);
  }

  /** Every period overlapping [from, to), labelled as the SQL labels them. */
  private periods(scope: MetricsScope, unit: PeriodUnit): ReportPeriod[] {
    const { from, to } = scope.filter;
    const tooMany = () => new InvalidInputError('period', unit, `gives more than ${MAX_PERIODS} periods between from and to (use a longer period or a shorter range)`);
    // Cheap bound first, so a silly range is refused before it is enumerated; the exact count follows.
    if ((to.getTime() - from.getTime()) / LONGEST_PERIOD_MS[unit] > MAX_PERIODS) throw tooMany();
    const starts = periodRange(from, to, unit, scope.timeZone);
    if (starts.length > MAX_PERIODS) throw tooMany();
    return starts.map((periodStart) => ({ period: periodKey(periodStart, unit, scope.timeZone), periodStart }));
  }
}
