import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Province-owned versions of the document templates (src/documents), each in force from its date. */
export class DocumentTemplates1795470300000 implements MigrationInterface {
  name = 'DocumentTemplates1795470300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_templates" (
        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
        "province_code" character varying(32) NOT NULL,
        "kind" character varying(40) NOT NULL,
        "version" integer NOT NULL,
        "effective_from" date NOT NULL,
        "content" bytea NOT NULL,
        "file_name" character varying(300) NOT NULL,
        "sha256" character(64) NOT NULL,
        "uploaded_by" character varying(100) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_document_templates" PRIMARY KEY ("id"),
        CONSTRAINT "uq_document_templates_version" UNIQUE ("province_code", "kind", "version"),
        CONSTRAINT "ck_document_templates_version" CHECK ("version" >= 1),
        CONSTRAINT "fk_document_templates_province" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_document_templates_in_force" ON "document_templates" ("province_code", "kind", "effective_from")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_document_templates_in_force"`);
    await queryRunner.query(`DROP TABLE "document_templates"`);
  }
}
