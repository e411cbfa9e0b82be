import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class UnitConditions1795339666502 implements MigrationInterface {
  name = 'UnitConditions1795339666502';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "unit_conditions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "unit_code" character varying(64) NOT NULL, "kind" character varying(32) NOT NULL, "source_agency" character varying(200) NOT NULL, "description" text NOT NULL, "reference" character varying(200) NOT NULL, "from_date" date NOT NULL, "to_date" date, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" character varying(200), "resolution_note" text, "recorded_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_unit_conditions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_unit_conditions_unit" ON "unit_conditions"  ("unit_code") `);
    await queryRunner.query(
      `CREATE TABLE "unit_ratings" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "unit_code" character varying(64) NOT NULL, "year" integer NOT NULL, "rating" character varying(16) NOT NULL, "basis" text NOT NULL, "recorded_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_unit_ratings_year" UNIQUE ("unit_code", "year"), CONSTRAINT "pk_unit_ratings" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_conditions" ADD CONSTRAINT "fk_unit_conditions_unit" FOREIGN KEY ("unit_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_ratings" ADD CONSTRAINT "fk_unit_ratings_unit" FOREIGN KEY ("unit_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "unit_ratings" DROP CONSTRAINT "fk_unit_ratings_unit"`);
    await queryRunner.query(`ALTER TABLE "unit_conditions" DROP CONSTRAINT "fk_unit_conditions_unit"`);
    await queryRunner.query(`DROP TABLE "unit_ratings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_unit_conditions_unit"`);
    await queryRunner.query(`DROP TABLE "unit_conditions"`);
  }
}
