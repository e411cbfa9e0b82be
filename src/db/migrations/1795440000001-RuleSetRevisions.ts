import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A rule set edited in place gets a new revision, each kept with its content, so two decisions under different
 * content never claim the same version: decisions record "version@revision" from the second revision on.
 */
export class RuleSetRevisions1795440000001 implements MigrationInterface {
  name = 'RuleSetRevisions1795440000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rule_sets" ADD "revision" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(
      `CREATE TABLE "rule_set_revisions" ("province_code" character varying(32) NOT NULL, "version" character varying(64) NOT NULL, "revision" integer NOT NULL, "legal_basis" jsonb NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "rules" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" character varying(200) NOT NULL, CONSTRAINT "pk_rule_set_revisions" PRIMARY KEY ("province_code", "version", "revision"))`,
    );
    await queryRunner.query(
      `INSERT INTO "rule_set_revisions" ("province_code", "version", "revision", "legal_basis", "valid_from", "valid_to", "rules", "created_at", "created_by")
       SELECT "province_code", "version", 1, "legal_basis", "valid_from", "valid_to", "rules", "updated_at", "updated_by" FROM "rule_sets"`,
    );
    for (const table of ['cycles', 'nominations', 'award_history']) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "rules_version" TYPE character varying(80)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['cycles', 'nominations', 'award_history']) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "rules_version" TYPE character varying(64)`);
    }
    await queryRunner.query(`DROP TABLE "rule_set_revisions"`);
    await queryRunner.query(`ALTER TABLE "rule_sets" DROP COLUMN "revision"`);
  }
}
