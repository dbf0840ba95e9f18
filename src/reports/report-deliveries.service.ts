import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ReportDeliveryDto } from './dto/report.dto.js';
import { toReportDeliveryDto } from './report.mapper.js';
import { ReportDeliveriesRepository, type ClaimedDelivery } from './report-deliveries.repository.js';
import { decideAfterFailure, failureText, OUTCOME_UNKNOWN, reportMessage, STALE_SENDING_MS, type SendFailure } from './report-delivery.js';
import { ReportMailer, SendError } from './report-mailer.service.js';

/** What one pass over the due deliveries did. */
export interface DeliveryPass {
  sent: number;
  retried: number;
  failed: number;
  /** Left `sending` by a stopped process, failed as "outcome unknown". */
  abandoned: number;
}

/** Deliveries claimed per round trip; a pass claims rounds until none is due. */
const CLAIM_BATCH = 10;

/**
 * E-mailing completed reports: each version is queued to every address of REPORT_RECIPIENTS in the
 * transaction that records it completed, and sent by whichever instance claims the delivery first, one
 * message per recipient. "Never twice": a delivery is `sending` (committed) before its message goes out;
 * one left `sending` by a stopped process is failed as "outcome unknown", not sent again, unless an admin
 * asks (retryFailed).
 */
@Injectable()
export class ReportDeliveries {
  private readonly logger = new Logger(ReportDeliveries.name);
  /** This instance, as `claimed_by` names it. */
  readonly claimant = `${process.pid}@${hostname()}#${randomBytes(3).toString('hex')}`;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly deliveries: ReportDeliveriesRepository,
    private readonly mailer: ReportMailer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues a completed report to the recipients configured now (none when e-mail is off). Called inside the
   * transaction that records the report completed, so a completed report always has its deliveries.
   */
  async queue(reportId: string): Promise<number> {
    if (!this.config.email) return 0;
    return this.deliveries.insertPending(reportId, this.config.email.recipients, this.clock.now());
  }

  /** Calls `listener` whenever a report was queued in this process (the delivery worker sends at once). */
  onQueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the listeners that deliveries were queued (after the queuing transaction committed). */
  queued(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Sends every delivery due now (of one report, when given), one at a time; other instances running this at
   * once take other deliveries. Nothing without e-mail configured.
   */
  async deliverDue(options: { reportId?: string } = {}): Promise<DeliveryPass> {
    const pass: DeliveryPass = { sent: 0, retried: 0, failed: 0, abandoned: 0 };
    // Without e-mail configured, this instance leaves the queue to instances that have it.
    if (!this.mailer.enabled) return pass;
    const abandoned = await this.deliveries.failStale(new Date(this.clock.now().getTime() - STALE_SENDING_MS), OUTCOME_UNKNOWN);
    for (const row of abandoned) this.logger.warn(`Report ${row.report_id} to ${row.recipient}: left sending by ${row.claimed_by}; failed as outcome unknown`);
    pass.abandoned = abandoned.length;
    for (;;) {
      const claimed = await this.deliveries.claimDue(this.claimant, this.clock.now(), CLAIM_BATCH, options.reportId ?? null);
      if (claimed.length === 0) return pass;
      for (const delivery of claimed) pass[await this.deliver(delivery)] += 1;
    }
  }

  /** Sends one claimed delivery and records the outcome. */
  private async deliver(delivery: ClaimedDelivery): Promise<'sent' | 'retried' | 'failed'> {
    const where = `Report ${delivery.report_id} v${delivery.version} to ${delivery.recipient} (attempt ${delivery.attempts})`;
    let content: Buffer;
    try {
      content = await this.readFile(delivery);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`${where}: ${message}`);
      await this.deliveries.markFailed(delivery.id, this.claimant, message);
      return 'failed';
    }
    const message = reportMessage({
      id: delivery.report_id, version: delivery.version, label: delivery.label, fileName: delivery.file_name, sha256: delivery.sha256, summary: delivery.summary,
    });
    try {
      const { messageId } = await this.mailer.send({ to: delivery.recipient, subject: message.subject, text: message.text, attachment: { fileName: message.attachmentName, content } });
      await this.deliveries.markSent(delivery.id, this.claimant, this.clock.now(), messageId);
      this.logger.log(`${where}: sent ${messageId}`);
      return 'sent';
    } catch (error) {
      const failure: SendFailure = error instanceof SendError ? error : { message: error instanceof Error ? error.message : String(error) };
      const decision = decideAfterFailure(failure, delivery.attempts, this.clock.now());
      const text = failureText(failure, decision, delivery.attempts);
      if (decision.action === 'retry') {
        await this.deliveries.markRetry(delivery.id, this.claimant, decision.at, text);
        this.logger.warn(`${where}: ${text}; next attempt ${decision.at.toISOString()}`);
        return 'retried';
      }
      await this.deliveries.markFailed(delivery.id, this.claimant, text);
      this.logger.error(`${where}: ${text}`);
      return 'failed';
    }
  }

  /** The report's file, as recorded: a file that is gone or no longer has the recorded sha256 is not sent. */
  private async readFile(delivery: ClaimedDelivery): Promise<Buffer> {
    const file = path.join(this.config.reportsDir, delivery.file_name);
    const content = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`the report's file ${delivery.file_name} cannot be read from REPORTS_DIR (${error.code ?? error.message})`);
    });
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (sha256 !== delivery.sha256) throw new Error(`the report's file ${delivery.file_name} has changed since it was generated (sha256 ${sha256}, recorded ${delivery.sha256})`);
    return content;
  }

  /** A report's deliveries, by recipient. */
  async forReport(reportId: string): Promise<ReportDeliveryDto[]> {
    return (await this.deliveries.forReport(reportId)).map(toReportDeliveryDto);
  }

  /**
   * Queues a report's failed deliveries again (attempts from 0): an admin's decision, a duplicate possible for
   * an "outcome unknown" one. The caller wakes the worker (`queued`) when it has read what it answers with.
   */
  async retryFailed(reportId: string): Promise<ReportDeliveryDto[]> {
    return (await this.deliveries.requeueFailed(reportId, this.clock.now())).map(toReportDeliveryDto);
  }
}
