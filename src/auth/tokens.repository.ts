import { Injectable } from '@nestjs/common';
import { Database } from '../database/transactions.js';
import { insertRow } from '../database/sql.js';
import type { Role } from '../common/roles.js';
import { UUID_PATTERN as UUID } from '../common/uuid.js';

export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_by_name: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const SELECT_TOKEN = `SELECT id, name, role, prefix, created_by_name, created_at, expires_at, revoked_at, last_used_at FROM api_tokens`;

@Injectable()
export class TokensRepository {
  constructor(private readonly db: Database) {}

  /** The new id, or null when the name is taken (nothing written). */
  insert(
    token: { name: string; role: Role; secretHash: string; prefix: string; expiresAt: Date | null; createdById: string | null; createdByName: string },
  ): Promise<string | null> {
    return insertRow(
      this.db.manager,
      'api_tokens',
      {
        name: token.name, role: token.role, secret_hash: token.secretHash, prefix: token.prefix, expires_at: token.expiresAt,
        created_by_id: token.createdById, created_by_name: token.createdByName,
      },
      { onConflict: 'ON CONFLICT (name) DO NOTHING' },
    );
  }

  list(): Promise<TokenRow[]> {
    return this.db.query(`${SELECT_TOKEN} ORDER BY created_at, name`);
  }

  /** By id or by name; `forUpdate` locks the row. */
  async find(idOrName: string, forUpdate = false): Promise<TokenRow | null> {
    const rows: TokenRow[] = await this.db.query(
      `${SELECT_TOKEN} WHERE ${UUID.test(idOrName) ? 'id = $1::uuid' : 'name = $1'}${forUpdate ? ' FOR UPDATE' : ''}`,
      [idOrName],
    );
    return rows[0] ?? null;
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE api_tokens SET revoked_at = $2 WHERE id = $1`, [id, at]);
    await this.db.query(`UPDATE sessions SET revoked_at = $2 WHERE token_id = $1 AND revoked_at IS NULL`, [id, at]);
  }
}
