import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import type { components } from '../../../api/schema';
import { apiQuery, type DataQualityFilters } from '../lib/filters';

export type DataQualityPage = components['schemas']['DataQualityDto'];
export type DataQualityIncident = components['schemas']['DataQualityIncidentDto'];
export type MetricCounts = components['schemas']['DataQualityMetricCountsDto'];

const PAGE_SIZE = 50;

/** GET /api/v1/metrics/data-quality for the filters, a page of incidents at a time (the summary comes with every page). */
export function useDataQuality(filters: DataQualityFilters) {
  return useInfiniteQuery({
    queryKey: ['data-quality', filters],
    queryFn: async ({ pageParam }) =>
      dataOf(
        await api.GET('/api/v1/metrics/data-quality', {
          params: { query: { ...apiQuery(filters), limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** GET /api/v1/severity-levels: the levels the severity filter offers, most severe first. */
export function useSeverityLevels() {
  return useQuery({
    queryKey: ['severity-levels'],
    queryFn: async () => dataOf(await api.GET('/api/v1/severity-levels')),
    staleTime: 5 * 60_000,
  });
}
