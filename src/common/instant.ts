import { InvalidInputError } from './errors.js';

/**
 * An ISO 8601 instant with an explicit offset: `2026-03-01T09:30:00Z`, `2026-03-01T10:30:00+01:00`.
 * A timestamp without an offset is ambiguous (which zone?) and is refused.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

export const INSTANT_PROBLEM = 'is not an ISO 8601 timestamp with a time zone offset (e.g. 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00)';

/** The instant, or null when the text is not an instant with an offset or names an impossible date. */
export function parseInstantOrNull(text: string): Date | null {
  const match = INSTANT.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0'] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(day) < 1 || Number(day) > daysInMonth) return null;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Parses an instant or throws an InvalidInputError naming the field. */
export function parseInstant(field: string, text: string): Date {
  const date = parseInstantOrNull(text);
  if (!date) throw new InvalidInputError(field, text, INSTANT_PROBLEM);
  return date;
}
