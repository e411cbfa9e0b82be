import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class SecurityEvents1795400000000 implements MigrationInterface {
  name = 'SecurityEvents1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "security_events" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" character varying(32) NOT NULL, "workflow_id" character varying(300) NOT NULL, "update_name" character varying(200) NOT NULL, "update_id" character varying(300), "claimed_actor" jsonb, "reason" text NOT NULL, CONSTRAINT "pk_security_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_security_events_at" ON "security_events"  ("at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_security_events_at"`);
    await queryRunner.query(`DROP TABLE "security_events"`);
  }
}
