import fs from 'node:fs';
import path from 'node:path';
import { runHindsight } from '../support/cli.js';
import { createTestDatabase } from '../support/database.js';
import { startService } from '../support/service-process.js';
import { makeDataDir } from '../support/test-server.js';

/**
 * The README's contract, as a user meets it: the built service on the embedded PostgreSQL, data kept
 * across restarts, a clean database shutdown, and the CLI sharing the server with it.
 */
/** A token made the way the README says: `npx hindsight token create`, printed alone on stdout. */
async function createToken(env: Record<string, string>, name: string): Promise<string> {
  const result = await runHindsight(['token', 'create', '--name', name, '--role', 'admin'], env);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^hst_[A-Za-z0-9_-]{43}\n$/);
  return result.stdout.trim();
}

const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

describe('service start-up on the embedded database', () => {
  const dataDir = makeDataDir('hindsight-startup-');
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts, serves health and docs, keeps an incident across a restart and stops PostgreSQL cleanly', async () => {
    const first = await startService({ DATA_DIR: dataDir });
    try {
      expect(first.output()).toMatch(/database: embedded PostgreSQL on 127\.0\.0\.1:\d+/);
      expect(first.output()).toContain('Applied migrations:');
      const health = await fetch(`${first.url}/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
      expect((await fetch(`${first.url}/api/docs`)).status).toBe(200);
      expect((await fetch(`${first.url}/api/v1/incidents`)).status).toBe(401);

      const token = await createToken({ DATA_DIR: dataDir }, 'startup');
      const created = await fetch(`${first.url}/api/v1/incidents`, {
        method: 'POST',
        headers: json(token),
        body: JSON.stringify({ title: 'Survives restarts', severity: 'SEV1', startedAt: '2026-04-01T08:00:00Z' }),
      });
      expect(created.status).toBe(201);
      const refused = await fetch(`${first.url}/api/v1/incidents`, {
        method: 'POST',
        headers: json(token),
        body: JSON.stringify({ title: 'Bad order', severity: 'SEV1', startedAt: '2026-04-01T08:00:00Z', detectedAt: '2026-04-01T07:00:00Z' }),
      });
      expect(refused.status).toBe(422);
      expect(fs.existsSync(pidFile)).toBe(true);
    } finally {
      expect(await first.stop('SIGTERM')).toBe(0);
    }
    expect(first.output()).toContain('Stopped embedded PostgreSQL');
    expect(fs.existsSync(pidFile)).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, 'postgres', 'server.log'), 'utf8')).toContain('database system is shut down');

    const second = await startService({ DATA_DIR: dataDir });
    try {
      expect(second.output()).toContain('Database schema is up to date');
      const token = await createToken({ DATA_DIR: dataDir }, 'after-restart');
      const list = (await (await fetch(`${second.url}/api/v1/incidents?q=restarts`, { headers: json(token) })).json()) as { items: { title: string }[] };
      expect(list.items.map((i: { title: string }) => i.title)).toEqual(['Survives restarts']);
    } finally {
      expect(await second.stop('SIGINT')).toBe(0);
    }
    expect(fs.existsSync(pidFile)).toBe(false);
  });

  it('lets the CLI join the server a running service started, and leaves it running', async () => {
    const service = await startService({ DATA_DIR: dataDir });
    try {
      const port = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[3]);
      const result = await runHindsight(['migrate'], { DATA_DIR: dataDir });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Database schema is up to date\n');
      expect(result.stderr).toContain(`Joined embedded PostgreSQL already running on 127.0.0.1:${port}`);
      expect(result.stderr).toContain('left running');
      expect(((await (await fetch(`${service.url}/health`)).json()) as { status: string }).status).toBe('ok');
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });

  it('lets the CLI start the server itself while the service is down, and stop it afterwards', async () => {
    expect(fs.existsSync(pidFile)).toBe(false);
    const result = await runHindsight(['migrate'], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Started embedded PostgreSQL on 127\.0\.0\.1:\d+/);
    expect(result.stderr).toContain('Stopped embedded PostgreSQL');
    expect(fs.existsSync(pidFile)).toBe(false);
  });

  it('refuses a bad configuration value with one line naming the variable', async () => {
    const service = startService({ DATA_DIR: dataDir, REPORT_TIMEZONE: 'Mars/Olympus' }, 20_000);
    await expect(service).rejects.toThrow(/exited with 2 before listening:\nhindsight: invalid configuration: REPORT_TIMEZONE="Mars\/Olympus": is not an IANA time zone/);
    const cli = await runHindsight(['migrate'], { DATA_DIR: dataDir, PORT: 'eighty' });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe('hindsight: invalid configuration: PORT="eighty": must be a whole number between 0 and 65535\n');
  });
});

describe('service start-up with DATABASE_URL', () => {
  it('uses that database, hides its password in the log, and starts no embedded server', async () => {
    const db = await createTestDatabase();
    const dataDir = makeDataDir('hindsight-external-');
    const service = await startService({ DATABASE_URL: db.url, DATA_DIR: dataDir });
    try {
      const url = new URL(db.url);
      expect(service.output()).toContain(`database: PostgreSQL at postgres://${url.username}`);
      if (url.password) expect(service.output()).not.toContain(url.password);
      expect(service.output()).not.toContain('embedded PostgreSQL');
      expect(fs.existsSync(path.join(dataDir, 'postgres'))).toBe(false);
      const token = await createToken({ DATABASE_URL: db.url, DATA_DIR: dataDir }, 'external');
      const created = await fetch(`${service.url}/api/v1/incidents`, {
        method: 'POST',
        headers: json(token),
        body: JSON.stringify({ title: 'On the external server', severity: 'SEV3', startedAt: '2026-04-01T08:00:00Z' }),
      });
      expect(created.status).toBe(201);
      const [row] = await db.dataSource.query(`SELECT title FROM incidents`);
      expect(row.title).toBe('On the external server');
    } finally {
      expect(await service.stop()).toBe(0);
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('business calendar at start-up', () => {
  it('stores a changed calendar and recomputes time to retro, saying how many incidents and how long; the same calendar again does nothing', async () => {
    const db = await createTestDatabase();
    const dataDir = makeDataDir('hindsight-calendar-');
    // Monday 2026-03-02 16:00 UTC → Tuesday 10:00 UTC: 1 h + 1 h of the default 09:00–17:00, 2 h + 2 h of 08:00–18:00.
    await db.dataSource.query(
      `INSERT INTO incidents (key, title, severity_id, peak_severity_id, version, started_at, resolved_at, retro_done_at)
       SELECT 'INC-2026-0001', 'Calendar', id, id, 1, '2026-03-02T15:00:00Z', '2026-03-02T16:00:00Z', '2026-03-03T10:00:00Z' FROM severity_levels WHERE key = 'SEV2'`,
    );
    const stored = async () => (await db.dataSource.query(`SELECT retro_business_seconds AS s FROM incidents`))[0].s as number;
    expect(await stored()).toBe(2 * 3600);
    const env = { DATABASE_URL: db.url, DATA_DIR: dataDir, BUSINESS_HOURS: '08:00-18:00' };
    try {
      const first = await startService(env);
      expect(await first.stop()).toBe(0);
      expect(first.output()).toMatch(/Business calendar changed to ISO weekdays 1,2,3,4,5, 08:00-18:00 UTC: recomputed time to retro of 1 incident\(s\) in \d+ ms/);
      expect(await stored()).toBe(4 * 3600);

      const second = await startService(env);
      expect(await second.stop()).toBe(0);
      expect(second.output()).not.toContain('Business calendar changed');

      // The CLI brings the calendar in line too (here back to the defaults), logging on stderr.
      const migrate = await runHindsight(['migrate'], { DATABASE_URL: db.url, DATA_DIR: dataDir });
      expect(migrate.code).toBe(0);
      expect(migrate.stderr).toMatch(/Business calendar changed to ISO weekdays 1,2,3,4,5, 09:00-17:00 UTC: recomputed time to retro of 1 incident\(s\)/);
      expect(await stored()).toBe(2 * 3600);
    } finally {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('first start', () => {
  it('creates an admin with a one-time password shown once in a box, which signs in over HTTP; a restart creates none', async () => {
    const db = await createTestDatabase();
    const dataDir = makeDataDir('hindsight-first-run-');
    const env = { DATABASE_URL: db.url, DATA_DIR: dataDir };
    try {
      const first = await startService(env);
      let password: string;
      try {
        const output = first.output();
        const match = /\| +Password: +(\S+) +\(one-time\)/.exec(output);
        expect(match).not.toBeNull();
        password = match![1];
        expect(output).toContain(`POST ${first.url}/api/v1/auth/sign-in`);
        expect(output).toMatch(/\| +Username: +admin +\|/);
        expect(output).toContain('npx hindsight user reset-password admin');
        expect(output.indexOf('(one-time)')).toBeLessThan(output.indexOf('listening on'));

        const signIn = await fetch(`${first.url}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password }),
        });
        expect(signIn.status).toBe(200);
        expect(await signIn.json()).toMatchObject({ actor: { type: 'user', name: 'admin', role: 'admin' }, mustChangePassword: true });
        const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('hindsight_session='))!;
        expect(cookie).toMatch(/HttpOnly/);
        const session = await fetch(`${first.url}/api/v1/auth/session`, { headers: { cookie: cookie.split(';')[0] } });
        expect(((await session.json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(true);
        const blocked = await fetch(`${first.url}/api/v1/incidents`, { headers: { cookie: cookie.split(';')[0] } });
        expect(((await blocked.json()) as { code: string }).code).toBe('PASSWORD_CHANGE_REQUIRED');
      } finally {
        expect(await first.stop()).toBe(0);
      }
      const [admin] = await db.dataSource.query(`SELECT role, must_change_password, password_expires_at, password_hash FROM users WHERE username = 'admin'`);
      expect(admin).toMatchObject({ role: 'admin', must_change_password: true });
      expect(admin.password_expires_at.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
      expect(admin.password_hash).not.toContain(password);

      const second = await startService(env);
      try {
        expect(second.output()).not.toContain('(one-time)');
        expect((await db.dataSource.query(`SELECT username FROM users`)).map((u: { username: string }) => u.username)).toEqual(['admin']);
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('hindsight --help', () => {
  it('lists the commands', async () => {
    const result = await runHindsight(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: hindsight/);
    expect(result.stdout).toMatch(/migrate/);
  });

  it('explains an unknown command', async () => {
    const result = await runHindsight(['frobnicate']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
