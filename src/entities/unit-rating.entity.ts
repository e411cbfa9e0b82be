import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { TaskRating } from '../shared/eligibility';
import { UnitEntity } from './unit.entity';

/** The task-completion rating of a unit's party and mass organisations for one year (Luật 2022 Art. 26(1)(b)). */
@Entity({ name: 'unit_ratings' })
@Unique('uq_unit_ratings_year', ['unitCode', 'year'])
export class UnitRatingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_unit_ratings' })
  id: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 64 })
  unitCode: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code', foreignKeyConstraintName: 'fk_unit_ratings_unit' })
  unit?: UnitEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  rating: TaskRating;

  @Column({ type: 'text' })
  basis: string;

  /** Who recorded the current value; a correction replaces the row's value, so `updated_at` says when. */
  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
