import { useQuery } from '@tanstack/react-query';
import { api, rememberCsrfToken } from './client';
import { ApiError, dataOf } from './errors';
import type { components } from './schema';

export type Session = components['schemas']['SessionDto'];
export type Role = Session['actor']['role'];

/** The query key of who is signed in: null when nobody is (401). */
export const SESSION_KEY = ['session'] as const;

export async function fetchSession(): Promise<Session | null> {
  try {
    const session = dataOf(await api.GET('/api/v1/auth/session'));
    rememberCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Who is signed in (GET /api/v1/auth/session), shared by the shell and every page. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

const RANK: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

/** Whether the signed-in caller has at least `role` (the API checks again: this only hides controls). */
export function hasRole(session: Session | null | undefined, role: Role): boolean {
  return !!session && RANK[session.actor.role] >= RANK[role];
}
