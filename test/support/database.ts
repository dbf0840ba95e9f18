import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { HindsightModule } from '../../src/app.module.js';
import type { Clock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { createDataSource } from '../../src/database/data-source.js';
import { databaseUrl, templateDatabase, testRun, testServerUrl, withAdmin } from './test-server.js';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  /**
   * Hindsight on this database as the CLI runs it (HindsightModule as an application context: the services
   * the API uses, no HTTP): made at the first call (with the default configuration and the given clock),
   * closed with the database.
   */
  hindsight(options?: { clock?: Clock }): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

/** A migrated database of its own for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = await testServerUrl();
  const template = await templateDatabase(serverUrl);
  const name = `${testRun()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrl(serverUrl, name);
  const dataSource = await createDataSource(url, 'hindsight-test').initialize();
  let context: Promise<INestApplicationContext> | undefined;
  return {
    url,
    dataSource,
    hindsight: (options = {}) =>
      (context ??= NestFactory.createApplicationContext(HindsightModule.register({ config: loadConfig({}), databaseUrl: url, clock: options.clock }), { logger: false })),
    close: async () => {
      await (await context)?.close();
      await dataSource.destroy();
      await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
