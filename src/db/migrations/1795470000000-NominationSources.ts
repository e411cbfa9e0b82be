import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A nomination is a line item of the province's award round: proposed by a bloc's conference (source BLOC, with its
 * cycle) or directly by an agency outside any bloc (source DIRECT, no cycle). `reason` keeps the latest reason given
 * against it (appraisal note, council rejection, decision), so a unit can see why it was not awarded.
 */
export class NominationSources1795470000000 implements MigrationInterface {
  name = 'NominationSources1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "nominations" ALTER COLUMN "cycle_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "nominations" ADD "source" character varying(8) NOT NULL DEFAULT 'BLOC'`);
    await queryRunner.query(`ALTER TABLE "nominations" ADD "bloc_code" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "nominations" ADD "proposer" character varying(300)`);
    await queryRunner.query(`ALTER TABLE "nominations" ADD "round_id" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "nominations" ADD "reason" text`);
    await queryRunner.query(`UPDATE "nominations" n SET "bloc_code" = c."bloc_code" FROM "cycles" c WHERE c."id" = n."cycle_id"`);
    await queryRunner.query(
      `ALTER TABLE "nominations" ADD CONSTRAINT "ck_nominations_source" CHECK (("source" = 'BLOC' AND "cycle_id" IS NOT NULL) OR ("source" = 'DIRECT' AND "cycle_id" IS NULL))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_nominations_province_year" ON "nominations" ("province_code", "year")`);
    await queryRunner.query(`CREATE INDEX "ix_nominations_round" ON "nominations" ("round_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_nominations_round"`);
    await queryRunner.query(`DROP INDEX "ix_nominations_province_year"`);
    await queryRunner.query(`ALTER TABLE "nominations" DROP CONSTRAINT "ck_nominations_source"`);
    await queryRunner.query(`DELETE FROM "nominations" WHERE "cycle_id" IS NULL`);
    for (const column of ['reason', 'round_id', 'proposer', 'bloc_code', 'source'])
      await queryRunner.query(`ALTER TABLE "nominations" DROP COLUMN "${column}"`);
    await queryRunner.query(`ALTER TABLE "nominations" ALTER COLUMN "cycle_id" SET NOT NULL`);
  }
}
