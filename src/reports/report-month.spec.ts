import { InvalidInputError } from '../common/errors.js';
import { isReportMonth, previousMonth, reportMonths, shortMonthLabel } from './report-month.js';

describe('reportMonths', () => {
  it('cuts October 2026 in Berlin at local midnight, DST-correct, with September and October 2025', () => {
    const months = reportMonths('2026-10', 'Europe/Berlin');
    expect(months.current).toEqual({ month: '2026-10', label: 'October 2026', from: new Date('2026-09-30T22:00:00Z'), to: new Date('2026-10-31T23:00:00Z') });
    expect(months.previous).toMatchObject({ month: '2026-09', from: new Date('2026-08-31T22:00:00Z'), to: new Date('2026-09-30T22:00:00Z') });
    expect(months.lastYear).toMatchObject({ month: '2025-10', label: 'October 2025', from: new Date('2025-09-30T22:00:00Z') });
    expect(months.trendFrom).toEqual(new Date('2025-10-31T23:00:00Z'));
  });

  it.each([
    ['2026-01', 'UTC', '2025-12', '2025-01'],
    ['2026-03', 'America/New_York', '2026-02', '2025-03'],
  ])('%s in %s follows %s and compares with %s', (month, zone, previous, lastYear) => {
    const months = reportMonths(month, zone);
    expect([months.previous.month, months.lastYear.month]).toEqual([previous, lastYear]);
  });

  it.each(['2026-13', '2026-1', '26-10', '2026-10-01', '', 'October', '1969-12'])('refuses %j, naming month', (month) => {
    expect(() => reportMonths(month, 'UTC')).toThrow(InvalidInputError);
    expect(() => reportMonths(month, 'UTC')).toThrow(/^month: /);
    expect(isReportMonth(month)).toBe(false);
  });

  it('names the last month as the scheduled report sees it, in the zone', () => {
    expect(previousMonth(new Date('2026-11-01T05:00:00Z'), 'Europe/Berlin')).toBe('2026-10');
    expect(previousMonth(new Date('2026-10-31T23:30:00Z'), 'Europe/Berlin')).toBe('2026-10');
    expect(previousMonth(new Date('2026-10-31T23:30:00Z'), 'UTC')).toBe('2026-09');
  });

  it('labels axis months briefly', () => {
    expect(shortMonthLabel('2026-10')).toBe('Oct 2026');
  });
});
