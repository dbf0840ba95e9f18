import { InvalidInputError } from './errors.js';

/**
 * An ISO 8601 instant with an explicit offset: `2026-03-01T09:30:00Z`, `2026-03-01T10:30:00+01:00`.
 * A timestamp without an offset is ambiguous (which zone?) and is refused.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

export const INSTANT_PROBLEM = 'is not an ISO 8601 timestamp with a time zone offset (e.g. 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00)';

/**
 * The years every instant and calendar date must fall in (instants: in UTC). Nothing real happened to a
 * service before 1970, and a year such as 0026 or 0000 (a typo, a source's empty date) would otherwise be
 * stored, or refused by PostgreSQL (it has no year 0), and number an incident `INC-0-0001`.
 */
export const ACCEPTED_YEARS = { first: 1970, last: 9999 } as const;
export const YEAR_RANGE_PROBLEM = `is outside the accepted years ${ACCEPTED_YEARS.first}–${ACCEPTED_YEARS.last} (UTC)`;

const EARLIEST = Date.UTC(ACCEPTED_YEARS.first, 0, 1);
const AFTER_LATEST = Date.UTC(ACCEPTED_YEARS.last + 1, 0, 1);

/** Whether the instant falls in ACCEPTED_YEARS. */
export const inAcceptedYears = (date: Date): boolean => date.getTime() >= EARLIEST && date.getTime() < AFTER_LATEST;

/** What is wrong with the text as an instant (INSTANT_PROBLEM or YEAR_RANGE_PROBLEM), or null when it is one. */
export function instantProblem(text: string): string | null {
  const date = parseAnyInstant(text);
  if (!date) return INSTANT_PROBLEM;
  return inAcceptedYears(date) ? null : YEAR_RANGE_PROBLEM;
}

/**
 * The instant, or null when the text is not an instant with an offset, names an impossible date, or falls
 * outside ACCEPTED_YEARS (instantProblem says which).
 */
export function parseInstantOrNull(text: string): Date | null {
  const date = parseAnyInstant(text);
  return date && inAcceptedYears(date) ? date : null;
}

function parseAnyInstant(text: string): Date | null {
  const utc = parseUtcDigits(text);
  if (utc !== undefined) return utc;
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

/**
 * `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ` (as Date#toISOString writes it, the form most instants
 * arrive in) read digit by digit, without a regular expression or the engine's date parser: imports read
 * millions. undefined for any other form (years before 100 included: Date.UTC reads them as 19xx), which
 * parseInstantOrNull then checks the general way; null for an impossible date in this form.
 */
function parseUtcDigits(text: string): Date | null | undefined {
  const length = text.length;
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 90 /* Z */) return undefined;
  const separators = length === 24 ? UTC_MS_SEPARATORS : UTC_SEPARATORS;
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0;
  for (let i = 0; i < length - 1; i++) {
    const code = text.charCodeAt(i);
    const separator = separators[i];
    if (separator !== 0) {
      if (code !== separator) return undefined;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return undefined;
    if (i < 4) year = year * 10 + digit;
    else if (i < 7) month = month * 10 + digit;
    else if (i < 10) day = day * 10 + digit;
    else if (i < 13) hour = hour * 10 + digit;
    else if (i < 16) minute = minute * 10 + digit;
    else if (i < 19) second = second * 10 + digit;
    else ms = ms * 10 + digit;
  }
  if (year < 100) return undefined;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (day < 1 || day > (month === 2 ? (isLeapYear(year) ? 29 : 28) : DAYS_IN_MONTH[month - 1])) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
}

/** Character codes expected at each position of the two forms (0: a digit). */
const UTC_SEPARATORS = separatorCodes('0000-00-00T00:00:00');
const UTC_MS_SEPARATORS = separatorCodes('0000-00-00T00:00:00.000');

function separatorCodes(pattern: string): Uint8Array {
  return Uint8Array.from(pattern, (c) => (c === '0' ? 0 : c.charCodeAt(0)));
}

/** Parses an instant or throws an InvalidInputError naming the field. */
export function parseInstant(field: string, text: string): Date {
  const date = parseInstantOrNull(text);
  if (!date) throw new InvalidInputError(field, text, instantProblem(text) ?? INSTANT_PROBLEM);
  return date;
}
