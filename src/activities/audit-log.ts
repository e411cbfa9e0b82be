import type { EntityManager } from 'typeorm';
import { appendAudits, type AuditInput } from '../db/audit-append';
import type { TimelineEvent } from '../shared/cycle-types';

/**
 * Appends the audit entry of a timeline event inside the caller's transaction, which also writes the read-model
 * change the event causes: both commit or neither does. Run it last in the transaction so the lock is held
 * only for the append. An event already in the log (activity retry) appends nothing.
 */
export function appendAuditEntry(m: EntityManager, event: TimelineEvent): Promise<void> {
  return appendAudits(m, [auditInputOf(event)]);
}

/** The audit entries of a batch of events, in their order, under one hold of the chain's lock. */
export function appendAuditEntries(m: EntityManager, events: readonly TimelineEvent[]): Promise<void> {
  return appendAudits(m, events.map(auditInputOf));
}

function auditInputOf(event: TimelineEvent): AuditInput {
  return {
    eventId: event.id,
    cycleId: event.cycleId,
    occurredAt: event.occurredAt,
    actor: event.actor ? { userId: event.actor.userId, role: event.actor.role, unitCode: event.actor.unitCode } : undefined,
    type: event.type,
    phase: event.phase,
    summaryVi: event.summaryVi,
    data: event.data,
  };
}
