import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SchedulerRegistry } from '@nestjs/schedule';
import { generateDemoData } from '../../src/demo/demo-data.generator.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { ReportDeliveries } from '../../src/reports/report-deliveries.service.js';
import { FIRST_RETRY_DELAY_MS, STALE_SENDING_MS } from '../../src/reports/report-delivery.js';
import { REPORT_DELIVERY_JOB, ReportDeliveryWorker } from '../../src/reports/report-delivery-worker.service.js';
import { XLSX_TYPE } from '../../src/reports/report-claim.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';
import { runHindsight } from '../support/cli.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

/**
 * E-mailing the monthly report against a real SMTP server (smtp-server, messages parsed with mailparser):
 * the attachment is the stored file, the body the summary paragraph, one message per recipient and version
 * with two instances on one database, a temporary refusal retried with back-off, a permanent one failed at
 * once, a send interrupted mid-way not repeated, and no e-mail without the configuration.
 */
const NOW = new Date('2026-11-23T12:00:00Z');
const MONTH = '2026-10';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the monthly report by e-mail', () => {
  const clock = new FixedClock(NOW);
  let smtp: TestSmtpServer;
  let dir: string;
  let env: Record<string, string>;
  let a: TestApp;
  const others: TestApp[] = [];
  const worker = (t: TestApp) => t.app.get(ReportDeliveryWorker);
  const recipients = ['cto@example.com', 'ops@example.com', 'flaky@example.com', 'gone@example.com'];
  const byRecipient = <T extends { recipient: string }>(rows: T[]) => Object.fromEntries(rows.map((row) => [row.recipient, row]));
  const deliveriesOf = async (id: string) => (await a.request('viewer').get(`/api/v1/reports/${id}`).expect(200)).body.deliveries as ({ recipient: string } & Record<string, unknown>)[];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    dir = await mkdtemp(path.join(tmpdir(), 'hindsight-report-email-'));
    env = {
      REPORTS_DIR: dir, REPORT_TIMEZONE: 'UTC', SMTP_URL: smtp.url,
      // Mixed case and a duplicate: one delivery per address, lower-cased.
      REPORT_RECIPIENTS: 'CTO@example.com, ops@example.com,flaky@example.com,gone@example.com,ops@EXAMPLE.com',
      REPORT_FROM: 'Hindsight Reports <reports@example.com>',
    };
    a = await startTestApp({ clock, env });
    await a.app.get(DemoDataService).write(generateDemoData({ seed: 31, incidents: 120, months: 13, end: NOW }));
  });
  afterAll(async () => {
    for (const t of others) await t.close();
    await a?.close();
    await smtp?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the stored workbook to each recipient once, the summary paragraph in the body; 451 is retried, 550 failed at once', async () => {
    expect(a.app.get(SchedulerRegistry).doesExist('interval', REPORT_DELIVERY_JOB)).toBe(true);
    smtp.refusals.set('flaky@example.com', { code: 451, message: '4.3.0 Mailbox temporarily unavailable', times: 1 });
    smtp.refusals.set('gone@example.com', { code: 550, message: '5.1.1 No such user here' });

    const report = (await a.request().post('/api/v1/reports').send({ month: MONTH }).expect(201)).body;
    // The completion woke the worker: its pass sends what is due.
    await worker(a).idle();

    const stored = await readFile(path.join(dir, report.fileName));
    expect(sha256(stored)).toBe(report.sha256);
    for (const address of ['cto@example.com', 'ops@example.com']) {
      const messages = smtp.to(address);
      expect(messages).toHaveLength(1);
      const { mail, from } = messages[0];
      expect(from).toBe('reports@example.com');
      expect(mail.subject).toBe('Hindsight monthly report — October 2026');
      expect(mail.to).toMatchObject({ value: [{ address }] });
      expect(mail.text).toContain(report.figures.summary);
      expect(mail.text).toContain(report.id);
      expect(mail.text).toContain(report.sha256);
      expect(mail.attachments).toHaveLength(1);
      const [attachment] = mail.attachments;
      expect({ filename: attachment.filename, contentType: attachment.contentType }).toEqual({ filename: 'hindsight-monthly-2026-10.xlsx', contentType: XLSX_TYPE });
      expect(sha256(attachment.content)).toBe(report.sha256);
      expect(attachment.content.equals(stored)).toBe(true);
    }
    expect(smtp.to('flaky@example.com')).toEqual([]);
    expect(smtp.to('gone@example.com')).toEqual([]);

    const first = byRecipient(await deliveriesOf(report.id));
    expect(Object.keys(first).sort()).toEqual([...recipients].sort());
    expect(first['cto@example.com']).toMatchObject({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null, sentAt: NOW.toISOString(), messageId: smtp.to('cto@example.com')[0].mail.messageId });
    expect(first['flaky@example.com']).toMatchObject({
      status: 'pending', attempts: 1, sentAt: null, nextAttemptAt: new Date(NOW.getTime() + FIRST_RETRY_DELAY_MS).toISOString(), lastError: expect.stringContaining('451'),
    });
    expect(first['gone@example.com']).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null, lastError: expect.stringMatching(/^rejected permanently: .*550.*No such user/) });

    // Not due yet: nothing is tried.
    expect(await worker(a).run()).toEqual({ sent: 0, retried: 0, failed: 0, abandoned: 0 });
    expect(smtp.attempts.get('flaky@example.com')).toBe(1);

    // A minute later the retry goes through; the failed one is not tried again.
    clock.set(new Date(NOW.getTime() + FIRST_RETRY_DELAY_MS));
    expect(await worker(a).run()).toEqual({ sent: 1, retried: 0, failed: 0, abandoned: 0 });
    expect(smtp.to('flaky@example.com')).toHaveLength(1);
    expect(sha256(smtp.to('flaky@example.com')[0].mail.attachments[0].content)).toBe(report.sha256);
    expect(smtp.attempts.get('gone@example.com')).toBe(1);
    const second = byRecipient(await deliveriesOf(report.id));
    expect(second['flaky@example.com']).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(second['gone@example.com']).toMatchObject({ status: 'failed', attempts: 1 });
    expect(smtp.received).toHaveLength(3);
  });

  it('backs off twice as long after each further temporary failure', async () => {
    const start = clock.now();
    smtp.refusals.set('flaky@example.com', { code: 421, message: '4.7.0 Try again later', times: 2 });
    const report = (await a.request().post('/api/v1/reports').send({ month: '2026-09' }).expect(201)).body;
    await worker(a).idle();
    const delivery = async () => byRecipient(await deliveriesOf(report.id))['flaky@example.com'];
    expect(await delivery()).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(start.getTime() + FIRST_RETRY_DELAY_MS).toISOString() });
    clock.set(new Date(start.getTime() + FIRST_RETRY_DELAY_MS));
    await worker(a).run();
    expect(await delivery()).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: new Date(start.getTime() + 3 * FIRST_RETRY_DELAY_MS).toISOString() });
    clock.set(new Date(start.getTime() + 3 * FIRST_RETRY_DELAY_MS));
    await worker(a).run();
    expect(await delivery()).toMatchObject({ status: 'sent', attempts: 3 });
    expect(smtp.to('flaky@example.com').filter((m) => m.mail.text?.includes(report.id))).toHaveLength(1);
  });

  it('with two instances on one database, each recipient gets exactly one message per version (regenerate: version 2 once too)', async () => {
    const b = await startTestApp({ sharing: a, clock, env });
    others.push(b);
    await worker(b).idle();
    const before = smtp.received.length;
    smtp.dataDelayMs = 20;
    try {
      const v2 = (await a.request().post('/api/v1/reports').send({ month: MONTH, regenerate: true }).expect(201)).body;
      expect(v2.version).toBe(2);
      // Both instances' workers (and a's own wake-up after the completion) run at once.
      await Promise.all([worker(a).run(), worker(b).run(), worker(b).run(), worker(a).idle()]);
      const v2Mail = smtp.received.slice(before).filter((m) => m.mail.text?.includes(v2.id));
      expect(v2Mail.map((m) => m.to).sort()).toEqual([['cto@example.com'], ['flaky@example.com'], ['ops@example.com']]);
      for (const { mail } of v2Mail) {
        expect(mail.subject).toBe('Hindsight monthly report — October 2026 (version 2)');
        expect(mail.attachments[0].filename).toBe('hindsight-monthly-2026-10-v2.xlsx');
        expect(sha256(mail.attachments[0].content)).toBe(v2.sha256);
      }

      // Many deliveries due at once, two instances claiming in batches side by side: still one message each.
      const many = Array.from({ length: 30 }, (_, i) => `reader${i}@example.com`);
      await a.db.dataSource.query(
        `INSERT INTO report_deliveries (report_id, recipient, status, attempts, next_attempt_at, created_at)
         SELECT $1, r, 'pending', 0, $3, $3 FROM unnest($2::text[]) r`,
        [v2.id, many, clock.now()],
      );
      await Promise.all([a.app.get(ReportDeliveries).deliverDue(), b.app.get(ReportDeliveries).deliverDue()]);
      for (const address of many) expect(smtp.to(address)).toHaveLength(1);
      const claimants: { claimed_by: string; n: number }[] = await a.db.dataSource.query(
        `SELECT claimed_by, count(*)::int AS n FROM report_deliveries WHERE recipient LIKE 'reader%' AND status = 'sent' GROUP BY claimed_by`,
      );
      // Both instances usually take a share (10 and 20 in a run here); what must hold is one claim per delivery.
      expect(claimants.reduce((sum, c) => sum + c.n, 0)).toBe(30);
    } finally {
      smtp.dataDelayMs = 0;
    }
  });

  it('fails a delivery left sending by a stopped process as outcome unknown instead of sending it again; an admin retry sends it', async () => {
    const [report] = await a.db.dataSource.query(`SELECT id FROM reports WHERE period = $1 AND version = 1`, [MONTH]);
    await a.db.dataSource.query(
      `INSERT INTO report_deliveries (report_id, recipient, status, attempts, next_attempt_at, created_at, claimed_by, claimed_at)
       VALUES ($1, 'late@example.com', 'sending', 1, $2, $2, '999@crashed#000000', $2)`,
      [report.id, new Date(clock.now().getTime() - STALE_SENDING_MS - 1_000)],
    );
    // (Checked in the database, not in this pass's counts: the other instance's interval may be the one that finds it.)
    await worker(a).run();
    expect(smtp.to('late@example.com')).toEqual([]);
    expect(byRecipient(await deliveriesOf(report.id))['late@example.com']).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^outcome unknown/) });

    await a.request('responder').post(`/api/v1/reports/${report.id}/deliveries/retry`).expect(403);
    smtp.refusals.delete('gone@example.com');
    const retried = await a.request().post(`/api/v1/reports/${report.id}/deliveries/retry`).expect(200);
    expect(byRecipient(retried.body.deliveries)['late@example.com']).toMatchObject({ status: 'pending', attempts: 0 });
    const audit = await a.request().get('/api/v1/audit?action=report.retry_deliveries').expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ name: 'test-admin' }),
        before: { failed: expect.arrayContaining([expect.objectContaining({ recipient: 'late@example.com', lastError: expect.stringMatching(/^outcome unknown/) })]) },
        after: { requeued: ['gone@example.com', 'late@example.com'] },
      }),
    ]);
    await worker(a).idle();
    expect(smtp.to('late@example.com')).toHaveLength(1);
    expect(smtp.to('gone@example.com')).toHaveLength(1);
    expect(byRecipient(await deliveriesOf(report.id))['gone@example.com']).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('hindsight report monthly queues the e-mail and exits; a running service sends it', async () => {
    const before = smtp.received.length;
    const cli = await runHindsight(['report', 'monthly', '--month', '2026-08'], { ...env, DATABASE_URL: a.db.url });
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain('E-mail queued to cto@example.com, flaky@example.com, gone@example.com, ops@example.com: a running Hindsight service sends it (or --send now)');
    expect(cli.stderr).not.toContain('p@ss');
    const printed = JSON.parse(cli.stdout) as { id: string; sha256: string; deliveries: { recipient: string; status: string }[] };
    expect(printed.deliveries.map((d) => d.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(smtp.received.length).toBe(before);

    // The service's clock reaches the CLI's (the queued deliveries are due from the CLI run on).
    clock.set(new Date());
    await worker(a).run();
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(['cto@example.com', 'flaky@example.com', 'gone@example.com', 'ops@example.com']);
    for (const { mail } of sent) {
      expect(mail.subject).toBe('Hindsight monthly report — August 2026');
      expect(sha256(mail.attachments[0].content)).toBe(printed.sha256);
    }
  });

  it('hindsight report monthly --send sends the new version before it exits, and reports what it could not send', async () => {
    smtp.refusals.set('gone@example.com', { code: 550, message: '5.1.1 No such user here' });
    const before = smtp.received.length;
    const cli = await runHindsight(['report', 'monthly', '--month', '2026-08', '--regenerate', '--send'], { ...env, DATABASE_URL: a.db.url });
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain('E-mail: 3 sent, 0 to be retried by a running service, 1 failed');
    expect(cli.stderr).toMatch(/gone@example.com: failed \(rejected permanently: .*550/);
    const printed = JSON.parse(cli.stdout) as { id: string; version: number; sha256: string; deliveries: { recipient: string; status: string }[] };
    expect(printed.version).toBe(2);
    expect(Object.fromEntries(printed.deliveries.map((d) => [d.recipient, d.status]))).toEqual({
      'cto@example.com': 'sent', 'flaky@example.com': 'sent', 'gone@example.com': 'failed', 'ops@example.com': 'sent',
    });
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(['cto@example.com', 'flaky@example.com', 'ops@example.com']);
    for (const { mail } of sent) expect(sha256(mail.attachments[0].content)).toBe(printed.sha256);

    const { SMTP_URL: _url, ...withoutSmtp } = env;
    const off = await runHindsight(['report', 'monthly', '--month', '2026-08', '--send'], { ...withoutSmtp, DATABASE_URL: a.db.url });
    expect(off.code).not.toBe(0);
    expect(off.stderr).toContain('--send: e-mail is off; set SMTP_URL and REPORT_RECIPIENTS');
    expect(off.stderr).not.toContain('Monthly report for');
  });

  it('on shutdown the send under way finishes and is recorded before the database closes; no pass starts after', async () => {
    const c = await startTestApp({ sharing: a, clock, env });
    await worker(c).idle();
    const [report] = await a.db.dataSource.query(`SELECT id FROM reports WHERE period = $1 AND version = 1`, [MONTH]);
    await a.db.dataSource.query(
      `INSERT INTO report_deliveries (report_id, recipient, status, attempts, next_attempt_at, created_at) VALUES ($1, 'board@example.com', 'pending', 0, $2, $2)`,
      [report.id, clock.now()],
    );
    smtp.dataDelayMs = 300;
    try {
      const pass = worker(c).run();
      // The claim is committed before the message goes out; the app is closed while it is on the wire.
      while (!smtp.attempts.has('board@example.com')) await new Promise((resolve) => setTimeout(resolve, 5));
      await c.close();
      expect(await pass).toMatchObject({ sent: 1 });
    } finally {
      smtp.dataDelayMs = 0;
    }
    expect(smtp.to('board@example.com')).toHaveLength(1);
    const [row] = await a.db.dataSource.query(`SELECT status, attempts, message_id FROM report_deliveries WHERE recipient = 'board@example.com'`);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, message_id: smtp.to('board@example.com')[0].mail.messageId });
    expect(await worker(c).run()).toBeNull();
  });

  it('without SMTP_URL queues no e-mail and runs no delivery worker', async () => {
    const { SMTP_URL: _url, ...withoutSmtp } = env;
    const off = await startTestApp({ sharing: a, clock, env: withoutSmtp });
    others.push(off);
    expect(off.app.get(SchedulerRegistry).doesExist('interval', REPORT_DELIVERY_JOB)).toBe(false);
    const before = smtp.received.length;
    const v3 = (await off.request().post('/api/v1/reports').send({ month: MONTH, regenerate: true }).expect(201)).body;
    expect(v3).toMatchObject({ version: 3, deliveries: [] });
    await Promise.all([worker(a).run(), ...others.map((t) => worker(t).run())]);
    expect(await a.db.dataSource.query(`SELECT id FROM report_deliveries WHERE report_id = $1`, [v3.id])).toEqual([]);
    expect(smtp.received.length).toBe(before);
    await off.request().post(`/api/v1/reports/${v3.id}/deliveries/retry`).expect(409);
  });
});
