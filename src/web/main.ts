import { startFirstQueries } from './app/first-queries';
import { createQueryClient } from './app/query-client';
import './styles.css';

/**
 * The entry module: small on purpose (no React, no router, no charts). It starts the first page's queries at
 * once, then loads the rest of the app, which renders with those queries already on the wire: on the dashboard
 * the API's answers and the app's JavaScript arrive side by side instead of one after the other.
 */
const queryClient = createQueryClient();
startFirstQueries(queryClient, window.location);
import('./app/start')
  .then(({ start }) => start(queryClient))
  .catch((error: unknown) => {
    const root = document.getElementById('root');
    if (root) root.textContent = `Hindsight could not start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
    throw error;
  });
