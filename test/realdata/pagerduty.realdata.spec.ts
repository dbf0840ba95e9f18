import { importText } from '../factories/imports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { describeWithShared, listShared, readSharedJson, readSharedText } from '../support/realdata.js';
import { instant } from './independent.js';

/**
 * ../shared/realdata/real-formats/pagerduty/ (real-formats/SOURCES.md): six real PagerDuty REST v2 payloads
 * (the API reference's example, three captures from test accounts, each with and without log entries), 12
 * records in all, each file imported without options into one database.
 */
const DIR = 'real-formats/pagerduty/';

interface Ref { summary?: string | null; name?: string | null }
interface LogEntry { type: string; created_at: string; summary?: string | null; agent?: Ref | null; channel?: { content?: string | null; summary?: string | null } | null }
interface PagerDutyIncident {
  id: string;
  title?: string | null;
  summary?: string | null;
  status: string;
  created_at: string;
  resolved_at?: string | null;
  last_status_change_at?: string | null;
  urgency?: string | null;
  priority?: Ref | null;
  service?: Ref | null;
  teams?: Ref[] | null;
  acknowledgements?: { at: string }[] | null;
  log_entries?: LogEntry[];
}

const recordsOf = (file: string): PagerDutyIncident[] => {
  const json = readSharedJson<PagerDutyIncident[] | { incidents: PagerDutyIncident[] }>('realdata', `${DIR}${file}`);
  return Array.isArray(json) ? json : json.incidents;
};

const earliest = (texts: (string | null | undefined)[]): number | null => {
  const times = texts.map(instant).filter((t): t is number => t !== null);
  return times.length ? Math.min(...times) : null;
};
const blankToNull = (text: string | null | undefined) => (text?.trim() ? text : null);

/**
 * The README's "PagerDuty" table (REST v2 column), as plain code:
 * | `title`, else `summary` → title | `created_at` → started_at and detected_at |
 * | first `acknowledge_log_entry`, else earliest `acknowledgements[].at` → acknowledged_at |
 * | first `resolve_log_entry`, else `resolved_at`, else `last_status_change_at` when resolved → resolved_at and mitigated_at |
 * | `priority` P1 → SEV1, P2 → SEV2, P3–P5 → SEV3; without one `urgency` high → SEV2, low → SEV3 → severity |
 * | `service.summary` → services | first `teams[].summary` → owning team | `log_entries[]`: notes as `note`, the rest as `action` |
 * "First" entry: the earliest by `created_at`.
 */
const PRIORITY: Record<string, string> = { P1: 'SEV1', P2: 'SEV2', P3: 'SEV3', P4: 'SEV3', P5: 'SEV3' };
const URGENCY: Record<string, string> = { high: 'SEV2', low: 'SEV3' };
function expectedIncident(i: PagerDutyIncident) {
  const entries = i.log_entries ?? [];
  const ofType = (type: string) => earliest(entries.filter((e) => e.type === type).map((e) => e.created_at));
  const resolved = ofType('resolve_log_entry') ?? instant(i.resolved_at) ?? (i.status === 'resolved' ? instant(i.last_status_change_at) : null);
  const priority = blankToNull(i.priority?.summary) ?? blankToNull(i.priority?.name);
  return {
    title: blankToNull(i.title) ?? i.summary,
    severity: priority !== null ? PRIORITY[priority] : URGENCY[i.urgency!],
    started: instant(i.created_at),
    detected: instant(i.created_at),
    acknowledged: ofType('acknowledge_log_entry') ?? earliest((i.acknowledgements ?? []).map((a) => a.at)),
    mitigated: resolved,
    resolved,
    services: i.service?.summary ? [i.service.summary] : [],
    team: i.teams?.[0]?.summary ?? null,
    notes: entries.filter((e) => e.type === 'annotate_log_entry').length,
    actions: entries.filter((e) => e.type !== 'annotate_log_entry').length,
  };
}

describeWithShared('realdata', 'the real PagerDuty REST v2 payloads', () => {
  const files = listShared('realdata', DIR);
  let db: TestDatabase;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('are the six files of real-formats/SOURCES.md, 12 records', () => {
    expect(files).toEqual([
      'airbyte-expected-records.json', 'devlake-raw-incidents.json', 'faros-incidents-with-log-entries.json', 'faros-incidents.json',
      'pd-openapi-incidents-with-log-entries.json', 'pd-openapi-incidents.json',
    ]);
    expect(files.flatMap(recordsOf)).toHaveLength(12);
  });

  // A file without log entries before the one with them: the second updates the first's incidents.
  it.each(['airbyte-expected-records.json', 'devlake-raw-incidents.json', 'faros-incidents.json', 'pd-openapi-incidents.json',
    'faros-incidents-with-log-entries.json', 'pd-openapi-incidents-with-log-entries.json'])(
    '%s imports without options, nothing rejected, then again unchanged, and stores what its records say',
    async (file) => {
      const records = recordsOf(file);
      const text = readSharedText('realdata', `${DIR}${file}`);
      const summary = await importText(db, text, { format: 'pagerduty' });
      expect(summary).toMatchObject({ status: 'completed', source: 'pagerduty', recordsRead: records.length, rejected: 0, error: null });
      expect(summary.created + summary.updated).toBe(records.length);
      const again = await importText(db, text, { format: 'pagerduty' });
      expect(again).toMatchObject({ recordsRead: records.length, created: 0, updated: 0, unchanged: records.length, rejected: 0 });

      const rows = await q<Record<string, unknown> & { external_id: string }>(
        `SELECT i.external_id, i.title, s.key AS severity, i.started_at, i.detected_at, i.acknowledged_at, i.mitigated_at, i.resolved_at, t.name AS team,
                ARRAY(SELECT sv.name FROM incident_services x JOIN services sv ON sv.id = x.service_id WHERE x.incident_id = i.id ORDER BY sv.name) AS services,
                (SELECT count(*)::int FROM timeline_entries e WHERE e.incident_id = i.id AND e.imported AND e.kind = 'note') AS notes,
                (SELECT count(*)::int FROM timeline_entries e WHERE e.incident_id = i.id AND e.imported AND e.kind = 'action') AS actions
           FROM incidents i JOIN severity_levels s ON s.id = i.severity_id LEFT JOIN teams t ON t.id = i.owning_team_id
          WHERE i.source = 'pagerduty' AND i.external_id = ANY($1)`,
        [records.map((r) => r.id)],
      );
      const ms = (d: unknown) => (d instanceof Date ? d.getTime() : null);
      const stored = Object.fromEntries(rows.map((r) => [r.external_id, {
        title: r.title, severity: r.severity, started: ms(r.started_at), detected: ms(r.detected_at), acknowledged: ms(r.acknowledged_at),
        mitigated: ms(r.mitigated_at), resolved: ms(r.resolved_at), services: r.services, team: r.team, notes: r.notes, actions: r.actions,
      }]));
      expect(stored).toEqual(Object.fromEntries(records.map((r) => [r.id, expectedIncident(r)])));
    },
  );

  it('reads the quirks real-formats/SOURCES.md lists the way the table says', async () => {
    const devlake = Object.fromEntries(recordsOf('devlake-raw-incidents.json').map((r) => [r.id, r]));
    const [triggered, resolvedOnlyByLog] = await Promise.all(['Q3YON8WNWTZMRQ', 'Q1OHFWFP3GPXOG'].map(async (id) =>
      (await q<{ acknowledged_at: Date | null; resolved_at: Date | null }>(`SELECT acknowledged_at, resolved_at FROM incidents WHERE source = 'pagerduty' AND external_id = $1`, [id]))[0]));
    // Still `triggered`, yet acknowledged (then unacknowledged by timeouts): the earliest acknowledge entry counts, no resolution.
    expect(devlake.Q3YON8WNWTZMRQ.status).toBe('triggered');
    expect(triggered.acknowledged_at?.getTime()).toBe(earliest(devlake.Q3YON8WNWTZMRQ.log_entries!.filter((e) => e.type === 'acknowledge_log_entry').map((e) => e.created_at)));
    expect(triggered.resolved_at).toBeNull();
    // Resolved with no `resolved_at` field: only its resolve_log_entry gives the time.
    expect(devlake.Q1OHFWFP3GPXOG.resolved_at).toBeUndefined();
    expect(resolvedOnlyByLog.resolved_at?.getTime()).toBe(instant(devlake.Q1OHFWFP3GPXOG.log_entries!.find((e) => e.type === 'resolve_log_entry')!.created_at));
    // The Airbyte note's text is only in channel.summary, and its author is the agent.
    const [note] = await q<{ body: string; author: string }>(
      `SELECT e.body, e.author FROM timeline_entries e JOIN incidents i ON i.id = e.incident_id WHERE i.external_id = 'Q2U8NVNBMCM7JW' AND e.kind = 'note'`,
    );
    const entry = recordsOf('airbyte-expected-records.json')[0].log_entries![0];
    expect(note).toEqual({ body: entry.channel!.summary, author: entry.agent!.summary });
  });
});
