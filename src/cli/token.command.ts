import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { CLI_ACTOR } from '../auth/actor.js';
import type { TokenView } from '../auth/token.mapper.js';
import { TokensRepository } from '../auth/tokens.repository.js';
import { TokensService } from '../auth/tokens.service.js';
import { SystemClock } from '../common/clock.js';
import { withDatabase, withDataSource } from './context.js';

/** The CLI acts as CLI_ACTOR; creating and revoking are recorded in the audit trail like changes over HTTP. */
const service = (dataSource: DataSource) => new TokensService(new TokensRepository(dataSource), new SystemClock(), new AuditRepository(dataSource));

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
      await withDatabase(({ url, log }) =>
        withDataSource(url, async (dataSource) => {
          const { token: created, secret } = await service(dataSource).create(options, CLI_ACTOR);
          log(`Created token ${created.name} (${created.role}${created.expiresAt ? `, expires ${created.expiresAt}` : ''}). Store it now: it cannot be shown again.`);
          process.stdout.write(`${secret}\n`);
        }),
      );
    });

  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(({ url }) =>
        withDataSource(url, async (dataSource) => {
          const tokens = await service(dataSource).list();
          process.stdout.write(options.json ? `${JSON.stringify(tokens, null, 2)}\n` : `${tokens.length ? table(tokens) : 'No tokens yet.'}\n`);
        }),
      );
    });

  token
    .command('revoke')
    .description('revoke a token by name or id; it stops working at once')
    .argument('<token>', 'token name or id')
    .action(async (nameOrId: string) => {
      await withDatabase(({ url }) =>
        withDataSource(url, async (dataSource) => {
          const revoked = await service(dataSource).revoke(nameOrId, CLI_ACTOR);
          process.stdout.write(`Revoked ${revoked.name} at ${revoked.revokedAt}\n`);
        }),
      );
    });
}
