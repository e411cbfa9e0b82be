import { createDataSource } from './data-source';

/** Applies pending migrations; used by the start script and by the compose `migrate` service. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(
      applied.length === 0 ? 'migrations: schema up to date' : `migrations: applied ${applied.map((m) => m.name).join(', ')}`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
