import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { runHindsight } from '../support/cli.js';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

/**
 * PostgreSQL failing under a running service: the built service on its own embedded PostgreSQL (own
 * DATA_DIR), which the test then locks, freezes (SIGSTOP) and stops. Requests answer 503 within the
 * configured timeouts instead of 500 or hanging, /health says down without saying why, and the service
 * serves again by itself once the server thaws.
 */
const TIMEOUTS = { DB_STATEMENT_TIMEOUT: '1s', DB_QUERY_TIMEOUT: '2s', DB_CONNECT_TIMEOUT: '1s', DB_IDLE_TIMEOUT: '30s' };

interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
  retryAfter: string | null;
  ms: number;
}

async function call(url: string, token?: string): Promise<Answer> {
  const started = Date.now();
  // The guard against the hang this suite is about: a request the service never answers fails the test here.
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(20_000) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text, retryAfter: response.headers.get('retry-after'), ms: Date.now() - started };
}

/** Retries `url` until it answers 200 (the service reconnecting by itself), for up to `withinMs`. */
async function until200(url: string, token: string | undefined, withinMs: number): Promise<Answer> {
  const deadline = Date.now() + withinMs;
  let last = await call(url, token);
  while (last.status !== 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await call(url, token);
  }
  return last;
}

/** The postmaster and every backend it forked, as `pg_ctl` would signal them. */
function serverPids(dataDir: string): number[] {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    // pgrep exits 1 when there are none
  }
  return [postmaster, ...children];
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone already
    }
  }
}

const expectUnavailable = (answer: Answer) => {
  expect(answer.status).toBe(503);
  expect(answer.body).toEqual({ statusCode: 503, error: 'Service Unavailable', code: 'DATABASE_UNAVAILABLE', message: expect.any(String) });
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
};

/** /health down: the state only, no host, port or driver message. */
const expectHealthDown = (answer: Answer, port: number) => {
  expect(answer.status).toBe(503);
  expect(answer.body).toMatchObject({ status: 'error', info: {} });
  expect(answer.body.error).toEqual({ database: { status: 'down' } });
  expect(answer.body.details).toEqual({ database: { status: 'down' } });
  expect(answer.text).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${port}|ECONN|timeout|terminated`, 'i'));
};

describe('database faults under a running service', () => {
  const dataDir = makeDataDir('hindsight-faults-');
  let service: ServiceProcess | undefined;
  let token = '';
  let port = 0;
  const url = (p: string) => `${service!.url}${p}`;

  beforeAll(async () => {
    service = await startService({ DATA_DIR: dataDir, ...TIMEOUTS });
    const created = await runHindsight(['token', 'create', '--name', 'faults', '--role', 'admin'], { DATA_DIR: dataDir });
    expect(created.code).toBe(0);
    token = created.stdout.trim();
    port = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  });

  afterAll(async () => {
    // Whatever a test left behind: a frozen server is thawed before anything else waits on it.
    if (fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))) signalAll(serverPids(dataDir), 'SIGCONT');
    if (service) {
      service.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const exited = await Promise.race([
        new Promise((resolve) => service!.child.once('exit', resolve)),
        new Promise((resolve) => (timer = setTimeout(() => resolve('late'), 20_000))),
      ]);
      clearTimeout(timer);
      if (exited === 'late') service.child.kill('SIGKILL');
    }
    if (fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))) signalAll(serverPids(dataDir).slice(0, 1), 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('cancels a statement that runs past DB_STATEMENT_TIMEOUT with 503 QUERY_TIMEOUT, and serves again once it can', async () => {
    expect((await call(url('/api/v1/incidents'), token)).status).toBe(200);
    const { password } = JSON.parse(fs.readFileSync(path.join(dataDir, 'postgres-credentials.json'), 'utf8')) as { password: string };
    const locker = new pg.Client({ connectionString: `postgres://hindsight:${encodeURIComponent(password)}@127.0.0.1:${port}/hindsight` });
    await locker.connect();
    try {
      // Another session holds the table: the list statement waits on the lock until PostgreSQL cancels it.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE');
      const answer = await call(url('/api/v1/incidents'), token);
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ statusCode: 503, code: 'QUERY_TIMEOUT' });
      expect(answer.text).not.toMatch(/SELECT|incidents/);
      expect(answer.ms).toBeLessThan(5_000);
      await locker.query('ROLLBACK');
    } finally {
      await locker.end();
    }
    expect((await call(url('/api/v1/incidents'), token)).status).toBe(200);
  });

  it('answers 503 within the timeouts while PostgreSQL is frozen, and 200 again after it thaws, without a restart', async () => {
    expect((await call(url('/api/v1/incidents'), token)).status).toBe(200);
    const frozen = serverPids(dataDir);
    expect(frozen.length).toBeGreaterThan(1);
    signalAll(frozen, 'SIGSTOP');
    try {
      // A pooled connection whose statement gets no answer (DB_QUERY_TIMEOUT), then new connections that never finish (DB_CONNECT_TIMEOUT).
      for (let i = 0; i < 3; i++) {
        const answer = await call(url('/api/v1/incidents'), token);
        expectUnavailable(answer);
        expect(answer.ms).toBeLessThan(8_000);
      }
      const health = await call(url('/health'));
      expectHealthDown(health, port);
      expect(health.ms).toBeLessThan(5_000);
    } finally {
      signalAll(frozen, 'SIGCONT');
    }
    const thawed = await until200(url('/api/v1/incidents'), token, 15_000);
    expect(thawed.status).toBe(200);
    expect((await call(url('/health'))).body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect(service!.child.exitCode).toBeNull();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After once PostgreSQL is stopped, and /health says down without the address', async () => {
    expect((await call(url('/api/v1/incidents'), token)).status).toBe(200);
    const [postmaster] = serverPids(dataDir);
    process.kill(postmaster, 'SIGINT'); // pg_ctl stop -m fast
    const deadline = Date.now() + 20_000;
    while (fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    for (const route of ['/api/v1/incidents', '/api/v1/metrics?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z']) {
      const answer = await call(url(route), token);
      expectUnavailable(answer);
      expect(answer.text).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${port}|ECONNREFUSED`));
    }
    expectHealthDown(await call(url('/health')), port);
    expect(service!.output()).toMatch(/database unavailable/);
    expect(service!.child.exitCode).toBeNull();
  });
});
