import { RuleViolationError } from '../common/errors.js';
import type { ActionItemStatus } from './action-item.entity.js';
import { calendarDateProblem, completedAtAfter, isCalendarDate, isOverdue, localDate } from './action-item-rules.js';

describe('isCalendarDate', () => {
  it.each([
    ['2026-03-31', true],
    ['2024-02-29', true],
    ['2026-12-01', true],
    ['2025-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-3-1', false],
    ['2026-03-01T00:00:00Z', false],
    ['31/03/2026', false],
    ['', false],
    ['1970-01-01', true],
    ['9999-12-31', true],
    ['1969-12-31', false],
    ['0000-01-01', false],
  ])('%s → %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});

it.each([
  ['0000-01-01', /outside the accepted years 1970–9999/],
  ['1969-12-31', /outside the accepted years 1970–9999/],
  ['0000-13-01', /not a calendar date/],
  ['2026-02-30', /not a calendar date/],
])('calendarDateProblem(%s) says what is wrong', (text, problem) => {
  expect(calendarDateProblem(text)).toMatch(problem);
});

describe('localDate', () => {
  it.each([
    ['2026-03-10T12:00:00Z', 'UTC', '2026-03-10'],
    ['2026-03-10T23:30:00Z', 'UTC', '2026-03-10'],
    ['2026-03-10T23:30:00Z', 'Europe/Berlin', '2026-03-11'],
    ['2026-03-10T03:00:00Z', 'America/New_York', '2026-03-09'],
    // New York switched to EDT (UTC−4) on 2026-03-08, so the 9th starts at 04:00Z (it would be 05:00Z in EST).
    ['2026-03-09T04:00:00Z', 'America/New_York', '2026-03-09'],
    ['2026-03-09T03:59:00Z', 'America/New_York', '2026-03-08'],
    ['2026-12-31T11:00:00Z', 'Pacific/Auckland', '2027-01-01'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(localDate(new Date(instant), zone)).toBe(expected);
  });
});

describe('isOverdue (today = 2026-03-10)', () => {
  it.each<[ActionItemStatus, string | null, boolean]>([
    ['open', '2026-03-09', true],
    ['in_progress', '2026-01-01', true],
    ['open', '2026-03-10', false],
    ['open', '2026-03-11', false],
    ['open', null, false],
    ['done', '2026-03-09', false],
    ['wont_do', '2026-03-09', false],
  ])('%s due %s → %s', (status, dueDate, expected) => {
    expect(isOverdue({ status, dueDate }, '2026-03-10')).toBe(expected);
  });
});

describe('completedAtAfter', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const earlier = new Date('2026-03-05T08:00:00Z');
  const explicit = new Date('2026-03-09T17:00:00Z');

  it.each<[string, { status: ActionItemStatus; completedAt: Date | null } | null, ActionItemStatus, Date | undefined, Date | null]>([
    ['created open', null, 'open', undefined, null],
    ['created done', null, 'done', undefined, now],
    ['created done with a date', null, 'done', explicit, explicit],
    ['open → done', { status: 'open', completedAt: null }, 'done', undefined, now],
    ['in_progress → wont_do', { status: 'in_progress', completedAt: null }, 'wont_do', undefined, now],
    ['done → wont_do keeps the date', { status: 'done', completedAt: earlier }, 'wont_do', undefined, earlier],
    ['done → done with a date', { status: 'done', completedAt: earlier }, 'done', explicit, explicit],
    ['done → open clears it', { status: 'done', completedAt: earlier }, 'open', undefined, null],
    ['wont_do → in_progress clears it', { status: 'wont_do', completedAt: earlier }, 'in_progress', undefined, null],
  ])('%s', (_name, current, status, given, expected) => {
    expect(completedAtAfter(current, status, given, now)).toEqual(expected);
  });

  it('refuses an explicit completedAt on an open item, naming the field and value', () => {
    expect(() => completedAtAfter(null, 'open', explicit, now)).toThrow(RuleViolationError);
    expect(() => completedAtAfter(null, 'open', explicit, now)).toThrow(/completedAt \(2026-03-09T17:00:00.000Z\).*status is open/);
  });

  it('refuses a completedAt in the future', () => {
    expect(() => completedAtAfter(null, 'done', new Date('2026-03-11T00:00:00Z'), now)).toThrow(/in the future/);
  });
});
