import { DateTime } from 'luxon';

/**
 * How values become cells of the workbook, safely and readably. Pure.
 *
 * - Text a person typed (titles, owners, team and service names) is written as a string cell, never as a
 *   formula: ExcelJS stores strings as shared or inline strings, which Excel and LibreOffice show as text
 *   even when they begin with `=`, `+`, `-` or `@`. `cellText` also drops the control characters XML cannot
 *   hold (one would make the whole file unreadable) and shortens text past Excel's limit of 32,767 characters.
 * - Instants are Excel date-times of the wall-clock time in the report's zone: ExcelJS writes a Date as its
 *   UTC serial, so the Date handed over is shifted by the zone's offset at that instant.
 * - Durations are Excel durations (fractions of a day) shown as [h]:mm.
 */

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_TEXT = 32_767;

/** Characters an XML 1.0 document cannot contain (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF). */
 
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** User text as a cell's string: XML-safe, within Excel's limit; null stays null (an empty cell). */
export function cellText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const clean = text.replace(NOT_XML, '');
  return clean.length > MAX_CELL_TEXT ? `${clean.slice(0, MAX_CELL_TEXT - 1)}…` : clean;
}

/** A list of names as one cell: `checkout, payments`. */
export function cellList(values: readonly string[] | null | undefined): string | null {
  return values && values.length > 0 ? cellText(values.join(', ')) : null;
}

/**
 * The Date to hand ExcelJS so that the cell shows the wall-clock time of `instant` in `timeZone`: its UTC
 * fields are the local ones. Null stays null.
 */
export function excelLocalTime(instant: Date | null, timeZone: string): Date | null {
  if (instant === null) return null;
  const offsetMinutes = DateTime.fromJSDate(instant, { zone: timeZone }).offset;
  return new Date(instant.getTime() + offsetMinutes * 60_000);
}

const HOUR_MS = 3_600_000;

/**
 * excelLocalTime for many instants in one zone (a list sheet's hundreds of thousands of milestones): the zone's
 * offset is looked up once per UTC hour and reused for the instants in it; in an hour whose offset changes (a
 * DST transition) every instant is looked up on its own.
 */
export function excelLocalTimeIn(timeZone: string): (instant: Date | null) => Date | null {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).offset;
  /** Minutes east of UTC for the whole hour, or null when it changes within the hour. */
  const hours = new Map<number, number | null>();
  return (instant) => {
    if (instant === null) return null;
    const ms = instant.getTime();
    const hour = Math.floor(ms / HOUR_MS);
    let offset = hours.get(hour);
    if (offset === undefined) {
      const first = offsetAt(hour * HOUR_MS);
      offset = first === offsetAt(hour * HOUR_MS + HOUR_MS - 1) ? first : null;
      hours.set(hour, offset);
    }
    return new Date(ms + (offset ?? offsetAt(ms)) * 60_000);
  };
}

/** Seconds as an Excel duration (days); null stays null. */
export function excelDuration(seconds: number | null): number | null {
  return seconds === null ? null : seconds / 86_400;
}

/** Seconds as hours, for cells that say "hours" in their header; null stays null. */
export function hours(seconds: number | null): number | null {
  return seconds === null ? null : seconds / 3_600;
}

/** The character width of a column that fits its header and values, between `min` and `max`. */
export function fittedWidth(header: string, sample: Iterable<string | null>, min = 8, max = 60): number {
  let widest = header.length;
  for (const value of sample) if (value !== null && value.length > widest) widest = value.length;
  // Proportional fonts run wider than Excel's character unit: a tenth more, and a margin.
  return Math.min(max, Math.max(min, Math.ceil(widest * 1.1) + 2));
}

/** A 1-based column number as letters: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
