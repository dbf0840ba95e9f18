import type { Role } from '../common/roles.js';
import type { TokenRow } from './tokens.repository.js';
import { changeBuilder } from '../audit/audit-change.js';

/** An API token as the API, the CLI and the audit trail show it: never the secret or its hash. */
export interface TokenView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  status: 'active' | 'expired' | 'revoked';
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function toTokenView(row: TokenRow, now: Date): TokenView {
  const status = row.revoked_at ? 'revoked' : row.expires_at && row.expires_at <= now ? 'expired' : 'active';
  return {
    id: row.id, name: row.name, role: row.role, prefix: row.prefix, status, createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(), expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null, lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/** How a change to it is recorded in the audit trail. */
export const tokenChange = changeBuilder<TokenView>('token', (t) => t.name);
