import { allHandlersFinished, CancellationScope, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  acceptedAssessmentStep,
  applyAssessmentEvent,
  chainDecided,
  chainRequest,
  closeRequested,
  deadlinePassed,
  decideAssessmentStep,
  decidedForGood,
  finished,
  openingMachine,
  resultOf,
  sheetEnded,
  sheetOpened,
  timelineData,
  type AssessmentCommands,
  type AssessmentContext,
  type AssessmentEvent,
  type AssessmentFacts,
  type AssessmentStepName,
} from '../domain/cycle/assessment';
import { vietnamDate } from '../domain/working-days';
import type { AssessmentAnswer, AssessmentInput, AssessmentResult, AssessmentState, ProjectedEvent } from '../shared/cycle-types';
import {
  approveAssessmentUpdate,
  assessmentStateQuery,
  closeAssessmentSignal,
  crossScoreUpdate,
  reviewAssessmentUpdate,
  submitAssessmentUpdate,
} from '../shared/messages';
import { parseCycleId } from '../shared/ids';
import { localProjection, projection } from './activities';
import { PATCH_ASSESSMENT_LOCAL_PROJECTION, PATCH_SHEETS_IN_ORDER } from '../shared/patches';
import { approvalAt, itemResult, runCancellableStepChain } from './chain-step';
import { clone, refuse } from './refusal';
import { acceptCloseSignal } from './sealed';
import { scopedUpdates } from './updates';
import { PATCH_RECORD_MODE } from './record-mode';

/**
 * One member unit's self-assessment (tự chấm điểm) within a cycle: the unit prepares and submits scores,
 * its head approves them, an assigned other unit may cross-score them, and the Trưởng khối accepts them,
 * with his own verified scores or as they are, or returns them with a reason for a new round. Each phase
 * keeps its own sheet: the self scores are never changed. A child of the cycle workflow, so the cycle's own
 * history stays bounded however large the bloc is.
 *
 * Where the rule set runs these approvals as a chain (input.chain), each submission opens its own approval chain
 * (child workflow `<this id>.review.<round>`): its levels (e.g. the unit's head, then the Trưởng khối) decide it through
 * /v1/approvals, the fixed approve and review steps are refused, and a return brings new scores through the submit step,
 * which opens the next round's chain. The Trưởng khối's approval verifies the self scores as they are.
 *
 * The sheet's rules live in the pure machine (src/domain/cycle/assessment); this workflow is its shell: it feeds it
 * commands and the clock, applies the events it decides, projects each recorded one, and keeps the deadline's timer,
 * the cycle's close signal and the rounds' approval chains.
 */
export function unitAssessmentWorkflow(input: AssessmentInput): Promise<AssessmentResult> {
  return runSheet(input, { changed: patched, answer: (state) => state, inOrder: () => patched(PATCH_SHEETS_IN_ORDER) });
}

/**
 * The sheet's workflow type (issue 17) started by cycles from `lean-history` until `sheet-projections-in-order`: the
 * same shell with every change made to `unitAssessmentWorkflow` since its release built in. It asks no `patched()`, so
 * its history carries no patch marker and no TemporalChangeVersion upsert (four events of about thirty per sheet), and
 * it receives the criteria without their names, which only the read side shows. A step answers the version it wrote,
 * not the whole sheet: the API answers its caller from the sheet's row, which the step's projection wrote before it
 * answered. It stays as it is for the sheets that run under it.
 */
export function selfAssessmentWorkflow(input: AssessmentInput): Promise<AssessmentResult> {
  return runSheet(input, { changed: () => true, answer: versionWritten, inOrder: () => false });
}

/**
 * The sheet's current workflow type, started by cycles from `sheet-projections-in-order` on: `selfAssessmentWorkflow`
 * whose projections run one at a time, in the order the sheet asked for them (see PATCH_SHEETS_IN_ORDER), so that its
 * history replays whichever of them finished first. Later changes to it go behind its own patches.
 */
export function unitSheetWorkflow(input: AssessmentInput): Promise<AssessmentResult> {
  return runSheet(input, { changed: () => true, answer: versionWritten, inOrder: () => true });
}

const versionWritten = (state: AssessmentState): AssessmentAnswer => ({
  cycleId: state.cycleId,
  unitCode: state.unitCode,
  version: state.version,
});

/**
 * How the types differ: whether a change applies (`patched(id)`, or always), what a step answers, and whether the
 * sheet's projections wait for each other (asked once, before the sheet's first command).
 */
interface SheetType {
  changed: (id: string) => boolean;
  answer: (state: AssessmentState) => AssessmentAnswer;
  inOrder: () => boolean;
}

async function runSheet(input: AssessmentInput, { changed, answer, inOrder }: SheetType): Promise<AssessmentResult> {
  const cycle = parseCycleId(input.cycleId);
  if (!cycle) throw new Error(`not a cycle id: ${input.cycleId}`);
  const projectsInOrder = inOrder();
  const onUpdate = scopedUpdates(cycle.provinceCode);
  // RECORD: no deadline timer; each step carries the day it happened, none before the unit's previous step.
  const record = input.record !== undefined && changed(PATCH_RECORD_MODE) ? input.record : undefined;
  const chain = input.chain;
  const facts: AssessmentFacts = {
    cycleId: input.cycleId,
    provinceCode: cycle.provinceCode,
    year: cycle.year,
    unitCode: input.unitCode,
    unitName: input.unitName,
    seats: {
      memberUnits: input.memberUnits,
      leaderUnit: input.leaderUnit,
      deputyUnit: input.deputyUnit,
      blocCode: cycle.blocCode,
      crossScorers: input.crossScorers ?? [],
    },
    criteria: input.criteria,
    criteriaGroups: input.criteriaGroups,
    chain: chain !== undefined,
    ...(record ? { record } : {}),
  };
  const machine = openingMachine(facts, input.deadline);
  const state = machine.view;
  let chainScope: CancellationScope | undefined;

  /** A validator's dry run asks no patch (it writes nothing); a handler's run asks `patched` where the rules do. */
  const contextFor = (validating = false): AssessmentContext => ({
    facts,
    now: Date.now(),
    today: vietnamDate(new Date()),
    feature: validating ? () => true : changed,
  });

  /** Applies decided events in order; each recorded one reaches the read model, its sentence written there. */
  const run = async (events: AssessmentEvent[]): Promise<void> => {
    for (const event of events) {
      applyAssessmentEvent(machine, event);
      if (event.silent) continue;
      const entry: ProjectedEvent = {
        id: `${workflowInfo().workflowId}:${state.version}`,
        cycleId: input.cycleId,
        occurredAt: new Date().toISOString(),
        phase: input.phase,
        type: event.type,
        actor: event.actor,
        data: timelineData(machine, contextFor(), event),
      };
      // A local activity: the step that waits on it answers without a round trip through the activity queue.
      const project = changed(PATCH_ASSESSMENT_LOCAL_PROJECTION) ? localProjection : projection;
      const args = { state: clone(state), event: entry };
      if (!projectsInOrder) {
        await project.projectAssessment(args);
        continue;
      }
      const turn = projecting.then(() => project.projectAssessment(args));
      projecting = turn.catch(() => undefined);
      await turn;
    }
  };
  /** The projection last asked for (in order: each waits for the one before it, so one is in flight at a time). */
  let projecting: Promise<unknown> = Promise.resolve();
  /** The validator's question (the whole decision, dry) or, once accepted, the handler's (only what the step does). */
  const decided = <K extends AssessmentStepName>(name: K, cmd: AssessmentCommands[K], validating: boolean) => {
    const decision = validating
      ? decideAssessmentStep(machine, name, cmd, contextFor(true))
      : acceptedAssessmentStep(machine, name, cmd, contextFor());
    if (!decision.ok) refuse(decision.code, decision.detail);
    return decision.events;
  };
  const step = <K extends AssessmentStepName>(def: UpdateDefinition<AssessmentAnswer, [AssessmentCommands[K]]>, name: K) =>
    onUpdate(
      def,
      async (cmd: AssessmentCommands[K]) => {
        await run(decided(name, cmd, false));
        return answer(state);
      },
      { validator: (cmd: AssessmentCommands[K]) => void decided(name, cmd, true) },
    );

  // In order, the sheet opens before its steps can reach it: a step that came with the sheet's first task (a busy worker
  // took it late) is decided on the opened sheet, and its projection follows the opening's.
  const opening = projectsInOrder ? run(sheetOpened(contextFor())) : undefined;
  setHandler(assessmentStateQuery, () => state);
  step(submitAssessmentUpdate, 'submitAssessment');
  step(approveAssessmentUpdate, 'approveAssessment');
  step(reviewAssessmentUpdate, 'reviewAssessment');
  step(crossScoreUpdate, 'crossScore');

  setHandler(closeAssessmentSignal, () => {
    if (!acceptCloseSignal(input.deadline, changed)) return;
    for (const event of closeRequested(contextFor())) applyAssessmentEvent(machine, event);
    chainScope?.cancel();
  });

  /** Chain mode: each submission's chain, one after the other, until the sheet is accepted, rejected or closed. */
  const decideInChains = async (config: NonNullable<typeof chain>): Promise<void> => {
    for (;;) {
      await condition(
        () => machine.hidden.closed || state.status === 'ACCEPTED' || (state.status === 'IN_APPROVAL' && allHandlersFinished()),
      );
      if (state.status !== 'IN_APPROVAL' || machine.hidden.closed) return;
      const request = chainRequest(machine, contextFor());
      chainScope = new CancellationScope();
      const result = await runCancellableStepChain(
        {
          chainId: request.chainId,
          definition: config.definition,
          subject: {
            provinceCode: cycle.provinceCode,
            blocCode: cycle.blocCode,
            cycleId: input.cycleId,
            unitCode: input.unitCode,
            title: request.title,
          },
          submittedBy: { userId: request.submittedBy, unitCode: input.unitCode },
          items: [{ itemId: request.itemId, title: request.itemTitle }],
          returnsEndChain: true,
          firstRound: request.round,
          calendar: config.calendar,
          extraDaysOff: config.extraDaysOff,
          cancelReason: request.cancelReason,
        },
        chainScope,
      );
      chainScope = undefined;
      if (!result) return;
      const { item, last } = itemResult(result, request.itemId);
      const unitApproval = approvalAt(result, request.itemId, 0);
      await run(chainDecided(machine, contextFor(), { chainId: request.chainId, status: item.status, last, unitApproval }));
      if (decidedForGood(machine)) return;
    }
  };

  await (opening ?? run(sheetOpened(contextFor())));
  const chains = chain ? decideInChains(chain) : Promise.resolve();

  const done = () => finished(machine);
  const untilDeadline = Math.max(0, Date.parse(input.deadline) - Date.now());
  const doneBeforeDeadline = record ? (await condition(done), true) : await condition(done, untilDeadline);
  if (!doneBeforeDeadline) {
    await run(deadlinePassed(contextFor()));
    await condition(done);
  }
  await chains;
  await condition(allHandlersFinished);
  await run(sheetEnded(machine, contextFor()));
  return resultOf(machine, contextFor());
}
