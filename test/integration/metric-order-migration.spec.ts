import { revertLastMigration, runMigrations } from '../../src/database/migrate.js';
import { after } from '../factories/metric-incidents.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { insertMetricIncidents } from '../support/metric-incidents-db.js';

const MIGRATION = 'PerIntervalOrderRule1795490000000';

/**
 * The migration to the per-interval order rule (issue 11) recomputes the stored seconds of incidents that
 * are already there, and its `down` brings the previous rule back, recomputed too.
 */
describe(`${MIGRATION}: stored seconds of existing incidents`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  /** Reverts migrations down to and including this one; returns the names reverted, newest first. */
  async function revertThrough(): Promise<string[]> {
    const reverted: string[] = [];
    for (let name = await revertLastMigration(db.url); name; name = await revertLastMigration(db.url)) {
      reverted.push(name);
      if (name === MIGRATION) return reverted;
    }
    throw new Error(`${MIGRATION} was not applied`);
  }

  const stored = async (ids: string[]) =>
    db.dataSource.query<Record<string, unknown>[]>(
      `SELECT ttd_seconds, tta_seconds, ttm_seconds, ttr_seconds, tt_retro_seconds IS NOT NULL AS has_retro, ttm_excluded_reason, order_violation
         FROM incident_metric_intervals v JOIN unnest($1::uuid[]) WITH ORDINALITY AS x(id, n) ON x.id = v.id ORDER BY x.n`,
      [ids],
    );

  it('measures an incident posted after it ended once migrated, and not after the revert', async () => {
    const reverted = await revertThrough();
    // Written under the previous rule: begin 10:00, created (detected) 14:00, end (mitigated = resolved) 12:00;
    // and one in order, which both rules measure alike.
    const ids = await insertMetricIncidents(db.dataSource, [
      after('2026-03-02T10:00:00Z', { detectedAt: 4 * 3600, mitigatedAt: 7200, resolvedAt: 7200, retroDoneAt: 86400 }),
      after('2026-03-02T10:00:00Z', { detectedAt: 60, acknowledgedAt: 120, mitigatedAt: 600, resolvedAt: 900 }),
    ]);
    const inOrder = { ttd_seconds: 60, tta_seconds: 60, ttm_seconds: 600, ttr_seconds: 900, has_retro: false, ttm_excluded_reason: null, order_violation: false };
    expect(await stored(ids)).toEqual([
      { ttd_seconds: null, tta_seconds: null, ttm_seconds: null, ttr_seconds: null, has_retro: false, ttm_excluded_reason: 'order', order_violation: true },
      inOrder,
    ]);

    expect(await runMigrations(db.url)).toEqual([...reverted].reverse());
    expect(await stored(ids)).toEqual([
      { ttd_seconds: 4 * 3600, tta_seconds: null, ttm_seconds: 7200, ttr_seconds: 7200, has_retro: true, ttm_excluded_reason: null, order_violation: true },
      inOrder,
    ]);

    await revertThrough();
    expect(await stored(ids)).toEqual([
      { ttd_seconds: null, tta_seconds: null, ttm_seconds: null, ttr_seconds: null, has_retro: false, ttm_excluded_reason: 'order', order_violation: true },
      inOrder,
    ]);
    await runMigrations(db.url);
  });
});
