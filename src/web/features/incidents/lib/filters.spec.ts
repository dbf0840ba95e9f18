import { activeFilterCount, DEFAULT_PAGE_SIZE, filtersToParams, filtersToQuery, parseFilters } from './filters';

describe('incident list filters in the URL', () => {
  it('reads every filter, lists comma-separated or repeated, and writes them back the same', () => {
    const url = 'q=checkout&status=active,resolved&severity=SEV1&severity=SEV2&service=payments-api&team=Payments&source=statuspage&from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z&limit=50';
    const filters = parseFilters(new URLSearchParams(url));
    expect(filters).toEqual({
      q: 'checkout', status: ['active', 'resolved'], severity: ['SEV1', 'SEV2'], service: ['payments-api'], team: ['Payments'], source: ['statuspage'],
      from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', limit: 50,
    });
    expect(parseFilters(filtersToParams(filters))).toEqual(filters);
    expect(activeFilterCount(filters)).toBe(10);
  });

  it('writes several values of a list as one parameter each, and reads them back the same', () => {
    const filters = parseFilters(new URLSearchParams('severity=SEV1,SEV3&service=payments-api&service=search-api&team=Payments&team=Search&status=active&status=mitigated&source=hindsight,statuspage'));
    expect(filters).toMatchObject({
      severity: ['SEV1', 'SEV3'], service: ['payments-api', 'search-api'], team: ['Payments', 'Search'], status: ['active', 'mitigated'], source: ['hindsight', 'statuspage'],
    });
    const params = filtersToParams(filters);
    expect(params.toString()).toBe(
      'status=active&status=mitigated&severity=SEV1&severity=SEV3&service=payments-api&service=search-api&team=Payments&team=Search&source=hindsight&source=statuspage',
    );
    expect(parseFilters(params)).toEqual(filters);
    expect(filtersToQuery(filters, null)).toMatchObject({ severity: ['SEV1', 'SEV3'], service: ['payments-api', 'search-api'], team: ['Payments', 'Search'] });
    expect(activeFilterCount(filters)).toBe(10);
  });

  it.each([
    ['status=bogus', { status: [] }],
    ['limit=7', { limit: DEFAULT_PAGE_SIZE }],
    ['from=yesterday', { from: null }],
    ['q=%20%20', { q: '' }],
  ])('ignores what the API would refuse: %s', (url, expected) => {
    expect(parseFilters(new URLSearchParams(url))).toMatchObject(expected);
  });

  it('leaves empty filters and the default page size out of the URL and the query', () => {
    const filters = parseFilters(new URLSearchParams(''));
    expect(filtersToParams(filters).toString()).toBe('');
    expect(filtersToQuery(filters, null)).toEqual({ limit: DEFAULT_PAGE_SIZE });
    expect(filtersToQuery({ ...filters, severity: ['SEV1'] }, 'abc')).toEqual({ limit: DEFAULT_PAGE_SIZE, cursor: 'abc', severity: ['SEV1'] });
  });
});
