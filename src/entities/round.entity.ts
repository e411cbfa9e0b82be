import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** The province's award round (`round:<province>:<year>:<n>`), its latest state as the workflow projected it. */
@Entity({ name: 'rounds' })
@Unique('uq_rounds_province_year_n', ['provinceCode', 'year', 'n'])
export class RoundEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_rounds' })
  id: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  n: number;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  state: unknown;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

/** One line of a round's timeline. */
@Entity({ name: 'round_events' })
@Index('ix_round_events_round_time', ['roundId', 'occurredAt'])
export class RoundEventEntity {
  /** `<round id>:<version>`, so a retried projection writes the event once. */
  @PrimaryColumn({ type: 'varchar', length: 300, primaryKeyConstraintName: 'pk_round_events' })
  id: string;

  @Column({ name: 'round_id', type: 'varchar', length: 200 })
  roundId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 200, nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  @Column({ name: 'summary_vi', type: 'text' })
  summaryVi: string;

  @Column({ type: 'jsonb', nullable: true })
  data: unknown;
}
