import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { BLOC_SA, PHASE_SA, PROVINCE_SA, YEAR_SA } from '../../../src/shared/search-attributes';
import { createHarness, type Harness } from '../../integration/support/harness';
import { setServerAhead } from './server-clock';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';

/**
 * Temporal's Java time-skipping test server, started by the SDK from an existing executable: scripts/test.sh
 * resolves it once into the tools cache and exports TEMPORAL_TEST_SERVER; without it (a targeted run), the same
 * script is asked for it here, before the SDK's 5 s start limit applies.
 *
 * The server starts with time skipping locked: its clock runs in real time until `env.sleep(d)` unlocks it, which
 * jumps over idle stretches (firing the timers due on the way, running their workflow tasks and activities) until the
 * clock has moved by `d`, then locks it again. So a test decides exactly when server time moves, and what the worker
 * does after a sleep happens at the new server time. While a client waits on an update's result, time is not skipped,
 * which is harmless here: the API's updates answer within a workflow task.
 */
export function testServerExecutable(): string {
  if (process.env.TEMPORAL_TEST_SERVER) return process.env.TEMPORAL_TEST_SERVER;
  const script = path.resolve(__dirname, '../../../scripts/temporal-test-server.sh');
  return execFileSync(script, ['--path'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

const { IndexedValueType } = temporal.api.enums.v1;
const INDEXED_TYPE: Partial<Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType>> = {
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
};

/**
 * The SDK gives the server 5 s to answer. The cached wrapper starts it in about a second (class archive, C1 only), but
 * a JVM on a loaded 2-core machine may miss that once: a second and third try, each on a fresh port.
 */
async function startServer(): Promise<TestWorkflowEnvironment> {
  const executable = testServerExecutable();
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: executable } },
      });
    } catch (err) {
      if (attempt >= 3 || !/did not start within/.test(String(err))) throw err;
      console.warn(`the time-skipping test server did not answer in time (try ${attempt} of 3); starting it again`);
    }
  }
}

export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await startServer();
  // The test server refuses a start whose search attributes it does not know (the API starts cycles with them).
  const searchAttributes: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const key of [PROVINCE_SA, BLOC_SA, YEAR_SA, PHASE_SA]) {
    const type = INDEXED_TYPE[key.type];
    if (type === undefined) throw new Error(`no indexed type for search attribute ${key.name}`);
    searchAttributes[key.name] = type;
  }
  await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes });
  return env;
}

/** A harness (its own database, province and task queue, the API in process) whose worker runs on the test server. */
export function createTimeSkippingHarness(env: TestWorkflowEnvironment, bundle: WorkflowBundleWithSourceMap): Promise<Harness> {
  return createHarness({
    bundle,
    temporalAddress: env.address,
    workerConnection: env.nativeConnection,
  });
}

/** Moves server time forward to `instant` (ISO), skipping over idle time; refuses to go back. */
export async function skipTo(env: TestWorkflowEnvironment, instant: string): Promise<void> {
  const target = Date.parse(instant);
  const now = await env.currentTimeMs();
  if (Number.isNaN(target)) throw new Error(`not an instant: ${instant}`);
  if (target < now) throw new Error(`cannot skip back: server time ${new Date(now).toISOString()} is after ${instant}`);
  await env.sleep(target - now);
  setServerAhead((await env.currentTimeMs()) - Date.now());
}

/** Server time, ISO. */
export async function serverNow(env: TestWorkflowEnvironment): Promise<string> {
  return new Date(await env.currentTimeMs()).toISOString();
}
