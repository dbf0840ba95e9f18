import type { ImportSummary } from '../../src/imports/import-request.js';
import { importText } from '../factories/imports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { describeWithShared, listShared, readSharedJson, readSharedText } from '../support/realdata.js';
import { expectSameDistribution, reported } from './hindsight-figures.js';
import { distribution, instant } from './independent.js';

/**
 * ../shared/realdata/statuspage-github/ (SOURCES.md §1): githubstatus.com's 1,282 incidents, each verbatim as
 * `incidents/<id>.json` (the single-incident endpoint, `{page, incident}`), and all of them in one
 * `/api/v2/incidents.json`-style envelope, `incidents_combined.json`.
 */
const COMBINED = 'statuspage-github/incidents_combined.json';
const SINGLES = 'statuspage-github/incidents/';

interface Update { status: string; body: string | null; created_at: string; display_at: string | null }
interface StatuspageIncident {
  id: string;
  name: string;
  impact: string;
  created_at: string;
  started_at: string | null;
  monitoring_at: string | null;
  resolved_at: string | null;
  incident_updates: Update[];
  components: { name: string }[];
}

/**
 * The README's "Atlassian Statuspage v2" table, as plain code:
 * | earlier of `started_at` and `created_at` → started_at | `created_at` → detected_at |
 * | first update with status `investigating` / `identified` → investigating_at / identified_at |
 * | `monitoring_at`, else first `monitoring` update, else `resolved_at` → mitigated_at | `resolved_at` → resolved_at |
 * | `impact` critical → SEV1, major → SEV2, minor and none → SEV3 | `components[].name` → services |
 * "First" update: the earliest by its `created_at` (the feed lists updates newest first).
 */
const firstUpdate = (i: StatuspageIncident, status: string): number | null => {
  const times = i.incident_updates.filter((u) => u.status === status).map((u) => instant(u.created_at)!);
  return times.length ? Math.min(...times) : null;
};
const started = (i: StatuspageIncident) => Math.min(instant(i.started_at) ?? instant(i.created_at)!, instant(i.created_at)!);
const detected = (i: StatuspageIncident) => instant(i.created_at);
const mitigated = (i: StatuspageIncident) => instant(i.monitoring_at) ?? firstUpdate(i, 'monitoring') ?? instant(i.resolved_at);
const resolved = (i: StatuspageIncident) => instant(i.resolved_at);
const SEVERITY: Record<string, string> = { critical: 'SEV1', major: 'SEV2', minor: 'SEV3', none: 'SEV3' };

describeWithShared('realdata', 'the real GitHub Statuspage history (1,282 incidents)', () => {
  const { incidents } = readSharedJson<{ incidents: StatuspageIncident[] }>('realdata', COMBINED);
  let db: TestDatabase;
  let first: ImportSummary;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await importText(db, readSharedText('realdata', COMBINED), { format: 'statuspage' });
  });
  afterAll(() => db.close());

  it('is the file SOURCES.md describes: 1,282 incidents, the 832 of 2010–2018 legacy back-fill lasting 0 s', () => {
    expect(incidents).toHaveLength(1282);
    expect(new Set(incidents.map((i) => i.id)).size).toBe(1282);
    const before2019 = incidents.filter((i) => i.created_at < '2019');
    expect(before2019).toHaveLength(832);
    expect(before2019.filter((i) => i.incident_updates.length !== 1 || i.incident_updates[0].status !== 'resolved' || i.created_at !== i.resolved_at)).toEqual([]);
  });

  it('holds exactly the incidents of the 1,282 verbatim per-incident files', () => {
    const files = listShared('realdata', SINGLES);
    expect(files).toHaveLength(1282);
    const byId = new Map(incidents.map((i) => [i.id, JSON.stringify(i)]));
    const differing = files.filter((file) => {
      const { incident } = readSharedJson<{ incident: StatuspageIncident }>('realdata', `${SINGLES}${file}`);
      return file !== `${incident.id}.json` || byId.get(incident.id) !== JSON.stringify(incident);
    });
    expect(differing).toEqual([]);
  });

  it('imports every incident: nothing rejected', () => {
    expect(first).toMatchObject({ status: 'completed', source: 'statuspage', recordsRead: 1282, created: 1282, rejected: 0, error: null });
  });

  it('imports again unchanged', async () => {
    const again = await importText(db, readSharedText('realdata', COMBINED), { format: 'statuspage' });
    expect(again).toMatchObject({ status: 'completed', recordsRead: 1282, created: 0, updated: 0, unchanged: 1282, rejected: 0 });
  });

  it('one incident imported on its own (the spot check 00km0kwpz23b) is the same incident, unchanged', async () => {
    const { incident } = readSharedJson<{ incident: StatuspageIncident }>('realdata', `${SINGLES}00km0kwpz23b.json`);
    const again = await importText(db, JSON.stringify(incident), { format: 'statuspage' });
    expect(again).toMatchObject({ status: 'completed', recordsRead: 1, created: 0, updated: 0, unchanged: 1, rejected: 0 });
    // SOURCES.md: impact minor; investigating 17:04:42.496Z, 17:22:57Z, 17:54:38Z, resolved 18:14:45.860Z; created→resolved 70.06 min.
    const [row] = await q<{ severity: string; investigating_at: Date; resolved_at: Date; detected_at: Date; updates: number }>(
      `SELECT s.key AS severity, i.investigating_at, i.resolved_at, i.detected_at,
              (SELECT count(*)::int FROM timeline_entries t WHERE t.incident_id = i.id AND t.imported) AS updates
         FROM incidents i JOIN severity_levels s ON s.id = i.severity_id WHERE i.source = 'statuspage' AND i.external_id = '00km0kwpz23b'`,
    );
    expect(row).toMatchObject({ severity: 'SEV3', investigating_at: new Date('2023-01-10T17:04:42.496Z'), resolved_at: new Date('2023-01-10T18:14:45.860Z'), updates: 4 });
    expect((row.resolved_at.getTime() - row.detected_at.getTime()) / 60_000).toBeCloseTo(70.06, 2);
  });

  it('time to mitigate equals the computation here', async () => {
    const expected = distribution(incidents.map((i) => ({ start: started(i), end: mitigated(i) })));
    expect(expected.n).toBe(1282);
    expectSameDistribution('ttm', await reported(db, 'statuspage', 'ttm'), expected);
  });

  it('time to resolve equals the computation here', async () => {
    const expected = distribution(incidents.map((i) => ({ start: started(i), end: resolved(i) })));
    expect(expected.n).toBe(1282);
    expectSameDistribution('ttr', await reported(db, 'statuspage', 'ttr'), expected);
  });

  it('stores every incident with the title, milestones, severity, services and updates of its record', async () => {
    const rows = await q<Record<string, unknown> & { external_id: string }>(
      `SELECT i.external_id, i.title, s.key AS severity, i.started_at, i.detected_at, i.investigating_at, i.identified_at, i.mitigated_at, i.resolved_at,
              ARRAY(SELECT sv.name FROM incident_services x JOIN services sv ON sv.id = x.service_id WHERE x.incident_id = i.id ORDER BY sv.name) AS services,
              (SELECT count(*)::int FROM timeline_entries t WHERE t.incident_id = i.id AND t.imported AND t.kind = 'status_update') AS updates
         FROM incidents i JOIN severity_levels s ON s.id = i.severity_id WHERE i.source = 'statuspage'`,
    );
    const ms = (d: unknown) => (d instanceof Date ? d.getTime() : null);
    const stored = new Map(rows.map((r) => [r.external_id, {
      title: r.title, severity: r.severity, started: ms(r.started_at), detected: ms(r.detected_at), investigating: ms(r.investigating_at),
      identified: ms(r.identified_at), mitigated: ms(r.mitigated_at), resolved: ms(r.resolved_at), services: r.services, updates: r.updates,
    }]));
    const mismatches = incidents.flatMap((i) => {
      const expected = {
        title: i.name, severity: SEVERITY[i.impact], started: started(i), detected: detected(i), investigating: firstUpdate(i, 'investigating'),
        identified: firstUpdate(i, 'identified'), mitigated: mitigated(i), resolved: resolved(i),
        services: [...new Set(i.components.map((c) => c.name))].sort(), updates: i.incident_updates.length,
      };
      const actual = stored.get(i.id);
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ id: i.id, actual, expected }];
    });
    expect(rows).toHaveLength(1282);
    expect({ mismatches: mismatches.length, first: mismatches.slice(0, 3) }).toEqual({ mismatches: 0, first: [] });
  });
});
