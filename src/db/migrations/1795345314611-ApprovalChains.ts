import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ApprovalChains1795345314611 implements MigrationInterface {
  name = 'ApprovalChains1795345314611';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "approval_chains" ("chain_id" character varying(200) NOT NULL, "province_code" character varying(32) NOT NULL, "bloc_code" character varying(64), "cycle_id" character varying(200), "definition_code" character varying(64) NOT NULL, "title" character varying(500) NOT NULL, "status" character varying(16) NOT NULL, "submitted_by" character varying(100) NOT NULL, "version" integer NOT NULL, "state" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_approval_chains" PRIMARY KEY ("chain_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_approval_chains_cycle" ON "approval_chains"  ("cycle_id") `);
    await queryRunner.query(`CREATE INDEX "ix_approval_chains_province" ON "approval_chains"  ("province_code", "status") `);
    await queryRunner.query(
      `CREATE TABLE "approval_tasks" ("chain_id" character varying(200) NOT NULL, "assignment_id" character varying(100) NOT NULL, "user_id" character varying(100) NOT NULL, "acting_for_user_id" character varying(100), "acting_for_name" character varying(200), "level_code" character varying(64) NOT NULL, "level_name" character varying(300) NOT NULL, "item_ids" jsonb NOT NULL, "round" integer NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "province_code" character varying(32) NOT NULL, "bloc_code" character varying(64), "cycle_id" character varying(200), "title" character varying(500) NOT NULL, CONSTRAINT "pk_approval_tasks" PRIMARY KEY ("chain_id", "assignment_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_approval_tasks_user" ON "approval_tasks"  ("user_id", "due_at") `);
    await queryRunner.query(
      `CREATE TABLE "approval_incidents" ("chain_id" character varying(200) NOT NULL, "incident_id" character varying(100) NOT NULL, "province_code" character varying(32) NOT NULL, "level_code" character varying(64) NOT NULL, "reason" character varying(32) NOT NULL, "role" character varying(32) NOT NULL, "detail" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution" text, CONSTRAINT "pk_approval_incidents" PRIMARY KEY ("chain_id", "incident_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_approval_incidents_open" ON "approval_incidents"  ("province_code", "resolved_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "delegations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "from_user" character varying(100) NOT NULL, "to_user" character varying(100) NOT NULL, "valid_from" date NOT NULL, "valid_to" date NOT NULL, "kind" character varying(16) NOT NULL, "reason" text NOT NULL, "created_by" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_delegations_other" CHECK (from_user <> to_user), CONSTRAINT "ck_delegations_dates" CHECK (valid_to >= valid_from), CONSTRAINT "pk_delegations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_delegations_from" ON "delegations"  ("from_user", "valid_from") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_delegations_from"`);
    await queryRunner.query(`DROP TABLE "delegations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_incidents_open"`);
    await queryRunner.query(`DROP TABLE "approval_incidents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_tasks_user"`);
    await queryRunner.query(`DROP TABLE "approval_tasks"`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_chains_province"`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_chains_cycle"`);
    await queryRunner.query(`DROP TABLE "approval_chains"`);
  }
}
