/**
 * Rules of action items that need no database: calendar due dates, "today" in the reporting time
 * zone, overdue, and when an item counts as completed. Pure: no Nest, no TypeORM.
 */
import { RuleViolationError } from '../common/errors.js';
import { ACCEPTED_YEARS, YEAR_RANGE_PROBLEM } from '../common/instant.js';
import type { ActionItemStatus } from './action-item.entity.js';

/** Statuses of an item still to be done; only these can be overdue. */
export const OPEN_STATUSES = ['open', 'in_progress'] as const satisfies readonly ActionItemStatus[];
/** Statuses that close an item and carry a completedAt. */
export const CLOSED_STATUSES = ['done', 'wont_do'] as const satisfies readonly ActionItemStatus[];

export const isClosed = (status: ActionItemStatus): boolean => (CLOSED_STATUSES as readonly string[]).includes(status);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const CALENDAR_DATE_PROBLEM = 'is not a calendar date in YYYY-MM-DD form (e.g. 2026-03-31)';

/** `YYYY-MM-DD` naming a day that exists in ACCEPTED_YEARS: 2024-02-29 yes, 2025-02-29, 2026-04-31 and 0000-01-01 no. */
export function isCalendarDate(text: string): boolean {
  return calendarDateProblem(text) === null;
}

/** What is wrong with the text as a due date (CALENDAR_DATE_PROBLEM or YEAR_RANGE_PROBLEM), or null. */
export function calendarDateProblem(text: string): string | null {
  const match = DATE.exec(text);
  if (!match) return CALENDAR_DATE_PROBLEM;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return CALENDAR_DATE_PROBLEM;
  if (year < ACCEPTED_YEARS.first || year > ACCEPTED_YEARS.last) return YEAR_RANGE_PROBLEM;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate() ? null : CALENDAR_DATE_PROBLEM;
}

/** The calendar date (`YYYY-MM-DD`) that `instant` falls on in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * Overdue: still open (open or in_progress) and due before `today` (a `YYYY-MM-DD` in the reporting
 * time zone). An item due today is not overdue yet; a closed item never is. The repository's
 * `overdue` filter expresses the same rule in SQL.
 */
export function isOverdue(item: { status: ActionItemStatus; dueDate: string | null }, today: string): boolean {
  return item.dueDate !== null && (OPEN_STATUSES as readonly string[]).includes(item.status) && item.dueDate < today;
}

/**
 * completedAt after a write. Reopening (open / in_progress) clears it. Closing (done / wont_do) takes
 * an explicit value when given, else keeps the one an already-closed item has (done → wont_do), else
 * now. An explicit value is refused on an open item and when it is in the future.
 */
export function completedAtAfter(
  current: { status: ActionItemStatus; completedAt: Date | null } | null,
  status: ActionItemStatus,
  explicit: Date | undefined,
  now: Date,
): Date | null {
  if (!isClosed(status)) {
    if (explicit) {
      throw new RuleViolationError(
        'COMPLETED_AT_NOT_CLOSED',
        `completedAt (${explicit.toISOString()}) is only accepted when status is done or wont_do; status is ${status}`,
        { field: 'completedAt', value: explicit.toISOString(), status },
      );
    }
    return null;
  }
  if (explicit) {
    if (explicit.getTime() > now.getTime()) {
      throw new RuleViolationError(
        'COMPLETED_AT_IN_FUTURE',
        `completedAt (${explicit.toISOString()}) is in the future (now is ${now.toISOString()})`,
        { field: 'completedAt', value: explicit.toISOString() },
      );
    }
    return explicit;
  }
  if (current && isClosed(current.status) && current.completedAt) return current.completedAt;
  return now;
}
