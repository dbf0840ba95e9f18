import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsSummaryRepository } from './metrics-summary.repository.js';
import { MetricsSummaryService } from './metrics-summary.service.js';

/** GET /api/v1/metrics: the six durations as distributions per group. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsSummaryService, MetricsSummaryRepository],
  exports: [MetricsSummaryService],
})
export class MetricsSummaryModule {}
