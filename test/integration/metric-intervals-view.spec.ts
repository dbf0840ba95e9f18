import fc from 'fast-check';
import type { BusinessCalendar } from '../../src/config/config.js';
import { MILESTONES, milestoneColumn, type Milestone } from '../../src/incidents/milestones.js';
import { businessSecondsBetween } from '../../src/metrics/core/business-hours.js';
import { INTERVAL_METRIC_KEYS, incidentIntervals, timeToRetro, type IntervalResult, type MetricIncident } from '../../src/metrics/core/intervals.js';
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

/** The calendar a fresh database stores (the configuration defaults), which time to retro is kept in. */
const DEFAULT_CALENDAR: BusinessCalendar = { workingDays: [1, 2, 3, 4, 5], dayStartMinute: 9 * 60, dayEndMinute: 17 * 60, timeZone: 'UTC', holidays: [] };

/** One edit of an incident: a milestone set (or cleared), or the excluded flag flipped. */
type Edit = { milestone: Exclude<Milestone, 'startedAt'>; offset: number | null } | { excluded: boolean };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ milestone: fc.constantFrom(...(MILESTONES.slice(1) as Exclude<Milestone, 'startedAt'>[])), offset: fc.option(fc.integer({ min: -3600, max: 7 * 86400 }), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ excluded: fc.boolean() }) },
);

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
      // Time to retro: business seconds to 1e-6 s (JS keeps milliseconds only), the reason exactly.
      const retro: IntervalResult = timeToRetro(incident, (from, to) => businessSecondsBetween(from, to, DEFAULT_CALENDAR));
      const seconds = row.tt_retro_seconds as number | null;
      expect({ reason: row.tt_retro_excluded_reason, close: retro.ok ? seconds !== null && Math.abs(seconds - retro.seconds) < 1e-6 : seconds === null }).toEqual({
        reason: retro.ok ? null : retro.reason,
        close: true,
      });
    });
    return ids;
  };

  it.each([
    ['in order, retro in business hours', after('2026-03-02T09:00:00Z', { detectedAt: 300, resolvedAt: 7200, retroDoneAt: 86400 })],
    ['in order', after('2026-03-01T09:00:00Z', { detectedAt: 300, acknowledgedAt: 360, investigatingAt: 600, mitigatedAt: 3600, resolvedAt: 7200 })],
    ['detected before started', after('2026-03-01T09:00:00Z', { detectedAt: -60, mitigatedAt: 3600 })],
    ['retro done before the start', after('2026-03-01T09:00:00Z', { detectedAt: 60, retroDoneAt: -10 })],
    ['excluded', after('2026-03-01T09:00:00Z', { detectedAt: 60 }, { excludedFromMetrics: true })],
    ['equal instants', after('2026-03-01T09:00:00Z', { detectedAt: 0, acknowledgedAt: 0, mitigatedAt: 0 })],
  ])('%s', async (_name, incident) => {
    await check([incident]);
  });

  it('for random incident sets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryIncident, { minLength: 1, maxLength: 25 }), async (incidents) => void (await check(incidents))),
      { numRuns: 40 },
    );
  });

  it('after random edits of milestones and the excluded flag (the stored seconds follow every write)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryIncident, fc.array(editArb, { minLength: 1, maxLength: 6 }), async (incident, edits) => {
        const [id] = await check([incident]);
        let edited: MetricIncident = incident;
        for (const edit of edits) {
          if ('excluded' in edit) {
            await db.dataSource.query(`UPDATE incidents SET excluded_from_metrics = $2 WHERE id = $1`, [id, edit.excluded]);
            edited = { ...edited, excludedFromMetrics: edit.excluded };
          } else {
            const at = edit.offset === null ? null : new Date(edited.startedAt.getTime() + edit.offset * 1000);
            await db.dataSource.query(`UPDATE incidents SET ${milestoneColumn(edit.milestone)} = $2 WHERE id = $1`, [id, at?.toISOString() ?? null]);
            edited = { ...edited, [edit.milestone]: at };
          }
        }
        const rows: Record<string, unknown>[] = await db.dataSource.query(`SELECT * FROM incident_metric_intervals WHERE id = $1`, [id]);
        const expected = incidentIntervals(edited);
        const retro = timeToRetro(edited, (from, to) => businessSecondsBetween(from, to, DEFAULT_CALENDAR));
        for (const metric of INTERVAL_METRIC_KEYS) {
          expect({ metric, seconds: rows[0][`${metric}_seconds`] }).toEqual({ metric, seconds: expected[metric].ok ? (expected[metric] as { seconds: number }).seconds : null });
        }
        const retroSeconds = rows[0].tt_retro_seconds as number | null;
        expect({ reason: rows[0].tt_retro_excluded_reason, close: retro.ok ? retroSeconds !== null && Math.abs(retroSeconds - retro.seconds) < 1e-6 : retroSeconds === null }).toEqual({
          reason: retro.ok ? null : retro.reason,
          close: true,
        });
      }),
      { numRuns: 60 },
    );
  });
});
