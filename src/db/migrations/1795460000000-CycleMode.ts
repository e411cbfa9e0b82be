import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** A cycle is a LIVE year or the RECORD of a past year entered afterwards; cycles from before are LIVE. */
export class CycleMode1795460000000 implements MigrationInterface {
  name = 'CycleMode1795460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cycles" ADD "mode" character varying(8) NOT NULL DEFAULT 'LIVE'`);
    await queryRunner.query(`UPDATE "cycles" SET "mode" = 'RECORD' WHERE "state"->>'mode' = 'RECORD'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cycles" DROP COLUMN "mode"`);
  }
}
