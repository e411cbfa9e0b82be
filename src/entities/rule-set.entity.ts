import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { ProvinceRules } from '../shared/rules';
import { ProvinceEntity } from './province.entity';

/**
 * A versioned rule set of a province: legal basis, validity interval and the rules. The exclusion constraint
 * refuses two sets of one province in force on the same day, whatever writes them (API, seed or plain SQL);
 * it needs the btree_gist extension for the `=` on province_code.
 */
@Entity({ name: 'rule_sets' })
@Unique('uq_rule_sets_province_version', ['provinceCode', 'version'])
@Check('ck_rule_sets_interval', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
@Exclusion(
  'xc_rule_sets_validity',
  `USING gist ("province_code" WITH =, daterange("valid_from", COALESCE("valid_to", 'infinity'::date), '[]') WITH &&)`,
)
export class RuleSetEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rule_sets' })
  id: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @ManyToOne(() => ProvinceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code', foreignKeyConstraintName: 'fk_rule_sets_province' })
  province?: ProvinceEntity;

  /** Recorded with every decision made under this set (cycles.rules_version, nominations.rules_version). */
  @Column({ type: 'varchar', length: 64 })
  version: string;

  /** 1 when created; each edit adds one and keeps the content in rule_set_revisions. */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ name: 'legal_basis', type: 'jsonb' })
  legalBasis: string[];

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  /** Null while open-ended. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'jsonb' })
  rules: ProvinceRules;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy: string;
}
