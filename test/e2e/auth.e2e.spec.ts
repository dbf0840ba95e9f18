import type { Response } from 'supertest';
import { incidentBody } from '../factories/incidents.js';
import { createUser, GOOD_PASSWORD, signedInUser } from '../factories/users.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

const START = new Date('2026-03-02T09:00:00.000Z');
const HOUR = 3600_000;

/** The Set-Cookie line of the session cookie. */
function sessionCookie(response: Response): string {
  const lines = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith('hindsight_session='));
  if (!line) throw new Error(`no session cookie in ${JSON.stringify(lines)}`);
  return line;
}

/** `hindsight_session=<value>` as a browser sends it back. */
const cookiePair = (setCookie: string) => setCookie.split(';')[0];

interface AuditRow {
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  entity_label: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

describe('browser sign-in, sessions and password change', () => {
  let t: TestApp;
  const clock = new FixedClock(START);
  beforeAll(async () => {
    // A report time zone other than the default, which the session names for the web app (its months).
    t = await startTestApp({ clock, env: { REPORT_TIMEZONE: 'Europe/Berlin' } });
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(START));

  const audit = (action: string, label: string): Promise<AuditRow[]> =>
    t.db.dataSource.query(`SELECT * FROM audit_events WHERE action = $1 AND entity_label = $2 ORDER BY id`, [action, label]);

  it('first sign-in with the one-time password allows only session, password change and sign-out until the password is changed', async () => {
    const { id, username, oneTimePassword } = await createUser(t, { role: 'responder', displayName: 'Rita Responder' });
    const browser = t.anonymous();

    const signIn = await browser.post('/api/v1/auth/sign-in').send({ username: username.toUpperCase(), password: oneTimePassword }).expect(200);
    expect(signIn.body).toEqual({
      actor: { type: 'user', name: username, role: 'responder', displayName: 'Rita Responder' },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      mustChangePassword: true,
      expiresAt: new Date(START.getTime() + 7 * 24 * HOUR).toISOString(),
      reportTimeZone: 'Europe/Berlin',
    });
    const csrf = signIn.body.csrfToken as string;

    const read = await browser.get('/api/v1/incidents').expect(403);
    expect(read.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect((await browser.post('/api/v1/incidents').set('X-CSRF-Token', csrf).send(incidentBody()).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const session = await browser.get('/api/v1/auth/session').expect(200);
    expect(session.body).toMatchObject({ csrfToken: csrf, mustChangePassword: true, actor: { name: username }, reportTimeZone: 'Europe/Berlin' });

    const weak = `${username}-1`;
    const refused = await browser.post('/api/v1/auth/password').set('X-CSRF-Token', csrf).send({ currentPassword: oneTimePassword, newPassword: weak }).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'newPassword', value: '***', problems: [expect.stringContaining('at least 12 characters')] },
    ]);
    expect(refused.body.message).toContain('must not contain the username');
    expect(JSON.stringify(refused.body)).not.toContain(weak);

    const wrongCurrent = await browser.post('/api/v1/auth/password').set('X-CSRF-Token', csrf).send({ currentPassword: 'not-it-at-all', newPassword: GOOD_PASSWORD }).expect(400);
    expect(wrongCurrent.body.errors[0]).toMatchObject({ field: 'currentPassword', value: '***' });
    expect(JSON.stringify(wrongCurrent.body)).not.toContain('not-it-at-all');

    await browser.post('/api/v1/auth/password').set('X-CSRF-Token', csrf).send({ currentPassword: oneTimePassword, newPassword: GOOD_PASSWORD }).expect(204);
    expect((await browser.get('/api/v1/auth/session').expect(200)).body.mustChangePassword).toBe(false);
    await browser.get('/api/v1/incidents').expect(200);

    const [row] = await t.db.dataSource.query(`SELECT must_change_password, password_expires_at, password_hash FROM users WHERE id = $1`, [id]);
    expect(row).toMatchObject({ must_change_password: false, password_expires_at: null });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const [change] = await audit('user.password_change', username);
    expect(change).toMatchObject({ actor_type: 'user', actor_id: id, entity_id: id, before: { mustChangePassword: true }, after: { mustChangePassword: false } });
    expect(JSON.stringify(change)).not.toMatch(/argon2|passwordHash|correct horse/);
    expect(await audit('user.sign_in', username)).toEqual([expect.objectContaining({ actor_type: 'user', actor_id: id, ip: expect.stringContaining('127.0.0.1') })]);
  });

  it('signs in again with the chosen password; the one-time password stops working', async () => {
    const { username, oneTimePassword } = await createUser(t);
    const browser = t.anonymous();
    const first = await browser.post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(200);
    await browser.post('/api/v1/auth/password').set('X-CSRF-Token', first.body.csrfToken).send({ currentPassword: oneTimePassword, newPassword: GOOD_PASSWORD }).expect(204);

    await t.anonymous().post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(401);
    const again = await t.anonymous().post('/api/v1/auth/sign-in').send({ username, password: GOOD_PASSWORD }).expect(200);
    expect(again.body.mustChangePassword).toBe(false);
  });

  it('a password change ends the user\'s other sessions and keeps this one', async () => {
    const user = await signedInUser(t);
    const other = t.anonymous();
    await other.post('/api/v1/auth/sign-in').send({ username: user.username, password: user.password }).expect(200);
    await other.get('/api/v1/incidents').expect(200);

    const newPassword = 'another long passphrase here';
    await user.browser.post('/api/v1/auth/password').set('X-CSRF-Token', user.csrfToken).send({ currentPassword: user.password, newPassword }).expect(204);
    await user.browser.get('/api/v1/incidents').expect(200);
    await other.get('/api/v1/incidents').expect(401);
  });

  it('checks the CSRF token on cookie writes: missing 403, wrong 403, right one passes', async () => {
    const { browser, csrfToken } = await signedInUser(t, 'responder');
    expect((await browser.post('/api/v1/incidents').send(incidentBody()).expect(403)).body.code).toBe('CSRF_TOKEN_MISSING');
    expect((await browser.post('/api/v1/incidents').set('X-CSRF-Token', `${csrfToken}x`).send(incidentBody()).expect(403)).body.code).toBe('CSRF_TOKEN_INVALID');
    const created = await browser.post('/api/v1/incidents').set('X-CSRF-Token', csrfToken).send(incidentBody({ title: 'Made in the browser' })).expect(201);
    expect(created.body.title).toBe('Made in the browser');
  });

  it('sets a signed, HttpOnly, SameSite=Lax session cookie for the whole site that lasts 7 days, not Secure over plain HTTP', async () => {
    const { username, oneTimePassword } = await createUser(t);
    const response = await t.anonymous().post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(200);
    const cookie = sessionCookie(response);
    const attributes = cookie.split(';').map((part) => part.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', `Max-Age=${7 * 24 * 3600}`]));
    expect(attributes).not.toContain('Secure');
    // cookie-parser's signed form: "s:" + value + "." + HMAC, URL-encoded.
    expect(decodeURIComponent(cookiePair(cookie).split('=')[1])).toMatch(/^s:[A-Za-z0-9_-]{43}\.[A-Za-z0-9+/]{43}$/);
    const [session] = await t.db.dataSource.query(`SELECT expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1`, [username]);
    expect(session.expires_at.toISOString()).toBe(new Date(START.getTime() + 7 * 24 * HOUR).toISOString());
  });

  it('refuses a tampered cookie, and the bare secret without its signature, with 401', async () => {
    const { username, oneTimePassword } = await createUser(t);
    const response = await t.anonymous().post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(200);
    const pair = cookiePair(sessionCookie(response));
    await t.anonymous().get('/api/v1/auth/session').set('Cookie', pair).expect(200);

    const signed = decodeURIComponent(pair.split('=')[1]);
    const secret = signed.slice(2, signed.lastIndexOf('.'));
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const tampered = `hindsight_session=${encodeURIComponent(`s:${flipped}${signed.slice(signed.lastIndexOf('.'))}`)}`;
    expect((await t.anonymous().get('/api/v1/auth/session').set('Cookie', tampered).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await t.anonymous().get('/api/v1/auth/session').set('Cookie', `hindsight_session=${secret}`).expect(401);
  });

  it('sign-out ends the session, clears the cookie and needs the CSRF header', async () => {
    const { username, oneTimePassword } = await createUser(t);
    const browser = t.anonymous();
    const signIn = await browser.post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(200);
    const pair = cookiePair(sessionCookie(signIn));

    expect((await browser.post('/api/v1/auth/sign-out').expect(403)).body.code).toBe('CSRF_TOKEN_MISSING');
    const out = await browser.post('/api/v1/auth/sign-out').set('X-CSRF-Token', signIn.body.csrfToken).expect(204);
    expect(sessionCookie(out)).toMatch(/^hindsight_session=;.*Expires=Thu, 01 Jan 1970/);
    await browser.get('/api/v1/auth/session').expect(401);
    await t.anonymous().get('/api/v1/auth/session').set('Cookie', pair).expect(401);

    const [row] = await t.db.dataSource.query(`SELECT s.id, s.revoked_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1`, [username]);
    expect(row.revoked_at).not.toBeNull();
    expect(await audit('session.sign_out', username)).toEqual([expect.objectContaining({ actor_type: 'user', entity_type: 'session', entity_id: row.id })]);
  });

  it('answers a wrong password and an unknown username with the same 401, and audits both', async () => {
    const { id, username } = await createUser(t);
    const wrong = await t.anonymous().post('/api/v1/auth/sign-in').send({ username, password: 'not the password at all' }).expect(401);
    const unknown = await t.anonymous().post('/api/v1/auth/sign-in').send({ username: 'nobody-here', password: 'not the password at all' }).expect(401);
    expect(wrong.body.message).toBe('username or password is wrong');
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    expect(await audit('user.sign_in_failed', username)).toEqual([
      expect.objectContaining({ actor_type: 'user', actor_id: id, actor_name: username, entity_id: id, after: { reason: 'wrong_password' } }),
    ]);
    expect(await audit('user.sign_in_failed', 'nobody-here')).toEqual([
      expect.objectContaining({ actor_type: 'system', actor_id: null, actor_name: 'nobody-here', entity_id: null, after: { reason: 'unknown_user' } }),
    ]);
  });

  it('refuses an expired one-time password and says how to get a new one', async () => {
    const { username, oneTimePassword } = await createUser(t);
    clock.set(new Date(START.getTime() + 24 * HOUR - 1000));
    await t.anonymous().post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(200);
    clock.set(new Date(START.getTime() + 24 * HOUR));
    const expired = await t.anonymous().post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(401);
    expect(expired.body.message).toContain('expired');
    expect(expired.body.message).toContain(`npx hindsight user reset-password ${username}`);
    expect(expired.body.reason).toBe('PASSWORD_EXPIRED');
    expect(expired.headers['set-cookie']).toBeUndefined();
  });

  it('refuses sign-in for a disabled user, and ends the sessions they had', async () => {
    const user = await signedInUser(t);
    const { body: current } = await t.request().get(`/api/v1/users/${user.username}`).expect(200);
    await t.request().patch(`/api/v1/users/${user.username}`).send({ version: current.version, disabled: true }).expect(200);

    await user.browser.get('/api/v1/incidents').expect(401);
    const refused = await t.anonymous().post('/api/v1/auth/sign-in').send({ username: user.username, password: user.password }).expect(401);
    expect(refused.body.message).toContain('disabled');
  });

  it('signs a browser in with an API token; revoking the token ends that session', async () => {
    const { body: created } = await t.request().post('/api/v1/tokens').send({ name: 'browser-token', role: 'responder' }).expect(201);
    const browser = t.anonymous();
    const signIn = await browser.post('/api/v1/auth/sign-in/token').send({ token: created.secret }).expect(200);
    expect(signIn.body).toMatchObject({ actor: { type: 'token', name: 'browser-token', role: 'responder', displayName: 'browser-token' }, mustChangePassword: false });
    expect(sessionCookie(signIn)).toContain('HttpOnly');
    await browser.post('/api/v1/incidents').set('X-CSRF-Token', signIn.body.csrfToken).send(incidentBody()).expect(201);
    const [session] = await t.db.dataSource.query(`SELECT token_id, user_id FROM sessions WHERE token_id = $1`, [created.token.id]);
    expect(session).toEqual({ token_id: created.token.id, user_id: null });

    expect((await browser.post('/api/v1/auth/password').set('X-CSRF-Token', signIn.body.csrfToken).send({ currentPassword: 'x', newPassword: GOOD_PASSWORD }).expect(422)).body.code).toBe('NOT_A_USER');

    await t.request().post('/api/v1/tokens/browser-token/revoke').expect(200);
    await browser.get('/api/v1/auth/session').expect(401);
    await t.anonymous().post('/api/v1/auth/sign-in/token').send({ token: created.secret }).expect(401);
    const [event] = await audit('token.sign_in', 'browser-token');
    expect(event).toMatchObject({ actor_type: 'token', actor_id: created.token.id, entity_type: 'token', entity_id: created.token.id });
  });

  it('describes a bearer caller: no CSRF token, no expiry, no password, no session to sign out of', async () => {
    const session = await t.request('viewer').get('/api/v1/auth/session').expect(200);
    expect(session.body).toEqual({
      actor: { type: 'token', name: 'test-viewer', role: 'viewer', displayName: 'test-viewer' }, csrfToken: null, mustChangePassword: false, expiresAt: null,
      reportTimeZone: 'Europe/Berlin',
    });
    expect((await t.request('viewer').post('/api/v1/auth/password').send({ currentPassword: 'x', newPassword: GOOD_PASSWORD }).expect(422)).body.code).toBe('NOT_A_USER');
    expect((await t.request('viewer').post('/api/v1/auth/sign-out').expect(422)).body.code).toBe('NO_SESSION');
  });

  it('keeps session, sign-out and password change closed to anonymous callers', async () => {
    await t.anonymous().get('/api/v1/auth/session').expect(401);
    await t.anonymous().post('/api/v1/auth/sign-out').expect(401);
    await t.anonymous().post('/api/v1/auth/password').send({ currentPassword: 'x', newPassword: GOOD_PASSWORD }).expect(401);
  });

  it('refuses a malformed sign-in body with 400 and never echoes the password', async () => {
    const missing = await t.anonymous().post('/api/v1/auth/sign-in').send({ username: 'someone' }).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    await t.anonymous().post('/api/v1/auth/sign-in').send({ username: 'someone', password: 'x', remember: true }).expect(400);
  });
});

describe('sign-in rate limits', () => {
  let t: TestApp;
  const clock = new FixedClock(START);
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  const signIn = (address: string, body: object) => t.anonymous().post('/api/v1/auth/sign-in').set('X-Forwarded-For', address).send(body);

  it('backs a username off from an address after 5 failures, with Retry-After; the right password from another address still works', async () => {
    const { username, oneTimePassword } = await createUser(t);
    for (let i = 0; i < 5; i += 1) await signIn('192.0.2.1', { username, password: `wrong password ${i}` }).expect(401);
    const blocked = await signIn('192.0.2.1', { username, password: oneTimePassword }).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.headers['retry-after']).toBe('1');
    await signIn('192.0.2.2', { username, password: oneTimePassword }).expect(200);

    clock.set(new Date(START.getTime() + 1000));
    await signIn('192.0.2.1', { username, password: oneTimePassword }).expect(200);
  });

  it('backs an address off after 20 failures, whichever usernames it tries; token sign-ins count apart', async () => {
    clock.set(new Date(START.getTime() + 2 * HOUR));
    const { username, oneTimePassword } = await createUser(t);
    for (let i = 0; i < 20; i += 1) await signIn('192.0.2.3', { username: `guess-${i}`, password: 'wrong password' }).expect(401);
    const blocked = await signIn('192.0.2.3', { username, password: oneTimePassword }).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await t.anonymous().post('/api/v1/auth/sign-in/token').set('X-Forwarded-For', '192.0.2.3').send({ token: t.tokens.viewer }).expect(200);
  });
});

describe('sign-in throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers the 61st password sign-in request within a minute from one address with 429 and Retry-After, except from a browser that signed in before', async () => {
    const { username, oneTimePassword } = await createUser(t);
    const browser = t.anonymous();
    await browser.post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(200);
    for (let i = 1; i < 60; i += 1) {
      const response = await t.anonymous().post('/api/v1/auth/sign-in').send({ username: `guess-${i}`, password: 'wrong password' });
      expect([401, 429]).toContain(response.status);
      expect(response.body.code).not.toBe('TOO_MANY_REQUESTS');
    }
    const throttled = await t.anonymous().post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(429);
    expect(throttled.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // The browser's device cookie gives it a budget of its own.
    await browser.post('/api/v1/auth/sign-in').send({ username, password: oneTimePassword }).expect(200);
    // Token sign-ins run no argon2 and are not throttled this way; nor is the rest of the API.
    await t.anonymous().post('/api/v1/auth/sign-in/token').send({ token: t.tokens.admin }).expect(200);
    await t.request().get('/api/v1/auth/session').expect(200);
  });
});
