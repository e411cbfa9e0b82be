import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { QueryRunner } from 'typeorm';
import request from 'supertest';
import { cycleStateQuery, signPledgeUpdate } from '../../src/shared/messages';
import type { CycleState, CycleStepAnswer } from '../../src/shared/cycle-types';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, requireEnv, type Harness } from './support/harness';
import { REPO_ROOT, startProcess, waitFor, type Proc } from './support/processes';
import { S1Driver } from './support/s1-scenario';
import { waitFor as waitForValue } from './support/wait';

const WORKER_ENTRY = path.join(REPO_ROOT, 'dist/src/worker/main.js');

/**
 * A worker SIGKILLed while it runs a projection: the cycle's projection is a local activity (patch
 * projection-delta-local), run by the worker that holds the workflow task, so the attempt dies with that task; Temporal
 * times the task out and the other worker's replay runs the projection again, which writes the step exactly once. The
 * test holds the cycle's read-model row locked so that the projection is caught mid-transaction, with no hook in the
 * production code; each worker names its connections (PGAPPNAME), so the lock waiter names the worker running it.
 *
 * Hang guard, not a timing assertion: the retry runs after the killed worker's workflow task times out (10 s) and the
 * survivor picks the task up.
 */
describe('Durability: a worker killed during a projection activity', () => {
  let h: Harness;
  let s1: S1Driver;
  const workers: Proc[] = [];
  let locker: QueryRunner | undefined;

  const startWorker = async (): Promise<Proc> => {
    const name = `durability-worker-${workers.length + 1}`;
    const proc = startProcess(process.execPath, [WORKER_ENTRY], {
      DATABASE_URL: h.config.databaseUrl,
      TEMPORAL_ADDRESS: h.config.temporal.address,
      TEMPORAL_NAMESPACE: h.config.temporal.namespace,
      TEMPORAL_TASK_QUEUE: h.config.temporal.taskQueue,
      COMMAND_SIGNING_KEY: h.config.commandSigning.current,
      PGAPPNAME: name,
    });
    workers.push(proc);
    names.set(name, proc);
    await waitFor(() => proc.output().includes('worker: polling'), 'the worker process to poll');
    return proc;
  };
  const names = new Map<string, Proc>();

  /** The projection's lock of the cycle's row waits on this lock, inside its transaction. */
  const lockCycleRow = async () => {
    locker = h.dataSource.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    await locker.query(`SELECT id FROM cycles WHERE id = $1 FOR UPDATE`, [s1.cycleId]);
  };
  const unlockCycleRow = async () => {
    await locker?.rollbackTransaction();
    await locker?.release();
    locker = undefined;
  };

  /** The workers' connections waiting on the cycle row's lock (one per running projection attempt). */
  const blockedProjections = (attempts: number) =>
    waitForValue(
      `${attempts} projection attempt(s) blocked on the lock`,
      async () => {
        const waiting: { app: string }[] = await h.dataSource.query(
          `SELECT application_name AS app FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM cycles WHERE id%FOR UPDATE%'`,
        );
        return waiting.length >= attempts ? waiting.map((w) => w.app) : undefined;
      },
      30_000,
    );

  /** The step's timeline entry, event row and audit entry each exist once, at the workflow's version; the chain holds. */
  const expectRecordedOnce = async (unit: string, version: number) => {
    const eventId = `${s1.cycleId}:${version}`;
    const timeline = (await s1.get(`/v1/cycles/${s1.cycleId}/timeline`)).events as { type: string; data?: unknown }[];
    expect(
      timeline.filter((e) => e.type === 'PLEDGE_SIGNED' && JSON.stringify(e.data) === JSON.stringify({ unitCode: unit })),
    ).toHaveLength(1);
    const count = async (table: string, column: string): Promise<number> =>
      Number((await h.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [eventId]))[0]?.n);
    expect(await count('cycle_events', 'id')).toBe(1);
    expect(await count('audit_log', 'event_id')).toBe(1);
    const rows: { version: number; state: CycleState }[] = await h.dataSource.query(
      `SELECT version, state FROM cycles WHERE id = $1`,
      [s1.cycleId],
    );
    const workflowView = await h.client.workflow.getHandle(s1.cycleId).query(cycleStateQuery);
    expect(rows[0]?.version).toBe(workflowView.version);
    // The read model's view, merged from deltas, is the workflow's.
    expect(rows[0]?.state).toEqual(JSON.parse(JSON.stringify(workflowView)));
    expect(await s1.get('/v1/audit/verify', as.auditor())).toMatchObject({ ok: true });
  };

  /** The local activity's markers in the history: one per projection that completed. */
  const projectionMarkers = async () =>
    ((await h.client.workflow.getHandle(s1.cycleId).fetchHistory()).events ?? []).filter(
      (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    ).length;

  beforeAll(async () => {
    if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run npm run build first (scripts/test.sh does)`);
    h = await createHarness({
      bundle: await bundleWorkflows(),
      temporalAddress: requireEnv('TEST_TEMPORAL_ADDRESS'),
      withoutWorker: true,
    });
    s1 = new S1Driver(h.app, h.demo);
    await Promise.all([startWorker(), startWorker()]);
    await s1.start();
    await s1.launch();
  }, 120_000);

  afterAll(async () => {
    await unlockCycleRow();
    for (const w of workers) await w.kill('SIGKILL');
    await h?.close();
  });

  it('given the cycle row locked mid-projection, when the worker running it is killed, should record the step exactly once from the retry', async () => {
    const handle = h.client.workflow.getHandle(s1.cycleId);
    const before = await handle.query(cycleStateQuery);
    const markersBefore = await projectionMarkers();

    await lockCycleRow();

    const requestId = `kill-activity-${randomUUID()}`;
    const headers = { ...as.head(s1.u('MTTQ')), 'x-request-id': requestId };
    const send = () => request(h.app.getHttpServer()).post(`/v1/cycles/${s1.cycleId}/pledges`).set(headers).send({});
    const firstAnswer = send().then((res) => res);

    const [runner] = await blockedProjections(1);
    const victim = names.get(runner ?? '');
    expect(victim).toBeDefined();

    await victim?.kill('SIGKILL');
    await unlockCycleRow();

    const updateId = `${signPledgeUpdate.name}:${requestId}`;
    const after = await waitForValue(
      'the pledge to be answered after the worker died',
      () =>
        handle
          .getUpdateHandle<CycleStepAnswer>(updateId)
          .result()
          .catch(() => undefined),
      60_000,
    );
    expect(after.version).toBe(before.version + 1);
    expect((await handle.query(cycleStateQuery)).pledges[s1.u('MTTQ')]).toBeDefined();
    expect([200, 202, 503]).toContain((await firstAnswer).status);
    const resent = await send();
    expect(resent.status).toBe(200);
    expect((resent.body as CycleState).version).toBe(after.version);

    // One projection more in the history: the killed attempt left no marker, the survivor's replay ran it once.
    expect(await projectionMarkers()).toBe(markersBefore + 1);

    // The step is in the read model exactly once, at the workflow's version, and the audit chain holds.
    await expectRecordedOnce(s1.u('MTTQ'), after.version);
  }, 90_000);

  it('given a projection held on the lock past its attempt timeout on a live worker, should record the step once although both attempts run', async () => {
    const handle = h.client.workflow.getHandle(s1.cycleId);
    await lockCycleRow();
    const requestId = `slow-activity-${randomUUID()}`;
    const headers = { ...as.head(s1.u('HCCB')), 'x-request-id': requestId };
    const answer = request(h.app.getHttpServer())
      .post(`/v1/cycles/${s1.cycleId}/pledges`)
      .set(headers)
      .send({})
      .then((r) => r);

    // The first attempt is not dead, only slow: the worker times it out all the same (10 s) and starts the second, and
    // both wait on the lock. Released, the late first attempt commits (its result is dropped) and the second finds the
    // step already written: the version guard, the event's key and the audit's duplicate guard make it a no-op.
    await blockedProjections(2);
    await unlockCycleRow();

    const after = await waitForValue(
      'the pledge to be answered',
      () =>
        handle
          .getUpdateHandle<CycleStepAnswer>(`${signPledgeUpdate.name}:${requestId}`)
          .result()
          .catch(() => undefined),
      60_000,
    );
    expect((await handle.query(cycleStateQuery)).pledges[s1.u('HCCB')]).toBeDefined();
    expect([200, 202]).toContain((await answer).status);
    await expectRecordedOnce(s1.u('HCCB'), after.version);
  }, 90_000);
});
