import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class BallotBoxes1795340501517 implements MigrationInterface {
  name = 'BallotBoxes1795340501517';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ballot_boxes" ("cycle_id" character varying(200) NOT NULL, "round" integer NOT NULL, "papers" jsonb NOT NULL, CONSTRAINT "pk_ballot_boxes" PRIMARY KEY ("cycle_id", "round"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ballot_boxes"`);
  }
}
