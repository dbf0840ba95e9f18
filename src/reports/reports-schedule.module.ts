import { Module } from '@nestjs/common';
import { ReportsModule } from './reports.module.js';
import { ReportsScheduler } from './reports-scheduler.service.js';
import { ReportDeliveryWorker } from './report-delivery-worker.service.js';

/** The monthly report's schedule and its e-mail worker: imported by AppModule (beside ScheduleModule), not by the CLI's HindsightModule. */
@Module({
  imports: [ReportsModule],
  providers: [ReportsScheduler, ReportDeliveryWorker],
})
export class ReportsScheduleModule {}
