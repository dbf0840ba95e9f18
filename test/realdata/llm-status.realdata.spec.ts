import { parse } from 'csv-parse/sync';
import type { ImportSummary } from '../../src/imports/import-request.js';
import { importsService, importText } from '../factories/imports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { describeWithShared, listShared, readSharedText } from '../support/realdata.js';
import { expectSameDistribution, reported } from './hindsight-figures.js';
import { distribution, instant } from './independent.js';

/**
 * ../shared/realdata/llm-status-icpe25/ (SOURCES.md §4): the OpenAI, Anthropic and Character.AI status-page
 * incidents of the ICPE'25 artifact. `clean/incident_stages.csv` has one row per incident with each stage's
 * UTC timestamp: a file `--format csv` reads through a column map. The 25 raw per-provider files hold the same
 * incidents with their stages inside a JSON list of updates stamped in scraped local time ("Aug 28, 2024 -
 * 13:36 PDT"), which no column map can reach; the test checks that the clean file holds every one of them.
 */
const CLEAN = 'llm-status-icpe25/clean/incident_stages.csv';
const RAW = 'llm-status-icpe25/raw/';
const SOURCE = 'llm-status';

type Row = Record<string, string>;

/**
 * How the clean file maps, in the terms of README "Any CSV" (`--map <Hindsight column>=<file column>`), after the
 * README's Statuspage table (these are Statuspage pages): the first posted stage (start_timestamp) is the start,
 * the `monitoring` stage is mitigation (Statuspage's `monitoring_at`; a column map has no "else resolved_at", so an
 * incident without a monitoring stage has no time to mitigate), `resolved` is resolution; impact levels 0–3
 * (none, minor, major, critical) as Statuspage's none/minor → SEV3, major → SEV2, critical → SEV1; level 4 is
 * scheduled maintenance: imported as SEV3 but excluded from the metrics. The provider becomes a tag.
 */
const MAP = [
  'external_id=incident_id', 'title=Incident_Title', 'started_at=start_timestamp', 'investigating_at=investigating_timestamp',
  'identified_at=identified_timestamp', 'mitigated_at=monitoring_timestamp', 'resolved_at=resolved_timestamp',
  'severity=incident_impact_level', 'tags=provider', 'excluded_from_metrics=incident_impact_level', 'exclusion_reason=incident_impact_level',
];
const VALUE = [
  'severity:0=SEV3', 'severity:1=SEV3', 'severity:2=SEV2', 'severity:3=SEV1', 'severity:4=SEV3',
  ...['0', '1', '2', '3'].flatMap((level) => [`excluded_from_metrics:${level}=false`, `exclusion_reason:${level}=`]),
  'excluded_from_metrics:4=true', 'exclusion_reason:4=scheduled maintenance',
];
const OPTIONS = { format: 'csv', source: SOURCE, options: { map: MAP, value: VALUE } } as const;

/** The same mapping as plain code, straight from the cells. */
const SEVERITY: Record<string, string> = { 0: 'SEV3', 1: 'SEV3', 2: 'SEV2', 3: 'SEV1', 4: 'SEV3' };
const started = (r: Row) => instant(r.start_timestamp);
const mitigated = (r: Row) => instant(r.monitoring_timestamp);
const resolved = (r: Row) => instant(r.resolved_timestamp);
const maintenance = (r: Row) => r.incident_impact_level === '4';

describeWithShared('realdata', 'the real LLM-provider status incidents (ICPE\'25 CSV, 542 incidents) through a column map', () => {
  const rows = parse<Row>(readSharedText('realdata', CLEAN), { columns: true });
  let db: TestDatabase;
  let first: ImportSummary;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await importText(db, readSharedText('realdata', CLEAN), OPTIONS);
  });
  afterAll(() => db.close());

  it('is the file SOURCES.md describes: 542 incidents (openai 365, anthropic 141, character 36), 291 with a monitoring stage', () => {
    expect(rows).toHaveLength(542);
    expect(new Set(rows.map((r) => r.incident_id)).size).toBe(542);
    const providers = Object.fromEntries(['openai', 'anthropic', 'character'].map((p) => [p, rows.filter((r) => r.provider === p).length]));
    expect(providers).toEqual({ openai: 365, anthropic: 141, character: 36 });
    expect(rows.filter((r) => r.monitoring_timestamp !== '')).toHaveLength(291);
    expect(rows.filter(maintenance)).toHaveLength(2);
  });

  it('holds every incident of the 25 raw per-provider files', () => {
    const files = ['anthropic', 'characterai', 'openai'].flatMap((provider) => listShared('realdata', `${RAW}${provider}/`).map((file) => `${RAW}${provider}/${file}`));
    expect(files).toHaveLength(25);
    const raw = files.flatMap((file) => parse<Row>(readSharedText('realdata', file), { columns: true }));
    const ids = raw.map((r) => /\/incidents\/([a-z0-9]+)$/.exec(r.Incident_Link)?.[1]);
    expect(ids.sort()).toEqual(rows.map((r) => r.incident_id).sort());
  });

  it('imports every incident: nothing rejected', async () => {
    expect(first).toMatchObject({ status: 'completed', source: SOURCE, recordsRead: 542, created: 542, rejected: 0, error: null });
    expect((await (await importsService(db)).issues(first.id, {})).items.filter((issue) => issue.kind === 'rejected')).toEqual([]);
  });

  it('imports again unchanged', async () => {
    const again = await importText(db, readSharedText('realdata', CLEAN), OPTIONS);
    expect(again).toMatchObject({ status: 'completed', recordsRead: 542, created: 0, updated: 0, unchanged: 542, rejected: 0 });
  });

  it('time to mitigate (start to the monitoring stage) equals the computation here', async () => {
    const expected = distribution(rows.map((r) => ({ start: started(r), end: mitigated(r), excluded: maintenance(r) })));
    expect(expected).toMatchObject({ n: 291, excluded: { missing: 249, order: 0, excluded: 2 } });
    expectSameDistribution('ttm', await reported(db, SOURCE, 'ttm'), expected);
  });

  it('time to resolve equals the computation here', async () => {
    const expected = distribution(rows.map((r) => ({ start: started(r), end: resolved(r), excluded: maintenance(r) })));
    expect(expected).toMatchObject({ n: 540, excluded: { missing: 0, order: 0, excluded: 2 } });
    expectSameDistribution('ttr', await reported(db, SOURCE, 'ttr'), expected);
  });

  it('stores every row with its title, milestones, severity, provider tag and exclusion', async () => {
    const stored = await q<Record<string, unknown> & { external_id: string }>(
      `SELECT i.external_id, i.title, s.key AS severity, i.started_at, i.investigating_at, i.identified_at, i.mitigated_at, i.resolved_at,
              i.tags, i.excluded_from_metrics, i.exclusion_reason
         FROM incidents i JOIN severity_levels s ON s.id = i.severity_id WHERE i.source = $1`,
      [SOURCE],
    );
    const ms = (d: unknown) => (d instanceof Date ? d.getTime() : null);
    const byId = new Map(stored.map((r) => [r.external_id, {
      title: r.title, severity: r.severity, started: ms(r.started_at), investigating: ms(r.investigating_at), identified: ms(r.identified_at),
      mitigated: ms(r.mitigated_at), resolved: ms(r.resolved_at), tags: r.tags, excluded: r.excluded_from_metrics, reason: r.exclusion_reason,
    }]));
    const mismatches = rows.flatMap((r) => {
      const expected = {
        title: r.Incident_Title, severity: SEVERITY[r.incident_impact_level], started: started(r), investigating: instant(r.investigating_timestamp),
        identified: instant(r.identified_timestamp), mitigated: mitigated(r), resolved: resolved(r), tags: [r.provider],
        excluded: maintenance(r), reason: maintenance(r) ? 'scheduled maintenance' : null,
      };
      const actual = byId.get(r.incident_id);
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ id: r.incident_id, actual, expected }];
    });
    expect(stored).toHaveLength(542);
    expect({ mismatches: mismatches.length, first: mismatches.slice(0, 3) }).toEqual({ mismatches: 0, first: [] });
  });
});
