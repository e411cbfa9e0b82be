import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A member of the provincial council (Hội đồng TĐKT tỉnh) with the role held from `validFrom` to `validTo`. */
@Entity({ name: 'council_members' })
@Index('ix_council_members_province', ['provinceCode', 'validFrom'])
@Check('ck_council_members_role', `"council_role" IN ('CHU_TICH', 'PHO_CHU_TICH', 'UY_VIEN', 'THU_KY')`)
@Check('ck_council_members_dates', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
export class CouncilMemberEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_council_members' })
  id: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  /** The member's account (username, as the actor carries it) when the member acts in the system: the secretary. */
  @Column({ name: 'user_id', type: 'varchar', length: 200, nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title: string | null;

  @Column({ name: 'council_role', type: 'varchar', length: 16 })
  councilRole: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
