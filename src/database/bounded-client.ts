import pg from 'pg';

/** pg's message when a statement got no answer within `query_timeout`. */
export const QUERY_READ_TIMEOUT = 'Query read timeout';

/**
 * The pool's client: pg's, except that a statement which gets no answer within `query_timeout` also drops
 * its connection. pg alone only fails the statement and leaves it waiting on the server, so the connection
 * would go back to the pool still busy, and every later statement on it would queue behind the lost one
 * (a frozen server would hang them all). Dropping it makes the client emit `error`, on which the pool (or
 * TypeORM, while the client is checked out) removes it; the pool then opens fresh connections.
 */
export class BoundedClient extends pg.Client {}

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
// Called below with the client as `this`, so taking it off the prototype is safe.
// eslint-disable-next-line @typescript-eslint/unbound-method
const query = pg.Client.prototype.query as unknown as Query;

(BoundedClient.prototype as unknown as { query: Query }).query = function boundedQuery(this: pg.Client, ...args: unknown[]): unknown {
  const result = query.apply(this, args);
  if (!(result instanceof Promise)) return result;
  return result.catch((error: unknown) => {
    if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) {
      (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
    throw error;
  });
};
