import { readFileSync } from 'node:fs';
import { describeVerification, verifyBundle } from './evidence-bundle';

/**
 * Offline check of an evidence bundle (GET /v1/cycles/:cycleId/evidence), with no database and no server:
 *   node dist/src/audit/verify-bundle.js bundle.json
 * Prints OK or the first broken entry; exits 0 when the bundle verifies, 1 when it does not, 2 on bad usage.
 */
function main(argv: string[]): number {
  const file = argv[0];
  if (!file || argv.length > 1) {
    console.error('usage: node dist/src/audit/verify-bundle.js <bundle.json>');
    return 2;
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const result = verifyBundle(bundle);
  if (result.ok) console.log(describeVerification(result));
  else console.error(describeVerification(result));
  return result.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
