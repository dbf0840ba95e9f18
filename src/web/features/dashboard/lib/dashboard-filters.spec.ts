import { addMonths, dataQualityHref, filtersToSearch, monthOf, monthStart, parseFilters, toMetricsQuery } from './dashboard-filters';

describe('month arithmetic in a time zone', () => {
  it.each([
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-11', -11, '2025-12'],
    ['2026-03', 0, '2026-03'],
  ])('%s + %i months is %s', (month, count, result) => {
    expect(addMonths(month, count)).toBe(result);
  });

  it.each([
    ['2026-03', 'Europe/Berlin', '2026-02-28T23:00:00.000Z'],
    ['2026-04', 'Europe/Berlin', '2026-03-31T22:00:00.000Z'],
    ['2026-11', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-01', 'UTC', '2026-01-01T00:00:00.000Z'],
    ['2026-10', 'Asia/Kolkata', '2026-09-30T18:30:00.000Z'],
  ])('%s starts in %s at %s', (month, zone, instant) => {
    expect(monthStart(month, zone)).toBe(instant);
  });

  it('reads the month of an instant in the zone, not in UTC', () => {
    expect(monthOf(new Date('2026-02-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03');
    expect(monthOf(new Date('2026-02-28T23:30:00Z'), 'UTC')).toBe('2026-02');
  });
});

describe('parseFilters', () => {
  const now = new Date('2026-12-06T11:00:00Z');

  it('defaults to the current month and the eleven before it, no filter set', () => {
    expect(parseFilters(new URLSearchParams(''), now, 'Europe/Berlin')).toEqual({ from: '2026-01', to: '2026-12', severity: '', service: '', team: '', source: '' });
  });

  it.each([
    ['from=2026-03&to=2026-05', { from: '2026-03', to: '2026-05' }],
    ['from=2026-05&to=2026-03', { from: '2026-03', to: '2026-05' }],
    ['from=2026-13&to=x', { from: '2026-01', to: '2026-12' }],
    ['to=2026-06', { from: '2025-07', to: '2026-06' }],
    ['severity=SEV1&service=Checkout&team=Payments&source=pagerduty', { severity: 'SEV1', service: 'Checkout', team: 'Payments', source: 'pagerduty' }],
  ])('%s', (query, expected) => {
    expect(parseFilters(new URLSearchParams(query), now, 'UTC')).toMatchObject(expected);
  });

  it('round-trips through the URL', () => {
    const filters = { from: '2026-02', to: '2026-07', severity: 'SEV2', service: '', team: 'Core & Edge', source: '' };
    expect(filtersToSearch(filters).toString()).toBe('from=2026-02&to=2026-07&severity=SEV2&team=Core+%26+Edge');
    expect(parseFilters(filtersToSearch(filters), now, 'UTC')).toEqual(filters);
  });
});

describe('toMetricsQuery and dataQualityHref', () => {
  const filters = { from: '2026-01', to: '2026-03', severity: 'SEV1', service: '', team: '', source: 'statuspage' };

  it('asks the API for [first month start, start of the month after the last) in the zone, with the set filters only', () => {
    expect(toMetricsQuery(filters, 'Europe/Berlin')).toEqual({
      from: '2025-12-31T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z', severity: ['SEV1'], source: ['statuspage'],
    });
  });

  it('links to the data-quality list of the same scope, by the API\'s parameter names', () => {
    const href = dataQualityHref(toMetricsQuery(filters, 'UTC'), { includeMissing: true });
    expect(href).toBe('/data-quality?from=2026-01-01T00%3A00%3A00.000Z&to=2026-04-01T00%3A00%3A00.000Z&severity=SEV1&source=statuspage&include=missing');
  });
});
