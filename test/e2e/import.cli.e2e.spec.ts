import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { csvRow, hindsightCsv } from '../factories/imports.js';
import { runHindsight } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('hindsight import', () => {
  let db: TestDatabase;
  let dir: string;
  const count = async (sql = 'SELECT count(*)::int AS n FROM incidents') => (await db.dataSource.query(sql))[0].n as number;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'hindsight-import-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  it('imports a file, prints the summary on stdout, and a second run changes nothing', async () => {
    const file = path.join(dir, 'history.csv');
    writeFileSync(file, hindsightCsv([csvRow(1), csvRow(2), csvRow(3)]));
    const first = await runHindsight(['import', file, '--format', 'hindsight-csv'], { DATABASE_URL: db.url });
    expect(first.stderr).not.toMatch(/hindsight: /);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Import [0-9a-f-]{36} \(hindsight-csv, source hindsight\) completed in [\d.]+ s:$/m);
    expect(first.stdout).toMatch(/^ {2}created +3$/m);
    expect(first.stdout).toMatch(/^ {2}services created: /m);
    // stderr is not a terminal here: progress comes as plain lines.
    expect(first.stderr).toMatch(/Imported 100%: 3 records/);
    const second = await runHindsight(['import', file, '--format', 'hindsight-csv'], { DATABASE_URL: db.url });
    expect(second.stdout).toMatch(/^ {2}unchanged +3$/m);
    expect(await count()).toBe(3);
  });

  it('writes rejected records beside the file, lists the first issues, and exits with status 2', async () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, hindsightCsv([csvRow(11), csvRow(12, { detected_at: '12/03/2026' })]));
    const result = await runHindsight(['import', file, '--format', 'hindsight-csv'], { DATABASE_URL: db.url });
    expect(result.code).toBe(2);
    const rejected = path.join(dir, 'bad.rejected.csv');
    expect(result.stdout).toContain(`rejected      1: written to ${rejected}`);
    expect(result.stdout).toMatch(/rejected record 2 \(line 3\): detected_at: "12\/03\/2026" is not an ISO 8601 timestamp/);
    expect(readFileSync(rejected, 'utf8')).toBe(hindsightCsv([csvRow(12, { detected_at: '12/03/2026' })]));
  });

  it('imports a record with a title over the limit, reports it as shortened, and leaves it out of the rejected-records file', async () => {
    const file = path.join(dir, 'long.csv');
    const title = `${'Checkout and payments unavailable for EU customers '.repeat(7)}end`;
    const rows = [csvRow(31, { title }), csvRow(32, { severity: 'Sev 2' }), csvRow(33, { severity: 'SEV9' })];
    writeFileSync(file, hindsightCsv(rows));
    const result = await runHindsight(['import', file, '--format', 'hindsight-csv'], { DATABASE_URL: db.url });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^ {2}created +2$/m);
    expect(result.stdout).toMatch(/^ {2}shortened +1 \(imported with text over the length limits cut at a word boundary; the whole text is kept in the source payload\)$/m);
    expect(result.stdout).toMatch(/^ {2}shortened record 1 \(line 2\): shortened at a word boundary, ending in "…": title \(/m);
    expect(readFileSync(path.join(dir, 'long.rejected.csv'), 'utf8')).toBe(hindsightCsv([rows[2]]));
    const [incident] = await db.dataSource.query(`SELECT i.title, i.customer_impact, s.key AS severity FROM incidents i JOIN severity_levels s ON s.id = i.severity_id WHERE external_id = 'ext-31'`);
    expect(incident.title).toMatch(/ for EU…$/);
    expect(incident.customer_impact).toBe(title);
    expect((await db.dataSource.query(`SELECT s.key FROM incidents i JOIN severity_levels s ON s.id = i.severity_id WHERE external_id = 'ext-32'`))[0].key).toBe('SEV2');
  });

  it('reads a PagerDuty analytics export whose envelope names the zone after the records, without --timezone', async () => {
    const file = path.join(dir, 'analytics.json');
    const rows = [
      { id: 'PCLI1', description: 'The server is on fire!', created_at: '2023-05-31T10:05:00', resolved_at: '2023-05-31T10:15:00', urgency: 'low' },
      { id: 'PCLI2', description: 'Reply on social media', created_at: '2023-05-31T10:00:00', resolved_at: '2023-05-31T10:20:00', priority_name: 'SEV-2' },
    ];
    writeFileSync(file, JSON.stringify({ data: rows, more: false, time_zone: 'Europe/Berlin' }, null, 2));
    const result = await runHindsight(['import', file, '--format', 'pagerduty-analytics'], { DATABASE_URL: db.url });
    expect(result.stdout).toMatch(/^ {2}rejected +0$/m);
    expect(result.code).toBe(0);
    const incidents = await db.dataSource.query(
      `SELECT external_id, started_at, s.key AS severity FROM incidents i JOIN severity_levels s ON s.id = i.severity_id WHERE source = 'pagerduty' ORDER BY external_id`,
    );
    expect(incidents).toEqual([
      { external_id: 'PCLI1', started_at: new Date('2023-05-31T08:05:00Z'), severity: 'SEV3' },
      { external_id: 'PCLI2', started_at: new Date('2023-05-31T08:00:00Z'), severity: 'SEV2' },
    ]);
  });

  it('--dry-run writes nothing', async () => {
    const file = path.join(dir, 'dry.csv');
    writeFileSync(file, hindsightCsv([csvRow(21)]));
    const before = await count();
    const result = await runHindsight(['import', file, '--format', 'hindsight-csv', '--dry-run'], { DATABASE_URL: db.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Dry run \(nothing written\) of import/);
    expect(result.stdout).toMatch(/created +1 \(would be created\)/);
    expect(await count()).toBe(before);
  });

  it.each([
    [['--format', 'jira'], /option '--format <format>' argument 'jira' is invalid/],
    [['--format', 'csv', '--map', 'started=start'], /map: .*started/],
    [['--format', 'statuspage', '--timezone', 'Berlin'], /timezone: "Berlin" is not an IANA time zone/],
  ])('refuses bad options %j with a one-line message and exit status 1', async (options, message) => {
    const file = path.join(dir, 'any.json');
    writeFileSync(file, '[]');
    const result = await runHindsight(['import', file, ...options], { DATABASE_URL: db.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it('a killed import leaves no half-written incident, and running it again finishes it without duplicates', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => csvRow(100_000 + i));
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, hindsightCsv(rows));
    const before = await count();
    const child = spawn(process.execPath, [path.resolve('bin/hindsight.js'), 'import', file, '--format', 'hindsight-csv'], {
      env: { ...process.env, DATABASE_URL: db.url }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kill it once some batches have committed.
    for (let i = 0; i < 600 && (await count()) - before < 3000; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const partial = (await count()) - before;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(rows.length);
    expect(partial % 1000).toBe(0);
    const halfWritten = await count(`SELECT count(*)::int AS n FROM incidents i WHERE external_id LIKE 'ext-1%' AND NOT EXISTS (SELECT 1 FROM incident_services x WHERE x.incident_id = i.id)`);
    expect(halfWritten).toBe(0);

    const rerun = await runHindsight(['import', file, '--format', 'hindsight-csv'], { DATABASE_URL: db.url }, 300_000);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(new RegExp(`created +${rows.length - partial}$`, 'm'));
    expect(rerun.stdout).toMatch(new RegExp(`unchanged +${partial}$`, 'm'));
    expect(await count()).toBe(before + rows.length);
    expect(existsSync(path.join(dir, 'big.rejected.csv'))).toBe(false);
  }, 400_000);
});
