import type { BusinessCalendar } from '../config/config.js';

/**
 * Which environment settings that shape a report's figures differ now from the ones the report was generated
 * with: the business calendar (BUSINESS_*: time to retro, retro due dates) and REPORT_TIMEZONE (where the
 * month is cut). They are read at start-up and not audited, so a report compares the values it stored. Pure.
 */

export const SETTING_NAMES = {
  calendar: 'business calendar (BUSINESS_*)',
  timeZone: 'report time zone (REPORT_TIMEZONE)',
} as const;

const CALENDAR_FIELDS: readonly (keyof BusinessCalendar)[] = ['workingDays', 'dayStartMinute', 'dayEndMinute', 'timeZone', 'holidays'];

/** Field by field (a stored calendar comes back from jsonb with its keys reordered). */
export function sameCalendar(a: BusinessCalendar, b: BusinessCalendar): boolean {
  return CALENDAR_FIELDS.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));
}

/**
 * The settings (SETTING_NAMES) that changed since the report; a report that did not store its calendar (one
 * generated before it did) cannot tell, and says nothing about it.
 */
export function settingsChanged(
  stored: { calendar?: BusinessCalendar | null; timeZone?: string | null },
  now: { calendar: BusinessCalendar; timeZone: string },
): string[] {
  const changed: string[] = [];
  if (stored.calendar && !sameCalendar(stored.calendar, now.calendar)) changed.push(SETTING_NAMES.calendar);
  if (stored.timeZone && stored.timeZone !== now.timeZone) changed.push(SETTING_NAMES.timeZone);
  return changed;
}
