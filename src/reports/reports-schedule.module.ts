import { Module } from '@nestjs/common';
import { ReportsModule } from './reports.module.js';
import { ReportsScheduler } from './reports-scheduler.service.js';

/** The monthly report's schedule: imported by AppModule (beside ScheduleModule), not by the CLI's HindsightModule. */
@Module({
  imports: [ReportsModule],
  providers: [ReportsScheduler],
})
export class ReportsScheduleModule {}
