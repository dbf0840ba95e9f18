import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type NodemailerError, type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { XLSX_TYPE } from './report-claim.js';
import type { SendFailure } from './report-delivery.js';

/** One message to one recipient, with the workbook attached. */
export interface OutgoingReport {
  to: string;
  subject: string;
  text: string;
  attachment: { fileName: string; content: Buffer };
}

/** A send that did not go through: what the SMTP server (or the connection) said. */
export class SendError extends Error implements SendFailure {
  constructor(
    message: string,
    readonly responseCode?: number,
    readonly permanent?: boolean,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** How long a send may wait on the SMTP server: a send ends (sent or failed) well within STALE_SENDING_MS. */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * Sends report e-mails over SMTP_URL (nodemailer, one connection per message); the one place that knows
 * nodemailer. Failures come out as SendError with the SMTP reply code, so the rules need no nodemailer types.
 */
@Injectable()
export class ReportMailer implements OnApplicationShutdown {
  private transport: Transporter<SMTPSentMessageInfo> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.email !== null;
  }

  /** Sends one message; resolves with its Message-ID, rejects with a SendError. */
  async send(message: OutgoingReport): Promise<{ messageId: string }> {
    const email = this.config.email;
    if (!email) throw new SendError('e-mail is not configured (SMTP_URL and REPORT_RECIPIENTS)', undefined, true);
    this.transport ??= nodemailer.createTransport({ url: email.smtpUrl, ...TIMEOUTS });
    try {
      const info = await this.transport.sendMail({
        from: email.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: [{ filename: message.attachment.fileName, content: message.attachment.content, contentType: XLSX_TYPE }],
      });
      if (info.rejected.length > 0) throw new SendError(`the server rejected ${info.rejected.join(', ')}: ${info.response}`);
      return { messageId: info.messageId };
    } catch (error) {
      throw toSendError(error);
    }
  }

  /** After the delivery worker finished its pass (beforeApplicationShutdown). */
  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

/** The reply code of a refusal: the error's own, or (a refused recipient) the recipient's. */
function toSendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const e = error as NodemailerError;
  const rejected = e.rejectedErrors?.[0];
  const responseCode = e.responseCode ?? rejected?.responseCode;
  const permanent = e.permanent ?? rejected?.permanent;
  const text = rejected?.response ?? e.response ?? e.message ?? String(error);
  return new SendError(`${e.code ? `${e.code}: ` : ''}${text}`, responseCode, permanent);
}
