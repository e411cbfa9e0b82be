import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** A verified score that differs from the unit's own keeps the reviewer's reason beside it. */
export class ScoreReasons1795440000002 implements MigrationInterface {
  name = 'ScoreReasons1795440000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment_scores" ADD "reason" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment_scores" DROP COLUMN "reason"`);
  }
}
