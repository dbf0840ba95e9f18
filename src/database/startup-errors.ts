/**
 * Start-up failures a user can fix, each told in one line that names the problem and what to do
 * (`hindsight: <message>`, no stack trace). Pure: messages only.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export const dataDirIsFile = (dataDir: string) =>
  new StartupError(`DATA_DIR=${dataDir} is a file, not a directory: set DATA_DIR to a directory (created if missing) or move the file away`);

export const dataDirNotCreatable = (dataDir: string, reason: string) =>
  new StartupError(`cannot create DATA_DIR=${dataDir} (${reason}): set DATA_DIR to a directory this user can write`);

/** Running as root, PostgreSQL runs as `postgres`, which must be able to reach every directory above the cluster. */
export const dataDirUnreachable = (dataDir: string, blocking: string, user: string) =>
  new StartupError(
    `DATA_DIR=${dataDir} is not reachable by the "${user}" user that runs the embedded PostgreSQL when Hindsight runs as root ` +
      `(${blocking} is closed to it, as a private temporary folder is): set DATA_DIR to a directory that user can reach ` +
      `(e.g. /var/lib/hindsight), or open the way (chmod o+x ${blocking}, or chown ${user} it)`,
  );

export const embeddedPortInUse = (port: number) =>
  new StartupError(
    `EMBEDDED_PG_PORT ${port} is already in use on 127.0.0.1 by another program: stop that program, or set EMBEDDED_PG_PORT to a free port (0 picks one)`,
  );

export const serverStillStopping = (pid: number, clusterDir: string) =>
  new StartupError(
    `the embedded PostgreSQL (PID ${pid}, ${clusterDir}) is shutting down and still waiting for its clients to disconnect: ` +
      `close them or stop it with a fast shutdown (kill -INT ${pid}), then start again`,
  );

/** Why the HTTP server could not listen on HOST:PORT, told in terms of those two variables. */
export function describeListenError(error: unknown, host: string, port: number): string {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'EADDRINUSE') return `PORT ${port} is already in use on ${host}: stop the program using it, or set PORT to a free port (0 picks one)`;
  if (code === 'EADDRNOTAVAIL') return `HOST=${host} is not an address of this machine: set HOST to one of its addresses (127.0.0.1, or 0.0.0.0 for all)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `HOST=${host} does not resolve to an address: set HOST to an address of this machine (127.0.0.1, or 0.0.0.0 for all)`;
  if (code === 'EACCES') return `PORT ${port} on ${host} needs privileges this user lacks: set PORT to 1024 or above`;
  return firstLine(error instanceof Error ? error.message : String(error));
}

/** The first line of a message: start-up failures are told in one line. */
export function firstLine(message: string): string {
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? message;
}
