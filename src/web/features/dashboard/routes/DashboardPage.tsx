import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { useChanges, useMetrics, useReportTimeZone, useStartTimes } from '../api/dashboard';
import { DashboardCharts, rangeWords } from '../components/DashboardCharts';
import { DashboardFilters } from '../components/DashboardFilters';
import { HeadlineTiles } from '../components/HeadlineTiles';
import { latestChange } from '../lib/dashboard-charts';
import { filtersToSearch, parseFilters, toMetricsQuery } from '../lib/dashboard-filters';
import '../dashboard.css';

/** How fast incidents are detected, acknowledged, mitigated and resolved, month by month, with the filters in the URL. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const zone = useReportTimeZone();
  const search = params.toString();
  const filters = useMemo(() => (zone.data ? parseFilters(new URLSearchParams(search), new Date(), zone.data) : null), [search, zone.data]);
  const query = useMemo(() => (filters && zone.data ? toMetricsQuery(filters, zone.data) : null), [filters, zone.data]);

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
      {zone.isError && <Alert tone="error">Could not load the dashboard: {zone.error.message}</Alert>}
      {zone.isPending && <p role="status">Loading…</p>}
      {filters && zone.data && query && (
        <>
          <DashboardFilters
            filters={filters}
            timeZone={zone.data}
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
