import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { createDataSource } from '../db/data-source';

/**
 * Backup and restore of a thidua installation's two stores (scripts/backup.mjs, scripts/restore.mjs):
 *
 * - PostgreSQL: every table of the public schema, row by row as JSON lines, read in one REPEATABLE READ READ ONLY
 *   transaction, so the copy is one consistent snapshot while the API and the worker keep writing. The schema is not
 *   dumped: it is the migrations', recorded by name in the manifest; a restore runs the same migrations into an empty
 *   database and loads the rows. (pg_dump would do the same job, but the servers are PostgreSQL 18 and no pg_dump of
 *   18 is installable here: Debian 12's is 15, and pg_dump refuses a newer server.)
 * - Temporal dev server: its SQLite file, copied with SQLite's online backup (`sqlite3 .backup`), consistent while the
 *   server runs. Restored as the file a new dev server starts on (`TEMPORAL_DB_FILE`).
 *
 * The Temporal copy is taken first: a decision accepted between the two copies is then, at worst, in the read model and
 * not in Temporal's history. For an exact pair, stop the API (not Temporal, not PostgreSQL) while `backup` runs.
 */
export const BACKUP_FORMAT = 'thidua-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  postgres: { migrations: string[]; tables: Record<string, number> };
  temporal?: { file: string; bytes: number };
}

/** Tables the migrations write rows into (the default rule set): a fresh database holds these and nothing else. */
const SEEDED_BY_MIGRATIONS = ['rule_sets', 'rule_set_revisions'];

const FETCH_ROWS = 1000;
const INSERT_ROWS = 500;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function publicTables(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

async function migrationNames(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM migrations ORDER BY "timestamp", name`);
  return rows.map((r) => r.name);
}

/** Writes <dir>/postgres/<table>.jsonl for every table, from one snapshot; returns the row counts and migrations. */
export async function backupPostgres(databaseUrl: string, dir: string): Promise<BackupManifest['postgres']> {
  const out = path.join(dir, 'postgres');
  mkdirSync(out, { recursive: true });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = await migrationNames(client);
    const tables: Record<string, number> = {};
    for (const table of await publicTables(client)) {
      const file = createWriteStream(path.join(out, `${table}.jsonl`));
      let count = 0;
      await client.query(`DECLARE dump CURSOR FOR SELECT row_to_json(t)::text AS r FROM ${quote(table)} t`);
      for (;;) {
        const { rows } = await client.query<{ r: string }>(`FETCH ${FETCH_ROWS} FROM dump`);
        if (rows.length === 0) break;
        for (const row of rows) if (!file.write(`${row.r}\n`)) await new Promise<void>((r) => file.once('drain', () => r()));
        count += rows.length;
      }
      await client.query('CLOSE dump');
      await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())));
      tables[table] = count;
    }
    await client.query('COMMIT');
    return { migrations, tables };
  } finally {
    await client.end();
  }
}

/** Copies the dev server's SQLite file with SQLite's online backup (consistent while the server writes). */
export function backupTemporal(dbFile: string, dir: string): BackupManifest['temporal'] {
  if (!existsSync(dbFile)) throw new Error(`the Temporal dev server's database ${dbFile} does not exist (TEMPORAL_DB_FILE)`);
  const target = path.join(dir, 'temporal.sqlite');
  sqlite(dbFile, target);
  return { file: 'temporal.sqlite', bytes: statSync(target).size };
}

/** SQLite's online backup of one database file into another, by the sqlite3 shell (Debian's package sqlite3). */
function sqlite(from: string, to: string): void {
  try {
    execFileSync('sqlite3', [from, '.timeout 30000', `.backup '${to.replace(/'/g, "''")}'`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('the sqlite3 shell is missing: install it (apt-get install sqlite3) to copy the Temporal database');
    throw error;
  }
}

export async function backup(options: { databaseUrl: string; temporalDbFile?: string; dir: string }): Promise<BackupManifest> {
  mkdirSync(options.dir, { recursive: true });
  if (existsSync(path.join(options.dir, 'manifest.json'))) throw new Error(`${options.dir} already holds a backup`);
  const temporal = options.temporalDbFile ? backupTemporal(options.temporalDbFile, options.dir) : undefined;
  const postgres = await backupPostgres(options.databaseUrl, options.dir);
  const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), postgres, temporal };
  writeFileSync(path.join(options.dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${dir} holds no backup (no manifest.json)`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${file}: unknown format ${String(manifest.format)}`);
  return manifest;
}

/** Creates the database of the URL when it does not exist (connecting to the server's `postgres` database). */
async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${quote(name)}`);
  } finally {
    await admin.end();
  }
}

/**
 * Restores the rows into the database of the URL (created when missing): migrates it with this version's migrations,
 * which must be the backup's, and refuses a database that already holds data. Foreign keys are not checked while
 * loading (session_replication_role = replica, as pg_restore --disable-triggers does; a superuser's right): the rows
 * are one snapshot of a database that satisfied them. Sequences continue after the restored ids.
 */
export async function restorePostgres(databaseUrl: string, dir: string, manifest = readManifest(dir)): Promise<void> {
  await ensureDatabase(databaseUrl);
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const migrations = await migrationNames(client);
    if (migrations.join() !== manifest.postgres.migrations.join())
      throw new Error(
        "the backup was taken by another version of thidua (its migrations differ from this one's): restore it with the version that took it, then upgrade",
      );
    const tables = (await publicTables(client)).filter((t) => t !== 'migrations');
    const missing = Object.keys(manifest.postgres.tables).filter((t) => t !== 'migrations' && !tables.includes(t));
    if (missing.length > 0) throw new Error(`tables of the backup missing after the migrations: ${missing.join(', ')}`);
    for (const table of tables.filter((t) => !SEEDED_BY_MIGRATIONS.includes(t))) {
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS any`);
      if (rows[0]?.any) throw new Error(`the database already holds data (table ${table}): restore into an empty database`);
    }
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    for (const table of tables) {
      // Rows a migration seeds are in the backup too (as they were then, perhaps edited since): the backup's replace them.
      await client.query(`DELETE FROM ${quote(table)}`);
      const file = path.join(dir, 'postgres', `${table}.jsonl`);
      if (!existsSync(file)) continue;
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(`INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`, [
          `[${batch.join(',')}]`,
        ]);
        batch = [];
      };
      for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
        if (!line) continue;
        batch.push(line);
        if (batch.length >= INSERT_ROWS) await flush();
      }
      await flush();
      const { rows: counted } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(table)}`);
      const expected = manifest.postgres.tables[table] ?? 0;
      if (counted[0].n !== expected) throw new Error(`table ${table}: restored ${counted[0].n} rows, the backup has ${expected}`);
    }
    // Serial columns: their sequences continue after the largest restored value.
    const { rows: serials } = await client.query<{ seq: string; tbl: string; col: string }>(
      `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
         FROM pg_class s
         JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
         JOIN pg_class t ON t.oid = d.refobjid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
         JOIN pg_namespace n ON n.oid = s.relnamespace
        WHERE s.relkind = 'S' AND n.nspname = 'public'`,
    );
    for (const { seq, tbl, col } of serials) {
      await client.query(
        `SELECT setval($1::regclass, COALESCE((SELECT max(${quote(col)}) FROM ${quote(tbl)}), 1),
                (SELECT max(${quote(col)}) FROM ${quote(tbl)}) IS NOT NULL)`,
        [quote(seq)],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Writes the backup's Temporal database to the file a dev server will start on; refuses to overwrite one. */
export function restoreTemporal(dir: string, dbFile: string, manifest = readManifest(dir)): void {
  if (!manifest.temporal) throw new Error('the backup holds no Temporal database');
  if (existsSync(dbFile)) throw new Error(`${dbFile} exists: stop its dev server and move it away, then restore`);
  mkdirSync(path.dirname(dbFile), { recursive: true });
  // Through SQLite again rather than a file copy, so the restored file is checked as a database on the way.
  sqlite(path.join(dir, manifest.temporal.file), dbFile);
}
