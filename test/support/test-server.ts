/**
 * The PostgreSQL server the integration and e2e tests use: the one DATABASE_URL names (each run
 * creates and drops its own databases there), or an embedded server in the run's directory, which
 * every worker joins (test/support/global-setup.mjs made the directory).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { runMigrations } from '../../src/database/migrate.js';

/** URL of `database` on the test server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function testRun(): string {
  const run = process.env.HINDSIGHT_TEST_RUN;
  if (!run) throw new Error('HINDSIGHT_TEST_RUN is missing: run the tests through `npm test` (jest globalSetup)');
  return run;
}

const state = process as unknown as { hindsightTestServer?: Promise<string> };

/** The server's URL; the embedded server is started or joined once per worker process. */
export function testServerUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return Promise.resolve(process.env.DATABASE_URL);
  const dataDir = process.env.HINDSIGHT_TEST_DATA_DIR;
  if (!dataDir) throw new Error('HINDSIGHT_TEST_DATA_DIR is missing: run the tests through `npm test` (jest globalSetup)');
  state.hindsightTestServer ??= new EmbeddedPostgres({ dataDir, port: 0 }).acquire().then((lease) => lease.url);
  return state.hindsightTestServer;
}

export async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres'), application_name: 'hindsight-test-admin' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The run's migrated template database, made by whichever worker gets there first. */
export async function templateDatabase(serverUrl: string): Promise<string> {
  const template = `${testRun()}_template`;
  await withAdmin(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(727001)');
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        await client.query(`CREATE DATABASE ${template}`);
        await runMigrations(databaseUrl(serverUrl, template));
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(727001)');
    }
  });
  return template;
}

/** A fresh directory the `postgres` user can reach when tests run as root. */
export function makeDataDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}
