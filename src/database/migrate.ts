import { createDataSource } from './data-source.js';

/** Runs pending migrations and returns their names (empty when the schema is current). */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, `hindsight-migrate:${process.pid}`);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts the most recent migration and returns its name, or null when none was applied. */
export async function revertLastMigration(url: string): Promise<string | null> {
  const dataSource = createDataSource(url, `hindsight-migrate:${process.pid}`);
  await dataSource.initialize();
  try {
    const before = await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
    if (before.length === 0) return null;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return before[0].name as string;
  } finally {
    await dataSource.destroy();
  }
}
