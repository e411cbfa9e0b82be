import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Versioned rule sets per province. Generated, then edited by hand to add: btree_gist (for the `=` on
 * province_code inside the exclusion constraint), the copy of each province's single rules object into an
 * open-ended rule set, and the way back.
 */
export class RuleSets1795339674840 implements MigrationInterface {
  name = 'RuleSets1795339674840';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "rule_sets" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "province_code" character varying(32) NOT NULL, "version" character varying(64) NOT NULL, "legal_basis" jsonb NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "rules" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" character varying(200) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" character varying(200) NOT NULL, CONSTRAINT "uq_rule_sets_province_version" UNIQUE ("province_code", "version"), CONSTRAINT "ck_rule_sets_interval" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"), CONSTRAINT "xc_rule_sets_validity" EXCLUDE USING gist ("province_code" WITH =, daterange("valid_from", COALESCE("valid_to", 'infinity'::date), '[]') WITH &&), CONSTRAINT "pk_rule_sets" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "rule_sets" ADD CONSTRAINT "fk_rule_sets_province" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The rules a province had so far become one set in force at every date (cycles already started keep their
    // own snapshot); an admin then narrows it or adds the sets of each legal period.
    await queryRunner.query(
      `INSERT INTO "rule_sets" ("province_code", "version", "legal_basis", "valid_from", "valid_to", "rules", "created_by", "updated_by")
       SELECT "code", COALESCE(NULLIF("rules" ->> 'rulesVersion', ''), 'LEGACY'), COALESCE("rules" -> 'legalBasis', '[]'::jsonb),
              DATE '1900-01-01', NULL, "rules", 'migration:RuleSets', 'migration:RuleSets'
       FROM "provinces"`,
    );
    await queryRunner.query(`ALTER TABLE "provinces" DROP COLUMN "rules"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Each province gets back one rules object: the set in force today, else the latest one.
    await queryRunner.query(`ALTER TABLE "provinces" ADD "rules" jsonb`);
    await queryRunner.query(
      `UPDATE "provinces" p SET "rules" = (
         SELECT r."rules" FROM "rule_sets" r WHERE r."province_code" = p."code"
         ORDER BY (r."valid_from" <= CURRENT_DATE AND (r."valid_to" IS NULL OR r."valid_to" >= CURRENT_DATE)) DESC,
                  r."valid_from" DESC
         LIMIT 1)`,
    );
    const without = (await queryRunner.query(`SELECT "code" FROM "provinces" WHERE "rules" IS NULL`)) as { code: string }[];
    if (without.length > 0) {
      throw new Error(
        `cannot revert RuleSets: no rule set to restore provinces.rules of ${without.map((p) => p.code).join(', ')}`,
      );
    }
    await queryRunner.query(`ALTER TABLE "provinces" ALTER COLUMN "rules" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "rule_sets" DROP CONSTRAINT "fk_rule_sets_province"`);
    await queryRunner.query(`DROP TABLE "rule_sets"`);
    // btree_gist stays: extensions are shared by the database and cheap to keep.
  }
}
