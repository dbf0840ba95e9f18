import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import type { components } from '../../../api/schema';
import { apiQueryOf, type ActionItemFilters } from '../lib/filters';

export type ActionItem = components['schemas']['ActionItemDto'];

const ITEMS_KEY = ['action-items'] as const;
const PAGE_SIZE = 50;

/** GET /api/v1/action-items: open and in-progress items across incidents, newest first, a page at a time. */
export function useOpenActionItems(filters: ActionItemFilters) {
  return useInfiniteQuery({
    queryKey: [...ITEMS_KEY, filters],
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/api/v1/action-items', { params: { query: { ...apiQueryOf(filters), limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Teams to filter by. */
export function useTeamNames() {
  return useQuery({ queryKey: ['teams'], queryFn: async () => dataOf(await api.GET('/api/v1/teams', {})) });
}

/** PATCH /api/v1/action-items/:id to done, on the version shown (409 when someone changed it since). */
export function useMarkDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (item: Pick<ActionItem, 'id' | 'version'>) =>
      dataOf(await api.PATCH('/api/v1/action-items/{id}', { params: { path: { id: item.id } }, body: { version: item.version, status: 'done' } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ITEMS_KEY }),
  });
}
