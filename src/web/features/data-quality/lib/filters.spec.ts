import { apiQuery, dayOf, defaultRange, filtersFromSearch, instantOfDay, searchFromFilters, splitNames } from './filters';

const NOW = new Date('2026-12-06T11:30:00Z');

describe('data-quality filters', () => {
  it.each([
    ['2026-12-06T11:30:00Z', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    ['2026-01-31T23:59:59Z', '2025-02-01T00:00:00Z', '2026-02-01T00:00:00Z'],
    ['2027-03-01T00:00:00Z', '2026-04-01T00:00:00Z', '2027-04-01T00:00:00Z'],
  ])('defaultRange(%s) is the twelve calendar months [%s, %s)', (now, from, to) => {
    expect(defaultRange(new Date(now))).toEqual({ from, to });
  });

  it('reads the API\'s parameter names from the address, lists repeated or comma-separated', () => {
    const params = new URLSearchParams('from=2026-02-01T00:00:00%2B01:00&to=2026-03-01T00:00:00Z&severity=SEV1,SEV2&severity=SEV2&service=checkout&source=pagerduty&include=missing&tag=%20a%20');
    expect(filtersFromSearch(params, NOW)).toEqual({
      from: '2026-02-01T00:00:00+01:00', to: '2026-03-01T00:00:00Z', severity: ['SEV1', 'SEV2'], service: ['checkout'], team: [], source: ['pagerduty'],
      tag: ['a'], includeMissing: true,
    });
  });

  it('uses the default range when the address names none, and leaves missing ones out unless asked', () => {
    expect(filtersFromSearch(new URLSearchParams(''), NOW)).toMatchObject({ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', includeMissing: false });
    expect(filtersFromSearch(new URLSearchParams('include=other'), NOW).includeMissing).toBe(false);
  });

  it('writes the filters back so that reading them gives the same filters', () => {
    const filters = filtersFromSearch(new URLSearchParams('from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&team=Payments&team=Identity&include=missing'), NOW);
    const search = searchFromFilters(filters);
    expect(search.toString()).toBe('from=2026-02-01T00%3A00%3A00Z&to=2026-03-01T00%3A00%3A00Z&team=Payments&team=Identity&include=missing');
    expect(filtersFromSearch(search, NOW)).toEqual(filters);
  });

  it('asks the API with the same names, leaving empty lists out', () => {
    const filters = filtersFromSearch(new URLSearchParams('from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&severity=SEV1&include=missing'), NOW);
    expect(apiQuery(filters)).toEqual({ from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z', severity: ['SEV1'], include: ['missing'] });
  });

  it.each([
    ['2026-02-01T00:00:00Z', '2026-02-01'],
    ['2026-02-01T00:30:00+01:00', '2026-01-31'],
    ['not a date', ''],
  ])('dayOf(%s) is %p', (instant, day) => {
    expect(dayOf(instant)).toBe(day);
  });

  it.each([
    ['2026-03-05', '2026-02-01T00:00:00Z', '2026-03-05T00:00:00Z'],
    ['2026-01-31', '2026-02-01T00:30:00+01:00', '2026-02-01T00:30:00+01:00'],
    ['', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z'],
  ])('instantOfDay(%s, %s) is %s', (day, current, instant) => {
    expect(instantOfDay(day, current)).toBe(instant);
  });

  it('splits names typed with commas', () => {
    expect(splitNames(' checkout-api, search-api ,,checkout-api')).toEqual(['checkout-api', 'search-api']);
  });
});
