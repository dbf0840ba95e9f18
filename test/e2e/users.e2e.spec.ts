import { createUser, GOOD_PASSWORD, signedInUser, userBody } from '../factories/users.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

const START = new Date('2026-03-02T09:00:00.000Z');
const ONE_TIME_PASSWORD = /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/;

describe('users API', () => {
  let t: TestApp;
  const clock = new FixedClock(START);
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  const api = () => t.request('admin');
  const auditOf = (label: string): Promise<{ action: string; actor_type: string; actor_name: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[]> =>
    t.db.dataSource.query(`SELECT action, actor_type, actor_name, before, after FROM audit_events WHERE entity_type = 'user' AND entity_label = $1 ORDER BY id`, [label]);
  const liveSessions = async (userId: string) =>
    Number((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [userId]))[0].n);

  it('creates a user with a one-time password, valid 24 hours, returned once and stored only as an argon2id hash', async () => {
    const response = await api().post('/api/v1/users').send({ username: 'Alice', displayName: ' Alice Martin ', role: 'responder' }).expect(201);
    expect(response.body.oneTimePassword).toMatch(ONE_TIME_PASSWORD);
    expect(response.body.user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), username: 'alice', displayName: 'Alice Martin', role: 'responder', disabled: false, disabledAt: null,
      mustChangePassword: true, passwordExpiresAt: '2026-03-03T09:00:00.000Z', lastSignInAt: null, version: 1,
      createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const [row] = await t.db.dataSource.query(`SELECT password_hash FROM users WHERE username = 'alice'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(response.body.oneTimePassword);

    const read = await api().get('/api/v1/users/alice').expect(200);
    expect(read.body).toEqual(response.body.user);
    expect(JSON.stringify(read.body)).not.toMatch(/password_?hash|oneTimePassword|argon2/i);
    const [created] = await auditOf('alice');
    expect(created).toMatchObject({ action: 'user.create', actor_type: 'token', actor_name: 'test-admin', before: null, after: { username: 'alice', role: 'responder' } });
    expect(JSON.stringify(created)).not.toContain(response.body.oneTimePassword);
  });

  it('lists users by username and finds one by id or by username in any case', async () => {
    const { id, username } = await createUser(t, { username: 'zed-lister' });
    const list = await api().get('/api/v1/users').expect(200);
    const names = list.body.map((u: { username: string }) => u.username);
    expect(names).toContain(username);
    expect(names).toEqual([...names].sort());
    expect((await api().get(`/api/v1/users/${id}`).expect(200)).body.username).toBe(username);
    expect((await api().get('/api/v1/users/ZED-LISTER').expect(200)).body.id).toBe(id);
    const missing = await api().get('/api/v1/users/nobody').expect(404);
    expect(missing.body.message).toBe('User "nobody" not found');
  });

  it('refuses a username taken in another case with 409, and writes nothing', async () => {
    await createUser(t, { username: 'carol' });
    const before = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM users`);
    const response = await api().post('/api/v1/users').send(userBody({ username: 'CAROL' })).expect(409);
    expect(response.body).toMatchObject({ code: 'ALREADY_EXISTS', field: 'username', value: 'carol' });
    expect(await t.db.dataSource.query(`SELECT count(*)::int AS n FROM users`)).toEqual(before);
  });

  it.each([
    ['a username with a space', { username: 'al ice' }, 'username', 'al ice'],
    ['a one-character username', { username: 'a' }, 'username', 'a'],
    ['a username starting with a dot', { username: '.hidden' }, 'username', '.hidden'],
    ['an e-mail address as username', { username: 'al@example.com' }, 'username', 'al@example.com'],
    ['an unknown role', { role: 'superuser' }, 'role', 'superuser'],
    ['a display name over 200 characters', { displayName: 'x'.repeat(201) }, 'displayName', 'x'.repeat(201)],
  ])('refuses %s with 400 naming the field and value', async (_name, override, field, value) => {
    const response = await api().post('/api/v1/users').send({ ...userBody(), ...override }).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value })]));
  });

  it('is for admins only', async () => {
    expect((await t.request('responder').get('/api/v1/users').expect(403)).body.code).toBe('ROLE_TOO_LOW');
    await t.request('responder').post('/api/v1/users').send(userBody()).expect(403);
    await t.anonymous().get('/api/v1/users').expect(401);
    const browser = await signedInUser(t, 'viewer');
    await browser.browser.get('/api/v1/users').expect(403);
  });

  it('changes display name and role with the version read, and refuses a stale version with 409 and the current version', async () => {
    const { username } = await createUser(t, { role: 'viewer' });
    const changed = await api().patch(`/api/v1/users/${username}`).send({ version: 1, displayName: 'Vic', role: 'responder' }).expect(200);
    expect(changed.body).toMatchObject({ displayName: 'Vic', role: 'responder', version: 2 });
    const stale = await api().patch(`/api/v1/users/${username}`).send({ version: 1, role: 'admin' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2, givenVersion: 1 });
    expect((await api().get(`/api/v1/users/${username}`).expect(200)).body.role).toBe('responder');

    const events = await auditOf(username);
    expect(events.map((e) => e.action)).toEqual(['user.create', 'user.update']);
    expect(events[1]).toMatchObject({ before: { role: 'viewer', displayName: expect.any(String), version: 1 }, after: { role: 'responder', displayName: 'Vic', version: 2 } });
  });

  it('refuses a null display name, an unknown field or a missing version', async () => {
    const { username } = await createUser(t);
    await api().patch(`/api/v1/users/${username}`).send({ version: 1, displayName: null }).expect(400);
    await api().patch(`/api/v1/users/${username}`).send({ version: 1, password: 'x' }).expect(400);
    expect((await api().patch(`/api/v1/users/${username}`).send({ role: 'viewer' }).expect(400)).body.errors[0].field).toBe('version');
  });

  it('disabling ends the user\'s sessions and stops sign-in; enabling lets them sign in again', async () => {
    const user = await signedInUser(t);
    expect(await liveSessions(user.id)).toBe(1);
    const { body: current } = await api().get(`/api/v1/users/${user.username}`).expect(200);
    const disabled = await api().patch(`/api/v1/users/${user.username}`).send({ version: current.version, disabled: true }).expect(200);
    expect(disabled.body).toMatchObject({ disabled: true, disabledAt: START.toISOString() });
    expect(await liveSessions(user.id)).toBe(0);
    await user.browser.get('/api/v1/incidents').expect(401);
    await t.anonymous().post('/api/v1/auth/sign-in').send({ username: user.username, password: user.password }).expect(401);

    await api().patch(`/api/v1/users/${user.username}`).send({ version: disabled.body.version, disabled: false }).expect(200);
    await t.anonymous().post('/api/v1/auth/sign-in').send({ username: user.username, password: user.password }).expect(200);
    expect((await auditOf(user.username)).map((e) => e.action)).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
  });

  it('never disables or demotes the last active admin (422 LAST_ADMIN), but does once there is another', async () => {
    await createUser(t, { username: 'boss', role: 'admin' });
    const disable = await api().patch('/api/v1/users/boss').send({ version: 1, disabled: true }).expect(422);
    expect(disable.body).toMatchObject({ code: 'LAST_ADMIN', username: 'boss' });
    expect((await api().patch('/api/v1/users/boss').send({ version: 1, role: 'responder' }).expect(422)).body.code).toBe('LAST_ADMIN');
    expect((await api().get('/api/v1/users/boss').expect(200)).body).toMatchObject({ role: 'admin', disabled: false, version: 1 });

    await createUser(t, { username: 'deputy', role: 'admin' });
    await api().patch('/api/v1/users/boss').send({ version: 1, role: 'responder' }).expect(200);
    const last = await api().patch('/api/v1/users/deputy').send({ version: 1, disabled: true }).expect(422);
    expect(last.body.message).toContain('deputy is the last active admin');
    // Changes that keep them an active admin are fine.
    await api().patch('/api/v1/users/deputy').send({ version: 1, displayName: 'The Deputy', role: 'admin', disabled: false }).expect(200);
    expect((await auditOf('boss')).map((e) => e.action)).toEqual(['user.create', 'user.update']);
  });

  it('resets a password: a new one-time password returned once, the old password and the sessions stop working', async () => {
    const user = await signedInUser(t);
    const reset = await api().post(`/api/v1/users/${user.username}/reset-password`).expect(200);
    expect(reset.body.oneTimePassword).toMatch(ONE_TIME_PASSWORD);
    expect(reset.body.user).toMatchObject({ username: user.username, mustChangePassword: true, passwordExpiresAt: '2026-03-03T09:00:00.000Z' });
    await user.browser.get('/api/v1/incidents').expect(401);
    await t.anonymous().post('/api/v1/auth/sign-in').send({ username: user.username, password: GOOD_PASSWORD }).expect(401);
    const signIn = await t.anonymous().post('/api/v1/auth/sign-in').send({ username: user.username, password: reset.body.oneTimePassword }).expect(200);
    expect(signIn.body.mustChangePassword).toBe(true);

    const events = await auditOf(user.username);
    const resetEvent = events.find((e) => e.action === 'user.reset_password')!;
    expect(resetEvent).toMatchObject({ before: { mustChangePassword: false }, after: { mustChangePassword: true } });
    expect(JSON.stringify(events)).not.toContain(reset.body.oneTimePassword);
    await api().post('/api/v1/users/nobody/reset-password').expect(404);
  });

  it('records every account change in the audit trail without any password or hash', async () => {
    const rows: { action: string; before: unknown; after: unknown }[] = await t.db.dataSource.query(
      `SELECT action, before, after FROM audit_events WHERE entity_type = 'user'`,
    );
    expect([...new Set(rows.map((r) => r.action))]).toEqual(
      expect.arrayContaining(['user.create', 'user.update', 'user.disable', 'user.enable', 'user.reset_password', 'user.password_change', 'user.sign_in', 'user.sign_in_failed']),
    );
    const hashes: { password_hash: string }[] = await t.db.dataSource.query(`SELECT password_hash FROM users`);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/argon2|passwordHash|password_hash/);
    expect(text).not.toContain(GOOD_PASSWORD);
    for (const { password_hash } of hashes) expect(text).not.toContain(password_hash);
  });
});
