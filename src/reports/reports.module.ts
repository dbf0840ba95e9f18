import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ChartRenderer } from './chart-renderer.service.js';
import { ReportBuilder } from './report-builder.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportRecordsRepository } from './report-records.repository.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { ReportDeliveries } from './report-deliveries.service.js';
import { ReportDeliveriesRepository } from './report-deliveries.repository.js';
import { ReportMailer } from './report-mailer.service.js';

/**
 * The monthly leadership report (issue 13): figures from the metrics services, lists from its repository, the
 * workbook written by ExcelJS's streaming writer; ReportsService records each generation (claim, file, frozen
 * figures) and is what the CLI, the scheduler and POST /api/v1/reports call; ReportDeliveries e-mails each
 * completed version (queued with its completion, sent by the service's delivery worker).
 */
@Module({
  imports: [MetricsModule],
  controllers: [ReportsController],
  providers: [ReportBuilder, ReportsRepository, ChartRenderer, ReportsService, ReportRecordsRepository, ReportDeliveries, ReportDeliveriesRepository, ReportMailer],
  exports: [ReportBuilder, ReportsService, ReportDeliveries],
})
export class ReportsModule {}
