import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../src/config/config.js';

/** Random business calendars and instants for comparing business-hours SQL with businessSecondsBetween(). */

export const ZONES = ['Europe/Berlin', 'America/New_York', 'UTC'] as const;
export const DAY = 86_400_000;

/** DST changes of 2025–2027 in both zones (Berlin: last Sunday of March/October 01:00Z; New York: 2nd Sunday of March / 1st of November). */
export const DST_CHANGES = [
  '2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z',
  '2025-03-09T07:00:00Z', '2025-11-02T06:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2027-03-14T07:00:00Z', '2027-11-07T06:00:00Z',
].map(Date.parse);

/** An instant near a DST change (± 40 days, minute or millisecond precision) or anywhere in 2025–2027, in epoch milliseconds. */
export const instantArb = fc.oneof(
  fc.tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -40 * DAY, max: 40 * DAY }), fc.constantFrom(60_000, 1)).map(([change, offset, unit]) => change + Math.round(offset / unit) * unit),
  fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
);

/** Window edges: often whole hours, sometimes inside a DST change (01:30, 02:30) or the full day (0–1440). */
const minuteArb = fc.oneof(fc.integer({ min: 0, max: 24 }).map((h) => h * 60), fc.constantFrom(90, 120, 150, 180), fc.integer({ min: 0, max: 1440 }));

/** A calendar in `timeZone`: random working week and hours, up to 6 holidays within 45 days of `near` (epoch ms). */
export const calendarArb = (timeZone: string, near: number): fc.Arbitrary<BusinessCalendar> =>
  fc
    .record({
      workingDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      edges: fc.tuple(minuteArb, minuteArb).filter(([a, b]) => a !== b),
      holidays: fc.uniqueArray(fc.integer({ min: -45, max: 45 }), { maxLength: 6 }),
    })
    .map(({ workingDays, edges, holidays }): BusinessCalendar => ({
      workingDays: [...workingDays].sort(),
      dayStartMinute: Math.min(...edges),
      dayEndMinute: Math.max(...edges),
      timeZone,
      holidays: holidays.map((days) => DateTime.fromMillis(near + days * DAY, { zone: timeZone }).toISODate()!).sort(),
    }));
