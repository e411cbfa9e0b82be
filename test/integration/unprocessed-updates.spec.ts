/**
 * Many people deciding on one workflow at once (a bloc's 25 pledges at 8 o'clock): while an update handler's local
 * activity (the projection) holds a workflow task open, SDK core 1.24 (on Temporal servers 1.29 and 1.32 alike) sometimes drops a
 * newly arrived update, and the server refuses it as "not processed by worker". The API sends such an update again
 * under the same update id (src/api/common/bounded-update.ts): every request is answered, each counted once.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { executeUpdateWithin, unprocessedResends } from '../../src/api/common/bounded-update';
import { requireEnv, uniqueSuffix } from './support/harness';
import { countUpdate, countedQuery } from './support/local-activity-updates.workflow';

const UNITS = 25;
const ROUNDS = 8;

describe('updates refused as unprocessed by the worker are sent again', () => {
  let connection: Connection;
  let client: Client;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `unprocessed-updates-${uniqueSuffix()}`;

  beforeAll(async () => {
    const address = requireEnv('TEST_TEMPORAL_ADDRESS');
    connection = await Connection.connect({ address });
    client = new Client({ connection });
    workerConnection = await NativeConnection.connect({ address });
    worker = await Worker.create({
      connection: workerConnection,
      taskQueue,
      workflowsPath: require.resolve('./support/local-activity-updates.workflow'),
      // The projection's cost: a short write.
      activities: { project: (n: number) => new Promise<number>((resolve) => setTimeout(() => resolve(n), 30)) },
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await workerConnection.close();
    await connection.close();
  });

  it(`answers ${UNITS} simultaneous updates on one workflow, ${ROUNDS} times, each counted once`, async () => {
    const before = unprocessedResends();
    for (let round = 0; round < ROUNDS; round++) {
      const handle = await client.workflow.start('localActivityUpdatesWorkflow', {
        taskQueue,
        workflowId: `unprocessed-updates-${uniqueSuffix()}`,
        args: [UNITS],
      });
      const who = Array.from({ length: UNITS }, (_, i) => `unit-${i}`);
      const answers = await Promise.all(
        who.map((w) => {
          const id = randomUUID();
          return executeUpdateWithin(handle, countUpdate, [w], `count:${id}`, id, 30);
        }),
      );
      // Every answer is a distinct position: nothing was applied twice, nothing lost.
      expect([...answers].sort((a, b) => a - b)).toEqual(who.map((_, i) => i + 1));
      expect([...(await handle.result())].sort()).toEqual([...who].sort());
      expect((await handle.query(countedQuery)).length).toBe(UNITS);
    }
    // How often the server refused one here (0 on a run where the race did not occur).
    console.log(`unprocessed-updates: ${unprocessedResends() - before} update(s) sent again over ${ROUNDS * UNITS}`);
  }, 180_000);
});
