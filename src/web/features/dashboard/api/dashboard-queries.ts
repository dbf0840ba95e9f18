import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import { DASHBOARD_METRICS, type DashboardMetric } from '../lib/dashboard-charts';
import type { MetricsQuery } from '../lib/dashboard-filters';

/**
 * The dashboard's queries: one per metrics endpoint and scope, over the typed client. Every figure on the page
 * is one of these answers as the API gave it. The previous answer stays on screen while a new filter loads.
 * Each is a queryOptions object, so the page's hooks (dashboard.ts) and `prefetchDashboard` (which the entry module
 * calls before React has loaded) share one key and one fetch. No React here: the entry module imports this file.
 */

const scoped = { placeholderData: keepPreviousData, staleTime: 60_000 } as const;
const choices = { staleTime: 5 * 60_000 } as const;

/** GET /metrics grouped by month and severity (trend lines), or ungrouped (the tiles). */
export const metricsQuery = (query: MetricsQuery | null, grouped: boolean) =>
  queryOptions({
    queryKey: ['metrics', grouped, query],
    queryFn: async () =>
      dataOf(await api.GET('/api/v1/metrics', { params: { query: { ...query!, ...(grouped ? { groupBy: ['period:month', 'severity'] } : {}) } } })),
    enabled: query !== null,
    ...scoped,
  });

export const severityTrendsQuery = (query: MetricsQuery | null) =>
  queryOptions({
    queryKey: ['metrics', 'severity-trends', query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/severity-trends', { params: { query: { ...query!, period: 'month' } } })),
    enabled: query !== null,
    ...scoped,
  });

export const slaQuery = (query: MetricsQuery | null) =>
  queryOptions({
    queryKey: ['metrics', 'sla', query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/sla', { params: { query: { ...query!, groupBy: ['period:month', 'severity'] } } })),
    enabled: query !== null,
    ...scoped,
  });

export const changesQuery = (query: MetricsQuery | null, metric: DashboardMetric) =>
  queryOptions({
    queryKey: ['metrics', 'changes', metric, query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/changes', { params: { query: { ...query!, metric, period: 'month' } } })),
    enabled: query !== null,
    ...scoped,
  });

export const startTimesQuery = (query: MetricsQuery | null) =>
  queryOptions({
    queryKey: ['metrics', 'start-times', query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/start-times', { params: { query: query! } })),
    enabled: query !== null,
    ...scoped,
  });

export const distributionQuery = (query: MetricsQuery | null, metric: DashboardMetric) =>
  queryOptions({
    queryKey: ['metrics', 'distribution', metric, query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/distribution', { params: { query: { ...query!, metric } } })),
    enabled: query !== null,
    ...scoped,
  });

/** The filter choices: severity levels (rank order gives the colours), teams and services. */
export const severityLevelsQuery = () =>
  queryOptions({ queryKey: ['severity-levels'], queryFn: async () => dataOf(await api.GET('/api/v1/severity-levels')), ...choices });

export const teamsQuery = () => queryOptions({ queryKey: ['teams'], queryFn: async () => dataOf(await api.GET('/api/v1/teams')), ...choices });

export const servicesQuery = () => queryOptions({ queryKey: ['services'], queryFn: async () => dataOf(await api.GET('/api/v1/services')), ...choices });

/**
 * Every query the dashboard makes for `query`, started now without waiting for the page to render (the page's
 * hooks then find them in flight or answered). Called by the entry module when the app opens on the dashboard.
 */
export function prefetchDashboard(client: QueryClient, query: MetricsQuery): void {
  // In this order: the browser sends at most six requests at a time to one host, and the rest wait for a free
  // connection. The short lists first (every chart needs the severity levels), then the charts' figures, then the
  // month-over-month changes that only the tiles' labels need.
  const all = [
    severityLevelsQuery(), teamsQuery(), servicesQuery(),
    metricsQuery(query, false), severityTrendsQuery(query), metricsQuery(query, true), slaQuery(query), distributionQuery(query, 'ttr'), startTimesQuery(query),
    ...DASHBOARD_METRICS.map((metric) => changesQuery(query, metric)),
  ];
  for (const options of all) void client.prefetchQuery(options as Parameters<QueryClient['prefetchQuery']>[0]);
}
