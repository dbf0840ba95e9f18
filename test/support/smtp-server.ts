import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the test SMTP server accepted: the envelope's recipients and the parsed message. */
export interface ReceivedMail {
  from: string;
  to: string[];
  mail: ParsedMail;
}

/** How the server answers RCPT TO for an address: `code` (e.g. 451, 550) for the next `times` attempts (all, when absent). */
export interface Refusal {
  code: number;
  message: string;
  times?: number;
}

export interface TestSmtpServer {
  /** `smtp://user:password@127.0.0.1:port`, as SMTP_URL takes it. */
  url: string;
  received: ReceivedMail[];
  /** Refusals by recipient address (lower-case); set and change them between sends. */
  refusals: Map<string, Refusal>;
  /** RCPT TO commands seen per address (accepted or refused). */
  attempts: Map<string, number>;
  /** Milliseconds the server waits before accepting a message's data (to make concurrent senders overlap). */
  dataDelayMs: number;
  /** The messages received for `address`. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on a free port of 127.0.0.1, plain text with AUTH PLAIN/LOGIN required for
 * `user`/`password`; every message it accepts is parsed with mailparser and kept.
 */
export async function startSmtpServer(credentials = { user: 'hindsight', password: 'p@ss word/1' }): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, Refusal>();
  const attempts = new Map<string, number>();
  const state = { dataDelayMs: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.password) return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      const key = address.address.toLowerCase();
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      const refusal = refusals.get(key);
      if (!refusal || refusal.times === 0) return callback();
      if (refusal.times !== undefined) refusal.times -= 1;
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) =>
          setTimeout(() => {
            received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), mail });
            callback();
          }, state.dataDelayMs),
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`,
    received,
    refusals,
    attempts,
    get dataDelayMs() {
      return state.dataDelayMs;
    },
    set dataDelayMs(ms: number) {
      state.dataDelayMs = ms;
    },
    to: (address) => received.filter((m) => m.to.includes(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
