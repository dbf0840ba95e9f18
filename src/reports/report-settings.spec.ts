import { DEFAULT_BUSINESS_CALENDAR, type BusinessCalendar } from '../config/config.js';
import { SETTING_NAMES, settingsChanged } from './report-settings.js';

const calendar = (overrides: Partial<BusinessCalendar> = {}): BusinessCalendar => ({ ...DEFAULT_BUSINESS_CALENDAR, ...overrides });
const now = { calendar: calendar(), timeZone: 'Europe/Berlin' };

describe('settingsChanged', () => {
  it.each<[string, { calendar?: BusinessCalendar | null; timeZone?: string | null }, string[]]>([
    ['the same settings', { calendar: calendar(), timeZone: 'Europe/Berlin' }, []],
    ['the same calendar, its keys in another order (as jsonb returns them)', { calendar: Object.fromEntries(Object.entries(calendar()).reverse()) as unknown as BusinessCalendar, timeZone: 'Europe/Berlin' }, []],
    ['a holiday added', { calendar: calendar({ holidays: ['2026-12-24'] }), timeZone: 'Europe/Berlin' }, [SETTING_NAMES.calendar]],
    ['a shorter working day', { calendar: calendar({ dayEndMinute: 16 * 60 }), timeZone: 'Europe/Berlin' }, [SETTING_NAMES.calendar]],
    ['another report time zone', { calendar: calendar(), timeZone: 'UTC' }, [SETTING_NAMES.timeZone]],
    ['a report that stored no calendar', { calendar: null, timeZone: 'Europe/Berlin' }, []],
  ])('%s', (_, stored, changed) => expect(settingsChanged(stored, now)).toEqual(changed));
});
