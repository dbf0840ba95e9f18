import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import type { components } from '../../../api/schema';

export type RetroTemplate = components['schemas']['RetroTemplateDto'];
export type RetroTemplateInput = components['schemas']['CreateRetroTemplateDto'];

const KEY = ['admin', 'retro-templates'] as const;

/** GET /api/v1/retro-templates?allVersions=true: every version of every template (older versions stay readable). */
export function useRetroTemplates() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () => dataOf(await api.GET('/api/v1/retro-templates', { params: { query: { allVersions: true } } })),
  });
}

/** POST /api/v1/retro-templates (admin): version 1 of a new name, or the next version of an existing one. */
export function useCreateRetroTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RetroTemplateInput) => dataOf(await api.POST('/api/v1/retro-templates', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** POST /api/v1/retro-templates/{id}/default (admin). */
export function useMakeDefaultTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => dataOf(await api.POST('/api/v1/retro-templates/{id}/default', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
