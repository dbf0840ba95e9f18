import fc from 'fast-check';
import type { BusinessCalendar } from '../../src/config/config.js';
import { syncBusinessCalendar } from '../../src/database/business-calendar.js';
import { businessSecondsBetween } from '../../src/metrics/core/business-hours.js';
import { metricIncident } from '../factories/metric-incidents.js';
import { calendarArb, DAY, instantArb, ZONES } from '../factories/business-calendars.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { insertMetricIncidents } from '../support/metric-incidents-db.js';

/**
 * incidents.retro_business_seconds (migration StoredMetricSeconds) is kept by a trigger from the
 * stored business calendar, and syncBusinessCalendar() recomputes it when the configured calendar
 * changes. Every stored value must equal businessSecondsBetween(resolvedAt, retroDoneAt, calendar),
 * the reference, to 1e-6 s — after inserts, after milestone edits, after a calendar change — and be
 * NULL unless both milestones are set.
 */

/** Resolution and retro of one incident: either may be missing; the retro may come before the resolution. */
interface RetroPair {
  resolvedAt: Date | null;
  retroDoneAt: Date | null;
}

const pairArb: fc.Arbitrary<RetroPair> = fc
  .tuple(instantArb, fc.integer({ min: -5 * DAY, max: 45 * DAY }), fc.nat(9))
  .map(([resolved, span, missing]) => ({
    resolvedAt: missing === 0 ? null : new Date(resolved),
    retroDoneAt: missing === 1 ? null : new Date(resolved + span),
  }));

const anyCalendarArb: fc.Arbitrary<BusinessCalendar> = fc
  .tuple(fc.constantFrom(...ZONES), instantArb)
  .chain(([zone, near]) => calendarArb(zone, near));

const expected = (pair: RetroPair, calendar: BusinessCalendar) =>
  pair.resolvedAt && pair.retroDoneAt ? businessSecondsBetween(pair.resolvedAt, pair.retroDoneAt, calendar) : null;

describe('incidents.retro_business_seconds equals businessSecondsBetween() in the stored calendar', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.dataSource.query('DELETE FROM incidents'));

  /** Inserts one incident per pair (started a day before the earlier milestone), returning ids in order. */
  const insert = (pairs: readonly RetroPair[]) =>
    insertMetricIncidents(
      db.dataSource,
      pairs.map((p) => {
        const earliest = Math.min(...[p.resolvedAt, p.retroDoneAt].filter((d): d is Date => d !== null).map((d) => d.getTime()), Date.parse('2027-12-31T00:00:00Z'));
        return metricIncident({ startedAt: new Date(earliest - DAY), resolvedAt: p.resolvedAt, retroDoneAt: p.retroDoneAt });
      }),
    );

  const stored = async (ids: readonly string[]): Promise<(number | null)[]> => {
    const rows: { id: string; seconds: number | null }[] = await db.dataSource.query(
      `SELECT id, retro_business_seconds AS seconds FROM incidents WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row.seconds]));
    return ids.map((id) => byId.get(id) ?? null);
  };

  /** Mismatches between stored values and the reference, described; empty when all agree. */
  const mismatches = async (ids: readonly string[], pairs: readonly RetroPair[], calendar: BusinessCalendar): Promise<string[]> => {
    const values = await stored(ids);
    return pairs
      .map((pair, i) => ({ pair, sql: values[i], reference: expected(pair, calendar) }))
      .filter(({ sql, reference }) => (reference === null ? sql !== null : sql === null || !(Math.abs(sql - reference) < 1e-6)))
      .map(({ pair, sql, reference }) => `${pair.resolvedAt?.toISOString()} → ${pair.retroDoneAt?.toISOString()} ${JSON.stringify(calendar)}: stored ${sql}, reference ${reference}`);
  };

  const BERLIN: BusinessCalendar = { workingDays: [1, 2, 3, 4, 5], dayStartMinute: 9 * 60, dayEndMinute: 17 * 60, timeZone: 'Europe/Berlin', holidays: ['2026-03-04'] };

  it('starts with the configuration defaults, which a default configuration leaves alone', async () => {
    const [row] = await db.dataSource.query(`SELECT working_days, day_start_minute, day_end_minute, time_zone, holidays::text[] AS holidays FROM business_calendar`);
    expect(row).toEqual({ working_days: [1, 2, 3, 4, 5], day_start_minute: 540, day_end_minute: 1020, time_zone: 'UTC', holidays: [] });
    const sync = await syncBusinessCalendar(db.dataSource, { workingDays: [1, 2, 3, 4, 5], dayStartMinute: 540, dayEndMinute: 1020, timeZone: 'UTC', holidays: [] });
    expect(sync).toMatchObject({ changed: false, recomputed: 0 });
  });

  it('on insert: a Berlin week with a holiday, hand-checked', async () => {
    await syncBusinessCalendar(db.dataSource, BERLIN);
    const pairs: RetroPair[] = [
      // Monday 2026-03-02 16:00 Berlin → Thursday 10:00: Mon 1 h, Tue 8 h, Wed a holiday, Thu 1 h.
      { resolvedAt: new Date('2026-03-02T15:00:00Z'), retroDoneAt: new Date('2026-03-05T09:00:00Z') },
      // Backwards: the negative (the exclusion rule is the view's business, not the column's).
      { resolvedAt: new Date('2026-03-05T09:00:00Z'), retroDoneAt: new Date('2026-03-02T15:00:00Z') },
      { resolvedAt: new Date('2026-03-02T15:00:00Z'), retroDoneAt: null },
      { resolvedAt: null, retroDoneAt: new Date('2026-03-05T09:00:00Z') },
    ];
    expect(await stored(await insert(pairs))).toEqual([10 * 3600, -10 * 3600, null, null]);
  });

  it('on insert: random incidents and calendars', async () => {
    for (const calendar of fc.sample(anyCalendarArb, { numRuns: 4, seed: 4711 })) {
      await db.dataSource.query('DELETE FROM incidents');
      await syncBusinessCalendar(db.dataSource, calendar);
      const pairs = fc.sample(pairArb, 400);
      expect(await mismatches(await insert(pairs), pairs, calendar)).toEqual([]);
    }
  });

  it('on milestone edits: either milestone set, moved or cleared; other edits leave the value; a hand-written value is recomputed', async () => {
    await syncBusinessCalendar(db.dataSource, BERLIN);
    let pairs = fc.sample(pairArb, { numRuns: 300, seed: 99 });
    const ids = await insert(pairs);
    const moved = fc.sample(pairArb, { numRuns: 300, seed: 100 });
    const update = (column: 'resolved_at' | 'retro_done_at', values: (Date | null)[]) =>
      db.dataSource.query(
        `UPDATE incidents i SET ${column} = x.at FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, at) WHERE i.id = x.id`,
        [ids, values.map((v) => v?.toISOString() ?? null)],
      );

    await update('resolved_at', moved.map((m) => m.resolvedAt));
    pairs = pairs.map((p, i) => ({ ...p, resolvedAt: moved[i].resolvedAt }));
    expect(await mismatches(ids, pairs, BERLIN)).toEqual([]);

    await update('retro_done_at', moved.map((m) => m.retroDoneAt));
    pairs = pairs.map((p, i) => ({ ...p, retroDoneAt: moved[i].retroDoneAt }));
    expect(await mismatches(ids, pairs, BERLIN)).toEqual([]);

    await db.dataSource.query(`UPDATE incidents SET title = 'edited', detected_at = started_at WHERE id = ANY($1::uuid[])`, [ids]);
    expect(await mismatches(ids, pairs, BERLIN)).toEqual([]);

    await db.dataSource.query(`UPDATE incidents SET retro_business_seconds = 12345 WHERE id = ANY($1::uuid[])`, [ids]);
    expect(await mismatches(ids, pairs, BERLIN)).toEqual([]);
  });

  it('a calendar change recomputes every incident in the new calendar; the same calendar again changes nothing', async () => {
    const [first, second] = fc.sample(anyCalendarArb, { numRuns: 2, seed: 2026 });
    await syncBusinessCalendar(db.dataSource, first);
    const pairs = fc.sample(pairArb, { numRuns: 500, seed: 7 });
    const ids = await insert(pairs);
    expect(await mismatches(ids, pairs, first)).toEqual([]);

    const sync = await syncBusinessCalendar(db.dataSource, second);
    expect(sync).toMatchObject({ changed: true, recomputed: pairs.filter((p) => p.resolvedAt && p.retroDoneAt).length });
    expect(await mismatches(ids, pairs, second)).toEqual([]);
    const [row] = await db.dataSource.query(`SELECT working_days, day_start_minute, day_end_minute, time_zone, holidays::text[] AS holidays FROM business_calendar`);
    expect(row).toEqual({
      working_days: second.workingDays, day_start_minute: second.dayStartMinute, day_end_minute: second.dayEndMinute, time_zone: second.timeZone, holidays: second.holidays,
    });

    expect(await syncBusinessCalendar(db.dataSource, { ...second, workingDays: [...second.workingDays].reverse() })).toMatchObject({ changed: false, recomputed: 0 });
  });

  it('as a fast-check property over calendar changes and inserts, shrinking to a minimal counterexample', async () => {
    await fc.assert(
      fc.asyncProperty(anyCalendarArb, fc.array(pairArb, { minLength: 1, maxLength: 5 }), async (calendar, pairs) => {
        const ids = await insert(pairs);
        await syncBusinessCalendar(db.dataSource, calendar);
        expect(await mismatches(ids, pairs, calendar)).toEqual([]);
        await db.dataSource.query('DELETE FROM incidents');
      }),
      { numRuns: 60 },
    );
  });
});
