import { Inject, Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { InvalidInputError, RuleViolationError, UnauthenticatedError } from '../common/errors.js';
import { toUserDto, type UserCredentialRow } from './users/user.mapper.js';
import { UsersRepository } from './users/users.repository.js';
import { userEntity } from './users/users.service.js';
import { normalizeUsername } from './users/usernames.js';
import type { Actor, RequestActor } from '../common/actor.js';
import { AuthRepository } from './auth.repository.js';
import { deviceHash, hashSecret, newCsrfToken, newDeviceCookie, newSessionSecret } from './credentials.js';
import { currentPasswordFailureKey, passwordFailureKeys, tokenFailureKeys } from './failure-throttle.js';
import { FailureThrottle } from './failure-throttle.service.js';
import type { SessionDto } from './dto/session.dto.js';
import { PasswordHasher, passwordProblems } from './passwords.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { Transactions } from '../database/transactions.js';

/** A browser session lasts a week; signing in again starts a new one. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const WRONG_CREDENTIALS = 'username or password is wrong';

/** A device cookie lasts a year; each password sign-in renews it. */
export const DEVICE_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

/** What the controller needs to set the cookies, and what it returns. */
export interface SignedIn {
  secret: string;
  maxAgeMs: number;
  session: SessionDto;
  /** The device cookie to set (password sign-ins): this browser's own failure counters for the username. */
  device?: string;
}

/** The client address the per-address limits count against. */
const clientKey = (client: AuditContext) => client.ip ?? 'unknown';

/**
 * Browser sign-in (password or API token), the current session, sign-out, and a user's own password
 * change. The session secret lives only in the signed cookie; the database keeps its SHA-256.
 * Failed checks are throttled by FailureThrottle (failure-throttle.ts): a token is looked up first and a
 * valid one always works; a password attempt is refused unchecked only while its own source (address, or
 * this browser's device cookie for the username) is blocked on that username, or its address on all.
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
    private readonly throttle: FailureThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `device`: the verified device cookie the browser sent, if any. */
  async signIn(input: { username: string; password: string }, client: AuditContext, device?: string): Promise<SignedIn> {
    const username = normalizeUsername(input.username);
    const ownDevice = deviceHash(device, username);
    const keys = passwordFailureKeys(clientKey(client), username, ownDevice);
    await this.throttle.assertNotBlocked(keys, 'sign-ins for this username from this address or browser');
    const user = await this.users.findCredentials(username);
    const matches = user?.password_hash ? await this.passwords.verify(user.password_hash, input.password) : await this.passwords.verifyNothing(input.password);
    const now = this.clock.now();
    if (!user || !matches) {
      await this.recordFailure(user, username, user ? 'wrong_password' : 'unknown_user', client);
      await this.throttle.fail(keys, 'sign-ins for this username from this address or browser');
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
    await this.throttle.succeed(keys[0]);
    const actor: Actor = { type: 'user', id: user.id, name: user.username, role: user.role };
    const signedIn = await this.startSession(actor, user.display_name || user.username, user.must_change_password, async (at) => {
      await this.users.recordSignIn(user.id, at);
      await this.audit.record(actor, { action: 'user.sign_in', entityType: 'user', entityId: user.id, entityLabel: user.username }, at, client);
    });
    return { ...signedIn, device: ownDevice ? device : newDeviceCookie(username) };
  }

  async signInWithToken(input: { token: string }, client: AuditContext): Promise<SignedIn> {
    const secretHash = hashSecret(input.token.trim());
    const token = await this.auth.findActiveToken(secretHash, this.clock.now());
    if (!token) {
      await this.throttle.fail(tokenFailureKeys(clientKey(client), secretHash), 'token checks from this address');
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
      reportTimeZone: this.config.reportTimeZone,
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
    const key = currentPasswordFailureKey(clientKey(client), actor.name);
    await this.throttle.assertNotBlocked([key], `password checks for ${actor.name} from this address`);
    const user = (await this.users.findCredentials(actor.id))!;
    if (!user.password_hash || !(await this.passwords.verify(user.password_hash, input.currentPassword))) {
      await this.throttle.fail([key], `password checks for ${actor.name} from this address`);
      throw new InvalidInputError('currentPassword', '***', 'is not your current password');
    }
    await this.throttle.succeed(key);
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
          reportTimeZone: this.config.reportTimeZone,
        },
      };
    });
  }
}
