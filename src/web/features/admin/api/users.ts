import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import { SESSION_KEY } from '../../../api/session';
import type { components } from '../../../api/schema';

export type User = components['schemas']['UserDto'];
export type UserInput = components['schemas']['CreateUserDto'];
export type UserChanges = components['schemas']['UpdateUserDto'];
export type UserWithOneTimePassword = components['schemas']['UserWithOneTimePasswordDto'];

const KEY = ['admin', 'users'] as const;

/** GET /api/v1/users (admin), by username. */
export function useUsers() {
  return useQuery({ queryKey: KEY, queryFn: async () => dataOf(await api.GET('/api/v1/users')) });
}

/** POST /api/v1/users (admin): the answer carries the one-time password, this once. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserInput) => dataOf(await api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** PATCH /api/v1/users/{user} (admin): role, display name, disabled; with the version read. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: string; changes: UserChanges }) =>
      dataOf(await api.PATCH('/api/v1/users/{user}', { params: { path: { user: id } }, body: changes })),
    // The admin may have changed their own display name or role: the header shows the session's.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: KEY }), queryClient.invalidateQueries({ queryKey: SESSION_KEY })]),
  });
}

/** POST /api/v1/users/{user}/reset-password (admin): a new one-time password, this once; the user's sessions end. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => dataOf(await api.POST('/api/v1/users/{user}/reset-password', { params: { path: { user: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
