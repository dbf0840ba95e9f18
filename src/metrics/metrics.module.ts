import { Module } from '@nestjs/common';
import { MetricsAnalysisModule } from './analysis/metrics-analysis.module.js';
import { MetricsHealthModule } from './health/metrics-health.module.js';
import { MetricsSummaryModule } from './summary/metrics-summary.module.js';

/** The three parts of the metrics, each a module with its endpoints and its exported service. */
export const METRICS_MODULES = [MetricsSummaryModule, MetricsAnalysisModule, MetricsHealthModule] as const;

/**
 * Every metric of SPEC §2 in one module, for callers in the same process (the monthly report, the web
 * app): it exports MetricsSummaryService (the six durations), MetricsAnalysisService (SLA, severity
 * trends, change over time, data quality) and MetricsHealthService (retros, action items, comms).
 */
@Module({
  imports: [...METRICS_MODULES],
  exports: [...METRICS_MODULES],
})
export class MetricsModule {}
