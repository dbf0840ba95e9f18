import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from './roles.js';

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
  constructor(private readonly dataSource: DataSource) {}

  /** An active token by the hash of its secret: not revoked, not expired. Marks it used (at most once a minute). */
  async findActiveToken(secretHash: string, now: Date): Promise<TokenCredential | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows]: [TokenCredential[], number] = await this.dataSource.query(
      `UPDATE api_tokens SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute' THEN $2 ELSE last_used_at END
        WHERE secret_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
        RETURNING id, name, role`,
      [secretHash, now],
    );
    return rows[0] ?? null;
  }

  /** A live session and whoever it belongs to; a disabled user, or a revoked or expired token, ends it. */
  async findActiveSession(secretHash: string, now: Date): Promise<SessionCredential | null> {
    const [rows]: [SessionCredential[], number] = await this.dataSource.query(
      `UPDATE sessions s SET last_seen_at = $2
         FROM sessions x
         LEFT JOIN users u ON u.id = x.user_id AND u.disabled_at IS NULL
         LEFT JOIN api_tokens t ON t.id = x.token_id AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
        WHERE s.id = x.id AND x.secret_hash = $1 AND x.revoked_at IS NULL AND x.expires_at > $2
          AND (u.id IS NOT NULL OR t.id IS NOT NULL)
        RETURNING s.id AS session_id, s.csrf_token, u.id AS user_id, u.username, u.role AS user_role, u.must_change_password,
                  t.id AS token_id, t.name AS token_name, t.role AS token_role`,
      [secretHash, now],
    );
    return rows[0] ?? null;
  }
}
