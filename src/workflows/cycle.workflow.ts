import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  ParentClosePolicy,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { crossScorersOf } from '../domain/scores';
import { vietnamDate } from '../domain/working-days';
import {
  NomineeStatus,
  Phase,
  type AssessmentResult,
  type CycleInput,
  type CycleState,
  type CycleSummary,
  type CycleStepAnswer,
  type CycleStepResult,
  type AppraisalState,
  type DossierState,
  type ProjectedEvent,
  type ProjectedStep,
} from '../shared/cycle-types';
import { assessmentWorkflowId } from '../shared/ids';
import {
  approveAppraisalUpdate,
  appraiseUpdate,
  castBallotUpdate,
  closeAssessmentSignal,
  closeBallotUpdate,
  closePledgesUpdate,
  closeSelfAssessmentUpdate,
  approveLeadershipUpdate,
  decideTieUpdate,
  councilVoteUpdate,
  cycleStateQuery,
  decideUpdate,
  handToRoundUpdate,
  launchUpdate,
  openBallotUpdate,
  openConferenceUpdate,
  restartBallotUpdate,
  reviewDossierUpdate,
  roundMovedSignal,
  sealedPapersQuery,
  signPledgeUpdate,
  submitDossierUpdate,
  updateRuleSetsUpdate,
} from '../shared/messages';
import { PHASE_SA } from '../shared/search-attributes';
import { localProjection, projection, roundReads } from './activities';
import type { ApprovalChainInput, ChainDefinition } from '../shared/approval';
import { selfAssessmentWorkflow, unitAssessmentWorkflow, unitSheetWorkflow } from './assessment.workflow';
import { itemResult, runStepChain } from './chain-step';
import { clone, refuse } from './refusal';
import { requireSealedStart } from './sealed';
import { scopedUpdates } from './updates';
import { PATCH_RECORD_MODE } from './record-mode';
import { acceptedStep, applyEvent, decideStep } from '../domain/cycle/machine';
import { guardEnvOf, tieDecided } from '../domain/cycle/conference';
import type { CycleEvent } from '../domain/cycle/events';
import type { CycleCommands } from '../domain/cycle/commands';
import type { CycleContext, StepName } from '../domain/cycle/types';
import type { UpdateDefinition } from '@temporalio/common';
import { conferenceRules as conferenceRulesIn, nomineesIn, rulesOn as rulesIn } from '../domain/cycle/common';
import { CycleRefusal } from '../domain/cycle/refusal';
import { allSigned, pledgeClosed, pledgeCloseDay } from '../domain/cycle/pledge';
import { assessmentFinished, selfAssessmentClosed } from '../domain/cycle/self-assessment';
import {
  DOSSIER_ITEM,
  dossierChainOutcome,
  dossierChainTitles,
  dossierReviewChain,
  dossierReviewUnavailable,
} from '../domain/cycle/dossier';
import { appraisalChainCompleted, appraisalChainTitles, appraisalOverdue } from '../domain/cycle/appraisal';
import { DEPUTY_SEAT, LEADER_SEAT, leadershipChainOutcome, leadershipChainTitles } from '../domain/cycle/leadership';
import { cycleCompleted, cycleStarted, startCycle, submissionOpened } from '../domain/cycle/lifecycle';
import {
  PATCH_APPRAISAL_DEADLINE_TIMER,
  PATCH_LEAN_HISTORY,
  PATCH_SHEETS_IN_ORDER,
  PATCH_PROJECTION_BATCH,
  PATCH_PROJECTION_DELTA,
  PATCH_ROUND_HANDOFF,
  PATCH_SELF_ASSESSMENT_CHAIN,
} from '../shared/patches';
import { ViewTracker } from '../shared/view-delta';
import { handedToRound, mayHandOver, roundOutcomes } from '../domain/cycle/round';
import { cycleHandedOverSignal } from '../shared/round-messages';

/** Change ids for patched() (src/shared/patches.ts): each guards a change that running cycles must not see differently on replay. */
export {
  PATCH_APPRAISAL_CHAIN,
  PATCH_APPRAISAL_DEADLINE_TIMER,
  PATCH_DOSSIER_REVIEW_CHAIN,
  PATCH_GOVERNMENT_FLAG_CANDIDACY,
  PATCH_LEADERSHIP_CHAIN,
  PATCH_ROUND_HANDOFF,
  PATCH_SELF_ASSESSMENT_CHAIN,
  PATCH_WORKING_DAY_CALENDAR,
} from '../shared/patches';
export { PATCH_RECORD_MODE } from './record-mode';

/**
 * A bloc's annual emulation cycle (one workflow per bloc and year), from the launch to the chairman's
 * decision. Every human step is an Update whose validator checks actor, phase and payload, so a refused
 * request leaves no trace in history; each accepted step is projected to PostgreSQL before it answers.
 */
export async function cycleWorkflow(sealedInput: CycleInput): Promise<CycleState | CycleSummary> {
  const input = requireSealedStart(sealedInput, sealedInput.startedBy);
  // RECORD: a past year entered from its papers. No timer closes a phase or flags a unit; each step carries its date.
  const recordMode = input.mode === 'RECORD' && patched(PATCH_RECORD_MODE);
  const onUpdate = scopedUpdates(input.provinceCode);
  // The cycle's rules live in the pure machine (src/domain/cycle); this workflow is its shell: it feeds it commands
  // and the clock, applies the events it decides, projects each recorded one and runs the timers and children.
  const { machine, facts } = startCycle(input, recordMode);
  const { view: state, hidden } = machine;
  const memberCodes = facts.memberCodes;
  /** A validator's dry run asks no patch (it writes nothing); a handler's run asks `patched` where the rules do. */
  const contextFor = (validating: boolean): CycleContext => ({
    facts,
    now: Date.now(),
    today: vietnamDate(new Date()),
    feature: validating ? () => true : (id) => patched(id),
  });

  const nowIso = () => new Date().toISOString();
  const today = () => vietnamDate(new Date());
  const snapshot = (): CycleState => clone(state);
  const views = new ViewTracker();

  /** Applies decided events in order: each phase change reaches the search attribute, each recorded event the read model. */
  const run = async (events: CycleEvent[]): Promise<void> => {
    // Batches (patch projection-batch): every recorded event of the step is queued with its delta, then shipped at once.
    // Asked where the delta patch was first asked before batches, so older histories replay their commands in order.
    let batched: boolean | undefined;
    for (const event of events) {
      const phase = state.phase;
      applyEvent(machine, event);
      if (state.phase !== phase) upsertSearchAttributes([{ key: PHASE_SA, value: state.phase }]);
      if (event.silent) continue;
      const on = hidden.lastRecordedOn;
      const entry: ProjectedEvent = {
        id: `${workflowInfo().workflowId}:${state.version}`,
        cycleId: input.cycleId,
        occurredAt: nowIso(),
        phase: state.phase,
        type: event.type,
        actor: event.actor,
        data: recordMode && on ? { ...event.data, occurredOn: on } : event.data,
      };
      views.observe(state, state.version);
      batched ??= patched(PATCH_PROJECTION_DELTA) && patched(PATCH_PROJECTION_BATCH);
      if (batched) queueStep(entry);
      else await projectOne(entry);
    }
    if (batched) await shipUntil(state.version);
  };
  /** Ships the event and what it changed of the view; cycles from before deltas ship the whole view. */
  const projectOne = async (entry: ProjectedEvent): Promise<void> => {
    if (!patched(PATCH_PROJECTION_DELTA)) return projection.projectCycle({ state: snapshot(), event: entry });
    const version = state.version;
    await localProjection.projectCycle({ cycleId: input.cycleId, delta: views.deltaOf(state, version), event: entry });
    views.markWritten(version);
  };
  /**
   * Batched projection: each event is queued with the delta from the event before it (so the batch is written in
   * order from the stored view), and only one batch is in flight: steps that arrive meanwhile go in the next one.
   */
  let queued: ProjectedStep[] = [];
  let shipping: Promise<void> | undefined;
  let shipped = 0;
  const queueStep = (entry: ProjectedEvent): void => {
    queued.push({ delta: views.deltaOf(state, state.version), event: entry });
    views.markWritten(state.version);
  };
  const shipUntil = async (version: number): Promise<void> => {
    // The other updates of this activation queue their events first: one batch for all of them.
    await Promise.resolve();
    while (shipped < version && (queued.length > 0 || shipping)) {
      if (shipping) {
        await shipping;
        continue;
      }
      const steps = queued;
      queued = [];
      const upTo = steps[steps.length - 1].delta.version;
      shipping = localProjection
        .projectCycleSteps({ cycleId: input.cycleId, steps })
        .then(() => {
          shipped = Math.max(shipped, upTo);
        })
        .finally(() => {
          shipping = undefined;
        });
      await shipping;
    }
  };
  /** The validator's question (the whole decision, dry) or, once accepted, the handler's (only what the step does). */
  const decided = <K extends StepName>(name: K, cmd: CycleCommands[K], validating: boolean): CycleEvent[] => {
    const decision = validating
      ? decideStep(machine, name, cmd, contextFor(true), guardEnvOf(machine, { today: today() }))
      : acceptedStep(machine, name, cmd, contextFor(false));
    if (!decision.ok) refuse(decision.code, decision.detail);
    return decision.events;
  };
  /** A human step: the validator asks the machine (a refusal leaves no trace), the handler applies what it decides. */
  /** An update's answer: the version it wrote (the API reads the view from the read model, projected already). */
  const answer = (): CycleStepAnswer => ({ cycleId: state.cycleId, version: state.version });
  const step = <K extends StepName>(def: UpdateDefinition<CycleStepResult, [CycleCommands[K]]>, name: K) =>
    onUpdate(
      def,
      async (cmd: CycleCommands[K]) => {
        await run(decided(name, cmd, false));
        return answer();
      },
      { validator: (cmd: CycleCommands[K]) => void decided(name, cmd, true) },
    );

  setHandler(cycleStateQuery, () => state);
  setHandler(sealedPapersQuery, () => ({
    round: state.ballot?.round ?? 0,
    restarts: state.ballot?.restarts ?? 0,
    papers: Object.values(hidden.sealedPapers).sort(),
  }));

  // ---- LAUNCH (phát động) ----
  step(launchUpdate, 'launch');

  // ---- PLEDGE (ký kết giao ước) ----
  step(signPledgeUpdate, 'signPledge');
  // A record's pledge phase closes when every unit has signed, or by the Trưởng khối after the deadline on paper.
  step(closePledgesUpdate, 'closePledges');

  // ---- SELF_ASSESSMENT (tự chấm điểm) ----
  step(closeSelfAssessmentUpdate, 'closeSelfAssessment');

  // ---- CONFERENCE (hội nghị tổng kết, bình xét, suy tôn) ----
  step(openConferenceUpdate, 'openConference');
  step(openBallotUpdate, 'openBallot');
  onUpdate(
    castBallotUpdate,
    async (cmd) => {
      await run(decided('castBallot', cmd, false));
      // The vote and its sealed paper are one update: its result carries the paper and its round, so a retry can compare.
      const ballot = state.ballot ? { round: state.ballot.round, restarts: state.ballot.restarts ?? 0 } : undefined;
      return { ...answer(), ...(cmd.sealed ? { sealed: cmd.sealed } : {}), ...(ballot ? { ballot } : {}) };
    },
    { validator: (cmd) => void decided('castBallot', cmd, true) },
  );
  step(closeBallotUpdate, 'closeBallot');
  step(restartBallotUpdate, 'restartBallot');
  onUpdate(
    decideTieUpdate,
    async (cmd) => {
      const events = decided('decideTie', cmd, false);
      await run(events);
      // The decision is projected before the last round is re-run with it: the conclusion may ask the leadership
      // chain's patch, and asks it after the decision's entry, as the workflow did before the machine.
      if (events.some((e) => e.type === 'TIE_DECIDED')) await run(tieDecided(machine, contextFor(false), cmd.actor));
      return answer();
    },
    { validator: (cmd) => void decided('decideTie', cmd, true) },
  );

  // ---- SUBMISSION (trình hồ sơ) ----
  step(submitDossierUpdate, 'submitDossier');
  step(reviewDossierUpdate, 'reviewDossier');

  // ---- APPRAISAL (thẩm định; Hội đồng TĐKT tỉnh) ----
  step(appraiseUpdate, 'appraise');
  step(approveAppraisalUpdate, 'approveAppraisal');
  step(councilVoteUpdate, 'councilVote');

  // ---- DECISION (quyết định của Chủ tịch UBND tỉnh) ----
  step(decideUpdate, 'decide');

  // ---- Leadership elected, then approved by the superior (ELECTED_THEN_APPROVED) ----
  step(approveLeadershipUpdate, 'approveLeadership');

  // ---- Rules published or edited while the cycle runs ----
  step(updateRuleSetsUpdate, 'updateRuleSets');

  // ---- The province's award round (issue 15): the board's gather hands the nominees over ----
  step(handToRoundUpdate, 'handToRound');
  // The round says its outcomes moved; they are read from its projection, never from the signal.
  let roundPokes = 0;
  setHandler(roundMovedSignal, (arg) => {
    if (state.round && arg?.roundId === state.round.roundId) roundPokes += 1;
  });

  /** A producer run by the main line or a runner: a refusal there (no rule set in force) fails as it did before. */
  const refusing = <T>(produce: () => T): T => {
    try {
      return produce();
    } catch (error) {
      if (error instanceof CycleRefusal) refuse(error.code, error.detail);
      throw error;
    }
  };
  /** The main line's and the runners' context: what they decide is written (patch markers where the rules ask). */
  const written = (): CycleContext => contextFor(false);

  /**
   * A durable timer on the appraisal's working-day deadline (thẩm định within N working days of a complete
   * dossier): if the head of the board has not approved the appraisal by the end of the due date (Vietnam
   * time), the dossier is marked overdue by a system event. Cycles from before the timer do not run it.
   */
  const watchAppraisalDeadline = async (): Promise<void> => {
    await condition(() => state.dossier?.status === 'ACCEPTED');
    // A record's appraisal deadline passed long ago: no timer marks it overdue.
    if (recordMode || !patched(PATCH_APPRAISAL_DEADLINE_TIMER)) return;
    const due = (state.dossier as DossierState).appraisalDueDate as string;
    const endOfDue = Date.parse(`${due}T23:59:59.999+07:00`);
    const inTime = await condition(() => state.appraisal?.status === 'APPROVED', Math.max(1, endOfDue - Date.now()));
    if (inTime) return;
    await run(appraisalOverdue(machine, written()));
  };

  /** The chain input common to the cycle's steps: the cycle as subject, the calendar its time limits count on. */
  const stepChain = (
    chainId: string,
    definition: ChainDefinition,
    titles: { title: string; items: ApprovalChainInput['items'] },
    submittedBy: string,
    returnsEndChain: boolean,
    firstRound = 1,
  ): ApprovalChainInput => ({
    chainId,
    definition,
    subject: { provinceCode: input.provinceCode, blocCode: input.blocCode, cycleId: state.cycleId, title: titles.title },
    submittedBy: { userId: submittedBy, unitCode: state.leaderUnit },
    items: titles.items,
    returnsEndChain,
    firstRound,
    calendar: input.calendar ?? [],
    extraDaysOff: refusing(() => rulesIn(machine, today())).holidays,
  });

  /**
   * The appraisal as an approval chain (child workflow): each nominee is a line item with its own levels and rounds,
   * the Trưởng khối who submitted the dossier answers returns, and the nominees the chain approves await the
   * chairman's decision. A nominee the chain escalated (returned too often) goes to the chairman, the competent person.
   */
  const runAppraisalChain = async (): Promise<void> => {
    await condition(() => state.appraisal?.chainId !== undefined);
    const appraisal = state.appraisal as AppraisalState;
    const result = await runStepChain(
      stepChain(
        appraisal.chainId as string,
        appraisal.chain as ChainDefinition,
        appraisalChainTitles(state),
        state.dossier?.submittedBy ?? 'unknown',
        false,
      ),
    );
    await run(appraisalChainCompleted(machine, written(), result));
  };

  /**
   * Chain mode of the board's review of the dossier (rules.approvalChains.dossierReview): each submission is one item
   * of its own chain; the machine says what its outcome does (dossierChainOutcome).
   */
  const reviewDossierInChains = async (): Promise<void> => {
    let reviewed: string | undefined;
    for (;;) {
      await condition(
        () =>
          state.dossier?.status === 'SUBMITTED' &&
          state.dossier.chainId !== undefined &&
          state.dossier.chainId !== reviewed &&
          allHandlersFinished(),
      );
      const dossier = state.dossier as DossierState;
      const chainId = dossier.chainId as string;
      reviewed = chainId;
      const rules = refusing(() => rulesIn(machine, today()));
      const definition = dossierReviewChain(rules);
      if (!definition) {
        // The rule set was edited meanwhile and no longer has the chain: the specialist reviews it directly.
        await run(dossierReviewUnavailable(written()));
        continue;
      }
      const result = await runStepChain(
        stepChain(chainId, definition, dossierChainTitles(state, dossier), dossier.submittedBy ?? 'unknown', true, dossier.round),
      );
      await run(refusing(() => dossierChainOutcome(machine, written(), chainId, rules, itemResult(result, DOSSIER_ITEM))));
      if (state.dossier?.status === 'REJECTED') return;
    }
  };

  /**
   * Chain mode of the superior's approval of the elected leadership (rules.approvalChains.leadershipApproval): one item
   * per seat, the elected unit recused from its own seat; the machine says what its outcome does.
   */
  const approveLeadershipInChain = async (): Promise<void> => {
    await condition(() => state.leadershipApproval?.chainId !== undefined && allHandlersFinished());
    const approval = state.leadershipApproval as NonNullable<CycleState['leadershipApproval']>;
    const definition = refusing(() => conferenceRulesIn(machine, written())).approvalChains?.leadershipApproval;
    const result = definition
      ? await runStepChain(
          stepChain(
            approval.chainId as string,
            definition,
            leadershipChainTitles(state, approval),
            approval.submittedBy ?? 'unknown',
            false,
          ),
        )
      : undefined;
    const seats = result ? [itemResult(result, LEADER_SEAT), itemResult(result, DEPUTY_SEAT)] : undefined;
    await run(leadershipChainOutcome(machine, written(), seats));
  };

  /**
   * A LIVE cycle whose dossier is accepted while the province has an open round of the year hands its nominees to the
   * round, which appraises, votes and decides them (issue 15). Cycles from before the round do not look for one.
   */
  const handToOpenRound = async (): Promise<void> => {
    await condition(() => mayHandOver(state).ok && state.dossier?.status === 'ACCEPTED' && allHandlersFinished());
    if (!patched(PATCH_ROUND_HANDOFF)) return;
    const roundId = await roundReads.findOpenRound({ provinceCode: input.provinceCode, year: input.year });
    if (!roundId || !mayHandOver(state).ok) return;
    await run(handedToRound(written(), roundId));
    try {
      await getExternalWorkflowHandle(roundId).signal(cycleHandedOverSignal, { cycleId: input.cycleId });
    } catch {
      // The round closed meanwhile: the board's gather (POST /v1/rounds/{id}/items) hands the nominees over again.
    }
  };

  /** Each time the round says its outcomes moved, the cycle reads them from the round's projection and applies them. */
  const followRound = async (): Promise<void> => {
    for (let seen = 0; ;) {
      await condition(() => roundPokes > seen && allHandlersFinished());
      seen = roundPokes;
      const round = state.round as NonNullable<CycleState['round']>;
      const outcomes = await roundReads.roundOutcomesFor({ roundId: round.roundId, cycleId: input.cycleId });
      await run(roundOutcomes(machine, written(), round.roundId, outcomes));
    }
  };

  // ---- The main line: phases that advance on their own (all signed, deadlines, children finished) ----
  await run(cycleStarted(written(), input.startedBy));
  // Steps the rule set may run as approval chains wait here for their start (they issue nothing until then).
  void approveLeadershipInChain();
  void reviewDossierInChains();
  // Both wait for the dossier's acceptance or the round's word; they issue nothing before.
  void handToOpenRound();
  void followRound();

  await condition(() => state.phase !== Phase.LAUNCH);

  const launch = state.launch as NonNullable<CycleState['launch']>;
  if (recordMode) {
    await condition(() => allSigned(machine) || hidden.closePledgesOn !== undefined);
  } else {
    const untilPledgeDeadline = Math.max(0, Date.parse(launch.pledgeDeadline) - Date.now());
    await condition(() => allSigned(machine), untilPledgeDeadline);
  }
  await condition(allHandlersFinished);
  // Decided now, applied once the children started: once the read model says SELF_ASSESSMENT, every unit can submit.
  const pledgeClosing = pledgeClosed(machine, written());
  const pledgeClosedOn = pledgeCloseDay(machine, written());

  const assessmentRules = refusing(() => rulesIn(machine, today()));
  const assessmentChain =
    assessmentRules.approvalChains?.selfAssessment && patched(PATCH_SELF_ASSESSMENT_CHAIN)
      ? {
          definition: assessmentRules.approvalChains.selfAssessment,
          calendar: input.calendar ?? [],
          extraDaysOff: assessmentRules.holidays,
        }
      : undefined;
  const lean = patched(PATCH_LEAN_HISTORY);
  const sheetType = !lean ? unitAssessmentWorkflow : patched(PATCH_SHEETS_IN_ORDER) ? unitSheetWorkflow : selfAssessmentWorkflow;
  const criteria = lean ? launch.criteria.map(({ name: _name, ...rule }) => rule) : launch.criteria;
  const criteriaGroups = lean ? launch.criteriaGroups?.map(({ name: _name, ...rule }) => rule) : launch.criteriaGroups;
  const children = await Promise.all(
    input.units.map((unit) =>
      startChild(sheetType, {
        workflowId: assessmentWorkflowId(input.cycleId, unit.code),
        parentClosePolicy: ParentClosePolicy.TERMINATE,
        args: [
          {
            cycleId: input.cycleId,
            unitCode: unit.code,
            unitName: unit.name,
            leaderUnit: state.leaderUnit,
            deputyUnit: state.deputyUnit,
            memberUnits: memberCodes,
            criteria,
            ...(criteriaGroups ? { criteriaGroups } : {}),
            crossScorers: launch.crossScoring ? crossScorersOf(launch.crossScoring, unit.code) : undefined,
            deadline: launch.selfAssessmentDeadline,
            phase: Phase.SELF_ASSESSMENT,
            ...(assessmentChain ? { chain: assessmentChain } : {}),
            ...(pledgeClosedOn ? { record: { openedOn: pledgeClosedOn, year: input.year } } : {}),
          },
        ],
      }),
    ),
  );
  await run(pledgeClosing);

  const results: AssessmentResult[] = [];
  const pending = children.map((child) =>
    child.result().then((result) => {
      results.push(result);
      return run(assessmentFinished(written(), result));
    }),
  );
  await condition(() => results.length === children.length || hidden.closeSelfAssessmentRequested);
  if (results.length < children.length) {
    const finished = new Set(results.map((r) => r.unitCode));
    await Promise.all(
      input.units
        .filter((u) => !finished.has(u.code))
        .map((u) => getExternalWorkflowHandle(assessmentWorkflowId(input.cycleId, u.code)).signal(closeAssessmentSignal)),
    );
  }
  await Promise.all(pending);
  await condition(allHandlersFinished);
  await run(selfAssessmentClosed(machine, written(), pledgeClosedOn, results));

  await condition(() => state.ballot?.status === 'CLOSED');
  await condition(allHandlersFinished);
  if (state.nominees.length > 0) {
    const opening = refusing(() => submissionOpened(machine, written()));
    // The runners issue nothing until the dossier is accepted (a timer) or the appraisal runs as a chain.
    void watchAppraisalDeadline();
    void runAppraisalChain();
    await run(opening);
    await condition(
      () =>
        state.phase === Phase.DECISION &&
        nomineesIn(state, NomineeStatus.AWAITING_DECISION).length === 0 &&
        nomineesIn(state, NomineeStatus.AWAITING_COUNCIL).length === 0,
    );
  }
  // The handover waits for the superior's approval where the rules require one.
  await condition(() => state.leadershipApproval === undefined || state.leadershipApproval.status === 'APPROVED');
  await condition(allHandlersFinished);

  await run(cycleCompleted(machine, written()));
  return lean ? { cycleId: state.cycleId, phase: state.phase, version: state.version } : state;
}
