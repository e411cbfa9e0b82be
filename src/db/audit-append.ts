import type { EntityManager } from 'typeorm';
import { canonicalInstant, GENESIS_HASH, normaliseJson, sealRecord, type AuditRecord } from '../audit/audit-chain';

/**
 * Key of the transaction-level advisory lock that serialises appends to the one chain of the database; no
 * other advisory lock is taken in this database. Held from the append to the commit, so two projections
 * committing at once cannot both link to the same predecessor.
 */
export const AUDIT_CHAIN_LOCK = 7_468_696_475_001;

/** What one audit entry records, inside or outside a cycle. */
export interface AuditInput {
  /** Unique per entry: an input already in the log appends nothing. */
  eventId: string;
  cycleId: string | null;
  occurredAt: string;
  actor?: { userId: string; role: string; unitCode?: string };
  type: string;
  phase: string | null;
  summaryVi: string;
  data?: unknown;
}

export async function appendAudit(m: EntityManager, event: AuditInput): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [AUDIT_CHAIN_LOCK]);
  const known: unknown[] = await m.query(`SELECT 1 FROM audit_log WHERE event_id = $1`, [event.eventId]);
  if (known.length > 0) return;

  // READ COMMITTED: this statement sees the entry committed by the previous holder of the lock.
  const last: { seq: string; hash: string }[] = await m.query(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
  const record: AuditRecord = {
    seq: last[0] ? Number(last[0].seq) + 1 : 1,
    eventId: event.eventId,
    cycleId: event.cycleId,
    occurredAt: canonicalInstant(event.occurredAt),
    recordedAt: canonicalInstant(new Date().toISOString()),
    actorUserId: event.actor?.userId ?? null,
    actorRole: event.actor?.role ?? null,
    actorUnitCode: event.actor?.unitCode ?? null,
    kind: event.actor ? 'HUMAN' : 'SYSTEM',
    type: event.type,
    phase: event.phase,
    summaryVi: event.summaryVi.normalize('NFC'),
    payload: event.data ? normaliseJson(event.data) : null,
    prevHash: last[0]?.hash ?? GENESIS_HASH,
  };
  const entry = sealRecord(record);
  await m.query(
    `INSERT INTO audit_log (seq, event_id, cycle_id, occurred_at, recorded_at, actor_user_id, actor_role, actor_unit_code,
                            kind, type, phase, summary_vi, payload, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      entry.seq,
      entry.eventId,
      entry.cycleId,
      entry.occurredAt,
      entry.recordedAt,
      entry.actorUserId,
      entry.actorRole,
      entry.actorUnitCode,
      entry.kind,
      entry.type,
      entry.phase,
      entry.summaryVi,
      entry.payload === null ? null : JSON.stringify(entry.payload),
      entry.prevHash,
      entry.hash,
    ],
  );
}

/**
 * An administrative act outside any cycle (accounts and roles, delegations, rule sets, unit conditions and ratings),
 * appended in the caller's transaction, which also writes the change it records.
 */
export function appendAdministrativeAudit(
  m: EntityManager,
  actor: { userId: string; role: string; unitCode?: string },
  entry: { eventId: string; type: string; summaryVi: string; data: Record<string, unknown> },
): Promise<void> {
  return appendAudit(m, {
    eventId: entry.eventId,
    cycleId: null,
    occurredAt: new Date().toISOString(),
    actor: { userId: actor.userId, role: actor.role, unitCode: actor.unitCode },
    type: entry.type,
    phase: null,
    summaryVi: entry.summaryVi,
    data: JSON.parse(JSON.stringify(entry.data)) as unknown,
  });
}
