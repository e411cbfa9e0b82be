import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BlocEntity } from './bloc.entity';

/**
 * Trưởng khối and Phó khối of a bloc for one year: seeded, elected at the previous conference, appointed, or set
 * by the board as the initial leadership of a bloc's first year in the system (INITIAL).
 */
@Entity({ name: 'bloc_leaderships' })
@Unique('uq_bloc_leaderships_year', ['blocId', 'year'])
@Check('ck_bloc_leaderships_source', `"source" IN ('SEEDED', 'ELECTED', 'APPOINTED', 'INITIAL')`)
export class BlocLeadershipEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_bloc_leaderships' })
  id: string;

  @Column({ name: 'bloc_id', type: 'uuid' })
  blocId: string;

  @ManyToOne(() => BlocEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bloc_id', foreignKeyConstraintName: 'fk_bloc_leaderships_bloc' })
  bloc?: BlocEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'leader_unit_code', type: 'varchar', length: 64 })
  leaderUnitCode: string;

  @Column({ name: 'deputy_unit_code', type: 'varchar', length: 64 })
  deputyUnitCode: string;

  @Column({ type: 'varchar', length: 16 })
  source: 'SEEDED' | 'ELECTED' | 'APPOINTED' | 'INITIAL';

  /** The cycle whose conference elected this leadership. */
  @Column({ name: 'elected_in_cycle_id', type: 'varchar', length: 200, nullable: true })
  electedInCycleId: string | null;

  /** Bàn giao: set when the electing cycle completes and the new leadership takes over. */
  @Column({ name: 'handed_over_at', type: 'timestamptz', nullable: true })
  handedOverAt: Date | null;
}
