import { runHindsight } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const count = async (db: TestDatabase, table: string): Promise<number> =>
  (await db.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`))[0].count;

describe('hindsight demo-data', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('fills an empty database and prints a summary on stdout, progress on stderr', async () => {
    const before = Date.now();
    const result = await runHindsight(['demo-data', '--seed', '3', '--incidents', '150', '--months', '12'], { DATABASE_URL: db.url });
    expect(result.stderr).not.toMatch(/hindsight: /);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Demo data written in [\d.]+ s \(seed 3, 12 months\):/);
    expect(result.stdout).toMatch(/^ {2}teams +5$/m);
    expect(result.stdout).toMatch(/^ {2}incidents +150 by peak severity: SEV1 \d+, SEV2 \d+, SEV3 \d+;/m);
    expect(result.stdout).toMatch(/^ {2}retrospectives +\d+ \(\d+ submitted, \d+ drafts\)$/m);
    expect(result.stdout).toMatch(/^ {2}action items +\d+ /m);
    expect(result.stdout).toMatch(/^ {2}timeline entries +\d+ /m);
    expect(result.stdout).toMatch(/^ {2}date range +\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} /m);
    // stderr is not a terminal here: plain progress lines instead of a bar.
    expect(result.stderr).toContain('Wrote 150 incidents rows');

    expect(await count(db, 'incidents')).toBe(150);
    expect(await count(db, 'teams')).toBe(5);
    expect(await count(db, 'retrospectives')).toBeGreaterThan(0);
    const retros = Number(/retrospectives +(\d+)/.exec(result.stdout)![1]);
    expect(await count(db, 'retrospectives')).toBe(retros);
    const [range] = await db.dataSource.query(`SELECT min(started_at) AS first, max(greatest(started_at, resolved_at, retro_done_at)) AS last FROM incidents`);
    expect(range.first.getTime()).toBeGreaterThanOrEqual(before - 366 * 24 * 3600_000);
    expect(range.last.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses to run on a database that already has data, with a clear message, and changes nothing', async () => {
    const timeline = await count(db, 'timeline_entries');
    const result = await runHindsight(['demo-data', '--seed', '4', '--incidents', '20'], { DATABASE_URL: db.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'hindsight: The database already has 150 incidents, 5 teams and 14 services; demo-data only fills an empty database (use a fresh DATA_DIR or database)',
    );
    expect(result.stdout).toBe('');
    expect(await count(db, 'incidents')).toBe(150);
    expect(await count(db, 'timeline_entries')).toBe(timeline);
  });

  it.each([
    ['--incidents', 'abc'],
    ['--incidents', '1.5'],
    ['--months', '0'],
    ['--seed', '-3'],
    ['--months', '9999'],
  ])('refuses %s %s, naming the option and the value', async (option, value) => {
    const result = await runHindsight(['demo-data', `${option}=${value}`], { DATABASE_URL: db.url });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`option '${option} <n>' argument '${value}' is invalid`);
    expect(result.stderr).toContain(`${option} must be a positive integer`);
    expect(await count(db, 'incidents')).toBe(150);
  });
});

describe('hindsight demo-data with its defaults', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('writes 600 incidents over 24 months from seed 42', async () => {
    const result = await runHindsight(['demo-data'], { DATABASE_URL: db.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\(seed 42, 24 months\)/);
    expect(await count(db, 'incidents')).toBe(600);
    const [{ months }] = await db.dataSource.query(
      `SELECT extract(year FROM age(now(), min(started_at))) * 12 + extract(month FROM age(now(), min(started_at))) AS months FROM incidents`,
    );
    expect(Number(months)).toBeGreaterThanOrEqual(22);
    expect(Number(months)).toBeLessThanOrEqual(24);
  });
});
