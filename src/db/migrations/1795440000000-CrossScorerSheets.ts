import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Cross-scoring keeps one sheet per scorer: the scorer's unit joins the key of assessment_scores, so a second
 * scorer's sheet is no longer dropped by ON CONFLICT DO NOTHING. Existing CROSS rows had one scorer per scored
 * unit (the old launch rule), taken from the cycle's launch.
 */
export class CrossScorerSheets1795440000000 implements MigrationInterface {
  name = 'CrossScorerSheets1795440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment_scores" ADD "scorer_unit" character varying(64) NOT NULL DEFAULT ''`);
    await queryRunner.query(
      `UPDATE "assessment_scores" s SET "scorer_unit" = a ->> 'scorer'
       FROM "cycles" c, jsonb_array_elements(COALESCE(c."state" -> 'launch' -> 'crossScoring', '[]'::jsonb)) a
       WHERE s."score_phase" = 'CROSS' AND c."id" = s."cycle_id" AND a ->> 'scored' = s."unit_code"`,
    );
    await queryRunner.query(`ALTER TABLE "assessment_scores" DROP CONSTRAINT "uq_assessment_scores"`);
    await queryRunner.query(
      `ALTER TABLE "assessment_scores" ADD CONSTRAINT "uq_assessment_scores" UNIQUE ("cycle_id", "unit_code", "round", "score_phase", "scorer_unit", "criterion_code")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Back to one sheet per phase: keep the first scorer's rows of each cross-scored round.
    await queryRunner.query(
      `DELETE FROM "assessment_scores" s USING "assessment_scores" t
       WHERE s."cycle_id" = t."cycle_id" AND s."unit_code" = t."unit_code" AND s."round" = t."round"
         AND s."score_phase" = t."score_phase" AND s."criterion_code" = t."criterion_code" AND s."scorer_unit" > t."scorer_unit"`,
    );
    await queryRunner.query(`ALTER TABLE "assessment_scores" DROP CONSTRAINT "uq_assessment_scores"`);
    await queryRunner.query(
      `ALTER TABLE "assessment_scores" ADD CONSTRAINT "uq_assessment_scores" UNIQUE ("cycle_id", "unit_code", "round", "score_phase", "criterion_code")`,
    );
    await queryRunner.query(`ALTER TABLE "assessment_scores" DROP COLUMN "scorer_unit"`);
  }
}
