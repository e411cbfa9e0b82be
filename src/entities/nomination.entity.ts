import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CycleEntity } from './cycle.entity';

@Entity({ name: 'nominations' })
@Index('ix_nominations_status_award', ['status', 'award'])
export class NominationEntity {
  /** `<cycle id>:<award>:<unit code>` */
  @PrimaryColumn({ type: 'varchar', length: 300, primaryKeyConstraintName: 'pk_nominations' })
  id: string;

  @Column({ name: 'cycle_id', type: 'varchar', length: 200 })
  cycleId: string;

  @ManyToOne(() => CycleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_nominations_cycle' })
  cycle?: CycleEntity;

  @Column({ name: 'nominee_id', type: 'varchar', length: 100 })
  nomineeId: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 64 })
  unitCode: string;

  @Column({ type: 'varchar', length: 32 })
  award: string;

  @Column({ type: 'varchar', length: 32 })
  status: string;

  @Column({ name: 'ballot_votes', type: 'int' })
  ballotVotes: number;

  @Column({ name: 'council_votes', type: 'int', nullable: true })
  councilVotes: number | null;

  @Column({ name: 'decision_number', type: 'varchar', length: 100, nullable: true })
  decisionNumber: string | null;

  @Column({ name: 'decision_date', type: 'date', nullable: true })
  decisionDate: string | null;

  @Column({ name: 'rules_version', type: 'varchar', length: 80 })
  rulesVersion: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
