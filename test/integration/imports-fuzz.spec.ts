import { Readable } from 'node:stream';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { HINDSIGHT_CSV_COLUMNS } from '../../src/imports/formats/hindsight-csv.mapper.js';
import type { ImportSummary } from '../../src/imports/import-request.js';
import { hindsightCsvFile, MILESTONE_COLUMNS, type ExpectedIncident, type FuzzFile } from '../factories/import-arbitraries.js';
import { csvRow, hindsightCsv, importsService, importText } from '../factories/imports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * "fast-check fuzzing of the CSV path that never crashes the process and never loses a valid row": generated
 * Hindsight CSV files (test/factories/import-arbitraries.ts: valid rows with random but valid cells, invalid
 * rows with one defect each, random quoting, delimiter, line breaks, BOM, blank lines and chunking) go through
 * the whole pipeline (ImportsService.start → PostgreSQL), each into an empty database, and every row's
 * outcome is checked: valid rows in the database once with every field as generated, invalid rows rejected
 * with their record, line, field and original text, out-of-order rows flagged.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const REIMPORT_RUNS = Number(process.env.FUZZ_REIMPORT_RUNS ?? 20);
/**
 * A property stops after this long: a passing one takes a few seconds, a failing one is reported as shrunk so
 * far (each shrinking step is an import), and one that has not finished by then (an import that hangs) fails.
 * FUZZ_RUNS, FUZZ_REIMPORT_RUNS and FUZZ_TIME_LIMIT_MS search longer; FUZZ_SEED and FUZZ_PATH replay a run.
 */
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? 45_000);
const TEST_TIMEOUT_MS = TIME_LIMIT_MS + 40_000;

/**
 * Checks `predicate` on `numRuns` generated files. When the time limit interrupts a run, fast-check stops
 * waiting for it but the import goes on: it is awaited here, so that it cannot write into the next test.
 */
async function fuzz(files: fc.Arbitrary<FuzzFile>, numRuns: number, predicate: (file: FuzzFile) => Promise<void>): Promise<void> {
  let inFlight: Promise<void> = Promise.resolve();
  try {
    await fc.assert(fc.asyncProperty(files, (file) => (inFlight = predicate(file))), {
      numRuns,
      interruptAfterTimeLimit: TIME_LIMIT_MS,
      markInterruptAsFailure: true,
      ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {}),
    });
  } finally {
    await inFlight.catch(() => undefined);
  }
}

/**
 * Runs `work` on an empty database: the test's own, with everything an import writes deleted first (far
 * cheaper than a database per run, which matters most while fast-check shrinks a failure).
 */
async function withEmptyDatabase<T>(db: TestDatabase, work: (db: TestDatabase) => Promise<T>): Promise<T> {
  await db.dataSource.query(`DELETE FROM incidents; DELETE FROM services; DELETE FROM teams; DELETE FROM imports; DELETE FROM audit_events; DELETE FROM incident_key_counters`);
  return work(db);
}

const importFile = (db: TestDatabase, file: FuzzFile): Promise<ImportSummary> =>
  importText(db, Readable.from(file.chunks), { format: 'hindsight-csv', fileName: 'fuzz.csv', fileBytes: file.bytes.length });

async function text(iterable: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const piece of iterable) all += piece;
  return all;
}

type StoredIncident = ExpectedIncident & { key: string; version: number };

/** Every incident in the shape of ExpectedIncident (lists as JSON, so that no array parser stands in between). */
async function incidents(dataSource: DataSource): Promise<StoredIncident[]> {
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT i.key, i.version, i.source, i.external_id AS "externalId", i.title, s.key AS severity, p.key AS "peakSeverity",
            i.functionality, i.state, i.audience, t.name AS "owningTeam", i.customer_impact AS "customerImpact", i.impact_scope AS "impactScope",
            to_jsonb(i.known_customers_impacted) AS "knownCustomersImpacted", i.commander, i.investigator, i.comms, i.scribe,
            to_jsonb(i.tags) AS tags, i.excluded_from_metrics AS "excludedFromMetrics", i.exclusion_reason AS "exclusionReason",
            i.source_payload AS "sourcePayload",
            COALESCE((SELECT jsonb_agg(sv.name) FROM incident_services x JOIN services sv ON sv.id = x.service_id WHERE x.incident_id = i.id), '[]') AS services,
            jsonb_build_object(${MILESTONE_COLUMNS.map((c) => `'${c}', i.${c}`).join(', ')}) AS milestones
       FROM incidents i
       JOIN severity_levels s ON s.id = i.severity_id
       JOIN severity_levels p ON p.id = i.peak_severity_id
       LEFT JOIN teams t ON t.id = i.owning_team_id`,
  );
  return rows.map((row) => ({
    ...(row as unknown as StoredIncident),
    keyYear: Number(/^INC-(\d+)-\d{4,}$/.exec(row.key as string)?.[1]),
    services: [...(row.services as string[])].sort(),
    milestones: Object.fromEntries(Object.entries(row.milestones as Record<string, string | null>)
      .map(([column, at]) => [column, at === null ? null : new Date(at).toISOString()])) as ExpectedIncident['milestones'],
  }));
}

interface IssueRow {
  kind: string;
  record: number;
  line: number | null;
  field: string | null;
  raw: string | null;
}

const issues = (dataSource: DataSource, importId: string): Promise<IssueRow[]> =>
  dataSource.query(`SELECT kind, record, line, field, raw FROM import_issues WHERE import_id = $1 ORDER BY record, kind`, [importId]);

const pairKey = (i: { source: string; externalId: string }) => `${i.source}\u0000${i.externalId}`;

/** The summary, issues, rejected-records file and incidents of a first import of `file` into an empty database. */
async function checkFirstImport(db: TestDatabase, file: FuzzFile, summary: ImportSummary): Promise<void> {
  const { dataSource } = db;
  const valid = file.rows.filter((r) => r.kind === 'valid');
  const invalid = file.rows.filter((r) => r.kind === 'invalid');
  const flagged = valid.filter((r) => r.outOfOrder);
  const shortened = valid.filter((r) => r.shortenedField !== undefined);

  expect({ status: summary.status, error: summary.error }).toEqual({ status: 'completed', error: null });
  expect(summary).toMatchObject({ recordsRead: file.rows.length, created: valid.length, updated: 0, unchanged: 0, rejected: invalid.length, flagged: flagged.length, shortened: shortened.length });

  // Every invalid row rejected, with where it is and what is wrong; every out-of-order row flagged.
  const expectedIssues: IssueRow[] = [
    ...invalid.map((r) => ({ kind: 'rejected', record: r.record, line: r.line, field: r.field ?? null, raw: r.raw })),
    ...flagged.map((r) => ({ kind: 'flagged', record: r.record, line: r.line, field: r.flaggedField!, raw: null })),
    ...shortened.map((r) => ({ kind: 'shortened', record: r.record, line: r.line, field: r.shortenedField!, raw: null })),
  ].sort((a, b) => a.record - b.record);
  expect(await issues(dataSource, summary.id)).toEqual(expectedIssues);

  // The rejected-records file: the header and each rejected row exactly as it was.
  expect(await text((await importsService(db)).rejectedFile(summary.id))).toBe(`${file.headerLine}\n${invalid.map((r) => `${r.raw}\n`).join('')}`);

  // Every valid row in the database once, with every field as generated (names compared ignoring case, below).
  const sameName = await nameMatcher(dataSource, valid.flatMap((r) => [...r.expected!.services, ...(r.expected!.owningTeam ? [r.expected!.owningTeam] : [])]));
  const stored = await incidents(dataSource);
  expect(stored.map(pairKey).sort()).toEqual(valid.map((r) => pairKey(r.expected!)).sort());
  const byKey = new Map(stored.map((incident) => [pairKey(incident), incident]));
  for (const row of valid) {
    const { key: _key, version, ...incident } = byKey.get(pairKey(row.expected!))!;
    const expected = row.expected!;
    expect({ record: row.record, version, ...incident, owningTeam: sameName.key(incident.owningTeam), services: incident.services.map(sameName.key).sort() }).toEqual({
      record: row.record, version: 1, ...expected,
      owningTeam: sameName.key(expected.owningTeam), services: [...new Set(expected.services.map(sameName.key))].sort(),
    });
  }

  // Services and teams are matched by name ignoring case (README, "Importing history"), as the API keeps them:
  // one per name whatever its case, each named as some row of the file names it.
  // KNOWN BUG (fails today): within one batch every spelling is created — "Payments" and "payments" become two
  // teams — while across batches or imports the second spelling matches the first. See the example test below.
  for (const table of ['services', 'teams'] as const) {
    const names = (await dataSource.query<{ name: string }[]>(`SELECT name FROM ${table} ORDER BY name`)).map((r) => r.name);
    expect({ table, names: names.filter((n) => !sameName.inFile(n)) }).toEqual({ table, names: [] });
    expect({ table, sameIgnoringCase: await namesDifferingOnlyInCase(dataSource, table) }).toEqual({ table, sameIgnoringCase: [] });
    expect([...(table === 'services' ? summary.servicesCreated : summary.teamsCreated)].sort()).toEqual([...names].sort());
  }
}

/** Names compared as the import and the API compare them: PostgreSQL's lower(). */
async function nameMatcher(dataSource: DataSource, fileNames: string[]) {
  const rows: { n: string; l: string }[] = await dataSource.query(`SELECT n, lower(n) AS l FROM unnest($1::text[]) AS n`, [[...new Set(fileNames)]]);
  const lower = new Map(rows.map((r) => [r.n, r.l]));
  return {
    inFile: (name: string) => lower.has(name),
    /** The name's key ignoring case; a name the file does not have keeps its own text, marked, so that it shows in a diff. */
    key: <T extends string | null>(name: T): T => (name === null ? name : (lower.get(name) ?? `(not in the file) ${name}`)) as T,
  };
}

/** Groups of names in `table` that are equal ignoring case. */
async function namesDifferingOnlyInCase(dataSource: DataSource, table: 'services' | 'teams'): Promise<string[][]> {
  const rows: { names: string[] }[] = await dataSource.query(
    `SELECT array_agg(name ORDER BY name) AS names FROM ${table} GROUP BY lower(name) HAVING count(*) > 1 ORDER BY 1`,
  );
  return rows.map((r) => r.names);
}

describe('fuzzing the Hindsight CSV import (fast-check, PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('never crashes and never loses a valid row: each valid row imported once with its exact values, each invalid one rejected with its text', async () => {
    await fuzz(hindsightCsvFile(40), RUNS, (file) =>
      withEmptyDatabase(db, async (db) => {
        const summary = await importFile(db, file);
        await checkFirstImport(db, file, summary);
      }));
  }, TEST_TIMEOUT_MS);

  it('importing the same file again changes nothing: no creates or updates, every imported row unchanged, the same rejections', async () => {
    await fuzz(hindsightCsvFile(25), REIMPORT_RUNS, (file) =>
      withEmptyDatabase(db, async (db) => {
        const { dataSource } = db;
        const valid = file.rows.filter((r) => r.kind === 'valid').length;
        const first = await importFile(db, file);
        expect(first).toMatchObject({ status: 'completed', created: valid });
        const before = await incidents(dataSource);

        const second = await importFile(db, file);
        expect(second).toMatchObject({
          status: 'completed', error: null, recordsRead: first.recordsRead, created: 0, updated: 0, unchanged: first.created, rejected: first.rejected,
        });
        const after = await incidents(dataSource);
        expect(after.sort((a, b) => a.key.localeCompare(b.key))).toEqual(before.sort((a, b) => a.key.localeCompare(b.key)));
        expect(await text((await importsService(db)).rejectedFile(second.id))).toBe(await text((await importsService(db)).rejectedFile(first.id)));
      }));
  }, TEST_TIMEOUT_MS);
});

describe('nasty CSV files through the whole import pipeline', () => {
  let db: TestDatabase;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);
  const externalIds = async () => (await q<{ external_id: string }>(`SELECT external_id FROM incidents ORDER BY external_id`)).map((r) => r.external_id);
  const HEADER = HINDSIGHT_CSV_COLUMNS.join(',');

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it.each([
    ['with a line break', `${HEADER}\n`],
    ['without a line break', HEADER],
    ['with a BOM and CRLF', `\uFEFF${HEADER}\r\n`],
  ])('a file that is only a header (%s) imports nothing and completes', async (_, file) => {
    const summary = await importText(db, file, { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ status: 'completed', error: null, recordsRead: 0, created: 0, rejected: 0, flagged: 0 });
    expect(await externalIds()).toEqual([]);
  });

  it('blank lines (empty, spaces, tabs; LF, CRLF, CR) are skipped and counted as lines, not records', async () => {
    const [row1, row2] = hindsightCsv([csvRow(1), csvRow(2, { severity: 'P9' })]).split('\n').slice(1);
    const summary = await importText(db, `${HEADER}\n\n   \r\n\t\r${row1}\n \t \n\n${row2}\n\n\n`, { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ status: 'completed', recordsRead: 2, created: 1, rejected: 1 });
    const [issue] = (await (await importsService(db)).issues(summary.id, {})).items;
    expect(issue).toMatchObject({ record: 2, line: 8, field: 'severity', value: 'P9' });

    const onlyBlank = await importText(db, `${HEADER}\n\n  \n\t\t\n\r\n`, { format: 'hindsight-csv' });
    expect(onlyBlank).toMatchObject({ status: 'completed', recordsRead: 0, created: 0, rejected: 0 });
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('the final row without a line break (%s) is imported whole: its last cell has no stray line break', async (_, eol) => {
    const columns = ['external_id', 'severity', 'started_at', 'title'];
    const file = [columns.join(','), 'ext-1,SEV1,2026-03-01T10:00:00Z,First', 'ext-2,SEV2,2026-03-02T10:00:00Z,"Last, quoted"', 'ext-3,SEV3,2026-03-03T10:00:00Z,Last row'].join(eol);
    const summary = await importText(db, file, { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ status: 'completed', recordsRead: 3, created: 3, rejected: 0 });
    expect(await q(`SELECT external_id, title FROM incidents ORDER BY external_id`)).toEqual([
      { external_id: 'ext-1', title: 'First' }, { external_id: 'ext-2', title: 'Last, quoted' }, { external_id: 'ext-3', title: 'Last row' },
    ]);
    const [payload] = await q<{ p: Record<string, string> }>(`SELECT source_payload AS p FROM incidents WHERE external_id = 'ext-3'`);
    expect(payload.p.title).toBe('Last row');
  });

  it('a quote opened in the middle and never closed: the rows before it import, the rest is one rejected record kept whole', async () => {
    const columns = ['external_id', 'title', 'severity', 'started_at'];
    const tail = 'ext-2,"Unclosed title,SEV1,2026-03-02T10:00:00Z\next-3,Third,SEV2,2026-03-03T10:00:00Z\next-4,Fourth,SEV3,2026-03-04T10:00:00Z\n';
    const file = `${columns.join(',')}\next-1,First,SEV1,2026-03-01T10:00:00Z\n${tail}`;
    const summary = await importText(db, file, { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ status: 'completed', error: null, recordsRead: 2, created: 1, rejected: 1 });
    expect(await externalIds()).toEqual(['ext-1']);
    const [issue] = (await (await importsService(db)).issues(summary.id, {})).items;
    expect(issue).toMatchObject({ kind: 'rejected', record: 2, line: 3 });
    expect(issue.message).toMatch(/line 3: unclosed quoted field.*lines 3–5/);
    const rejected = await text((await importsService(db)).rejectedFile(summary.id));
    expect(rejected.startsWith(`${columns.join(',')}\n${tail}`)).toBe(true);
  });

  it('a quote opened in the middle and closed by a later row: the rows it runs into are rejected, never imported as something else', async () => {
    const columns = ['external_id', 'title', 'severity', 'started_at'];
    const file = [
      columns.join(','),
      'ext-1,First,SEV1,2026-03-01T10:00:00Z',
      'ext-2,"Unclosed title,SEV1,2026-03-02T10:00:00Z',
      'ext-3,"Quoted, title",SEV2,2026-03-03T10:00:00Z',
      'ext-4,Fourth,SEV3,2026-03-04T10:00:00Z',
      '',
    ].join('\n');
    const summary = await importText(db, file, { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ status: 'completed', error: null });
    expect(summary.created + summary.rejected).toBe(summary.recordsRead);
    const stored = await q<{ external_id: string; title: string }>(`SELECT external_id, title FROM incidents ORDER BY external_id`);
    expect(stored).toContainEqual({ external_id: 'ext-1', title: 'First' });
    expect(stored).toContainEqual({ external_id: 'ext-4', title: 'Fourth' });
    // Whatever ext-2 and ext-3 became, nothing was imported under a title that is not one of the file's.
    for (const row of stored) expect(['First', 'Fourth']).toContain(row.title);
  });

  it('a 10 MB customer_impact is shortened to 20000 characters and imported, whole in the source payload; rejected for another reason, it is kept whole in the rejected file', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const file = hindsightCsv([csvRow(1), csvRow(2, { customer_impact: huge }), csvRow(3), csvRow(4, { customer_impact: huge, severity: 'SEV9' })]);
    const summary = await importText(db, file, { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ status: 'completed', error: null, recordsRead: 4, created: 3, rejected: 1, shortened: 1 });
    expect(await externalIds()).toEqual(['ext-1', 'ext-2', 'ext-3']);
    const [stored] = await q<{ impact: string; payload: string }>(`SELECT customer_impact AS impact, source_payload->>'customer_impact' AS payload FROM incidents WHERE external_id = 'ext-2'`);
    expect(stored.impact).toBe(`${'x'.repeat(19999)}…`);
    expect(stored.payload).toBe(huge);
    const issues = (await (await importsService(db)).issues(summary.id, {})).items;
    expect(issues).toEqual([
      expect.objectContaining({ kind: 'shortened', record: 2, line: 3, field: 'customer_impact', value: 'x'.repeat(1000) }),
      expect.objectContaining({ kind: 'rejected', record: 4, line: 5, field: 'severity' }),
    ]);
    expect(issues[0].message).toContain(`customer_impact (${huge.length} characters, limit 20000: now 20000)`);
    const rejected = await text((await importsService(db)).rejectedFile(summary.id));
    expect(rejected).toBe(hindsightCsv([csvRow(4, { customer_impact: huge, severity: 'SEV9' })]));
  });

  it('team and service names that differ only in case are one team and one service, in one file as across imports', async () => {
    const teams = async () => (await q<{ name: string }>(`SELECT name FROM teams ORDER BY name`)).map((r) => r.name);
    await importText(db, hindsightCsv([csvRow(1, { owning_team: 'Search', services: 'search-api' })]), { format: 'hindsight-csv' });
    await importText(db, hindsightCsv([csvRow(2, { owning_team: 'SEARCH', services: 'Search-API' })]), { format: 'hindsight-csv' });
    expect(await teams()).toEqual(['Search']);

    // KNOWN BUG (fails today): within one batch each spelling is created — teams "Payments" and "payments",
    // services "Checkout-API" and "checkout-api" — unlike across imports (above) or batches.
    const summary = await importText(db, hindsightCsv([
      csvRow(3, { owning_team: 'Payments', services: 'checkout-api' }),
      csvRow(4, { owning_team: 'payments', services: 'Checkout-API|checkout-api' }),
    ]), { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ status: 'completed', created: 2 });
    expect(await teams()).toEqual(['Payments', 'Search']);
    expect(await q(`SELECT lower(name) AS name, count(*)::int AS n FROM services GROUP BY 1 ORDER BY 1`)).toEqual([
      { name: 'checkout-api', n: 1 }, { name: 'search-api', n: 1 },
    ]);
    const links = await q<{ external_id: string; n: number }>(
      `SELECT i.external_id, count(*)::int AS n FROM incident_services x JOIN incidents i ON i.id = x.incident_id GROUP BY 1 ORDER BY 1`,
    );
    expect(links).toEqual([{ external_id: 'ext-1', n: 1 }, { external_id: 'ext-2', n: 1 }, { external_id: 'ext-3', n: 1 }, { external_id: 'ext-4', n: 1 }]);
  });

  // KNOWN BUG (these fail today): PostgreSQL text and jsonb cannot hold U+0000, nothing refuses it before the
  // write, so the batch's transaction fails and the import stops as `failed`: the good rows of that batch (up
  // to 1000) and every row after it are never written. A NUL in a rejected row's raw text does the same.
  it.each([
    ['in the title', { title: 'Bad\u0000title' }],
    ['in a column the import ignores (status)', { status: 'act\u0000ive' }],
    ['in tags', { tags: 'a\u0000b' }],
  ])('a NUL byte %s: the import completes, the good rows import, and the NUL row is rejected', async (_, overrides) => {
    const file = hindsightCsv([csvRow(1), csvRow(2, overrides), csvRow(3)]);
    const summary = await importText(db, file, { format: 'hindsight-csv' });
    expect({ status: summary.status, error: summary.error }).toEqual({ status: 'completed', error: null });
    expect(summary).toMatchObject({ recordsRead: 3, created: 2, rejected: 1 });
    expect(await externalIds()).toEqual(['ext-1', 'ext-3']);
    const [issue] = (await (await importsService(db)).issues(summary.id, {})).items;
    expect(issue).toMatchObject({ kind: 'rejected', record: 2, line: 3 });
  });

  it('a line of garbage with a NUL byte is rejected and the rows around it import', async () => {
    const [header, row1, row3] = hindsightCsv([csvRow(1), csvRow(3)]).split('\n');
    const summary = await importText(db, `${header}\n${row1}\ngar\u0000bage\n${row3}\n`, { format: 'hindsight-csv' });
    expect({ status: summary.status, error: summary.error }).toEqual({ status: 'completed', error: null });
    expect(summary).toMatchObject({ recordsRead: 3, created: 2, rejected: 1 });
    expect(await externalIds()).toEqual(['ext-1', 'ext-3']);
  });
});
