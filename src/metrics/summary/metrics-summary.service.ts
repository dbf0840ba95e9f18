import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { checkGroupCount, dimensionName, resolveScope, type MetricsScope } from '../core/metrics-scope.js';
import { reportPeriods } from '../core/report-periods.js';
import { MetricsSummaryRepository } from './metrics-summary.repository.js';
import { emptyPeriodGroup, type SummaryReport } from './metrics-summary.results.js';

/**
 * The six durations of SPEC §2 (TTD, TTA, TTE, TTM, TTR, time to retro) as distributions per group, for
 * GET /api/v1/metrics and for callers in the process alike: checks the scope, has PostgreSQL compute
 * every figure in one statement, and fills in the periods without incidents.
 */
@Injectable()
export class MetricsSummaryService {
  constructor(
    private readonly repository: MetricsSummaryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Grouped by a period alone, every period of the range is listed, empty ones with incidents 0, so a
   * chart shows the gap rather than skipping it: at most MAX_PERIODS of them (else an InvalidInputError
   * naming groupBy, before any SQL runs). At most MAX_GROUPS groups in any grouping (else one naming groupBy).
   */
  async summarize(scope: MetricsScope): Promise<SummaryReport> {
    const resolved = resolveScope(scope, this.config.reportTimeZone);
    const { from, to, groupBy, timeZone } = resolved;
    const [only] = groupBy;
    const periods = groupBy.length === 1 && only.kind === 'period' ? reportPeriods(from, to, only.unit, timeZone, { name: 'groupBy', value: dimensionName(only) }) : null;
    let groups = await this.repository.summarize(resolved);
    checkGroupCount(groups.length, groupBy, { atLeast: true });
    if (periods) {
      const found = new Map(groups.map((group) => [group.key.periodStart!.getTime(), group]));
      groups = periods.map((period) => found.get(period.periodStart.getTime()) ?? emptyPeriodGroup(period));
    }
    return { timeZone, from, to, groupBy, groups };
  }
}
