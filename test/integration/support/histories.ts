import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireEnv } from './harness';

/**
 * Records a workflow's history for the replay test (RECORD_HISTORIES=<tag>, e.g. v5) as
 * test/replay/histories/<name>.<tag>.json. Earlier tags stay committed: they are the workflows that ran under
 * older code, which patched() must keep replaying. Exported with the Temporal CLI, whose JSON is the canonical
 * form `historyFromJSON` reads.
 */
export function recordHistory(tag: string, workflowId: string, name: string): void {
  const dir = path.resolve(__dirname, '../../replay/histories');
  mkdirSync(dir, { recursive: true });
  const json = execFileSync(
    requireEnv('TEMPORAL_CLI'),
    ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', requireEnv('TEST_TEMPORAL_ADDRESS')],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  writeFileSync(path.join(dir, `${name}.${tag}.json`), json);
}
