import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type LoginOutcome = 'OK' | 'BAD_CREDENTIALS' | 'LOCKED' | 'THROTTLED' | 'DISABLED';

/**
 * Every login attempt, for rate limiting by client address and for the lockout (counted per username,
 * whether or not the account exists, so the answers do not reveal which usernames exist).
 */
@Entity({ name: 'login_attempts' })
@Index('ix_login_attempts_ip_at', ['ip', 'at'])
@Index('ix_login_attempts_username_at', ['username', 'at'])
export class LoginAttemptEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_login_attempts' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  username: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: LoginOutcome;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
