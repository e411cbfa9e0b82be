import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One line of a cycle's timeline: who did what, when, in which phase. */
@Entity({ name: 'cycle_events' })
@Index('ix_cycle_events_cycle_time', ['cycleId', 'occurredAt'])
export class CycleEventEntity {
  /** `<workflow id>:<version>`, so a retried projection writes the event once. */
  @PrimaryColumn({ type: 'varchar', length: 300, primaryKeyConstraintName: 'pk_cycle_events' })
  id: string;

  @Column({ name: 'cycle_id', type: 'varchar', length: 200 })
  cycleId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 32 })
  phase: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 200, nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_unit_code', type: 'varchar', length: 64, nullable: true })
  actorUnitCode: string | null;

  @Column({ name: 'summary_vi', type: 'text' })
  summaryVi: string;

  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;
}
