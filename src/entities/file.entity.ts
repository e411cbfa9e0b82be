import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An uploaded file as one scope knows it: its content (by SHA-256, kept once in the file store however often it is
 * uploaded), the cycle and, for a unit's score sheet, the unit it was uploaded for, who uploaded it and under which
 * name. A step may refer only to files uploaded within its own cycle (and unit); a download is allowed to whoever
 * may read one of the scopes the file was uploaded for.
 */
@Entity({ name: 'files' })
@Unique('uq_files_scope', ['sha256', 'cycleId', 'unitCode'])
@Index('ix_files_cycle', ['cycleId', 'unitCode'])
export class FileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_files' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Bytes; bigint, read as a string. */
  @Column({ type: 'bigint' })
  size: string;

  /** Decided from the content (src/files/file-type.ts), never from the client. */
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  /** Sanitised (src/files/file-name.ts), NFC. */
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'cycle_id', type: 'varchar', length: 200 })
  cycleId: string;

  /** The unit whose score sheet the file is evidence for; '' for a file of the cycle (the bloc's dossier). */
  @Column({ name: 'unit_code', type: 'varchar', length: 64, default: '' })
  unitCode: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 200 })
  uploadedBy: string;

  @Column({ name: 'uploaded_role', type: 'varchar', length: 32 })
  uploadedRole: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;
}
