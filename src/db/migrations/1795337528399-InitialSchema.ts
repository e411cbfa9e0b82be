import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class InitialSchema1795337528399 implements MigrationInterface {
  name = 'InitialSchema1795337528399';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await queryRunner.query(
      `CREATE TABLE "assessment_scores" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "cycle_id" character varying(200) NOT NULL, "unit_code" character varying(64) NOT NULL, "round" integer NOT NULL, "score_phase" character varying(32) NOT NULL, "criterion_code" character varying(64) NOT NULL, "points" numeric(10,2) NOT NULL, "evidence_refs" jsonb NOT NULL, "submitted_by" character varying(200) NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_assessment_scores" UNIQUE ("cycle_id", "unit_code", "round", "score_phase", "criterion_code"), CONSTRAINT "pk_assessment_scores" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_assessment_scores_unit" ON "assessment_scores"  ("cycle_id", "unit_code") `);
    await queryRunner.query(
      `CREATE TABLE "provinces" ("code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "rules" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_provinces" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "units" ("code" character varying(64) NOT NULL, "province_code" character varying(32) NOT NULL, "name" character varying(300) NOT NULL, CONSTRAINT "pk_units" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "award_history" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "unit_code" character varying(64) NOT NULL, "year" integer NOT NULL, "award" character varying(32) NOT NULL, "award_name" character varying(200) NOT NULL, "decision_number" character varying(100) NOT NULL, "decision_date" date NOT NULL, "cycle_id" character varying(200) NOT NULL, "rules_version" character varying(64) NOT NULL, CONSTRAINT "uq_award_history" UNIQUE ("cycle_id", "unit_code", "award"), CONSTRAINT "pk_award_history" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_award_history_unit" ON "award_history"  ("unit_code", "year") `);
    await queryRunner.query(
      `CREATE TABLE "blocs" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "province_code" character varying(32) NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(300) NOT NULL, CONSTRAINT "uq_blocs_province_code" UNIQUE ("province_code", "code"), CONSTRAINT "pk_blocs" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bloc_leaderships" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "bloc_id" uuid NOT NULL, "year" integer NOT NULL, "leader_unit_code" character varying(64) NOT NULL, "deputy_unit_code" character varying(64) NOT NULL, "source" character varying(16) NOT NULL, "elected_in_cycle_id" character varying(200), "handed_over_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_bloc_leaderships_year" UNIQUE ("bloc_id", "year"), CONSTRAINT "pk_bloc_leaderships" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bloc_memberships" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "bloc_id" uuid NOT NULL, "unit_code" character varying(64) NOT NULL, "from_year" integer NOT NULL, "to_year" integer, CONSTRAINT "uq_bloc_memberships" UNIQUE ("bloc_id", "unit_code", "from_year"), CONSTRAINT "pk_bloc_memberships" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "cycle_events" ("id" character varying(300) NOT NULL, "cycle_id" character varying(200) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "phase" character varying(32) NOT NULL, "type" character varying(64) NOT NULL, "actor_user_id" character varying(200), "actor_role" character varying(32), "actor_unit_code" character varying(64), "summary_vi" text NOT NULL, "data" jsonb, CONSTRAINT "pk_cycle_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_cycle_events_cycle_time" ON "cycle_events"  ("cycle_id", "occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "cycles" ("id" character varying(200) NOT NULL, "province_code" character varying(32) NOT NULL, "bloc_id" uuid NOT NULL, "bloc_code" character varying(64) NOT NULL, "year" integer NOT NULL, "phase" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "version" integer NOT NULL, "leader_unit_code" character varying(64) NOT NULL, "deputy_unit_code" character varying(64) NOT NULL, "rules_version" character varying(64) NOT NULL, "state" jsonb NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_cycles_bloc_year" UNIQUE ("bloc_id", "year"), CONSTRAINT "pk_cycles" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_cycles_phase" ON "cycles"  ("province_code", "phase") `);
    await queryRunner.query(
      `CREATE TABLE "cycle_units" ("cycle_id" character varying(200) NOT NULL, "unit_code" character varying(64) NOT NULL, "unit_name" character varying(300) NOT NULL, "pledge_signed_at" TIMESTAMP WITH TIME ZONE, "pledge_late" boolean NOT NULL DEFAULT false, "assessment_status" character varying(32), "assessment_late" boolean NOT NULL DEFAULT false, "assessment_rounds" integer NOT NULL DEFAULT '0', "verified_total" numeric(10,2), "assessment_version" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_cycle_units" PRIMARY KEY ("cycle_id", "unit_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "nominations" ("id" character varying(300) NOT NULL, "cycle_id" character varying(200) NOT NULL, "nominee_id" character varying(100) NOT NULL, "province_code" character varying(32) NOT NULL, "year" integer NOT NULL, "unit_code" character varying(64) NOT NULL, "award" character varying(32) NOT NULL, "status" character varying(32) NOT NULL, "ballot_votes" integer NOT NULL, "council_votes" integer, "decision_number" character varying(100), "decision_date" date, "rules_version" character varying(64) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_nominations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_nominations_status_award" ON "nominations"  ("status", "award") `);
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "fk_units_province" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_history" ADD CONSTRAINT "fk_award_history_unit" FOREIGN KEY ("unit_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "blocs" ADD CONSTRAINT "fk_blocs_province" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bloc_leaderships" ADD CONSTRAINT "fk_bloc_leaderships_bloc" FOREIGN KEY ("bloc_id") REFERENCES "blocs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bloc_memberships" ADD CONSTRAINT "fk_bloc_memberships_bloc" FOREIGN KEY ("bloc_id") REFERENCES "blocs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bloc_memberships" ADD CONSTRAINT "fk_bloc_memberships_unit" FOREIGN KEY ("unit_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cycles" ADD CONSTRAINT "fk_cycles_bloc" FOREIGN KEY ("bloc_id") REFERENCES "blocs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cycle_units" ADD CONSTRAINT "fk_cycle_units_cycle" FOREIGN KEY ("cycle_id") REFERENCES "cycles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nominations" ADD CONSTRAINT "fk_nominations_cycle" FOREIGN KEY ("cycle_id") REFERENCES "cycles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "nominations" DROP CONSTRAINT "fk_nominations_cycle"`);
    await queryRunner.query(`ALTER TABLE "cycle_units" DROP CONSTRAINT "fk_cycle_units_cycle"`);
    await queryRunner.query(`ALTER TABLE "cycles" DROP CONSTRAINT "fk_cycles_bloc"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP CONSTRAINT "fk_bloc_memberships_unit"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP CONSTRAINT "fk_bloc_memberships_bloc"`);
    await queryRunner.query(`ALTER TABLE "bloc_leaderships" DROP CONSTRAINT "fk_bloc_leaderships_bloc"`);
    await queryRunner.query(`ALTER TABLE "blocs" DROP CONSTRAINT "fk_blocs_province"`);
    await queryRunner.query(`ALTER TABLE "award_history" DROP CONSTRAINT "fk_award_history_unit"`);
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "fk_units_province"`);
    await queryRunner.query(`DROP INDEX "public"."ix_nominations_status_award"`);
    await queryRunner.query(`DROP TABLE "nominations"`);
    await queryRunner.query(`DROP TABLE "cycle_units"`);
    await queryRunner.query(`DROP INDEX "public"."ix_cycles_phase"`);
    await queryRunner.query(`DROP TABLE "cycles"`);
    await queryRunner.query(`DROP INDEX "public"."ix_cycle_events_cycle_time"`);
    await queryRunner.query(`DROP TABLE "cycle_events"`);
    await queryRunner.query(`DROP TABLE "bloc_memberships"`);
    await queryRunner.query(`DROP TABLE "bloc_leaderships"`);
    await queryRunner.query(`DROP TABLE "blocs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_history_unit"`);
    await queryRunner.query(`DROP TABLE "award_history"`);
    await queryRunner.query(`DROP TABLE "units"`);
    await queryRunner.query(`DROP TABLE "provinces"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_scores_unit"`);
    await queryRunner.query(`DROP TABLE "assessment_scores"`);
  }
}
