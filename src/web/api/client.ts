import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The one way the web app talks to the service: openapi-fetch typed by schema.d.ts (`npm run api:types`).
 * Same origin, so the browser sends the session cookie (HttpOnly: scripts never see it); every write carries
 * the session's CSRF token in X-CSRF-Token, as the API requires of cookie sessions.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let csrfToken: string | null = null;

/** Kept from the sign-in response and GET /auth/session; null after sign-out. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (csrfToken && WRITES.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};
api.use(csrfHeader);
