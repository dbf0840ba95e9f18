import fc from 'fast-check';
import { MILESTONES, type Milestone } from '../../src/incidents/milestones.js';
import { INTERVAL_METRIC_KEYS, incidentIntervals, type MetricIncident } from '../../src/metrics/intervals.js';
import { after } from '../factories/metric-incidents.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { insertMetricIncidents } from '../support/metric-incidents-db.js';

/** Incidents whose milestones are present or not, in order or not, at whole seconds, some excluded. */
const arbitraryIncident = fc
  .record({
    offsets: fc.array(fc.option(fc.integer({ min: -3600, max: 7 * 86400 }), { nil: undefined }), { minLength: 8, maxLength: 8 }),
    inOrder: fc.boolean(),
    excluded: fc.boolean(),
    severity: fc.constantFrom('SEV1', 'SEV2', 'SEV3'),
  })
  .map(({ offsets, inOrder, excluded, severity }) => {
    const values = inOrder ? [...offsets].map((o) => (o === undefined ? o : Math.abs(o))).sort((a, b) => (a ?? 0) - (b ?? 0)) : offsets;
    const named = Object.fromEntries(
      MILESTONES.slice(1).map((m, i) => [m, values[i]]).filter(([, v]) => v !== undefined),
    ) as Partial<Record<Exclude<Milestone, 'startedAt'>, number>>;
    return after('2026-03-01T09:00:00Z', named, { excludedFromMetrics: excluded, severity });
  });

describe('incident_metric_intervals (SQL) agrees with the pure reference', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const check = async (incidents: MetricIncident[]) => {
    await db.dataSource.query('DELETE FROM incidents');
    const ids = await insertMetricIncidents(db.dataSource, incidents);
    const rows: Record<string, unknown>[] = await db.dataSource.query(`SELECT * FROM incident_metric_intervals WHERE id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    incidents.forEach((incident, index) => {
      const row = byId.get(ids[index])!;
      const expected = incidentIntervals(incident);
      for (const metric of INTERVAL_METRIC_KEYS) {
        const result = expected[metric];
        expect({ metric, seconds: row[`${metric}_seconds`], reason: row[`${metric}_excluded_reason`] }).toEqual({
          metric,
          seconds: result.ok ? result.seconds : null,
          reason: result.ok ? null : result.reason,
        });
      }
    });
  };

  it.each([
    ['in order', after('2026-03-01T09:00:00Z', { detectedAt: 300, acknowledgedAt: 360, investigatingAt: 600, mitigatedAt: 3600, resolvedAt: 7200 })],
    ['detected before started', after('2026-03-01T09:00:00Z', { detectedAt: -60, mitigatedAt: 3600 })],
    ['retro done before the start', after('2026-03-01T09:00:00Z', { detectedAt: 60, retroDoneAt: -10 })],
    ['excluded', after('2026-03-01T09:00:00Z', { detectedAt: 60 }, { excludedFromMetrics: true })],
    ['equal instants', after('2026-03-01T09:00:00Z', { detectedAt: 0, acknowledgedAt: 0, mitigatedAt: 0 })],
  ])('%s', async (_name, incident) => {
    await check([incident]);
  });

  it('for random incident sets', async () => {
    await fc.assert(fc.asyncProperty(fc.array(arbitraryIncident, { minLength: 1, maxLength: 25 }), check), { numRuns: 40 });
  });
});
