import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors';
import { SESSION_KEY } from '../api/session';

/**
 * Server state lives here only. A 401 on any query means the session ended (expired, signed out elsewhere,
 * password changed elsewhere): forget it, and the shell sends the browser to the sign-in page.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== SESSION_KEY[0]) client.setQueryData(SESSION_KEY, null);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // A refusal (4xx) will not change by asking again; a network error or a 5xx may.
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
      },
    },
  });
  return client;
}
