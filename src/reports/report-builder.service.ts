import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { localDate } from '../action-items/action-item-rules.js';
import { Clock } from '../common/clock.js';
import { concurrencyLimit } from '../common/concurrency.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { DataQualityIncident } from '../metrics/analysis/metrics-analysis.results.js';
import { MetricsAnalysisService } from '../metrics/analysis/metrics-analysis.service.js';
import { INTERVAL_METRIC_KEYS, type IntervalMetric } from '../metrics/core/intervals.js';
import { MetricsHealthService } from '../metrics/health/metrics-health.service.js';
import { MetricsSummaryService } from '../metrics/summary/metrics-summary.service.js';
import { ChartRenderer } from './chart-renderer.service.js';
import { diffFigures } from './figures-diff.js';
import { toMonthlyReportFigures, type FigureSources, type MonthlyReportFigures, type PeriodSources } from './monthly-report-figures.js';
import { writeMonthlyWorkbook, type ChartImage } from './monthly-workbook.js';
import { reportCharts } from './report-charts.js';
import { reportMonths, type MonthRange, type ReportMonths } from './report-month.js';
import { reportProgress, type ReportProgress } from './report-progress.js';
import { ReportsRepository } from './reports.repository.js';
import { summaryParagraph } from './summary-paragraph.js';

export interface MonthlyReportResult {
  /** The figures the workbook prints: the snapshot to store with the report. */
  figures: MonthlyReportFigures;
  /** Where the finished file is. */
  path: string;
  bytes: number;
  /** Hex SHA-256 of the file. */
  sha256: string;
}

export interface BuildOptions {
  /** Progress of the steps (REPORT_STEPS): the figures, the charts, each sheet and its rows. */
  onProgress?: (progress: ReportProgress) => void;
  /** The month's previous completed version: the Summary sheet then says what moved since it. */
  previous?: { version: number; figures: MonthlyReportFigures };
}

/** Charts are drawn at this size (CSS pixels, shown so in the sheet) and twice the pixels, for a sharp print. */
const CHART_SIZE = { width: 900, height: 420, pixelRatio: 2 } as const;
const DATA_QUALITY_PAGE = 5_000;
/**
 * The figures' metrics calls in flight at once. All at once (38 of them then) asked the pool (10 connections,
 * 5 s to get one) for more than it has: at 1,000,000 incidents the last ones waited longer than that and the
 * report failed. Four keep the database's cores busy and leave connections for the API when the service builds
 * a report.
 */
export const FIGURE_CALLS_AT_ONCE = 4;

/**
 * The monthly leadership report: the one entry point the CLI, the scheduler and POST /api/v1/reports call.
 * Figures come from the metrics services (never recomputed here), lists from the reports repository; the
 * workbook is written to a temporary name beside the output and renamed when complete, so no finished-looking
 * file is ever partial.
 */
@Injectable()
export class ReportBuilder {
  private readonly logger = new Logger(ReportBuilder.name);

  constructor(
    private readonly summary: MetricsSummaryService,
    private readonly analysis: MetricsAnalysisService,
    private readonly health: MetricsHealthService,
    private readonly repository: ReportsRepository,
    private readonly charts: ChartRenderer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes the report on `month` (YYYY-MM in REPORT_TIMEZONE) to `outputPath`; its figures, size and hash. */
  async buildMonthly(month: string, outputPath: string, options: BuildOptions = {}): Promise<MonthlyReportResult> {
    const progress = options.onProgress ?? (() => {});
    const months = reportMonths(month, this.config.reportTimeZone);
    const now = this.clock.now();
    const startedAt = Date.now();
    progress(reportProgress('figures'));
    const { figures, ttrSeconds } = await this.figures(months, now);
    progress(reportProgress('charts'));
    const charts = await this.renderCharts(figures, ttrSeconds);

    const target = path.resolve(outputPath);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.partial`);
    const scope = { from: months.current.from, to: months.current.to, now };
    try {
      await writeMonthlyWorkbook(temporary, {
        figures,
        calendar: this.config.businessCalendar,
        charts,
        incidents: this.repository.incidents(scope),
        slaBreaches: this.repository.slaBreaches(scope),
        openActionItems: this.repository.actionItems({ ...scope, today: localDate(now, months.timeZone), done: false }),
        doneActionItems: this.repository.actionItems({ ...scope, today: localDate(now, months.timeZone), done: true }),
        retrospectives: this.repository.retrospectives(scope, this.config.businessCalendar),
        dataQuality: this.dataQuality(months.current),
        moved: options.previous && { version: options.previous.version, diff: diffFigures(options.previous.figures, figures) },
        onProgress: ({ sheet, rows }) => progress(reportProgress(sheet, rows)),
      });
      const [{ size }, sha256] = await Promise.all([stat(temporary), fileSha256(temporary)]);
      await rename(temporary, target);
      this.logger.log(`Monthly report ${month} written to ${target}: ${size} bytes in ${Date.now() - startedAt} ms`);
      return { figures, path: target, bytes: size, sha256 };
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw error;
    }
  }

  /** The snapshot of the figures for `months`, judged at `now`, and this month's TTR values for the histogram. */
  async figures(months: ReportMonths, now: Date): Promise<{ figures: MonthlyReportFigures; ttrSeconds: number[] }> {
    const zone = months.timeZone;
    const trendScope = { from: months.trendFrom, to: months.current.to, timeZone: zone };
    const changeScope = { from: months.previous.from, to: months.current.to, timeZone: zone };
    const monthScope = (range: MonthRange) => ({ from: range.from, to: range.to, timeZone: zone });
    const limit = concurrencyLimit(FIGURE_CALLS_AT_ONCE);
    const [current, previous, lastYear, severityTrends, trendSummary, trendSummaryBySeverity, trendSla, changes, yearOverYear, ttrSeconds, dataLastChangedAt, printedIncidents] = await Promise.all([
      this.periodSources(months.current, limit),
      this.periodSources(months.previous, limit),
      this.periodSources(months.lastYear, limit),
      limit(() => this.analysis.severityTrends(trendScope, { period: 'month' })),
      limit(() => this.summary.summarize({ ...trendScope, groupBy: [{ kind: 'period', unit: 'month' }] })),
      limit(() => this.summary.summarize({ ...trendScope, groupBy: [{ kind: 'period', unit: 'month' }, { kind: 'severity' }] })),
      limit(() => this.analysis.sla({ ...trendScope, groupBy: [{ kind: 'period', unit: 'month' }, { kind: 'severity' }] })),
      Promise.all(INTERVAL_METRIC_KEYS.map((metric) => limit(() => this.analysis.changes(changeScope, { metric, period: 'month' })))),
      Promise.all(INTERVAL_METRIC_KEYS.map((metric) => limit(() => this.analysis.compareRanges(monthScope(months.lastYear), monthScope(months.current), metric)))),
      limit(() => this.repository.ttrSeconds(months.current.from, months.current.to)),
      limit(() => this.repository.dataLastChangedAt()),
      limit(() => this.repository.incidentStamps(months.current.from, months.current.to)),
    ]);
    const sources: FigureSources = {
      months,
      generatedAt: now,
      dataLastChangedAt,
      current,
      previous,
      lastYear,
      changes: Object.fromEntries(changes.map((report) => [report.metric, report])) as Record<IntervalMetric, (typeof changes)[number]>,
      severityTrends,
      trendSummary,
      trendSummaryBySeverity,
      trendSla,
      ttrSeconds,
      yearOverYear: Object.fromEntries(INTERVAL_METRIC_KEYS.map((metric, i) => [metric, yearOverYear[i]])) as FigureSources['yearOverYear'],
      calendar: this.config.businessCalendar,
      printedIncidents,
    };
    const figures = toMonthlyReportFigures(sources);
    return { figures: { ...figures, summary: summaryParagraph(figures) }, ttrSeconds };
  }

  private async periodSources(range: MonthRange, limit: ReturnType<typeof concurrencyLimit>): Promise<PeriodSources> {
    const scope = { from: range.from, to: range.to, timeZone: this.config.reportTimeZone };
    const [summary, summaryBySeverity, sla, slaBySeverity, retros, comms, actionItems, actionItemsClosedInMonth, dataQuality] = await Promise.all([
      limit(() => this.summary.summarize(scope)),
      limit(() => this.summary.summarize({ ...scope, groupBy: [{ kind: 'severity' }] })),
      limit(() => this.analysis.sla(scope)),
      limit(() => this.analysis.sla({ ...scope, groupBy: [{ kind: 'severity' }] })),
      limit(() => this.health.retros(scope)),
      limit(() => this.health.comms(scope)),
      limit(() => this.health.actionItems(scope)),
      limit(() => this.repository.countDoneBetween(range.from, range.to)),
      limit(() => this.analysis.dataQuality(scope, { includeMissing: true, limit: 1 })),
    ]);
    return { range, summary, summaryBySeverity, sla, slaBySeverity, retros, comms, actionItems, actionItemsClosedInMonth, dataQuality: dataQuality.summary };
  }

  private async renderCharts(figures: MonthlyReportFigures, ttrSeconds: readonly number[]): Promise<ChartImage[]> {
    const images: ChartImage[] = [];
    for (const chart of reportCharts(figures, ttrSeconds)) {
      images.push({ png: await this.charts.render(chart.config, CHART_SIZE), width: CHART_SIZE.width, height: CHART_SIZE.height, description: chart.description });
    }
    return images;
  }

  /** Every incident of the month data quality lists (missing milestones included), page by page through the API. */
  private async *dataQuality(range: MonthRange): AsyncGenerator<DataQualityIncident> {
    let cursor: string | undefined;
    do {
      const page = await this.analysis.dataQuality({ from: range.from, to: range.to, timeZone: this.config.reportTimeZone }, { includeMissing: true, limit: DATA_QUALITY_PAGE, cursor });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

function fileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
