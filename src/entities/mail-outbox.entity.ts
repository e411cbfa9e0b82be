import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type MailStatus = 'PENDING' | 'SENDING' | 'SENT' | 'DIGESTED' | 'SKIPPED';
export type MailKind = 'TASK_ASSIGNED' | 'REMINDER' | 'ESCALATED' | 'DEADLINE_MISSED' | 'DIGEST';

/**
 * One e-mail to one person about one event, written in the same transaction as the projection that records the event
 * (so a decision never waits on SMTP) and keyed by the event: a retried projection finds the row already there. The
 * worker's sender (src/worker/mail-sender.ts) delivers PENDING rows and marks them SENT; the daily digest folds a
 * digest reader's rows into one DIGEST row.
 */
@Entity({ name: 'mail_outbox' })
@Check('ck_mail_outbox_status', `"status" IN ('PENDING', 'SENDING', 'SENT', 'DIGESTED', 'SKIPPED')`)
@Index('ix_mail_outbox_pending', ['status', 'nextAttemptAt'])
@Index('ix_mail_outbox_username', ['username'])
export class MailOutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_mail_outbox' })
  id: string;

  /** e.g. `chain:<chainId>:<seq>:<username>`, `cycle:<cycleId>:<version>:<kind>:<username>`, `digest:<username>:<last id>`. */
  @Index('uq_mail_outbox_event_key', { unique: true })
  @Column({ name: 'event_key', type: 'varchar', length: 500 })
  eventKey: string;

  @Column({ type: 'varchar', length: 32 })
  kind: MailKind;

  /** The recipient; the address is read from `users` when the mail is sent. */
  @Column({ type: 'varchar', length: 100 })
  username: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** Path below the web app's origin (`/app/approvals/…`); APP_BASE_URL is put in front when sent. */
  @Column({ type: 'varchar', length: 600, nullable: true })
  link: string | null;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: MailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** While SENDING: after this instant another sender may take the row again (the first one died). */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** The digest row that carried this one (DIGESTED). */
  @Column({ name: 'digest_key', type: 'varchar', length: 500, nullable: true })
  digestKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
