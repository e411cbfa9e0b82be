import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NativeConnection, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { createApp } from '../../src/api/bootstrap';
import { createDataSource } from '../../src/db/data-source';
import type { BackupManifest } from '../../src/ops/backup';
import { Phase } from '../../src/shared/cycle-types';
import { createWorker } from '../../src/worker/create-worker';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { freePort, portOpen, REPO_ROOT, startProcess, waitFor, type Proc } from './support/processes';
import { S1Driver } from './support/s1-scenario';

/** A Temporal dev server of this file's own (the shared one's SQLite file is not this test's to copy). */
async function startDevServer(dbFile: string): Promise<{ proc: Proc; address: string }> {
  const port = await freePort();
  const proc = startProcess('bash', [path.join(REPO_ROOT, 'scripts/temporal-dev.sh')], {
    TEMPORAL_PORT: String(port),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_DB_FILE: dbFile,
    TEMPORAL_HEADLESS: '1',
    TEMPORAL_ADDRESS: '',
  });
  await waitFor(() => portOpen(port), `the Temporal dev server on ${port}`, 60_000).catch((error: Error) => {
    throw new Error(`${error.message}; it wrote:\n${proc.output().slice(-2000)}`);
  });
  return { proc, address: `127.0.0.1:${port}` };
}

function run(script: string, dir: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, script), dir], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${script} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * Issue 18, Backups: part of an S1 cycle on its own Temporal dev server, `npm run backup` while everything runs, then
 * `npm run restore` into a fresh PostgreSQL (embedded, its own) and the file of a fresh dev server; an API and a
 * worker on the restored servers find the cycle, verify the audit chain, and the running workflow takes its next step.
 */
describe('Backup and restore into fresh servers', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'thidua-backup-'));
  // The embedded PostgreSQL runs as the system user postgres when the tests run as root: it must reach its data dir.
  chmodSync(work, 0o755);
  const backupDir = path.join(work, 'backup');
  let bundle: WorkflowBundleWithSourceMap;
  let source: { proc: Proc; address: string } | undefined;
  let target: { proc: Proc; address: string } | undefined;
  let postgres: Proc | undefined;
  let h: Harness | undefined;
  let restoredApp: INestApplication | undefined;
  let restoredWorker: { worker: Worker; running: Promise<void>; connection: NativeConnection } | undefined;
  let cycleId = '';
  let manifest: BackupManifest;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    source = await startDevServer(path.join(work, 'source.sqlite'));
    h = await createHarness({ bundle, temporalAddress: source.address });
  });

  afterAll(async () => {
    restoredWorker?.worker.shutdown();
    await restoredWorker?.running.catch(() => undefined);
    await restoredWorker?.connection.close();
    await restoredApp?.close();
    await h?.close();
    await source?.proc.kill('SIGTERM');
    await target?.proc.kill('SIGTERM');
    await postgres?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });

  it('given a cycle in its pledge phase, should back up PostgreSQL and the Temporal database while both run', async () => {
    const harness = h as Harness;
    const s1 = new S1Driver(harness.app, harness.demo);
    await s1.start();
    await s1.launch();
    await s1.signAll(['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND']);
    cycleId = s1.cycleId;

    const out = run('scripts/backup.mjs', backupDir, {
      DATABASE_URL: harness.config.databaseUrl,
      TEMPORAL_DB_FILE: path.join(work, 'source.sqlite'),
    });
    expect(out).toMatch(/^backup: .*PostgreSQL \d+ tables, \d+ rows; Temporal \d+ bytes/m);
    manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
    expect(manifest.postgres.tables.cycles).toBe(1);
    expect(manifest.postgres.tables.audit_log).toBeGreaterThan(0);
    expect(manifest.temporal?.bytes).toBeGreaterThan(0);
  });

  it('given the backup restored into a fresh PostgreSQL and dev server, should find the cycle, verify the chain and continue the workflow', async () => {
    const harness = h as Harness;
    // The old installation is gone: its API, worker and dev server stop before the new ones start.
    await harness.close();
    h = undefined;
    await source?.proc.kill('SIGTERM');
    source = undefined;

    const pgPort = await freePort();
    postgres = startProcess(process.execPath, [path.join(REPO_ROOT, 'scripts/postgres.mjs')], {
      PGPORT: String(pgPort),
      PGDATA_DIR: path.join(work, 'pgdata'),
      PG_PERSISTENT: '0',
      PG_DATABASE: 'postgres',
    });
    await waitFor(() => (postgres?.output() ?? '').includes('postgres ready'), 'the fresh PostgreSQL', 120_000);
    const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${pgPort}/thidua_restored`;
    const restoredFile = path.join(work, 'restored', 'temporal.sqlite');
    expect(run('scripts/restore.mjs', backupDir, { DATABASE_URL: databaseUrl, TEMPORAL_DB_FILE: restoredFile })).toMatch(
      /^restore: /m,
    );
    // A second restore into the same places is refused: nothing is overwritten.
    expect(() => run('scripts/restore.mjs', backupDir, { DATABASE_URL: databaseUrl, TEMPORAL_DB_FILE: restoredFile })).toThrow(
      /exists: stop its dev server/,
    );
    expect(() =>
      run('scripts/restore.mjs', backupDir, { DATABASE_URL: databaseUrl, TEMPORAL_DB_FILE: path.join(work, 'other.sqlite') }),
    ).toThrow(/already holds data/);
    expect(existsSync(path.join(work, 'other.sqlite'))).toBe(false);

    target = await startDevServer(restoredFile);
    const config = { ...harness.config, databaseUrl, temporal: { ...harness.config.temporal, address: target.address } };
    restoredApp = await createApp(config, { logger: false });
    await restoredApp.init();
    const dataSource = createDataSource(databaseUrl);
    await dataSource.initialize();
    const connection = await NativeConnection.connect({ address: target.address });
    const worker = await createWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataSource,
      commandSigning: config.commandSigning,
      workflowBundle: bundle,
    });
    restoredWorker = { worker, connection, running: worker.run().finally(() => dataSource.destroy()) };
    const http = () => request((restoredApp as INestApplication).getHttpServer());

    // The people's sessions are restored too: the tokens issued before the backup still work.
    const cycles = await http().get('/v1/cycles').set(as.admin());
    expect(cycles.status).toBe(200);
    expect(JSON.stringify(cycles.body)).toContain(cycleId);
    const verified = await http().get('/v1/audit/verify').set(as.auditor());
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, entries: manifest.postgres.tables.audit_log });

    // The running workflow, restored from the dev server's file, takes the next step and projects it.
    const s1 = new S1Driver(restoredApp, harness.demo);
    s1.cycleId = cycleId;
    const state = await s1.signAll(['DTN']);
    expect(Object.keys(state.pledges)).toHaveLength(6);
    // Every unit signed: the workflow opens the self-assessment (its children start on the restored server too).
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    const after = await http().get('/v1/audit/verify').set(as.auditor());
    expect(after.body).toMatchObject({ ok: true });
    expect(after.body.entries).toBeGreaterThan(manifest.postgres.tables.audit_log);
  });
});
