import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { previousMonth } from '../../src/reports/report-month.js';
import { runHindsight, runProgram } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** `hindsight report monthly` as a user runs it: a child process on a database with demo data. */
describe('hindsight report monthly', () => {
  let db: TestDatabase;
  let dir: string;
  const month = previousMonth(new Date(), 'UTC');

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'hindsight-report-cli-'));
    const seeded = await runHindsight(['demo-data', '--seed', '5', '--incidents', '300', '--months', '12'], { DATABASE_URL: db.url });
    expect(seeded.code).toBe(0);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('records the report, copies the workbook to --out, prints its id and figures as JSON on stdout and progress on stderr', async () => {
    const out = path.join(dir, 'pack.xlsx');
    const reports = path.join(dir, 'out-reports');
    const result = await runHindsight(['report', 'monthly', '--month', month, '--out', out], { DATABASE_URL: db.url, REPORT_TIMEZONE: 'UTC', REPORTS_DIR: reports });
    expect(result.stderr).not.toMatch(/hindsight: /);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Monthly report for ${month} (UTC) into ${reports}`);
    expect(result.stderr).toMatch(/ {2}Incidents/);
    expect(result.stderr).toMatch(/Done in [\d.]+ s: report [0-9a-f-]{36}, version 1, .*, \d+ bytes, sha256 [0-9a-f]{64}/);
    const printed = JSON.parse(result.stdout) as {
      id: string; version: number; status: string; path: string; bytes: number; sha256: string;
      figures: { month: string; timeZone: string; current: { incidents: number }; summary: string };
    };
    expect(printed).toMatchObject({ version: 1, status: 'completed', path: out });
    const bytes = await readFile(out);
    expect(printed.bytes).toBe(bytes.length);
    expect(printed.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await readFile(path.join(reports, `hindsight-monthly-${month}.xlsx`))).toEqual(bytes);
    const [record] = await db.dataSource.query(`SELECT id, trigger, requested_by, status, sha256 FROM reports WHERE period = $1`, [month]);
    expect(record).toEqual({ id: printed.id, trigger: 'cli', requested_by: 'cli', status: 'completed', sha256: printed.sha256 });
    expect(printed.figures).toMatchObject({ month, timeZone: 'UTC' });
    expect(printed.figures.current.incidents).toBeGreaterThan(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet('Summary')!.getRow(4).getCell(1).value).toBe(printed.figures.summary);

    // Again: the month's completed report comes back as it is; --regenerate makes version 2 beside it.
    const again = await runHindsight(['report', 'monthly', '--month', month], { DATABASE_URL: db.url, REPORT_TIMEZONE: 'UTC', REPORTS_DIR: reports });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ id: printed.id, version: 1, sha256: printed.sha256 });
    expect(again.stderr).toContain('already has a completed report (version 1');
    const regenerated = await runHindsight(['report', 'monthly', '--month', month, '--regenerate'], { DATABASE_URL: db.url, REPORT_TIMEZONE: 'UTC', REPORTS_DIR: reports });
    expect(regenerated.code).toBe(0);
    const second = JSON.parse(regenerated.stdout);
    expect(second).toMatchObject({ version: 2, path: path.join(reports, `hindsight-monthly-${month}-v2.xlsx`) });
    // What moved since version 1 (nothing was edited in between: no incident moved), in the JSON and in one line on stderr.
    expect(JSON.parse(again.stdout).movedSincePrevious).toBeNull();
    expect(second.movedSincePrevious).toMatchObject({ previousVersion: 1, previousReportId: printed.id, figures: expect.any(Array), incidents: { added: [], removed: [], changed: [] } });
    expect(regenerated.stderr).toMatch(/Since version 1: (no figure moved|\d+ figures? moved \(.+\)); incidents 0 added, 0 removed, 0 changed/);
    expect((await readdir(reports)).sort()).toEqual([`hindsight-monthly-${month}-v2.xlsx`, `hindsight-monthly-${month}.xlsx`]);
  });

  it('shows a progress bar through every step when stderr is a terminal (under `script`, a pseudo-terminal), and the same JSON on stdout', async () => {
    const reports = path.join(dir, 'tty-reports');
    const command = `${process.execPath} bin/hindsight.js report monthly --month ${month} --regenerate 2>&1 >${path.join(dir, 'tty.json')}`;
    const result = await runProgram('script', ['-qec', command, '/dev/null'], { DATABASE_URL: db.url, REPORT_TIMEZONE: 'UTC', REPORTS_DIR: reports, TERM: 'xterm' });
    expect(result.code).toBe(0);
    // cli-progress redraws one line (at most 10 times a second, so not every step is drawn): the steps it drew
    // appear in order, from the first to 10/10 on the last sheet.
    const steps = [...result.stdout.matchAll(new RegExp(`Report ${month} \\[[█░]+\\] (\\d+)/10 ([^|]+) \\|`, 'g'))].map((m) => [Number(m[1]), m[2].trim()] as const);
    expect(steps.map(([index]) => index)).toEqual([...steps.map(([index]) => index)].sort((a, b) => a - b));
    expect(steps[0]).toEqual([1, 'figures']);
    expect(steps.at(-1)).toEqual([10, 'Definitions']);
    expect(new Set(steps.map(([index]) => index)).size).toBeGreaterThanOrEqual(3);
    expect(result.stdout).not.toMatch(/ {2}[\d.]+ s {2}Incidents/);
    const printed = JSON.parse(await readFile(path.join(dir, 'tty.json'), 'utf8')) as { status: string; path: string };
    expect(printed.status).toBe('completed');
    expect(path.dirname(printed.path)).toBe(reports);
  });

  it('refuses a month that has not ended, naming it', async () => {
    const current = new Date().toISOString().slice(0, 7);
    const result = await runHindsight(['report', 'monthly', '--month', current], { DATABASE_URL: db.url, REPORTS_DIR: path.join(dir, 'current') });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`month: "${current}" has not ended yet`);
  });

  it.each(['2026-13', '2026-1', 'october', '26-10'])('refuses --month %s, naming the option and the value', async (value) => {
    const result = await runHindsight(['report', 'monthly', '--month', value], { DATABASE_URL: db.url, REPORTS_DIR: path.join(dir, 'refused') });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`option '--month <YYYY-MM>' argument '${value}' is invalid`);
    expect(result.stderr).toContain(`--month must be a month in YYYY-MM form, e.g. 2026-10 (got "${value}")`);
    await expect(readdir(path.join(dir, 'refused'))).rejects.toThrow();
  });

  it('asks for --month when it is missing', async () => {
    const result = await runHindsight(['report', 'monthly'], { DATABASE_URL: db.url });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("required option '--month <YYYY-MM>' not specified");
  });
});
