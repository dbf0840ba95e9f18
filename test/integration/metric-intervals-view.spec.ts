import fc from 'fast-check';
import type { BusinessCalendar } from '../../src/config/config.js';
import { MILESTONES, milestoneColumn, type Milestone } from '../../src/incidents/milestones.js';
import { businessSecondsBetween } from '../../src/metrics/core/business-hours.js';
import {
  INTERVAL_METRIC_KEYS, incidentIntervals, outOfOrderPairs, timeToRetro, type IntervalResult, type MetricIncident,
} from '../../src/metrics/core/intervals.js';
import { after } from '../factories/metric-incidents.js';
import { measuredDespiteOrder, milestoneOffsets, namedOffsets, postedAfterEnd } from '../factories/milestone-arbitraries.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { insertMetricIncidents } from '../support/metric-incidents-db.js';

/** Incidents whose milestones are present or not, in order or not (every shape of milestoneOffsets), at whole seconds, some excluded. */
const arbitraryIncident = fc
  .record({
    offsets: milestoneOffsets(fc.integer({ min: -3600, max: 7 * 86400 })),
    excluded: fc.nat(3).map((n) => n === 0),
    severity: fc.constantFrom('SEV1', 'SEV2', 'SEV3'),
  })
  .map(({ offsets, excluded, severity }) => after('2026-03-01T09:00:00Z', namedOffsets(offsets), { excludedFromMetrics: excluded, severity }));

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

  /** Incidents checked that only the per-interval order rule measures, and incidents posted after they ended. */
  const seen = { measuredDespiteOrder: 0, postedAfterEnd: 0 };

  const check = async (incidents: MetricIncident[]) => {
    await db.dataSource.query('DELETE FROM incidents');
    const ids = await insertMetricIncidents(db.dataSource, incidents);
    const rows: Record<string, unknown>[] = await db.dataSource.query(`SELECT * FROM incident_metric_intervals WHERE id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    incidents.forEach((incident, index) => {
      const row = byId.get(ids[index])!;
      if (measuredDespiteOrder(incident)) seen.measuredDespiteOrder += 1;
      if (postedAfterEnd(incident)) seen.postedAfterEnd += 1;
      expect({ orderViolation: row.order_violation }).toEqual({ orderViolation: outOfOrderPairs(incident).length > 0 });
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
    ['posted after it ended: begin 10:00, created 14:00, end 12:00', after('2026-03-01T10:00:00Z', { detectedAt: 4 * 3600, mitigatedAt: 7200, resolvedAt: 7200 })],
    ['retro done before resolution, prep after it', after('2026-03-02T09:00:00Z', { resolvedAt: 7200, retroPrepAt: 90000, retroDoneAt: 3600 })],
    ['identified after resolution', after('2026-03-01T09:00:00Z', { identifiedAt: 9000, mitigatedAt: 3600, resolvedAt: 7200 })],
    ['retro done before the start', after('2026-03-01T09:00:00Z', { detectedAt: 60, retroDoneAt: -10 })],
    ['excluded', after('2026-03-01T09:00:00Z', { detectedAt: 60 }, { excludedFromMetrics: true })],
    ['equal instants', after('2026-03-01T09:00:00Z', { detectedAt: 0, acknowledgedAt: 0, mitigatedAt: 0 })],
  ])('%s', async (_name, incident) => {
    await check([incident]);
  });

  it('for random incident sets', async () => {
    const before = { ...seen };
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryIncident, { minLength: 1, maxLength: 25 }), async (incidents) => void (await check(incidents))),
      { numRuns: 40 },
    );
    // Not vacuous: the generator makes intervals that only the per-interval rule measures, and incidents posted after they ended.
    expect(seen.measuredDespiteOrder - before.measuredDespiteOrder).toBeGreaterThan(40);
    expect(seen.postedAfterEnd - before.postedAfterEnd).toBeGreaterThan(5);
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
