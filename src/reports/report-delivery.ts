/**
 * The rules of e-mailing a report, pure: when a failed send is tried again, which SMTP answers are final, and
 * what the message says. ReportDeliveries acts on them; the repository and the mailer do the I/O.
 */

/** The first retry waits this long; each further one twice as long as the one before, up to MAX_RETRY_DELAY_MS. */
export const FIRST_RETRY_DELAY_MS = 60_000;
export const MAX_RETRY_DELAY_MS = 6 * 3_600_000;
/**
 * A delivery that failed temporarily this many times is failed for good: with the back-off, about 20 hours
 * after the first attempt (1 + 2 + … + 256 min, then 6 h twice), long enough to ride out a mail server's outage.
 */
export const MAX_DELIVERY_ATTEMPTS = 12;
/**
 * A delivery left `sending` longer than this was interrupted (its process crashed or was killed mid-send):
 * far longer than one send may take (the mailer's connection, greeting and socket timeouts together).
 */
export const STALE_SENDING_MS = 15 * 60_000;
export const OUTCOME_UNKNOWN = 'outcome unknown: the sending process stopped during the send; not sent again to avoid a duplicate (POST /api/v1/reports/{id}/deliveries/retry sends it anyway)';

/** The wait after the `attempts`-th failed send (1 → 1 min, 2 → 2 min, 3 → 4 min, …, at most 6 h). */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

/** What a failed send's error says about SMTP: its reply code (e.g. 451, 550) when the server gave one. */
export interface SendFailure {
  message: string;
  responseCode?: number;
  /** The sender's own reading of the reply, when it gives one (nodemailer: 5xx except 503). */
  permanent?: boolean;
}

export type FailureDecision = { action: 'retry'; at: Date } | { action: 'fail' };

/**
 * After the `attempts`-th send failed: a permanent SMTP rejection (5xx: unknown mailbox, refused sender) fails
 * at once; anything else (4xx, a refused connection, a timeout) is retried with back-off until
 * MAX_DELIVERY_ATTEMPTS.
 */
export function decideAfterFailure(failure: SendFailure, attempts: number, now: Date): FailureDecision {
  if (isPermanent(failure)) return { action: 'fail' };
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return { action: 'fail' };
  return { action: 'retry', at: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/** RFC 5321: a 5yz reply is a permanent rejection, except 503 (bad sequence: the session's state, not the message). */
export function isPermanent(failure: SendFailure): boolean {
  if (failure.permanent !== undefined) return failure.permanent;
  const code = failure.responseCode;
  return code !== undefined && code >= 500 && code < 600 && code !== 503;
}

/** The error as stored on the delivery: the SMTP code when there is one, and what the give-up means. */
export function failureText(failure: SendFailure, decision: FailureDecision, attempts: number): string {
  const text = failure.message.replace(/\s+/g, ' ').trim().slice(0, 1000);
  if (decision.action === 'retry') return text;
  return isPermanent(failure) ? `rejected permanently: ${text}` : `gave up after ${attempts} attempts: ${text}`;
}

/** What the message of one report version says. */
export interface ReportMessageInput {
  id: string;
  version: number;
  /** `October 2026`. */
  label: string;
  fileName: string;
  sha256: string;
  /** The Summary sheet's paragraph, as the report's frozen figures hold it. */
  summary: string;
}

export interface ReportMessage {
  subject: string;
  text: string;
  attachmentName: string;
}

export function reportMessage(input: ReportMessageInput): ReportMessage {
  return {
    subject: `Hindsight monthly report — ${input.label}${input.version > 1 ? ` (version ${input.version})` : ''}`,
    text:
      `${input.summary}\n\n` +
      `The workbook is attached (${input.fileName}).\n` +
      `Report ${input.id}, version ${input.version}, sha256 ${input.sha256}\n`,
    attachmentName: input.fileName,
  };
}
