import { Module } from '@nestjs/common';
import { MetricsHealthController } from './metrics-health.controller.js';
import { MetricsHealthRepository } from './metrics-health.repository.js';
import { MetricsHealthService } from './metrics-health.service.js';

/** Retro health, action-item health and comms-cadence adherence (SPEC §2), under /api/v1/metrics. */
@Module({
  controllers: [MetricsHealthController],
  providers: [MetricsHealthService, MetricsHealthRepository],
  exports: [MetricsHealthService],
})
export class MetricsHealthModule {}
