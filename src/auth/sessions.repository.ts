import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import { insertRow } from '../database/sql.js';

export interface SessionRow {
  id: string;
  csrf_token: string;
  user_id: string | null;
  token_id: string | null;
  expires_at: Date;
  revoked_at: Date | null;
}

/** All SQL on browser sessions (the guard's per-request lookup is in AuthRepository). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async insert(
    session: { secretHash: string; csrfToken: string; userId: string | null; tokenId: string | null; expiresAt: Date; now: Date },
  ): Promise<string> {
    return (await insertRow(this.db.manager, 'sessions', {
      secret_hash: session.secretHash, csrf_token: session.csrfToken, user_id: session.userId, token_id: session.tokenId,
      expires_at: session.expiresAt, last_seen_at: session.now, created_at: session.now,
    }))!;
  }

  async find(id: string): Promise<SessionRow | null> {
    const rows: SessionRow[] = await this.db.query(`SELECT id, csrf_token, user_id, token_id, expires_at, revoked_at FROM sessions WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, at]);
  }
}
