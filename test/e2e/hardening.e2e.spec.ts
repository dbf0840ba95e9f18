import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { Response } from 'supertest';
import { IncidentsRepository } from '../../src/incidents/incidents.repository.js';
import { actionItemBody } from '../factories/action-items.js';
import { incidentBody } from '../factories/incidents.js';
import { serviceBody, teamBody } from '../factories/teams.js';
import { timelineEntryBody } from '../factories/timeline.js';
import { FixedClock, startTestApp, type TestApp } from '../support/app.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown; enum?: unknown[]; items?: { enum?: unknown[] } };
}
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
}

/** Error bodies without internals: a stack frame, a source path, SQL. */
const INTERNALS = /\n\s+at |node_modules|\.[jt]s:\d+|\bSELECT\b|\bFROM\b|QueryFailedError|relation "/;

function expectErrorBody(response: Response, status: number, code?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), code: code ?? expect.any(String), message: expect.any(String) });
  expect(response.body).not.toHaveProperty('stack');
  expect(response.text).not.toMatch(INTERNALS);
}

describe('hardening', () => {
  let t: TestApp;
  let incidentKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    const team = (await t.request().post('/api/v1/teams').send(teamBody({ name: 'Payments' })).expect(201)).body;
    await t.request().post('/api/v1/services').send(serviceBody({ name: 'payments-api', owningTeam: team.name })).expect(201);
    const incident = (
      await t.request().post('/api/v1/incidents')
        .send(incidentBody({ title: 'Checkout 100% down', services: ['payments-api'], owningTeam: 'Payments', tags: ['db'] }))
        .expect(201)
    ).body;
    incidentKey = incident.key;
    await t.request().post('/api/v1/incidents').send(incidentBody({ title: 'queue_depth alarm' })).expect(201);
    await t.request().post('/api/v1/incidents').send(incidentBody({ title: 'Back\\slash in a path' })).expect(201);
    await t.request().post(`/api/v1/incidents/${incidentKey}/timeline`).send(timelineEntryBody()).expect(201);
    await t.request().post('/api/v1/action-items').send(actionItemBody(incidentKey, { owner: 'Dana Smith', team: 'Payments' })).expect(201);
  });
  afterAll(() => t.close());

  describe('error bodies', () => {
    const post = () => t.request('responder').post('/api/v1/incidents');

    it('answers invalid JSON with 400 INVALID_JSON saying so', async () => {
      const response = await post().set('Content-Type', 'application/json').send('{"title": "Checkout down",');
      expectErrorBody(response, 400, 'INVALID_JSON');
      expect(response.body.message).toMatch(/^The request body is not valid JSON: /);
    });

    it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE naming the limit, and takes one just under it', async () => {
      const tooLarge = await post().set('Content-Type', 'application/json').send(JSON.stringify({ title: 'x'.repeat(1_100_000) }));
      expectErrorBody(tooLarge, 413, 'PAYLOAD_TOO_LARGE');
      expect(tooLarge.body.message).toContain('1048576 bytes (1 MB)');
      const underLimit = await post().set('Content-Type', 'application/json').send(JSON.stringify({ ...incidentBody(), customerImpact: 'x'.repeat(1_000_000) }));
      expect(underLimit.status).not.toBe(413);
    });

    it.each([
      ['text/plain', 'title=Checkout down'],
      ['application/xml', '<incident><title>Checkout down</title></incident>'],
    ])('answers %s on a JSON route with 400 or 415 in the standard body', async (contentType, body) => {
      const response = await post().set('Content-Type', contentType).send(body);
      expect([400, 415]).toContain(response.status);
      expectErrorBody(response, response.status);
    });

    it('answers an unsupported charset with 415 UNSUPPORTED_CHARSET', async () => {
      const response = await post().set('Content-Type', 'application/json; charset=latin9').send('{}');
      expectErrorBody(response, 415, 'UNSUPPORTED_CHARSET');
      expect(response.body.message).toContain('charset "latin9"');
    });

    it('answers a database error with the generic 500 body: no SQL, table or stack', async () => {
      const repository = t.app.get(IncidentsRepository);
      const dataSource = t.app.get(DataSource);
      const spy = jest.spyOn(repository, 'list').mockImplementation(() => dataSource.query(`SELECT secret_column FROM incidents_archive_x WHERE title = $1`, ['x']));
      try {
        const response = await t.request('viewer').get('/api/v1/incidents');
        expectErrorBody(response, 500, 'INTERNAL');
        expect(response.body).toEqual({ statusCode: 500, error: 'Internal Server Error', code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' });
        expect(response.text).not.toMatch(/incidents_archive_x|secret_column|does not exist/);
        expect(spy).toHaveBeenCalled();
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('security headers', () => {
    /** Helmet's headers: every response carries the same ones, whoever answers it (a controller, the docs, a parser error, a 404 anywhere). */
    const SECURITY_HEADERS = [
      'content-security-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'origin-agent-cluster', 'referrer-policy',
      'strict-transport-security', 'x-content-type-options', 'x-dns-prefetch-control', 'x-download-options', 'x-frame-options',
      'x-permitted-cross-domain-policies', 'x-xss-protection',
    ];
    const securityHeaders = (response: Response) => Object.fromEntries(SECURITY_HEADERS.map((name) => [name, response.headers[name] as string | undefined]));
    const directives = (policy: string) =>
      Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...sources]) => [name, sources]));

    it('are one policy that Swagger UI and a web app at / built with Vite both work under', async () => {
      const response = await t.anonymous().get('/health').expect(200);
      expect(directives(response.headers['content-security-policy'])).toEqual({
        'default-src': ["'self'"],
        'script-src': ["'self'"], // the app's and the docs' scripts are files; no inline script runs
        'script-src-attr': ["'none'"],
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'style-src': ["'self'", "'unsafe-inline'"], // Swagger UI sets styles inline
        'font-src': ["'self'", 'https:', 'data:'],
        'frame-ancestors': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
      });
      expect(securityHeaders(response)).toMatchObject({
        'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
      });
    });

    it.each([
      ['an API response', () => t.request('viewer').get('/api/v1/incidents'), 200],
      ['an API error', () => t.anonymous().get('/api/v1/incidents'), 401],
      ['a body the parser refuses', () => t.request('responder').post('/api/v1/incidents').set('Content-Type', 'application/json').send('{"title":'), 400],
      ['an unknown API path', () => t.anonymous().get('/api/v1/nope'), 404],
      ['the health check', () => t.anonymous().get('/health'), 200],
      ['the docs page', () => t.anonymous().get('/api/docs'), 200],
      ['the docs\' stylesheet', () => t.anonymous().get('/api/docs/swagger-ui.css'), 200],
      ['the OpenAPI document', () => t.anonymous().get('/api/docs/openapi.json'), 200],
      ['a path outside the API', () => t.anonymous().get('/nope'), 404],
      ['a missing asset outside the API', () => t.anonymous().get('/assets/missing.js'), 404],
    ])('come with %s, the same as everywhere', async (_what, call, status) => {
      const reference = securityHeaders(await t.anonymous().get('/health'));
      const response = await call();
      expect(response.status).toBe(status);
      expect(securityHeaders(response)).toEqual(reference);
      expect(response.headers['content-security-policy']).toMatch(/(^|;)\s*default-src 'self'/);
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers).not.toHaveProperty('x-powered-by');
    });
  });

  describe('outside the API', () => {
    it('answers an unknown API path with the JSON 404 as before', async () => {
      const response = await t.anonymous().get('/api/v1/nope');
      expectErrorBody(response, 404, 'NOT_FOUND');
      expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'Cannot GET /api/v1/nope' });
    });

    it.each(['/nope', '/assets/missing.js', '/incidents/INC-2026-0001', '/apiary'])('answers GET %s with a plain-text 404, not JSON', async (path) => {
      const response = await t.anonymous().get(path);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(response.text).toBe('Not Found');
    });

    it('answers a body the parser refuses outside the API in plain text, without the parser\'s message or a stack', async () => {
      const response = await t.anonymous().post('/nope').set('Content-Type', 'application/json').send('{"secret": "draft');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(response.text).toBe('Bad Request');
    });
  });

  describe('SQL metacharacters', () => {
    const NASTY = [
      `'; DROP TABLE incidents; --`, '%', '_', '\\', `" OR 1=1 --`, `' OR '1'='1`, '$1', `1); SELECT pg_sleep(5); --`, `'::uuid`, '/* */', 'Zürich – 東京 🚒 ﷽',
    ];
    let doc: OpenApi;
    let counts: () => Promise<Record<string, number>>;
    let before: Record<string, number>;
    beforeAll(async () => {
      doc = (await t.anonymous().get('/api/docs/openapi.json').expect(200)).body;
      const tables: { name: string }[] = await t.db.dataSource.query(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      );
      counts = async () => {
        const entries = await Promise.all(tables.map(async ({ name }) => [name, (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM "${name}"`))[0].n]));
        return Object.fromEntries(entries);
      };
      before = await counts();
    });

    const gets = () =>
      Object.entries(doc.paths).flatMap(([path, operations]) => (operations.get ? [{ path, parameters: operations.get.parameters ?? [] }] : []));
    /** The OpenAPI path with its parameters filled: the seeded incident, or `value` for the one under test. */
    const fill = (path: string, under?: { name: string; value: string }) =>
      path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(under?.name === name ? under.value : name === 'incident' ? incidentKey : '00000000-0000-4000-8000-000000000000'));
    /** Valid values for the required query parameters (from, to, metric…), from the document's examples, except the one under test. */
    const requiredQuery = (parameters: Parameter[], except: string) =>
      Object.fromEntries(
        parameters
          .filter((p) => p.in === 'query' && p.required && p.name !== except)
          .map((p) => [p.name, String(p.example ?? p.schema?.example ?? p.schema?.enum?.[0] ?? p.schema?.items?.enum?.[0])]),
      );
    const namesParameter = (response: Response, name: string) =>
      String(response.body.message).includes(name) || (response.body.errors ?? []).some((e: { field: string }) => e.field === name);

    it('covers the list endpoints and their filters, as the OpenAPI document describes them', () => {
      const filtered = gets().filter((g) => g.parameters.some((p) => p.in === 'query')).map((g) => g.path);
      expect(filtered).toEqual(expect.arrayContaining([
        '/api/v1/incidents', '/api/v1/action-items', '/api/v1/services', '/api/v1/incidents/{incident}/timeline', '/api/v1/incidents/{incident}/action-items',
        '/api/v1/audit',
      ]));
      expect(gets().map((g) => g.path)).toEqual(expect.arrayContaining(['/api/v1/teams', '/api/v1/severity-levels', '/api/v1/retro-templates']));
    });

    it('takes them in every query parameter of every GET endpoint: 200, or 400 naming the parameter, never 500', async () => {
      const wrong: string[] = [];
      let sent = 0;
      for (const { path, parameters } of gets()) {
        for (const { name } of parameters.filter((p) => p.in === 'query')) {
          for (const value of NASTY) {
            sent++;
            const response = await t.request('admin').get(fill(path)).query({ ...requiredQuery(parameters, name), [name]: value });
            if (!(response.status === 200 || (response.status === 400 && namesParameter(response, name)))) {
              wrong.push(`GET ${path}?${name}=${value}: ${response.status} ${response.body.code} ${response.body.message}`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(sent).toBeGreaterThan(100);
    });

    it('takes them in every path parameter of every GET endpoint: 200, 400 or 404, never 500', async () => {
      const wrong: string[] = [];
      for (const { path, parameters } of gets()) {
        for (const { name } of parameters.filter((p) => p.in === 'path')) {
          for (const value of NASTY) {
            const response = await t.request('admin').get(fill(path, { name, value }));
            if (![200, 400, 404].includes(response.status)) wrong.push(`GET ${fill(path, { name, value })}: ${response.status} ${response.body.code}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('leaves every table as it was', async () => {
      expect(before.incidents).toBe(3);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['%', ['Checkout 100% down']],
      ['_', ['queue_depth alarm']],
      ['\\', ['Back\\slash in a path']],
      ['100%', ['Checkout 100% down']],
    ])('searches for %s as the character itself, not as a LIKE wildcard', async (q, titles) => {
      const response = await t.request('viewer').get('/api/v1/incidents').query({ q }).expect(200);
      expect(response.body.items.map((i: { title: string }) => i.title)).toEqual(titles);
    });
  });

  describe('user text', () => {
    const markup = '<script>alert(1)</script>';

    it('stores markup verbatim and returns it as JSON data, never as HTML', async () => {
      const created = await t.request('responder').post('/api/v1/incidents')
        .send(incidentBody({ title: markup, customerImpact: '<img src=x onerror=alert(1)>' })).expect(201);
      const read = await t.request('viewer').get(`/api/v1/incidents/${created.body.key}`).expect(200);
      expect(read.headers['content-type']).toMatch(/^application\/json; charset=utf-8$/);
      expect(read.headers['x-content-type-options']).toBe('nosniff');
      expect(read.body).toMatchObject({ title: markup, customerImpact: '<img src=x onerror=alert(1)>' });
      const rows = await t.db.dataSource.query(`SELECT title FROM incidents WHERE key = $1`, [created.body.key]);
      expect(rows[0].title).toBe(markup);
    });

    it('echoes markup in an error only as JSON data', async () => {
      const response = await t.request('viewer').get(`/api/v1/incidents/${encodeURIComponent(markup)}`);
      expectErrorBody(response, 404);
      expect(response.body.message).toContain(markup);
    });

    it('never reflects markup of an unknown path unescaped, inside the API or outside it', async () => {
      for (const path of [`/api/v1/${encodeURIComponent(markup)}`, `/${encodeURIComponent(markup)}`]) {
        const response = await t.anonymous().get(path);
        expect(response.status).toBe(404);
        expect(response.text).not.toContain('<script>');
      }
    });
  });
});

describe('failed token checks', () => {
  const bearer = (token: string) => `Bearer ${token}`;

  describe('behind a trusted proxy (TRUST_PROXY=true)', () => {
    let t: TestApp;
    const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
    beforeAll(async () => {
      t = await startTestApp({ clock, env: { TRUST_PROXY: 'true' } });
    });
    afterAll(() => t.close());

    const from = (address: string, token: string) =>
      t.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', address).set('Authorization', bearer(token));

    it('after 20 bad tokens from an address, its bad tokens get 429 with Retry-After; good tokens and other addresses are unaffected', async () => {
      for (let attempt = 1; attempt <= 20; attempt++) {
        const response = await from('203.0.113.7', `hst_wrong${attempt}`);
        expect([attempt, response.status, response.body.code]).toEqual([attempt, 401, 'UNAUTHENTICATED']);
      }
      const blocked = await from('203.0.113.7', 'hst_wrong21');
      expectErrorBody(blocked, 429, 'TOO_MANY_ATTEMPTS');
      expect(Number(blocked.headers['retry-after'])).toBe(1);
      expect(blocked.body.retryAfterSeconds).toBe(1);
      await from('203.0.113.7', t.tokens.viewer).expect(200);
      await from('203.0.113.8', 'hst_wrong21').expect(401);

      clock.set(new Date('2026-03-02T10:00:01Z'));
      await from('203.0.113.7', 'hst_wrong21').expect(401);
      expect(Number((await from('203.0.113.7', 'hst_wrong22')).headers['retry-after'])).toBe(2);
    });
  });

  describe('without a trusted proxy (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('ignores X-Forwarded-For, so inventing addresses does not get around the limit', async () => {
      for (let attempt = 1; attempt <= 20; attempt++) {
        await t.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', `198.51.100.${attempt}`).set('Authorization', bearer(`hst_wrong${attempt}`)).expect(401);
      }
      const response = await t.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', '198.51.100.99').set('Authorization', bearer('hst_wrong21'));
      expectErrorBody(response, 429, 'TOO_MANY_ATTEMPTS');
      await t.anonymous().get('/api/v1/incidents').set('X-Forwarded-For', '198.51.100.99').set('Authorization', bearer(t.tokens.viewer)).expect(200);
    });
  });
});
