import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { freePort, REPO_ROOT, startProcess, waitFor, type Proc } from './support/processes';
import { S1Driver } from './support/s1-scenario';

const WORKER_ENTRY = path.join(REPO_ROOT, 'dist/src/worker/main.js');

/** The compiled worker (Runtime.install with the pino logger) writes JSON lines; the SDK's workflow logs carry ids. */
describe('Worker logs: JSON lines through the Temporal runtime logger', () => {
  let h: Harness;
  let worker: Proc | undefined;
  let metricsPort = 0;
  const lines = () =>
    (worker?.output() ?? '')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run npm run build first (scripts/test.sh does)`);
    h = await createHarness({ bundle: await bundleWorkflows(), withoutWorker: true });
    metricsPort = await freePort();
    worker = startProcess(process.execPath, [WORKER_ENTRY], {
      DATABASE_URL: h.config.databaseUrl,
      TEMPORAL_ADDRESS: h.config.temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: h.config.temporal.taskQueue,
      COMMAND_SIGNING_KEY: h.config.commandSigning.current,
      LOG_LEVEL: 'debug',
      WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
    });
    await waitFor(() => (worker?.output() ?? '').includes('worker: polling'), 'the worker process to poll');
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await h?.close();
  });

  it('given a cycle started, should log its workflow and activity as JSON with their ids, never a task token or key', async () => {
    const s1 = new S1Driver(h.app, h.demo);
    await s1.start();
    const ofCycle = (l: Record<string, unknown>) => l.workflowId === s1.cycleId;
    await waitFor(
      () => lines().some((l) => ofCycle(l) && l.msg === 'Activity completed'),
      'a workflow log line of the cycle',
      30_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the worker wrote:\n${(worker?.output() ?? '').slice(-3000)}`);
    });
    const polling = lines().find((l) => String(l.msg).startsWith('worker: polling'));
    expect(polling).toMatchObject({ level: 'info', name: 'worker' });
    // npm run build's workflow bundle ran the cycle: the worker did not bundle (nor load webpack) itself.
    expect(String(polling?.msg)).toContain('workflows prebuilt in');
    const started = lines().find((l) => ofCycle(l) && l.msg === 'Workflow started');
    expect(started).toMatchObject({ level: 'debug', runId: expect.any(String), taskQueue: h.config.temporal.taskQueue });
    const activity = lines().find((l) => ofCycle(l) && l.msg === 'Activity completed');
    expect(activity).toMatchObject({ activityType: expect.any(String), workflowRunId: started?.runId, taskToken: '[redacted]' });
    expect(worker?.output()).not.toContain(h.config.commandSigning.current);
  });

  it("given WORKER_METRICS_ADDRESS, should serve the SDK's Prometheus metrics of the task queue it polls", async () => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(new RegExp(`^temporal_\\w+\\{[^}]*task_queue="${h.config.temporal.taskQueue}"`, 'm'));
  });
});
