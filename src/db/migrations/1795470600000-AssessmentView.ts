import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A unit's sheet as it stands, kept with its row by the sheet's projection (issue 17): a step on a sheet started from
 * `lean-history` on answers only the version it wrote, and the API answers the caller with this view, read at or after
 * that version. Rows of older sheets keep NULL until their next step.
 */
export class AssessmentView1795470600000 implements MigrationInterface {
  name = 'AssessmentView1795470600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cycle_units" ADD "assessment_view" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cycle_units" DROP COLUMN "assessment_view"`);
  }
}
