import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BoxedPaper } from '../shared/cycle-types';

/**
 * The ballot box of one round of a conference: the papers, sorted by their random ids, with nothing about
 * who cast them and no time of casting. Who voted is recorded by the workflow, separately.
 */
@Entity({ name: 'ballot_boxes' })
export class BallotBoxEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_ballot_boxes' })
  cycleId: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_ballot_boxes' })
  round: number;

  @Column({ type: 'jsonb' })
  papers: BoxedPaper[];
}
