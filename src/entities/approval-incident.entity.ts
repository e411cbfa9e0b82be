import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A blocked level of a chain (nobody to decide), listed for admins until a reassignment resolves it. */
@Entity({ name: 'approval_incidents' })
@Index('ix_approval_incidents_open', ['provinceCode', 'resolvedAt'])
export class ApprovalIncidentEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_approval_incidents' })
  chainId: string;

  @PrimaryColumn({ name: 'incident_id', type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_approval_incidents' })
  incidentId: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @Column({ name: 'level_code', type: 'varchar', length: 64 })
  levelCode: string;

  @Column({ type: 'varchar', length: 32 })
  reason: string;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  @Column({ type: 'text' })
  detail: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;
}
