import { InvalidInputError } from './errors.js';

/**
 * An ISO 8601 instant with an explicit offset: `2026-03-01T09:30:00Z`, `2026-03-01T10:30:00+01:00`.
 * A timestamp without an offset is ambiguous (which zone?) and is refused.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

export const INSTANT_PROBLEM = 'is not an ISO 8601 timestamp with a time zone offset (e.g. 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00)';

/** UTC to the second or millisecond, as Date#toISOString writes it: the form most instants arrive in. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/** The instant, or null when the text is not an instant with an offset or names an impossible date. */
export function parseInstantOrNull(text: string): Date | null {
  // Fast path (imports parse millions): a UTC instant is real exactly when it reads back as written.
  // Anything else, an impossible date such as 02-30 or 24:00 included, takes the checks below.
  if (UTC_INSTANT.test(text)) {
    const date = new Date(text);
    const time = date.getTime();
    if (!Number.isNaN(time) && date.toISOString() === (text.length === 20 ? `${text.slice(0, 19)}.000Z` : text)) return date;
  }
  const match = INSTANT.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0'] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const daysInMonth = Number(month) === 2 ? (isLeapYear(Number(year)) ? 29 : 28) : DAYS_IN_MONTH[Number(month) - 1];
  if (Number(day) < 1 || Number(day) > daysInMonth) return null;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// Not Date.UTC: it reads years 0–99 as 1900–1999.
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** Parses an instant or throws an InvalidInputError naming the field. */
export function parseInstant(field: string, text: string): Date {
  const date = parseInstantOrNull(text);
  if (!date) throw new InvalidInputError(field, text, INSTANT_PROBLEM);
  return date;
}
