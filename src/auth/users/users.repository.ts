import { Injectable } from '@nestjs/common';
import { Database } from '../../database/transactions.js';
import type { Role } from '../../common/roles.js';
import { insertRow, updateRow } from '../../database/sql.js';
import type { UserCredentialRow, UserRow } from './user.mapper.js';
import { UUID_PATTERN as UUID } from '../../common/uuid.js';

/** Column values of a user as written; keys are column names chosen by the service, never by the client. */
export type UserColumns = Record<string, unknown>;

const USER_COLUMNS = `id, username, display_name, role, must_change_password, password_expires_at, disabled_at, last_sign_in_at, version, created_at, updated_at`;

/** All SQL on users, and the ending of their sessions. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  list(): Promise<UserRow[]> {
    return this.db.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
  }

  /** By uuid or by username (compared in lower case); `forUpdate` locks the row until the transaction ends. */
  async find(idOrUsername: string, forUpdate = false): Promise<UserRow | null> {
    const rows: UserRow[] = await this.db.query(
      `SELECT ${USER_COLUMNS} FROM users WHERE ${UUID.test(idOrUsername) ? 'id = $1::uuid' : 'lower(username) = lower($1)'}${forUpdate ? ' FOR UPDATE' : ''}`,
      [idOrUsername],
    );
    return rows[0] ?? null;
  }

  /** The user with the password hash, by uuid or username. */
  async findCredentials(idOrUsername: string): Promise<UserCredentialRow | null> {
    const rows: UserCredentialRow[] = await this.db.query(
      `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE ${UUID.test(idOrUsername) ? 'id = $1::uuid' : 'lower(username) = lower($1)'}`,
      [idOrUsername],
    );
    return rows[0] ?? null;
  }

  /** The new id, or null when the username is taken (nothing written). */
  insert(
    user: { username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword: boolean; passwordExpiresAt: Date | null },
  ): Promise<string | null> {
    return insertRow(
      this.db.manager,
      'users',
      {
        username: user.username, display_name: user.displayName, role: user.role, password_hash: user.passwordHash,
        must_change_password: user.mustChangePassword, password_expires_at: user.passwordExpiresAt,
      },
      { versioned: true, onConflict: 'ON CONFLICT (username) DO NOTHING' },
    );
  }

  /** Writes the changed columns and bumps the version. */
  async update(id: string, columns: UserColumns): Promise<void> {
    await updateRow(this.db.manager, 'users', id, columns, { versioned: true });
  }

  /** Not a change people edit (no version bump): when the user last signed in. */
  async recordSignIn(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE users SET last_sign_in_at = $2 WHERE id = $1`, [id, at]);
  }

  async anyUser(): Promise<boolean> {
    const rows: { any: boolean }[] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM users) AS any`);
    return rows[0].any;
  }

  /**
   * Holds, until the transaction ends, the lock every change that could remove an active admin takes
   * first, so two admins disabling each other at the same moment cannot both succeed.
   */
  async lockAdminSet(): Promise<void> {
    await this.db.lock('adminSet');
  }

  async countActiveAdminsExcept(id: string): Promise<number> {
    const rows: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1`,
      [id],
    );
    return rows[0].n;
  }

  /** Revokes the user's live sessions, except `keepSessionId` when given. */
  async endSessions(userId: string, at: Date, keepSessionId: string | null = null): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, at, keepSessionId],
    );
  }
}
