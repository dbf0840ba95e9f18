import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { CliExit } from './context.js';
import { registerDemoDataCommand } from './demo-data.command.js';
import { registerImportCommand } from './import.command.js';
import { registerMigrateCommand } from './migrate.command.js';
import { registerReportCommand } from './report.command.js';
import { registerTokenCommands } from './token.command.js';
import { registerUserCommands } from './user.command.js';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('hindsight')
    .description(
      'Hindsight command line: works whether or not the service is running.\n' +
        'Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (default ./data).',
    )
    .version(version)
    .showHelpAfterError();
  registerMigrateCommand(program);
  registerTokenCommands(program);
  registerUserCommands(program);
  registerDemoDataCommand(program);
  registerImportCommand(program);
  registerReportCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliExit) return error.exitCode;
    process.stderr.write(`hindsight: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
