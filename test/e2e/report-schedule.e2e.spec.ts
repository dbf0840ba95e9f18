import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SchedulerRegistry } from '@nestjs/schedule';
import { generateDemoData } from '../../src/demo/demo-data.generator.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { MONTHLY_REPORT_CATCH_UP, MONTHLY_REPORT_JOB, ReportsScheduler } from '../../src/reports/reports-scheduler.service.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

/**
 * The monthly report's schedule with three application instances on one database: the cron job as
 * configured, exactly one generation when all three run the job (and catch up at start-up) at once, a crashed
 * claim taken over, a missed month caught up at the next start.
 */
const NOW = new Date('2026-11-23T12:00:00Z');

describe('the scheduled monthly report', () => {
  const clock = new FixedClock(NOW);
  let dir: string;
  let env: Record<string, string>;
  let a: TestApp;
  const others: TestApp[] = [];
  const scheduler = (t: TestApp) => t.app.get(ReportsScheduler);

  const reportsOf = (period: string): Promise<{ id: string; version: number; status: string; attempts: number; trigger: string; requested_by: string; claimed_by: string }[]> =>
    a.db.dataSource.query(`SELECT id, version, status, attempts, trigger, requested_by, claimed_by FROM reports WHERE period = $1 ORDER BY version`, [period]);
  const generations = async (period: string): Promise<number> =>
    (await a.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.generate' AND entity_label = $1`, [`monthly ${period} v1`]))[0].n;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hindsight-report-schedule-'));
    env = { REPORTS_DIR: dir, REPORT_TIMEZONE: 'Europe/Berlin', REPORT_CRON: '0 6 1 * *' };
    a = await startTestApp({ clock, env });
  });
  afterAll(async () => {
    for (const t of others) await t.close();
    await a?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('registers REPORT_CRON in REPORT_TIMEZONE, and on an empty database catches nothing up', async () => {
    const job = a.app.get(SchedulerRegistry).getCronJob(MONTHLY_REPORT_JOB);
    expect(job.cronTime.source).toBe('0 6 1 * *');
    const next = job.nextDate();
    expect({ zone: next.zoneName, day: next.day, hour: next.hour, minute: next.minute }).toEqual({ zone: 'Europe/Berlin', day: 1, hour: 6, minute: 0 });
    expect(a.app.get(SchedulerRegistry).doesExist('interval', MONTHLY_REPORT_CATCH_UP)).toBe(true);
    await scheduler(a).idle();
    expect(await a.db.dataSource.query(`SELECT id FROM reports`)).toEqual([]);
  });

  it('generates last month exactly once when three instances start and run the job at once', async () => {
    await a.app.get(DemoDataService).write(generateDemoData({ seed: 21, incidents: 150, months: 13, end: NOW }));
    // Two more instances start (each catching up at start-up), and all three run the scheduled job at once.
    others.push(...(await Promise.all([startTestApp({ sharing: a, clock, env }), startTestApp({ sharing: a, clock, env })])));
    const [b, c] = others;
    const results = await Promise.all([a, b, c].map((t) => scheduler(t).run('schedule')));
    await Promise.all([a, b, c].map((t) => scheduler(t).idle()));
    expect(results.map((r) => r?.month)).toEqual(['2026-10', '2026-10', '2026-10']);
    expect(results.every((r) => r && ['generated', 'existing', 'running'].includes(r.outcome))).toBe(true);
    expect(await reportsOf('2026-10')).toEqual([expect.objectContaining({ version: 1, status: 'completed', attempts: 1, trigger: 'schedule', requested_by: 'system' })]);
    expect(await generations('2026-10')).toBe(1);
    expect(await readdir(dir)).toEqual(['hindsight-monthly-2026-10.xlsx']);
  });

  it('leaves a live claim alone, and has exactly one instance take over a crashed one (attempt 2)', async () => {
    clock.set(new Date('2026-12-05T09:00:00Z'));
    const [b, c] = others;
    await a.db.dataSource.query(
      `INSERT INTO reports (kind, period, version, status, trigger, requested_by, claimed_by, created_at, claimed_at, heartbeat_at, started_at, file_name)
       VALUES ('monthly', '2026-11', 1, 'running', 'schedule', 'system', '999@crashed#000000', $1, $1, $1, $1, 'hindsight-monthly-2026-11.xlsx')`,
      [new Date(clock.now().getTime() - 5_000)],
    );
    const live = await Promise.all([a, b, c].map((t) => scheduler(t).run('catch-up')));
    expect(live.map((r) => r?.outcome)).toEqual(['running', 'running', 'running']);
    expect(await reportsOf('2026-11')).toEqual([expect.objectContaining({ status: 'running', attempts: 1, claimed_by: '999@crashed#000000' })]);

    // Its process died: the heartbeat is ten minutes old.
    await a.db.dataSource.query(`UPDATE reports SET heartbeat_at = $1 WHERE period = '2026-11'`, [new Date(clock.now().getTime() - 10 * 60_000)]);
    const taken = await Promise.all([a, b, c].map((t) => scheduler(t).run('catch-up')));
    expect(taken.filter((r) => r?.outcome === 'generated')).toHaveLength(1);
    const [row] = await reportsOf('2026-11');
    expect(row).toMatchObject({ status: 'completed', attempts: 2 });
    expect(row.claimed_by).not.toBe('999@crashed#000000');
    expect(await generations('2026-11')).toBe(1);
  });

  it('catches up a missed month at the next start', async () => {
    clock.set(new Date('2027-01-10T08:00:00Z'));
    const restarted = await startTestApp({ sharing: a, clock, env });
    others.push(restarted);
    await scheduler(restarted).idle();
    expect(await reportsOf('2026-12')).toEqual([expect.objectContaining({ version: 1, status: 'completed', trigger: 'schedule', requested_by: 'system', attempts: 1 })]);
    expect((await readdir(dir)).sort()).toEqual(['hindsight-monthly-2026-10.xlsx', 'hindsight-monthly-2026-11.xlsx', 'hindsight-monthly-2026-12.xlsx']);
  });

  it('with REPORT_CRON=off registers no job and catches nothing up', async () => {
    clock.set(new Date('2027-02-10T08:00:00Z'));
    const off = await startTestApp({ sharing: a, clock, env: { ...env, REPORT_CRON: 'off' } });
    others.push(off);
    await scheduler(off).idle();
    expect(off.app.get(SchedulerRegistry).doesExist('cron', MONTHLY_REPORT_JOB)).toBe(false);
    expect(await reportsOf('2027-01')).toEqual([]);
  });
});
