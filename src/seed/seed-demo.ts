import 'reflect-metadata';
import { createDataSource } from '../db/data-source';
import { hashPassword } from '../api/auth/passwords';
import { S1_UNITS, seedDemoProvince } from './demo-province';
import { ensureIdentity, provinceIdentities } from './identities';

/** Password of every demo account (README); override with DEMO_PASSWORD. Demo data only. */
const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'thidua-demo-2026';

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
    const identities = provinceIdentities(
      demo.provinceCode,
      S1_UNITS.map((u) => ({ code: demo.unit(u.key), name: u.name })),
    );
    const hash = await hashPassword(DEMO_PASSWORD);
    await ds.transaction(async (m) => {
      for (const spec of identities) await ensureIdentity(m, spec, hash, 'seed');
    });
    console.log(
      `seed: ${identities.length} demo accounts (${identities.map((i) => i.username).join(', ')}), password ${DEMO_PASSWORD}`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
