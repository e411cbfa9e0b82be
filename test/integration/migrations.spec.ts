import { createDataSource } from '../../src/db/data-source';
import { MIGRATIONS } from '../../src/db/migrations';
import { createTestDatabase } from './support/harness';

/**
 * The schema comes from migrations only (synchronize is off), so the migrations must build exactly what the entities
 * describe, and every down() must undo its up(): a revert in production is the way back from a bad release.
 */
describe('Migrations', () => {
  it('given a migrated database, should match the entities exactly (no schema drift)', async () => {
    const ds = createDataSource(await createTestDatabase());
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('given every migration applied, when each is reverted newest first and applied again, should leave the same schema', async () => {
    const ds = createDataSource(await createTestDatabase());
    await ds.initialize();
    const schema = async () =>
      (
        await ds.query<Record<string, unknown>[]>(
          `SELECT table_name, column_name, data_type, is_nullable, coalesce(character_maximum_length, 0) AS length
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations'
           ORDER BY table_name, column_name`,
        )
      ).map((c) => Object.values(c).join(' '));
    const constraints = async () =>
      (
        await ds.query<{ conname: string }[]>(
          `SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' ORDER BY conname`,
        )
      ).map((c) => c.conname);
    try {
      const before = { columns: await schema(), constraints: await constraints() };
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await schema()).toEqual([]);
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied).toHaveLength(MIGRATIONS.length);
      expect({ columns: await schema(), constraints: await constraints() }).toEqual(before);
    } finally {
      await ds.destroy();
    }
  });
});
