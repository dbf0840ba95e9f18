import { DateTime } from 'luxon';
import { PERIOD_UNITS, periodKey, periodRange, periodStart, type PeriodUnit } from '../../src/metrics/core/periods.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The SQL engine (scopeSql) buckets incidents by the local period start `date_trunc(unit, started_at AT
 * TIME ZONE zone)`, whose instant is that `AT TIME ZONE zone` and whose label is its to_char;
 * periodStart / periodKey are the reference.
 * Both must agree on every instant, above all around DST changes.
 */
const ZONES = ['Europe/Berlin', 'America/New_York', 'America/Santiago'];
const FROM = Date.parse('2025-01-01T00:00:00Z');
const TO = Date.parse('2028-01-01T00:00:00Z');
const HOUR = 3_600_000;

const SQL_KEY_FORMATS: Record<PeriodUnit, string> = {
  day: 'YYYY-MM-DD',
  week: 'IYYY-"W"IW',
  month: 'YYYY-MM',
  quarter: 'YYYY-"Q"Q',
  year: 'YYYY',
};

/** Instants where a zone's UTC offset changes, found hour by hour and refined to the minute. */
function transitions(zone: string): number[] {
  const offset = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const found: number[] = [];
  for (let t = FROM; t < TO; t += HOUR) {
    if (offset(t) === offset(t + HOUR)) continue;
    let m = t;
    while (offset(m) === offset(t)) m += 60_000;
    found.push(m);
  }
  return found;
}

/** Instants worth checking in one zone: around each DST change, around every period boundary, and a coarse grid. */
function instants(zone: string): number[] {
  const set = new Set<number>();
  for (const change of transitions(zone)) {
    for (let k = -30 * 4; k <= 30 * 4; k++) set.add(change + k * 15 * 60_000);
    for (const d of [-1, 1]) set.add(change + d);
  }
  for (const unit of PERIOD_UNITS) {
    for (const start of periodRange(new Date(FROM), new Date(TO), unit, zone)) {
      for (const d of [-HOUR, -1, 0, 1, HOUR]) set.add(start.getTime() + d);
    }
  }
  for (let t = FROM; t < TO; t += 7 * HOUR + 13 * 60_000) set.add(t);
  return [...set].sort((a, b) => a - b);
}

describe('periodStart agrees with PostgreSQL date_trunc … AT TIME ZONE', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('finds the DST changes it means to test (two a year in every zone)', () => {
    for (const zone of ZONES) expect(transitions(zone)).toHaveLength(6);
  });

  it("PostgreSQL's 'week' starts on the ISO Monday", async () => {
    const rows: { dow: number }[] = await db.dataSource.query(
      `SELECT extract(isodow FROM date_trunc('week', d))::int AS dow FROM generate_series('2026-03-01'::timestamp, '2026-03-14', '1 day') AS d`,
    );
    expect(rows).toHaveLength(14);
    expect(rows.every((row) => row.dow === 1)).toBe(true);
  });

  it.each(ZONES)('every unit, every instant in %s: same start and same key', async (zone) => {
    const times = instants(zone);
    const rows: { i: string; unit: PeriodUnit; start: Date; key: string }[] = await db.dataSource.query(
      `SELECT x.i, u.unit,
              date_trunc(u.unit, x.t AT TIME ZONE $2) AT TIME ZONE $2 AS start,
              to_char(date_trunc(u.unit, x.t AT TIME ZONE $2), u.format) AS key
         FROM unnest($1::timestamptz[]) WITH ORDINALITY AS x(t, i)
        CROSS JOIN unnest($3::text[], $4::text[]) AS u(unit, format)
        ORDER BY x.i, u.unit`,
      [times.map((t) => new Date(t).toISOString()), zone, [...PERIOD_UNITS], PERIOD_UNITS.map((unit) => SQL_KEY_FORMATS[unit])],
    );
    expect(rows).toHaveLength(times.length * PERIOD_UNITS.length);

    const mismatches: string[] = [];
    for (const row of rows) {
      const instant = new Date(times[Number(row.i) - 1]);
      const start = periodStart(instant, row.unit, zone);
      const key = periodKey(instant, row.unit, zone);
      if (start.getTime() !== row.start.getTime() || key !== row.key) {
        mismatches.push(`${instant.toISOString()} ${row.unit}: ts ${start.toISOString()} ${key}, sql ${row.start.toISOString()} ${row.key}`);
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    // Sanity: the comparison covered thousands of instants, and both DST directions.
    expect(times.length).toBeGreaterThan(3000);
  });
});
