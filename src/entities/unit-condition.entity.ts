import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitConditionKind } from '../shared/eligibility';
import { UnitEntity } from './unit.entity';

/**
 * A discipline, investigation, inspection, audit, complaint or another agency's negative-list record against a
 * unit (domain.md §4.5). Rows are never deleted: clearing one sets `resolved_at`, so the dossier can show it.
 */
@Entity({ name: 'unit_conditions' })
@Index('ix_unit_conditions_unit', ['unitCode'])
export class UnitConditionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_unit_conditions' })
  id: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 64 })
  unitCode: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code', foreignKeyConstraintName: 'fk_unit_conditions_unit' })
  unit?: UnitEntity;

  @Column({ type: 'varchar', length: 32 })
  kind: UnitConditionKind;

  @Column({ name: 'source_agency', type: 'varchar', length: 200 })
  sourceAgency: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 200 })
  reference: string;

  @Column({ name: 'from_date', type: 'date' })
  fromDate: string;

  /** Last day in effect, inclusive. */
  @Column({ name: 'to_date', type: 'date', nullable: true })
  toDate: string | null;

  /** Start (Viet Nam time) of the day it was cleared. */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 200, nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
