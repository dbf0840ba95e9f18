import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ChartRenderer } from './chart-renderer.service.js';
import { ReportBuilder } from './report-builder.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportRecordsRepository } from './report-records.repository.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/**
 * The monthly leadership report (issue 13): figures from the metrics services, lists from its repository, the
 * workbook written by ExcelJS's streaming writer; ReportsService records each generation (claim, file, frozen
 * figures) and is what the CLI, the scheduler and POST /api/v1/reports call.
 */
@Module({
  imports: [MetricsModule],
  controllers: [ReportsController],
  providers: [ReportBuilder, ReportsRepository, ChartRenderer, ReportsService, ReportRecordsRepository],
  exports: [ReportBuilder, ReportsService],
})
export class ReportsModule {}
