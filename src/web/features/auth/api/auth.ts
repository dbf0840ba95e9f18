import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, rememberCsrfToken } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import { SESSION_KEY, fetchSession, type Session } from '../../../api/session';

/** POST /auth/sign-in: the session cookie is set by the response; the session (and its CSRF token) is cached. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string }): Promise<Session> => dataOf(await api.POST('/api/v1/auth/sign-in', { body })),
    onSuccess: (session) => {
      rememberCsrfToken(session.csrfToken);
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

/** POST /auth/password: replaces the (one-time) password; the session stays and no longer must change it. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string }) => {
      dataOf(await api.POST('/api/v1/auth/password', { body }));
      return fetchSession();
    },
    onSuccess: (session) => queryClient.setQueryData(SESSION_KEY, session),
  });
}

/** POST /auth/sign-out: ends the session; everything cached for it is dropped. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      dataOf(await api.POST('/api/v1/auth/sign-out'));
    },
    onSettled: () => {
      rememberCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}
