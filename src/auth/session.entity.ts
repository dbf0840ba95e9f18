import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './users/user.entity.js';
import { ApiToken } from './api-token.entity.js';

/** A browser session: signed in with a password (user) or with an API token (token). */
@Entity({ name: 'sessions' })
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** SHA-256 of the random session secret carried in the signed cookie. */
  @Column({ type: 'text', unique: true })
  secretHash: string;

  /** Sent back in the X-CSRF-Token header on every cookie-authenticated write. */
  @Column({ type: 'text' })
  csrfToken: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User> | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  tokenId: string | null;

  @ManyToOne(() => ApiToken, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'token_id' })
  token?: Relation<ApiToken> | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
