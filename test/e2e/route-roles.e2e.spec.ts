import { Controller, Delete, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import fs from 'node:fs';
import request, { type Response } from 'supertest';
import { MinRole, Public } from '../../src/common/access.decorators.js';
import { ROLES, type Role } from '../../src/common/roles.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { discoverRoutes, fillPath, foreignRoutesInApi, type DiscoveredRoute, type RouteTable } from '../support/route-table.js';
import { makeWebAppDir, serveWebApp } from '../support/web-app.js';

/**
 * Walks the whole route table of the running app, as Nest registered it, and checks every route against
 * every role. Routes are discovered, not listed: a new route is covered, and one without a role fails.
 * Twice: the app as `npm start` serves it, and with a web app served at / next to it (static files and a
 * fallback to index.html, which are no controller's routes), which changes nothing under /api.
 */
describe.each([
  ['as npm start serves it', false],
  ['with a web app at / (static files and an index.html fallback route outside Nest)', true],
])('route roles, %s', (_how, withWebApp) => {
  let t: TestApp;
  let table: RouteTable;
  let webAppDir: string | undefined;
  beforeAll(async () => {
    const dir = withWebApp ? makeWebAppDir() : undefined;
    webAppDir = dir;
    t = await startTestApp({ beforeInit: dir ? (app) => serveWebApp(app, dir) : undefined });
    table = discoverRoutes(t.app);
  });
  afterAll(async () => {
    await t.close();
    if (webAppDir) fs.rmSync(webAppDir, { recursive: true, force: true });
  });

  const label = (r: DiscoveredRoute) => `${r.method} ${r.path}`;
  const guarded = () => table.routes.filter((r) => !r.isPublic);
  const send = (r: DiscoveredRoute, role: Role | 'anonymous'): Promise<Response> => {
    const agent = role === 'anonymous' ? t.anonymous() : t.request(role);
    const call = agent[r.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](fillPath(r.path));
    return ['POST', 'PATCH', 'PUT'].includes(r.method) ? call.send({}) : call;
  };

  it('finds every controller route on the router, the foundation ones among them', () => {
    expect(table.unserved).toEqual([]);
    expect(table.routes.length).toBeGreaterThanOrEqual(40);
    expect(table.routes.map(label)).toEqual(expect.arrayContaining([
      'GET /health', 'GET /api/v1/incidents', 'DELETE /api/v1/incidents/:incident', 'PATCH /api/v1/incidents/:incident/timeline/:entryId',
    ]));
  });

  it('has every route that is not public declare its least role', () => {
    expect(guarded().filter((r) => r.minRole === undefined).map(label)).toEqual([]);
  });

  it('serves nothing under /api or /health outside Nest (where no guard runs) but the API docs and Nest\'s own not-found handler', () => {
    expect(foreignRoutesInApi(table).map((f) => `${f.method} ${f.path}`)).toEqual([]);
    // The web app's fallback is on the router, outside Nest, and tolerated because it is outside /api.
    expect(table.foreign.some((f) => f.path === '/{*path}')).toBe(withWebApp);
  });

  it('leaves every unknown path under /api to Nest: a JSON 404 NOT_FOUND, whatever else is mounted', async () => {
    const wrong: string[] = [];
    for (const path of ['/api/v1/no-such-route', '/api/v1/incidents/INC-2099-0001/no-such', '/api/no-such', '/api', '/api/docs/no-such.css']) {
      for (const method of ['get', 'post', 'delete'] as const) {
        const response = await t.anonymous()[method](path);
        if (response.status !== 404 || !/^application\/json/.test(response.headers['content-type']) || response.body.code !== 'NOT_FOUND') {
          wrong.push(`${method.toUpperCase()} ${path}: ${response.status} ${response.headers['content-type']}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('declares the documented least role on the key routes', () => {
    const roleOf = (route: string) => {
      const found = table.routes.find((r) => label(r) === route);
      return found ? (found.isPublic ? 'public' : found.minRole) : 'missing';
    };
    const expected: Record<string, Role | 'public'> = {
      'GET /health': 'public',
      'GET /api/v1/incidents': 'viewer',
      'GET /api/v1/incidents/:incident': 'viewer',
      'POST /api/v1/incidents': 'responder',
      'PATCH /api/v1/incidents/:incident': 'responder',
      'DELETE /api/v1/incidents/:incident': 'admin',
      'POST /api/v1/incidents/:incident/timeline': 'responder',
      'DELETE /api/v1/incidents/:incident/timeline/:entryId': 'admin',
      'PATCH /api/v1/incidents/:incident/retrospective': 'responder',
      'GET /api/v1/action-items': 'viewer',
      'POST /api/v1/action-items': 'responder',
      'DELETE /api/v1/action-items/:id': 'admin',
      'POST /api/v1/severity-levels': 'admin',
      'PATCH /api/v1/severity-levels/:key': 'admin',
      'POST /api/v1/retro-templates': 'admin',
      'POST /api/v1/teams': 'admin',
      'DELETE /api/v1/services/:service': 'admin',
      'POST /api/v1/auth/sign-in': 'public',
      'POST /api/v1/tokens': 'admin',
      'GET /api/v1/audit': 'admin',
      'GET /api/v1/incidents/:incident/history': 'viewer',
      'POST /api/v1/reports': 'admin',
      'GET /api/v1/reports': 'viewer',
      'GET /api/v1/reports/:id': 'viewer',
      'GET /api/v1/reports/:id/download': 'viewer',
      'POST /api/v1/reports/:id/deliveries/retry': 'admin',
    };
    expect(Object.fromEntries(Object.keys(expected).map((route) => [route, roleOf(route)]))).toEqual(expected);
  });

  it('answers 401 to anonymous callers on every route that is not public', async () => {
    const wrong: string[] = [];
    for (const route of guarded()) {
      const response = await send(route, 'anonymous');
      if (response.status !== 401 || response.body.code !== 'UNAUTHENTICATED') wrong.push(`${label(route)}: ${response.status} ${response.body.code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 ROLE_TOO_LOW to every role below a route\'s least role', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of guarded()) {
      for (const role of ROLES.slice(0, ROLES.indexOf(route.minRole!))) {
        checked++;
        const response = await send(route, role);
        if (response.status !== 403 || response.body.code !== 'ROLE_TOO_LOW' || response.body.requiredRole !== route.minRole) {
          wrong.push(`${label(route)} as ${role}: ${response.status} ${response.body.code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('lets a route\'s least role through on every route (other refusals, like 400 or 404 for dummy input, are fine)', async () => {
    const wrong: string[] = [];
    for (const route of guarded()) {
      const response = await send(route, route.minRole!);
      if (response.status === 401 || response.status === 403 || response.status >= 500) wrong.push(`${label(route)} as ${route.minRole}: ${response.status} ${response.body.code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('opens public routes to anonymous callers', async () => {
    const publicRoutes = table.routes.filter((r) => r.isPublic);
    expect(publicRoutes.map(label)).toContain('GET /health');
    const wrong: string[] = [];
    for (const route of publicRoutes) {
      const response = await send(route, 'anonymous');
      if (response.status === 401 || response.status === 403) wrong.push(`${label(route)}: ${response.status} ${response.body.code}`);
    }
    for (const path of ['/api/docs', '/api/docs/openapi.json']) {
      const response = await t.anonymous().get(path);
      if (response.status !== 200) wrong.push(`GET ${path}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('route table discovery', () => {
  @MinRole('viewer')
  @Controller('guarded')
  class GuardedController {
    @Get() list() { return []; }
    @MinRole('admin') @Delete(':id') remove() { return undefined; }
  }
  @Controller('forgotten')
  class ForgottenController {
    @Get() list() { return []; }
    @Public() @Get('open') open() { return 'ok'; }
  }
  @Module({ controllers: [GuardedController, ForgottenController] })
  class SampleModule {}

  let app: NestExpressApplication;
  const webAppDir = makeWebAppDir();
  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(SampleModule, { logger: false });
    app.setGlobalPrefix('api/v1');
    serveWebApp(app, webAppDir);
    // What the route roles must never let in: data under /api from a plain Express handler, where no guard runs.
    app.getHttpAdapter().getInstance().get('/api/v1/raw-export', (_request, response) => response.json([{ secret: true }]));
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(webAppDir, { recursive: true, force: true });
  });

  it('reads each handler\'s role over its controller\'s, and finds the route that declares none', () => {
    const { routes, unserved } = discoverRoutes(app);
    expect(unserved).toEqual([]);
    expect(routes.map((r) => [`${r.method} ${r.path}`, r.isPublic ? 'public' : (r.minRole ?? 'none')])).toEqual(expect.arrayContaining([
      ['GET /api/v1/guarded', 'viewer'],
      ['DELETE /api/v1/guarded/:id', 'admin'],
      ['GET /api/v1/forgotten', 'none'],
      ['GET /api/v1/forgotten/open', 'public'],
    ]));
    expect(routes).toHaveLength(4);
  });

  it('tolerates a web app\'s static files and index.html fallback outside /api, and still finds an Express route under /api', async () => {
    const table = discoverRoutes(app);
    expect(table.foreign.map((f) => `${f.method} ${f.path}`)).toEqual(expect.arrayContaining(['GET /{*path}', 'GET /api/v1/raw-export']));
    expect(foreignRoutesInApi(table).map((f) => `${f.method} ${f.path}`)).toEqual(['GET /api/v1/raw-export']);
    const http = app.getHttpServer() as Parameters<typeof request>[0];
    expect((await request(http).get('/incidents/INC-2026-0001')).text).toContain('<div id="root">');
    expect((await request(http).get('/assets/index-test.js')).text).toContain('Hindsight');
    expect((await request(http).get('/api/v1/raw-export')).body).toEqual([{ secret: true }]);
  });

  it('fills path parameters with well-formed dummies', () => {
    expect(fillPath('/api/v1/incidents/:incident/timeline/:entryId')).toBe('/api/v1/incidents/INC-2099-0001/timeline/00000000-0000-4000-8000-000000000000');
  });
});
