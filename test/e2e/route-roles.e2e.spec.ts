import { Controller, Delete, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'supertest';
import { MinRole, Public } from '../../src/auth/auth.decorators.js';
import { ROLES, type Role } from '../../src/auth/roles.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { discoverRoutes, fillPath, type DiscoveredRoute, type RouteTable } from '../support/route-table.js';

/**
 * Walks the whole route table of the running app, as Nest registered it, and checks every route against
 * every role. Routes are discovered, not listed: a new route is covered, and one without a role fails.
 */
describe('route roles', () => {
  let t: TestApp;
  let table: RouteTable;
  beforeAll(async () => {
    t = await startTestApp();
    table = discoverRoutes(t.app);
  });
  afterAll(() => t.close());

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

  it('serves nothing outside Nest (where no guard runs) but the API docs and Nest\'s own not-found handler', () => {
    const nestPaths = new Set(table.routes.map((r) => r.path));
    const unexpected = table.foreign
      .filter((f) => !(f.method === 'GET' && /^\/api\/docs([-/].*)?$/.test(f.path)))
      .filter((f) => !(f.everyMethod && nestPaths.has(f.path)))
      .map((f) => `${f.method} ${f.path}`);
    expect(unexpected).toEqual([]);
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

  let app: INestApplication;
  beforeAll(async () => {
    app = await NestFactory.create(SampleModule, { logger: false });
    app.setGlobalPrefix('api/v1');
    await app.init();
  });
  afterAll(() => app.close());

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

  it('fills path parameters with well-formed dummies', () => {
    expect(fillPath('/api/v1/incidents/:incident/timeline/:entryId')).toBe('/api/v1/incidents/INC-2099-0001/timeline/00000000-0000-4000-8000-000000000000');
  });
});
