import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed credential checks of one kind from one source on one credential (see failure-throttle.ts):
 * shared by every instance on the database, kept across restarts, forgotten an hour after the last failure.
 */
@Entity({ name: 'auth_failures' })
export class AuthFailure {
  /** `token` (bearer token or token sign-in), `password` (sign-in), `current_password` (password change). */
  @PrimaryColumn({ type: 'text' })
  kind: string;

  /** The client address, or `device:<hash>` for a browser that signed in to this username before. */
  @PrimaryColumn({ type: 'text' })
  client: string;

  /** `user:<username>`, `token:<first 16 hex of the token's SHA-256>`, or `*` for every credential from the client. */
  @PrimaryColumn({ type: 'text' })
  credential: string;

  @Column({ type: 'integer' })
  failures: number;

  /** Attempts are refused until then; null below the threshold. */
  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;

  /** When the counter is forgotten (and may be pruned): an hour after the last failure. */
  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
