import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { CommandSealCodec } from '../../src/config/command-codec';

/**
 * Replays committed histories of a full S1 cycle against the current workflow code. A change to workflow
 * code that running cycles would see differently must go behind patched(), or this test fails.
 * Add a newer recording with RECORD_HISTORIES=<tag> (see test/integration/s1-cycle.spec.ts) after a
 * deliberate, patched change; never replace the older ones.
 */
const HISTORIES = [
  // v1: recorded before versioned rule sets, ballot rounds and the working-day calendar (patched).
  { file: 'cycle-s1.v1.json', workflowId: 'cycle-s1-v1' },
  { file: 'assessment-s1-mttq.v1.json', workflowId: 'assessment-s1-mttq-v1' },
  // v2: with the working-day calendar marker, before the ballot box (papers still in the vote updates).
  { file: 'cycle-s1.v2.json', workflowId: 'cycle-s1-v2' },
  { file: 'assessment-s1-mttq.v2.json', workflowId: 'assessment-s1-mttq-v2' },
  // v3: the secret ballot box, rounds, eligibility, verified scores.
  { file: 'cycle-s1.v3.json', workflowId: 'cycle-s1-v3' },
  { file: 'assessment-s1-mttq.v3.json', workflowId: 'assessment-s1-mttq-v3' },
  // v4: council score adjustments and the appraisal deadline timer (patched), which fired.
  { file: 'cycle-s1.v4.json', workflowId: 'cycle-s1-v4' },
  { file: 'assessment-s1-mttq.v4.json', workflowId: 'assessment-s1-mttq-v4' },
  // v5: real login (actors carry province and bloc seats), the dossier's submitter; and a cycle whose appraisal ran
  // as an approval chain (patched), with that chain's own history (reminder-free, a return and a resubmission).
  { file: 'cycle-s1.v5.json', workflowId: 'cycle-s1-v5' },
  { file: 'assessment-s1-mttq.v5.json', workflowId: 'assessment-s1-mttq-v5' },
  { file: 'cycle-chain.v5.json', workflowId: 'cycle-chain-v5' },
  { file: 'approval-chain.v5.json', workflowId: 'approval-chain-v5' },
  // v6: every approval step may run as a chain (patched): a cycle whose self-assessments, dossier review, appraisal and
  // leadership approval all ran as chains; a unit's self-assessment decided in two chains (returned, then accepted);
  // the returned one's chain (returns end the chain); and the fixed-step S1 cycle under the same code.
  { file: 'cycle-s1.v6.json', workflowId: 'cycle-s1-v6' },
  { file: 'assessment-s1-mttq.v6.json', workflowId: 'assessment-s1-mttq-v6' },
  { file: 'cycle-all-chains.v6.json', workflowId: 'cycle-all-chains-v6' },
  { file: 'assessment-chain.v6.json', workflowId: 'assessment-chain-v6' },
  { file: 'approval-chain-returned.v6.json', workflowId: 'approval-chain-returned-v6' },
  // v7: the sealed ballot: votes carry only a paper sealed to the teller key, the close the opened papers by receipt.
  { file: 'cycle-s1.v7.json', workflowId: 'cycle-s1-v7' },
  { file: 'assessment-s1-mttq.v7.json', workflowId: 'assessment-s1-mttq-v7' },
  // v8: commands sealed by the API (a sealed start behind patched('sealed-start'), every update sealed), recorded with
  // the replay key below; the Phó khối reviews the Trưởng khối's own sheet; dated steps checked for order. A sealed
  // start names its workflow, so it replays under the id it was recorded with.
  { file: 'cycle-s1.v8.json', workflowId: 'cycle.T93168459.MTTQ-DT.2020' },
  { file: 'assessment-s1-mttq.v8.json', workflowId: 'assessment-s1-mttq-v8' },
  // v9: the RECORD of a past year (behind patched('record-mode')): no deadline timer, every step dated on paper, the
  // pledge phase closed when all had signed; recorded by test/integration/record-mode.spec.ts with the replay key.
  { file: 'cycle-record.v9.json', workflowId: 'cycle.T8441FA13.MTTQ-DT.2020' },
  { file: 'assessment-record-mttq.v9.json', workflowId: 'assessment-record-mttq-v9' },
];

function loadHistory(file: string) {
  return historyFromJSON(JSON.parse(readFileSync(path.join(__dirname, 'histories', file), 'utf8')));
}

/**
 * The worker's command-seal codec, as in production: histories from before seals must replay through it unchanged, and
 * the v8 ones (recorded with COMMAND_SIGNING_KEY set to this key) must verify their sealed start again.
 */
const REPLAY_KEY = 'replay-test-signing-key-'.repeat(2);
const dataConverter = { payloadCodecs: [new CommandSealCodec({ current: REPLAY_KEY })] };

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} };

describe('Replay of committed histories', () => {
  let current: WorkflowBundleWithSourceMap;
  let changed: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    current = await bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: quiet });
    changed = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/changed-workflows'), logger: quiet });
  });

  it.each(HISTORIES)(
    'given the committed history $file, when replayed on the current code, should be deterministic',
    async ({ file, workflowId }) => {
      const history = loadHistory(file);
      expect(history.events?.length).toBeGreaterThan(10);
      await expect(
        Worker.runReplayHistory({ workflowBundle: current, replayName: workflowId, dataConverter }, history, workflowId),
      ).resolves.toBeUndefined();
    },
  );

  it('given a sealed history, when replayed with another signing key, should fail; with that key kept as a previous one, should replay', async () => {
    const history = loadHistory('cycle-s1.v8.json');
    const workflowId = 'cycle.T93168459.MTTQ-DT.2020';
    const rotated = (previous: string[]) => ({
      payloadCodecs: [new CommandSealCodec({ current: 'a-rotated-signing-key-'.repeat(2), previous })],
    });
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: current, replayName: 'rotated', dataConverter: rotated([]) },
        history,
        workflowId,
      ),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
    const kept = rotated([REPLAY_KEY]);
    await expect(
      Worker.runReplayHistory({ workflowBundle: current, replayName: 'kept', dataConverter: kept }, history, workflowId),
    ).resolves.toBeUndefined();
  });

  it('given a full cycle history, when replayed on code that adds a timer before the first step, should fail with a determinism violation', async () => {
    const history = loadHistory('cycle-s1.v4.json');
    await expect(
      Worker.runReplayHistory({ workflowBundle: changed, replayName: 'changed' }, history, 'cycle-s1'),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
