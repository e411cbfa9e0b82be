import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Ủy quyền, or out of office (vắng mặt): from `fromUser` to `toUser` on the local days [validFrom, validTo]. Applied
 * when a task is assigned (a level activated), never cascading; ending one sets endedAt, rows are kept.
 */
@Entity({ name: 'delegations' })
@Index('ix_delegations_from', ['fromUser', 'validFrom'])
@Check('ck_delegations_dates', 'valid_to >= valid_from')
@Check('ck_delegations_other', 'from_user <> to_user')
export class DelegationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_delegations' })
  id: string;

  /** Username of the holder. */
  @Column({ name: 'from_user', type: 'varchar', length: 100 })
  fromUser: string;

  @Column({ name: 'to_user', type: 'varchar', length: 100 })
  toUser: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date' })
  validTo: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'DELEGATION' | 'OUT_OF_OFFICE';

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
