import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import { HindsightModule } from '../../src/app.module.js';
import { CLI_ACTOR, SYSTEM_ACTOR } from '../../src/common/actor.js';
import { InvalidInputError, RuleViolationError } from '../../src/common/errors.js';
import { loadConfig } from '../../src/config/config.js';
import { generateDemoData } from '../../src/demo/demo-data.generator.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { ReportBuilder, type BuildOptions, type MonthlyReportResult } from '../../src/reports/report-builder.service.js';
import { SETTING_NAMES } from '../../src/reports/report-settings.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { SeverityLevelsService } from '../../src/severities/severity-levels.service.js';
import { FixedClock } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * Generated reports as records (ReportsService on a real database): the claim, versions, the frozen figures,
 * exactly-once with three application instances on one database, a crashed claim taken over, a failure.
 */
const NOW = new Date('2026-11-23T12:00:00Z');

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A promise and the function that settles it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The real builder, held at its start until the test lets it go: our own code's timing, so that a test can
 * take the claim over while this instance is generating. The workbook is still really built.
 */
class HeldReportBuilder extends ReportBuilder {
  static started = deferred();
  static release = deferred();

  override async buildMonthly(month: string, outputPath: string, options?: BuildOptions): Promise<MonthlyReportResult> {
    HeldReportBuilder.started.resolve();
    await HeldReportBuilder.release.promise;
    return super.buildMonthly(month, outputPath, options);
  }
}

describe('generated reports', () => {
  let db: TestDatabase;
  let dir: string;
  const contexts: INestApplicationContext[] = [];

  /** Hindsight on the test database as another instance would run it, with its REPORTS_DIR (and other settings, and clock, when given). */
  async function instance(reportsDir = path.join(dir, 'reports'), options: { env?: Record<string, string>; now?: Date } = {}): Promise<ReportsService> {
    const config = loadConfig({ REPORT_TIMEZONE: 'UTC', REPORTS_DIR: reportsDir, ...options.env });
    const app = await NestFactory.createApplicationContext(HindsightModule.register({ config, databaseUrl: db.url, clock: new FixedClock(options.now ?? NOW) }), { logger: false });
    contexts.push(app);
    return app.get(ReportsService);
  }

  const rowsOf = (period: string): Promise<{ version: number; status: string; attempts: number; claimed_by: string }[]> =>
    db.dataSource.query(`SELECT version, status, attempts, claimed_by FROM reports WHERE period = $1 ORDER BY version`, [period]);

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'hindsight-report-records-'));
    const first = await instance();
    await contexts[0].get(DemoDataService).write(generateDemoData({ seed: 3, incidents: 150, months: 13, end: NOW }));
    expect(first).toBeInstanceOf(ReportsService);
  });
  afterAll(async () => {
    for (const app of contexts) await app.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('generates a month once, records the file, its hash and the figures it printed, and audits it', async () => {
    const reports = await instance();
    const { outcome, report } = await reports.generateMonthly('2026-10', { trigger: 'cli', actor: CLI_ACTOR });
    expect(outcome).toBe('generated');
    expect(report).toMatchObject({ kind: 'monthly', period: '2026-10', version: 1, status: 'completed', trigger: 'cli', requestedBy: 'cli', attempts: 1, error: null });
    expect(report.fileName).toBe('hindsight-monthly-2026-10.xlsx');
    const bytes = await readFile(path.join(dir, 'reports', report.fileName));
    expect(report.bytes).toBe(bytes.length);
    expect(report.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const figures = report.figures as { month: string; summary: string; current: { incidents: number } };
    expect(figures.month).toBe('2026-10');
    expect(figures.current.incidents).toBeGreaterThan(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet('Summary')!.getRow(4).getCell(1).value).toBe(figures.summary);
    const audit = await db.dataSource.query(`SELECT action, actor_name, entity_id, entity_label, after FROM audit_events WHERE entity_type = 'report'`);
    expect(audit).toEqual([expect.objectContaining({ action: 'report.generate', actor_name: 'cli', entity_id: report.id, entity_label: 'monthly 2026-10 v1' })]);
    expect(audit[0].after).toMatchObject({ status: 'completed', sha256: report.sha256 });
  });

  it('returns the completed report as is, and with regenerate makes a new version beside it', async () => {
    const reports = await instance();
    const again = await reports.generateMonthly('2026-10', { trigger: 'api', actor: SYSTEM_ACTOR });
    expect(again.outcome).toBe('existing');
    expect(again.report).toMatchObject({ version: 1, trigger: 'cli' });
    const before = await readFile(path.join(dir, 'reports', 'hindsight-monthly-2026-10.xlsx'));

    // An edit after generation: the stored figures and the first file do not move.
    await db.dataSource.query(`UPDATE incidents SET excluded_from_metrics = true, exclusion_reason = 'test' WHERE started_at >= '2026-10-01' AND started_at < '2026-10-08'`);
    const second = await reports.generateMonthly('2026-10', { trigger: 'api', actor: SYSTEM_ACTOR, regenerate: true });
    expect(second.outcome).toBe('generated');
    expect(second.report).toMatchObject({ version: 2, fileName: 'hindsight-monthly-2026-10-v2.xlsx', status: 'completed', requestedBy: 'system' });
    expect((await readdir(path.join(dir, 'reports'))).sort()).toEqual(['hindsight-monthly-2026-10-v2.xlsx', 'hindsight-monthly-2026-10.xlsx']);
    expect(await readFile(path.join(dir, 'reports', 'hindsight-monthly-2026-10.xlsx'))).toEqual(before);
    const first = await reports.get(again.report.id);
    expect(first.figures).toEqual(again.report.figures);
    const counted = (figures: unknown) => (figures as { current: { incidents: number } }).current.incidents;
    expect(counted(second.report.figures)).toBe(counted(first.figures));
    expect(second.report.figures).not.toEqual(first.figures);
  });

  it('with three instances asking at once, generates the month exactly once', async () => {
    const instances = await Promise.all([instance(), instance(), instance()]);
    const outcomes = await Promise.all(instances.map((reports) => reports.generateMonthly('2026-09', { trigger: 'schedule', actor: SYSTEM_ACTOR })));
    expect(outcomes.filter((o) => o.outcome === 'generated')).toHaveLength(1);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(expect.arrayContaining(['generated']));
    expect(new Set(outcomes.map((o) => o.report.id)).size).toBe(1);
    expect(await rowsOf('2026-09')).toEqual([expect.objectContaining({ version: 1, status: 'completed', attempts: 1 })]);
    const generated = await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.generate' AND entity_label = 'monthly 2026-09 v1'`);
    expect(generated).toEqual([{ n: 1 }]);
  });

  it('leaves a live claim alone, and takes over a claim whose heartbeat stopped (a crash), as attempt 2', async () => {
    const reports = await instance();
    await db.dataSource.query(
      `INSERT INTO reports (kind, period, version, status, trigger, requested_by, claimed_by, created_at, claimed_at, heartbeat_at, started_at, file_name)
       VALUES ('monthly', '2026-08', 1, 'running', 'schedule', 'system', '999@crashed#000000', $1, $1, $1, $1, 'hindsight-monthly-2026-08.xlsx')`,
      [new Date(NOW.getTime() - 5_000)],
    );
    const live = await reports.generateMonthly('2026-08', { trigger: 'api', actor: SYSTEM_ACTOR });
    expect(live.outcome).toBe('running');
    expect(live.report).toMatchObject({ status: 'running', claimedBy: '999@crashed#000000' });

    await db.dataSource.query(`UPDATE reports SET heartbeat_at = $1 WHERE period = '2026-08'`, [new Date(NOW.getTime() - 10 * 60_000)]);
    const taken = await reports.generateMonthly('2026-08', { trigger: 'api', actor: SYSTEM_ACTOR });
    expect(taken.outcome).toBe('generated');
    expect(taken.report).toMatchObject({ id: live.report.id, status: 'completed', attempts: 2, claimedBy: reports.claimant });
    expect(await readdir(path.join(dir, 'reports'))).toContain('hindsight-monthly-2026-08.xlsx');
  });

  it('records a failed generation with its error and no file, and retries it on the next call', async () => {
    const blocker = path.join(dir, 'not-a-directory');
    await writeFile(blocker, 'x');
    const broken = await instance(path.join(blocker, 'reports'));
    await expect(broken.generateMonthly('2026-07', { trigger: 'cli', actor: CLI_ACTOR })).rejects.toThrow(/ENOTDIR|EEXIST/);
    const [failed] = await db.dataSource.query(`SELECT status, error, finished_at, bytes, sha256 FROM reports WHERE period = '2026-07'`);
    expect(failed).toMatchObject({ status: 'failed', bytes: null, sha256: null });
    expect(failed.error).toMatch(/ENOTDIR|EEXIST/);
    expect(failed.finished_at).toBeInstanceOf(Date);
    expect(await db.dataSource.query(`SELECT action FROM audit_events WHERE entity_label = 'monthly 2026-07 v1'`)).toEqual([{ action: 'report.fail' }]);

    const retried = await (await instance()).generateMonthly('2026-07', { trigger: 'cli', actor: CLI_ACTOR });
    expect(retried).toMatchObject({ outcome: 'generated', report: { status: 'completed', attempts: 2, error: null, version: 1 } });
  });

  it('counts a severity level\'s SLA target and the business calendar changed after a report as configuration changes; the report does not move', async () => {
    const reports = await instance();
    const { outcome, report: v1 } = await reports.generateMonthly('2026-10', { trigger: 'api', actor: SYSTEM_ACTOR });
    expect(outcome).toBe('existing');
    expect(v1.changesSince?.configurationChanges).toEqual({ count: 0, lastChangeAt: null, which: [] });
    const file = path.join(dir, 'reports', v1.fileName);
    expect(sha256(await readFile(file))).toBe(v1.sha256);

    // An admin halves SEV1's time-to-mitigate target an hour after the report.
    const later = new Date(NOW.getTime() + 3_600_000);
    await instance(undefined, { now: later });
    const severities = contexts.at(-1)!.get(SeverityLevelsService);
    const sev1 = await severities.get('SEV1');
    await severities.update('SEV1', { version: sev1.version, mitigateTargetSeconds: Math.max(60, Math.round((sev1.mitigateTargetSeconds ?? 7_200) / 2)) }, SYSTEM_ACTOR);
    const afterSla = await reports.get(v1.id);
    expect(afterSla.changesSince?.configurationChanges).toEqual({ count: 1, lastChangeAt: later.toISOString(), which: ['severity_level SEV1'] });
    expect(afterSla.changedConfiguration).toEqual([{ entityType: 'severity_level', label: 'SEV1', action: 'severity_level.update', changedAt: later.toISOString(), changedBy: 'system' }]);

    // And an instance runs with another business calendar (a holiday in the month): the setting differs from the one the report used.
    const withHoliday = await instance(undefined, { env: { BUSINESS_HOLIDAYS: '2026-10-05' } });
    const seen = await withHoliday.get(v1.id);
    expect(seen.changesSince?.configurationChanges).toEqual({ count: 2, lastChangeAt: later.toISOString(), which: [SETTING_NAMES.calendar, 'severity_level SEV1'] });
    expect(seen.changedConfiguration[0]).toEqual({ entityType: 'setting', label: SETTING_NAMES.calendar, action: 'changed', changedAt: null, changedBy: null });
    const listed = (await withHoliday.list({ limit: 200 })).items.find((item) => item.id === v1.id);
    expect(listed?.changesSince?.configurationChanges.count).toBe(2);

    // The report as stored, its figures and its file, are what they were.
    for (const now of [afterSla, seen]) expect(now).toMatchObject({ figures: v1.figures, sha256: v1.sha256, bytes: v1.bytes, finishedAt: v1.finishedAt });
    expect(sha256(await readFile(file))).toBe(v1.sha256);
    // The one it was generated by still sees its own calendar: only the target counts there.
    expect((await reports.get(v1.id)).changesSince?.configurationChanges.which).toEqual(['severity_level SEV1']);
  });

  it('keeps the file of the process that holds the claim when one that lost it finishes later, and leaves no staged file', async () => {
    const held = await Test.createTestingModule({
      imports: [HindsightModule.register({ config: loadConfig({ REPORT_TIMEZONE: 'UTC', REPORTS_DIR: path.join(dir, 'reports') }), databaseUrl: db.url, clock: new FixedClock(NOW) })],
    })
      .overrideProvider(ReportBuilder)
      .useClass(HeldReportBuilder)
      .compile();
    held.useLogger(false);
    await held.init();
    contexts.push(held);
    const a = held.get(ReportsService);

    // A claims June and starts; it stalls (held) until its heartbeat is stale, and B takes the claim over and completes.
    const first = a.generateMonthly('2026-06', { trigger: 'schedule', actor: SYSTEM_ACTOR });
    await HeldReportBuilder.started.promise;
    expect(await rowsOf('2026-06')).toEqual([expect.objectContaining({ status: 'running', attempts: 1, claimed_by: a.claimant })]);
    await db.dataSource.query(`UPDATE reports SET heartbeat_at = $1 WHERE period = '2026-06'`, [new Date(NOW.getTime() - 10 * 60_000)]);
    const b = await instance();
    const taken = await b.generateMonthly('2026-06', { trigger: 'schedule', actor: SYSTEM_ACTOR });
    expect(taken).toMatchObject({ outcome: 'generated', report: { status: 'completed', attempts: 2, claimedBy: b.claimant } });
    const file = path.join(dir, 'reports', taken.report.fileName);
    expect(sha256(await readFile(file))).toBe(taken.report.sha256);

    // The data changes, so that A's workbook differs from B's; then A finishes.
    await db.dataSource.query(
      `UPDATE incidents SET title = 'Renamed while A stalled' WHERE id = (SELECT id FROM incidents WHERE started_at >= '2026-06-01' AND started_at < '2026-07-01' ORDER BY started_at LIMIT 1)`,
    );
    HeldReportBuilder.release.resolve();
    const late = await first;
    // A's answer is the record as B completed it; the file on disk is still B's, and A's staged file is gone.
    expect(late.report).toMatchObject({ id: taken.report.id, sha256: taken.report.sha256, claimedBy: b.claimant, attempts: 2 });
    expect(sha256(await readFile(file))).toBe(taken.report.sha256);
    expect((await readdir(path.join(dir, 'reports'))).filter((name) => name.startsWith('.') || name.includes('2026-06'))).toEqual(['hindsight-monthly-2026-06.xlsx']);
    expect(await rowsOf('2026-06')).toEqual([expect.objectContaining({ status: 'completed', attempts: 2, claimed_by: b.claimant })]);
  });

  it('refuses a month that has not ended, and a malformed one naming `month`', async () => {
    const reports = await instance();
    await expect(reports.generateMonthly('2026-11', { trigger: 'api', actor: SYSTEM_ACTOR })).rejects.toThrow(RuleViolationError);
    await expect(reports.generateMonthly('2026-13', { trigger: 'api', actor: SYSTEM_ACTOR })).rejects.toThrow(InvalidInputError);
    await expect(reports.generateMonthly('2026-13', { trigger: 'api', actor: SYSTEM_ACTOR })).rejects.toThrow(/^month: "2026-13"/);
    expect(await rowsOf('2026-11')).toEqual([]);
  });
});
