import type { DataSource } from 'typeorm';
import { digestMail, type HeldMail } from '../domain/mail';
import { enqueueMails } from './mail-outbox';

/**
 * The daily digest: for each person who reads notifications as a digest, the PENDING mails held for them become one
 * DIGEST mail, in one transaction per person (a retried activity finds them DIGESTED already, and the digest's key
 * names its last row). The worker's sender delivers it like any other mail.
 */
export function createMailActivities(dataSource: DataSource) {
  return {
    async composeDigests(input: { at: string }): Promise<{ digests: number }> {
      const readers: { username: string; display_name: string }[] = await dataSource.query(
        `SELECT DISTINCT u.username, u.display_name FROM users u JOIN mail_outbox o ON o.username = u.username
         WHERE u.mail_preference = 'DIGEST' AND o.status = 'PENDING' AND o.kind <> 'DIGEST' ORDER BY u.username`,
      );
      let digests = 0;
      for (const reader of readers) {
        await dataSource.transaction(async (m) => {
          const held: (HeldMail & { id: string; created_at: Date })[] = await m.query(
            `SELECT id, subject, link, created_at FROM mail_outbox WHERE username = $1 AND status = 'PENDING' AND kind <> 'DIGEST'
             ORDER BY id FOR UPDATE SKIP LOCKED`,
            [reader.username],
          );
          if (held.length === 0) return;
          const lastId = held[held.length - 1].id;
          const digest = digestMail(
            { username: reader.username, displayName: reader.display_name },
            held.map((h) => ({ subject: h.subject, link: h.link, createdAt: new Date(h.created_at).toISOString() })),
            lastId,
            input.at,
          );
          await enqueueMails(m, [digest]);
          await m.query(`UPDATE mail_outbox SET status = 'DIGESTED', digest_key = $2 WHERE id = ANY($1::bigint[])`, [
            held.map((h) => h.id),
            digest.eventKey,
          ]);
          digests++;
        });
      }
      return { digests };
    },
  };
}

export type MailActivities = ReturnType<typeof createMailActivities>;
