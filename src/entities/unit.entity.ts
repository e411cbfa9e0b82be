import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProvinceEntity } from './province.entity';

/** A member unit (đơn vị thành viên): a department, association or mass organisation. */
@Entity({ name: 'units' })
export class UnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_units' })
  code: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @ManyToOne(() => ProvinceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code', foreignKeyConstraintName: 'fk_units_province' })
  province?: ProvinceEntity;

  @Column({ type: 'varchar', length: 300 })
  name: string;
}
