import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import type { components } from '../../../api/schema';

export type SeverityLevel = components['schemas']['SeverityLevelDto'];
export type SeverityLevelInput = components['schemas']['CreateSeverityLevelDto'];
export type SeverityLevelChanges = components['schemas']['UpdateSeverityLevelDto'];

const KEY = ['admin', 'severity-levels'] as const;

/** GET /api/v1/severity-levels: every level, most severe (rank 1) first. */
export function useSeverityLevels() {
  return useQuery({ queryKey: KEY, queryFn: async () => dataOf(await api.GET('/api/v1/severity-levels')) });
}

/** POST /api/v1/severity-levels (admin). */
export function useCreateSeverityLevel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SeverityLevelInput) => dataOf(await api.POST('/api/v1/severity-levels', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** PATCH /api/v1/severity-levels/{key} (admin), with the version read: a stale one is refused (409). */
export function useUpdateSeverityLevel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ key, changes }: { key: string; changes: SeverityLevelChanges }) =>
      dataOf(await api.PATCH('/api/v1/severity-levels/{key}', { params: { path: { key } }, body: changes })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** DELETE /api/v1/severity-levels/{key} (admin): refused (409 IN_USE) while any incident refers to the level. */
export function useDeleteSeverityLevel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (level: Pick<SeverityLevel, 'key' | 'version'>) =>
      dataOf(await api.DELETE('/api/v1/severity-levels/{key}', { params: { path: { key: level.key }, query: { version: level.version } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
