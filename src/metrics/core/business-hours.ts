import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../config/config.js';

/**
 * Business-hours arithmetic (SPEC §2 "time to retro", SLA "retro due within N business hours").
 *
 * Working time is the union of one window per working day: on each local date in
 * `calendar.timeZone` whose ISO weekday is in `workingDays` and which is not listed in `holidays`,
 * the window runs from local wall-clock `dayStartMinute` to local wall-clock `dayEndMinute`
 * (1440 = the next local midnight). Time is real elapsed time inside those windows.
 *
 * DST: the window is fixed in local wall-clock time, so a working day on which the clocks change
 * outside working hours (02:00/03:00 in Berlin and New York) still counts exactly its local hours
 * (09:00–17:00 = 8 h). When the change falls inside the window, the window is its real elapsed
 * length (00:00–24:00 is 23 h on a spring-forward day and 25 h on a fall-back day). A window edge
 * that does not exist locally (skipped by a spring-forward) moves forward by the gap, as luxon
 * does (02:30 → 03:30 in Berlin); an edge that occurs twice (fall-back) is the earlier instant
 * (the offset in force at local midnight: 01:30 EDT, not 01:30 EST, in New York).
 */

interface Window {
  start: number;
  end: number;
}

const DAY_MINUTES = 24 * 60;

function checkCalendar(calendar: BusinessCalendar): void {
  const { workingDays, dayStartMinute, dayEndMinute, timeZone } = calendar;
  if (workingDays.length === 0 || workingDays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    throw new RangeError(`Business calendar workingDays must be ISO weekdays 1–7, at least one: ${JSON.stringify(workingDays)}`);
  }
  if (!Number.isInteger(dayStartMinute) || !Number.isInteger(dayEndMinute) || dayStartMinute < 0 || dayEndMinute > DAY_MINUTES || dayStartMinute >= dayEndMinute) {
    throw new RangeError(`Business calendar hours must satisfy 0 ≤ dayStartMinute < dayEndMinute ≤ 1440: ${dayStartMinute}–${dayEndMinute}`);
  }
  if (!DateTime.fromMillis(0, { zone: timeZone }).isValid) {
    throw new RangeError(`Business calendar timeZone is not an IANA time zone: ${JSON.stringify(timeZone)}`);
  }
}

function millis(instant: Date, name: string): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid instant: ${String(instant)}`);
  return ms;
}

/** The instant of a local wall-clock minute-of-day on a local date (1440 = next local midnight). */
function wallClock(date: DateTime, minute: number): number {
  if (minute === DAY_MINUTES) return date.plus({ days: 1 }).startOf('day').toMillis();
  return date.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 }).toMillis();
}

/**
 * Working windows in local-date order, starting with the local date that holds `from` (a window
 * never reaches past its own day's local midnight, so no earlier day can overlap `from`).
 * Infinite: callers stop when they have enough.
 */
function* windowsFrom(from: number, calendar: BusinessCalendar): Generator<Window, never> {
  const workingDays = new Set(calendar.workingDays);
  const holidays = new Set(calendar.holidays);
  let date = DateTime.fromMillis(from, { zone: calendar.timeZone }).startOf('day');
  for (;;) {
    if (workingDays.has(date.weekday) && !holidays.has(date.toISODate() ?? '')) {
      yield { start: wallClock(date, calendar.dayStartMinute), end: wallClock(date, calendar.dayEndMinute) };
    }
    date = date.plus({ days: 1 });
  }
}

/**
 * Business seconds between two instants: the real elapsed seconds of [from, to) that fall inside
 * the calendar's working windows (working weekdays, not holidays, local dayStart–dayEnd in the
 * calendar's zone; see the module comment for DST). Antisymmetric: when from > to the result is
 * the negative of the count from `to` to `from`, like plain subtraction (callers that need an
 * ordered interval check the order first). Milliseconds are kept, so the result may be fractional.
 */
export function businessSecondsBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  checkCalendar(calendar);
  const a = millis(from, 'from');
  const b = millis(to, 'to');
  if (a > b) return -businessSecondsBetween(to, from, calendar);
  let total = 0;
  for (const window of windowsFrom(a, calendar)) {
    if (window.start >= b) break;
    total += Math.max(0, Math.min(window.end, b) - Math.max(window.start, a));
  }
  return total / 1000;
}

/** Whether `at` falls inside one of the calendar's working windows (a working weekday, not a holiday, local dayStart–dayEnd). */
export function isBusinessTime(at: Date, calendar: BusinessCalendar): boolean {
  checkCalendar(calendar);
  const ms = millis(at, 'at');
  const date = DateTime.fromMillis(ms, { zone: calendar.timeZone }).startOf('day');
  if (!calendar.workingDays.includes(date.weekday) || calendar.holidays.includes(date.toISODate() ?? '')) return false;
  return wallClock(date, calendar.dayStartMinute) <= ms && ms < wallClock(date, calendar.dayEndMinute);
}

/**
 * The deadline `seconds` business seconds after `from`: the earliest instant t ≥ from with
 * businessSecondsBetween(from, t) = seconds. So it lands exactly on a window's end (17:00) when
 * the time runs out there, not on the next morning; 0 gives `from` itself. Refuses negative or
 * non-finite seconds and calendars without working time.
 */
export function addBusinessSeconds(from: Date, seconds: number, calendar: BusinessCalendar): Date {
  checkCalendar(calendar);
  const a = millis(from, 'from');
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`seconds must be a finite number ≥ 0: ${seconds}`);
  let remaining = seconds * 1000;
  if (remaining === 0) return new Date(a);
  for (const window of windowsFrom(a, calendar)) {
    const start = Math.max(window.start, a);
    const available = window.end - start;
    if (available <= 0) continue;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new Error('unreachable: the working windows never end');
}
