import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { tokenChange } from './token.mapper.js';
import { Clock } from '../common/clock.js';
import { AlreadyExistsError, InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors.js';
import type { Actor } from '../common/actor.js';
import { hashSecret, newTokenSecret, parseDuration, secretPrefix } from './credentials.js';
import { isRole, ROLES, type Role } from '../common/roles.js';
import { toTokenView, type TokenView } from './token.mapper.js';
import { TokensRepository } from './tokens.repository.js';
import { Transactions } from '../database/transactions.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * API tokens: created (the secret is returned once), listed without secrets, revoked. Creating and
 * revoking are audited with the token's view (its prefix, never its secret or hash).
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tokens: TokensRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async create(
    input: { name: string; role: string; expiresIn?: string },
    actor: Actor,
    context: AuditContext = {},
  ): Promise<{ token: TokenView; secret: string }> {
    if (!NAME.test(input.name)) throw new InvalidInputError('name', input.name, 'must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');
    if (!isRole(input.role)) throw new InvalidInputError('role', input.role, `must be one of ${ROLES.join(', ')}`);
    let expiresAt: Date | null = null;
    if (input.expiresIn !== undefined) {
      const seconds = parseDuration(input.expiresIn);
      if (seconds === null) throw new InvalidInputError('expiresIn', input.expiresIn, 'must be a duration such as 30d, 12h, 2w or 1y');
      expiresAt = new Date(this.clock.now().getTime() + seconds * 1000);
    }
    const secret = newTokenSecret();
    return this.transactions.run(async () => {
      const id = await this.tokens.insert({
        name: input.name, role: input.role as Role, secretHash: hashSecret(secret), prefix: secretPrefix(secret), expiresAt,
        createdById: actor.type === 'user' ? actor.id : null, createdByName: actor.name,
      });
      if (!id) throw new AlreadyExistsError('A token', 'name', input.name);
      const now = this.clock.now();
      const token = toTokenView((await this.tokens.find(id))!, now);
      await this.audit.record(actor, tokenChange('token.create', null, token), now, context);
      return { token, secret };
    });
  }

  async list(): Promise<TokenView[]> {
    const now = this.clock.now();
    return (await this.tokens.list()).map((row) => toTokenView(row, now));
  }

  async revoke(idOrName: string, actor: Actor, context: AuditContext = {}): Promise<TokenView> {
    return this.transactions.run(async () => {
      const row = await this.tokens.find(idOrName, true);
      if (!row) throw new NotFoundError('Token', idOrName);
      if (row.revoked_at) throw new RuleViolationError('TOKEN_REVOKED', `Token ${JSON.stringify(row.name)} was already revoked at ${row.revoked_at.toISOString()}`);
      const now = this.clock.now();
      await this.tokens.revoke(row.id, now);
      const revoked = toTokenView((await this.tokens.find(row.id))!, now);
      await this.audit.record(actor, tokenChange('token.revoke', toTokenView(row, now), revoked), now, context);
      return revoked;
    });
  }
}
