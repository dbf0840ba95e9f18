import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import type { components } from '../../../api/schema';

export type Token = components['schemas']['TokenDto'];
export type TokenInput = components['schemas']['CreateTokenDto'];
export type CreatedToken = components['schemas']['CreatedTokenDto'];

const KEY = ['admin', 'tokens'] as const;

/** GET /api/v1/tokens (admin): never the secrets. */
export function useTokens() {
  return useQuery({ queryKey: KEY, queryFn: async () => dataOf(await api.GET('/api/v1/tokens')) });
}

/** POST /api/v1/tokens (admin): the answer carries the secret, this once. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TokenInput) => dataOf(await api.POST('/api/v1/tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** POST /api/v1/tokens/{token}/revoke (admin): it stops working at once. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => dataOf(await api.POST('/api/v1/tokens/{token}/revoke', { params: { path: { token: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
