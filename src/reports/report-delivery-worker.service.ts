import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ReportDeliveries, type DeliveryPass } from './report-deliveries.service.js';

/** The name of the delivery interval in the SchedulerRegistry. */
export const REPORT_DELIVERY_JOB = 'report-delivery';
export const DELIVER_EVERY_MS = 30_000;

/**
 * Sends the due report e-mails (service only: a CLI run queues them and exits): every DELIVER_EVERY_MS, at
 * start-up and right after this process queued some. Runs whenever e-mail is configured, REPORT_CRON=off or
 * not (a report asked for by API or CLI is e-mailed too). One pass at a time per instance; instances share the
 * work through the deliveries' claims.
 */
@Injectable()
export class ReportDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportDeliveryWorker.name);
  private inFlight: Promise<DeliveryPass | null> = Promise.resolve(null);
  /** A pass is waiting behind the running one: further kicks join it. */
  private queuedPass: Promise<DeliveryPass | null> | null = null;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly deliveries: ReportDeliveries,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const email = this.config.email;
    if (!email) {
      this.logger.log('E-mail off (SMTP_URL and REPORT_RECIPIENTS not both set): reports are not e-mailed');
      return;
    }
    const interval = setInterval(() => void this.run(), DELIVER_EVERY_MS);
    interval.unref();
    this.registry.addInterval(REPORT_DELIVERY_JOB, interval);
    this.unsubscribe = this.deliveries.onQueued(() => void this.run());
    this.logger.log(`Reports are e-mailed to ${email.recipients.length} recipient(s) through ${email.smtpUrlRedacted}`);
    void this.run();
  }

  /** Runs a pass after the one in flight (at most one waits); resolves with what it did, null when it failed or the worker stopped. */
  run(): Promise<DeliveryPass | null> {
    if (this.stopped) return Promise.resolve(null);
    if (this.queuedPass) return this.queuedPass;
    const pass = this.inFlight.then(() => {
      this.queuedPass = null;
      if (this.stopped) return null;
      return this.deliveries.deliverDue().then(
        (result) => result,
        (error: unknown) => {
          this.logger.error(`Report e-mail failed: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        },
      );
    });
    this.queuedPass = pass;
    this.inFlight = pass;
    return pass;
  }

  /** Resolves when the passes started so far are done. */
  idle(): Promise<unknown> {
    return this.inFlight;
  }

  /** No new pass; the one under way finishes (and records its sends) before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.registry.doesExist('interval', REPORT_DELIVERY_JOB)) this.registry.deleteInterval(REPORT_DELIVERY_JOB);
    await this.inFlight;
  }
}
