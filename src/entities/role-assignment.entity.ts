import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../shared/actors';
import { UserEntity } from './user.entity';

/**
 * A role held by a user, scoped to a province (board, council, chairman) or a unit (unit head, focal person),
 * or system-wide (admin, auditor), and valid over [validFrom, validTo). Ending a role sets validTo; rows are
 * never deleted, so who held which authority on any past date stays answerable.
 */
@Entity({ name: 'role_assignments' })
@Index('ix_role_assignments_user', ['userId'])
@Index('ix_role_assignments_unit', ['unitCode', 'role'])
@Check('ck_role_assignments_dates', 'valid_to IS NULL OR valid_to > valid_from')
@Check(
  'ck_role_assignments_scope',
  `(role IN ('UNIT_HEAD', 'UNIT_FOCAL') AND unit_code IS NOT NULL AND province_code IS NOT NULL)
   OR (role IN ('BOARD_SPECIALIST', 'BOARD_HEAD', 'COUNCIL_MEMBER', 'CHAIRMAN') AND unit_code IS NULL AND province_code IS NOT NULL)
   OR (role IN ('ADMIN', 'AUDITOR') AND unit_code IS NULL)`,
)
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_role_assignments' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_role_assignments_user' })
  user?: UserEntity;

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

  @Column({ name: 'granted_by', type: 'varchar', length: 100 })
  grantedBy: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'ended_by', type: 'varchar', length: 100, nullable: true })
  endedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
