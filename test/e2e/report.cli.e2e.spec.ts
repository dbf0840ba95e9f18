import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { previousMonth } from '../../src/reports/report-month.js';
import { runHindsight } from '../support/cli.js';
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

  it('writes the workbook to --out, prints its figures as JSON on stdout and progress on stderr', async () => {
    const out = path.join(dir, 'pack.xlsx');
    const result = await runHindsight(['report', 'monthly', '--month', month, '--out', out], { DATABASE_URL: db.url, REPORT_TIMEZONE: 'UTC' });
    expect(result.stderr).not.toMatch(/hindsight: /);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Writing the monthly report for ${month} (UTC) to ${out}`);
    expect(result.stderr).toMatch(/ {2}Incidents/);
    expect(result.stderr).toMatch(/Done in [\d.]+ s: \d+ bytes, sha256 [0-9a-f]{64}/);
    const printed = JSON.parse(result.stdout) as { path: string; bytes: number; sha256: string; figures: { month: string; timeZone: string; current: { incidents: number }; summary: string } };
    expect(printed.path).toBe(out);
    const bytes = await readFile(out);
    expect(printed.bytes).toBe(bytes.length);
    expect(printed.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(printed.figures).toMatchObject({ month, timeZone: 'UTC' });
    expect(printed.figures.current.incidents).toBeGreaterThan(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet('Summary')!.getRow(4).getCell(1).value).toBe(printed.figures.summary);
  });

  it('writes to REPORTS_DIR/hindsight-monthly-<month>.xlsx by default, leaving no temporary file', async () => {
    const reports = path.join(dir, 'reports');
    const result = await runHindsight(['report', 'monthly', '--month', month], { DATABASE_URL: db.url, REPORTS_DIR: reports });
    expect(result.code).toBe(0);
    expect(await readdir(reports)).toEqual([`hindsight-monthly-${month}.xlsx`]);
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
