import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CycleEntity } from './cycle.entity';

@Entity({ name: 'nominations' })
@Index('ix_nominations_status_award', ['status', 'award'])
@Index('ix_nominations_province_year', ['provinceCode', 'year'])
@Index('ix_nominations_round', ['roundId'])
@Check('ck_nominations_source', `("source" = 'BLOC' AND "cycle_id" IS NOT NULL) OR ("source" = 'DIRECT' AND "cycle_id" IS NULL)`)
export class NominationEntity {
  /** `<cycle id>:<nominee id>` for a bloc's proposal; the round's item id for a direct one */
  @PrimaryColumn({ type: 'varchar', length: 300, primaryKeyConstraintName: 'pk_nominations' })
  id: string;

  @Column({ name: 'cycle_id', type: 'varchar', length: 200, nullable: true })
  cycleId: string | null;

  /** BLOC (a conference proposed it, `cycleId` set) or DIRECT (an agency outside any bloc, no cycle) */
  @Column({ type: 'varchar', length: 8, default: 'BLOC' })
  source: string;

  @Column({ name: 'bloc_code', type: 'varchar', length: 64, nullable: true })
  blocCode: string | null;

  /** the proposing agency of a DIRECT proposal */
  @Column({ type: 'varchar', length: 300, nullable: true })
  proposer: string | null;

  @Column({ name: 'round_id', type: 'varchar', length: 200, nullable: true })
  roundId: string | null;

  /** the latest reason given against this nomination (appraisal, council, decision) */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

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
