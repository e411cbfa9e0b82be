import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { MailConfig } from '../config/mail-config';
import { renderBody } from '../domain/mail';

interface Claimed {
  id: string;
  event_key: string;
  subject: string;
  body: string;
  link: string | null;
  attempts: number;
  email: string;
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
  skipped: number;
}

interface SenderLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL as [rows, affected count]. */
function updatedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

/** How long a claimed row is this sender's: past it, another sender takes it again (this one died mid-send). */
const CLAIM_SECONDS = 120;
/** Delivered, digested or skipped rows are kept this long (what was sent to whom, for questions), then removed. */
const KEEP_DAYS = 90;
const PRUNE_EVERY_MS = 3_600_000;
/** The longest wait between two attempts of one mail. */
const MAX_BACKOFF_SECONDS = 300;

/** The Message-ID of an event's mail: the same on every attempt, so a reader's client folds a duplicate delivery. */
export const messageIdOf = (eventKey: string) => `<${createHash('sha256').update(eventKey).digest('hex').slice(0, 32)}@thidua>`;

/**
 * Delivers the outbox (src/entities/mail-outbox.entity.ts), in the worker process and outside any workflow: a decision
 * has committed its mails with its projection and never waits for SMTP. Each pass skips the mails of people who opted
 * out or have no address, claims a batch (FOR UPDATE SKIP LOCKED, so several workers share the outbox without sending
 * a row twice), sends each with nodemailer and marks it SENT; a failed send waits (2^attempts s, at most 5 min) and
 * is tried again. A row is marked SENT right after SMTP accepted it, retried until PostgreSQL answers; only a process
 * killed between the two leaves it to be sent again after its claim expires, with the same Message-ID.
 */
export class MailSender {
  private readonly transporter: Transporter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private prunedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MailConfig,
    private readonly logger?: SenderLogger,
  ) {
    this.transporter = nodemailer.createTransport(
      typeof config.transport === 'string'
        ? config.transport
        : { ...config.transport, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    );
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.running = this.deliverPending()
        .catch((err: unknown) => this.logger?.warn({ err }, 'mail: delivery pass failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.config.pollMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transporter.close();
  }

  /** One pass over the outbox: what it sent, what failed (to be retried), what it skipped. */
  async deliverPending(limit = 50): Promise<DeliveryCounts> {
    if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = Date.now();
      await this.dataSource.query(
        `DELETE FROM mail_outbox WHERE status IN ('SENT', 'DIGESTED', 'SKIPPED') AND created_at < now() - make_interval(days => ${KEEP_DAYS})`,
      );
    }
    const skipped = updatedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE mail_outbox o SET status = 'SKIPPED',
              last_error = CASE WHEN u.mail_preference = 'OFF' THEN 'opted out' WHEN u.disabled THEN 'account disabled' ELSE 'no address' END
       FROM users u
       WHERE u.username = o.username AND o.status = 'PENDING' AND (u.mail_preference = 'OFF' OR u.email IS NULL OR u.disabled)
       RETURNING o.id`,
      ),
    );
    const claimed = updatedRows<Claimed>(
      await this.dataSource.query(
        `WITH batch AS (
         SELECT o.id FROM mail_outbox o JOIN users u ON u.username = o.username
         WHERE ((o.status = 'PENDING' AND o.next_attempt_at <= now()) OR (o.status = 'SENDING' AND o.claimed_until < now()))
           AND (o.kind = 'DIGEST' OR u.mail_preference = 'IMMEDIATE') AND u.email IS NOT NULL
         ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED)
       UPDATE mail_outbox o SET status = 'SENDING', attempts = o.attempts + 1,
              claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
       FROM batch, users u
       WHERE o.id = batch.id AND u.username = o.username
       RETURNING o.id, o.event_key, o.subject, o.body, o.link, o.attempts, u.email`,
        [limit],
      ),
    );
    const counts: DeliveryCounts = { sent: 0, failed: 0, skipped: skipped.length };
    for (const row of claimed) {
      try {
        await this.transporter.sendMail({
          from: this.config.from,
          to: row.email,
          subject: row.subject,
          text: renderBody(row.body, row.link, this.config.appBaseUrl),
          messageId: messageIdOf(row.event_key),
          headers: { 'X-Thidua-Event': row.event_key },
        });
      } catch (err) {
        counts.failed++;
        const wait = Math.min(2 ** row.attempts, MAX_BACKOFF_SECONDS);
        this.logger?.warn({ err, mailId: row.id, attempts: row.attempts }, `mail: send failed, next attempt in ${wait}s`);
        await this.dataSource.query(
          `UPDATE mail_outbox SET status = 'PENDING', claimed_until = NULL, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3)
           WHERE id = $1 AND status = 'SENDING'`,
          [row.id, err instanceof Error ? err.message.slice(0, 500) : String(err), wait],
        );
        continue;
      }
      await this.markSent(row.id);
      counts.sent++;
    }
    if (counts.sent + counts.failed > 0) this.logger?.info({ ...counts }, 'mail: delivery pass');
    return counts;
  }

  /** SMTP has accepted it: record that, retrying while PostgreSQL does not answer, so that it is not sent again. */
  private async markSent(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.query(
          `UPDATE mail_outbox SET status = 'SENT', sent_at = now(), claimed_until = NULL, last_error = NULL WHERE id = $1`,
          [id],
        );
        return;
      } catch (err) {
        if (attempt >= 30) throw err;
        this.logger?.warn({ err, mailId: id, attempt }, 'mail: sent, but not yet marked SENT; retrying');
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 5000)));
      }
    }
  }
}
