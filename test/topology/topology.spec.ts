import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CommandSealCodec } from '../../src/config/command-codec';
import { createDataSource } from '../../src/db/data-source';
import { S1_UNITS, seedDemoProvince, type DemoProvince } from '../../src/seed/demo-province';
import { castBallotUpdate } from '../../src/shared/messages';
import { NomineeStatus, Phase } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { as, provisionIdentities, type Headers, type HttpTarget } from '../integration/support/actors';
import { createTestDatabase, requireEnv, uniqueSuffix } from '../integration/support/harness';
import { freePort, portOpen, REPO_ROOT, startProcess, waitFor, type Proc } from '../integration/support/processes';
import { S1_BALLOTS, S1Driver } from '../integration/support/s1-scenario';

const API_ENTRY = path.join(REPO_ROOT, 'dist/src/api/main.js');
const WORKER_ENTRY = path.join(REPO_ROOT, 'dist/src/worker/main.js');
const TEMPORAL_SERVER_SCRIPT = path.join(REPO_ROOT, 'scripts/temporal-server.sh');
const START_TIMEOUT_MS = 180_000;

/**
 * The production topology run as processes (README "Beyond one machine"): the Temporal server itself (not the dev
 * server) persisting to PostgreSQL, its schemas set up by Temporal's SQL tool (scripts/temporal-server.sh), two API
 * processes and two worker processes against it. A whole S1 year goes through both APIs alternately (every request to
 * the other one, as a round-robin load balancer would send them) while the worker that holds the cycle is killed with
 * SIGKILL mid-conference and started again.
 */
describe('Topology: Temporal server on PostgreSQL, two APIs, two workers', () => {
  const suffix = uniqueSuffix();
  const taskQueue = `thidua-topology-${suffix}`;
  // One database pair per run, like every test file's own application database; production uses the script's
  // defaults, temporal and temporal_visibility.
  const temporalDb = `temporal_${suffix}`;
  const visibilityDb = `temporal_visibility_${suffix}`;
  const shared = {
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    COMMAND_SIGNING_KEY: process.env.COMMAND_SIGNING_KEY || randomBytes(32).toString('hex'),
  };
  const jwtSecret = randomBytes(32).toString('hex');
  let dir: string;
  let temporalAddress: string;
  let databaseUrl: string;
  let dataSource: DataSource | undefined;
  let connection: Connection | undefined;
  let client: Client;
  let demo: DemoProvince;
  let server: Proc | undefined;
  const workers: (Proc | undefined)[] = [undefined, undefined];
  /** Every API and worker process started, stopped after the test whatever happened. */
  const started: Proc[] = [];
  const apiUrls: string[] = [];
  let requests = 0;
  /** Round robin over the two APIs, one request each in turn. */
  const roundRobin: HttpTarget = { getHttpServer: () => apiUrls[requests++ % apiUrls.length] };
  let s1: S1Driver;

  const startWorker = async (index: number): Promise<Proc> => {
    const proc = startProcess(process.execPath, [WORKER_ENTRY], {
      ...shared,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
    });
    started.push(proc);
    await waitFor(
      () => proc.output().includes('worker: polling') || proc.child.exitCode !== null,
      `worker ${index}`,
      START_TIMEOUT_MS,
    );
    if (proc.child.exitCode !== null) throw new Error(`worker ${index} exited:\n${proc.output()}`);
    workers[index] = proc;
    return proc;
  };

  const startApi = async (): Promise<void> => {
    const port = await freePort();
    const proc = startProcess(process.execPath, [API_ENTRY], {
      ...shared,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      PORT: String(port),
      // Both APIs sign and check the access tokens with the same key: a token from one is good at the other.
      JWT_SECRET: jwtSecret,
      // One test client logs every account in from one address.
      LOGIN_MAX_PER_MINUTE_PER_IP: '10000',
      // A decision sent while its worker has just died waits for Temporal to hand the cycle to the other worker
      // (the dead worker's sticky queue times out first): longer than the default 10 s before a 202.
      UPDATE_WAIT_SECONDS: '60',
      LOG_LEVEL: 'warn',
    });
    started.push(proc);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`API on ${url} exited:\n${proc.output()}`);
        if (!(await portOpen(port))) return false;
        return (await request(url).get('/v1/health/ready')).status === 200;
      },
      `API ${url} ready`,
      START_TIMEOUT_MS,
    );
    apiUrls.push(url);
  };

  beforeAll(async () => {
    for (const entry of [API_ENTRY, WORKER_ENTRY]) {
      if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first (scripts/test.sh does)`);
    }
    const pg = new URL(requireEnv('TEST_DATABASE_URL'));
    dir = mkdtempSync(path.join(tmpdir(), 'thidua-topology-'));
    const [port] = await freePortBlock(10);
    temporalAddress = `127.0.0.1:${port}`;
    server = startProcess(TEMPORAL_SERVER_SCRIPT, [], {
      TEMPORAL_PORT: String(port),
      TEMPORAL_PG_HOST: pg.hostname,
      TEMPORAL_PG_PORT: pg.port || '5432',
      TEMPORAL_PG_USER: decodeURIComponent(pg.username),
      TEMPORAL_PG_PASSWORD: decodeURIComponent(pg.password),
      TEMPORAL_PG_DATABASE: temporalDb,
      TEMPORAL_PG_VISIBILITY_DATABASE: visibilityDb,
      TEMPORAL_HISTORY_SHARDS: '4',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_SERVER_CONFIG_DIR: dir,
      TEMPORAL_SERVER_LOG_LEVEL: 'warn',
    });
    const serverProc = server;
    await waitFor(
      () => {
        if (serverProc.child.exitCode !== null) throw new Error(`temporal-server.sh exited:\n${serverProc.output()}`);
        return serverProc.output().includes(`temporal server ready ${temporalAddress}`);
      },
      'the Temporal server (schemas, namespace, search attributes)',
      START_TIMEOUT_MS,
    );
    connection = await Connection.connect({ address: temporalAddress });
    client = new Client({
      connection,
      namespace: 'default',
      dataConverter: { payloadCodecs: [new CommandSealCodec({ current: shared.COMMAND_SIGNING_KEY, previous: [] })] },
    });

    databaseUrl = await createTestDatabase();
    dataSource = createDataSource(databaseUrl);
    await dataSource.initialize();
    demo = await seedDemoProvince(dataSource, { provinceCode: `T${suffix.toUpperCase()}` });

    // Sequential: each worker bundles the workflows, which is CPU-bound.
    await startWorker(0);
    await startWorker(1);
    await Promise.all([startApi(), startApi()]);
    await provisionIdentities(
      roundRobin,
      dataSource,
      demo.provinceCode,
      S1_UNITS.map((u) => demo.unit(u.key)),
    );
    s1 = new S1Driver(roundRobin, demo);
  }, 4 * START_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(started.map((p) => p.kill('SIGKILL')));
    await connection?.close();
    await dataSource?.destroy();
    // The script stops the server on SIGTERM; a server that does not stop within 30 s is killed.
    if (server) await Promise.race([server.kill('SIGTERM'), new Promise((r) => setTimeout(r, 30_000).unref())]);
    await server?.kill('SIGKILL');
    if (server) await dropDatabases(requireEnv('TEST_DATABASE_URL'), [temporalDb, visibilityDb]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('given two APIs taking turns and the worker holding the cycle killed mid-year, should complete the year with one verified audit chain and one read model', async () => {
    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.assessAll();
    await s1.waitForPhase(Phase.CONFERENCE);
    await s1.openConference();
    await s1.openBallot();
    for (const ballot of S1_BALLOTS.slice(0, 3)) await s1.castBallot(ballot);

    // The worker that completed the cycle's last workflow task holds it in its cache (its sticky queue): kill that one,
    // so the next vote must be taken over by the other worker through the cycle's history.
    const holder = await lastWorkflowTaskIdentity(client, s1.cycleId);
    const killed = workers.findIndex((w) => w !== undefined && holder?.startsWith(`${w.child.pid}@`));
    expect(killed).toBeGreaterThanOrEqual(0);
    const survivor = workers[1 - killed] as Proc;
    const killedPid = workers[killed]?.child.pid;
    await workers[killed]?.kill('SIGKILL');
    workers[killed] = undefined;

    const requestId = `topology-${randomUUID()}`;
    const afterKill = await s1.castBallot(S1_BALLOTS[3], requestId);
    expect(afterKill.ballot?.voted).toHaveLength(4);
    const acceptedBy = await updateAcceptedBy(client, s1.cycleId, `${castBallotUpdate.name}:${requestId}`);
    expect(acceptedBy).toMatch(new RegExp(`^${survivor.child.pid}@`));
    expect(acceptedBy).not.toMatch(new RegExp(`^${killedPid}@`));

    // The killed worker comes back as a new process and polls the same task queue.
    const restarted = await startWorker(killed);
    await waitFor(
      async () => (await pollerIdentities(client, taskQueue)).some((id) => id.startsWith(`${restarted.child.pid}@`)),
      'the restarted worker to poll',
    );

    for (const ballot of S1_BALLOTS.slice(4)) await s1.castBallot(ballot);
    const closed = await s1.closeBallot();
    expect(closed.minutes?.voteCount.ballotsReturned).toBe(6);
    expect(closed.nextLeader).toBe(s1.u('LDLD'));
    expect(closed.nextDeputy).toBe(s1.u('DTN'));
    await s1.waitForPhase(Phase.SUBMISSION);
    await s1.submitDossier();
    const inAppraisal = await s1.reviewDossier('ACCEPT');
    const voted = await s1.councilVote(await s1.appraiseAll(inAppraisal));
    await s1.decideAll(voted);
    const completed = await s1.waitForPhase(Phase.COMPLETED);
    expect(completed.nominees.map((n) => `${n.award}:${n.unitCode}:${n.status}`).sort()).toEqual(
      [
        `${AwardType.BANG_KHEN_CHU_TICH}:${s1.u('DTN')}:${NomineeStatus.APPROVED}`,
        `${AwardType.BANG_KHEN_CHU_TICH}:${s1.u('HND')}:${NomineeStatus.APPROVED}`,
        `${AwardType.CO_THI_DUA_TINH}:${s1.u('HLHPN')}:${NomineeStatus.APPROVED}`,
      ].sort(),
    );

    // Every request of the year went to the APIs in turn.
    expect(requests).toBeGreaterThan(50);

    // Each API, asked on its own, verifies the same audit chain and answers the same read model.
    const ask = (url: string, route: string, headers: Headers = as.admin()) =>
      request(url)
        .get(route)
        .set(headers)
        .then((res) => {
          if (res.status !== 200) throw new Error(`GET ${url}${route}: ${res.status} ${JSON.stringify(res.body)}`);
          return res.body as Record<string, unknown>;
        });
    const routes = [
      `/v1/cycles/${s1.cycleId}`,
      `/v1/cycles/${s1.cycleId}/timeline`,
      `/v1/units/${s1.u('HLHPN')}/awards`,
      `/v1/units/${s1.u('DTN')}/awards`,
    ];
    const [first, second] = await Promise.all(apiUrls.map((url) => Promise.all(routes.map((route) => ask(url, route)))));
    expect(second).toEqual(first);
    const [cycle, timeline, flag] = first;
    expect(cycle.phase).toBe(Phase.COMPLETED);
    expect((timeline.events as { type: string }[]).filter((e) => e.type === 'BALLOT_CAST')).toHaveLength(6);
    expect(flag.awards).toEqual([expect.objectContaining({ award: AwardType.CO_THI_DUA_TINH, year: 2020 })]);
    const verifications = await Promise.all(apiUrls.map((url) => ask(url, '/v1/audit/verify', as.auditor())));
    for (const verification of verifications) expect(verification).toMatchObject({ ok: true });
    expect(verifications[1]).toEqual(verifications[0]);
  });
});

/** The identity of the worker that completed the workflow's most recent workflow task. */
async function lastWorkflowTaskIdentity(client: Client, workflowId: string): Promise<string | undefined> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const completed = [...events].reverse().find((e) => e.workflowTaskCompletedEventAttributes);
  return completed?.workflowTaskCompletedEventAttributes?.identity ?? undefined;
}

/** The identity of the worker whose workflow task accepted the update (the task completed just before it). */
async function updateAcceptedBy(client: Client, workflowId: string, updateId: string): Promise<string | undefined> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const accepted = events.findIndex(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === updateId,
  );
  if (accepted < 0) return undefined;
  const completed = events
    .slice(0, accepted)
    .reverse()
    .find((e) => e.workflowTaskCompletedEventAttributes);
  return completed?.workflowTaskCompletedEventAttributes?.identity ?? undefined;
}

async function pollerIdentities(client: Client, taskQueue: string): Promise<string[]> {
  const described = await client.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
  });
  return (described.pollers ?? []).map((p) => p.identity ?? '');
}

/** `count` consecutive free ports on 127.0.0.1 (the Temporal server takes ten from its frontend port up). */
async function freePortBlock(count: number): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // Below Linux's ephemeral range (32768 and up), where outgoing connections take their local ports.
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Array.from({ length: count }, (_, i) => base + i);
    const open = await Promise.all(ports.map((p) => portOpen(p)));
    if (open.every((o) => !o)) return ports;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

async function dropDatabases(adminUrl: string, names: string[]): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: adminUrl });
  await admin.initialize();
  try {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}
