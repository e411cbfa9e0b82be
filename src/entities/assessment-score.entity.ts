import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A score as given in one round and phase; rows are only ever added, so self-scores stay auditable beside the verified ones. */
@Entity({ name: 'assessment_scores' })
@Unique('uq_assessment_scores', ['cycleId', 'unitCode', 'round', 'scorePhase', 'scorerUnit', 'criterionCode'])
@Index('ix_assessment_scores_unit', ['cycleId', 'unitCode'])
export class AssessmentScoreEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_assessment_scores' })
  id: string;

  @Column({ name: 'cycle_id', type: 'varchar', length: 200 })
  cycleId: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 64 })
  unitCode: string;

  @Column({ type: 'int' })
  round: number;

  /** SELF, LEADER_REVIEW or CROSS (ScorePhase): each phase adds its own rows beside the others. */
  @Column({ name: 'score_phase', type: 'varchar', length: 32 })
  scorePhase: string;

  /** The scoring unit of a CROSS sheet (several units may cross-score one); '' for the other phases. */
  @Column({ name: 'scorer_unit', type: 'varchar', length: 64, default: '' })
  scorerUnit: string;

  @Column({ name: 'criterion_code', type: 'varchar', length: 64 })
  criterionCode: string;

  @Column({ type: 'numeric', precision: 10, scale: 2 })
  points: string;

  @Column({ name: 'evidence_refs', type: 'jsonb' })
  evidenceRefs: string[];

  /** On a verified sheet: why the points differ from the unit's own. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'submitted_by', type: 'varchar', length: 200 })
  submittedBy: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;
}
