import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ChartRenderer } from './chart-renderer.service.js';
import { ReportBuilder } from './report-builder.service.js';
import { ReportsRepository } from './reports.repository.js';

/**
 * The monthly leadership report (issue 13): figures from the metrics services, lists from its repository, the
 * workbook written by ExcelJS's streaming writer. ReportBuilder is what the CLI (and next the scheduler and
 * POST /api/v1/reports) call.
 */
@Module({
  imports: [MetricsModule],
  providers: [ReportBuilder, ReportsRepository, ChartRenderer],
  exports: [ReportBuilder],
})
export class ReportsModule {}
