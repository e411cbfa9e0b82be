import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../shared/actors';

export type RoleGrantStatus = 'PENDING' | 'APPROVED' | 'REFUSED';

/**
 * A proposed grant of a deciding role (or ADMIN): not in force until a second admin approves it, when it becomes a
 * role_assignments row (assignment_id). Kept after the decision, so who proposed and who approved stays answerable.
 */
@Entity({ name: 'role_grants' })
@Index('ix_role_grants_status', ['status', 'proposedAt'])
@Check('ck_role_grants_status', `status IN ('PENDING', 'APPROVED', 'REFUSED')`)
@Check('ck_role_grants_other', `decided_by IS NULL OR decided_by <> proposed_by`)
export class RoleGrantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_role_grants' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ name: 'province_code', type: 'varchar', length: 32, nullable: true })
  provinceCode: string | null;

  @Column({ name: 'unit_code', type: 'varchar', length: 64, nullable: true })
  unitCode: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo: Date | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: RoleGrantStatus;

  @Column({ name: 'proposed_by', type: 'varchar', length: 100 })
  proposedBy: string;

  @CreateDateColumn({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt: Date;

  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'assignment_id', type: 'uuid', nullable: true })
  assignmentId: string | null;
}
