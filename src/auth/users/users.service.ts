import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../../audit/audit-change.js';
import { AuditTrail } from '../../audit/audit-trail.service.js';
import type { Actor } from '../../common/actor.js';
import { newOneTimePassword } from '../credentials.js';
import { PasswordHasher } from '../passwords.service.js';
import { isRole, ROLES, type Role } from '../../common/roles.js';
import { Clock } from '../../common/clock.js';
import { AlreadyExistsError, InvalidInputError, NotFoundError, RuleViolationError } from '../../common/errors.js';
import { assertVersion } from '../../common/version.js';
import type { UserDto, UserWithOneTimePasswordDto } from './dto/user.dto.js';
import { toUserDto, type UserRow } from './user.mapper.js';
import { UsersRepository, type UserColumns } from './users.repository.js';
import { normalizeUsername, usernameProblem } from './usernames.js';
import { Transactions } from '../../database/transactions.js';

/** A one-time password works for this long. */
export const ONE_TIME_PASSWORD_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const INITIAL_ADMIN_USERNAME = 'admin';
const MAX_DISPLAY_NAME = 200;

export interface NewUser {
  username: string;
  displayName?: string;
  role: string;
}

export interface UserChanges {
  displayName?: string;
  role?: string;
  disabled?: boolean;
}

/**
 * User accounts, managed by admins (API) or by whoever runs the CLI: created and reset with a one-time
 * password returned once, changed with optimistic locking, disabled. Every change is audited in its transaction.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }

  async get(idOrUsername: string): Promise<UserDto> {
    return toUserDto(await this.require(idOrUsername));
  }

  async create(input: NewUser, actor: Actor, context: AuditContext = {}): Promise<UserWithOneTimePasswordDto> {
    const username = normalizeUsername(input.username);
    const problem = usernameProblem(username);
    if (problem) throw new InvalidInputError('username', input.username, problem);
    const role = checkRole(input.role);
    const displayName = checkDisplayName(input.displayName ?? '');
    const oneTimePassword = newOneTimePassword();
    const passwordHash = await this.passwords.hash(oneTimePassword);
    return this.transactions.run(async () => {
      const now = this.clock.now();
      const id = await this.users.insert({
        username, displayName, role, passwordHash, mustChangePassword: true, passwordExpiresAt: new Date(now.getTime() + ONE_TIME_PASSWORD_LIFETIME_MS),
      });
      if (!id) throw new AlreadyExistsError('A user', 'username', username);
      const user = toUserDto((await this.users.find(id))!);
      await this.audit.record(actor, { action: 'user.create', ...userEntity(user), after: user }, now, context);
      return { user, oneTimePassword };
    });
  }

  /**
   * First start: when there is no user at all, creates `admin` with a one-time password (null otherwise).
   * Safe when two processes start at once: the second finds the first one's user.
   */
  async createInitialAdmin(actor: Actor): Promise<{ user: UserDto; oneTimePassword: string } | null> {
    if (await this.users.anyUser()) return null;
    const oneTimePassword = newOneTimePassword();
    const passwordHash = await this.passwords.hash(oneTimePassword);
    return this.transactions.run(async () => {
      await this.users.lockAdminSet();
      if (await this.users.anyUser()) return null;
      const now = this.clock.now();
      const id = await this.users.insert({
        username: INITIAL_ADMIN_USERNAME, displayName: 'Administrator', role: 'admin', passwordHash, mustChangePassword: true,
        passwordExpiresAt: new Date(now.getTime() + ONE_TIME_PASSWORD_LIFETIME_MS),
      });
      const user = toUserDto((await this.users.find(id!))!);
      await this.audit.record(actor, { action: 'user.create', ...userEntity(user), after: user }, now);
      return { user, oneTimePassword };
    });
  }

  /** A change by an admin who read `version`; a stale version is refused. */
  async update(idOrUsername: string, changes: UserChanges & { version: number }, actor: Actor, context: AuditContext = {}): Promise<UserDto> {
    return this.transactions.run(async () => {
      const current = await this.require(idOrUsername, true);
      assertVersion('User', current.username, changes.version, current.version);
      return this.apply(current, changes, actor, context);
    });
  }

  /** Disables the account (the CLI's `user disable`); nothing changes when it already is. */
  async disable(idOrUsername: string, actor: Actor, context: AuditContext = {}): Promise<UserDto> {
    return this.transactions.run(async () => this.apply(await this.require(idOrUsername, true), { disabled: true }, actor, context));
  }

  /** A new one-time password, valid 24 hours, returned once; the user's sessions end. */
  async resetPassword(idOrUsername: string, actor: Actor, context: AuditContext = {}): Promise<UserWithOneTimePasswordDto> {
    const oneTimePassword = newOneTimePassword();
    const passwordHash = await this.passwords.hash(oneTimePassword);
    return this.transactions.run(async () => {
      const current = await this.require(idOrUsername, true);
      const now = this.clock.now();
      await this.users.update(current.id, {
        password_hash: passwordHash, must_change_password: true, password_expires_at: new Date(now.getTime() + ONE_TIME_PASSWORD_LIFETIME_MS),
      });
      await this.users.endSessions(current.id, now);
      const user = toUserDto((await this.users.find(current.id))!);
      await this.audit.record(actor, { action: 'user.reset_password', ...userEntity(user), before: toUserDto(current), after: user }, now, context);
      return { user, oneTimePassword };
    });
  }

  /** The user or a 404 naming what was asked for. */
  private async require(idOrUsername: string, forUpdate = false): Promise<UserRow> {
    const row = await this.users.find(idOrUsername, forUpdate);
    if (!row) throw new NotFoundError('User', idOrUsername);
    return row;
  }

  private async apply(current: UserRow, changes: UserChanges, actor: Actor, context: AuditContext): Promise<UserDto> {
    const now = this.clock.now();
    const columns: UserColumns = {};
    const displayName = changes.displayName === undefined ? current.display_name : checkDisplayName(changes.displayName);
    const role = changes.role === undefined ? current.role : checkRole(changes.role);
    if (displayName !== current.display_name) columns.display_name = displayName;
    if (role !== current.role) columns.role = role;
    const disabling = changes.disabled === true && current.disabled_at === null;
    const enabling = changes.disabled === false && current.disabled_at !== null;
    if (disabling) columns.disabled_at = now;
    if (enabling) columns.disabled_at = null;
    if (Object.keys(columns).length === 0) return toUserDto(current);

    const wasActiveAdmin = current.role === 'admin' && current.disabled_at === null;
    const staysActiveAdmin = role === 'admin' && !disabling;
    if (wasActiveAdmin && !staysActiveAdmin) {
      await this.users.lockAdminSet();
      if ((await this.users.countActiveAdminsExcept(current.id)) === 0) {
        throw new RuleViolationError(
          'LAST_ADMIN',
          `${current.username} is the last active admin: make another user admin first, or nobody could manage users and tokens`,
          { username: current.username },
        );
      }
    }
    await this.users.update(current.id, columns);
    if (disabling) await this.users.endSessions(current.id, now);
    const user = toUserDto((await this.users.find(current.id))!);
    const action = disabling ? 'user.disable' : enabling ? 'user.enable' : 'user.update';
    await this.audit.record(actor, { action, ...userEntity(user), before: toUserDto(current), after: user }, now, context);
    return user;
  }
}

/** The audit trail's handle on a user. */
export const userEntity = (user: UserDto) => ({ entityType: 'user', entityId: user.id, entityLabel: user.username });

function checkRole(role: string): Role {
  if (!isRole(role)) throw new InvalidInputError('role', role, `must be one of ${ROLES.join(', ')}`);
  return role;
}

function checkDisplayName(text: string): string {
  const name = text.trim();
  if (name.length > MAX_DISPLAY_NAME) throw new InvalidInputError('displayName', text, `must be at most ${MAX_DISPLAY_NAME} characters long`);
  return name;
}
