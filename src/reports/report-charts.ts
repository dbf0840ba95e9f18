import type { ChartConfiguration, ChartType } from 'chart.js';
import { breachRateChart, durationHistogramChart, durationTrendChart, incidentCountChart, METRIC_TEXT } from '../charts/chart-definitions.js';
import { SLA_KINDS, TREND_METRICS, type MonthlyReportFigures } from './monthly-report-figures.js';
import { shortMonthLabel } from './report-month.js';

/**
 * The charts of the Trends sheet, as chart definitions (src/charts) of the figures: the same definitions the web
 * app draws. Pure: the report's service renders them to PNG.
 */

export interface ReportChart {
  /** Alternative text in the workbook. */
  description: string;
  config: ChartConfiguration<ChartType, unknown[], unknown>;
}

const SLA_TARGET_WORDS = { ack: 'time to acknowledge', mitigate: 'time to mitigate', resolve: 'time to resolve' } as const;

/** Trends of TTM and TTR per severity, TTD and TTA, incidents by severity, SLA breach rates, this month's TTR distribution. */
export function reportCharts(figures: Omit<MonthlyReportFigures, 'summary'>, ttrSeconds: readonly number[]): ReportChart[] {
  const periods = figures.trends.months.map(shortMonthLabel);
  const rankOf = new Map(figures.severities.map((s, i) => [s.severity, i]));
  const charts: ReportChart[] = [];
  const order = ['ttm', 'ttr', 'ttd', 'tta'] as const satisfies readonly (typeof TREND_METRICS)[number][];
  for (const metric of order) {
    const trend = figures.trends.durations[metric];
    // TTM and TTR per severity (where the targets are); TTD and TTA for all incidents, which reads better at a glance.
    const series = metric === 'ttm' || metric === 'ttr'
      ? trend.bySeverity.map((s) => ({ label: s.severity, rankIndex: rankOf.get(s.severity) ?? null, median: s.median, p90: s.p90, n: s.n }))
      : [{ label: 'All incidents', rankIndex: null, median: trend.all.median, p90: trend.all.p90, n: trend.all.n }];
    charts.push({
      description: `${METRIC_TEXT[metric].name}: median and p90 per month, ${periods[0]} to ${periods[periods.length - 1]}`,
      config: durationTrendChart({ metric, periods, series }),
    });
  }
  charts.push({
    description: `Incidents per month by severity, ${periods[0]} to ${periods[periods.length - 1]}`,
    config: incidentCountChart({ periods, series: figures.trends.incidents.map((s) => ({ label: s.severity, rankIndex: rankOf.get(s.severity) ?? null, counts: s.counts })) }),
  });
  for (const kind of SLA_KINDS) {
    charts.push({
      description: `SLA breach rate of the ${SLA_TARGET_WORDS[kind]} target per month by severity`,
      config: breachRateChart({
        target: SLA_TARGET_WORDS[kind],
        periods,
        series: figures.trends.sla[kind].map((s) => ({ label: s.severity, rankIndex: rankOf.get(s.severity) ?? null, breached: s.breached, measured: s.measured })),
      }),
    });
  }
  const ttr = figures.current.durations.ttr;
  charts.push({
    description: `Distribution of time to resolve in ${figures.label}`,
    config: durationHistogramChart({ metric: 'ttr', range: figures.label, seconds: ttrSeconds }, { median: ttr.median, p90: ttr.p90 }),
  });
  return charts;
}
