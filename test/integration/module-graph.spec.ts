import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { ReportBuilder } from '../../src/reports/report-builder.service.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { TokensService } from '../../src/auth/tokens.service.js';
import { UsersService } from '../../src/auth/users/users.service.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every class exported by a module, service or repository file under src/, with its domain (the first folder under src/). */
async function ourClasses(): Promise<Map<unknown, { name: string; domain: string; file: string }>> {
  const classes = new Map<unknown, { name: string; domain: string; file: string }>();
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => /\.(module|service|repository)\.ts$/.test(f));
  for (const file of files) {
    const exports = (await import(pathToFileURL(`${SRC}${file}`).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === 'function') classes.set(value, { name, domain: file.split('/')[0], file });
    }
  }
  return classes;
}

/**
 * The module graph of Hindsight as the CLI builds it (HindsightModule): each of our services and
 * repositories is provided by exactly one module — of its own domain — and reached from other modules
 * through that module's exports, never provided a second time (which would make a second instance).
 */
describe('module graph', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let classes: Awaited<ReturnType<typeof ourClasses>>;
  /** Each of our provider classes → the modules that provide it. */
  const providers = new Map<unknown, string[]>();

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await db.hindsight();
    classes = await ourClasses();
    for (const module of app.get(ModulesContainer).values()) {
      const owner = classes.get(module.metatype);
      for (const wrapper of module.providers.values()) {
        if (wrapper.metatype !== wrapper.token || !classes.has(wrapper.metatype)) continue;
        providers.set(wrapper.metatype, [...(providers.get(wrapper.metatype) ?? []), owner?.file ?? module.name]);
      }
    }
  });
  afterAll(() => db.close());

  it('finds our services and repositories in the graph', () => {
    const names = [...providers.keys()].map((type) => classes.get(type)!.name);
    expect(names).toEqual(expect.arrayContaining(['IncidentsService', 'IncidentWriter', 'IncidentWritesRepository', 'ImportPipeline', 'AuditTrail', 'DemoDataService']));
  });

  it('provides each of our classes in one module only', () => {
    const twice = [...providers].filter(([, modules]) => modules.length > 1).map(([type, modules]) => `${classes.get(type)!.name}: ${modules.join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('provides each service and repository in a module of its own domain', () => {
    const elsewhere = [...providers]
      .map(([type, [module]]) => ({ ...classes.get(type)!, module }))
      .filter((c) => c.module.split('/')[0] !== c.domain)
      .map((c) => `${c.name} (${c.file}) provided by ${c.module}`);
    expect(elsewhere).toEqual([]);
  });

  it.each([
    ['imports', ImportsService],
    ['tokens', TokensService],
    ['users', UsersService],
    ['demo data', DemoDataService],
    ['the monthly report', ReportBuilder],
  ])('gives the CLI the service of %s', (_name, type: Type) => {
    expect(app.get(type, { strict: false })).toBeInstanceOf(type);
  });
});
