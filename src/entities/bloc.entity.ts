import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { BlocKind } from '../domain/organisation/validation';
import { ProvinceEntity } from './province.entity';

/** An emulation bloc or cluster (khối / cụm thi đua) organised by the province, for the years it exists. */
@Entity({ name: 'blocs' })
@Unique('uq_blocs_province_code', ['provinceCode', 'code'])
@Check('ck_blocs_kind', `"kind" IN ('KHOI', 'CUM')`)
@Check('ck_blocs_years', `"to_year" IS NULL OR "to_year" >= "from_year"`)
export class BlocEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_blocs' })
  id: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @ManyToOne(() => ProvinceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code', foreignKeyConstraintName: 'fk_blocs_province' })
  province?: ProvinceEntity;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 8, default: 'KHOI' })
  kind: BlocKind;

  /** The first year the bloc runs a cycle. */
  @Column({ name: 'from_year', type: 'int' })
  fromYear: number;

  /** The last year it runs one (inclusive); null while it exists. Ending a bloc sets it, never deletes the bloc. */
  @Column({ name: 'to_year', type: 'int', nullable: true })
  toYear: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
