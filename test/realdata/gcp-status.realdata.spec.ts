import type { ImportSummary } from '../../src/imports/import-request.js';
import { importText } from '../factories/imports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { describeWithShared, readSharedJson, readSharedText } from '../support/realdata.js';
import { expectSameDistribution, reported } from './hindsight-figures.js';
import { distribution, instant } from './independent.js';

/** ../shared/realdata/gcp-status/incidents.json: status.cloud.google.com/incidents.json as of 2022-07-03 (SOURCES.md §2). */
const FILE = 'gcp-status/incidents.json';

interface GcpIncident {
  id: string;
  begin: string;
  created: string;
  end: string | null;
  external_desc: string;
  severity: string;
  affected_products: { title: string }[];
  updates: unknown[];
}

/** The longest title Hindsight stores: 300 characters, the title rule of the API and of imports (not stated in the README). */
const TITLE_MAX = 300;

/**
 * The README's "Google Cloud status" table, as plain code:
 * | `begin` → started_at | `created` → detected_at | `end` → mitigated_at and resolved_at |
 * | `severity` high → SEV1, medium → SEV2, low → SEV3 | `affected_products[].title` → services |
 */
const started = (i: GcpIncident) => instant(i.begin);
const detected = (i: GcpIncident) => instant(i.created);
const mitigated = (i: GcpIncident) => instant(i.end);
const resolved = (i: GcpIncident) => instant(i.end);
const SEVERITY: Record<string, string> = { high: 'SEV1', medium: 'SEV2', low: 'SEV3' };

/** SOURCES.md: the longest incident, about 59 days (2021-07-27 → 2021-09-24). */
const LONGEST = 'vFhgfrfzzrx6zQo69SdQ';

/** An incident as stored, in the same terms as `expectedFields`. */
type StoredFields = { severity: string; started: number | null; detected: number | null; mitigated: number | null; resolved: number | null; services: string[] };

const expectedFields = (i: GcpIncident): StoredFields => ({
  severity: SEVERITY[i.severity], started: started(i), detected: detected(i), mitigated: mitigated(i), resolved: resolved(i),
  services: [...new Set(i.affected_products.map((p) => p.title))].sort(),
});

describeWithShared('realdata', 'the real Google Cloud status export (157 incidents)', () => {
  const incidents = readSharedJson<GcpIncident[]>('realdata', FILE);
  let db: TestDatabase;
  let first: ImportSummary;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await importText(db, readSharedText('realdata', FILE), { format: 'gcp' });
  });
  afterAll(() => db.close());

  it('is the file SOURCES.md describes: 157 incidents, 7 of them with a description over 300 characters', () => {
    expect(incidents).toHaveLength(157);
    expect(incidents.filter((i) => i.external_desc.length > TITLE_MAX)).toHaveLength(7);
    // Google posts incidents after they ended: `created` after `end` (the case the per-interval order rule is for).
    expect(incidents.filter((i) => detected(i)! > mitigated(i)!)).toHaveLength(22);
    const longest = incidents.find((i) => i.id === LONGEST)!;
    expect((mitigated(longest)! - started(longest)!) / 86_400_000).toBeCloseTo(58.8, 1);
  });

  it('imports every incident: nothing rejected', () => {
    expect(first).toMatchObject({ status: 'completed', source: 'gcp', recordsRead: 157, created: 157, rejected: 0, error: null });
  });

  it('imports again unchanged', async () => {
    const again = await importText(db, readSharedText('realdata', FILE), { format: 'gcp' });
    expect(again).toMatchObject({ status: 'completed', recordsRead: 157, created: 0, updated: 0, unchanged: 157, rejected: 0 });
  });

  it('time to mitigate: n 157, median 9,420 s and p90 187,848 s, as computed here from begin and end', async () => {
    const expected = distribution(incidents.map((i) => ({ start: started(i), end: mitigated(i) })));
    // The issue's own independent figures, so that this computation is checked too; the longest is the 59-day one.
    const longest = incidents.find((i) => i.id === LONGEST)!;
    expect(expected).toMatchObject({ n: 157, median: 9420, max: (mitigated(longest)! - started(longest)!) / 1000 });
    expect(expected.p90).toBeCloseTo(187_848, 6);
    expectSameDistribution('ttm', await reported(db, 'gcp', 'ttm'), expected);
  });

  it('time to resolve equals the computation here', async () => {
    const expected = distribution(incidents.map((i) => ({ start: started(i), end: resolved(i) })));
    expectSameDistribution('ttr', await reported(db, 'gcp', 'ttr'), expected);
  });

  /** Every stored gcp incident by external id: its title and its fields in the terms of expectedFields. */
  async function storedIncidents(): Promise<Map<string, { title: string; fields: StoredFields }>> {
    const rows = await q<{ external_id: string; title: string; severity: string; started_at: Date; detected_at: Date | null; mitigated_at: Date | null; resolved_at: Date | null; services: string[] }>(
      `SELECT i.external_id, i.title, s.key AS severity, i.started_at, i.detected_at, i.mitigated_at, i.resolved_at,
              ARRAY(SELECT sv.name FROM incident_services x JOIN services sv ON sv.id = x.service_id WHERE x.incident_id = i.id ORDER BY sv.name) AS services
         FROM incidents i JOIN severity_levels s ON s.id = i.severity_id WHERE i.source = 'gcp'`,
    );
    const ms = (d: Date | null) => d?.getTime() ?? null;
    return new Map(rows.map((r) => [r.external_id, {
      title: r.title,
      fields: { severity: r.severity, started: ms(r.started_at), detected: ms(r.detected_at), mitigated: ms(r.mitigated_at), resolved: ms(r.resolved_at), services: r.services },
    }]));
  }

  it('stores every incident with a title that fits with its title, milestones, severity and services', async () => {
    const stored = await storedIncidents();
    const mismatches = incidents.filter((i) => i.external_desc.length <= TITLE_MAX).flatMap((i) => {
      const expected = { title: i.external_desc, fields: expectedFields(i) };
      const actual = stored.get(i.id);
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ id: i.id, actual, expected }];
    });
    expect({ mismatches: mismatches.length, first: mismatches.slice(0, 3) }).toEqual({ mismatches: 0, first: [] });
  });

  it('shortens the 7 titles over 300 characters instead of rejecting their incidents', async () => {
    const stored = await storedIncidents();
    const long = incidents.filter((i) => i.external_desc.length > TITLE_MAX);
    expect(long.filter((i) => !stored.has(i.id)).map((i) => i.id)).toEqual([]);
    for (const incident of long) {
      const { title, fields } = stored.get(incident.id)!;
      expect(fields).toEqual(expectedFields(incident));
      expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
      // Shortened, not replaced: what is kept (less a trailing ellipsis) is the start of the original.
      const kept = title.replace(/(…|\.\.\.)$/u, '').trimEnd();
      expect(kept.length).toBeGreaterThan(TITLE_MAX / 2);
      expect(incident.external_desc.startsWith(kept)).toBe(true);
    }
  });
});
