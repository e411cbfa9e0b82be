import {
  Check,
  Column,
  Entity,
  Exclusion,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { BlocEntity } from './bloc.entity';
import { UnitEntity } from './unit.entity';

/**
 * Units are re-partitioned between and within years (e.g. the 2025 mergers), so a membership carries dates:
 * valid_from inclusive, valid_to exclusive (null while it lasts). The exclusion constraint keeps a unit in at most
 * one bloc on any day, whatever writes the rows. A cycle reads the membership in force on its start date.
 */
@Entity({ name: 'bloc_memberships' })
@Unique('uq_bloc_memberships', ['blocId', 'unitCode', 'validFrom'])
@Check('ck_bloc_memberships_interval', `"valid_to" IS NULL OR "valid_to" > "valid_from"`)
@Exclusion('xc_bloc_memberships_one_bloc', `USING gist ("unit_code" WITH =, daterange("valid_from", "valid_to") WITH &&)`)
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

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
