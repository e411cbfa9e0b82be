import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The organisation of a province as dated master data (issue 13): provinces succeeded on a date, blocs and
 * clusters with a kind and the years they exist, units with their attributes, validity and successor, and bloc
 * memberships by date with at most one bloc per unit on any day (an exclusion constraint, btree_gist for `=`).
 * Existing memberships keep their meaning: from_year becomes 1 January of it, to_year 1 January of the next year
 * (the end is exclusive).
 */
export class OrganisationMasterData1795460000001 implements MigrationInterface {
  name = 'OrganisationMasterData1795460000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await queryRunner.query(`ALTER TABLE "provinces" ADD "valid_from" date NOT NULL DEFAULT '2000-01-01'`);
    await queryRunner.query(`ALTER TABLE "provinces" ADD "valid_to" date`);
    await queryRunner.query(`ALTER TABLE "provinces" ADD "successor_code" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "provinces" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(
      `ALTER TABLE "provinces" ADD CONSTRAINT "ck_provinces_interval" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from")`,
    );
    await queryRunner.query(
      `ALTER TABLE "provinces" ADD CONSTRAINT "fk_provinces_successor" FOREIGN KEY ("successor_code") REFERENCES "provinces"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "blocs" ADD "kind" character varying(8) NOT NULL DEFAULT 'KHOI'`);
    await queryRunner.query(`ALTER TABLE "blocs" ADD "from_year" integer`);
    await queryRunner.query(
      `UPDATE "blocs" b SET "from_year" = coalesce((SELECT min(m."from_year") FROM "bloc_memberships" m WHERE m."bloc_id" = b."id"), 2000)`,
    );
    await queryRunner.query(`ALTER TABLE "blocs" ALTER COLUMN "from_year" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "blocs" ADD "to_year" integer`);
    await queryRunner.query(`ALTER TABLE "blocs" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "blocs" ADD CONSTRAINT "ck_blocs_kind" CHECK ("kind" IN ('KHOI', 'CUM'))`);
    await queryRunner.query(
      `ALTER TABLE "blocs" ADD CONSTRAINT "ck_blocs_years" CHECK ("to_year" IS NULL OR "to_year" >= "from_year")`,
    );

    await queryRunner.query(`ALTER TABLE "units" ADD "short_name" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "units" ADD "kind" character varying(16) NOT NULL DEFAULT 'KHAC'`);
    await queryRunner.query(`ALTER TABLE "units" ADD "parent_code" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "units" ADD "head_count" integer`);
    await queryRunner.query(`ALTER TABLE "units" ADD "women_ratio" numeric(5,4)`);
    await queryRunner.query(`ALTER TABLE "units" ADD "valid_from" date NOT NULL DEFAULT '2000-01-01'`);
    await queryRunner.query(`ALTER TABLE "units" ADD "valid_to" date`);
    await queryRunner.query(`ALTER TABLE "units" ADD "successor_code" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "units" ADD "succeeded_on" date`);
    await queryRunner.query(`ALTER TABLE "units" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "ck_units_kind" CHECK ("kind" IN ('DANG', 'NHA_NUOC', 'MAT_TRAN', 'HOI', 'DOANH_NGHIEP', 'XA_PHUONG', 'KHAC'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "ck_units_head_count" CHECK ("head_count" IS NULL OR "head_count" >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "ck_units_women_ratio" CHECK ("women_ratio" IS NULL OR ("women_ratio" >= 0 AND "women_ratio" <= 1))`,
    );
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "ck_units_interval" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from")`,
    );
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "fk_units_parent" FOREIGN KEY ("parent_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "units" ADD CONSTRAINT "fk_units_successor" FOREIGN KEY ("successor_code") REFERENCES "units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "bloc_memberships" ADD "valid_from" date`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" ADD "valid_to" date`);
    await queryRunner.query(
      `UPDATE "bloc_memberships" SET "valid_from" = make_date("from_year", 1, 1),
         "valid_to" = CASE WHEN "to_year" IS NULL THEN NULL ELSE make_date("to_year" + 1, 1, 1) END`,
    );
    await queryRunner.query(`ALTER TABLE "bloc_memberships" ALTER COLUMN "valid_from" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP CONSTRAINT "uq_bloc_memberships"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP COLUMN "from_year"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP COLUMN "to_year"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(
      `ALTER TABLE "bloc_memberships" ADD CONSTRAINT "uq_bloc_memberships" UNIQUE ("bloc_id", "unit_code", "valid_from")`,
    );
    await queryRunner.query(
      `ALTER TABLE "bloc_memberships" ADD CONSTRAINT "ck_bloc_memberships_interval" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from")`,
    );
    await queryRunner.query(
      `ALTER TABLE "bloc_memberships" ADD CONSTRAINT "xc_bloc_memberships_one_bloc" EXCLUDE USING gist ("unit_code" WITH =, daterange("valid_from", "valid_to") WITH &&)`,
    );

    await queryRunner.query(
      `ALTER TABLE "bloc_leaderships" ADD CONSTRAINT "ck_bloc_leaderships_source" CHECK ("source" IN ('SEEDED', 'ELECTED', 'APPOINTED', 'INITIAL'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bloc_leaderships" DROP CONSTRAINT "ck_bloc_leaderships_source"`);

    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP CONSTRAINT "xc_bloc_memberships_one_bloc"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP CONSTRAINT "ck_bloc_memberships_interval"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP CONSTRAINT "uq_bloc_memberships"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" ADD "from_year" integer`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" ADD "to_year" integer`);
    // A membership dated within a year reads as from that year; one ending on 1 January ends the year before.
    await queryRunner.query(
      `UPDATE "bloc_memberships" SET "from_year" = extract(year FROM "valid_from")::int,
         "to_year" = CASE WHEN "valid_to" IS NULL THEN NULL ELSE extract(year FROM "valid_to" - 1)::int END`,
    );
    await queryRunner.query(`ALTER TABLE "bloc_memberships" ALTER COLUMN "from_year" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP COLUMN "valid_from"`);
    await queryRunner.query(`ALTER TABLE "bloc_memberships" DROP COLUMN "valid_to"`);
    await queryRunner.query(
      `ALTER TABLE "bloc_memberships" ADD CONSTRAINT "uq_bloc_memberships" UNIQUE ("bloc_id", "unit_code", "from_year")`,
    );

    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "fk_units_successor"`);
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "fk_units_parent"`);
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "ck_units_interval"`);
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "ck_units_women_ratio"`);
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "ck_units_head_count"`);
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "ck_units_kind"`);
    for (const column of [
      'updated_at',
      'succeeded_on',
      'successor_code',
      'valid_to',
      'valid_from',
      'women_ratio',
      'head_count',
      'parent_code',
      'kind',
      'short_name',
    ]) {
      await queryRunner.query(`ALTER TABLE "units" DROP COLUMN "${column}"`);
    }

    await queryRunner.query(`ALTER TABLE "blocs" DROP CONSTRAINT "ck_blocs_years"`);
    await queryRunner.query(`ALTER TABLE "blocs" DROP CONSTRAINT "ck_blocs_kind"`);
    for (const column of ['updated_at', 'to_year', 'from_year', 'kind']) {
      await queryRunner.query(`ALTER TABLE "blocs" DROP COLUMN "${column}"`);
    }

    await queryRunner.query(`ALTER TABLE "provinces" DROP CONSTRAINT "fk_provinces_successor"`);
    await queryRunner.query(`ALTER TABLE "provinces" DROP CONSTRAINT "ck_provinces_interval"`);
    for (const column of ['updated_at', 'successor_code', 'valid_to', 'valid_from']) {
      await queryRunner.query(`ALTER TABLE "provinces" DROP COLUMN "${column}"`);
    }
    // btree_gist stays: the rule sets' exclusion constraint uses it too.
  }
}
