import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ChainState } from '../shared/approval';

/** Read model of one approval chain (quy trình phê duyệt): its whole state as the workflow last projected it. */
@Entity({ name: 'approval_chains' })
@Index('ix_approval_chains_province', ['provinceCode', 'status'])
@Index('ix_approval_chains_cycle', ['cycleId'])
export class ApprovalChainEntity {
  /** The workflow id. */
  @PrimaryColumn({ name: 'chain_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_approval_chains' })
  chainId: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @Column({ name: 'bloc_code', type: 'varchar', length: 64, nullable: true })
  blocCode: string | null;

  @Column({ name: 'cycle_id', type: 'varchar', length: 200, nullable: true })
  cycleId: string | null;

  @Column({ name: 'definition_code', type: 'varchar', length: 64 })
  definitionCode: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'IN_PROGRESS' | 'COMPLETE';

  @Column({ name: 'submitted_by', type: 'varchar', length: 100 })
  submittedBy: string;

  /** Length of the chain's event log: a projection carrying an older state is ignored. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  state: ChainState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
