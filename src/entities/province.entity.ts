import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ProvinceRules } from '../shared/rules';

@Entity({ name: 'provinces' })
export class ProvinceEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_provinces' })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The province's current rule configuration; each cycle keeps the snapshot it started with. */
  @Column({ type: 'jsonb' })
  rules: ProvinceRules;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
