import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One person's open task at one level of a chain: the rows of "Việc chờ xử lý". Replaced as a whole for the chain by
 * every projection, in the transaction that writes the chain's state, so the inbox always agrees with the workflow.
 */
@Entity({ name: 'approval_tasks' })
@Index('ix_approval_tasks_user', ['userId', 'dueAt'])
export class ApprovalTaskEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_approval_tasks' })
  chainId: string;

  @PrimaryColumn({ name: 'assignment_id', type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_approval_tasks' })
  assignmentId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 100 })
  userId: string;

  @Column({ name: 'acting_for_user_id', type: 'varchar', length: 100, nullable: true })
  actingForUserId: string | null;

  @Column({ name: 'acting_for_name', type: 'varchar', length: 200, nullable: true })
  actingForName: string | null;

  @Column({ name: 'level_code', type: 'varchar', length: 64 })
  levelCode: string;

  @Column({ name: 'level_name', type: 'varchar', length: 300 })
  levelName: string;

  @Column({ name: 'item_ids', type: 'jsonb' })
  itemIds: string[];

  @Column({ type: 'int' })
  round: number;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @Column({ name: 'bloc_code', type: 'varchar', length: 64, nullable: true })
  blocCode: string | null;

  @Column({ name: 'cycle_id', type: 'varchar', length: 200, nullable: true })
  cycleId: string | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;
}
