import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class CycleSnapshots1795342600102 implements MigrationInterface {
  name = 'CycleSnapshots1795342600102';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cycle_snapshots" ("cycle_id" character varying(200) NOT NULL, "version" integer NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" jsonb NOT NULL, CONSTRAINT "pk_cycle_snapshots" PRIMARY KEY ("cycle_id", "version"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_cycle_snapshots_time" ON "cycle_snapshots"  ("cycle_id", "occurred_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_cycle_snapshots_time"`);
    await queryRunner.query(`DROP TABLE "cycle_snapshots"`);
  }
}
