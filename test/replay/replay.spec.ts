import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type BundleOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { CommandSealCodec } from '../../src/config/command-codec';
import { VARIANTS } from './fixtures/variants';

/**
 * Replays committed histories of every workflow type against the current workflow code. A change to workflow code that
 * running workflows would see differently must go behind patched(), or this test fails. INVENTORY.md lists each type's
 * timers, children, cancellations and patch branches and the histories that exercise them. Add a newer recording with
 * RECORD_HISTORIES=<tag> (recordHistory / recordHistoryIfAsked in test/integration) after a deliberate, patched change;
 * never replace the older ones.
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
  // v9: the branches no earlier history reached (INVENTORY.md), recorded from the tests that exercise them: an approval
  // chain's reminder, its escalations (to a role, to the Trưởng khối, to the next level), its cancellation, a timer
  // cancelled by a decision that came first, bulk decisions and an admin's reassignment; a cycle
  // whose pledge and self-assessment phases closed by their deadlines; a unit's self-assessment flagged late by its
  // deadline timer, one whose chain was cancelled by the close of the phase, and one that ignored an early close signal.
  V9('approval-chain-reminders'),
  V9('approval-chain-escalated-bloc-leader'),
  V9('approval-chain-escalated-next-level'),
  V9('approval-chain-cancelled'),
  V9('approval-chain-timer-cancelled'),
  V9('approval-chain-bulk'),
  V9('approval-chain-reassigned'),
  V9('cycle-deadlines'),
  V9('assessment-late'),
  V9('assessment-chain-cancelled'),
  V9('assessment-early-close'),
  // v9 also: the RECORD of a past year (behind patched('record-mode')): no deadline timer, every step dated on paper, the
  // pledge phase closed when all had signed; recorded by test/integration/record-mode.spec.ts with the replay key.
  { file: 'cycle-record.v9.json', workflowId: 'cycle.T8441FA13.MTTQ-DT.2020' },
  { file: 'assessment-record-mttq.v9.json', workflowId: 'assessment-record-mttq-v9' },
  // v10: recorded on the code from before the cycle's machine (02bd35e) and replayed on the machine: a tie the Trưởng
  // khối and Phó khối decided, whose conclusion submitted the elected leadership to its chain (patched
  // leadership-approval-chain after the decision's projection); by test/integration/ballot-ties.spec.ts.
  { file: 'cycle-tie-leadership-chain.v10.json', workflowId: 'cycle.ABD3C0480.MTTQ-DT.2020' },
  // v10 also: the deadline branches of v9 again, recorded on Temporal's time-skipping test server by
  // test/timeskip/deadlines.spec.ts (realistic deadlines, server time skipped) with the replay key: a cycle whose pledge
  // and self-assessment phases closed by their deadlines, a unit's self-assessment flagged late by its deadline timer
  // (submitted, never approved), an approval chain's reminder and escalation to the board head in working days, and its
  // escalations to the Trưởng khối and to the next level. The test server leaves the start event's workflow id out,
  // so each is named here.
  { file: 'cycle-deadlines.v10.json', workflowId: 'cycle.TD52E6AA7.MTTQ-DT.2020' },
  { file: 'assessment-late.v10.json', workflowId: 'cycle.TD52E6AA7.MTTQ-DT.2020.assessment.TD52E6AA7-HCCB' },
  { file: 'approval-chain-reminders.v10.json', workflowId: 'approval.T0B5BEFAA.9c8b603b-e1c2-4594-b709-f94a5d787a7a' },
  {
    file: 'approval-chain-escalated-bloc-leader.v10.json',
    workflowId: 'approval.TD52E6AA7.7060fe91-d061-4e6a-9b03-1bdfaf001403',
  },
  {
    file: 'approval-chain-escalated-next-level.v10.json',
    workflowId: 'approval.TD52E6AA7.81abdcad-39af-44a4-b2d3-cbb3792b5b6d',
  },
  // v11 (issue 17): the cycle's projection ships deltas as a local activity (patch projection-delta-local), the unit's
  // self-assessment projection is a local activity (patch assessment-local-projection), and the cycle's steps answer
  // the version they wrote instead of the whole view.
  { file: 'cycle-s1.v11.json', workflowId: 'cycle.T6BAE6DB4.MTTQ-DT.2020' },
  { file: 'assessment-s1-mttq.v11.json', workflowId: 'cycle.T6BAE6DB4.MTTQ-DT.2020.assessment.T6BAE6DB4-MTTQ' },
  // v11: the province's award round (issue 15), recorded by test/integration/province-round.spec.ts with the replay key:
  // the round itself (a session adjourned below quorum, two decisions, the Cờ CP returned and decided centrally); a
  // cycle the round's opening gathered (handToRound update, outcomes read from the round's projection); and a cycle that
  // handed itself over when its dossier was accepted (behind patched('province-round-handoff')).
  recorded('province-round', 'v11'),
  recorded('cycle-round-gathered', 'v11'),
  recorded('cycle-round-handoff', 'v11'),
  // v12: the same round after patch round-projection-delta (each step projects only the items it changed and answers
  // its version), recorded by the same test.
  recorded('province-round', 'v12'),
  // v13: the cycle's projections in batches (patch projection-batch: one local activity projectCycleSteps for the events
  // that met while the previous batch was written), six pledges at once, recorded by projection-batch.spec.ts.
  recorded('cycle-batched-pledges', 'v13'),
  // v14: patch lean-history: the units' sheets run as selfAssessmentWorkflow (no patch markers or upserts, criteria
  // without names) and the cycle returns its summary; recorded by s1-cycle.spec.ts.
  recorded('cycle-s1', 'v14'),
  recorded('assessment-s1-mttq', 'v14'),
  // v15: patch sheet-projections-in-order: the units' sheets run as unitSheetWorkflow (opened before any step reaches
  // them, projections one at a time; test/integration/sheet-first-task.spec.ts); recorded by s1-cycle.spec.ts.
  recorded('cycle-s1', 'v15'),
  recorded('assessment-s1-mttq', 'v15'),
  // v15 also: a sheet whose first workflow task carried the unit's submit (its worker took the task late), as
  // unitSheetWorkflow and as unitAssessmentWorkflow behind the patch; recorded running by sheet-first-task.spec.ts.
  recorded('sheet-first-task', 'v15'),
  recorded('assessment-first-task', 'v15'),
];

function loadHistory(file: string): History {
  return historyFromJSON(JSON.parse(readFileSync(path.join(__dirname, 'histories', file), 'utf8')));
}

/** A v9 recording, replayed under the id it ran with (its start event names it; sealed starts check it). */
function V9(name: string): { file: string; workflowId: string } {
  return recorded(name, 'v9');
}

/** A recording with its tag, replayed under the id its start event names. */
function recorded(name: string, tag: string): { file: string; workflowId: string } {
  const file = `${name}.${tag}.json`;
  const workflowId = loadHistory(file).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowId;
  if (!workflowId) throw new Error(`${file} names no workflow id`);
  return { file, workflowId };
}

/**
 * The worker's command-seal codec, as in production: histories from before seals must replay through it unchanged, and
 * the v8 and later ones (recorded with COMMAND_SIGNING_KEY set to this key) must verify their sealed start again.
 */
const REPLAY_KEY = 'replay-test-signing-key-'.repeat(2);
const dataConverter = { payloadCodecs: [new CommandSealCodec({ current: REPLAY_KEY })] };

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} };

/** webpack's configuration, as the SDK's bundler hands it to the hook. */
type Configuration = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/**
 * Replay needs the workflow code, not a debugger's source maps: without the loader that reads every dependency's own
 * source map, and with line-only maps that carry no sources, a bundle builds in about half the time and loads faster
 * (the worker still requires an inline map).
 */
const forReplay = (config: Configuration): Configuration => ({
  ...config,
  devtool: 'inline-nosources-cheap-source-map',
  module: {
    ...config.module,
    rules: (config.module?.rules ?? []).filter((rule) => !JSON.stringify(rule).includes('source-map-loader')),
  },
});

function bundleCurrent(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../src/workflows'),
    logger: quiet,
    webpackConfigHook: forReplay,
  });
}

/**
 * The variant bundle: fixtures/changed-workflows.ts as the workflows, with two workflow-side modules swapped by webpack
 * alias for their deliberately incompatible copies in fixtures/mid-run (an exact-match alias: the copies import the
 * folder's own files, which it does not catch). One bundle serves every negative control, so the test bundles twice.
 */
function bundleVariants(): Promise<WorkflowBundleWithSourceMap> {
  const src = path.resolve(__dirname, '../../src');
  const swapped: Record<string, string> = {
    [`${path.join(src, 'workflows/activities')}$`]: require.resolve('./fixtures/mid-run/activities'),
    [`${path.join(src, 'domain/approval')}$`]: require.resolve('./fixtures/mid-run/approval'),
  };
  return bundleWorkflowCode({
    workflowsPath: require.resolve('./fixtures/changed-workflows'),
    logger: quiet,
    webpackConfigHook: (config) => {
      const lean = forReplay(config);
      return {
        ...lean,
        resolve: { ...lean.resolve, alias: { ...(lean.resolve?.alias as Record<string, string | false>), ...swapped } },
      };
    },
  });
}

type HistoryEvent = NonNullable<History['events']>[number];
type Replay = { history: History; workflowId: string };

/**
 * Replays histories one after the other on a single replay worker (one worker per history costs more than most
 * replays): the error of each, undefined where it replayed.
 */
async function replayAll(workflowBundle: WorkflowBundleWithSourceMap, replays: Replay[]): Promise<(Error | undefined)[]> {
  const errors: (Error | undefined)[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: 'replay', dataConverter }, replays)) {
    errors.push(result.error);
  }
  if (errors.length !== replays.length) throw new Error(`${errors.length} results for ${replays.length} histories`);
  return errors;
}

/** The input of a scheduled activity of this type, or undefined for any other event. */
function activityInput<T>(event: HistoryEvent, activityType: string): T | undefined {
  const scheduled = event.activityTaskScheduledEventAttributes;
  const payload = scheduled?.input?.payloads?.[0];
  if (scheduled?.activityType?.name !== activityType || !payload) return undefined;
  return defaultPayloadConverter.fromPayload<T>(payload);
}

/**
 * The history up to the start of the workflow task that issued event `index`: that task's commands are the last, and a
 * replay does not compare the commands of an unfinished task. A variant that changes the command at `index` replays
 * this prefix; the whole history shows whether it fails at that step.
 */
function cutBefore(history: History, index: number): History {
  const events = history.events ?? [];
  let start = index;
  while (start >= 0 && !events[start]?.workflowTaskStartedEventAttributes) start--;
  return { ...history, events: events.slice(0, start + 1) };
}

const projected = (e: HistoryEvent, activityType: string, events: readonly string[]) => {
  const type = activityInput<{ event: { type: string } }>(e, activityType)?.event.type;
  return type !== undefined && events.includes(type);
};
const chainLog = (e: HistoryEvent) =>
  activityInput<{ log: { type: string; actor?: { userId: string } }[] }>(e, 'projectChain')?.log ?? [];

/**
 * The negative controls that change a command in the middle of a run (fixtures/variants.ts), at least one per workflow
 * type, on the branches the v9 recordings added too: each history, the id it replays under, and the first event the
 * variant issues differently.
 */
const MID_RUN_CONTROLS: { type: string; file: string; workflowId: string; changedAt: (e: HistoryEvent) => boolean }[] = [
  {
    type: 'cycle',
    file: 'cycle-s1.v8.json',
    workflowId: 'cycle.T93168459.MTTQ-DT.2020',
    changedAt: (e) => projected(e, 'projectCycle', VARIANTS.cycleTimerBeforeEvents),
  },
  {
    type: 'cycle (pledge deadline fired, late units closed)',
    ...V9('cycle-deadlines'),
    changedAt: (e) => projected(e, 'projectCycle', VARIANTS.cycleTimerBeforeEvents),
  },
  {
    type: 'unit self-assessment',
    file: 'assessment-s1-mttq.v8.json',
    workflowId: 'assessment-s1-mttq-v8',
    changedAt: (e) => projected(e, 'projectAssessment', VARIANTS.assessmentTimerBeforeEvents),
  },
  {
    type: 'unit self-assessment (deadline fired)',
    ...V9('assessment-late'),
    changedAt: (e) => projected(e, 'projectAssessment', VARIANTS.assessmentTimerBeforeEvents),
  },
  {
    type: 'approval chain (reminder fired)',
    ...V9('approval-chain-reminders'),
    changedAt: (e) => chainLog(e).some((l) => l.type === VARIANTS.chainTimerOnReminder),
  },
  {
    type: 'approval chain (cancelled)',
    ...V9('approval-chain-cancelled'),
    changedAt: (e) => chainLog(e).some((l) => l.type === 'ITEM_WITHDRAWN' && l.actor?.userId === VARIANTS.system),
  },
];

describe('Replay of committed histories', () => {
  let current: WorkflowBundleWithSourceMap;
  let onCurrent: (Error | undefined)[];
  let onVariants: (Error | undefined)[];
  /** The variant replays, in order: the start control, then per mid-run control the cut, the step and the whole. */
  const startControl: Replay = { history: loadHistory('cycle-s1.v4.json'), workflowId: VARIANTS.startTimerWorkflowId };
  const midRun = MID_RUN_CONTROLS.map((control) => {
    const history = loadHistory(control.file);
    const events = history.events ?? [];
    const at = events.findIndex(control.changedAt);
    return { ...control, history, at, before: cutBefore(history, at), through: { ...history, events: events.slice(0, at + 1) } };
  });
  const olderChains = HISTORIES.filter((h) => /^approval-chain.*\.v[5-8]\.json$/.test(h.file));

  beforeAll(async () => {
    current = await bundleCurrent();
    const variants = await bundleVariants();
    onCurrent = await replayAll(
      current,
      HISTORIES.map(({ file, workflowId }) => ({ history: loadHistory(file), workflowId })),
    );
    onVariants = await replayAll(variants, [
      startControl,
      ...midRun.flatMap(({ history, before, through, workflowId }) =>
        [before, through, history].map((h) => ({ history: h, workflowId })),
      ),
      ...olderChains.map(({ file, workflowId }) => ({ history: loadHistory(file), workflowId })),
    ]);
  });

  it.each(HISTORIES.map((h, index) => ({ ...h, index })))(
    'given the committed history $file, when replayed on the current code, should be deterministic',
    ({ file, index }) => {
      expect(loadHistory(file).events?.length).toBeGreaterThan(10);
      expect(onCurrent[index]).toBeUndefined();
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

  it('given a full cycle history, when replayed on code that adds a timer before the first step, should fail with a determinism violation', () => {
    expect(onVariants[0]).toBeInstanceOf(DeterminismViolationError);
  });

  it.each(midRun.map((control, index) => ({ ...control, index })))(
    'given the $type history $file, when replayed on code that issues one more command at a step in the middle of the run, should replay up to that step and fail at it',
    ({ at, before, index }) => {
      // Well past the start: several workflow tasks of the released commands come before the changed one.
      expect(at).toBeGreaterThan(10);
      expect((before.events ?? []).filter((e) => e.workflowTaskCompletedEventAttributes).length).toBeGreaterThanOrEqual(3);
      const [cut, step, whole] = onVariants.slice(1 + 3 * index, 4 + 3 * index);
      expect(cut).toBeUndefined();
      // The same history, up to the changed step's own event, fails: the failure is at that step, not before it.
      expect(step).toBeInstanceOf(DeterminismViolationError);
      expect(whole).toBeInstanceOf(DeterminismViolationError);
    },
  );

  it('given the approval-chain histories recorded before v9, when replayed on the variant whose reminders and cancellation differ, should replay: only the v9 recordings guard those paths', () => {
    expect(olderChains.map((h) => h.file)).toEqual(['approval-chain.v5.json', 'approval-chain-returned.v6.json']);
    expect(onVariants.slice(1 + 3 * midRun.length)).toEqual(olderChains.map(() => undefined));
  });
});
