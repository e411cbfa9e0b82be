import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Uploaded files per scope (cycle, and unit for score-sheet evidence); the bytes live in the file store by SHA-256. */
export class Files1795470400000 implements MigrationInterface {
  name = 'Files1795470400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "files" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "sha256" character varying(64) NOT NULL, "size" bigint NOT NULL, "content_type" character varying(100) NOT NULL, "name" character varying(255) NOT NULL, "cycle_id" character varying(200) NOT NULL, "unit_code" character varying(64) NOT NULL DEFAULT '', "uploaded_by" character varying(200) NOT NULL, "uploaded_role" character varying(32) NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_files_scope" UNIQUE ("sha256", "cycle_id", "unit_code"), CONSTRAINT "pk_files" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_files_cycle" ON "files" ("cycle_id", "unit_code")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_files_cycle"`);
    await queryRunner.query(`DROP TABLE "files"`);
  }
}
