import { generateDemoData, summarizeDemoData, type DemoData } from '../../src/demo/demo-data.generator.js';
import { DemoDataService, type DemoDataProgress } from '../../src/demo/demo-data.service.js';
import { Transactions } from '../../src/database/transactions.js';
import { IncidentWritesRepository } from '../../src/incidents/incident-writes.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** Writes demo data as `hindsight demo-data` does: DemoDataService of Hindsight on the test database. */
const writeDemoData = async (db: TestDatabase, data: DemoData, onProgress?: (progress: DemoDataProgress) => void) =>
  (await db.hindsight()).get(DemoDataService).write(data, onProgress);

const END = new Date('2026-11-23T12:00:00Z');

const TABLES = [
  'teams', 'services', 'incidents', 'incident_services', 'severity_changes', 'timeline_entries', 'retrospectives', 'retro_answers', 'action_items',
] as const;

async function rowCounts(db: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
    counts[table] = count;
  }
  return counts;
}

function expectedCounts(data: DemoData): Record<string, number> {
  return {
    teams: data.teams.length,
    services: data.services.length,
    incidents: data.incidents.length,
    incident_services: data.incidents.reduce((sum, i) => sum + i.services.length, 0),
    severity_changes: data.severityChanges.length,
    timeline_entries: data.timeline.length,
    retrospectives: data.retrospectives.length,
    retro_answers: data.retrospectives.reduce((sum, r) => sum + r.answers.length, 0),
    action_items: data.actionItems.length,
  };
}

describe('writeDemoData on an empty database', () => {
  let db: TestDatabase;
  const data = generateDemoData({ seed: 7, incidents: 600, months: 24, end: END });
  const progress: DemoDataProgress[] = [];
  let elapsedMs = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    const startedAt = Date.now();
    await writeDemoData(db, data, (p) => progress.push(p));
    elapsedMs = Date.now() - startedAt;
  });
  afterAll(() => db.close());

  it('writes every generated row, 600 incidents with their children well under 10 s, reporting progress', async () => {
    expect(await rowCounts(db)).toEqual(expectedCounts(data));
    expect(elapsedMs).toBeLessThan(10_000);
    const total = Object.values(expectedCounts(data)).reduce((a, b) => a + b, 0);
    expect(progress.at(-1)).toMatchObject({ written: total, total });
    expect(progress.map((p) => p.written)).toEqual([...progress.map((p) => p.written)].sort((a, b) => a - b));
  });

  it('stores incidents as generated: severities resolved by key, team, services, milestones, arrays', async () => {
    const rows: {
      key: string; title: string; severity: string; peak: string; team: string; services: string[]; tags: string[];
      known_customers_impacted: string[]; started_at: Date; acknowledged_at: Date | null; resolved_at: Date | null; retro_done_at: Date | null;
      excluded_from_metrics: boolean; source: string;
    }[] = await db.dataSource.query(`
      SELECT i.key, i.title, s.key AS severity, p.key AS peak, t.name AS team, i.tags, i.known_customers_impacted, i.started_at,
             i.acknowledged_at, i.resolved_at, i.retro_done_at, i.excluded_from_metrics, i.source,
             ARRAY(SELECT sv.name FROM incident_services x JOIN services sv ON sv.id = x.service_id WHERE x.incident_id = i.id ORDER BY sv.name) AS services
        FROM incidents i JOIN severity_levels s ON s.id = i.severity_id JOIN severity_levels p ON p.id = i.peak_severity_id
        LEFT JOIN teams t ON t.id = i.owning_team_id`);
    const stored = new Map(rows.map((r) => [r.key, r]));
    for (const incident of data.incidents) {
      expect(stored.get(incident.key)).toEqual({
        key: incident.key, title: incident.title, severity: incident.severity, peak: incident.peakSeverity, team: incident.owningTeam,
        services: [...incident.services].sort(), tags: incident.tags, known_customers_impacted: incident.knownCustomersImpacted,
        started_at: incident.startedAt, acknowledged_at: incident.acknowledgedAt, resolved_at: incident.resolvedAt,
        retro_done_at: incident.retroDoneAt, excluded_from_metrics: incident.excludedFromMetrics, source: 'hindsight',
      });
    }
    const summary = summarizeDemoData(data);
    const bySeverity: { key: string; n: number }[] = await db.dataSource.query(
      `SELECT p.key, count(*)::int AS n FROM incidents i JOIN severity_levels p ON p.id = i.peak_severity_id GROUP BY p.key ORDER BY p.key`,
    );
    expect(Object.fromEntries(bySeverity.map((r) => [r.key, r.n]))).toEqual(summary.incidents.bySeverity);
  });

  it('links children consistently: services to teams, severity history, retros to the default template, action items to their incident’s retro', async () => {
    const [checks] = await db.dataSource.query(`
      SELECT
        (SELECT count(*) FROM services WHERE owning_team_id IS NULL)::int AS services_without_team,
        (SELECT count(*) FROM services WHERE kind = 'vendor' AND (support_url IS NULL OR status_page_url IS NULL))::int AS vendors_without_links,
        (SELECT count(*) FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM severity_changes c WHERE c.incident_id = i.id AND c.from_severity_id IS NULL AND c.changed_at = i.started_at))::int AS without_declaration,
        (SELECT count(*) FROM severity_changes c JOIN severity_levels l ON l.id = c.to_severity_id JOIN incidents i ON i.id = c.incident_id JOIN severity_levels p ON p.id = i.peak_severity_id WHERE l.rank < p.rank)::int AS above_peak,
        (SELECT count(*) FROM severity_changes WHERE from_severity_id IS NOT NULL)::int AS changes,
        (SELECT count(*) FROM timeline_entries WHERE kind = 'severity_change')::int AS change_entries,
        (SELECT count(*) FROM retrospectives r JOIN retro_templates t ON t.id = r.template_id WHERE NOT t.is_default)::int AS retros_not_default,
        (SELECT count(*) FROM retrospectives r JOIN incidents i ON i.id = r.incident_id WHERE i.resolved_at IS NULL)::int AS retros_unresolved,
        (SELECT count(*) FROM retro_answers a JOIN retrospectives r ON r.id = a.retrospective_id JOIN retro_templates t ON t.id = r.template_id
          WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(t.questions) q WHERE q->>'key' = a.question_key))::int AS answers_off_template,
        (SELECT count(*) FROM action_items a JOIN retrospectives r ON r.id = a.retrospective_id WHERE r.incident_id <> a.incident_id)::int AS items_crossed,
        (SELECT count(*) FROM action_items WHERE team_id IS NULL)::int AS items_without_team,
        (SELECT count(*) FROM action_items WHERE status IN ('open', 'in_progress') AND due_date < DATE '2026-11-23')::int AS overdue`);
    expect(checks).toEqual({
      services_without_team: 0, vendors_without_links: 0, without_declaration: 0, above_peak: 0,
      changes: data.severityChanges.filter((c) => c.from).length, change_entries: data.severityChanges.filter((c) => c.from).length,
      retros_not_default: 0, retros_unresolved: 0, answers_off_template: 0, items_crossed: 0, items_without_team: 0,
      overdue: summarizeDemoData(data).actionItems.overdue,
    });
    expect(checks.overdue).toBeGreaterThan(0);
  });

  it('refuses a second write, naming what is there, and changes nothing', async () => {
    const before = await rowCounts(db);
    await expect(writeDemoData(db, data)).rejects.toThrow(
      'The database already has 600 incidents, 5 teams and 14 services; demo-data only fills an empty database (use a fresh DATA_DIR or database)',
    );
    expect(await rowCounts(db)).toEqual(before);
  });

  it('raises the key counters: the next incident of a year continues the numbering', async () => {
    const counters: { year: number; last_seq: number }[] = await db.dataSource.query(`SELECT year, last_seq FROM incident_key_counters ORDER BY year`);
    expect(counters.map((c) => ({ year: c.year, lastSeq: c.last_seq }))).toEqual(data.keyCounters);
    const latest = data.keyCounters.at(-1)!;
    const app = await db.hindsight();
    const [key] = await app.get(Transactions).run(() => app.get(IncidentWritesRepository).allocateKeys([latest.year]));
    expect(key).toBe(`INC-${latest.year}-${String(latest.lastSeq + 1).padStart(4, '0')}`);
  });
});

describe('writeDemoData on a database that is not empty', () => {
  let db: TestDatabase;
  const data = generateDemoData({ seed: 3, incidents: 60, months: 6, end: END });
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('refuses a database that has teams but no incidents, and writes nothing', async () => {
    await db.dataSource.query(`INSERT INTO teams (name) VALUES ('SRE')`);
    await expect(writeDemoData(db, data)).rejects.toThrow(/^The database already has 1 team; demo-data only fills an empty database/);
    expect(await rowCounts(db)).toMatchObject({ teams: 1, services: 0, incidents: 0 });
    await db.dataSource.query(`DELETE FROM teams`);
  });

  it('writes all or nothing: a failure half-way leaves no row behind', async () => {
    const broken: DemoData = { ...data, incidents: data.incidents.map((i, n) => (n === data.incidents.length - 1 ? { ...i, title: null as unknown as string } : i)) };
    await expect(writeDemoData(db, broken)).rejects.toThrow(/title/);
    expect(await rowCounts(db)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM incident_key_counters`);
    expect(count).toBe(0);
  });
});
