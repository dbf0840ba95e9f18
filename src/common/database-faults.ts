/**
 * Which database faults are the server's state rather than a bug: the database is unreachable, shutting down
 * or not answering (`unavailable`: try again shortly), or PostgreSQL cancelled a statement that ran past
 * `statement_timeout` (`timeout`). Pure: reads the error as pg, pg-pool, Node's net module and TypeORM raise it.
 */
export type DatabaseFault = 'unavailable' | 'timeout';

/** Node socket errors on the way to the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of a server that is going away or refusing connections: admin/crash shutdown, cannot connect now, too many connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** pg and pg-pool's own messages for a lost, refused or unanswered connection. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Query read timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^timeout expired$/,
];

const QUERY_CANCELED = '57014';

function causes(error: unknown, seen = new Set<unknown>()): unknown[] {
  if (error === null || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const e = error as { driverError?: unknown; cause?: unknown; errors?: unknown };
  return [error, ...causes(e.driverError, seen), ...causes(e.cause, seen), ...(Array.isArray(e.errors) ? e.errors.flatMap((inner) => causes(inner, seen)) : [])];
}

export function databaseFaultOf(error: unknown): DatabaseFault | undefined {
  for (const candidate of causes(error)) {
    const { code, message } = candidate as { code?: unknown; message?: unknown };
    if (code === QUERY_CANCELED) return 'timeout';
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return 'unavailable';
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return 'unavailable';
  }
  return undefined;
}
