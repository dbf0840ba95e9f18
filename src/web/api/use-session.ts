import { useQuery } from '@tanstack/react-query';
import { sessionQuery } from './session';

/**
 * Who is signed in, for the shell and every page. Apart from session.ts so that the entry module, which starts the
 * session query before React loads, does not pull React in with it.
 */
export function useSession() {
  return useQuery(sessionQuery);
}
