import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The workbook import (issue 13): its previews (problems and diff, applied only against the data version they were
 * computed on) and the one-time invitations of accounts created in bulk (only the token's SHA-256 is stored).
 */
export class WorkbookImport1795460000002 implements MigrationInterface {
  name = 'WorkbookImport1795460000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "account_invitations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_by" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_account_invitations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_invitations_hash" ON "account_invitations" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_account_invitations_user" ON "account_invitations" ("user_id")`);
    await queryRunner.query(
      `ALTER TABLE "account_invitations" ADD CONSTRAINT "fk_account_invitations_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "workbook_previews" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "province_code" character varying(32) NOT NULL, "file_name" character varying(300) NOT NULL, "file_sha256" character(64) NOT NULL, "data_version" character(64) NOT NULL, "references" jsonb NOT NULL, "problems" jsonb NOT NULL, "diff" jsonb NOT NULL, "created_by" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE, "applied_by" character varying(100), CONSTRAINT "pk_workbook_previews" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_workbook_previews_province" ON "workbook_previews" ("province_code", "created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "workbook_previews"`);
    await queryRunner.query(`DROP TABLE "account_invitations"`);
  }
}
