import 'reflect-metadata';
import { createDataSource } from '../db/data-source';
import { seedDemoProvince } from './demo-province';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    const demo = await seedDemoProvince(ds);
    console.log(`seed: demo province ${demo.provinceCode}, bloc ${demo.blocCode}, year ${demo.year} (scenario S1, 6 units)`);
    console.log(`seed: rule sets ${demo.ruleSetVersions.join(', ') || '(none)'}`);
    for (const s of demo.ruleSetsSkipped) console.log(`seed: rule set ${s.version} skipped: ${s.reason}`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
