import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CycleState } from '../shared/cycle-types';

/**
 * Every recorded version of a cycle's state, kept so that the dossier can be shown as it stood on any past
 * date (complaints, inspections). Written by the projection in the same transaction as the read model.
 */
@Entity({ name: 'cycle_snapshots' })
@Index('ix_cycle_snapshots_time', ['cycleId', 'occurredAt'])
export class CycleSnapshotEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_cycle_snapshots' })
  cycleId: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_cycle_snapshots' })
  version: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'jsonb' })
  state: CycleState;
}
