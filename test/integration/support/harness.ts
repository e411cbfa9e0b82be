import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from '../../../src/api/bootstrap';
import { loadFilesConfig, type AppConfig, type RateLimitConfig } from '../../../src/config/config';
import { CommandSealCodec } from '../../../src/config/command-codec';
import { createDataSource } from '../../../src/db/data-source';
import { S1_UNITS, seedDemoProvince, type DemoProvince, type DemoProvinceOptions } from '../../../src/seed/demo-province';
import { createWorker } from '../../../src/worker/create-worker';
import type { MailConfig } from '../../../src/config/mail-config';
import { MailSender } from '../../../src/worker/mail-sender';
import { provisionIdentities } from './actors';
import { S1Driver } from './s1-scenario';

/**
 * Shared set-up of the integration tests: the real PostgreSQL and Temporal dev server started by
 * scripts/test.sh, a database of its own per test file, a task queue of its own, one workflow bundle.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tests through scripts/test.sh (npm run test:all)`);
  return value;
}

export const WORKFLOWS_SOURCE = require.resolve('../../../src/workflows');

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_SOURCE, logger: quietLogger });
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** Creates a fresh database on the shared server, migrates it, and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = requireEnv('TEST_DATABASE_URL');
  const name = `thidua_test_${uniqueSuffix()}`;
  const admin = new DataSource({ type: 'postgres', url: adminUrl });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const ds = createDataSource(url.toString());
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return url.toString();
}

/** Generous limits: the tests log many accounts in from one address; the login tests set their own. */
export const TEST_AUTH: AppConfig['auth'] = {
  jwtSecret: randomBytes(32).toString('hex'),
  issuer: 'thidua',
  accessTokenSeconds: 3600,
  refreshTokenSeconds: 7200,
  maxFailedLogins: 5,
  backoffBaseSeconds: 30,
  lockoutSeconds: 900,
  maxLoginsPerMinutePerIp: 100_000,
  accountSlowAfter: 1000,
  accountSlowSeconds: 10,
  knownAddressDays: 30,
  sessionMaxSeconds: 43_200,
};

/** The key the test API and worker seal and verify commands with (a test that forges commands must not use it). */
export const TEST_COMMAND_SIGNING: AppConfig['commandSigning'] = {
  current: process.env.COMMAND_SIGNING_KEY || randomBytes(32).toString('hex'),
  previous: [],
};

export interface Harness {
  config: AppConfig;
  dataSource: DataSource;
  app: INestApplication;
  client: Client;
  worker: Worker;
  demo: DemoProvince;
  close(): Promise<void>;
  /** Stops the in-process worker (e.g. to run a replacement). */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
}

export interface HarnessOptions {
  bundle: WorkflowBundleWithSourceMap;
  temporalAddress?: string;
  demo?: DemoProvinceOptions;
  /** Overrides of the login limits (the login tests). */
  auth?: Partial<AppConfig['auth']>;
  /** Overrides of the expensive routes' limits (the rate-limit test); otherwise generous, like the login limits. */
  rateLimits?: Partial<RateLimitConfig>;
  /** Skip the in-process worker (when a test runs the worker as a separate process). */
  withoutWorker?: boolean;
  /**
   * The worker's connection, owned by the caller (the time-skipping tier passes its environment's). The harness
   * then does not wait for the worker's first poll: the Java test server has no DescribeTaskQueue, and it holds
   * a workflow task until a poller takes it anyway.
   */
  workerConnection?: NativeConnection;
  /** Receives the API's JSON log lines (otherwise the test API logs nothing). */
  logStream?: DestinationStream;
  /** Runs the worker's mail sender beside the in-process worker (test/integration/mail.spec.ts and its SMTP sink). */
  mail?: MailConfig;
}

export async function createHarness(options: HarnessOptions): Promise<Harness> {
  const databaseUrl = await createTestDatabase();
  const suffix = uniqueSuffix();
  // Uploaded files go to a store of this harness's own unless the test names one (FILE_STORE_DIR).
  const ownStore = process.env.FILE_STORE_DIR ? undefined : mkdtempSync(path.join(tmpdir(), 'thidua-test-files-'));
  const config: AppConfig = {
    databaseUrl,
    files: loadFilesConfig({ ...process.env, ...(ownStore ? { FILE_STORE_DIR: ownStore } : {}) }),
    port: 0,
    auth: { ...TEST_AUTH, ...options.auth },
    commandSigning: TEST_COMMAND_SIGNING,
    rateLimits: { windowSeconds: 60, audit: 100_000, bulk: 100_000, ...options.rateLimits },
    temporal: {
      address: options.temporalAddress ?? requireEnv('TEST_TEMPORAL_ADDRESS'),
      namespace: 'default',
      taskQueue: `thidua-test-${suffix}`,
    },
  };
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  const demo = await seedDemoProvince(dataSource, { provinceCode: `T${suffix.toUpperCase()}`, ...options.demo });
  const app = await createApp(config, { logger: false, logStream: options.logStream });
  await app.init();
  await provisionIdentities(
    app,
    dataSource,
    demo.provinceCode,
    S1_UNITS.map((u) => demo.unit(u.key)),
  );
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: { payloadCodecs: [new CommandSealCodec(config.commandSigning)] },
  });

  let workerConnection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let sender: MailSender | undefined;
  const startWorker = async () => {
    workerConnection = options.workerConnection ?? (await NativeConnection.connect({ address: config.temporal.address }));
    worker = await createWorker({
      connection: workerConnection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataSource,
      commandSigning: config.commandSigning,
      workflowBundle: options.bundle,
    });
    running = worker.run();
    if (options.mail) {
      sender = new MailSender(dataSource, options.mail);
      sender.start();
    }
    if (options.workerConnection) return;
    // Ready once the server has seen it poll (what /v1/health/ready checks), so tests do not race its first poll.
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const described = await client.workflowService.describeTaskQueue({
        namespace: config.temporal.namespace,
        taskQueue: { name: config.temporal.taskQueue },
        taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
      });
      if ((described.pollers ?? []).length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stopWorker = async () => {
    await sender?.stop();
    sender = undefined;
    if (worker && running) {
      worker.shutdown();
      // A shutdown that hangs says what it waits for (in-flight activations and activities) instead of just timing out.
      const stopping = worker;
      const slow = setTimeout(() => console.warn('worker still stopping after 30 s', stopping.getStatus()), 30_000);
      await running.finally(() => clearTimeout(slow));
    }
    if (!options.workerConnection) await workerConnection?.close();
    worker = undefined;
    running = undefined;
  };
  if (!options.withoutWorker) await startWorker();

  return {
    config,
    dataSource,
    app,
    client,
    get worker() {
      if (!worker) throw new Error('no worker running');
      return worker;
    },
    demo,
    stopWorker,
    startWorker,
    async close() {
      await stopWorker();
      // A browser (e2e) may still hold a connection mid-request: server.close() would wait for it, and the spec's own
      // afterAll that closes the browser runs only after this one. The test is over: end every connection.
      (app.getHttpServer() as Server).closeAllConnections();
      await app.close();
      await connection.close();
      await dataSource.destroy();
      if (ownStore) rmSync(ownStore, { recursive: true, force: true });
    },
  };
}

/**
 * One harness per test file, driving scenario S1: bundles the workflows, creates the harness before the
 * file's tests and closes it after. Read `h` and `s1` inside tests (they exist once beforeAll has run).
 */
export function useS1Harness(options: Omit<HarnessOptions, 'bundle'> = {}): { h: Harness; s1: S1Driver } {
  const context = {} as { h: Harness; s1: S1Driver };
  beforeAll(async () => {
    context.h = await createHarness({ bundle: await bundleWorkflows(), ...options });
    context.s1 = new S1Driver(context.h.app, context.h.demo);
  });
  afterAll(async () => {
    await context.h?.close();
  });
  return context;
}
