import type { Command } from 'commander';
import { CLI_ACTOR } from '../common/actor.js';
import type { TokenView } from '../auth/token.mapper.js';
import { TokensService } from '../auth/tokens.service.js';
import { withHindsight } from './context.js';

/** Runs `work` with the service the API uses; the CLI acts as CLI_ACTOR, so creating and revoking are audited like changes over HTTP. */
const withTokens = <T>(work: (tokens: TokensService, log: (message: string) => void) => Promise<T>) =>
  withHindsight((app, { log }) => work(app.get(TokensService), log));

function table(tokens: TokenView[]): string {
  const rows = [['NAME', 'ROLE', 'STATUS', 'PREFIX', 'CREATED', 'EXPIRES', 'LAST USED'], ...tokens.map((t) => [
    t.name, t.role, t.status, t.prefix, t.createdAt.slice(0, 16), t.expiresAt?.slice(0, 16) ?? '-', t.lastUsedAt?.slice(0, 16) ?? '-',
  ])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('manage API tokens (Authorization: Bearer <token>)');

  token
    .command('create')
    .description('create a token and print it, alone, on stdout — it is shown only this once')
    .requiredOption('--name <name>', 'a unique name, e.g. ci or grafana')
    .requiredOption('--role <role>', 'viewer, responder or admin')
    .option('--expires-in <duration>', 'lifetime such as 30d, 12h, 2w or 1y (default: until revoked)')
    .action(async (options: { name: string; role: string; expiresIn?: string }) => {
      await withTokens(async (tokens, log) => {
        const { token: created, secret } = await tokens.create(options, CLI_ACTOR);
        log(`Created token ${created.name} (${created.role}${created.expiresAt ? `, expires ${created.expiresAt}` : ''}). Store it now: it cannot be shown again.`);
        process.stdout.write(`${secret}\n`);
      });
    });

  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withTokens(async (tokens) => {
        const all = await tokens.list();
        process.stdout.write(options.json ? `${JSON.stringify(all, null, 2)}\n` : `${all.length ? table(all) : 'No tokens yet.'}\n`);
      });
    });

  token
    .command('revoke')
    .description('revoke a token by name or id; it stops working at once')
    .argument('<token>', 'token name or id')
    .action(async (nameOrId: string) => {
      await withTokens(async (tokens) => {
        const revoked = await tokens.revoke(nameOrId, CLI_ACTOR);
        process.stdout.write(`Revoked ${revoked.name} at ${revoked.revokedAt}\n`);
      });
    });
}
