import { importText } from '../factories/imports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { describeWithShared, listShared, readSharedJson, readSharedText } from '../support/realdata.js';
import { expectSameDistribution, reported } from './hindsight-figures.js';
import { distribution, instant } from './independent.js';

/**
 * ../shared/realdata/real-formats/pagerduty-analytics/ (real-formats/SOURCES.md): the two real analytics
 * raw-incident payloads (`{"data": [...], "time_zone": "Etc/UTC"}`), 3 rows, whose timestamps carry no offset:
 * the zone is only in the envelope. Imported without options.
 */
const DIR = 'real-formats/pagerduty-analytics/';

interface AnalyticsRow {
  id: string;
  description?: string | null;
  title?: string | null;
  created_at: string;
  resolved_at?: string | null;
  seconds_to_first_ack?: number | null;
  seconds_to_resolve?: number | null;
  priority_name?: string | null;
  urgency?: string | null;
  service_name?: string | null;
  team_name?: string | null;
}
interface Envelope { data: AnalyticsRow[]; time_zone: string }

const envelopeOf = (file: string) => readSharedJson<Envelope>('realdata', `${DIR}${file}`);

/** An analytics timestamp read in the envelope's zone: only UTC envelopes occur in the real files, and only those are read here. */
function zoned(text: string | null | undefined, zone: string): number | null {
  if (text === null || text === undefined || text === '') return null;
  if (/(Z|[+-]\d\d:?\d\d)$/.test(text)) return instant(text);
  if (zone !== 'Etc/UTC' && zone !== 'UTC') throw new Error(`this test reads only UTC envelopes, not ${zone}`);
  return instant(`${text}Z`);
}

/**
 * The README's "PagerDuty" table (analytics column), as plain code:
 * | `description`, else `title` → title | `created_at` → started_at and detected_at | `created_at` + `seconds_to_first_ack` → acknowledged_at |
 * | `resolved_at`, else `created_at` + `seconds_to_resolve` → resolved_at and mitigated_at |
 * | `priority_name` P1 → SEV1, P2 → SEV2, P3–P5 → SEV3 (a spelling like `SEV-2` is severity SEV2), else `urgency` high → SEV2, low → SEV3 |
 * | `service_name` → services | `team_name` → owning team |
 */
const PRIORITY: Record<string, string> = { P1: 'SEV1', P2: 'SEV2', P3: 'SEV3', P4: 'SEV3', P5: 'SEV3' };
const URGENCY: Record<string, string> = { high: 'SEV2', low: 'SEV3' };
function severityOf(row: AnalyticsRow): string {
  if (!row.priority_name) return URGENCY[row.urgency!];
  const sev = /^SEV-?(\d)$/i.exec(row.priority_name);
  return sev ? `SEV${sev[1]}` : PRIORITY[row.priority_name];
}
function expectedRow(row: AnalyticsRow, zone: string) {
  const created = zoned(row.created_at, zone)!;
  const after = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? null : created + seconds * 1000);
  const resolved = zoned(row.resolved_at, zone) ?? after(row.seconds_to_resolve);
  return {
    title: row.description || row.title, severity: severityOf(row), started: created, detected: created, acknowledged: after(row.seconds_to_first_ack),
    mitigated: resolved, resolved, services: row.service_name ? [row.service_name] : [], team: row.team_name ?? null,
  };
}

describeWithShared('realdata', 'the real PagerDuty analytics raw-incident payloads', () => {
  const files = listShared('realdata', DIR);
  let db: TestDatabase;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('are the two files of real-formats/SOURCES.md: 3 rows without offsets, in Etc/UTC envelopes', () => {
    expect(files).toEqual(['asyncpd-raw-incidents.json', 'pd-openapi-raw-incidents.json']);
    const envelopes = files.map(envelopeOf);
    expect(envelopes.map((e) => e.time_zone)).toEqual(['Etc/UTC', 'Etc/UTC']);
    expect(envelopes.flatMap((e) => e.data).map((row) => row.created_at).filter((t) => /(Z|[+-]\d\d:?\d\d)$/.test(t))).toEqual([]);
  });

  it.each(['asyncpd-raw-incidents.json', 'pd-openapi-raw-incidents.json'])(
    '%s imports without options (its envelope names the zone), nothing rejected, then again unchanged, and stores what its rows say',
    async (file) => {
      const { data, time_zone: zone } = envelopeOf(file);
      const text = readSharedText('realdata', `${DIR}${file}`);
      const summary = await importText(db, text, { format: 'pagerduty-analytics' });
      expect(summary).toMatchObject({ status: 'completed', source: 'pagerduty', recordsRead: data.length, created: data.length, rejected: 0, error: null });
      const again = await importText(db, text, { format: 'pagerduty-analytics' });
      expect(again).toMatchObject({ recordsRead: data.length, created: 0, updated: 0, unchanged: data.length, rejected: 0 });

      const rows = await q<Record<string, unknown> & { external_id: string }>(
        `SELECT i.external_id, i.title, s.key AS severity, i.started_at, i.detected_at, i.acknowledged_at, i.mitigated_at, i.resolved_at, t.name AS team,
                ARRAY(SELECT sv.name FROM incident_services x JOIN services sv ON sv.id = x.service_id WHERE x.incident_id = i.id ORDER BY sv.name) AS services
           FROM incidents i JOIN severity_levels s ON s.id = i.severity_id LEFT JOIN teams t ON t.id = i.owning_team_id
          WHERE i.source = 'pagerduty' AND i.external_id = ANY($1)`,
        [data.map((r) => r.id)],
      );
      const ms = (d: unknown) => (d instanceof Date ? d.getTime() : null);
      const stored = Object.fromEntries(rows.map((r) => [r.external_id, {
        title: r.title, severity: r.severity, started: ms(r.started_at), detected: ms(r.detected_at), acknowledged: ms(r.acknowledged_at),
        mitigated: ms(r.mitigated_at), resolved: ms(r.resolved_at), services: r.services, team: r.team,
      }]));
      expect(stored).toEqual(Object.fromEntries(data.map((row) => [row.id, expectedRow(row, zone)])));
    },
  );

  it('time to resolve: the row resolved a day before it was created is left out for order, the others count', async () => {
    const rows = files.flatMap((file) => {
      const { data, time_zone: zone } = envelopeOf(file);
      return data.map((row) => expectedRow(row, zone));
    });
    const expected = distribution(rows.map((r) => ({ start: r.started, end: r.resolved })));
    expect(expected).toMatchObject({ n: 2, excluded: { missing: 0, order: 1, excluded: 0 } });
    expectSameDistribution('ttr', await reported(db, 'pagerduty', 'ttr'), expected);
  });
});
