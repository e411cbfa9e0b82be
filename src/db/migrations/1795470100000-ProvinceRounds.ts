import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The province's award round (issue 15): the round's read model and timeline, the council's members with their dated
 * roles, and award history of direct proposals (no cycle: the round that decided them instead).
 */
export class ProvinceRounds1795470100000 implements MigrationInterface {
  name = 'ProvinceRounds1795470100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rounds" ("id" character varying(200) NOT NULL, "province_code" character varying(32) NOT NULL, "year" integer NOT NULL, "n" integer NOT NULL, "status" character varying(16) NOT NULL, "version" integer NOT NULL, "state" jsonb NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_rounds_province_year_n" UNIQUE ("province_code", "year", "n"), CONSTRAINT "pk_rounds" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "round_events" ("id" character varying(300) NOT NULL, "round_id" character varying(200) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" character varying(64) NOT NULL, "actor_user_id" character varying(200), "actor_role" character varying(32), "summary_vi" text NOT NULL, "data" jsonb, CONSTRAINT "pk_round_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_round_events_round_time" ON "round_events" ("round_id", "occurred_at")`);
    await queryRunner.query(
      `CREATE TABLE "council_members" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "province_code" character varying(32) NOT NULL, "user_id" character varying(200), "name" character varying(200) NOT NULL, "title" character varying(300), "council_role" character varying(16) NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_council_members_role" CHECK ("council_role" IN ('CHU_TICH', 'PHO_CHU_TICH', 'UY_VIEN', 'THU_KY')), CONSTRAINT "ck_council_members_dates" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"), CONSTRAINT "pk_council_members" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_council_members_province" ON "council_members" ("province_code", "valid_from")`);
    await queryRunner.query(`ALTER TABLE "award_history" ALTER COLUMN "cycle_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "award_history" ADD "round_id" character varying(200)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_award_history_round" ON "award_history" ("round_id", "unit_code", "award") WHERE "cycle_id" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_award_history_round"`);
    await queryRunner.query(`DELETE FROM "award_history" WHERE "cycle_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "award_history" DROP COLUMN "round_id"`);
    await queryRunner.query(`ALTER TABLE "award_history" ALTER COLUMN "cycle_id" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "council_members"`);
    await queryRunner.query(`DROP TABLE "round_events"`);
    await queryRunner.query(`DROP TABLE "rounds"`);
  }
}
