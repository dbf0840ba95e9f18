import { Module } from '@nestjs/common';
import { MetricsAnalysisController } from './metrics-analysis.controller.js';
import { MetricsAnalysisRepository } from './metrics-analysis.repository.js';
import { MetricsAnalysisService } from './metrics-analysis.service.js';

/** SLA, severity trends, change over time and data quality endpoints under /api/v1/metrics. */
@Module({
  controllers: [MetricsAnalysisController],
  providers: [MetricsAnalysisService, MetricsAnalysisRepository],
  exports: [MetricsAnalysisService],
})
export class MetricsAnalysisModule {}
