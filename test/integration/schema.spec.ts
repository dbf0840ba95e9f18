import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('matches the entities: migration:generate would report no changes', async () => {
    const sql = await db.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('seeds SEV1–SEV3 with seed 001 update cadences and the default retro template', async () => {
    const levels = await db.dataSource.query(`SELECT key, rank, update_cadence_seconds FROM severity_levels ORDER BY rank`);
    expect(levels).toEqual([
      { key: 'SEV1', rank: 1, update_cadence_seconds: 1800 },
      { key: 'SEV2', rank: 2, update_cadence_seconds: 3600 },
      { key: 'SEV3', rank: 3, update_cadence_seconds: 10800 },
    ]);
    const [template] = await db.dataSource.query(`SELECT questions FROM retro_templates WHERE is_default`);
    expect(template.questions.map((q: { key: string }) => q.key)).toEqual([
      'customer_impact', 'went_well', 'could_be_improved', 'got_lucky', 'wrong_about', 'learned', 'could_have_prevented',
    ]);
  });

  it('has the indexes the metric queries need', async () => {
    const rows: { indexdef: string }[] = await db.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'`);
    const defs = rows.map((r) => r.indexdef).join('\n');
    expect(defs).toMatch(/ON public\.incidents USING btree \(started_at\)/);
    expect(defs).toMatch(/ON public\.incidents USING btree \(peak_severity_id\)/);
    expect(defs).toMatch(/ON public\.incident_services USING btree \(service_id, incident_id\)/);
  });

  it('every migration can be reverted and re-applied', async () => {
    const { revertLastMigration, runMigrations } = await import('../../src/database/migrate.js');
    const reverted: string[] = [];
    for (let name = await revertLastMigration(db.url); name; name = await revertLastMigration(db.url)) reverted.push(name);
    expect(reverted.length).toBeGreaterThanOrEqual(2);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    expect(count).toBe(0);
    expect(await runMigrations(db.url)).toEqual([...reverted].reverse());
  });
});
