import { QueryClient } from '@tanstack/react-query';
import { SESSION_KEY } from '../api/session';
import { parseFilters, toMetricsQuery } from '../features/dashboard/lib/dashboard-filters';
import { startFirstQueries } from './first-queries';

/** A browser's localStorage, enough for the remembered report time zone. */
function storage(entries: Record<string, string>) {
  const values = new Map(Object.entries(entries));
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
}

describe('startFirstQueries', () => {
  let client: QueryClient;
  const keys = () => client.getQueryCache().getAll().map((query) => query.queryKey);
  const open = (pathname: string, search = '') => startFirstQueries(client, { pathname, search });

  beforeEach(() => {
    // No retries: the requests themselves fail here (no server behind a relative URL), only their keys matter.
    client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    Object.assign(globalThis, { localStorage: storage({ 'hindsight.reportTimeZone': 'Europe/Berlin' }) });
  });
  afterEach(() => {
    client.clear();
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('starts the session and, on the dashboard, every query of the view in the URL with the keys the page uses', () => {
    open('/dashboard', '?from=2026-01&to=2026-03&severity=SEV1');
    const query = toMetricsQuery(parseFilters(new URLSearchParams('from=2026-01&to=2026-03&severity=SEV1'), new Date(), 'Europe/Berlin'), 'Europe/Berlin');
    expect(query).toEqual({ from: '2025-12-31T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z', severity: ['SEV1'] });
    expect(keys()).toEqual([
      [...SESSION_KEY], ['severity-levels'], ['teams'], ['services'],
      ['metrics', false, query], ['metrics', 'severity-trends', query], ['metrics', true, query], ['metrics', 'sla', query],
      ['metrics', 'distribution', 'ttr', query], ['metrics', 'start-times', query],
      ['metrics', 'changes', 'ttd', query], ['metrics', 'changes', 'tta', query], ['metrics', 'changes', 'ttm', query], ['metrics', 'changes', 'ttr', query],
    ]);
  });

  it('treats / as the dashboard with no filters (the redirect drops the query string)', () => {
    open('/', '?severity=SEV1');
    const query = toMetricsQuery(parseFilters(new URLSearchParams(), new Date(), 'Europe/Berlin'), 'Europe/Berlin');
    expect(keys()).toContainEqual(['metrics', false, query]);
    expect(keys()).toHaveLength(14);
  });

  it('starts only the session on other pages, and on the dashboard before this browser has seen a report time zone', () => {
    open('/incidents', '?severity=SEV1');
    expect(keys()).toEqual([[...SESSION_KEY]]);
    client.clear();
    delete (globalThis as { localStorage?: unknown }).localStorage;
    open('/dashboard');
    expect(keys()).toEqual([[...SESSION_KEY]]);
  });
});
