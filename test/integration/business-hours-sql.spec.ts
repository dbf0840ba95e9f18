import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../src/config/config.js';
import { businessSecondsBetween } from '../../src/metrics/core/business-hours.js';
import { calendarArb, DAY, instantArb, ZONES } from '../factories/business-calendars.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * hindsight_business_seconds() (migration BusinessHoursFunction) must equal businessSecondsBetween(),
 * the reference, for every (from, to, calendar): random spans up to ~60 days around the DST changes of
 * Europe/Berlin and America/New_York (and UTC), random working weeks, hours (including edges inside
 * the 02:00–03:00 / 01:00–02:00 changes) and holidays. Equal to 1e-6 s (JS keeps milliseconds only).
 */
interface Case {
  from: Date;
  to: Date;
  calendar: BusinessCalendar;
}

const BERLIN_WEEK: BusinessCalendar = { workingDays: [1, 2, 3, 4, 5], dayStartMinute: 9 * 60, dayEndMinute: 17 * 60, timeZone: 'Europe/Berlin', holidays: [] };

const caseArb: fc.Arbitrary<Case> = fc
  .tuple(fc.constantFrom(...ZONES), instantArb, fc.integer({ min: -60 * DAY, max: 60 * DAY }))
  .chain(([zone, from, span]) => calendarArb(zone, from).map((calendar) => ({ from: new Date(from), to: new Date(from + span), calendar })));

describe('hindsight_business_seconds() equals businessSecondsBetween()', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  /** The function's values for many cases in one round trip, in input order. */
  async function sqlSeconds(cases: readonly Case[]): Promise<number[]> {
    const rows: { i: string; seconds: number }[] = await db.dataSource.query(
      `SELECT x.i, hindsight_business_seconds(x.from_at, x.to_at, x.working_days, x.day_start_minute, x.day_end_minute, x.time_zone, x.holidays) AS seconds
         FROM jsonb_to_recordset($1::jsonb) AS x(i int, from_at timestamptz, to_at timestamptz, working_days int[], day_start_minute int,
                                                 day_end_minute int, time_zone text, holidays date[])
        ORDER BY x.i`,
      [
        JSON.stringify(
          cases.map((c, i) => ({
            i,
            from_at: c.from.toISOString(),
            to_at: c.to.toISOString(),
            working_days: c.calendar.workingDays,
            day_start_minute: c.calendar.dayStartMinute,
            day_end_minute: c.calendar.dayEndMinute,
            time_zone: c.calendar.timeZone,
            holidays: c.calendar.holidays,
          })),
        ),
      ],
    );
    return rows.map((row) => row.seconds);
  }

  const at = (iso: string) => new Date(iso);
  const cal = (overrides: Partial<BusinessCalendar>): BusinessCalendar => ({ ...BERLIN_WEEK, ...overrides });

  it.each<[string, Case, number]>([
    ['one Berlin working day, 09:00–17:00 local', { from: at('2026-03-02T00:00:00Z'), to: at('2026-03-03T00:00:00Z'), calendar: BERLIN_WEEK }, 8 * 3600],
    ['Friday 16:00 to Monday 10:00 local', { from: at('2026-03-06T15:00:00Z'), to: at('2026-03-09T09:00:00Z'), calendar: BERLIN_WEEK }, 2 * 3600],
    ['backwards is negative', { from: at('2026-03-09T09:00:00Z'), to: at('2026-03-06T15:00:00Z'), calendar: BERLIN_WEEK }, -2 * 3600],
    ['a holiday counts nothing', { from: at('2026-03-02T00:00:00Z'), to: at('2026-03-04T00:00:00Z'), calendar: cal({ holidays: ['2026-03-02'] }) }, 8 * 3600],
    ['Sunday of the Berlin spring-forward, 00:00–24:00 window: 23 h', { from: at('2026-03-28T00:00:00Z'), to: at('2026-03-31T00:00:00Z'), calendar: cal({ workingDays: [7], dayStartMinute: 0, dayEndMinute: 1440 }) }, 23 * 3600],
    ['Sunday of the Berlin fall-back, 00:00–24:00 window: 25 h', { from: at('2026-10-24T00:00:00Z'), to: at('2026-10-27T00:00:00Z'), calendar: cal({ workingDays: [7], dayStartMinute: 0, dayEndMinute: 1440 }) }, 25 * 3600],
    ['Berlin spring-forward, window from the skipped 02:30 (→ 03:30) to 04:00: 30 min', { from: at('2026-03-29T00:00:00Z'), to: at('2026-03-30T00:00:00Z'), calendar: cal({ workingDays: [7], dayStartMinute: 150, dayEndMinute: 240 }) }, 1800],
    ['Berlin fall-back, window from the twice-occurring 02:30 (the first, CEST) to 04:00: 2 h 30 min', { from: at('2026-10-25T00:00:00Z'), to: at('2026-10-26T00:00:00Z'), calendar: cal({ workingDays: [7], dayStartMinute: 150, dayEndMinute: 240 }) }, 9000],
    ['New York fall-back, 01:30 (EDT) to 02:00 (EST): 1 h 30 min', { from: at('2026-11-01T00:00:00Z'), to: at('2026-11-02T12:00:00Z'), calendar: cal({ workingDays: [7], dayStartMinute: 90, dayEndMinute: 120, timeZone: 'America/New_York' }) }, 5400],
    ['UTC, milliseconds kept', { from: at('2026-03-02T09:00:00.250Z'), to: at('2026-03-02T09:00:01.000Z'), calendar: cal({ timeZone: 'UTC' }) }, 0.75],
  ])('%s', async (_name, c, expected) => {
    expect(businessSecondsBetween(c.from, c.to, c.calendar)).toBeCloseTo(expected, 6);
    const [seconds] = await sqlSeconds([c]);
    expect(seconds).toBeCloseTo(expected, 6);
  });

  it("why the function resolves local times itself: PostgreSQL's AT TIME ZONE takes the later of a twice-occurring 02:30, luxon the earlier", async () => {
    const [row] = await db.dataSource.query(`SELECT ('2026-10-25 02:30'::timestamp AT TIME ZONE 'Europe/Berlin') AS postgres`);
    expect(row.postgres.toISOString()).toBe('2026-10-25T01:30:00.000Z'); // 02:30 CET
    expect(DateTime.fromISO('2026-10-25T00:00', { zone: 'Europe/Berlin' }).set({ hour: 2, minute: 30 }).toUTC().toISO()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
  });

  it('random spans, calendars and zones around DST changes', async () => {
    const cases = fc.sample(caseArb, { numRuns: 4000, seed: 4242 });
    // Also a fresh seed each run, so the property keeps exploring; a failure prints the case.
    cases.push(...fc.sample(caseArb, 2000));
    const seconds = await sqlSeconds(cases);
    const mismatches = cases
      .map((c, i) => ({ c, sql: seconds[i], reference: businessSecondsBetween(c.from, c.to, c.calendar) }))
      .filter(({ sql, reference }) => !(Math.abs(sql - reference) < 1e-6))
      .map(({ c, sql, reference }) => `${c.from.toISOString()} → ${c.to.toISOString()} ${JSON.stringify(c.calendar)}: sql ${sql}, reference ${reference}`);
    expect(mismatches.slice(0, 10)).toEqual([]);
    // Sanity: the sample reaches both signs, zero and DST days.
    expect(cases.some((c) => c.to < c.from)).toBe(true);
    expect(seconds.filter((s) => s > 0).length).toBeGreaterThan(1000);
    expect(seconds.filter((s) => s < 0).length).toBeGreaterThan(1000);
  });

  it('as a fast-check property, shrinking to a minimal counterexample', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const [seconds] = await sqlSeconds([c]);
        expect(Math.abs(seconds - businessSecondsBetween(c.from, c.to, c.calendar))).toBeLessThan(1e-6);
      }),
      { numRuns: 150 },
    );
  });
});
