import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { UnitKind } from '../domain/organisation/validation';
import { ProvinceEntity } from './province.entity';

/**
 * A member unit (đơn vị thành viên): a department, association or mass organisation. A unit that ceases ends on a
 * date (never deleted: cycles, nominations and awards refer to it); one renamed or merged names its successor, to
 * which its award history follows, and its old code still resolves to the successor.
 */
@Entity({ name: 'units' })
@Check('ck_units_kind', `"kind" IN ('DANG', 'NHA_NUOC', 'MAT_TRAN', 'HOI', 'DOANH_NGHIEP', 'XA_PHUONG', 'KHAC')`)
@Check('ck_units_head_count', `"head_count" IS NULL OR "head_count" >= 0`)
@Check('ck_units_women_ratio', `"women_ratio" IS NULL OR ("women_ratio" >= 0 AND "women_ratio" <= 1)`)
@Check('ck_units_interval', `"valid_to" IS NULL OR "valid_to" > "valid_from"`)
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

  @Column({ name: 'short_name', type: 'varchar', length: 100, nullable: true })
  shortName: string | null;

  @Column({ type: 'varchar', length: 16, default: 'KHAC' })
  kind: UnitKind;

  /** The agency the unit belongs to (cơ quan chủ quản), when the rules group by it. */
  @Column({ name: 'parent_code', type: 'varchar', length: 64, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'fk_units_parent' })
  parent?: UnitEntity;

  @Column({ name: 'head_count', type: 'int', nullable: true })
  headCount: number | null;

  /** Share of women (0..1), for the rules that weigh it. */
  @Column({ name: 'women_ratio', type: 'numeric', precision: 5, scale: 4, nullable: true })
  womenRatio: string | null;

  @Column({ name: 'valid_from', type: 'date', default: () => "'2000-01-01'" })
  validFrom: string;

  /** Exclusive: the first day the unit no longer exists. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'successor_code', type: 'varchar', length: 64, nullable: true })
  successorCode: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_code', foreignKeyConstraintName: 'fk_units_successor' })
  successor?: UnitEntity;

  @Column({ name: 'succeeded_on', type: 'date', nullable: true })
  succeededOn: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
