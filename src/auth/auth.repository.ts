import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import type { Role } from '../common/roles.js';

export interface TokenCredential {
  id: string;
  name: string;
  role: Role;
}

export interface SessionCredential {
  session_id: string;
  csrf_token: string;
  user_id: string | null;
  username: string | null;
  user_role: Role | null;
  must_change_password: boolean | null;
  token_id: string | null;
  token_name: string | null;
  token_role: Role | null;
}

/** The lookups the guard does on every request: one indexed query each. */
@Injectable()
export class AuthRepository {
  constructor(private readonly db: Database) {}

  /**
   * An active token by the hash of its secret: not revoked, not expired. A read; the token is marked
   * used only when its last use is more than a minute old, so a busy client does not write a row
   * version on every request.
   */
  async findActiveToken(secretHash: string, now: Date): Promise<TokenCredential | null> {
    const rows: (TokenCredential & { stale: boolean })[] = await this.db.query(
      `SELECT id, name, role, (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute') AS stale
         FROM api_tokens WHERE secret_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
      [secretHash, now],
    );
    const token = rows[0];
    if (!token) return null;
    if (token.stale) await this.touch('api_tokens', 'last_used_at', token.id, now);
    return { id: token.id, name: token.name, role: token.role };
  }

  /** A live session and whoever it belongs to; a disabled user, or a revoked or expired token, ends it. */
  async findActiveSession(secretHash: string, now: Date): Promise<SessionCredential | null> {
    const rows: (SessionCredential & { stale: boolean })[] = await this.db.query(
      `SELECT s.id AS session_id, s.csrf_token, u.id AS user_id, u.username, u.role AS user_role, u.must_change_password,
              t.id AS token_id, t.name AS token_name, t.role AS token_role,
              (s.last_seen_at < $2::timestamptz - interval '1 minute') AS stale
         FROM sessions s
         LEFT JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
         LEFT JOIN api_tokens t ON t.id = s.token_id AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
        WHERE s.secret_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
          AND (u.id IS NOT NULL OR t.id IS NOT NULL)`,
      [secretHash, now],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.stale) await this.touch('sessions', 'last_seen_at', row.session_id, now);
    const { stale: _stale, ...session } = row;
    return session;
  }

  /** Moves a last-use timestamp forward, at most once a minute (the WHERE keeps concurrent requests from writing twice). */
  private async touch(table: 'api_tokens' | 'sessions', column: 'last_used_at' | 'last_seen_at', id: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE ${table} SET ${column} = $2 WHERE id = $1 AND (${column} IS NULL OR ${column} < $2::timestamptz - interval '1 minute')`,
      [id, now],
    );
  }
}
