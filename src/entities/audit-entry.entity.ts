import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { AuditKind, JsonValue } from '../audit/audit-chain';

/**
 * One entry of the tamper-evident audit log: every human and system step, appended in the transaction of the
 * read-model change it causes. One hash chain for the whole database: `prev_hash` is the `hash` of the entry
 * with the previous `seq`; `hash` covers every other column (src/audit/audit-chain.ts).
 */
@Entity({ name: 'audit_log' })
@Unique('uq_audit_log_event', ['eventId'])
@Index('ix_audit_log_cycle_seq', ['cycleId', 'seq'])
@Check('ck_audit_log_kind', `"kind" IN ('HUMAN', 'SYSTEM')`)
export class AuditEntryEntity {
  /** Chain position, assigned under a transaction-level advisory lock; TypeORM reads bigint as a string. */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_log' })
  seq: string;

  /** The timeline event (`<workflow id>:<version>`): a retried projection appends nothing twice. */
  @Column({ name: 'event_id', type: 'varchar', length: 300 })
  eventId: string;

  /** Null for administration outside any cycle (users and their roles). */
  @Column({ name: 'cycle_id', type: 'varchar', length: 200, nullable: true })
  cycleId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 200, nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_unit_code', type: 'varchar', length: 64, nullable: true })
  actorUnitCode: string | null;

  @Column({ type: 'varchar', length: 8 })
  kind: AuditKind;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phase: string | null;

  @Column({ name: 'summary_vi', type: 'text' })
  summaryVi: string;

  @Column({ type: 'jsonb', nullable: true })
  payload: JsonValue | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
