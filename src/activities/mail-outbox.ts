import type { EntityManager } from 'typeorm';
import { Role } from '../shared/actors';
import type { CycleState } from '../shared/cycle-types';
import { cycleMails, type CycleRecipient, type OutboxMail } from '../domain/mail';

/**
 * Writes mails into the outbox inside the caller's transaction (the projection's): the event and its mails commit
 * together or not at all, and the event key's unique constraint makes a second write of the same event a no-op.
 */
export async function enqueueMails(m: EntityManager, mails: readonly OutboxMail[]): Promise<void> {
  for (const mail of mails) {
    await m.query(
      `INSERT INTO mail_outbox (event_key, kind, username, subject, body, link) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_key) DO NOTHING`,
      [mail.eventKey, mail.kind, mail.username, mail.subject, mail.body, mail.link],
    );
  }
}

/** The heads of the cycle's units and the province's deciding roles in force now: who a cycle's mails may go to. */
async function cycleRecipients(m: EntityManager, state: CycleState): Promise<CycleRecipient[]> {
  const rows: { username: string; display_name: string; role: Role; unit_code: string | null }[] = await m.query(
    `SELECT DISTINCT u.username, u.display_name, r.role, r.unit_code
     FROM role_assignments r JOIN users u ON u.id = r.user_id
     WHERE NOT u.disabled AND r.valid_from <= now() AND (r.valid_to IS NULL OR r.valid_to > now())
       AND ((r.role = $1 AND r.unit_code = ANY($2))
            OR (r.role = ANY($3) AND r.province_code = $4))
     ORDER BY u.username`,
    [Role.UNIT_HEAD, state.units.map((u) => u.code), [Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.CHAIRMAN], state.provinceCode],
  );
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    ...(r.unit_code ? { unitCode: r.unit_code } : {}),
  }));
}

/** The mails of a cycle's new version against the one stored before it (read in the same transaction). */
export async function enqueueCycleMails(m: EntityManager, previous: CycleState | undefined, next: CycleState): Promise<void> {
  if (next.mode === 'RECORD') return;
  const mails = cycleMails(previous, next, await cycleRecipients(m, next), new Date());
  await enqueueMails(m, mails);
}
