import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A province; its rules are versioned in rule_sets (RuleSetEntity). */
@Entity({ name: 'provinces' })
export class ProvinceEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_provinces' })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
