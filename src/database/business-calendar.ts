import type { DataSource } from 'typeorm';
import type { BusinessCalendar } from '../config/config.js';

/** What syncBusinessCalendar found and did. */
export interface BusinessCalendarSync {
  /** The stored calendar differed from the configured one and was replaced. */
  changed: boolean;
  /** Incidents whose retro_business_seconds were recomputed (those with resolved_at and retro_done_at). */
  recomputed: number;
  elapsedMs: number;
}

interface StoredCalendar {
  working_days: number[];
  day_start_minute: number;
  day_end_minute: number;
  time_zone: string;
  holidays: string[];
}

const normalized = (calendar: BusinessCalendar) => ({
  workingDays: [...new Set(calendar.workingDays)].sort((a, b) => a - b),
  dayStartMinute: calendar.dayStartMinute,
  dayEndMinute: calendar.dayEndMinute,
  timeZone: calendar.timeZone,
  holidays: [...new Set(calendar.holidays)].sort(),
});

const fromRow = (row: StoredCalendar): BusinessCalendar => ({
  workingDays: row.working_days,
  dayStartMinute: row.day_start_minute,
  dayEndMinute: row.day_end_minute,
  timeZone: row.time_zone,
  holidays: row.holidays,
});

/**
 * Makes the database's business calendar (the one row of business_calendar, which the trigger that
 * keeps incidents.retro_business_seconds reads) the configured one. When they differ, stores the
 * configured calendar and recomputes retro_business_seconds of every incident that has both
 * milestones, in one transaction: readers see the old values or the new ones, never a mix. The row
 * lock serialises processes starting at the same time. Unchanged, it costs one small read.
 */
export async function syncBusinessCalendar(dataSource: DataSource, calendar: BusinessCalendar): Promise<BusinessCalendarSync> {
  const started = Date.now();
  const wanted = normalized(calendar);
  return dataSource.transaction(async (manager) => {
    const rows: StoredCalendar[] = await manager.query(
      `SELECT working_days, day_start_minute, day_end_minute, time_zone, holidays::text[] AS holidays FROM business_calendar FOR UPDATE`,
    );
    if (rows.length === 1 && JSON.stringify(normalized(fromRow(rows[0]))) === JSON.stringify(wanted)) {
      return { changed: false, recomputed: 0, elapsedMs: Date.now() - started };
    }
    await manager.query(
      `INSERT INTO business_calendar (id, working_days, day_start_minute, day_end_minute, time_zone, holidays)
       VALUES (1, $1::int[], $2, $3, $4, $5::date[])
       ON CONFLICT (id) DO UPDATE SET working_days = EXCLUDED.working_days, day_start_minute = EXCLUDED.day_start_minute,
         day_end_minute = EXCLUDED.day_end_minute, time_zone = EXCLUDED.time_zone, holidays = EXCLUDED.holidays`,
      [wanted.workingDays, wanted.dayStartMinute, wanted.dayEndMinute, wanted.timeZone, wanted.holidays],
    );
    // Setting the column fires the trigger, which computes it from the calendar just stored.
    const [{ recomputed }]: { recomputed: number }[] = await manager.query(
      `WITH updated AS (
         UPDATE incidents SET retro_business_seconds = NULL WHERE resolved_at IS NOT NULL AND retro_done_at IS NOT NULL RETURNING 1
       )
       SELECT count(*)::int AS recomputed FROM updated`,
    );
    return { changed: true, recomputed: recomputed, elapsedMs: Date.now() - started };
  });
}

/** One log line about a sync that changed something; null when nothing changed. */
export function describeCalendarSync(sync: BusinessCalendarSync, calendar: BusinessCalendar): string | null {
  if (!sync.changed) return null;
  const days = normalized(calendar).workingDays.join(',');
  const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  const holidays = calendar.holidays.length ? `, ${calendar.holidays.length} holiday(s)` : '';
  return (
    `Business calendar changed to ISO weekdays ${days}, ${hhmm(calendar.dayStartMinute)}-${hhmm(calendar.dayEndMinute)} ${calendar.timeZone}${holidays}: ` +
    `recomputed time to retro of ${sync.recomputed} incident(s) in ${sync.elapsedMs} ms`
  );
}
