import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A command the workflows refused because the API had not sealed it (someone reached Temporal directly). Written by the
 * worker's security sink, outside the workflow history, so that the refusal leaves no trace in the cycle itself.
 */
@Entity({ name: 'security_events' })
@Index('ix_security_events_at', ['at'])
export class SecurityEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_security_events' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 32 })
  kind: 'UNSIGNED_COMMAND';

  @Column({ name: 'workflow_id', type: 'varchar', length: 300 })
  workflowId: string;

  /** The update's name, or `start:<workflowType>`. */
  @Column({ name: 'update_name', type: 'varchar', length: 200 })
  updateName: string;

  @Column({ name: 'update_id', type: 'varchar', length: 300, nullable: true })
  updateId: string | null;

  /** The actor the command claimed to come from, as sent. */
  @Column({ name: 'claimed_actor', type: 'jsonb', nullable: true })
  claimedActor: unknown;

  @Column({ type: 'text' })
  reason: string;
}
