import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ReportsService, type CatchUpResult } from './reports.service.js';

/** The name of the monthly report's cron job in the SchedulerRegistry. */
export const MONTHLY_REPORT_JOB = 'monthly-report';
/** The name of the periodic catch-up (a crashed generation is retried within this, not next month). */
export const MONTHLY_REPORT_CATCH_UP = 'monthly-report-catch-up';
export const CATCH_UP_EVERY_MS = 5 * 60_000;

/**
 * The monthly report's schedule (service only: the CLI has no scheduler): REPORT_CRON in REPORT_TIMEZONE, a
 * catch-up at start-up (in the background, so the service answers at once) and every CATCH_UP_EVERY_MS.
 * Every run goes through ReportsService.catchUp, whose claim in PostgreSQL makes it exactly-once however many
 * instances run it.
 */
@Injectable()
export class ReportsScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportsScheduler.name);
  private inFlight: Promise<CatchUpResult | null> = Promise.resolve(null);

  constructor(
    private readonly reports: ReportsService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.config.reportCron;
    if (cron === null) {
      this.logger.log('REPORT_CRON=off: no scheduled monthly report, no catch-up');
      return;
    }
    const job = CronJob.from({ cronTime: cron, timeZone: this.config.reportTimeZone, onTick: () => void this.run('schedule'), start: true });
    this.registry.addCronJob(MONTHLY_REPORT_JOB, job);
    const interval = setInterval(() => void this.run('catch-up'), CATCH_UP_EVERY_MS);
    interval.unref();
    this.registry.addInterval(MONTHLY_REPORT_CATCH_UP, interval);
    this.logger.log(`Monthly report at "${cron}" (${this.config.reportTimeZone}); next ${job.nextDate().toISO()}`);
    void this.run('start-up');
  }

  /** Runs the schedule once (one run at a time per instance); resolves with what it did, null when it failed. */
  run(reason: 'schedule' | 'start-up' | 'catch-up'): Promise<CatchUpResult | null> {
    this.inFlight = this.inFlight.then(() =>
      this.reports.catchUp().then(
        (result) => {
          if (result.outcome === 'generated') this.logger.log(`Monthly report ${result.month} generated (${reason}): ${result.reportId}`);
          if (result.outcome === 'skipped') this.logger.log(`Monthly report ${result.month} not generated (${reason}): ${result.reason}`);
          return result;
        },
        (error: unknown) => {
          this.logger.error(`Monthly report (${reason}) failed: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        },
      ),
    );
    return this.inFlight;
  }

  /** Resolves when the runs started so far are done. */
  idle(): Promise<unknown> {
    return this.inFlight;
  }

  /** A generation under way finishes (and records itself) before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.inFlight;
  }
}
