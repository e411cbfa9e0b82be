import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { requireEnv } from './harness';

/**
 * Records a workflow's history for the replay test (RECORD_HISTORIES=<tag>, e.g. v5) as
 * test/replay/histories/<name>.<tag>.json. Earlier tags stay committed: they are the workflows that ran under
 * older code, which patched() must keep replaying. Exported with the Temporal CLI, whose JSON is the canonical
 * form `historyFromJSON` reads.
 */
export function recordHistory(tag: string, workflowId: string, name: string): void {
  writeHistory(tag, name, showWithCli(workflowId));
}

function writeHistory(tag: string, name: string, json: string): void {
  const dir = path.resolve(__dirname, '../../replay/histories');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.${tag}.json`), json);
}

function showWithCli(workflowId: string): string {
  return execFileSync(
    requireEnv('TEMPORAL_CLI'),
    ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', requireEnv('TEST_TEMPORAL_ADDRESS')],
    { maxBuffer: 64 * 1024 * 1024 },
  ).toString('utf8');
}

/**
 * Through the SDK's client instead of the CLI: the time-skipping test server serves GetWorkflowExecutionHistory but
 * is not at TEST_TEMPORAL_ADDRESS. The same canonical JSON (`historyToJSON` writes what `historyFromJSON` reads).
 */
async function fetchWithClient(client: Client, workflowId: string): Promise<string> {
  return historyToJSON(await client.workflow.getHandle(workflowId).fetchHistory());
}

const SETTLED = new Set([
  'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_FAILED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED',
]);

/**
 * The same, only when RECORD_HISTORIES names a tag: a hook at the end of a test that exercised a branch. Waits (a few
 * seconds at most) for the workflow to settle, ended or idle after a task, so that the recording does not stop inside a
 * step the test did not wait for (e.g. a cancelled chain's last projection).
 */
export async function recordHistoryIfAsked(workflowId: string, name: string, client?: Client): Promise<void> {
  const tag = process.env.RECORD_HISTORIES;
  if (!tag) return;
  const show = () => (client ? fetchWithClient(client, workflowId) : Promise.resolve(showWithCli(workflowId)));
  let json = await show();
  for (let attempt = 1; attempt < 40; attempt++) {
    const events = (JSON.parse(json) as { events: { eventType: string }[] }).events;
    if (SETTLED.has(events[events.length - 1]?.eventType ?? '')) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
    json = await show();
  }
  writeHistory(tag, name, json);
}
