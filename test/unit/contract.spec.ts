import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * The web application and the test driver type the API from web/src/api/openapi.json and schema.d.ts: both must be
 * what the server's decorators say today. The check runs the generator itself (scripts/contract.mjs --check), so the
 * comparison and `npm run contract:generate` can never disagree on how the document is built or formatted.
 */
describe('API contract (web/src/api/openapi.json, schema.d.ts)', () => {
  it('given the server as it is, should match the committed document and types (else: run npm run contract:generate)', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/contract.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    // The generator's own message names the stale files and the command that brings them up to date.
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain('contract: up to date');
  }, 120_000);
});
