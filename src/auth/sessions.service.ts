import { Inject, Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { Clock } from '../common/clock.js';
import { InvalidInputError, RuleViolationError, TooManyAttemptsError, UnauthenticatedError } from '../common/errors.js';
import { toUserDto, type UserCredentialRow } from './users/user.mapper.js';
import { UsersRepository } from './users/users.repository.js';
import { userEntity } from './users/users.service.js';
import { normalizeUsername } from './users/usernames.js';
import type { Actor, RequestActor } from '../common/actor.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { AuthRepository } from './auth.repository.js';
import { hashSecret, newCsrfToken, newSessionSecret } from './credentials.js';
import type { SessionDto } from './dto/session.dto.js';
import { PasswordHasher, passwordProblems } from './passwords.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { Transactions } from '../database/transactions.js';

/** A browser session lasts a week; signing in again starts a new one. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const WRONG_CREDENTIALS = 'username or password is wrong';

/** Failed sign-ins (and wrong current passwords) per username, and per client address. */
export const SIGN_IN_LIMITERS = Symbol('SIGN_IN_LIMITERS');
export interface SignInLimiters {
  perUsername: AttemptLimiter;
  perClient: AttemptLimiter;
}
export const signInLimiters = (): SignInLimiters => ({
  perUsername: new AttemptLimiter(10, 15 * 60_000),
  perClient: new AttemptLimiter(30, 15 * 60_000),
});

/** What the controller needs to set the cookie, and what it returns. */
export interface SignedIn {
  secret: string;
  maxAgeMs: number;
  session: SessionDto;
}

/** The client address the per-address limits count against. */
const clientKey = (client: AuditContext) => client.ip ?? 'unknown';

/**
 * Browser sign-in (password or API token), the current session, sign-out, and a user's own password
 * change. The session secret lives only in the signed cookie; the database keeps its SHA-256.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly auth: AuthRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(SIGN_IN_LIMITERS) private readonly limiters: SignInLimiters,
  ) {}

  async signIn(input: { username: string; password: string }, client: AuditContext): Promise<SignedIn> {
    const username = normalizeUsername(input.username);
    this.assertNotLimited(username, client);
    const user = await this.users.findCredentials(username);
    const matches = user?.password_hash ? await this.passwords.verify(user.password_hash, input.password) : await this.passwords.verifyNothing(input.password);
    const now = this.clock.now();
    if (!user || !matches) {
      this.limiters.perUsername.fail(username, now);
      this.limiters.perClient.fail(clientKey(client), now);
      await this.recordFailure(user, username, user ? 'wrong_password' : 'unknown_user', client);
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    if (user.disabled_at) {
      await this.recordFailure(user, username, 'disabled', client);
      throw new UnauthenticatedError(`${user.username} is disabled; an admin can enable the account again`);
    }
    if (user.password_expires_at && user.password_expires_at <= now) {
      await this.recordFailure(user, username, 'password_expired', client);
      throw new UnauthenticatedError(
        `The one-time password of ${user.username} expired at ${user.password_expires_at.toISOString()}; ` +
          `ask an admin for a new one (npx hindsight user reset-password ${user.username})`,
        { reason: 'PASSWORD_EXPIRED' },
      );
    }
    this.limiters.perUsername.succeed(username);
    const actor: Actor = { type: 'user', id: user.id, name: user.username, role: user.role };
    return this.startSession(actor, user.display_name || user.username, user.must_change_password, async (at) => {
      await this.users.recordSignIn(user.id, at);
      await this.audit.record(actor, { action: 'user.sign_in', entityType: 'user', entityId: user.id, entityLabel: user.username }, at, client);
    });
  }

  async signInWithToken(input: { token: string }, client: AuditContext): Promise<SignedIn> {
    const wait = this.limiters.perClient.retryAfterSeconds(clientKey(client), this.clock.now());
    if (wait > 0) throw new TooManyAttemptsError('sign-ins from this address', wait);
    const token = await this.auth.findActiveToken(hashSecret(input.token.trim()), this.clock.now());
    if (!token) {
      this.limiters.perClient.fail(clientKey(client), this.clock.now());
      throw new UnauthenticatedError('token: unknown, expired or revoked');
    }
    const actor: Actor = { type: 'token', id: token.id, name: token.name, role: token.role };
    return this.startSession(actor, token.name, false, (at) =>
      this.audit.record(actor, { action: 'token.sign_in', entityType: 'token', entityId: token.id, entityLabel: token.name }, at, client),
    );
  }

  /** The caller: a cookie session, or a bearer token (then without CSRF token and expiry). */
  async current(actor: RequestActor): Promise<SessionDto> {
    const session = actor.sessionId ? await this.sessions.find(actor.sessionId) : null;
    const user = actor.type === 'user' && actor.id ? await this.users.find(actor.id) : null;
    return {
      actor: { type: actor.type, name: actor.name, role: actor.role, displayName: user?.display_name || actor.name },
      csrfToken: session?.csrf_token ?? null,
      mustChangePassword: actor.mustChangePassword,
      expiresAt: session?.expires_at.toISOString() ?? null,
    };
  }

  async signOut(actor: RequestActor, client: AuditContext): Promise<void> {
    const sessionId = actor.sessionId;
    if (!sessionId) {
      throw new RuleViolationError('NO_SESSION', `${actor.name} is authenticated with a bearer token, which has no session to end; revoke the token instead`);
    }
    await this.transactions.run(async () => {
      const now = this.clock.now();
      await this.sessions.revoke(sessionId, now);
      await this.audit.record(actor, { action: 'session.sign_out', entityType: 'session', entityId: sessionId, entityLabel: actor.name }, now, client);
    });
  }

  /**
   * A signed-in user replaces their password (the one-time one, or their own). Their other sessions end;
   * the password is never echoed in an error.
   */
  async changePassword(actor: RequestActor, input: { currentPassword: string; newPassword: string }, client: AuditContext): Promise<void> {
    if (actor.type !== 'user' || !actor.id) {
      throw new RuleViolationError('NOT_A_USER', `${actor.name} is an API token; only users have passwords`);
    }
    const wait = this.limiters.perUsername.retryAfterSeconds(actor.name, this.clock.now());
    if (wait > 0) throw new TooManyAttemptsError(`password checks for ${actor.name}`, wait);
    const user = (await this.users.findCredentials(actor.id))!;
    if (!user.password_hash || !(await this.passwords.verify(user.password_hash, input.currentPassword))) {
      this.limiters.perUsername.fail(actor.name, this.clock.now());
      throw new InvalidInputError('currentPassword', '***', 'is not your current password');
    }
    const problems = passwordProblems(input.newPassword, user.username);
    if (input.newPassword === input.currentPassword) problems.push('must differ from the current password');
    if (problems.length > 0) throw new InvalidInputError('newPassword', '***', problems.join('; '));
    const passwordHash = await this.passwords.hash(input.newPassword);
    await this.transactions.run(async () => {
      const current = (await this.users.find(user.id, true))!;
      const now = this.clock.now();
      await this.users.update(user.id, { password_hash: passwordHash, must_change_password: false, password_expires_at: null });
      await this.users.endSessions(user.id, now, actor.sessionId);
      const after = toUserDto((await this.users.find(user.id))!);
      await this.audit.record(actor, { action: 'user.password_change', ...userEntity(after), before: toUserDto(current), after }, now, client);
    });
  }

  private assertNotLimited(username: string, client: AuditContext): void {
    const now = this.clock.now();
    const wait = Math.max(this.limiters.perUsername.retryAfterSeconds(username, now), this.limiters.perClient.retryAfterSeconds(clientKey(client), now));
    if (wait > 0) throw new TooManyAttemptsError('sign-ins for this username or from this address', wait);
  }

  /** Recorded in a transaction of its own: nothing else changes on a failed sign-in. */
  private async recordFailure(user: UserCredentialRow | null, attempted: string, reason: string, client: AuditContext): Promise<void> {
    const actor: Actor = user
      ? { type: 'user', id: user.id, name: user.username, role: user.role }
      : { type: 'system', id: null, name: attempted, role: 'viewer' };
    await this.transactions.run(() =>
      this.audit.record(
        actor,
        { action: 'user.sign_in_failed', entityType: 'user', entityId: user?.id ?? null, entityLabel: user?.username ?? attempted, after: { reason } },
        this.clock.now(), client,
      ),
    );
  }

  private async startSession(
    actor: Actor,
    displayName: string,
    mustChangePassword: boolean,
    alsoRecord: (at: Date) => Promise<void>,
  ): Promise<SignedIn> {
    const secret = newSessionSecret();
    const csrfToken = newCsrfToken();
    return this.transactions.run(async () => {
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
      await this.sessions.insert({
        secretHash: hashSecret(secret), csrfToken, userId: actor.type === 'user' ? actor.id : null, tokenId: actor.type === 'token' ? actor.id : null,
        expiresAt, now,
      });
      await alsoRecord(now);
      return {
        secret,
        maxAgeMs: SESSION_LIFETIME_MS,
        session: {
          actor: { type: actor.type, name: actor.name, role: actor.role, displayName }, csrfToken, mustChangePassword, expiresAt: expiresAt.toISOString(),
        },
      };
    });
  }
}
