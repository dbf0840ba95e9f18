import type { INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { MIN_ROLE, PUBLIC } from '../../src/common/access.decorators.js';
import type { Role } from '../../src/common/roles.js';
import { answersJson } from '../../src/common/http-exception.filter.js';

/** One route the running app serves through a Nest controller, with the access it declares. */
export interface DiscoveredRoute {
  method: string;
  /** As Express matches it, prefix included: `/api/v1/incidents/:incident`. */
  path: string;
  /** `IncidentsController.delete` */
  handler: string;
  /** The effective least role: the handler's own, else its controller's (as the guard reads it). */
  minRole: Role | undefined;
  isPublic: boolean;
}

/** A route on the Express router that no Nest controller serves, so no guard sees it. */
export interface ForeignRoute {
  method: string;
  path: string;
  /** Registered with `app.all` (every HTTP method), as Nest's not-found handler on prefix-excluded paths is. */
  everyMethod: boolean;
}

export interface RouteTable {
  routes: DiscoveredRoute[];
  foreign: ForeignRoute[];
  /** Controller methods with a route decorator that the Express router does not serve. */
  unserved: string[];
}

interface ExpressLayer {
  route?: { path: string; stack: { method?: string; handle: { name: string } }[] };
}

/**
 * The route table of a running app, from Nest itself: the controllers' route handlers (DiscoveryService,
 * MetadataScanner, read with the guard's Reflector) joined with the Express router, where Nest registers
 * each handler under the name `Controller.method`. The router gives the served path and method exactly,
 * global prefix and exclusions included; Nest gives the metadata.
 */
export function discoverRoutes(app: INestApplication): RouteTable {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const handlers = new Map<string, Omit<DiscoveredRoute, 'method' | 'path'>>();
  for (const wrapper of new DiscoveryService(app.get(ModulesContainer)).getControllers()) {
    const controller = wrapper.metatype as Type | null;
    if (!controller || !wrapper.instance) continue;
    for (const methodName of scanner.getAllMethodNames(controller.prototype)) {
      const handler = controller.prototype[methodName] as (...args: unknown[]) => unknown;
      if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const name = `${wrapper.name}.${methodName}`;
      if (handlers.has(name)) throw new Error(`two controllers named ${wrapper.name}: the route table cannot tell their handlers apart`);
      const targets = [handler, controller];
      handlers.set(name, {
        handler: name,
        minRole: reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets),
        isPublic: reflector.getAllAndOverride<boolean | undefined>(PUBLIC, targets) === true,
      });
    }
  }

  const routes: DiscoveredRoute[] = [];
  const foreign: ForeignRoute[] = [];
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } }).router;
  for (const layer of router.stack) {
    if (!layer.route) continue;
    const { path, stack } = layer.route;
    const methods = new Set(stack.map((s) => s.method?.toUpperCase() ?? 'ALL'));
    for (const entry of stack) {
      const method = entry.method?.toUpperCase() ?? 'ALL';
      const nest = handlers.get(entry.handle.name);
      if (nest) routes.push({ method, path, ...nest });
      else if (!foreign.some((f) => f.path === path && (f.everyMethod || f.method === method))) {
        foreign.push({ method, path, everyMethod: methods.size > 20 });
      }
    }
  }
  const served = new Set(routes.map((r) => r.handler));
  return { routes, foreign, unserved: [...handlers.keys()].filter((name) => !served.has(name)) };
}

/**
 * The routes outside Nest where an API route would be expected, so none of them can be: under /api or
 * /health, but for the API docs (Swagger UI) and Nest's own not-found handler on the paths excluded from
 * the global prefix (/health). Outside /api and /health anything goes: a web app's static files and its
 * fallback to index.html for client-side routes serve no data.
 */
export function foreignRoutesInApi(table: RouteTable): ForeignRoute[] {
  const nestPaths = new Set(table.routes.map((r) => r.path));
  return table.foreign
    .filter((f) => answersJson(f.path))
    .filter((f) => !(f.method === 'GET' && /^\/api\/docs([-/].*)?$/.test(f.path)))
    .filter((f) => !(f.everyMethod && nestPaths.has(f.path)));
}

/** `/api/v1/incidents/:incident/timeline/:entryId` → a path with syntactically valid dummies in place of the parameters. */
export function fillPath(path: string): string {
  return path
    .replace(/[{}]/g, '')
    .replace(/[:*](\w+)/g, (_, name: string) => (name === 'incident' ? 'INC-2099-0001' : '00000000-0000-4000-8000-000000000000'));
}
