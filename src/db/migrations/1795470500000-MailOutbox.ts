import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * E-mail: each person's address and preference (IMMEDIATE, DIGEST, OFF), and the outbox the projections write in
 * their own transactions, one row per event and recipient (unique event key: a retried projection adds nothing).
 */
export class MailOutbox1795470500000 implements MigrationInterface {
  name = 'MailOutbox1795470500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "email" character varying(320)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "mail_preference" character varying(16) NOT NULL DEFAULT 'IMMEDIATE'`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "ck_users_mail_preference" CHECK ("mail_preference" IN ('IMMEDIATE', 'DIGEST', 'OFF'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" BIGSERIAL NOT NULL, "event_key" character varying(500) NOT NULL,
        "kind" character varying(32) NOT NULL, "username" character varying(100) NOT NULL, "subject" text NOT NULL,
        "body" text NOT NULL, "link" character varying(600), "status" character varying(16) NOT NULL DEFAULT 'PENDING',
        "attempts" integer NOT NULL DEFAULT 0, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "claimed_until" TIMESTAMP WITH TIME ZONE, "last_error" text, "digest_key" character varying(500),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_mail_outbox" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_mail_outbox_event_key" ON "mail_outbox" ("event_key")`);
    await queryRunner.query(`CREATE INDEX "ix_mail_outbox_pending" ON "mail_outbox" ("status", "next_attempt_at")`);
    await queryRunner.query(`CREATE INDEX "ix_mail_outbox_username" ON "mail_outbox" ("username")`);
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD CONSTRAINT "ck_mail_outbox_status" CHECK ("status" IN ('PENDING', 'SENDING', 'SENT', 'DIGESTED', 'SKIPPED'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_mail_preference"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mail_preference"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email"`);
  }
}
