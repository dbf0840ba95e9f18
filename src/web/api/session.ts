import { queryOptions } from '@tanstack/react-query';
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
    rememberReportZone(session.reportTimeZone);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Who is signed in (GET /api/v1/auth/session), shared by the shell and every page (`useSession`). */
export const sessionQuery = queryOptions({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000 });

const ZONE_KEY = 'hindsight.reportTimeZone';

/**
 * The report time zone of the last session, kept in this browser: pages whose queries are cut in it (the
 * dashboard's months) can start them before the session answers. The session's own zone still decides what is
 * shown; a changed zone only makes those early queries wasted. Storage may be unavailable (privacy modes).
 */
export function rememberedReportZone(): string | null {
  try {
    return globalThis.localStorage?.getItem(ZONE_KEY) ?? null;
  } catch {
    return null;
  }
}

function rememberReportZone(zone: string): void {
  try {
    globalThis.localStorage?.setItem(ZONE_KEY, zone);
  } catch {
    // Nothing kept: the next load waits for the session, as the first one did.
  }
}

const RANK: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

/** Whether the signed-in caller has at least `role` (the API checks again: this only hides controls). */
export function hasRole(session: Session | null | undefined, role: Role): boolean {
  return !!session && RANK[session.actor.role] >= RANK[role];
}
