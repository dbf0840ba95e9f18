import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Role } from '../../common/roles.js';

/** A person who signs in with a password in the browser. */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  username: string;

  @Column({ type: 'text', default: '' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  /** argon2id hash; null means password sign-in is not possible (yet). */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  /** Set for one-time passwords: the user must choose a new password before doing anything else. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** A one-time password stops working at this time. */
  @Column({ type: 'timestamptz', nullable: true })
  passwordExpiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
