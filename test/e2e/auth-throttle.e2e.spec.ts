import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { createUser, GOOD_PASSWORD, signedInUser } from '../factories/users.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

/**
 * Failed credential checks are throttled, valid credentials never (src/auth/failure-throttle.ts): per
 * address and credential with back-off, in PostgreSQL, so instances share the counters and restarts keep them.
 * Client addresses come from X-Forwarded-For (TRUST_PROXY=true).
 */
const START = new Date('2026-03-02T10:00:00.000Z');
const PROXY = { TRUST_PROXY: 'true' };
const SIGN_IN = '/api/v1/auth/sign-in';
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);

function expectThrottled(response: Response, retryAfter?: number): void {
  expect([response.status, response.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
  const header = Number(response.headers['retry-after']);
  expect(response.body.retryAfterSeconds).toBe(header);
  if (retryAfter === undefined) expect(header).toBeGreaterThan(0);
  else expect(header).toBe(retryAfter);
}

describe('failure throttle', () => {
  let t: TestApp;
  const clock = new FixedClock(START);
  beforeAll(async () => {
    t = await startTestApp({ clock, env: PROXY });
  });
  afterAll(() => t.close());

  const bearer = (address: string, token: string) =>
    t.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', address).set('Authorization', `Bearer ${token}`);
  const signIn = (address: string, username: string, password: string, browser = t.anonymous()) =>
    browser.post(SIGN_IN).set('X-Forwarded-For', address).send({ username, password });
  const rowsOf = async (client: string): Promise<number> =>
    Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM auth_failures WHERE client = $1`, [client]))[0].n);

  describe('bearer tokens', () => {
    it('a valid token works after 20+ bad tokens from its address; from the 21st the bad ones get 429; other addresses are unaffected', async () => {
      for (let attempt = 1; attempt <= 20; attempt++) {
        const response = await bearer('203.0.113.7', `hst_wrong${attempt}`);
        expect([attempt, response.status, response.body.code]).toEqual([attempt, 401, 'UNAUTHENTICATED']);
      }
      expectThrottled(await bearer('203.0.113.7', 'hst_wrong21'), 1);
      await bearer('203.0.113.7', t.tokens.viewer).expect(200);
      await bearer('203.0.113.7', t.tokens.admin).expect(200);
      await bearer('203.0.113.8', 'hst_wrong21').expect(401);
      // The token sign-in counts on the same keys and lets the valid token in just the same.
      expectThrottled(await t.anonymous().post('/api/v1/auth/sign-in/token').set('X-Forwarded-For', '203.0.113.7').send({ token: 'hst_wrong22' }));
      await t.anonymous().post('/api/v1/auth/sign-in/token').set('X-Forwarded-For', '203.0.113.7').send({ token: t.tokens.admin }).expect(200);
    });

    it('backs one bad token off from one address: 5 failures, then 1 s, doubling per failure up to 15 minutes', async () => {
      clock.set(at(3600 * 2));
      const address = '203.0.113.20';
      for (let attempt = 1; attempt <= 5; attempt++) await bearer(address, 'hst_stale').expect(401);
      const waits: number[] = [];
      for (let block = 0; block < 12; block++) {
        const blocked = await bearer(address, 'hst_stale');
        expectThrottled(blocked);
        waits.push(Number(blocked.headers['retry-after']));
        await bearer(address, t.tokens.viewer).expect(200);
        // Just before the block ends: still refused, and not counted.
        clock.set(new Date(clock.now().getTime() + waits[block] * 1000 - 500));
        expectThrottled(await bearer(address, 'hst_stale'), 1);
        clock.set(new Date(clock.now().getTime() + 500));
        await bearer(address, 'hst_stale').expect(401);
      }
      expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    });

    it('forgets an address an hour after its last failure; the next failure anywhere prunes its rows', async () => {
      clock.set(at(3600 * 10));
      const address = '203.0.113.30';
      for (let attempt = 1; attempt <= 6; attempt++) await bearer(address, 'hst_old');
      expectThrottled(await bearer(address, 'hst_old'));
      expect(await rowsOf(address)).toBe(2);

      clock.set(at(3600 * 11 - 1));
      await bearer('203.0.113.31', 'hst_other').expect(401);
      expect(await rowsOf(address)).toBe(2);
      clock.set(at(3600 * 11 + 1));
      await bearer('203.0.113.31', 'hst_other').expect(401);
      expect(await rowsOf(address)).toBe(0);
      await bearer(address, 'hst_old').expect(401);
    });

    it('takes a client-written address of any length (TRUST_PROXY=true) as a key without failing', async () => {
      const address = randomBytes(3000).toString('hex');
      await bearer(address, 'hst_long').expect(401);
      await signIn(address, 'nobody-long', 'wrong password').expect(401);
    });

    it('keeps the table small under a flood of distinct bad tokens: a blocked address adds no rows', async () => {
      clock.set(at(3600 * 20));
      const address = '203.0.113.40';
      const statuses: number[] = [];
      for (let attempt = 1; attempt <= 60; attempt++) statuses.push((await bearer(address, `hst_flood${attempt}`)).status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(20);
      expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
      expect(await rowsOf(address)).toBe(21);
    });
  });

  describe('passwords', () => {
    it('the admin\'s correct password works from another address while admin is attacked; the attacker backs off', async () => {
      clock.set(at(3600 * 30));
      const admin = await createUser(t, { role: 'admin' });
      const statuses: number[] = [];
      for (let attempt = 1; attempt <= 12; attempt++) statuses.push((await signIn('198.51.100.1', admin.username, `guess ${attempt}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
      expectThrottled(await signIn('198.51.100.1', admin.username, 'guess 13'), 1);

      const signedIn = await signIn('198.51.100.2', admin.username, admin.oneTimePassword).expect(200);
      expect(signedIn.body.actor.name).toBe(admin.username);
    });

    it('from the attacker\'s own address, a browser that signed in before still signs in; a new browser waits out the back-off', async () => {
      clock.set(at(3600 * 40));
      const admin = await createUser(t, { role: 'admin' });
      const browser = t.anonymous();
      const first = await signIn('198.51.100.10', admin.username, admin.oneTimePassword, browser).expect(200);
      const device = ([] as string[]).concat(first.headers['set-cookie'] ?? []).find((line) => line.startsWith('hindsight_device='));
      expect(device).toMatch(/Path=\/api\/v1\/auth;.*HttpOnly/);

      for (let attempt = 1; attempt <= 25; attempt++) await signIn('198.51.100.10', admin.username, `guess ${attempt}`);
      expectThrottled(await signIn('198.51.100.10', admin.username, 'guess 26'));

      await signIn('198.51.100.10', admin.username, admin.oneTimePassword, browser).expect(200);
      expectThrottled(await signIn('198.51.100.10', admin.username, admin.oneTimePassword));
      // A wrong password from the known browser counts on the browser's own key, not the attacker's.
      await signIn('198.51.100.10', admin.username, 'typo', browser).expect(401);
      await signIn('198.51.100.10', admin.username, admin.oneTimePassword, browser).expect(200);
    });

    it('a correct password clears its failures: the next typo starts from zero', async () => {
      clock.set(at(3600 * 50));
      const user = await createUser(t);
      for (let attempt = 1; attempt <= 4; attempt++) await signIn('198.51.100.20', user.username, `typo ${attempt}`).expect(401);
      await signIn('198.51.100.20', user.username, user.oneTimePassword).expect(200);
      for (let attempt = 1; attempt <= 4; attempt++) await signIn('198.51.100.20', user.username, `typo ${attempt}`).expect(401);
      await signIn('198.51.100.20', user.username, user.oneTimePassword).expect(200);
    });

    it('backs wrong current passwords off per address; the right one from another address still changes the password', async () => {
      clock.set(at(3600 * 60));
      const user = await signedInUser(t);
      const change = (address: string, currentPassword: string) =>
        user.browser.post('/api/v1/auth/password').set('X-Forwarded-For', address).set('X-CSRF-Token', user.csrfToken)
          .send({ currentPassword, newPassword: 'another good long passphrase' });
      for (let attempt = 1; attempt <= 5; attempt++) expect((await change('198.51.100.30', `typo ${attempt}`)).status).toBe(400);
      expectThrottled(await change('198.51.100.30', GOOD_PASSWORD), 1);
      await change('198.51.100.31', GOOD_PASSWORD).expect(204);
    });
  });
});

describe('failure counters in PostgreSQL', () => {
  let first: TestApp;
  const clock = new FixedClock(START);
  beforeAll(async () => {
    first = await startTestApp({ clock, env: PROXY });
  });
  afterAll(() => first.close());

  it('two instances on one database share them', async () => {
    const second = await startTestApp({ clock, env: PROXY, sharing: first });
    try {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const instance = attempt % 2 === 0 ? first : second;
        await instance.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', '192.0.2.1').set('Authorization', 'Bearer hst_shared').expect(401);
      }
      expectThrottled(await first.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', '192.0.2.1').set('Authorization', 'Bearer hst_shared'), 1);
      expectThrottled(await second.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', '192.0.2.1').set('Authorization', 'Bearer hst_shared'), 1);

      const user = await createUser(first);
      for (let attempt = 1; attempt <= 5; attempt++) {
        await second.anonymous().post(SIGN_IN).set('X-Forwarded-For', '192.0.2.2').send({ username: user.username, password: `x${attempt}` }).expect(401);
      }
      expectThrottled(await first.anonymous().post(SIGN_IN).set('X-Forwarded-For', '192.0.2.2').send({ username: user.username, password: 'x6' }), 1);
    } finally {
      await second.close();
    }
  });

  it('counts concurrent failures on two instances exactly (one atomic upsert each)', async () => {
    clock.set(at(7200));
    const second = await startTestApp({ clock, env: PROXY, sharing: first });
    try {
      const responses = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          (i % 2 === 0 ? first : second).anonymous().get('/api/v1/incidents').set('X-Forwarded-For', '192.0.2.9').set('Authorization', `Bearer hst_burst${i}`),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(16).fill(401));
      const [row] = await first.db.dataSource.query(`SELECT failures FROM auth_failures WHERE client = '192.0.2.9' AND credential = '*'`);
      expect(row.failures).toBe(16);
    } finally {
      await second.close();
    }
  });

  it('a restart keeps them', async () => {
    clock.set(at(3600));
    const before = await startTestApp({ clock, env: PROXY, sharing: first });
    try {
      for (let attempt = 1; attempt <= 5; attempt++) {
        await before.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', '192.0.2.3').set('Authorization', 'Bearer hst_restart').expect(401);
      }
    } finally {
      await before.close();
    }
    const after = await startTestApp({ clock, env: PROXY, sharing: first });
    try {
      expectThrottled(await after.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', '192.0.2.3').set('Authorization', 'Bearer hst_restart'), 1);
      await after.request('viewer').get('/api/v1/incidents').set('X-Forwarded-For', '192.0.2.3').expect(200);
    } finally {
      await after.close();
    }
  });
});
