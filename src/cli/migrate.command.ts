import type { Command } from 'commander';
import { prepareDatabase, revertLastMigration } from '../database/migrate.js';
import { withDatabase } from './context.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (the service also does this at start-up)')
    .option('--revert', 'revert the most recent migration instead')
    .action(async (options: { revert?: boolean }) => {
      await withDatabase(
        async ({ config, url, log }) => {
          if (options.revert) {
            const reverted = await revertLastMigration(url);
            process.stdout.write(reverted ? `Reverted ${reverted}\n` : 'No migration to revert\n');
            return;
          }
          const applied = await prepareDatabase(url, config.businessCalendar, log);
          process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'Database schema is up to date\n');
        },
        { migrate: false },
      );
    });
}
