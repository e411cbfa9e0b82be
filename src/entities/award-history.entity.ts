import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UnitEntity } from './unit.entity';

/** Awards a unit has received, written when a cycle's decisions are final, or a round's for a direct proposal (no cycle). */
@Entity({ name: 'award_history' })
@Unique('uq_award_history', ['cycleId', 'unitCode', 'award'])
@Index('ix_award_history_unit', ['unitCode', 'year'])
@Index('uq_award_history_round', ['roundId', 'unitCode', 'award'], { unique: true, where: '"cycle_id" IS NULL' })
export class AwardHistoryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_award_history' })
  id: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 64 })
  unitCode: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code', foreignKeyConstraintName: 'fk_award_history_unit' })
  unit?: UnitEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 32 })
  award: string;

  @Column({ name: 'award_name', type: 'varchar', length: 200 })
  awardName: string;

  @Column({ name: 'decision_number', type: 'varchar', length: 100 })
  decisionNumber: string;

  @Column({ name: 'decision_date', type: 'date' })
  decisionDate: string;

  @Column({ name: 'cycle_id', type: 'varchar', length: 200, nullable: true })
  cycleId: string | null;

  @Column({ name: 'round_id', type: 'varchar', length: 200, nullable: true })
  roundId: string | null;

  @Column({ name: 'rules_version', type: 'varchar', length: 80 })
  rulesVersion: string;
}
