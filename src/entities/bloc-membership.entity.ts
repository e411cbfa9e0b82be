import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BlocEntity } from './bloc.entity';
import { UnitEntity } from './unit.entity';

/** Units are re-partitioned between years (e.g. the 2025 mergers), so membership carries a year range. */
@Entity({ name: 'bloc_memberships' })
@Unique('uq_bloc_memberships', ['blocId', 'unitCode', 'fromYear'])
export class BlocMembershipEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_bloc_memberships' })
  id: string;

  @Column({ name: 'bloc_id', type: 'uuid' })
  blocId: string;

  @ManyToOne(() => BlocEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bloc_id', foreignKeyConstraintName: 'fk_bloc_memberships_bloc' })
  bloc?: BlocEntity;

  @Column({ name: 'unit_code', type: 'varchar', length: 64 })
  unitCode: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code', foreignKeyConstraintName: 'fk_bloc_memberships_unit' })
  unit?: UnitEntity;

  @Column({ name: 'from_year', type: 'int' })
  fromYear: number;

  @Column({ name: 'to_year', type: 'int', nullable: true })
  toYear: number | null;
}
