import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { useSession } from '../../../api/use-session';
import { useChanges, useMetrics, useStartTimes } from '../api/dashboard';
import { DashboardCharts, rangeWords } from '../components/DashboardCharts';
import { DashboardFilters } from '../components/DashboardFilters';
import { HeadlineTiles } from '../components/HeadlineTiles';
import { latestChange } from '../lib/dashboard-charts';
import { filtersToSearch, parseFilters, toMetricsQuery } from '../lib/dashboard-filters';
import '../dashboard.css';

/** How fast incidents are detected, acknowledged, mitigated and resolved, month by month, with the filters in the URL. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  // The report time zone the months are cut in comes with the session, which the app shell has before any page.
  const session = useSession();
  const zone = session.data?.reportTimeZone;
  const search = params.toString();
  const filters = useMemo(() => (zone ? parseFilters(new URLSearchParams(search), new Date(), zone) : null), [search, zone]);
  const query = useMemo(() => (filters && zone ? toMetricsQuery(filters, zone) : null), [filters, zone]);

  const summary = useMetrics(query, false);
  const startTimes = useStartTimes(query);
  const ttd = useChanges(query, 'ttd');
  const tta = useChanges(query, 'tta');
  const ttm = useChanges(query, 'ttm');
  const ttr = useChanges(query, 'ttr');
  const now = new Date();
  const change = (q: typeof ttd) => (q.data && query ? latestChange(q.data, query.to, now) : undefined);

  return (
    <>
      <PageTitle title="Dashboard">Incident dashboard</PageTitle>
      <p className="lead">
        How long incidents take to detect, acknowledge, mitigate and resolve, month by month. Every figure is the metrics API&rsquo;s, with
        its n; what a figure leaves out is listed under data quality.
      </p>
      {session.isError && <Alert tone="error">Could not load the dashboard: {session.error.message}</Alert>}
      {session.isPending && <p role="status">Loading…</p>}
      {filters && zone && query && (
        <>
          <DashboardFilters
            filters={filters}
            timeZone={zone}
            onApply={(next) => setParams(filtersToSearch(next))}
            onReset={() => setParams(new URLSearchParams())}
          />
          <p className="dashboard-range" role="status">
            Showing {rangeWords(filters.from, filters.to)}
            {[filters.severity, filters.service, filters.team, filters.source].some(Boolean) && (
              <> · {[filters.severity, filters.service, filters.team, filters.source].filter(Boolean).join(' · ')}</>
            )}
          </p>
          {summary.isError && <Alert tone="error">Could not load the figures: {summary.error.message}</Alert>}
          {summary.data ? (
            <HeadlineTiles summary={summary.data} startTimes={startTimes.data} changes={{ ttd: change(ttd), tta: change(tta), ttm: change(ttm), ttr: change(ttr) }} />
          ) : (
            !summary.isError && <p role="status">Loading the headline figures…</p>
          )}
          <DashboardCharts query={query} range={rangeWords(filters.from, filters.to)} summary={summary.data} />
        </>
      )}
    </>
  );
}
