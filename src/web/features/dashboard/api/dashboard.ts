import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import type { DashboardMetric } from '../lib/dashboard-charts';
import type { MetricsQuery } from '../lib/dashboard-filters';

/**
 * The dashboard's queries: one per metrics endpoint and scope, over the typed client. Every figure on the page
 * is one of these answers as the API gave it. The previous answer stays on screen while a new filter loads.
 */

const scoped = { placeholderData: keepPreviousData, staleTime: 60_000 } as const;

/** GET /metrics grouped by month and severity (trend lines), or ungrouped (the tiles). */
export function useMetrics(query: MetricsQuery | null, grouped: boolean) {
  return useQuery({
    queryKey: ['metrics', grouped, query],
    queryFn: async () =>
      dataOf(await api.GET('/api/v1/metrics', { params: { query: { ...query!, ...(grouped ? { groupBy: ['period:month', 'severity'] } : {}) } } })),
    enabled: query !== null,
    ...scoped,
  });
}

export function useSeverityTrends(query: MetricsQuery | null) {
  return useQuery({
    queryKey: ['metrics', 'severity-trends', query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/severity-trends', { params: { query: { ...query!, period: 'month' } } })),
    enabled: query !== null,
    ...scoped,
  });
}

export function useSla(query: MetricsQuery | null) {
  return useQuery({
    queryKey: ['metrics', 'sla', query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/sla', { params: { query: { ...query!, groupBy: ['period:month', 'severity'] } } })),
    enabled: query !== null,
    ...scoped,
  });
}

export function useChanges(query: MetricsQuery | null, metric: DashboardMetric) {
  return useQuery({
    queryKey: ['metrics', 'changes', metric, query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/changes', { params: { query: { ...query!, metric, period: 'month' } } })),
    enabled: query !== null,
    ...scoped,
  });
}

export function useStartTimes(query: MetricsQuery | null) {
  return useQuery({
    queryKey: ['metrics', 'start-times', query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/start-times', { params: { query: query! } })),
    enabled: query !== null,
    ...scoped,
  });
}

export function useDistribution(query: MetricsQuery | null, metric: DashboardMetric) {
  return useQuery({
    queryKey: ['metrics', 'distribution', metric, query],
    queryFn: async () => dataOf(await api.GET('/api/v1/metrics/distribution', { params: { query: { ...query!, metric } } })),
    enabled: query !== null,
    ...scoped,
  });
}

/** The filter choices: severity levels (rank order gives the colours), teams and services. */
export function useSeverityLevels() {
  return useQuery({ queryKey: ['severity-levels'], queryFn: async () => dataOf(await api.GET('/api/v1/severity-levels')), staleTime: 5 * 60_000 });
}

export function useTeams() {
  return useQuery({ queryKey: ['teams'], queryFn: async () => dataOf(await api.GET('/api/v1/teams')), staleTime: 5 * 60_000 });
}

export function useServices() {
  return useQuery({ queryKey: ['services'], queryFn: async () => dataOf(await api.GET('/api/v1/services')), staleTime: 5 * 60_000 });
}
