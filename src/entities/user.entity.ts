import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A person who signs in. The password hash is argon2id (PHC string); `externalSubject` links the account
 * to a provincial single sign-on (OIDC `iss|sub`) so an SSO login maps to the same user and roles.
 */
@Entity({ name: 'users' })
@Check('ck_users_mail_preference', `"mail_preference" IN ('IMMEDIATE', 'DIGEST', 'OFF')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  /** Lower-case, NFC; what the person types at login. */
  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  /** Null for an account that signs in only through single sign-on. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Index('uq_users_external_subject', { unique: true, where: 'external_subject IS NOT NULL' })
  @Column({ name: 'external_subject', type: 'varchar', length: 300, nullable: true })
  externalSubject: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Where notifications go; none, none sent. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  /** IMMEDIATE: each notification at once; DIGEST: one mail a day; OFF: none. */
  @Column({ name: 'mail_preference', type: 'varchar', length: 16, default: 'IMMEDIATE' })
  mailPreference: 'IMMEDIATE' | 'DIGEST' | 'OFF';

  /** Set when an admin lifts a lockout: failed logins before this instant no longer count. */
  @Column({ name: 'lock_reset_at', type: 'timestamptz', nullable: true })
  lockResetAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
