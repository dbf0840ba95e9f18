import { useQuery } from '@tanstack/react-query';
import type { DashboardMetric } from '../lib/dashboard-charts';
import type { MetricsQuery } from '../lib/dashboard-filters';
import {
  changesQuery, distributionQuery, metricsQuery, servicesQuery, severityLevelsQuery, severityTrendsQuery, slaQuery, startTimesQuery, teamsQuery,
} from './dashboard-queries';

/** The dashboard's queries as hooks, over the shared options in dashboard-queries.ts. */
export const useMetrics = (query: MetricsQuery | null, grouped: boolean) => useQuery(metricsQuery(query, grouped));
export const useSeverityTrends = (query: MetricsQuery | null) => useQuery(severityTrendsQuery(query));
export const useSla = (query: MetricsQuery | null) => useQuery(slaQuery(query));
export const useChanges = (query: MetricsQuery | null, metric: DashboardMetric) => useQuery(changesQuery(query, metric));
export const useStartTimes = (query: MetricsQuery | null) => useQuery(startTimesQuery(query));
export const useDistribution = (query: MetricsQuery | null, metric: DashboardMetric) => useQuery(distributionQuery(query, metric));
export const useSeverityLevels = () => useQuery(severityLevelsQuery());
export const useTeams = () => useQuery(teamsQuery());
export const useServices = () => useQuery(servicesQuery());
