import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';
import { GOOD_PASSWORD } from '../factories/users.js';
import { TEST_SESSION_SECRET } from '../support/app.js';
import { runHindsight } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const ONE_TIME_PASSWORD_LINE = /^[a-z2-9]{5}(-[a-z2-9]{5}){3}\n$/;

/**
 * `hindsight token …` and `hindsight user …` as an operator runs them: the secret alone on stdout, so a
 * script can capture it, and it works against the service on the same database.
 */
describe('hindsight token and user commands', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let http: Server;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
    app = await createApp({ config: loadConfig({}), databaseUrl: db.url, logger: false, sessionSecret: TEST_SESSION_SECRET });
    await app.init();
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const cli = (...args: string[]) => runHindsight(args, env);
  const signIn = (username: string, password: string) => request(http).post('/api/v1/auth/sign-in').send({ username, password });

  it('token create prints exactly the secret, which then works as a bearer token; token list never shows it', async () => {
    const created = await cli('token', 'create', '--name', 'ci', '--role', 'responder');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^hst_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toContain('Created token ci (responder)');
    const secret = created.stdout.trim();

    const [row] = await db.dataSource.query(`SELECT role, secret_hash, created_by_name FROM api_tokens WHERE name = 'ci'`);
    expect(row).toEqual({ role: 'responder', secret_hash: createHash('sha256').update(secret).digest('hex'), created_by_name: 'cli' });
    await request(http).get('/api/v1/incidents').set('Authorization', `Bearer ${secret}`).expect(200);

    const list = await cli('token', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ci +responder +active +hst_/m);
    expect(list.stdout).not.toContain(secret);
  });

  it('user create prints exactly the one-time password, which signs in over HTTP and must be replaced', async () => {
    const created = await cli('user', 'create', 'Olivia', '--role', 'admin', '--display-name', 'Olivia Ops');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(ONE_TIME_PASSWORD_LINE);
    expect(created.stderr).toContain('Created olivia (admin)');
    const password = created.stdout.trim();

    const response = await signIn('olivia', password).expect(200);
    expect(response.body).toMatchObject({ actor: { type: 'user', name: 'olivia', role: 'admin', displayName: 'Olivia Ops' }, mustChangePassword: true });
    const [event] = await db.dataSource.query(`SELECT actor_type, actor_name, after FROM audit_events WHERE action = 'user.create' AND entity_label = 'olivia'`);
    expect(event).toMatchObject({ actor_type: 'cli', actor_name: 'cli', after: { username: 'olivia', role: 'admin' } });
  });

  it('user reset-password prints exactly a new one-time password; the old password stops working', async () => {
    const created = await cli('user', 'create', 'pete', '--role', 'viewer');
    const browser = request.agent(http);
    const first = await browser.post('/api/v1/auth/sign-in').send({ username: 'pete', password: created.stdout.trim() }).expect(200);
    await browser.post('/api/v1/auth/password').set('X-CSRF-Token', first.body.csrfToken).send({ currentPassword: created.stdout.trim(), newPassword: GOOD_PASSWORD }).expect(204);
    await browser.get('/api/v1/incidents').expect(200);

    const reset = await cli('user', 'reset-password', 'pete');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(ONE_TIME_PASSWORD_LINE);
    expect(reset.stderr).toContain('their sessions have ended');
    await browser.get('/api/v1/incidents').expect(401);
    await signIn('pete', GOOD_PASSWORD).expect(401);
    expect((await signIn('pete', reset.stdout.trim()).expect(200)).body.mustChangePassword).toBe(true);
  });

  it('user list shows a table, or JSON with --json, never a password hash', async () => {
    const table = await cli('user', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^USERNAME +ROLE +STATUS/);
    expect(table.stdout).toMatch(/^olivia +admin +password pending +Olivia Ops/m);
    const json = await cli('user', 'list', '--json');
    const users = JSON.parse(json.stdout) as { username: string; role: string }[];
    expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(['olivia', 'pete']));
    expect(json.stdout).not.toMatch(/argon2|hash/i);
  });

  it('user disable stops sign-in at once', async () => {
    const created = await cli('user', 'create', 'quinn', '--role', 'viewer');
    await signIn('quinn', created.stdout.trim()).expect(200);
    const disabled = await cli('user', 'disable', 'quinn');
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toMatch(/^Disabled quinn \(since \d{4}-/);
    expect((await signIn('quinn', created.stdout.trim()).expect(401)).body.message).toContain('disabled');
  });

  it.each([
    ['a bad role', ['user', 'create', 'rob', '--role', 'superuser'], '"superuser"'],
    ['a bad username', ['user', 'create', 'r b', '--role', 'viewer'], '"r b"'],
    ['a taken username', ['user', 'create', 'OLIVIA', '--role', 'viewer'], 'already exists'],
    ['an unknown user', ['user', 'reset-password', 'nobody'], 'User "nobody" not found'],
    ['a bad token role', ['token', 'create', '--name', 'x', '--role', 'god'], '"god"'],
  ])('exits non-zero on %s, naming the value, with nothing on stdout', async (_name, args, text) => {
    const result = await cli(...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(text);
  });

  it('refuses to disable the last active admin', async () => {
    const result = await cli('user', 'disable', 'olivia');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('olivia is the last active admin');
  });
});
