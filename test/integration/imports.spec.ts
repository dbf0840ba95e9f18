import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import pg from 'pg';
import { HINDSIGHT_CSV_COLUMNS } from '../../src/imports/formats/hindsight-csv.mapper.js';
import { CLI_ACTOR } from '../../src/common/actor.js';
import { IMPORT_BATCH_CHARS, IMPORT_BATCH_SIZE } from '../../src/imports/import-batch.js';
import { csvRow, hindsightCsv, importsService, importText, type CsvRow } from '../factories/imports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));

const TABLES = ['incidents', 'incident_services', 'timeline_entries', 'severity_changes', 'services', 'teams'] as const;

describe('the import pipeline on PostgreSQL', () => {
  let db: TestDatabase;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);
  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0].n])));

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('imports Hindsight CSV with its services, team and severity history, and re-importing the same file changes nothing', async () => {
    const file = hindsightCsv([csvRow(1), csvRow(2), csvRow(3)]);
    const first = await importText(db, file, { format: 'hindsight-csv' });
    expect(first).toMatchObject({ status: 'completed', recordsRead: 3, created: 3, updated: 0, unchanged: 0, rejected: 0, flagged: 0 });
    expect([...first.servicesCreated].sort()).toEqual(['checkout', 'payments-api', 'search']);
    expect([...first.teamsCreated].sort()).toEqual(['Discovery', 'Payments']);

    const [row] = await q<Record<string, unknown>>(
      `SELECT i.key, i.title, s.key AS severity, i.source, i.external_id, i.version, t.name AS team, i.source_payload,
              ARRAY(SELECT sv.name FROM incident_services x JOIN services sv ON sv.id = x.service_id WHERE x.incident_id = i.id ORDER BY sv.name) AS services
         FROM incidents i JOIN severity_levels s ON s.id = i.severity_id LEFT JOIN teams t ON t.id = i.owning_team_id WHERE i.external_id = 'ext-1'`,
    );
    expect(row).toMatchObject({ title: 'Incident number 1', severity: 'SEV2', source: 'hindsight', version: 1, team: 'Payments', services: ['checkout', 'payments-api'] });
    expect(row.key).toMatch(/^INC-2026-\d{4}$/);
    expect((row.source_payload as Record<string, string>).external_id).toBe('ext-1');
    const history = await q(`SELECT reason FROM severity_changes c JOIN incidents i ON i.id = c.incident_id WHERE i.external_id = 'ext-1'`);
    expect(history).toEqual([{ reason: 'Imported from hindsight' }]);
    const audit = await q<{ action: string; n: number }>(`SELECT action, count(*)::int AS n FROM audit_events GROUP BY action ORDER BY action`);
    expect(audit).toEqual([{ action: 'import.finish', n: 1 }, { action: 'import.start', n: 1 }, { action: 'incident.import', n: 3 }]);

    const before = await counts();
    const again = await importText(db, file, { format: 'hindsight-csv' });
    expect(again).toMatchObject({ status: 'completed', recordsRead: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(await counts()).toEqual(before);
    expect(await q(`SELECT DISTINCT version FROM incidents`)).toEqual([{ version: 1 }]);
  });

  it('updates an incident whose record changed, says so, and records before and after in its history', async () => {
    await importText(db, hindsightCsv([csvRow(1), csvRow(2)]), { format: 'hindsight-csv' });
    const changed = hindsightCsv([csvRow(1), csvRow(2, { resolved_at: '2026-03-03T15:00:00Z', severity: 'SEV1' })]);
    const summary = await importText(db, changed, { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const [incident] = await q<{ id: string; resolved_at: Date; version: number; severity: string; peak: string }>(
      `SELECT i.id, i.resolved_at, i.version, s.key AS severity, p.key AS peak FROM incidents i
         JOIN severity_levels s ON s.id = i.severity_id JOIN severity_levels p ON p.id = i.peak_severity_id WHERE external_id = 'ext-2'`,
    );
    expect(incident).toMatchObject({ resolved_at: new Date('2026-03-03T15:00:00Z'), version: 2, severity: 'SEV1', peak: 'SEV1' });
    const [event] = await q<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `SELECT before, after FROM audit_events WHERE action = 'incident.import_update' AND incident_id = $1`, [incident.id],
    );
    expect(event.before).toMatchObject({ resolvedAt: '2026-03-03T12:00:00.000Z', severity: 'SEV3' });
    expect(event.after).toMatchObject({ resolvedAt: '2026-03-03T15:00:00.000Z', severity: 'SEV1' });
    const history = await q(`SELECT f.key AS "from", t.key AS "to" FROM severity_changes c JOIN severity_levels t ON t.id = c.to_severity_id
                              LEFT JOIN severity_levels f ON f.id = c.from_severity_id WHERE c.incident_id = $1 ORDER BY c.created_at`, [incident.id]);
    expect(history).toEqual([{ from: null, to: 'SEV3' }, { from: 'SEV3', to: 'SEV1' }]);
  });

  it('rejects unreadable rows with record, line, field and value, keeps their original text, and imports the rest', async () => {
    const rows: CsvRow[] = [
      csvRow(1),
      csvRow(2, { started_at: '2026-03-02 10:00' }),
      csvRow(3, { severity: 'P1' }),
      csvRow(4, { title: '' }),
      csvRow(5, { customer_impact: 'Multi-line\nimpact, with "quotes"', resolved_at: 'soon' }),
      csvRow(6),
    ];
    const file = hindsightCsv(rows);
    const summary = await importText(db, file, { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ recordsRead: 6, created: 2, rejected: 4 });
    const page = await (await importsService(db)).issues(summary.id, {});
    expect(page.items.map((i) => [i.record, i.line, i.field, i.value])).toEqual([
      [2, 3, 'started_at', '2026-03-02 10:00'],
      [3, 4, 'severity', 'P1'],
      [4, 5, 'title', ''],
      [5, 6, 'resolved_at', 'soon'],
    ]);
    expect(page.items[0].message).toMatch(/no time zone offset/);
    expect(page.items[1].message).toMatch(/"P1" is not a severity level \(known: SEV1, SEV2, SEV3\)/);

    const rejected = (await collect((await importsService(db)).rejectedFile(summary.id))).join('');
    expect(rejected).toBe(hindsightCsv([rows[1], rows[2], rows[3], rows[4]]));
    expect(await q(`SELECT external_id FROM incidents ORDER BY external_id`)).toEqual([{ external_id: 'ext-1' }, { external_id: 'ext-6' }]);

    // Fixed and imported again, the rejected rows go in; the rest stay as they were.
    const fixed = rejected.replace('2026-03-02 10:00', '2026-03-02T10:00:00Z').replace(',P1,', ',SEV1,').replace(',,SEV', ',Fixed title,SEV').replace(',soon,', ',2026-03-05T12:00:00Z,');
    const second = await importText(db, fixed, { format: 'hindsight-csv' });
    expect(second).toMatchObject({ created: 4, rejected: 0 });
  });

  it('imports out-of-order milestones, flags them, and the metrics leave those intervals out', async () => {
    const summary = await importText(db, hindsightCsv([csvRow(1, { acknowledged_at: '2026-03-02T10:02:00Z' })]), { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ created: 1, flagged: 1, rejected: 0 });
    const [issue] = (await (await importsService(db)).issues(summary.id, { kind: 'flagged' })).items;
    expect(issue).toMatchObject({ record: 1, line: 2, field: 'acknowledged_at', value: '2026-03-02T10:02:00.000Z' });
    expect(issue.message).toMatch(/acknowledged_at \(2026-03-02T10:02:00.000Z\) is before detected_at \(2026-03-02T10:05:00.000Z\)/);
    const [view] = await q(`SELECT order_violation, tta_seconds, tta_excluded_reason, ttr_seconds FROM incident_metric_intervals`);
    expect(view).toMatchObject({ order_violation: true, tta_seconds: null, tta_excluded_reason: 'order', ttr_seconds: 7200 });
  });

  it('rejects a second record with the same id in one file, naming the first', async () => {
    const summary = await importText(db, hindsightCsv([csvRow(1), csvRow(2), csvRow(1, { title: 'Again' })]), { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ created: 2, rejected: 1 });
    const [issue] = (await (await importsService(db)).issues(summary.id, {})).items;
    expect(issue).toMatchObject({ record: 3, field: 'external_id', value: 'ext-1' });
    expect(issue.message).toContain('first in record 1');
  });

  it('--dry-run reads and reports everything and writes no incidents', async () => {
    const summary = await importText(db, hindsightCsv([csvRow(1), csvRow(2, { severity: 'SEV9' })]), { format: 'hindsight-csv', dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, created: 1, rejected: 1 });
    expect(summary.servicesCreated.sort()).toEqual(['checkout', 'payments-api']);
    expect(await counts()).toMatchObject({ incidents: 0, services: 0, teams: 0, timeline_entries: 0 });
  });

  it('writes a batch early once its records hold IMPORT_BATCH_CHARS of text, and keeps every one of them', async () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    // A huge text alone is shortened and imported now: these rows are rejected for their severity, and kept whole.
    const rows = Array.from({ length: 20 }, (_, i) => csvRow(i + 1, i % 2 === 0 ? { customer_impact: huge, severity: 'SEV9' } : { customer_impact: 'small' }));
    const file = hindsightCsv(rows);
    const progress: number[] = [];
    const started = await (await importsService(db)).start(
      { format: 'hindsight-csv', input: Readable.from([Buffer.from(file)]), fileName: 'huge.csv', fileBytes: file.length, actor: CLI_ACTOR },
      (p) => progress.push(p.recordsRead),
    );
    const summary = await started.done;
    expect(summary).toMatchObject({ status: 'completed', recordsRead: 20, created: 10, rejected: 10 });
    // Each rejected record keeps ~2 MB of text: a batch is written once it holds IMPORT_BATCH_CHARS of it.
    const perBatch = Math.ceil(IMPORT_BATCH_CHARS / (huge.length + 1000)) * 2 - 1;
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[0]).toBeLessThanOrEqual(perBatch + 1);
    expect(progress[progress.length - 1]).toBe(20);
    const rejected = (await collect((await importsService(db)).rejectedFile(summary.id))).join('');
    expect(rejected.split('\n').filter((line) => line.includes(huge))).toHaveLength(10);
  });

  it('a crash mid-import leaves whole batches only, and running it again finishes it without duplicates', async () => {
    const rows = Array.from({ length: IMPORT_BATCH_SIZE * 2 + 500 }, (_, i) => csvRow(i + 1));
    const file = hindsightCsv(rows);
    const cut = file.indexOf('\n', Math.floor(file.length * 0.9));
    async function* crashing() {
      for (let at = 0; at < cut; at += 16_384) yield Buffer.from(file.slice(at, Math.min(at + 16_384, cut)));
      throw new Error('disk unplugged');
    }
    const crashed = await importText(db, Readable.from(crashing()), { format: 'hindsight-csv' });
    expect(crashed.status).toBe('failed');
    expect(crashed.error).toContain('disk unplugged');
    const written = await q<{ n: number; complete: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM incident_services x WHERE x.incident_id = i.id))::int AS complete FROM incidents i`,
    );
    expect(written[0].n % IMPORT_BATCH_SIZE).toBe(0);
    expect(written[0].n).toBeGreaterThan(0);
    expect(written[0].complete).toBe(written[0].n);

    const rerun = await importText(db, file, { format: 'hindsight-csv' });
    expect(rerun).toMatchObject({ status: 'completed', created: rows.length - written[0].n, unchanged: written[0].n, rejected: 0 });
    expect((await q<{ n: number }>(`SELECT count(DISTINCT external_id)::int AS n FROM incidents`))[0].n).toBe(rows.length);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM incidents`))[0].n).toBe(rows.length);
  });

  it('imports the Statuspage fixture: milestones from updates, components as services, every update on the timeline', async () => {
    const summary = await importText(db, fixture('statuspage-incidents.json'), { format: 'statuspage' });
    const sample = JSON.parse(fixture('statuspage-incidents.json').toString()) as { incidents: { id: string; incident_updates: unknown[] }[] };
    expect(summary).toMatchObject({ status: 'completed', recordsRead: sample.incidents.length, created: sample.incidents.length, rejected: 0, source: 'statuspage' });
    const [first] = await q<{ n: number; kinds: string[] }>(
      `SELECT count(*)::int AS n, array_agg(DISTINCT kind) AS kinds FROM timeline_entries t JOIN incidents i ON i.id = t.incident_id WHERE i.external_id = $1 AND t.imported`,
      [sample.incidents[0].id],
    );
    expect(first).toEqual({ n: sample.incidents[0].incident_updates.length, kinds: ['status_update'] });
    const again = await importText(db, fixture('statuspage-incidents.json'), { format: 'statuspage' });
    expect(again).toMatchObject({ created: 0, unchanged: sample.incidents.length });
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM timeline_entries`))[0].n).toBe(
      sample.incidents.reduce((sum, i) => sum + i.incident_updates.length, 0),
    );
  });

  it('imports the Google Cloud fixture', async () => {
    const sample = JSON.parse(fixture('gcp-incidents.json').toString()) as unknown[];
    const summary = await importText(db, fixture('gcp-incidents.json'), { format: 'gcp' });
    expect(summary).toMatchObject({ status: 'completed', created: sample.length, rejected: 0, source: 'gcp' });
  });

  it('imports any CSV through a column map, a value map and a time zone, with a BOM and ";" delimiters', async () => {
    const file = '\uFEFFid;start_timestamp;resolved_timestamp;incident_impact_level;summary\n' +
      'A-1;2026-03-29 01:30;2026-03-29 04:30;3;"Checkout; down"\n' +
      'A-2;2026-03-29 02:30;2026-03-29 05:00;2;Search slow\n';
    const summary = await importText(db, file, {
      format: 'csv', source: 'legacy',
      options: {
        timezone: 'Europe/Berlin',
        map: ['external_id=id', 'started_at=start_timestamp', 'resolved_at=resolved_timestamp', 'severity=incident_impact_level', 'title=summary'],
        value: ['severity:3=SEV1', 'severity:2=SEV2'],
      },
    });
    expect(summary).toMatchObject({ created: 1, rejected: 1 });
    const [row] = await q(`SELECT external_id, title, started_at, resolved_at, source FROM incidents`);
    expect(row).toEqual({ external_id: 'A-1', title: 'Checkout; down', started_at: new Date('2026-03-29T00:30:00Z'), resolved_at: new Date('2026-03-29T02:30:00Z'), source: 'legacy' });
    const [issue] = (await (await importsService(db)).issues(summary.id, {})).items;
    expect(issue).toMatchObject({ record: 2, field: 'start_timestamp', value: '2026-03-29 02:30' });
    expect(issue.message).toMatch(/does not exist in Europe\/Berlin/);
  });

  it('keeps the service links and team of an incident when a format without those columns updates it', async () => {
    await importText(db, hindsightCsv([csvRow(1)]), { format: 'hindsight-csv' });
    const links = () => q(`SELECT sv.name FROM incident_services x JOIN services sv ON sv.id = x.service_id ORDER BY sv.name`);
    expect(await links()).toEqual([{ name: 'checkout' }, { name: 'payments-api' }]);
    const file = 'id,start,title,sev\next-1,2026-03-02T10:00:00Z,Renamed by the other tool,SEV2\n';
    const summary = await importText(db, file, {
      format: 'csv', source: 'hindsight', options: { map: ['external_id=id', 'started_at=start', 'severity=sev'] },
    });
    expect(summary).toMatchObject({ status: 'completed', updated: 1 });
    expect(await q(`SELECT i.title, t.name AS team FROM incidents i LEFT JOIN teams t ON t.id = i.owning_team_id`)).toEqual([{ title: 'Renamed by the other tool', team: 'Payments' }]);
    expect(await links()).toEqual([{ name: 'checkout' }, { name: 'payments-api' }]);
  });

  it('imports a record whose title is over the limit: shortened at a word boundary, the whole title kept, noted as shortened and not rejected', async () => {
    const long = `${'Multiple Google Cloud products are experiencing elevated error rates and latency in us-central1. '.repeat(4)}Updates follow.`;
    const gcp = (id: string, overrides: Record<string, unknown> = {}) => ({
      id, begin: '2026-03-01T10:00:00+00:00', created: '2026-03-01T10:20:00+00:00', end: '2026-03-01T12:00:00+00:00',
      external_desc: long, severity: 'medium', affected_products: [{ title: 'Cloud Storage', id: 'p1' }],
      updates: [{ created: '2026-03-01T10:20:00+00:00', when: '2026-03-01T10:20:00+00:00', status: 'SERVICE_DISRUPTION', text: 'Investigating.' }],
      ...overrides,
    });
    const records = [gcp('long-1'), gcp('long-2', { severity: 'apocalyptic' }), gcp('short-3', { external_desc: 'Short title' })];
    const summary = await importText(db, JSON.stringify(records), { format: 'gcp' });
    expect(summary).toMatchObject({ status: 'completed', recordsRead: 3, created: 2, rejected: 1, flagged: 0, shortened: 1 });

    const [incident] = await q<{ title: string; customer_impact: string; source_payload: { external_desc: string } }>(
      `SELECT title, customer_impact, source_payload FROM incidents WHERE external_id = 'long-1'`,
    );
    expect(long.length).toBeGreaterThan(300);
    expect([...incident.title].length).toBeLessThanOrEqual(300);
    expect(incident.title).toMatch(/[a-z0-9]…$/);
    expect(long.startsWith(incident.title.slice(0, -1))).toBe(true);
    expect(long[incident.title.length - 1]).toBe(' ');
    expect(incident.customer_impact).toBe(long);
    expect(incident.source_payload.external_desc).toBe(long);

    const service = await importsService(db);
    const issues = (await service.issues(summary.id, {})).items;
    expect(issues.map((i) => [i.kind, i.record, i.field])).toEqual([['shortened', 1, 'title'], ['rejected', 2, 'severity']]);
    expect(issues[0]).toMatchObject({ externalId: 'long-1', value: long });
    expect(issues[0].message).toContain(`title (${long.length} characters, limit 300: now ${[...incident.title].length})`);
    expect((await service.issues(summary.id, { kind: 'shortened' })).total).toBe(1);
    expect(await q(`SELECT shortened, rejected FROM imports WHERE id = $1`, [summary.id])).toEqual([{ shortened: 1, rejected: 1 }]);
    // The rejected-records file holds the rejected record only: the shortened one was imported.
    const rejected = JSON.parse((await collect(service.rejectedFile(summary.id))).join('')) as { id: string }[];
    expect(rejected.map((r) => r.id)).toEqual(['long-2']);

    const again = await importText(db, JSON.stringify([records[0], records[2]]), { format: 'gcp' });
    expect(again).toMatchObject({ unchanged: 2, shortened: 1, rejected: 0 });
  });

  it('shortens a long status update and a long Hindsight CSV title with its own customer impact kept', async () => {
    const title = `${'word '.repeat(70)}end`;
    const summary = await importText(db, hindsightCsv([csvRow(1, { title, customer_impact: 'Checkout failed.' })]), { format: 'hindsight-csv' });
    expect(summary).toMatchObject({ created: 1, shortened: 1 });
    const [row] = await q<{ title: string; customer_impact: string }>(`SELECT title, customer_impact FROM incidents`);
    expect(row.customer_impact).toBe('Checkout failed.');
    expect(row.title).toBe(`${'word '.repeat(59)}word…`);

    const body = 'Still investigating. '.repeat(1000);
    const pd = { incidents: [{ id: 'PD1', title: 'Disk full', created_at: '2026-03-01T10:00:00Z', urgency: 'high',
      log_entries: [{ type: 'annotate_log_entry', created_at: '2026-03-01T10:05:00Z', channel: { type: 'note', content: body } }] }] };
    const second = await importText(db, JSON.stringify(pd), { format: 'pagerduty' });
    expect(second).toMatchObject({ created: 1, shortened: 1, rejected: 0 });
    const [entry] = await q<{ body: string }>(`SELECT body FROM timeline_entries WHERE kind = 'note'`);
    expect([...entry.body].length).toBeLessThanOrEqual(20000);
    expect(entry.body).toMatch(/[a-z]…$/);
    expect(body.startsWith(entry.body.slice(0, -1))).toBe(true);
    expect(body[entry.body.length - 1]).toMatch(/[ .]/);
    const [issue] = (await (await importsService(db)).issues(second.id, {})).items;
    expect(issue).toMatchObject({ kind: 'shortened', field: 'timeline[0].body' });
  });

  describe('PagerDuty analytics: the zone the envelope names', () => {
    const rows = [
      { id: 'PA1', description: 'The server is on fire!', created_at: '2023-05-31T10:05:00', resolved_at: '2023-05-31T10:15:00', urgency: 'low', service_name: 'Engineering' },
      { id: 'PA2', description: 'Reply on social media', created_at: '2023-05-31T10:00:00', seconds_to_first_ack: 48, resolved_at: null, seconds_to_resolve: 600, priority_name: 'SEV-2' },
    ];
    const envelope = (zone: string, zoneFirst = false) => JSON.stringify(zoneFirst ? { time_zone: zone, data: rows } : { data: rows, more: false, time_zone: zone }, null, 2);
    const started = () => q<{ external_id: string; started_at: Date; resolved_at: Date; severity: string }>(
      `SELECT i.external_id, i.started_at, i.resolved_at, s.key AS severity FROM incidents i JOIN severity_levels s ON s.id = i.severity_id ORDER BY external_id`,
    );

    it.each([[false], [true]])('reads timestamps without an offset in the time_zone the envelope names (after the records: %s)', async (zoneFirst) => {
      const summary = await importText(db, envelope('America/New_York', zoneFirst), { format: 'pagerduty-analytics' });
      expect(summary).toMatchObject({ status: 'completed', created: 2, rejected: 0 });
      expect(await started()).toEqual([
        { external_id: 'PA1', started_at: new Date('2023-05-31T14:05:00Z'), resolved_at: new Date('2023-05-31T14:15:00Z'), severity: 'SEV3' },
        { external_id: 'PA2', started_at: new Date('2023-05-31T14:00:00Z'), resolved_at: new Date('2023-05-31T14:10:00Z'), severity: 'SEV2' },
      ]);
    });

    it('--timezone overrides the envelope', async () => {
      const summary = await importText(db, envelope('America/New_York'), { format: 'pagerduty-analytics', options: { timezone: 'Etc/UTC' } });
      expect(summary).toMatchObject({ created: 2, rejected: 0 });
      expect((await started())[0].started_at).toEqual(new Date('2023-05-31T10:05:00Z'));
    });

    it('an envelope zone that is not IANA refuses the file before recording anything, naming time_zone', async () => {
      await expect(importText(db, envelope('Mars/Olympus'), { format: 'pagerduty-analytics' })).rejects.toThrow(/time_zone: "Mars\/Olympus" in the file's envelope is not an IANA time zone/);
      expect(await q(`SELECT * FROM imports`)).toEqual([]);
    });

    it('a stream read once cannot give the envelope first: its records need --timezone, as the rejections say', async () => {
      const summary = await importText(db, Readable.from([Buffer.from(envelope('Etc/UTC'))]), { format: 'pagerduty-analytics' });
      expect(summary).toMatchObject({ created: 0, rejected: 2 });
      const [issue] = (await (await importsService(db)).issues(summary.id, {})).items;
      expect(issue.message).toContain('--timezone');
    });
  });

  describe('severity spellings', () => {
    const spelled = (...severities: string[]) => hindsightCsv(severities.map((severity, i) => csvRow(i + 1, { severity, peak_severity: i === 0 ? 's1' : '' })));
    const severities = () => q<{ external_id: string; severity: string; peak: string }>(
      `SELECT i.external_id, s.key AS severity, p.key AS peak FROM incidents i JOIN severity_levels s ON s.id = i.severity_id
         JOIN severity_levels p ON p.id = i.peak_severity_id ORDER BY i.external_id`,
    );

    it('resolve SEV-2, Sev 2, sev2 and S2 to the level SEV2, and a peak s1 to SEV1', async () => {
      const summary = await importText(db, spelled('SEV-2', 'Sev 2', 'sev2', 'S2', 'Severity 2'), { format: 'hindsight-csv' });
      expect(summary).toMatchObject({ created: 5, rejected: 0 });
      expect((await severities()).map((r) => [r.severity, r.peak])).toEqual([['SEV2', 'SEV1'], ['SEV2', 'SEV2'], ['SEV2', 'SEV2'], ['SEV2', 'SEV2'], ['SEV2', 'SEV2']]);
    });

    it('are still rejected with the message of an unknown level when two levels spell alike', async () => {
      await q(`INSERT INTO severity_levels (key, name, rank, version) VALUES ('S-2', 'Support tier 2', 50, 1)`);
      const summary = await importText(db, spelled('SEV2', 'Sev 2', 'S-2', 's-2'), { format: 'hindsight-csv' });
      expect(summary).toMatchObject({ created: 3, rejected: 1 });
      expect((await severities()).map((r) => r.severity)).toEqual(['SEV2', 'S-2', 'S-2']);
      const [issue] = (await (await importsService(db)).issues(summary.id, {})).items;
      expect(issue).toMatchObject({ record: 2, field: 'severity', value: 'Sev 2' });
      expect(issue.message).toBe('severity: "Sev 2" is not a severity level (known: SEV1, SEV2, SEV3, S-2); map it with --value severity:Sev 2=<level>');
    });

    it('keep the format\'s own message for a source name that maps to nothing and names no level', async () => {
      const file = JSON.stringify({ data: [{ id: 'PX', description: 'x', created_at: '2026-03-01T10:00:00Z', priority_name: 'Critical' }] });
      const summary = await importText(db, file, { format: 'pagerduty-analytics' });
      expect(summary).toMatchObject({ rejected: 1 });
      const [issue] = (await (await importsService(db)).issues(summary.id, {})).items;
      expect(issue).toMatchObject({ field: 'priority_name', value: 'Critical' });
      expect(issue.message).toContain('--value severity:Critical=<level key> (defaults: P1 → SEV1');
    });
  });

  it('updates an incident whose peak severity another transaction changed while the import waited for its lock (no second insert)', async () => {
    await importText(db, hindsightCsv([csvRow(1)]), { format: 'hindsight-csv' });
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      // As an API severity change would: the row (and its peak) changed in a transaction that commits while the import waits.
      await other.query('BEGIN');
      await other.query(
        `UPDATE incidents SET severity_id = s.id, peak_severity_id = s.id, version = incidents.version + 1
           FROM severity_levels s WHERE s.key = 'SEV1' AND incidents.external_id = 'ext-1'`,
      );
      const importing = importText(db, hindsightCsv([csvRow(1, { resolved_at: '2026-03-03T15:00:00Z' })]), { format: 'hindsight-csv' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await other.query('COMMIT');
      expect(await importing).toMatchObject({ status: 'completed', created: 0, updated: 1, rejected: 0 });
    } finally {
      await other.end();
    }
    const rows = await q<{ peak: string; resolved_at: Date }>(
      `SELECT p.key AS peak, i.resolved_at FROM incidents i JOIN severity_levels p ON p.id = i.peak_severity_id WHERE i.external_id = 'ext-1'`,
    );
    expect(rows).toEqual([{ peak: 'SEV1', resolved_at: new Date('2026-03-03T15:00:00Z') }]);
  });

  it('refuses a CSV whose header has unknown columns before recording anything', async () => {
    const file = `${[...HINDSIGHT_CSV_COLUMNS, 'colour'].join(',')}\n`;
    await expect(importText(db, file, { format: 'hindsight-csv' })).rejects.toThrow(/colour/);
    expect(await q(`SELECT * FROM imports`)).toEqual([]);
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
