import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { ApiError, dataOf } from '../../../api/errors';
import type { components } from '../../../api/schema';

export type Retrospective = components['schemas']['RetrospectiveDto'];
export type RetroTemplate = components['schemas']['RetroTemplateDto'];
export type Incident = components['schemas']['IncidentDto'];
export type ActionItem = components['schemas']['ActionItemDto'];
export type RetroChanges = Omit<components['schemas']['UpdateRetrospectiveDto'], 'version'>;
export type NewActionItem = Pick<components['schemas']['CreateActionItemDto'], 'title' | 'owner' | 'dueDate' | 'team'>;

export const retroKey = (incident: string) => ['retrospective', incident] as const;
const incidentKey = (incident: string) => ['incident', incident] as const;
const itemsKey = (incident: string) => ['incident-action-items', incident] as const;
const path = (incident: string) => ({ params: { path: { incident } } });

/** GET the incident's retrospective; null when none has been started (404 RETROSPECTIVE…). */
export async function fetchRetrospective(incident: string): Promise<Retrospective | null> {
  try {
    return dataOf(await api.GET('/api/v1/incidents/{incident}/retrospective', path(incident)));
  } catch (error) {
    // The incident exists (the page asks for it first) but has no retrospective yet.
    if (error instanceof ApiError && error.status === 404 && error.body.resource === 'Retrospective of incident') return null;
    throw error;
  }
}

export function useIncident(incident: string) {
  return useQuery({
    queryKey: incidentKey(incident),
    queryFn: async () => dataOf(await api.GET('/api/v1/incidents/{incident}', path(incident))),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

/** The retrospective as the service last answered; the form keeps its own draft and does not refetch behind it. */
export function useRetrospective(incident: string, enabled: boolean) {
  return useQuery({
    queryKey: retroKey(incident),
    queryFn: () => fetchRetrospective(incident),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** The templates a retrospective can be started on (the latest version of each, the default flagged). */
export function useRetroTemplates(enabled: boolean) {
  return useQuery({
    queryKey: ['retro-templates'],
    queryFn: async () => dataOf(await api.GET('/api/v1/retro-templates', {})),
    enabled,
  });
}

/** POST …/retrospective: starts it on the chosen template (the default when none). */
export function useStartRetrospective(incident: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (templateId: string | undefined) =>
      dataOf(await api.POST('/api/v1/incidents/{incident}/retrospective', { ...path(incident), body: templateId ? { templateId } : {} })),
    onSuccess: (retro) => queryClient.setQueryData(retroKey(incident), retro),
  });
}

/** PATCH …/retrospective with the version the changes were made on (409 VERSION_CONFLICT when someone saved since). */
export async function saveRetrospective(incident: string, version: number, changes: RetroChanges): Promise<Retrospective> {
  return dataOf(await api.PATCH('/api/v1/incidents/{incident}/retrospective', { ...path(incident), body: { version, ...changes } }));
}

/** POST …/retrospective/submit (the API's "complete"): needs heldAt; sets the incident's retroDoneAt. */
export async function submitRetrospective(incident: string, version: number): Promise<Retrospective> {
  return dataOf(await api.POST('/api/v1/incidents/{incident}/retrospective/submit', { ...path(incident), body: { version } }));
}

/** The incident's action items (all statuses), newest first. */
export function useIncidentActionItems(incident: string, enabled: boolean) {
  return useQuery({
    queryKey: itemsKey(incident),
    queryFn: async () => dataOf(await api.GET('/api/v1/incidents/{incident}/action-items', { params: { path: { incident }, query: { limit: 200 } } })),
    enabled,
  });
}

/** POST /api/v1/action-items for this incident, from its retrospective. */
export function useCreateActionItem(incident: string, retrospectiveId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (item: NewActionItem) =>
      dataOf(await api.POST('/api/v1/action-items', { body: { incident, retrospectiveId, ...item } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: itemsKey(incident) }),
  });
}

/** Teams an action item can be given to. */
export function useTeams(enabled: boolean) {
  return useQuery({ queryKey: ['teams'], queryFn: async () => dataOf(await api.GET('/api/v1/teams', {})), enabled });
}
