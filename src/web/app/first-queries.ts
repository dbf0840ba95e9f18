import type { QueryClient } from '@tanstack/react-query';
import { rememberedReportZone, sessionQuery } from '../api/session';
import { prefetchDashboard } from '../features/dashboard/api/dashboard-queries';
import { parseFilters, toMetricsQuery } from '../features/dashboard/lib/dashboard-filters';
import { HOME } from './navigation';

/**
 * The queries the page being opened will make, started before React has loaded: the session (every page behind
 * sign-in asks for it), and on the dashboard every figure of the view in the URL. The dashboard's months are cut
 * in the report time zone, which comes with the session; this browser's last-seen zone stands in for it, and
 * without one (a first visit) the dashboard waits for the session as before. A wrong guess costs only wasted
 * requests: the page asks again with the session's zone, under other query keys.
 */
export function startFirstQueries(client: QueryClient, location: Pick<Location, 'pathname' | 'search'>): void {
  void client.prefetchQuery(sessionQuery);
  // "/" redirects to the home page, dropping its query string.
  const search = location.pathname === DASHBOARD ? location.search : location.pathname === '/' && HOME === DASHBOARD ? '' : null;
  const zone = search === null ? null : rememberedReportZone();
  if (search !== null && zone) prefetchDashboard(client, toMetricsQuery(parseFilters(new URLSearchParams(search), new Date(), zone), zone));
}

const DASHBOARD = '/dashboard';
