import { importText } from '../factories/imports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { describeWithShared, listShared, readSharedJson, readSharedText } from '../support/realdata.js';
import { instant } from './independent.js';

/**
 * ../shared/realdata/real-formats/incidentio/ (real-formats/SOURCES.md): incident.io's API example and an
 * incident recorded from incident.io's own test workspace, whose 12 timestamps are the workspace defaults
 * (`Reported at`, `Impact started at`, `Identified at`, `Fixed at`, …; only `Reported at` has a value).
 * Imported without options, that is with the default config.
 */
const DIR = 'real-formats/incidentio/';

interface Named { name: string }
interface IncidentIo {
  id: string;
  name: string;
  summary?: string | null;
  mode: string;
  created_at: string;
  severity?: Named | null;
  incident_status: { category: string };
  incident_timestamp_values?: { incident_timestamp: Named; value: { value: string | null } | null }[];
  incident_role_assignments?: { role: Named & { role_type?: string }; assignee?: Named | null }[];
  custom_field_entries?: { custom_field: Named; values: { value_catalog_entry?: Named | null; value_option?: { value: string } | null; value_text?: string | null }[] }[];
}

const recordsOf = (file: string): IncidentIo[] => {
  const json = readSharedJson<IncidentIo[] | { incidents: IncidentIo[] }>('realdata', `${DIR}${file}`);
  return Array.isArray(json) ? json : json.incidents;
};

/**
 * The README's "incident.io" table with its default config, as plain code. Timestamps by name: the README's
 * defaults (`Impact started`, `Reported at`, `Accepted at`, `Fixed at`, `Resolved at`) and the names incident.io
 * gives a new workspace (`Impact started at`, `Identified at`: the singer-tap record's list).
 * | started_at falls back to the detected timestamp, then `created_at`; detected_at to `created_at` except for `retrospective` incidents |
 * | `severity.name` Critical → SEV1, Major → SEV2, Minor → SEV3 | custom field `Affected services` → services, first `Team` value → owning team |
 * | roles `Incident Lead` (or any `lead` role) → commander, `Communications Lead` → comms, `Scribe` → scribe | `summary` → customer impact |
 * | `mode` test or tutorial, status category declined, merged or canceled → excluded from metrics |
 */
const TIMESTAMPS: Record<string, 'started' | 'detected' | 'acknowledged' | 'identified' | 'mitigated' | 'resolved'> = {
  'Impact started': 'started', 'Impact started at': 'started', 'Reported at': 'detected', 'Accepted at': 'acknowledged',
  'Identified at': 'identified', 'Fixed at': 'mitigated', 'Resolved at': 'resolved',
};
const SEVERITY: Record<string, string> = { Critical: 'SEV1', Major: 'SEV2', Minor: 'SEV3' };
const ROLES: Record<string, 'commander' | 'comms' | 'scribe'> = { 'Incident Lead': 'commander', 'Communications Lead': 'comms', Scribe: 'scribe' };

function expectedIncident(i: IncidentIo) {
  const at: Record<string, number | null> = { started: null, detected: null, acknowledged: null, identified: null, mitigated: null, resolved: null };
  for (const { incident_timestamp: { name }, value } of i.incident_timestamp_values ?? []) {
    const milestone = TIMESTAMPS[name];
    const time = instant(value?.value);
    if (milestone && time !== null) at[milestone] = at[milestone] === null ? time : Math.min(at[milestone], time);
  }
  const detected = at.detected ?? (i.mode === 'retrospective' ? null : instant(i.created_at));
  const people: Record<string, string | null> = { commander: null, comms: null, scribe: null };
  for (const { role, assignee } of i.incident_role_assignments ?? []) {
    const target = ROLES[role.name] ?? (role.role_type === 'lead' ? 'commander' : undefined);
    if (target && assignee?.name && people[target] === null) people[target] = assignee.name;
  }
  const field = (name: string) => i.custom_field_entries?.find((e) => e.custom_field.name === name)?.values
    .map((v) => v.value_catalog_entry?.name || v.value_option?.value || v.value_text);
  return {
    title: i.name,
    severity: SEVERITY[i.severity!.name],
    started: at.started ?? at.detected ?? instant(i.created_at),
    detected, acknowledged: at.acknowledged, identified: at.identified, mitigated: at.mitigated, resolved: at.resolved,
    ...people,
    customerImpact: i.summary ?? '',
    services: field('Affected services') ?? [],
    team: field('Team')?.[0] ?? null,
    excluded: ['test', 'tutorial'].includes(i.mode) || ['declined', 'merged', 'canceled'].includes(i.incident_status.category),
  };
}

describeWithShared('realdata', 'the real incident.io v2 payloads', () => {
  const files = listShared('realdata', DIR);
  let db: TestDatabase;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);

  async function stored(ids: string[]) {
    const rows = await q<Record<string, unknown> & { external_id: string }>(
      `SELECT i.external_id, i.title, s.key AS severity, i.started_at, i.detected_at, i.acknowledged_at, i.identified_at, i.mitigated_at, i.resolved_at,
              i.commander, i.comms, i.scribe, i.customer_impact, t.name AS team, i.excluded_from_metrics,
              ARRAY(SELECT sv.name FROM incident_services x JOIN services sv ON sv.id = x.service_id WHERE x.incident_id = i.id ORDER BY sv.name) AS services
         FROM incidents i JOIN severity_levels s ON s.id = i.severity_id LEFT JOIN teams t ON t.id = i.owning_team_id
        WHERE i.source = 'incident.io' AND i.external_id = ANY($1)`,
      [ids],
    );
    const ms = (d: unknown) => (d instanceof Date ? d.getTime() : null);
    return Object.fromEntries(rows.map((r) => [r.external_id, {
      title: r.title, severity: r.severity, started: ms(r.started_at), detected: ms(r.detected_at), acknowledged: ms(r.acknowledged_at),
      identified: ms(r.identified_at), mitigated: ms(r.mitigated_at), resolved: ms(r.resolved_at),
      commander: r.commander, comms: r.comms, scribe: r.scribe, customerImpact: r.customer_impact, services: r.services, team: r.team, excluded: r.excluded_from_metrics,
    }]));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('are the two files of real-formats/SOURCES.md, one incident each', () => {
    expect(files).toEqual(['incidentio-openapi-v2-incidents.json', 'singer-tap-incidents.json']);
    expect(files.map((file) => recordsOf(file).length)).toEqual([1, 1]);
  });

  it.each(['incidentio-openapi-v2-incidents.json', 'singer-tap-incidents.json'])(
    '%s imports without options, nothing rejected, then again unchanged, and stores what its record says',
    async (file) => {
      const records = recordsOf(file);
      const text = readSharedText('realdata', `${DIR}${file}`);
      const summary = await importText(db, text, { format: 'incidentio' });
      expect(summary).toMatchObject({ status: 'completed', source: 'incident.io', recordsRead: records.length, created: records.length, rejected: 0, error: null });
      const again = await importText(db, text, { format: 'incidentio' });
      expect(again).toMatchObject({ recordsRead: records.length, created: 0, updated: 0, unchanged: records.length, rejected: 0 });
      expect(await stored(records.map((r) => r.id))).toEqual(Object.fromEntries(records.map((r) => [r.id, expectedIncident(r)])));
    },
  );

  it('the workspace\'s own default timestamp names, once they hold values, fill their milestones without a config', async () => {
    // The singer-tap record as its workspace would export it a little later: its own timestamp names, now with values.
    const [real] = recordsOf('singer-tap-incidents.json');
    const reported = instant(real.incident_timestamp_values!.find((t) => t.incident_timestamp.name === 'Reported at')!.value!.value)!;
    const minutes: Record<string, number> = { 'Impact started at': -10, 'Accepted at': 2, 'Identified at': 20, 'Fixed at': 40, 'Resolved at': 60 };
    expect(Object.keys(minutes).filter((name) => !real.incident_timestamp_values!.some((t) => t.incident_timestamp.name === name))).toEqual([]);
    const later: IncidentIo = {
      ...real,
      id: `${real.id}-later`,
      incident_timestamp_values: real.incident_timestamp_values!.map((t) => (t.incident_timestamp.name in minutes
        ? { ...t, value: { value: new Date(reported + minutes[t.incident_timestamp.name] * 60_000).toISOString() } }
        : t)),
    };
    const summary = await importText(db, JSON.stringify([later]), { format: 'incidentio' });
    expect(summary).toMatchObject({ created: 1, rejected: 0 });
    const expected = expectedIncident(later);
    expect(expected).toMatchObject({ started: reported - 600_000, detected: reported, identified: reported + 1_200_000, mitigated: reported + 2_400_000 });
    expect((await stored([later.id]))[later.id]).toEqual(expected);
  });
});
