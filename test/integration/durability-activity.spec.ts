import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { QueryRunner } from 'typeorm';
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import { cycleStateQuery, signPledgeUpdate } from '../../src/shared/messages';
import type { CycleState } from '../../src/shared/cycle-types';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, requireEnv, type Harness } from './support/harness';
import { REPO_ROOT, startProcess, waitFor, type Proc } from './support/processes';
import { S1Driver } from './support/s1-scenario';
import { waitFor as waitForValue } from './support/wait';

const WORKER_ENTRY = path.join(REPO_ROOT, 'dist/src/worker/main.js');
const ACTIVITY_STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

/**
 * A worker SIGKILLed while it runs a projection: the attempt dies inside its transaction, Temporal notices by the
 * heartbeat timeout (the projection never heartbeats, so its attempt lives only that long without a live worker)
 * and the other worker's retry writes the step exactly once. The test holds the cycle's read-model row locked so
 * that the projection is caught mid-transaction, with no hook in the production code.
 *
 * Hang guard, not a timing assertion: the retry starts 6 s after the killed attempt (5 s heartbeat timeout, 1 s retry
 * interval); when the killed worker also held the workflow's sticky queue, the workflow task that takes the result
 * waits 10 s more for the sticky schedule-to-start timeout. Without the heartbeat timeout the retry alone would wait
 * for the 30 s start-to-close, past this test's 30 s jest timeout.
 */
describe('Durability: a worker killed during a projection activity', () => {
  let h: Harness;
  let s1: S1Driver;
  const workers: Proc[] = [];
  let locker: QueryRunner | undefined;

  const startWorker = async (): Promise<Proc> => {
    const proc = startProcess(process.execPath, [WORKER_ENTRY], {
      DATABASE_URL: h.config.databaseUrl,
      TEMPORAL_ADDRESS: h.config.temporal.address,
      TEMPORAL_NAMESPACE: h.config.temporal.namespace,
      TEMPORAL_TASK_QUEUE: h.config.temporal.taskQueue,
      COMMAND_SIGNING_KEY: h.config.commandSigning.current,
    });
    workers.push(proc);
    await waitFor(() => proc.output().includes('worker: polling'), 'the worker process to poll');
    return proc;
  };

  /** The projection's upsert of the cycle's row waits on this lock, inside its transaction. */
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

  /** The cycle's pending projection once its given attempt has started and its upserts wait on the lock. */
  const blockedProjection = (attempt: number) =>
    waitForValue(
      `attempt ${attempt} of the projection to be started and blocked on the lock`,
      async () => {
        const pending = (await h.client.workflow.getHandle(s1.cycleId).describe()).raw.pendingActivities ?? [];
        const activity = pending.find(
          (a) => a.activityType?.name === 'projectCycle' && a.state === ACTIVITY_STARTED && a.attempt === attempt,
        );
        if (!activity) return undefined;
        const waiting: { n: string }[] = await h.dataSource.query(
          `SELECT count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO cycles%'`,
        );
        return Number(waiting[0]?.n) >= attempt ? activity : undefined;
      },
      20_000,
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
    const rows: { version: number }[] = await h.dataSource.query(`SELECT version FROM cycles WHERE id = $1`, [s1.cycleId]);
    expect(rows[0]?.version).toBe((await h.client.workflow.getHandle(s1.cycleId).query(cycleStateQuery)).version);
    expect(await s1.get('/v1/audit/verify', as.auditor())).toMatchObject({ ok: true });
  };

  beforeAll(async () => {
    if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run npm run build first (scripts/test.sh does)`);
    h = await createHarness({
      bundle: await bundleWorkflows(),
      temporalAddress: requireEnv('TEST_TEMPORAL_ADDRESS'),
      withoutWorker: true,
    });
    s1 = new S1Driver(h.app, h.demo);
    // Two workers on the queue before the step: whichever takes the projection is killed, the other one retries it.
    // (Starting a replacement after the kill would add its workflow bundling to the wait.)
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

    await lockCycleRow();

    const requestId = `kill-activity-${randomUUID()}`;
    const headers = { ...as.head(s1.u('MTTQ')), 'x-request-id': requestId };
    const send = () => request(h.app.getHttpServer()).post(`/v1/cycles/${s1.cycleId}/pledges`).set(headers).send({});
    const firstAnswer = send().then((res) => res);

    const running = await blockedProjection(1);
    expect(running.attempt).toBe(1);
    const victim = workers.find((w) => running.lastWorkerIdentity?.startsWith(`${w.child.pid}@`));
    expect(victim).toBeDefined();
    const survivor = workers.find((w) => w !== victim) as Proc;

    await victim?.kill('SIGKILL');
    await unlockCycleRow();

    const updateId = `${signPledgeUpdate.name}:${requestId}`;
    const after = await handle.getUpdateHandle<CycleState>(updateId).result();
    expect(after.pledges[s1.u('MTTQ')]).toBeDefined();
    expect(after.version).toBe(before.version + 1);
    // The first HTTP answer was the result or 202 (no answer in time); the same request id now answers the result.
    expect([200, 202]).toContain((await firstAnswer).status);
    const resent = await send();
    expect(resent.status).toBe(200);
    expect((resent.body as CycleState).version).toBe(after.version);

    // The retry ran on the surviving worker, after the killed attempt.
    const events = (await handle.fetchHistory()).events ?? [];
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityId === running.activityId);
    const sameActivity = (id: unknown) => String(id) === String(scheduled?.eventId);
    const started = events.find((e) => sameActivity(e.activityTaskStartedEventAttributes?.scheduledEventId));
    const completed = events.find((e) => sameActivity(e.activityTaskCompletedEventAttributes?.scheduledEventId));
    expect(completed).toBeDefined();
    // 2 unless the machine stalled past the heartbeat timeout between the describe above and the kill.
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBeGreaterThanOrEqual(2);
    expect(started?.activityTaskStartedEventAttributes?.identity).toMatch(new RegExp(`^${survivor.child.pid}@`));
    expect(running.lastWorkerIdentity).not.toBe(started?.activityTaskStartedEventAttributes?.identity);

    // The step is in the read model exactly once, at the workflow's version, and the audit chain holds.
    await expectRecordedOnce(s1.u('MTTQ'), after.version);
  }, 30_000);

  it('given a projection held on the lock past the heartbeat timeout on a live worker, should record the step once although both attempts run', async () => {
    const handle = h.client.workflow.getHandle(s1.cycleId);
    await lockCycleRow();
    const requestId = `slow-activity-${randomUUID()}`;
    const headers = { ...as.head(s1.u('HCCB')), 'x-request-id': requestId };
    const answer = request(h.app.getHttpServer())
      .post(`/v1/cycles/${s1.cycleId}/pledges`)
      .set(headers)
      .send({})
      .then((r) => r);

    // The first attempt is not dead, only slow: Temporal times it out all the same and starts the second, and both
    // wait on the lock. Released, the late first attempt commits (its result is refused) and the second finds the
    // step already written: the upserts, the event's key and the audit's duplicate guard make it a no-op.
    const second = await blockedProjection(2);
    await unlockCycleRow();

    const after = await handle.getUpdateHandle<CycleState>(`${signPledgeUpdate.name}:${requestId}`).result();
    expect(after.pledges[s1.u('HCCB')]).toBeDefined();
    expect([200, 202]).toContain((await answer).status);
    const events = (await handle.fetchHistory()).events ?? [];
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityId === second.activityId);
    const started = events.find(
      (e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled?.eventId),
    );
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBeGreaterThanOrEqual(2);
    expect(started?.activityTaskStartedEventAttributes?.lastFailure?.timeoutFailureInfo).toBeTruthy();
    await expectRecordedOnce(s1.u('HCCB'), after.version);
  }, 30_000);
});
