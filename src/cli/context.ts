import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HindsightModule } from '../app.module.js';
import { createCliLogger } from '../app.logger.js';
import { ConfigError, loadConfig, type AppConfig } from '../config/config.js';
import { openDatabase } from '../database/database-connection.js';
import { prepareDatabase } from '../database/migrate.js';

/** A user-facing failure: printed as one line, exit code 1, no stack trace. */
export class CliError extends Error {}

/** Ends a command that has already said everything with a non-zero exit status and no further message. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit status ${exitCode}`);
  }
}

export interface CliContext {
  config: AppConfig;
  url: string;
  /** Diagnostics go to stderr so stdout carries only a command's result. */
  log: (message: string) => void;
}

export const stderrLog = (message: string) => process.stderr.write(`${message}\n`);

/**
 * Runs `work` against the configured database: DATABASE_URL, or the embedded server under DATA_DIR
 * (joining the one a running service started, or starting it and stopping it again afterwards).
 */
export async function withDatabase<T>(work: (context: CliContext) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`invalid configuration: ${error.message}`);
    throw error;
  }
  const database = await openDatabase(config, stderrLog);
  try {
    if (options.migrate !== false) {
      const applied = await prepareDatabase(database.url, config.businessCalendar, stderrLog);
      if (applied.length) stderrLog(`Applied migrations: ${applied.join(', ')}`);
    }
    return await work({ config, url: database.url, log: stderrLog });
  } finally {
    await database.release();
  }
}

/**
 * Runs `work` inside Hindsight (HindsightModule as an application context: the services the API uses, no
 * HTTP server, no scheduled jobs) on the configured database, migrated first.
 */
export function withHindsight<T>(work: (app: INestApplicationContext, context: CliContext) => Promise<T>): Promise<T> {
  return withDatabase(async (context) => {
    const app = await NestFactory.createApplicationContext(HindsightModule.register({ config: context.config, databaseUrl: context.url }), {
      logger: createCliLogger(context.config),
      abortOnError: false,
    });
    try {
      return await work(app, context);
    } finally {
      await app.close();
    }
  });
}
