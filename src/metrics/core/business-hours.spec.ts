import type { BusinessCalendar } from '../../config/config.js';
import fc from 'fast-check';
import { addBusinessSeconds, businessSecondsBetween, isBusinessTime } from './business-hours.js';

const HOUR = 3600;
const at = (iso: string) => new Date(iso);

/** Mon–Fri 09:00–17:00 in Berlin, with Good Friday and Easter Monday 2026 off. */
const berlin: BusinessCalendar = {
  workingDays: [1, 2, 3, 4, 5],
  dayStartMinute: 9 * 60,
  dayEndMinute: 17 * 60,
  timeZone: 'Europe/Berlin',
  holidays: ['2026-04-03', '2026-04-06'],
};
/** Mon–Fri 09:00–17:00 in New York, with the observed Independence Day 2026 off. */
const newYork: BusinessCalendar = { ...berlin, timeZone: 'America/New_York', holidays: ['2026-07-03'] };
/** Sunday–Thursday 08:00–17:00 in Israel (its DST starts on a Friday: 2026-03-27 02:00). */
const jerusalem: BusinessCalendar = { workingDays: [7, 1, 2, 3, 4], dayStartMinute: 8 * 60, dayEndMinute: 17 * 60, timeZone: 'Asia/Jerusalem', holidays: [] };
/** Every day, the given local hours: to put a DST change on a working day, inside or outside the window. */
const everyDay = (timeZone: string, dayStartMinute: number, dayEndMinute: number): BusinessCalendar => ({
  workingDays: [1, 2, 3, 4, 5, 6, 7], dayStartMinute, dayEndMinute, timeZone, holidays: [],
});

describe('businessSecondsBetween', () => {
  // 2026-03-02 is a Monday; Berlin is +01 until 2026-03-29, +02 after; New York −05 until 2026-03-08, −04 after.
  it.each<[string, BusinessCalendar, string, string, number]>([
    ['same day, inside hours (Mon 10:00–12:30)', berlin, '2026-03-02T09:00:00Z', '2026-03-02T11:30:00Z', 2.5 * HOUR],
    ['starts before hours (Mon 07:00–10:00)', berlin, '2026-03-02T06:00:00Z', '2026-03-02T09:00:00Z', 1 * HOUR],
    ['ends after hours (Mon 16:00–20:00)', berlin, '2026-03-02T15:00:00Z', '2026-03-02T19:00:00Z', 1 * HOUR],
    ['entirely after hours (Mon 18:00–23:00)', berlin, '2026-03-02T17:00:00Z', '2026-03-02T22:00:00Z', 0],
    ['exactly the working day (Mon 09:00–17:00)', berlin, '2026-03-02T08:00:00Z', '2026-03-02T16:00:00Z', 8 * HOUR],
    ['overnight (Mon 16:00 – Tue 10:00)', berlin, '2026-03-02T15:00:00Z', '2026-03-03T09:00:00Z', 2 * HOUR],
    ['across a weekend (Fri 16:00 – Mon 10:00)', berlin, '2026-03-06T15:00:00Z', '2026-03-09T09:00:00Z', 2 * HOUR],
    ['inside a weekend (Sat 10:00 – Sun 18:00)', berlin, '2026-03-07T09:00:00Z', '2026-03-08T17:00:00Z', 0],
    ['a whole local week (Mon 00:00 – Mon 00:00)', berlin, '2026-03-01T23:00:00Z', '2026-03-08T23:00:00Z', 40 * HOUR],
    ['three weeks (Mon 03-02 09:00 – Fri 03-20 17:00)', berlin, '2026-03-02T08:00:00Z', '2026-03-20T16:00:00Z', 15 * 8 * HOUR],
    ['a year of weeks (2026-01-05 Mon 00:00 – 2027-01-04 Mon 00:00, two holidays)', berlin, '2026-01-04T23:00:00Z', '2027-01-03T23:00:00Z', (52 * 5 - 2) * 8 * HOUR],
    ['across Easter (Thu 16:00 – Tue 10:00, Good Friday and Easter Monday off)', berlin, '2026-04-02T14:00:00Z', '2026-04-07T08:00:00Z', 2 * HOUR],
    ['on a holiday (Good Friday 00:00–24:00)', berlin, '2026-04-02T22:00:00Z', '2026-04-03T22:00:00Z', 0],
    ['milliseconds are kept', berlin, '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.500Z', 0.5],
    ['holiday in another zone’s calendar is a working day here (Fri 2026-04-03 in New York)', newYork, '2026-04-03T04:00:00Z', '2026-04-04T04:00:00Z', 8 * HOUR],
    ['New York holiday (Fri 2026-07-03)', newYork, '2026-07-02T20:00:00Z', '2026-07-06T14:00:00Z', 1 * HOUR + 1 * HOUR],
    // DST weekends: the change (Sunday 02:00) is outside working days, so only local hours count.
    ['Berlin spring-forward weekend (Fri 16:00 CET – Mon 10:00 CEST)', berlin, '2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z', 2 * HOUR],
    ['Berlin week with spring-forward (Mon 00:00 – Mon 00:00)', berlin, '2026-03-22T23:00:00Z', '2026-03-29T22:00:00Z', 40 * HOUR],
    ['Berlin fall-back weekend (Fri 16:00 CEST – Mon 10:00 CET)', berlin, '2026-10-23T14:00:00Z', '2026-10-26T09:00:00Z', 2 * HOUR],
    ['New York spring-forward weekend (Fri 16:00 EST – Mon 10:00 EDT)', newYork, '2026-03-06T21:00:00Z', '2026-03-09T14:00:00Z', 2 * HOUR],
    ['New York fall-back weekend (Fri 16:00 EDT – Mon 10:00 EST)', newYork, '2026-10-30T20:00:00Z', '2026-11-02T15:00:00Z', 2 * HOUR],
    // DST change on a working day, outside working hours: still the local 8 h.
    ['Berlin spring-forward Sunday, 09–17 every day', everyDay('Europe/Berlin', 540, 1020), '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 8 * HOUR],
    ['Berlin fall-back Sunday, 09–17 every day', everyDay('Europe/Berlin', 540, 1020), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 8 * HOUR],
    ['New York spring-forward Sunday, 09–17 every day', everyDay('America/New_York', 540, 1020), '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 8 * HOUR],
    ['New York fall-back Sunday, 09–17 every day', everyDay('America/New_York', 540, 1020), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 8 * HOUR],
    // DST change inside working hours: the real elapsed time.
    ['Berlin spring-forward day, 00:00–24:00 (23 h)', everyDay('Europe/Berlin', 0, 1440), '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23 * HOUR],
    ['Berlin fall-back day, 00:00–24:00 (25 h)', everyDay('Europe/Berlin', 0, 1440), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25 * HOUR],
    ['Berlin spring-forward day, 01:00–05:00 (3 h)', everyDay('Europe/Berlin', 60, 300), '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 3 * HOUR],
    ['Berlin fall-back day, 01:00–05:00 (5 h)', everyDay('Europe/Berlin', 60, 300), '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 5 * HOUR],
    ['New York spring-forward day, 00:00–24:00 (23 h)', everyDay('America/New_York', 0, 1440), '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23 * HOUR],
    ['New York fall-back day, 00:00–24:00 (25 h)', everyDay('America/New_York', 0, 1440), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25 * HOUR],
    // Window edges at wall-clock times the change skips or repeats.
    ['skipped start 02:30 moves to 03:30 (Berlin spring-forward, 02:30–10:00 = 6.5 h)', everyDay('Europe/Berlin', 150, 600), '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 6.5 * HOUR],
    ['repeated start 01:30 is the earlier one (New York fall-back, 01:30–03:00 = 2.5 h)', everyDay('America/New_York', 90, 180), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 2.5 * HOUR],
    // Sunday–Thursday week.
    ['Sun–Thu: across the Fri–Sat weekend and Israel’s Friday DST change (Thu 16:00 – Sun 09:00)', jerusalem, '2026-03-26T14:00:00Z', '2026-03-29T06:00:00Z', 2 * HOUR],
    ['Sun–Thu: a whole local week (Sun 00:00 – Sun 00:00)', jerusalem, '2026-02-28T22:00:00Z', '2026-03-07T22:00:00Z', 5 * 9 * HOUR],
    ['Sun–Thu: Friday and Saturday count nothing', jerusalem, '2026-03-05T22:00:00Z', '2026-03-07T22:00:00Z', 0],
    ['Sun–Thu: Sunday is a working day', jerusalem, '2026-03-07T22:00:00Z', '2026-03-08T22:00:00Z', 9 * HOUR],
    ['empty interval', berlin, '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z', 0],
  ])('%s', (_name, calendar, from, to, expected) => {
    expect(businessSecondsBetween(at(from), at(to), calendar)).toBe(expected);
  });

  it.each<[string, string]>([
    ['2026-03-02T15:00:00Z', '2026-03-03T09:00:00Z'],
    ['2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z'],
    ['2026-04-02T14:00:00Z', '2026-04-07T08:00:00Z'],
  ])('from > to is the negative of to → from (%s, %s)', (earlier, later) => {
    const forward = businessSecondsBetween(at(earlier), at(later), berlin);
    expect(forward).toBeGreaterThan(0);
    expect(businessSecondsBetween(at(later), at(earlier), berlin)).toBe(-forward);
  });

  it.each<[string, BusinessCalendar, RegExp]>([
    ['no working days', { ...berlin, workingDays: [] }, /workingDays/],
    ['weekday 0', { ...berlin, workingDays: [0, 1] }, /workingDays/],
    ['start after end', { ...berlin, dayStartMinute: 1020, dayEndMinute: 540 }, /dayStartMinute/],
    ['end past midnight', { ...berlin, dayEndMinute: 1441 }, /dayStartMinute/],
    ['unknown zone', { ...berlin, timeZone: 'Europe/Atlantis' }, /time zone/],
  ])('refuses a calendar with %s', (_name, calendar, message) => {
    expect(() => businessSecondsBetween(at('2026-03-02T00:00:00Z'), at('2026-03-03T00:00:00Z'), calendar)).toThrow(message);
    expect(() => addBusinessSeconds(at('2026-03-02T00:00:00Z'), HOUR, calendar)).toThrow(message);
  });

  it('refuses an invalid instant', () => {
    expect(() => businessSecondsBetween(at('nope'), at('2026-03-03T00:00:00Z'), berlin)).toThrow(/from is not a valid instant/);
  });
});

describe('addBusinessSeconds', () => {
  it.each<[string, BusinessCalendar, string, number, string]>([
    ['within the day (Mon 10:00 + 2 h)', berlin, '2026-03-02T09:00:00Z', 2 * HOUR, '2026-03-02T11:00:00.000Z'],
    ['runs out exactly at 17:00: that is the deadline, not the next morning', berlin, '2026-03-02T15:00:00Z', 1 * HOUR, '2026-03-02T16:00:00.000Z'],
    ['overnight (Mon 16:00 + 2 h = Tue 10:00)', berlin, '2026-03-02T15:00:00Z', 2 * HOUR, '2026-03-03T09:00:00.000Z'],
    ['from the evening (Mon 20:00 + 1 h = Tue 10:00)', berlin, '2026-03-02T19:00:00Z', 1 * HOUR, '2026-03-03T09:00:00.000Z'],
    ['from the weekend (Sat + 1 h = Mon 10:00)', berlin, '2026-03-07T12:00:00Z', 1 * HOUR, '2026-03-09T09:00:00.000Z'],
    ['zero is the start itself, even outside hours', berlin, '2026-03-07T12:00:00Z', 0, '2026-03-07T12:00:00.000Z'],
    ['retro due in 48 business hours (Mon 12:00 → Tue of next week 12:00)', berlin, '2026-03-02T11:00:00Z', 48 * HOUR, '2026-03-10T11:00:00.000Z'],
    ['across Easter (Thu 16:00 + 2 h = Tue 10:00 CEST)', berlin, '2026-04-02T14:00:00Z', 2 * HOUR, '2026-04-07T08:00:00.000Z'],
    ['across Berlin spring-forward (Fri 16:00 CET + 2 h = Mon 10:00 CEST)', berlin, '2026-03-27T15:00:00Z', 2 * HOUR, '2026-03-30T08:00:00.000Z'],
    ['across New York fall-back (Fri 16:00 EDT + 2 h = Mon 10:00 EST)', newYork, '2026-10-30T20:00:00Z', 2 * HOUR, '2026-11-02T15:00:00.000Z'],
    ['across a 23 h working day, 24 h later is 01:00 the next local day (Berlin, 00–24 every day)', everyDay('Europe/Berlin', 0, 1440), '2026-03-28T23:00:00Z', 24 * HOUR, '2026-03-29T23:00:00.000Z'],
    ['Sun–Thu (Thu 16:00 + 2 h = Sun 09:00 IDT)', jerusalem, '2026-03-26T14:00:00Z', 2 * HOUR, '2026-03-29T06:00:00.000Z'],
    ['fractional seconds', berlin, '2026-03-02T09:00:00Z', 0.25, '2026-03-02T09:00:00.250Z'],
  ])('%s', (_name, calendar, from, seconds, expected) => {
    expect(addBusinessSeconds(at(from), seconds, calendar).toISOString()).toBe(expected);
  });

  it.each<[BusinessCalendar, string]>([
    [berlin, '2026-03-02T15:30:00Z'],
    [berlin, '2026-03-27T20:00:00Z'],
    [newYork, '2026-10-29T12:00:00Z'],
    [jerusalem, '2026-03-25T10:00:00Z'],
    [everyDay('America/New_York', 60, 180), '2026-10-31T12:00:00Z'],
  ])('is the earliest instant reaching the count, for many durations (%#)', (calendar, from) => {
    for (let seconds = 600; seconds <= 120 * HOUR; seconds += 7 * 600 + 13) {
      const deadline = addBusinessSeconds(at(from), seconds, calendar);
      expect(businessSecondsBetween(at(from), deadline, calendar)).toBe(seconds);
      expect(businessSecondsBetween(at(from), new Date(deadline.getTime() - 1), calendar)).toBeLessThan(seconds);
    }
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p seconds', (seconds) => {
    expect(() => addBusinessSeconds(at('2026-03-02T09:00:00Z'), seconds, berlin)).toThrow(/seconds must be/);
  });
});

describe('isBusinessTime', () => {
  // Berlin is +01 until 2026-03-29, +02 after.
  it.each<[string, BusinessCalendar, string, boolean]>([
    ['Monday 10:00 Berlin', berlin, '2026-03-02T09:00:00Z', true],
    ['the window opens at 09:00 (inclusive)', berlin, '2026-03-02T08:00:00Z', true],
    ['a millisecond before it opens', berlin, '2026-03-02T07:59:59.999Z', false],
    ['the window closes at 17:00 (exclusive)', berlin, '2026-03-02T16:00:00Z', false],
    ['a Saturday afternoon', berlin, '2026-03-07T13:00:00Z', false],
    ['Good Friday, a holiday', berlin, '2026-04-03T10:00:00Z', false],
    ['10:00 local on the first Monday of summer time', berlin, '2026-03-30T08:00:00Z', true],
    ['08:30 local then, 07:30 UTC', berlin, '2026-03-30T06:30:00Z', false],
    ['Sunday in Jerusalem is a working day', jerusalem, '2026-03-01T08:00:00Z', true],
    ['Friday in Jerusalem is not', jerusalem, '2026-03-06T08:00:00Z', false],
  ])('%s', (_name, calendar, instant, expected) => {
    expect(isBusinessTime(at(instant), calendar)).toBe(expected);
  });

  it('agrees with businessSecondsBetween: an instant is working time when the millisecond from it counts', () => {
    fc.assert(fc.property(
      fc.constantFrom(berlin, newYork, jerusalem, everyDay('Europe/Berlin', 0, 24 * 60), everyDay('America/New_York', 90, 150)),
      fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
      (calendar, ms) => isBusinessTime(new Date(ms), calendar) === (businessSecondsBetween(new Date(ms), new Date(ms + 1), calendar) > 0),
    ), { numRuns: 2000 });
  });
});

