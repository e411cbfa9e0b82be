import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ProvinceEntity } from './province.entity';

/** An emulation bloc or cluster (khối / cụm thi đua) organised by the province. */
@Entity({ name: 'blocs' })
@Unique('uq_blocs_province_code', ['provinceCode', 'code'])
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
}
