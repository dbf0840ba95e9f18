import { createHash } from 'node:crypto';
import { signedInUser } from '../factories/users.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

const START = new Date('2026-03-02T09:00:00.000Z');

describe('API tokens API', () => {
  let t: TestApp;
  const clock = new FixedClock(START);
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  const api = () => t.request('admin');

  it('creates a token whose secret is shown once, works as a bearer token with its role, and is stored only as a hash', async () => {
    const created = await api().post('/api/v1/tokens').send({ name: 'grafana', role: 'viewer' }).expect(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^hst_[A-Za-z0-9_-]{43}$/);
    expect(created.body.token).toMatchObject({
      name: 'grafana', role: 'viewer', status: 'active', prefix: `${secret.slice(0, 10)}…`, createdBy: 'test-admin', expiresAt: null, revokedAt: null,
    });

    const bearer = t.anonymous().set('Authorization', `Bearer ${secret}`);
    await bearer.get('/api/v1/incidents').expect(200);
    expect((await t.anonymous().set('Authorization', `Bearer ${secret}`).post('/api/v1/incidents').send({}).expect(403)).body.code).toBe('ROLE_TOO_LOW');

    const [row] = await t.db.dataSource.query(`SELECT secret_hash FROM api_tokens WHERE name = 'grafana'`);
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    const list = await api().get('/api/v1/tokens').expect(200);
    expect(list.body.map((tk: { name: string }) => tk.name)).toEqual(expect.arrayContaining(['grafana', 'test-admin']));
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(list.body)).not.toContain(row.secret_hash);
  });

  it('gives a token a lifetime with expiresIn, after which it is refused', async () => {
    const created = await api().post('/api/v1/tokens').send({ name: 'short-lived', role: 'viewer', expiresIn: '12h' }).expect(201);
    expect(created.body.token.expiresAt).toBe('2026-03-02T21:00:00.000Z');
    const bearer = () => t.anonymous().set('Authorization', `Bearer ${created.body.secret}`);
    await bearer().get('/api/v1/incidents').expect(200);
    clock.set(new Date('2026-03-02T21:00:00.000Z'));
    try {
      await bearer().get('/api/v1/incidents').expect(401);
      const listed = (await api().get('/api/v1/tokens').expect(200)).body.find((tk: { name: string }) => tk.name === 'short-lived');
      expect(listed.status).toBe('expired');
    } finally {
      clock.set(START);
    }
  });

  it.each([
    ['an unknown role', { name: 'x1', role: 'root' }, 'role', 'root'],
    ['a name with a space', { name: 'my token', role: 'viewer' }, 'name', 'my token'],
    ['a lifetime that is not a duration', { name: 'x2', role: 'viewer', expiresIn: 'forever' }, 'expiresIn', 'forever'],
  ])('refuses %s with 400 naming the field and value', async (_name, body, field, value) => {
    const response = await api().post('/api/v1/tokens').send(body).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, value })]));
  });

  it('refuses a second token with the same name with 409', async () => {
    await api().post('/api/v1/tokens').send({ name: 'twice', role: 'viewer' }).expect(201);
    expect((await api().post('/api/v1/tokens').send({ name: 'twice', role: 'admin' }).expect(409)).body.code).toBe('ALREADY_EXISTS');
  });

  it('revokes a token by name or id: it gets 401 at once, and a second revoke is refused', async () => {
    const created = await api().post('/api/v1/tokens').send({ name: 'ci', role: 'responder' }).expect(201);
    const bearer = () => t.anonymous().set('Authorization', `Bearer ${created.body.secret}`);
    await bearer().get('/api/v1/incidents').expect(200);

    const revoked = await api().post(`/api/v1/tokens/${created.body.token.id}/revoke`).expect(200);
    expect(revoked.body).toMatchObject({ name: 'ci', status: 'revoked', revokedAt: START.toISOString() });
    expect((await bearer().get('/api/v1/incidents').expect(401)).body.message).toContain('unknown, expired or revoked');
    expect((await api().post('/api/v1/tokens/ci/revoke').expect(422)).body.code).toBe('TOKEN_REVOKED');
    await api().post('/api/v1/tokens/no-such-token/revoke').expect(404);
    expect((await api().get('/api/v1/tokens').expect(200)).body.find((tk: { name: string }) => tk.name === 'ci').status).toBe('revoked');
  });

  it('is for admins only, also from a browser session (which needs the CSRF header)', async () => {
    expect((await t.request('responder').get('/api/v1/tokens').expect(403)).body.code).toBe('ROLE_TOO_LOW');
    await t.request('responder').post('/api/v1/tokens').send({ name: 'sneaky', role: 'admin' }).expect(403);
    await t.request('responder').post('/api/v1/tokens/test-admin/revoke').expect(403);
    await t.anonymous().get('/api/v1/tokens').expect(401);

    const admin = await signedInUser(t, 'admin');
    expect((await admin.browser.post('/api/v1/tokens').send({ name: 'from-browser', role: 'viewer' }).expect(403)).body.code).toBe('CSRF_TOKEN_MISSING');
    const created = await admin.browser.post('/api/v1/tokens').set('X-CSRF-Token', admin.csrfToken).send({ name: 'from-browser', role: 'viewer' }).expect(201);
    expect(created.body.token.createdBy).toBe(admin.username);
  });
});
