import type { DataSource } from 'typeorm';
import type { BusinessCalendar } from '../config/config.js';
import { describeCalendarSync, syncBusinessCalendar } from './business-calendar.js';
import { createDataSource, UNBOUNDED_STATEMENTS } from './data-source.js';

/** Migrations run without DB_STATEMENT_TIMEOUT: one may rewrite a large table, and stopping it halfway helps nobody. */
async function withMigrationDataSource<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = createDataSource(url, `hindsight-migrate:${process.pid}`, UNBOUNDED_STATEMENTS);
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const applyPending = async (dataSource: DataSource) => (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);

/** Runs pending migrations and returns their names (empty when the schema is current). */
export async function runMigrations(url: string): Promise<string[]> {
  return withMigrationDataSource(url, applyPending);
}

/**
 * What the service and the CLI do once the database is open, before anything else: run pending
 * migrations, then make the stored business calendar the configured one (recomputing the stored time
 * to retro when it changed, logged with how many incidents and how long). Returns the migrations applied.
 */
export async function prepareDatabase(url: string, calendar: BusinessCalendar, log: (message: string) => void): Promise<string[]> {
  return withMigrationDataSource(url, async (dataSource) => {
    const applied = await applyPending(dataSource);
    const change = describeCalendarSync(await syncBusinessCalendar(dataSource, calendar), calendar);
    if (change) log(change);
    return applied;
  });
}

/** Reverts the most recent migration and returns its name, or null when none was applied. */
export async function revertLastMigration(url: string): Promise<string | null> {
  return withMigrationDataSource(url, async (dataSource) => {
    const before: { name: string }[] = await dataSource.query<{ name: string }[]>(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
    if (before.length === 0) return null;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return before[0].name;
  });
}
