import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UnitEntity } from './unit.entity';

/** Awards a unit has received, written when a cycle's decisions are final. */
@Entity({ name: 'award_history' })
@Unique('uq_award_history', ['cycleId', 'unitCode', 'award'])
@Index('ix_award_history_unit', ['unitCode', 'year'])
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

  @Column({ name: 'cycle_id', type: 'varchar', length: 200 })
  cycleId: string;

  @Column({ name: 'rules_version', type: 'varchar', length: 80 })
  rulesVersion: string;
}
