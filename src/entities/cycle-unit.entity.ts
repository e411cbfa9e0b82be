import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AssessmentState } from '../shared/cycle-types';
import { CycleEntity } from './cycle.entity';

/**
 * A member unit's progress in a cycle. Pledge columns are written by the cycle's projection, assessment
 * columns by the unit's assessment projection, each guarded by its own version.
 */
@Entity({ name: 'cycle_units' })
export class CycleUnitEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_cycle_units' })
  cycleId: string;

  @ManyToOne(() => CycleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_cycle_units_cycle' })
  cycle?: CycleEntity;

  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_cycle_units' })
  unitCode: string;

  @Column({ name: 'unit_name', type: 'varchar', length: 300 })
  unitName: string;

  @Column({ name: 'pledge_signed_at', type: 'timestamptz', nullable: true })
  pledgeSignedAt: Date | null;

  @Column({ name: 'pledge_late', type: 'boolean', default: false })
  pledgeLate: boolean;

  @Column({ name: 'assessment_status', type: 'varchar', length: 32, nullable: true })
  assessmentStatus: string | null;

  @Column({ name: 'assessment_late', type: 'boolean', default: false })
  assessmentLate: boolean;

  @Column({ name: 'assessment_rounds', type: 'int', default: 0 })
  assessmentRounds: number;

  @Column({ name: 'verified_total', type: 'numeric', precision: 10, scale: 2, nullable: true })
  verifiedTotal: string | null;

  @Column({ name: 'assessment_version', type: 'int', default: 0 })
  assessmentVersion: number;

  /** The sheet as it stands (its workflow's view at `assessmentVersion`); the answer to a step on it. */
  @Column({ name: 'assessment_view', type: 'jsonb', nullable: true })
  assessmentView: AssessmentState | null;
}
