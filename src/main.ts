import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.factory.js';
import { ensureInitialAdmin, initialAdminBanner } from './auth/users/first-run.js';
import { resolveSessionSecret } from './auth/session-secret.js';
import { UsersService } from './auth/users/users.service.js';
import { createLogger } from './app.logger.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { openDatabase, type DatabaseConnection } from './database/database-connection.js';
import { prepareDatabase } from './database/migrate.js';
import { describeListenError, firstLine } from './database/startup-errors.js';
import { builtWebAppDir } from './web-app/web-app.middleware.js';

/** A start-up failure: one line on stderr naming the problem and what to do, no stack trace. */
function fail(message: string): never {
  process.stderr.write(`hindsight: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`hindsight: invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  Logger.overrideLogger(logger);
  const log = new Logger('Bootstrap');

  let database: DatabaseConnection;
  try {
    database = await openDatabase(config, (message) => log.log(message));
  } catch (error) {
    fail(firstLine(error instanceof Error ? error.message : String(error)));
  }
  let app: { close(): Promise<void> } | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal} received, shutting down`);
    try {
      await app?.close();
    } finally {
      await database.release();
      log.log('Stopped');
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    const applied = await prepareDatabase(database.url, config.businessCalendar, (message) => log.log(message));
    log.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
    const server = await createApp({
      config, databaseUrl: database.url, logger, sessionSecret: await resolveSessionSecret(config), webAppDir: builtWebAppDir(),
    });
    app = server;
    const initialAdmin = await ensureInitialAdmin(server.get(UsersService));
    await server.listen(config.port, config.host).catch((error: unknown) => {
      throw new Error(describeListenError(error, config.host, config.port));
    });
    const { port } = server.getHttpServer().address() as AddressInfo;
    const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    if (initialAdmin) log.warn(initialAdminBanner(initialAdmin, address));
    log.log(`Hindsight listening on ${address} — web app at ${address}/ — API docs at ${address}/api/docs — database: ${database.description}`);
  } catch (error) {
    // Let go of everything this start took: the pool's connections, then the lease, which stops the
    // embedded PostgreSQL this process started unless another live process uses it.
    await app?.close().catch(() => undefined);
    await database.release().catch(() => undefined);
    fail(`start-up failed: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
}

void main();
