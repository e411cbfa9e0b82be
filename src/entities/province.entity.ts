import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A province; its rules are versioned in rule_sets (RuleSetEntity). A province merged into another (the 2025
 * reorganisation, 63 → 34) ends on a date and names its successor; it is never deleted.
 */
@Entity({ name: 'provinces' })
@Check('ck_provinces_interval', `"valid_to" IS NULL OR "valid_to" > "valid_from"`)
export class ProvinceEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_provinces' })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'valid_from', type: 'date', default: () => "'2000-01-01'" })
  validFrom: string;

  /** Exclusive: the first day the province no longer exists (e.g. the day of the merger). */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'successor_code', type: 'varchar', length: 32, nullable: true })
  successorCode: string | null;

  @ManyToOne(() => ProvinceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_code', foreignKeyConstraintName: 'fk_provinces_successor' })
  successor?: ProvinceEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
