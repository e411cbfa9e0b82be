import type { EntityManager } from 'typeorm';
import { insertRows } from './insert-rows';
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

export function appendAudit(m: EntityManager, event: AuditInput): Promise<void> {
  return appendAudits(m, [event]);
}

/**
 * Appends entries in order, each linked to the one before, in the caller's transaction: one lock, one read of what is
 * known and of the chain's head, one INSERT, so a projection of many events holds the chain's lock for a few round
 * trips, not a few per event. An input already in the log (or earlier in the same call) appends nothing.
 */
export async function appendAudits(m: EntityManager, events: readonly AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await m.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [AUDIT_CHAIN_LOCK]);
  // READ COMMITTED: this statement, after the lock, sees the entry committed by the previous holder of the lock.
  const [head]: { known: string[]; seq: string | null; hash: string | null }[] = await m.query(
    `SELECT ARRAY(SELECT event_id FROM audit_log WHERE event_id = ANY($1::varchar[])) AS known, last.seq, last.hash
     FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS last ON TRUE`,
    [events.map((e) => e.eventId)],
  );
  const seen = new Set(head.known);
  let seq = head.seq === null ? 0 : Number(head.seq);
  let prevHash = head.hash ?? GENESIS_HASH;
  const rows: unknown[][] = [];
  for (const event of events) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    const entry = sealRecord({
      seq: ++seq,
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
      prevHash,
    } satisfies AuditRecord);
    prevHash = entry.hash;
    rows.push([
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
    ]);
  }
  await insertRows(
    m,
    `INSERT INTO audit_log (seq, event_id, cycle_id, occurred_at, recorded_at, actor_user_id, actor_role, actor_unit_code,
                            kind, type, phase, summary_vi, payload, prev_hash, hash)`,
    '',
    rows,
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
