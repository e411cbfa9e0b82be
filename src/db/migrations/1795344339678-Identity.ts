import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Identity1795344339678 implements MigrationInterface {
  name = 'Identity1795344339678';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "username" character varying(100) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" text, "external_subject" character varying(300), "disabled" boolean NOT NULL DEFAULT false, "lock_reset_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users"  ("username") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_external_subject" ON "users"  ("external_subject") WHERE external_subject IS NOT NULL`,
    );
    await queryRunner.query(`CREATE TABLE "role_assignments" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "province_code" character varying(32), "unit_code" character varying(64), "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, "granted_by" character varying(100) NOT NULL, "reason" text, "ended_by" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_role_assignments_scope" CHECK ((role IN ('UNIT_HEAD', 'UNIT_FOCAL') AND unit_code IS NOT NULL AND province_code IS NOT NULL)
   OR (role IN ('BOARD_SPECIALIST', 'BOARD_HEAD', 'COUNCIL_MEMBER', 'CHAIRMAN') AND unit_code IS NULL AND province_code IS NOT NULL)
   OR (role IN ('ADMIN', 'AUDITOR') AND unit_code IS NULL)), CONSTRAINT "ck_role_assignments_dates" CHECK (valid_to IS NULL OR valid_to > valid_from), CONSTRAINT "pk_role_assignments" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_role_assignments_unit" ON "role_assignments"  ("unit_code", "role") `);
    await queryRunner.query(`CREATE INDEX "ix_role_assignments_user" ON "role_assignments"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "replaced_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_refresh_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens"  ("family_id") `);
    await queryRunner.query(
      `CREATE TABLE "login_attempts" ("id" BIGSERIAL NOT NULL, "username" character varying(100) NOT NULL, "ip" character varying(64) NOT NULL, "outcome" character varying(16) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_login_attempts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_login_attempts_username_at" ON "login_attempts"  ("username", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_login_attempts_ip_at" ON "login_attempts"  ("ip", "at") `);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "cycle_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "phase" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "fk_role_assignments_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_user"`);
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "fk_role_assignments_user"`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "phase" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "cycle_id" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_attempts_ip_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_attempts_username_at"`);
    await queryRunner.query(`DROP TABLE "login_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "public"."uq_refresh_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignments_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_role_assignments_unit"`);
    await queryRunner.query(`DROP TABLE "role_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_external_subject"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_username"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
