#!/usr/bin/env node
// `npm run restore -- <dir>`: restores a backup of `npm run backup` into fresh servers: PostgreSQL rows into
// DATABASE_URL (an empty or missing database, migrated first), the Temporal dev server's database to TEMPORAL_DB_FILE
// (which must not exist: start the dev server on it afterwards). Defaults as command 1's (scripts/env.sh).
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const [dir] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: npm run restore -- <directory>   (DATABASE_URL, TEMPORAL_DB_FILE; --no-temporal for PostgreSQL only)');
  process.exit(2);
}
// The compiled code (as in the production image); a checkout without dist builds it first.
if (!existsSync(path.join(root, 'dist/src/ops/backup.js')))
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
const { readManifest, restorePostgres, restoreTemporal } = require(path.join(root, 'dist/src/ops/backup.js'));
const databaseUrl = process.env.DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${process.env.PGPORT || 5433}/thidua`;
const temporalDbFile = process.env.TEMPORAL_DB_FILE || path.join(root, '.data/temporal/temporal.sqlite');
try {
  const from = path.resolve(dir);
  const manifest = readManifest(from);
  const withTemporal = manifest.temporal && !process.argv.includes('--no-temporal');
  // Both targets are checked before either is written: an existing dev server file, then a database holding data.
  if (withTemporal && existsSync(temporalDbFile))
    throw new Error(`${temporalDbFile} exists: stop its dev server and move it away, then restore`);
  await restorePostgres(databaseUrl, from, manifest);
  if (withTemporal) restoreTemporal(from, temporalDbFile, manifest);
  console.log(
    `restore: backup of ${manifest.createdAt} restored into ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}` +
      (withTemporal ? ` and ${temporalDbFile}` : ''),
  );
} catch (error) {
  console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
