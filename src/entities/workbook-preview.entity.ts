import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The dry run of a workbook import: its problems and the diff it would apply, kept so that the apply carries out
 * exactly what was previewed, and only while the stored data is still the version the diff was computed against.
 */
@Entity({ name: 'workbook_previews' })
@Index('ix_workbook_previews_province', ['provinceCode', 'createdAt'])
export class WorkbookPreviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_workbook_previews' })
  id: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @Column({ name: 'file_name', type: 'varchar', length: 300 })
  fileName: string;

  @Column({ name: 'file_sha256', type: 'char', length: 64 })
  fileSha256: string;

  /** SHA-256 of the stored rows the diff was computed against. */
  @Column({ name: 'data_version', type: 'char', length: 64 })
  dataVersion: string;

  /** The usernames and unit codes the file names, so the apply reloads the same rows to compare the version. */
  @Column({ type: 'jsonb' })
  references: unknown;

  @Column({ type: 'jsonb' })
  problems: unknown;

  @Column({ type: 'jsonb' })
  diff: unknown;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Column({ name: 'applied_by', type: 'varchar', length: 100, nullable: true })
  appliedBy: string | null;
}
