import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { CycleMode, CycleState } from '../shared/cycle-types';
import { BlocEntity } from './bloc.entity';

/** Read model of one cycle workflow, written only by its projection activity. */
@Entity({ name: 'cycles' })
@Unique('uq_cycles_bloc_year', ['blocId', 'year'])
@Index('ix_cycles_phase', ['provinceCode', 'phase'])
export class CycleEntity {
  /** The workflow id. */
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_cycles' })
  id: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @Column({ name: 'bloc_id', type: 'uuid' })
  blocId: string;

  @ManyToOne(() => BlocEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bloc_id', foreignKeyConstraintName: 'fk_cycles_bloc' })
  bloc?: BlocEntity;

  @Column({ name: 'bloc_code', type: 'varchar', length: 64 })
  blocCode: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 32 })
  phase: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'ACTIVE' | 'COMPLETED';

  /** LIVE: timers close the phases; RECORD: a past year entered afterwards, each step dated as it happened. */
  @Column({ type: 'varchar', length: 8, default: 'LIVE' })
  mode: CycleMode;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'leader_unit_code', type: 'varchar', length: 64 })
  leaderUnitCode: string;

  @Column({ name: 'deputy_unit_code', type: 'varchar', length: 64 })
  deputyUnitCode: string;

  @Column({ name: 'rules_version', type: 'varchar', length: 80 })
  rulesVersion: string;

  @Column({ type: 'jsonb' })
  state: CycleState;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
