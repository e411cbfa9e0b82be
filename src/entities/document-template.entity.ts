import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ProvinceEntity } from './province.entity';

/**
 * A province's own wording of a document template (.docx with docxtemplater placeholders), versioned like rule sets:
 * each upload is a new version of its kind, in force from its date; documents use the newest version in force on
 * the day they are generated, or the built-in template when the province has none.
 */
@Entity({ name: 'document_templates' })
@Unique('uq_document_templates_version', ['provinceCode', 'kind', 'version'])
@Check('ck_document_templates_version', '"version" >= 1')
@Index('ix_document_templates_in_force', ['provinceCode', 'kind', 'effectiveFrom'])
export class DocumentTemplateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_document_templates' })
  id: string;

  @Column({ name: 'province_code', type: 'varchar', length: 32 })
  provinceCode: string;

  @ManyToOne(() => ProvinceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code', foreignKeyConstraintName: 'fk_document_templates_province' })
  province?: ProvinceEntity;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ name: 'file_name', type: 'varchar', length: 300 })
  fileName: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 100 })
  uploadedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
