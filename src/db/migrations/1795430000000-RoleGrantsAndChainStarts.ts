import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Issue 11 (items 6, 7): two-person grants of deciding roles, and the per-user rate limit of approval-chain starts. */
export class RoleGrantsAndChainStarts1795430000000 implements MigrationInterface {
  name = 'RoleGrantsAndChainStarts1795430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "role_grants" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "province_code" character varying(32), "unit_code" character varying(64), "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, "reason" text, "status" character varying(16) NOT NULL, "proposed_by" character varying(100) NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" character varying(100), "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "assignment_id" uuid, CONSTRAINT "ck_role_grants_other" CHECK (decided_by IS NULL OR decided_by <> proposed_by), CONSTRAINT "ck_role_grants_status" CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED')), CONSTRAINT "pk_role_grants" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_role_grants_status" ON "role_grants" ("status", "proposed_at") `);
    await queryRunner.query(
      `CREATE TABLE "approval_chain_starts" ("id" BIGSERIAL NOT NULL, "user_id" character varying(100) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_approval_chain_starts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_approval_chain_starts_user_at" ON "approval_chain_starts" ("user_id", "at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_approval_chain_starts_user_at"`);
    await queryRunner.query(`DROP TABLE "approval_chain_starts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_grants_status"`);
    await queryRunner.query(`DROP TABLE "role_grants"`);
  }
}
