import type { Role } from '../../common/roles.js';
import type { UserDto } from './dto/user.dto.js';

/** One user as the repository reads it: every column but the password hash. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  must_change_password: boolean;
  password_expires_at: Date | null;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A user with the password hash, for sign-in and password changes only. */
export interface UserCredentialRow extends UserRow {
  password_hash: string | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The API (and audit) representation: never the password hash. */
export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled_at !== null,
    disabledAt: iso(row.disabled_at),
    mustChangePassword: row.must_change_password,
    passwordExpiresAt: iso(row.password_expires_at),
    lastSignInAt: iso(row.last_sign_in_at),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
