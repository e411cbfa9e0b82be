import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AuditLog1795341249771 implements MigrationInterface {
  name = 'AuditLog1795341249771';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("seq" bigint NOT NULL, "event_id" character varying(300) NOT NULL, "cycle_id" character varying(200) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_user_id" character varying(200), "actor_role" character varying(32), "actor_unit_code" character varying(64), "kind" character varying(8) NOT NULL, "type" character varying(64) NOT NULL, "phase" character varying(32) NOT NULL, "summary_vi" text NOT NULL, "payload" jsonb, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "uq_audit_log_event" UNIQUE ("event_id"), CONSTRAINT "ck_audit_log_kind" CHECK ("kind" IN ('HUMAN', 'SYSTEM')), CONSTRAINT "pk_audit_log" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_log_cycle_seq" ON "audit_log"  ("cycle_id", "seq") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_cycle_seq"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
