import { useMemo, useState } from 'react';
import { breachRateChart, durationBucketChart, durationTrendChart, incidentCountChart, startTimeHeatmapChart } from '../../../../charts/chart-definitions';
import { Alert } from '../../../components/Alert';
import { formatShortMonth } from '../../../lib/format';
import { useDistribution, useMetrics, useSeverityLevels, useSeverityTrends, useSla, useStartTimes } from '../api/dashboard';
import {
  breachRateData, DASHBOARD_METRICS, distributionData, durationTrendData, heatmapData, incidentCountData, periodsOf, SLA_KINDS, type DashboardMetric,
  type MetricsResponse, type SeverityLevel, type SlaKind,
} from '../lib/dashboard-charts';
import { dataQualityHref, type MetricsQuery } from '../lib/dashboard-filters';
import { ChartFigure, type AnyChartConfig } from './ChartFigure';

const LEFT_OUT_DURATION = 'Incidents without both milestones, with them out of order, or excluded from metrics are not measured.';
const KIND_LABELS: Record<SlaKind, string> = { ack: 'Acknowledge', mitigate: 'Mitigate', resolve: 'Resolve' };

interface DashboardChartsProps {
  query: MetricsQuery;
  /** The range as words, for the distribution's title: "Jan 2026 – Dec 2026". */
  range: string;
  summary: MetricsResponse | undefined;
}

/** Every chart of the dashboard, each from the shared chart definitions fed with one metrics API answer. */
export function DashboardCharts({ query, range, summary }: DashboardChartsProps) {
  const levels = useSeverityLevels();
  const trends = useSeverityTrends(query);
  const grouped = useMetrics(query, true);
  const sla = useSla(query);
  const startTimes = useStartTimes(query);
  const distribution = useDistribution(query, 'ttr');
  const [kind, setKind] = useState<SlaKind>('resolve');

  const levelList = levels.data;
  const periods = useMemo(() => (trends.data ? periodsOf(trends.data) : null), [trends.data]);
  const withMissing = dataQualityHref(query, { includeMissing: true });
  const plain = dataQualityHref(query);

  const trendConfigs = useMemo(
    () => (periods && grouped.data && levelList ? DASHBOARD_METRICS.map((metric) => trendConfig(metric, periods, grouped.data, levelList)) : null),
    [periods, grouped.data, levelList],
  );
  const countConfig = useMemo(() => (trends.data && levelList ? incidentCountChart(incidentCountData(trends.data, levelList)) : null), [trends.data, levelList]);
  const breachConfig = useMemo(
    () => (periods && sla.data && levelList ? breachRateChart(breachRateData(kind, periods, sla.data, levelList)) : null),
    [periods, sla.data, levelList, kind],
  );
  const ttr = summary?.groups[0]?.metrics.ttr;
  const distributionConfig = useMemo(
    () => (distribution.data && summary ? durationBucketChart(distributionData(distribution.data, range), { n: ttr?.n ?? 0, median: ttr?.median ?? null, p90: ttr?.p90 ?? null }) : null),
    [distribution.data, summary, ttr, range],
  );
  // The same element while the target stays: the chart figures are memoised on their props.
  const breachControls = useMemo(
    () => (
      <div className="field chart-control">
        <label htmlFor="breach-kind">Target</label>
        <select id="breach-kind" value={kind} onChange={(event) => setKind(event.target.value as SlaKind)}>
          {SLA_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
        </select>
      </div>
    ),
    [kind],
  );
  const heatmapConfig = useMemo(() => (startTimes.data ? startTimeHeatmapChart(heatmapData(startTimes.data)) : null), [startTimes.data]);

  const failed = [levels, trends, grouped, sla, startTimes, distribution].find((q) => q.isError)?.error;
  if (failed) return <Alert tone="error">Could not load the charts: {failed.message}</Alert>;

  return (
    <div className="chart-grid">
      {trendConfigs
        ? trendConfigs.map((config, i) => (
          <ChartFigure key={DASHBOARD_METRICS[i]} config={config} dataQualityHref={withMissing} leftOut={`${LEFT_OUT_DURATION} Press a series under the chart to hide or show its line.`} />
        ))
        : <Loading what="the duration trends" />}
      {countConfig ? <ChartFigure config={countConfig} dataQualityHref={plain} leftOut="Every incident that started in the month counts once, under its highest severity; excluded ones too." /> : <Loading what="incidents per month" />}
      {breachConfig ? (
        <ChartFigure
          config={breachConfig}
          dataQualityHref={withMissing}
          leftOut="Not judged: severities without this target, excluded incidents, missing or out-of-order milestones, and incidents still within their deadline."
          controls={breachControls}
        />
      ) : <Loading what="the SLA breach rate" />}
      {distributionConfig ? <ChartFigure config={distributionConfig} rowHeading="Time to resolve" dataQualityHref={withMissing} leftOut={LEFT_OUT_DURATION} /> : <Loading what="the distribution of time to resolve" />}
      {heatmapConfig ? <ChartFigure config={heatmapConfig} dataQualityHref={plain} leftOut="Excluded incidents (game days, drills) are not counted." /> : <Loading what="when incidents start" />}
    </div>
  );
}

function trendConfig(metric: DashboardMetric, periods: readonly string[], grouped: MetricsResponse, levels: readonly SeverityLevel[]): AnyChartConfig {
  return durationTrendChart(durationTrendData(metric, periods, grouped, levels));
}

function Loading({ what }: { what: string }) {
  return (
    <section className="chart-card chart-loading">
      <p role="status">Loading {what}…</p>
    </section>
  );
}

/** "Jan 2026 – Dec 2026" for a range of months. */
export const rangeWords = (from: string, to: string) => (from === to ? formatShortMonth(from) : `${formatShortMonth(from)} – ${formatShortMonth(to)}`);
