import type { Command } from 'commander';
import { CLI_ACTOR } from '../common/actor.js';
import type { UserDto } from '../auth/users/dto/user.dto.js';
import { UsersService } from '../auth/users/users.service.js';
import { withHindsight } from './context.js';

function table(users: UserDto[]): string {
  const rows = [['USERNAME', 'ROLE', 'STATUS', 'DISPLAY NAME', 'LAST SIGN-IN', 'CREATED'], ...users.map((u) => [
    u.username, u.role, u.disabled ? 'disabled' : u.mustChangePassword ? 'password pending' : 'active', u.displayName || '-',
    u.lastSignInAt?.slice(0, 16) ?? '-', u.createdAt.slice(0, 16),
  ])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/** Runs `work` with the UsersService the API uses, on the configured database. */
const withUsers = <T>(work: (users: UsersService, log: (message: string) => void) => Promise<T>) =>
  withHindsight((app, { log }) => work(app.get(UsersService), log));

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('manage browser users (sign-in with a password)');

  user
    .command('create')
    .description('create a user and print the one-time password, alone, on stdout (valid 24 h, replaced at the first sign-in)')
    .argument('<username>', '2–64 lower-case letters, digits, ".", "_" or "-"')
    .requiredOption('--role <role>', 'viewer, responder or admin')
    .option('--display-name <name>', 'name shown to people')
    .action(async (username: string, options: { role: string; displayName?: string }) => {
      await withUsers(async (users, log) => {
        const { user: created, oneTimePassword } = await users.create({ username, role: options.role, displayName: options.displayName }, CLI_ACTOR);
        log(`Created ${created.username} (${created.role}). One-time password valid until ${created.passwordExpiresAt}; it is shown only this once.`);
        process.stdout.write(`${oneTimePassword}\n`);
      });
    });

  user
    .command('reset-password')
    .description('give a user a new one-time password (printed alone on stdout, valid 24 h) and end their sessions')
    .argument('<username>', 'username or id')
    .action(async (username: string) => {
      await withUsers(async (users, log) => {
        const { user: reset, oneTimePassword } = await users.resetPassword(username, CLI_ACTOR);
        log(`New one-time password for ${reset.username}, valid until ${reset.passwordExpiresAt}; their sessions have ended.`);
        process.stdout.write(`${oneTimePassword}\n`);
      });
    });

  user
    .command('list')
    .description('list users')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withUsers(async (users) => {
        const all = await users.list();
        process.stdout.write(options.json ? `${JSON.stringify(all, null, 2)}\n` : `${all.length ? table(all) : 'No users yet.'}\n`);
      });
    });

  user
    .command('disable')
    .description('disable a user: they cannot sign in and their sessions end at once')
    .argument('<username>', 'username or id')
    .action(async (username: string) => {
      await withUsers(async (users) => {
        const disabled = await users.disable(username, CLI_ACTOR);
        process.stdout.write(`Disabled ${disabled.username} (since ${disabled.disabledAt})\n`);
      });
    });
}
