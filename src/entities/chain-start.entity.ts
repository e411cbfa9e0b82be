import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every attempt to start an approval chain, for the per-user rate limit (in PostgreSQL, so it holds across instances). */
@Entity({ name: 'approval_chain_starts' })
@Index('ix_approval_chain_starts_user_at', ['userId', 'at'])
export class ChainStartEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_approval_chain_starts' })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 100 })
  userId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
