import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { ApiError, dataOf } from '../../../api/errors';
import type { components } from '../../../api/schema';
import { filtersToQuery, type IncidentFilters } from '../lib/filters';

export type Incident = components['schemas']['IncidentDto'];
export type IncidentMeasures = components['schemas']['IncidentMeasuresDto'];
export type TimelineEntry = components['schemas']['TimelineEntryDto'];
export type SeverityChange = components['schemas']['SeverityChangeDto'];
export type ActionItem = components['schemas']['ActionItemDto'];
export type Retrospective = components['schemas']['RetrospectiveDto'];
export type AuditEvent = components['schemas']['AuditEventDto'];
export type CreateIncident = components['schemas']['CreateIncidentDto'];
export type UpdateIncident = components['schemas']['UpdateIncidentDto'];

const INCIDENTS_KEY = ['incidents'] as const;
const incidentKey = (incident: string) => [...INCIDENTS_KEY, 'one', incident] as const;

/** One page of GET /api/v1/incidents for the filters, at `cursor` (null: the first page). The previous page stays on screen while the next loads. */
export function useIncidentList(filters: IncidentFilters, cursor: string | null) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'list', filters, cursor],
    queryFn: async () => dataOf(await api.GET('/api/v1/incidents', { params: { query: filtersToQuery(filters, cursor) } })),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/v1/incidents/{incident}: by id or key. */
export function useIncident(incident: string) {
  return useQuery({
    queryKey: incidentKey(incident),
    queryFn: async () => dataOf(await api.GET('/api/v1/incidents/{incident}', { params: { path: { incident } } })),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

/** Intervals and SLA state as the metrics count them (GET /incidents/{incident}/measures). */
export function useIncidentMeasures(incident: string, version: number | undefined) {
  return useQuery({
    queryKey: [...incidentKey(incident), 'measures', version],
    queryFn: async () => dataOf(await api.GET('/api/v1/incidents/{incident}/measures', { params: { path: { incident } } })),
    enabled: version !== undefined,
  });
}

const TIMELINE_PAGE = 50;

/** The timeline in the order things happened, a page at a time ("load more"). */
export function useTimeline(incident: string) {
  return useInfiniteQuery({
    queryKey: [...incidentKey(incident), 'timeline'],
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/api/v1/incidents/{incident}/timeline', {
        params: { path: { incident }, query: { limit: TIMELINE_PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
      })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useSeverityHistory(incident: string, version: number | undefined) {
  return useQuery({
    queryKey: [...incidentKey(incident), 'severity-history', version],
    queryFn: async () => dataOf(await api.GET('/api/v1/incidents/{incident}/severity-history', { params: { path: { incident } } })),
    enabled: version !== undefined,
  });
}

const ACTION_ITEMS_PAGE = 100;

export function useIncidentActionItems(incident: string) {
  return useInfiniteQuery({
    queryKey: [...incidentKey(incident), 'action-items'],
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/api/v1/incidents/{incident}/action-items', {
        params: { path: { incident }, query: { limit: ACTION_ITEMS_PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
      })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The incident's retrospective, or null when none has been started (404 RETROSPECTIVE_NOT_FOUND). */
export function useRetrospective(incident: string) {
  return useQuery({
    queryKey: [...incidentKey(incident), 'retrospective'],
    queryFn: async () => {
      const result = await api.GET('/api/v1/incidents/{incident}/retrospective', { params: { path: { incident } } });
      if (result.response.status === 404) return null;
      return dataOf(result);
    },
  });
}

const HISTORY_PAGE = 50;

/** The audit history of the incident and its timeline, retrospective and action items, oldest first. */
export function useIncidentHistory(incident: string) {
  return useInfiniteQuery({
    queryKey: [...incidentKey(incident), 'history'],
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/api/v1/incidents/{incident}/history', {
        params: { path: { incident }, query: { limit: HISTORY_PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
      })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Severity levels, teams, services: the choices of the filters and the form. */
export function useChoices() {
  const severities = useQuery({ queryKey: ['severity-levels'], queryFn: async () => dataOf(await api.GET('/api/v1/severity-levels')), staleTime: 5 * 60_000 });
  const teams = useQuery({ queryKey: ['teams'], queryFn: async () => dataOf(await api.GET('/api/v1/teams')), staleTime: 5 * 60_000 });
  const services = useQuery({ queryKey: ['services'], queryFn: async () => dataOf(await api.GET('/api/v1/services', {})), staleTime: 5 * 60_000 });
  return {
    severities: severities.data ?? [],
    teams: teams.data?.map((t) => t.name) ?? [],
    services: services.data?.map((s) => s.name) ?? [],
  };
}

/** POST /api/v1/incidents. */
export function useCreateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateIncident) => dataOf(await api.POST('/api/v1/incidents', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY }),
  });
}

/** PATCH /api/v1/incidents/{incident} with the version read (409 when someone else changed it since). */
export function useUpdateIncident(incident: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateIncident) => dataOf(await api.PATCH('/api/v1/incidents/{incident}', { params: { path: { incident } }, body })),
    onSuccess: (updated) => {
      queryClient.setQueryData(incidentKey(incident), updated);
      return queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
    },
  });
}

/** Reads the incident afresh (after a 409) and drops what depends on it. */
export function useReloadIncident(incident: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: incidentKey(incident) });
}
