#!/usr/bin/env node
// `npm run backup -- <dir>`: a consistent backup of PostgreSQL (DATABASE_URL) and of the Temporal dev server's SQLite
// database (TEMPORAL_DB_FILE) into <dir>, while both run. `npm run restore -- <dir>` puts it back into fresh servers.
// Defaults as command 1's (scripts/env.sh). What is copied, and how: src/ops/backup.ts.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const [dir] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: npm run backup -- <directory>   (DATABASE_URL, TEMPORAL_DB_FILE; --no-temporal for PostgreSQL only)');
  process.exit(2);
}
// The compiled code (as in the production image); a checkout without dist builds it first.
if (!existsSync(path.join(root, 'dist/src/ops/backup.js')))
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
const { backup } = require(path.join(root, 'dist/src/ops/backup.js'));
const databaseUrl = process.env.DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${process.env.PGPORT || 5433}/thidua`;
const temporalDbFile = process.argv.includes('--no-temporal')
  ? undefined
  : process.env.TEMPORAL_DB_FILE || path.join(root, '.data/temporal/temporal.sqlite');
try {
  const manifest = await backup({ databaseUrl, temporalDbFile, dir: path.resolve(dir) });
  const rows = Object.values(manifest.postgres.tables).reduce((a, b) => a + b, 0);
  console.log(
    `backup: ${path.resolve(dir)}: PostgreSQL ${Object.keys(manifest.postgres.tables).length} tables, ${rows} rows` +
      (manifest.temporal ? `; Temporal ${manifest.temporal.bytes} bytes` : ''),
  );
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
