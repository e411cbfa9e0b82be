import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ProvinceRules } from '../shared/rules';

/** One revision of a rule set as it was written: what a decision recorded as "version@revision" applied. */
@Entity({ name: 'rule_set_revisions' })
export class RuleSetRevisionEntity {
  @PrimaryColumn({ name: 'province_code', type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_rule_set_revisions' })
  provinceCode: string;

  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_rule_set_revisions' })
  version: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_rule_set_revisions' })
  revision: number;

  @Column({ name: 'legal_basis', type: 'jsonb' })
  legalBasis: string[];

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'jsonb' })
  rules: ProvinceRules;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;
}
