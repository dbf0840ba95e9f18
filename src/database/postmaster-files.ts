/**
 * The files through which Hindsight processes share one embedded PostgreSQL: PostgreSQL's own
 * `postmaster.pid` in the cluster directory, and one lease file per process using the server. Pure parsing
 * and rules; the file system and process checks are in embedded-postgres.ts.
 */

/** What `postmaster.pid` says (PostgreSQL's lock file: PID, data directory, start time, port, …, status). */
export interface PostmasterPid {
  pid: number;
  dataDir: string;
  port: number;
  /** `starting`, `ready`, `stopping` or `standby`; empty until PostgreSQL writes it. */
  status: string;
}

/** Parses `postmaster.pid`; undefined when it is not (yet) complete enough to name a PID and a port. */
export function parsePostmasterPid(content: string): PostmasterPid | undefined {
  const lines = content.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return { pid, dataDir: lines[1] ?? '', port, status: (lines[7] ?? '').trim() };
}

/**
 * A process's start time in clock ticks since boot, field 22 of Linux's `/proc/<pid>/stat`. With the PID it
 * identifies a process for certain: a PID reused by a later process has a later start time. The command name
 * (field 2) is in parentheses and may contain spaces and parentheses, hence the last `)`.
 */
export function parseProcStartTime(stat: string): string | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTime = fields[19]; // field 22 counted from 1; fields[0] is field 3
  return startTime && /^\d+$/.test(startTime) ? startTime : undefined;
}

/** One process's claim on the server: a file `DATA_DIR/postgres-leases/<pid>-<random>.json`. */
export interface Lease {
  pid: number;
  /** parseProcStartTime of the holder; absent where /proc does not exist. */
  startTime?: string;
  /** The port the holder uses (absent until it has joined or started the server). */
  port?: number;
}

export function parseLease(content: string): Lease | undefined {
  try {
    const value = JSON.parse(content) as Partial<Lease>;
    if (!Number.isInteger(value.pid) || value.pid! <= 0) return undefined;
    return {
      pid: value.pid!,
      startTime: typeof value.startTime === 'string' ? value.startTime : undefined,
      port: Number.isInteger(value.port) ? value.port : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether the lease's holder still runs: its PID is alive and, where start times are known, started when the
 * lease says (so a PID the system reused for another process does not count).
 */
export function leaseHolderAlive(lease: Lease, current: { alive: boolean; startTime?: string }): boolean {
  if (!current.alive) return false;
  return lease.startTime === undefined || current.startTime === undefined || lease.startTime === current.startTime;
}

/**
 * Of the server's client connections (their application_name), the ones that show someone still uses it, besides
 * the leases: Hindsight pools of other live processes (`hindsight:<pid>`), the connection an older Hindsight held as
 * its lease (`hindsight-lease`), and any other program (psql, pg_dump). Not counted: this process's own pool, and
 * Hindsight's short set-up and release connections (their processes hold leases).
 */
export function connectionsInUse(applicationNames: string[], ownPid: number, alive: (pid: number) => boolean): string[] {
  return applicationNames.filter((name) => {
    const pool = /^hindsight:(\d+)$/.exec(name);
    if (pool) return Number(pool[1]) !== ownPid && alive(Number(pool[1]));
    if (name === 'hindsight-lease') return true;
    return !name.startsWith('hindsight-');
  });
}
