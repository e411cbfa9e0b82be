import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** PENDING: admitted, password being checked (counted as a failure until settled). */
export type LoginOutcome = 'PENDING' | 'OK' | 'BAD_CREDENTIALS' | 'DISABLED';

/**
 * Every admitted login attempt (refused throttled attempts are not stored), for the rate limit per client address,
 * the backoff per (username, address) and the slow-down per username (counted whether or not the account exists,
 * so the answers do not reveal which usernames exist). Pruned by AuthService.pruneLoginAttempts.
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
