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
import { checkLeader, checkRole, checkUnitActor } from '../domain/authorization';
import { checkNotBefore, checkRecordedDate, latestDate, type DatedStep } from '../domain/date-order';
import { computeQuorum } from '../domain/quorum';
import { requiredCount } from '../domain/ratio';
import { openEndedRuleSet, ruleSetAt } from '../domain/rule-selection';
import { checkScores, crossScorersOf, totalScore } from '../domain/scores';
import { emptyItems } from '../domain/ballot-rounds';
import { workingDayDeadline } from '../domain/calendar/deadlines';
import { WorkingCalendar } from '../domain/calendar/working-calendar';
import { addWorkingDays, isIsoDate, vietnamDate } from '../domain/working-days';
import { Role, type Actor } from '../shared/actors';
import {
  NomineeStatus,
  Phase,
  type AssessmentResult,
  type Command,
  type CycleInput,
  type CycleState,
  type AppraisalState,
  type DossierState,
  type Nominee,
  type ProjectedEvent,
  type TimelineEvent,
} from '../shared/cycle-types';
import { ErrorCode } from '../shared/errors';
import { appraisalChainId, assessmentWorkflowId, dossierChainId } from '../shared/ids';
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
  launchUpdate,
  openBallotUpdate,
  openConferenceUpdate,
  restartBallotUpdate,
  reviewDossierUpdate,
  sealedPapersQuery,
  signPledgeUpdate,
  submitDossierUpdate,
  updateRuleSetsUpdate,
} from '../shared/messages';
import { AwardType, CountBase, type ProvinceRules, type RuleSet } from '../shared/rules';
import { PHASE_SA } from '../shared/search-attributes';
import { projection } from './activities';
import { ItemStatus, type ApprovalChainInput, type ChainDefinition } from '../shared/approval';
import { unitAssessmentWorkflow } from './assessment.workflow';
import { itemResult, runStepChain } from './chain-step';
import { clone, enforce, refuse } from './refusal';
import { requireSealedStart } from './sealed';
import { scopedUpdates } from './updates';
import { PATCH_RECORD_MODE } from './record-mode';
import { acceptedStep, applyEvent, decideStep } from '../domain/cycle/machine';
import { guardEnvOf, tieDecided } from '../domain/cycle/conference';
import type { CycleEvent } from '../domain/cycle/events';
import type { CycleCommands } from '../domain/cycle/commands';
import type { CycleContext, CycleFacts, CycleMachine, StepName } from '../domain/cycle/types';
import type { UpdateDefinition } from '@temporalio/common';

/** Change ids for patched(): each guards a change that running cycles must not see differently on replay. */
export const PATCH_WORKING_DAY_CALENDAR = 'working-day-calendar';
export const PATCH_APPRAISAL_DEADLINE_TIMER = 'appraisal-deadline-timer';
export const PATCH_APPRAISAL_CHAIN = 'appraisal-chain';
export const PATCH_SELF_ASSESSMENT_CHAIN = 'self-assessment-chain';
export const PATCH_DOSSIER_REVIEW_CHAIN = 'dossier-review-chain';
export const PATCH_LEADERSHIP_CHAIN = 'leadership-approval-chain';
export { PATCH_RECORD_MODE } from './record-mode';

const LEADER_SEAT = 'TRUONG_KHOI';
const DEPUTY_SEAT = 'PHO_KHOI';

/**
 * A bloc's annual emulation cycle (one workflow per bloc and year), from the launch to the chairman's
 * decision. Every human step is an Update whose validator checks actor, phase and payload, so a refused
 * request leaves no trace in history; each accepted step is projected to PostgreSQL before it answers.
 */
export async function cycleWorkflow(sealedInput: CycleInput): Promise<CycleState> {
  const input = requireSealedStart(sealedInput, sealedInput.startedBy);
  // RECORD: a past year entered from its papers. No timer closes a phase or flags a unit; each step carries its date.
  const recordMode = input.mode === 'RECORD' && patched(PATCH_RECORD_MODE);
  const onUpdate = scopedUpdates(input.provinceCode);
  const memberCodes = input.units.map((u) => u.code);
  const state: CycleState = {
    cycleId: input.cycleId,
    provinceCode: input.provinceCode,
    blocCode: input.blocCode,
    blocName: input.blocName,
    year: input.year,
    phase: Phase.LAUNCH,
    mode: recordMode ? 'RECORD' : 'LIVE',
    ...(recordMode ? { phaseOpenedOn: {} } : {}),
    version: 0,
    units: input.units,
    leaderUnit: input.leaderUnit,
    deputyUnit: input.deputyUnit,
    rulesVersion: input.rules.rulesVersion,
    pledges: {},
    lateUnits: {},
    assessments: {},
    nominees: [],
  };
  // The cycle's rules live in the pure machine (src/domain/cycle); this workflow is its shell: it feeds it commands
  // and the clock, applies the events it decides, projects each recorded one and runs the timers and children.
  const machine: CycleMachine = {
    view: state,
    hidden: {
      ruleSets: input.ruleSets ?? [openEndedRuleSet(input.provinceCode, input.rules)],
      ballots: [],
      sealedPapers: {},
      firstItems: emptyItems(),
      settled: { awards: {} },
      roundMinutes: [],
      manualChoices: [],
      lastInvalid: 0,
      eligibility: [],
      closeSelfAssessmentRequested: false,
    },
  };
  const hidden = machine.hidden;
  const facts: CycleFacts = {
    cycleId: input.cycleId,
    provinceCode: input.provinceCode,
    blocCode: input.blocCode,
    blocName: input.blocName,
    year: input.year,
    units: input.units,
    memberCodes,
    recordMode,
    calendar: input.calendar ?? [],
  };
  /** A validator's dry run asks no patch (it writes nothing); a handler's run asks `patched` where the rules do. */
  const contextFor = (validating: boolean): CycleContext => ({
    facts,
    now: Date.now(),
    today: vietnamDate(new Date()),
    feature: validating ? () => true : (id) => patched(id),
  });
  let closeSelfAssessmentRequested = false;
  // RECORD: the days on paper of the explicit closes and of the appraisal's steps.
  let closePledgesOn: string | undefined;
  let closeSelfAssessmentOn: string | undefined;
  let appraisedOn: string | undefined;

  const unitName = (code: string) => input.units.find((u) => u.code === code)?.name ?? code;
  const nowIso = () => new Date().toISOString();
  const snapshot = (): CycleState => clone(state);

  // Rule sets by validity: each step applies the set in force on its own date (the conference date, the
  // council session, the decision date; otherwise today in Vietnam). Sets published later arrive by update.
  const today = () => vietnamDate(new Date());
  const calendar = new WorkingCalendar(input.calendar ?? []);
  const ruleSetOn = (date: string): RuleSet => {
    const set = ruleSetAt(hidden.ruleSets, date);
    if (!set) refuse(ErrorCode.NO_RULE_SET_IN_FORCE, `no rule set of province ${input.provinceCode} is in force on ${date}`);
    return set;
  };
  const rulesOn = (date: string): ProvinceRules => ruleSetOn(date).rules;
  const conferenceRules = (): ProvinceRules => rulesOn(state.conference?.heldOn ?? today());

  /** `on`: in a RECORD cycle, the day the step happened on paper, kept with the event for the timeline. */
  // RECORD: a step without a date of its own (the ballot's steps at the conference) is dated by the step before it.
  const record = async (type: string, summaryVi: string, actor?: Actor, data?: Record<string, unknown>, day?: string) => {
    const on = day ?? hidden.lastRecordedOn;
    hidden.lastRecordedOn = on;
    if (recordMode && on && (!state.recordedThrough || on > state.recordedThrough)) state.recordedThrough = on;
    state.version += 1;
    const event: TimelineEvent = {
      id: `${workflowInfo().workflowId}:${state.version}`,
      cycleId: input.cycleId,
      occurredAt: nowIso(),
      phase: state.phase,
      type,
      actor,
      summaryVi,
      data: recordMode && on ? { ...data, occurredOn: on } : data,
    };
    await projection.projectCycle({ state: snapshot(), event });
  };

  const enterPhase = (phase: Phase, on?: string) => {
    state.phase = phase;
    if (recordMode && on && state.phaseOpenedOn) state.phaseOpenedOn[phase] = on;
    upsertSearchAttributes([{ key: PHASE_SA, value: phase }]);
  };

  /** Applies decided events in order: each phase change reaches the search attribute, each recorded event the read model. */
  const run = async (events: CycleEvent[]): Promise<void> => {
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
      await projection.projectCycle({ state: snapshot(), event: entry });
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
  const step = <K extends StepName>(def: UpdateDefinition<CycleState, [CycleCommands[K]]>, name: K) =>
    onUpdate(
      def,
      async (cmd: CycleCommands[K]) => {
        await run(decided(name, cmd, false));
        return state;
      },
      { validator: (cmd: CycleCommands[K]) => void decided(name, cmd, true) },
    );

  /** RECORD: the day a step happened on paper (checked by its validator); LIVE: none, the step happens now. */
  const dayOf = (cmd: Command): string | undefined => (recordMode ? cmd.occurredOn : undefined);
  /** The date a step carries: required, ordered and in range in a RECORD cycle, refused in a LIVE one. */
  const checkStepDate = (cmd: Command, what: string, ...earlier: (DatedStep | undefined)[]) =>
    enforce(
      checkRecordedDate(
        recordMode ? 'RECORD' : 'LIVE',
        { field: 'occurredOn', what, date: cmd.occurredOn },
        { today: today(), year: input.year },
        ...earlier,
      ),
    );
  /** A step with its own date field (heldOn, toTrinh.date…): in a RECORD cycle that date is checked like occurredOn. */
  const checkOwnDate = (cmd: Command, field: string, what: string, date: string, ...earlier: (DatedStep | undefined)[]) => {
    if (!recordMode) return checkStepDate(cmd, what);
    if (cmd.occurredOn !== undefined && cmd.occurredOn !== date)
      refuse(ErrorCode.VALIDATION_FAILED, `occurredOn: this step is recorded on its ${field} (${date}); leave occurredOn out`);
    enforce(checkRecordedDate('RECORD', { field, what, date }, { today: today(), year: input.year }, ...earlier));
  };
  /** RECORD: the day a phase opened on paper, as a step it precedes. */
  const phaseOpened = (phase: Phase, what: string): DatedStep | undefined => {
    const date = state.phaseOpenedOn?.[phase];
    return date ? { field: 'occurredOn', what, date } : undefined;
  };
  const deadlineDay = (field: string, what: string, deadline: string | undefined): DatedStep | undefined =>
    deadline ? { field, what, date: vietnamDate(new Date(deadline)) } : undefined;

  const requirePhase = (phase: Phase) => {
    if (state.phase !== phase) refuse(ErrorCode.WRONG_PHASE, `the cycle is in ${state.phase}, not ${phase}`);
  };

  const nomineesIn = (status: NomineeStatus) => state.nominees.filter((n) => n.status === status);

  const findNominee = (id: string): Nominee => {
    const nominee = state.nominees.find((n) => n.id === id);
    if (!nominee) refuse(ErrorCode.UNKNOWN_NOMINEE, `no nominee ${id} in this dossier`);
    return nominee;
  };

  /** Each listed id must be one of `expected`, listed once, and all of `expected` must be listed. */
  const requireExactly = (ids: readonly string[], expected: readonly Nominee[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      findNominee(id);
      if (!expected.some((n) => n.id === id)) refuse(ErrorCode.WRONG_STATE, `nominee ${id} is not awaiting ${what}`);
      if (seen.has(id)) refuse(ErrorCode.VALIDATION_FAILED, `nominee ${id} is listed twice`);
      seen.add(id);
    }
    const missing = expected.filter((n) => !seen.has(n.id)).map((n) => n.id);
    if (missing.length > 0)
      refuse(ErrorCode.VALIDATION_FAILED, `${what} must cover every nominee; missing: ${missing.join(', ')}`);
  };

  setHandler(cycleStateQuery, () => state);
  setHandler(sealedPapersQuery, () => ({
    round: state.ballot?.round ?? 0,
    restarts: state.ballot?.restarts ?? 0,
    papers: Object.values(hidden.sealedPapers).sort(),
  }));

  // ---- LAUNCH (phát động) ----
  step(launchUpdate, 'launch');

  // ---- PLEDGE (ký kết giao ước) ----
  onUpdate(
    signPledgeUpdate,
    async (cmd) => {
      const unit = cmd.actor.unitCode as string;
      const signedOn = dayOf(cmd);
      state.pledges[unit] = { signedAt: nowIso(), signedBy: cmd.actor.userId, ...(signedOn ? { signedOn } : {}) };
      await record('PLEDGE_SIGNED', `${unitName(unit)} ký giao ước thi đua`, cmd.actor, { unitCode: unit }, signedOn);
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.PLEDGE);
        enforce(checkUnitActor(cmd.actor, cmd.actor.unitCode ?? '', memberCodes, Role.UNIT_HEAD));
        if (state.pledges[cmd.actor.unitCode as string])
          refuse(ErrorCode.ALREADY_SIGNED, `${cmd.actor.unitCode} has already signed`);
        if (closePledgesOn) refuse(ErrorCode.WRONG_STATE, 'the pledge phase has been closed');
        checkStepDate(cmd, 'the pledge', phaseOpened(Phase.PLEDGE, 'the launch'));
      },
    },
  );

  // A record's pledge phase closes when every unit has signed, or by the Trưởng khối after the deadline on paper.
  onUpdate(
    closePledgesUpdate,
    async (cmd) => {
      closePledgesOn = dayOf(cmd);
      await record(
        'PLEDGE_CLOSE_REQUESTED',
        'Trưởng khối kết thúc giai đoạn ký giao ước sau khi hết hạn',
        cmd.actor,
        {},
        closePledgesOn,
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.PLEDGE);
        enforce(checkLeader(cmd.actor, state.leaderUnit, input.blocCode));
        if (!recordMode) refuse(ErrorCode.WRONG_STATE, 'in a live year the pledge phase closes at its deadline');
        if (closePledgesOn) refuse(ErrorCode.WRONG_STATE, 'closing has already been requested');
        const lastPledge = latestDate(Object.values(state.pledges).map((p) => p.signedOn));
        checkStepDate(
          cmd,
          'the close of the pledges',
          phaseOpened(Phase.PLEDGE, 'the launch'),
          lastPledge ? { field: 'occurredOn', what: 'the last pledge', date: lastPledge } : undefined,
          deadlineDay('pledgeDeadline', 'the pledge deadline', state.launch?.pledgeDeadline),
        );
      },
    },
  );

  // ---- SELF_ASSESSMENT (tự chấm điểm) ----
  onUpdate(
    closeSelfAssessmentUpdate,
    async (cmd) => {
      closeSelfAssessmentRequested = true;
      closeSelfAssessmentOn = dayOf(cmd);
      await record(
        'SELF_ASSESSMENT_CLOSE_REQUESTED',
        'Trưởng khối kết thúc giai đoạn tự chấm điểm sau khi hết hạn',
        cmd.actor,
        undefined,
        closeSelfAssessmentOn,
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.SELF_ASSESSMENT);
        enforce(checkLeader(cmd.actor, state.leaderUnit, input.blocCode));
        if (closeSelfAssessmentRequested) refuse(ErrorCode.WRONG_STATE, 'closing has already been requested');
        const deadline = state.launch?.selfAssessmentDeadline;
        checkStepDate(
          cmd,
          'the close of the self-assessment',
          phaseOpened(Phase.SELF_ASSESSMENT, 'the opening of the self-assessment'),
          deadlineDay('selfAssessmentDeadline', 'the self-assessment deadline', deadline),
        );
        if (deadline && Date.now() < Date.parse(deadline)) {
          refuse(ErrorCode.DEADLINE_NOT_REACHED, `self-assessment is open until ${deadline}`);
        }
      },
    },
  );

  // ---- CONFERENCE (hội nghị tổng kết, bình xét, suy tôn) ----
  step(openConferenceUpdate, 'openConference');
  step(openBallotUpdate, 'openBallot');
  onUpdate(
    castBallotUpdate,
    async (cmd) => {
      await run(decided('castBallot', cmd, false));
      // The vote and its sealed paper are one update: its result carries the paper, so a retry can compare.
      return cmd.sealed ? { ...snapshot(), sealed: cmd.sealed } : state;
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
      return state;
    },
    { validator: (cmd) => void decided('decideTie', cmd, true) },
  );

  /**
   * The complete dossier (nhận đủ hồ sơ), by the specialist's fixed review or the review chain's approval: the
   * appraisal's working-day deadline counts from `completeOn`, and the appraisal opens (as a chain where configured).
   */
  const acceptDossier = async (
    dossier: DossierState,
    completeOn: string,
    completeAt: string,
    actor: Actor | undefined,
    data: Record<string, unknown> = {},
    on?: string,
  ) => {
    const rules = rulesOn(completeOn);
    dossier.status = 'ACCEPTED';
    dossier.completeAt = completeAt;
    // Deadlines count Vietnamese working days (Tết, Giỗ Tổ, swapped days); cycles that accepted a dossier
    // before the calendar existed counted weekends and the province's list only.
    dossier.appraisalDueDate = patched(PATCH_WORKING_DAY_CALENDAR)
      ? workingDayDeadline(calendar, completeOn, rules.deadlines.appraisalWorkingDays, rules.holidays)
      : addWorkingDays(completeOn, rules.deadlines.appraisalWorkingDays, rules.holidays);
    for (const n of state.nominees) n.status = NomineeStatus.IN_APPRAISAL;
    state.appraisal = { status: 'PENDING', returns: [] };
    // A rule set that configures the appraisal as an approval chain: each nominee is decided there, level by level.
    if (rules.approvalChains?.appraisal && patched(PATCH_APPRAISAL_CHAIN)) {
      state.appraisal.chainId = appraisalChainId(state.cycleId);
      state.appraisal.chain = rules.approvalChains.appraisal;
    }
    enterPhase(Phase.APPRAISAL, completeOn);
    await record(
      'DOSSIER_ACCEPTED',
      `${rules.receivingAgencyName} nhận đủ hồ sơ; hạn thẩm định ${dossier.appraisalDueDate} (${rules.deadlines.appraisalWorkingDays} ngày làm việc)`,
      actor,
      { completeAt: dossier.completeAt, appraisalDueDate: dossier.appraisalDueDate, ...data },
      on,
    );
  };

  // ---- SUBMISSION (trình hồ sơ) ----
  /**
   * The business dates earlier steps carry, for checking that a later step does not come before them. The
   * dossier's completeness date is left out: without completeOn it is the day of entry, not a business date.
   */
  const dated = {
    conference: (): DatedStep | undefined =>
      state.conference ? { field: 'conference.heldOn', what: 'the conference', date: state.conference.heldOn } : undefined,
    toTrinh: (): DatedStep | undefined =>
      state.dossier && isIsoDate(state.dossier.toTrinh.date)
        ? { field: 'toTrinh.date', what: 'the tờ trình', date: state.dossier.toTrinh.date }
        : undefined,
    council: (): DatedStep | undefined =>
      state.council ? { field: 'sessionDate', what: 'the council session', date: state.council.sessionDate } : undefined,
  };

  onUpdate(
    submitDossierUpdate,
    async (cmd) => {
      const round = (state.dossier?.round ?? 0) + 1;
      state.dossier = {
        status: 'SUBMITTED',
        round,
        toTrinh: cmd.toTrinh,
        achievementReports: cmd.achievementReports,
        submittedAt: nowIso(),
        submittedBy: cmd.actor.userId,
        returns: state.dossier?.returns ?? [],
      };
      // A rule set that has the board review the dossier in an approval chain: one chain per submission.
      if (rulesOn(today()).approvalChains?.dossierReview && patched(PATCH_DOSSIER_REVIEW_CHAIN)) {
        state.dossier.chainId = dossierChainId(state.cycleId, round);
      }
      await record(
        'DOSSIER_SUBMITTED',
        `Trưởng khối trình hồ sơ đề nghị khen thưởng (lần ${round}) tới ${rulesOn(today()).receivingAgencyName}, tờ trình số ${cmd.toTrinh.number}`,
        cmd.actor,
        { round, toTrinh: cmd.toTrinh.number },
        cmd.toTrinh.date,
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.SUBMISSION);
        enforce(checkLeader(cmd.actor, state.leaderUnit, input.blocCode));
        if (state.dossier && state.dossier.status !== 'RETURNED' && state.dossier.status !== 'WITHDRAWN')
          refuse(ErrorCode.WRONG_STATE, `the dossier is ${state.dossier.status}`);
        const nomineeUnits = new Set(state.nominees.map((n) => n.unitCode));
        for (const report of cmd.achievementReports) {
          if (!nomineeUnits.has(report.unitCode)) refuse(ErrorCode.INVALID_CANDIDATE, `${report.unitCode} is not a nominee`);
        }
        const missing = [...nomineeUnits].filter((u) => !cmd.achievementReports.some((r) => r.unitCode === u));
        if (missing.length > 0) refuse(ErrorCode.MISSING_ACHIEVEMENT_REPORT, `no achievement report for ${missing.join(', ')}`);
        if (isIsoDate(cmd.toTrinh.date)) {
          enforce(checkNotBefore({ field: 'toTrinh.date', what: 'the tờ trình', date: cmd.toTrinh.date }, dated.conference()));
        }
        checkOwnDate(cmd, 'toTrinh.date', 'the tờ trình', cmd.toTrinh.date, dated.conference());
      },
    },
  );

  onUpdate(
    reviewDossierUpdate,
    async (cmd) => {
      const dossier = state.dossier;
      if (!dossier) return refuse(ErrorCode.WRONG_STATE, 'no dossier submitted');
      if (cmd.decision === 'RETURN') {
        dossier.status = 'RETURNED';
        dossier.returns.push({ round: dossier.round, reason: cmd.reason as string, by: cmd.actor.userId, at: nowIso() });
        await record(
          'DOSSIER_RETURNED',
          `${rulesOn(today()).receivingAgencyName} trả hồ sơ để bổ sung: ${cmd.reason}`,
          cmd.actor,
          {
            round: dossier.round,
            reason: cmd.reason,
          },
          dayOf(cmd),
        );
        return state;
      }
      const now = new Date();
      // A record's dossier is complete on the day of its review on paper unless completeOn says earlier.
      const completeOn = cmd.completeOn ?? dayOf(cmd);
      await acceptDossier(
        dossier,
        completeOn ?? vietnamDate(now),
        completeOn ? `${completeOn}T00:00:00+07:00` : now.toISOString(),
        cmd.actor,
        {},
        dayOf(cmd),
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.SUBMISSION);
        enforce(checkRole(cmd.actor, Role.BOARD_SPECIALIST));
        if (state.dossier?.status !== 'SUBMITTED') refuse(ErrorCode.WRONG_STATE, 'no dossier awaits review');
        const chainId = state.dossier.chainId;
        if (chainId)
          refuse(
            ErrorCode.WRONG_STATE,
            `the dossier is reviewed in approval chain ${chainId}: decide there (/v1/approvals/${chainId})`,
          );
        if (cmd.decision === 'RETURN' && !cmd.reason?.trim())
          refuse(ErrorCode.REASON_REQUIRED, 'a returned dossier needs a reason');
        checkStepDate(cmd, 'the review of the dossier', dated.toTrinh());
        if (recordMode && cmd.completeOn !== undefined)
          enforce(
            checkNotBefore(
              { field: 'occurredOn', what: 'the review of the dossier', date: cmd.occurredOn as string },
              { field: 'completeOn', what: 'the complete dossier', date: cmd.completeOn },
            ),
          );
        if (cmd.completeOn !== undefined) {
          if (!isIsoDate(cmd.completeOn)) refuse(ErrorCode.VALIDATION_FAILED, 'completeOn must be a date YYYY-MM-DD');
          if (cmd.completeOn > today()) refuse(ErrorCode.VALIDATION_FAILED, 'completeOn must not be in the future');
          enforce(checkNotBefore({ field: 'completeOn', what: 'the complete dossier', date: cmd.completeOn }, dated.toTrinh()));
          ruleSetOn(cmd.completeOn);
        }
      },
    },
  );

  // ---- APPRAISAL (thẩm định; Hội đồng TĐKT tỉnh) ----
  onUpdate(
    appraiseUpdate,
    async (cmd) => {
      for (const opinion of cmd.opinions)
        findNominee(opinion.nomineeId).appraisal = { recommend: opinion.recommend, note: opinion.note };
      const appraisal = state.appraisal as NonNullable<CycleState['appraisal']>;
      appraisal.status = 'APPRAISED';
      appraisal.appraisedBy = cmd.actor.userId;
      const recommended = cmd.opinions.filter((o) => o.recommend).length;
      appraisedOn = dayOf(cmd);
      await record(
        'APPRAISED',
        `Chuyên viên thẩm định hồ sơ: đề xuất ${recommended}/${cmd.opinions.length} đề nghị`,
        cmd.actor,
        { opinions: cmd.opinions },
        appraisedOn,
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.APPRAISAL);
        requireFixedAppraisal();
        enforce(checkRole(cmd.actor, Role.BOARD_SPECIALIST));
        if (state.appraisal?.status !== 'PENDING') refuse(ErrorCode.WRONG_STATE, 'the appraisal is not open for the specialist');
        checkStepDate(cmd, 'the appraisal', phaseOpened(Phase.APPRAISAL, 'the complete dossier'));
        requireExactly(
          cmd.opinions.map((o) => o.nomineeId),
          nomineesIn(NomineeStatus.IN_APPRAISAL),
          'appraisal',
        );
      },
    },
  );

  onUpdate(
    approveAppraisalUpdate,
    async (cmd) => {
      const appraisal = state.appraisal as NonNullable<CycleState['appraisal']>;
      if (cmd.decision === 'RETURN') {
        appraisal.status = 'PENDING';
        appraisal.returns.push({ reason: cmd.reason as string, by: cmd.actor.userId, at: nowIso() });
        await record(
          'APPRAISAL_RETURNED',
          `Trưởng phòng trả lại kết quả thẩm định: ${cmd.reason}`,
          cmd.actor,
          { reason: cmd.reason },
          dayOf(cmd),
        );
        return state;
      }
      const rules = rulesOn(today());
      appraisal.status = 'APPROVED';
      appraisal.approvedBy = cmd.actor.userId;
      for (const n of nomineesIn(NomineeStatus.IN_APPRAISAL)) {
        if (!n.appraisal?.recommend) n.status = NomineeStatus.NOT_RECOMMENDED;
        else n.status = rules.awards[n.award].requiresCouncil ? NomineeStatus.AWAITING_COUNCIL : NomineeStatus.AWAITING_DECISION;
      }
      if (nomineesIn(NomineeStatus.AWAITING_COUNCIL).length === 0) enterPhase(Phase.DECISION);
      await record(
        'APPRAISAL_APPROVED',
        `Trưởng phòng duyệt kết quả thẩm định; ${nomineesIn(NomineeStatus.AWAITING_COUNCIL).length} đề nghị trình Hội đồng TĐKT tỉnh`,
        cmd.actor,
        undefined,
        dayOf(cmd),
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.APPRAISAL);
        requireFixedAppraisal();
        enforce(checkRole(cmd.actor, Role.BOARD_HEAD));
        if (state.appraisal?.status !== 'APPRAISED') refuse(ErrorCode.WRONG_STATE, 'no appraisal awaits approval');
        if (cmd.decision === 'RETURN' && !cmd.reason?.trim())
          refuse(ErrorCode.REASON_REQUIRED, 'a returned appraisal needs a reason');
        checkStepDate(
          cmd,
          'the approval of the appraisal',
          appraisedOn ? { field: 'occurredOn', what: 'the appraisal', date: appraisedOn } : undefined,
        );
      },
    },
  );

  const councilThresholdBase = (rules: ProvinceRules, cmd: { membersTotal: number; membersPresent: number }) =>
    rules.council.thresholdBase === CountBase.TOTAL_MEMBERS ? cmd.membersTotal : cmd.membersPresent;

  onUpdate(
    councilVoteUpdate,
    async (cmd) => {
      const councilSet = ruleSetOn(cmd.sessionDate);
      const rules = councilSet.rules;
      const attendance = Math.max(rules.council.quorumRatio, rules.council.awardSessionAttendanceRatio);
      const quorum = computeQuorum(cmd.membersPresent, cmd.membersTotal, attendance);
      const required = requiredCount(rules.council.threshold, councilThresholdBase(rules, cmd));
      for (const vote of cmd.votes) {
        const nominee = findNominee(vote.nomineeId);
        const passed = vote.votesFor >= required;
        nominee.council = { votesFor: vote.votesFor, required, passed, rulesVersion: councilSet.version };
        nominee.status = passed ? NomineeStatus.AWAITING_DECISION : NomineeStatus.COUNCIL_REJECTED;
      }
      const criteria = state.launch?.criteria ?? [];
      const groups = state.launch?.criteriaGroups;
      state.council = {
        sessionDate: cmd.sessionDate,
        membersTotal: cmd.membersTotal,
        membersPresent: cmd.membersPresent,
        quorum,
        recordedBy: cmd.actor.userId,
        scoreAdjustments: cmd.scoreAdjustments?.map((a) => ({
          ...a,
          total: totalScore(criteria, groups, a.scores),
          previousTotal: state.assessments[a.unitCode]?.total,
        })),
      };
      enterPhase(Phase.DECISION);
      const passed = cmd.votes.filter((v) => v.votesFor >= required).length;
      await record(
        'COUNCIL_VOTED',
        `Hội đồng TĐKT tỉnh bỏ phiếu ngày ${cmd.sessionDate}: ${passed}/${cmd.votes.length} đề nghị đạt (cần ${required} phiếu)`,
        cmd.actor,
        { votes: cmd.votes, required },
        cmd.sessionDate,
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.APPRAISAL);
        requireFixedAppraisal();
        enforce(checkRole(cmd.actor, Role.BOARD_HEAD));
        if (state.appraisal?.status !== 'APPROVED') refuse(ErrorCode.WRONG_STATE, 'the appraisal is not approved yet');
        if (!isIsoDate(cmd.sessionDate)) refuse(ErrorCode.VALIDATION_FAILED, 'sessionDate must be a date YYYY-MM-DD');
        checkOwnDate(
          cmd,
          'sessionDate',
          'the council session',
          cmd.sessionDate,
          phaseOpened(Phase.APPRAISAL, 'the complete dossier'),
          appraisedOn ? { field: 'occurredOn', what: 'the appraisal', date: appraisedOn } : undefined,
        );
        enforce(
          checkNotBefore(
            { field: 'sessionDate', what: 'the council session', date: cmd.sessionDate },
            dated.conference(),
            dated.toTrinh(),
          ),
        );
        const rules = rulesOn(cmd.sessionDate);
        if (cmd.membersPresent > cmd.membersTotal) refuse(ErrorCode.VALIDATION_FAILED, 'membersPresent exceeds membersTotal');
        const attendance = Math.max(rules.council.quorumRatio, rules.council.awardSessionAttendanceRatio);
        const quorum = computeQuorum(cmd.membersPresent, cmd.membersTotal, attendance);
        if (!quorum.met) {
          refuse(
            ErrorCode.COUNCIL_QUORUM_NOT_MET,
            `${cmd.membersPresent} of ${cmd.membersTotal} council members present; ${quorum.required} required (${rules.council.basis})`,
          );
        }
        for (const vote of cmd.votes) {
          if (vote.votesFor > cmd.membersTotal) refuse(ErrorCode.VALIDATION_FAILED, `${vote.nomineeId}: more votes than members`);
        }
        requireExactly(
          cmd.votes.map((v) => v.nomineeId),
          nomineesIn(NomineeStatus.AWAITING_COUNCIL),
          'the council vote',
        );
        for (const adjustment of cmd.scoreAdjustments ?? []) {
          if (!state.nominees.some((n) => n.unitCode === adjustment.unitCode)) {
            refuse(ErrorCode.UNKNOWN_NOMINEE, `${adjustment.unitCode} is not a nominee of this dossier`);
          }
          if (!adjustment.reason.trim())
            refuse(ErrorCode.REASON_REQUIRED, `a score adjustment for ${adjustment.unitCode} needs a reason`);
          enforce(checkScores(state.launch?.criteria ?? [], adjustment.scores));
        }
      },
    },
  );

  // ---- DECISION (quyết định của Chủ tịch UBND tỉnh) ----
  onUpdate(
    decideUpdate,
    async (cmd) => {
      const decisionSet = ruleSetOn(cmd.decisionDate);
      for (const item of cmd.items) {
        const nominee = findNominee(item.nomineeId);
        nominee.decision = {
          approve: item.approve,
          number: cmd.decisionNumber,
          date: cmd.decisionDate,
          reason: item.reason,
          rulesVersion: decisionSet.version,
          ...(nominee.award === AwardType.CO_THI_DUA_CHINH_PHU && item.approve && cmd.quotaOverride && cmd.governmentFlagQuota
            ? { quotaOverride: { ...cmd.quotaOverride, quota: cmd.governmentFlagQuota } }
            : {}),
        };
        nominee.status = !item.approve
          ? NomineeStatus.REJECTED
          : decisionSet.rules.awards[nominee.award].forwardedUpward
            ? NomineeStatus.FORWARDED
            : NomineeStatus.APPROVED;
      }
      const approved = cmd.items.filter((i) => i.approve).length;
      await record(
        'DECIDED',
        `Chủ tịch UBND tỉnh ban hành Quyết định số ${cmd.decisionNumber} ngày ${cmd.decisionDate}: ${approved} đồng ý, ${
          cmd.items.length - approved
        } không đồng ý`,
        cmd.actor,
        { decisionNumber: cmd.decisionNumber, items: cmd.items },
        cmd.decisionDate,
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.DECISION);
        enforce(checkRole(cmd.actor, Role.CHAIRMAN));
        if (!isIsoDate(cmd.decisionDate)) refuse(ErrorCode.VALIDATION_FAILED, 'decisionDate must be a date YYYY-MM-DD');
        checkOwnDate(cmd, 'decisionDate', 'the decision', cmd.decisionDate);
        enforce(
          checkNotBefore(
            { field: 'decisionDate', what: 'the decision', date: cmd.decisionDate },
            dated.conference(),
            dated.toTrinh(),
            dated.council(),
          ),
        );
        ruleSetOn(cmd.decisionDate);
        if (cmd.items.length === 0) refuse(ErrorCode.VALIDATION_FAILED, 'items must not be empty');
        const quota = cmd.governmentFlagQuota;
        const forwarding = cmd.items.filter(
          (i) => i.approve && findNominee(i.nomineeId).award === AwardType.CO_THI_DUA_CHINH_PHU,
        ).length;
        if (quota && forwarding > 0 && quota.alreadyForwarded + forwarding > quota.limit) {
          if (!cmd.quotaOverride?.reason.trim() || !cmd.quotaOverride.documentRef.trim()) {
            refuse(
              ErrorCode.GOVERNMENT_FLAG_QUOTA_EXCEEDED,
              `at most ${quota.limit} Cờ thi đua của Chính phủ proposals (of ${quota.blocLeaders} bloc-leading units; ${quota.alreadyForwarded} already forwarded): ${quota.basis}; a documented quotaOverride is required`,
            );
          }
        }
        const seen = new Set<string>();
        for (const item of cmd.items) {
          const nominee = findNominee(item.nomineeId);
          if (nominee.decision) refuse(ErrorCode.ALREADY_DECIDED, `${item.nomineeId} was decided by ${nominee.decision.number}`);
          if (nominee.status !== NomineeStatus.AWAITING_DECISION) {
            refuse(ErrorCode.WRONG_STATE, `${item.nomineeId} is ${nominee.status}, not awaiting a decision`);
          }
          if (seen.has(item.nomineeId)) refuse(ErrorCode.VALIDATION_FAILED, `${item.nomineeId} is listed twice`);
          seen.add(item.nomineeId);
          if (!item.approve && !item.reason?.trim())
            refuse(ErrorCode.REASON_REQUIRED, `a rejection of ${item.nomineeId} needs a reason`);
        }
      },
    },
  );

  // ---- Leadership elected, then approved by the superior (ELECTED_THEN_APPROVED) ----
  onUpdate(
    approveLeadershipUpdate,
    async (cmd) => {
      const approval = state.leadershipApproval as NonNullable<CycleState['leadershipApproval']>;
      state.nextLeader = cmd.leaderUnit ?? approval.elected.leader;
      state.nextDeputy = cmd.deputyUnit ?? approval.elected.deputy;
      state.leadershipApproval = {
        ...approval,
        status: 'APPROVED',
        decisionRef: cmd.decisionRef,
        by: cmd.actor.userId,
        at: nowIso(),
      };
      await record(
        'LEADERSHIP_APPROVED',
        `Phê duyệt Trưởng khối ${unitName(state.nextLeader)}, Phó khối ${unitName(state.nextDeputy)} năm ${input.year + 1} (${cmd.decisionRef})`,
        cmd.actor,
        { decisionRef: cmd.decisionRef, nextLeader: state.nextLeader, nextDeputy: state.nextDeputy },
        dayOf(cmd),
      );
      return state;
    },
    {
      validator: (cmd) => {
        enforce(checkRole(cmd.actor, Role.BOARD_HEAD, Role.CHAIRMAN));
        if (state.leadershipApproval?.status !== 'PENDING')
          refuse(ErrorCode.WRONG_STATE, 'no elected leadership awaits approval');
        const { chainId, chainResult } = state.leadershipApproval;
        if (chainId && !chainResult)
          refuse(
            ErrorCode.WRONG_STATE,
            `the elected leadership is approved in approval chain ${chainId}: decide there (/v1/approvals/${chainId})`,
          );
        if (chainResult?.leader !== undefined && chainResult.leader !== ItemStatus.APPROVED && cmd.leaderUnit === undefined)
          refuse(
            ErrorCode.VALIDATION_FAILED,
            `the chain did not approve the elected Trưởng khối (${chainResult.leader}): name leaderUnit`,
          );
        if (chainResult?.deputy !== undefined && chainResult.deputy !== ItemStatus.APPROVED && cmd.deputyUnit === undefined)
          refuse(
            ErrorCode.VALIDATION_FAILED,
            `the chain did not approve the elected Phó khối (${chainResult.deputy}): name deputyUnit`,
          );
        if (!cmd.decisionRef.trim()) refuse(ErrorCode.VALIDATION_FAILED, 'decisionRef must name the approving decision');
        checkStepDate(cmd, 'the approval of the leadership', dated.conference());
        for (const unit of [cmd.leaderUnit, cmd.deputyUnit]) {
          if (unit !== undefined && !memberCodes.includes(unit))
            refuse(ErrorCode.NOT_MEMBER, `unit ${unit} is not a member of this bloc`);
        }
        const leader = cmd.leaderUnit ?? state.leadershipApproval.elected.leader;
        const deputy = cmd.deputyUnit ?? state.leadershipApproval.elected.deputy;
        if (leader === deputy) refuse(ErrorCode.VALIDATION_FAILED, 'one unit cannot be both Trưởng khối and Phó khối');
      },
    },
  );

  // ---- Rules published or edited while the cycle runs ----
  onUpdate(
    updateRuleSetsUpdate,
    async (cmd) => {
      hidden.ruleSets = cmd.ruleSets;
      await record(
        'RULE_SETS_UPDATED',
        `Cập nhật bộ quy tắc thi đua của tỉnh: ${cmd.ruleSets.map((r) => `${r.version} (${r.validFrom} – ${r.validTo ?? 'nay'})`).join('; ')}`,
        cmd.actor,
        { versions: cmd.ruleSets.map((r) => r.version) },
      );
      return state;
    },
    {
      validator: (cmd) => {
        enforce(checkRole(cmd.actor, Role.ADMIN));
        if (state.phase === Phase.COMPLETED) refuse(ErrorCode.WRONG_PHASE, 'the cycle is completed');
        if (cmd.ruleSets.length === 0) refuse(ErrorCode.VALIDATION_FAILED, 'ruleSets must not be empty');
        const foreign = cmd.ruleSets.find((r) => r.provinceCode !== input.provinceCode);
        if (foreign)
          refuse(ErrorCode.VALIDATION_FAILED, `rule set ${foreign.version} belongs to province ${foreign.provinceCode}`);
      },
    },
  );

  /**
   * A durable timer on the appraisal's working-day deadline (thẩm định within N working days of a complete
   * dossier): if the head of the board has not approved the appraisal by the end of the due date (Vietnam
   * time), the dossier is marked overdue by a system event. Cycles from before the timer do not run it.
   */
  const watchAppraisalDeadline = async (): Promise<void> => {
    await condition(() => state.dossier?.status === 'ACCEPTED');
    // A record's appraisal deadline passed long ago: no timer marks it overdue.
    if (recordMode || !patched(PATCH_APPRAISAL_DEADLINE_TIMER)) return;
    const dossier = state.dossier as DossierState;
    const due = dossier.appraisalDueDate as string;
    const endOfDue = Date.parse(`${due}T23:59:59.999+07:00`);
    const inTime = await condition(() => state.appraisal?.status === 'APPROVED', Math.max(1, endOfDue - Date.now()));
    if (inTime) return;
    dossier.appraisalOverdue = true;
    await record('APPRAISAL_OVERDUE', `Quá hạn thẩm định hồ sơ (hạn ${due}, tính từ ngày nhận đủ hồ sơ)`, undefined, {
      appraisalDueDate: due,
    });
  };

  /** The fixed appraisal steps are refused while the appraisal runs as an approval chain. */
  const requireFixedAppraisal = () => {
    const chainId = state.appraisal?.chainId;
    if (chainId)
      refuse(ErrorCode.WRONG_STATE, `the appraisal runs in approval chain ${chainId}: decide there (/v1/approvals/${chainId})`);
  };

  /** The chain input common to the cycle's steps: the cycle as subject, the calendar its time limits count on. */
  const stepChain = (
    chainId: string,
    definition: ChainDefinition,
    title: string,
    submittedBy: string,
    items: ApprovalChainInput['items'],
    returnsEndChain: boolean,
    firstRound = 1,
  ): ApprovalChainInput => ({
    chainId,
    definition,
    subject: { provinceCode: input.provinceCode, blocCode: input.blocCode, cycleId: state.cycleId, title },
    submittedBy: { userId: submittedBy, unitCode: state.leaderUnit },
    items,
    returnsEndChain,
    firstRound,
    calendar: input.calendar ?? [],
    extraDaysOff: rulesOn(today()).holidays,
  });

  /**
   * The appraisal as an approval chain (child workflow): each nominee is a line item with its own levels and rounds,
   * the Trưởng khối who submitted the dossier answers returns, and the nominees the chain approves await the
   * chairman's decision. A nominee the chain escalated (returned too often) goes to the chairman, the competent person.
   */
  const runAppraisalChain = async (): Promise<void> => {
    await condition(() => state.appraisal?.chainId !== undefined);
    const appraisal = state.appraisal as AppraisalState;
    const definition = appraisal.chain as ChainDefinition;
    const result = await runStepChain(
      stepChain(
        appraisal.chainId as string,
        definition,
        `Thẩm định hồ sơ đề nghị khen thưởng năm ${input.year} – ${input.blocName}`,
        state.dossier?.submittedBy ?? 'unknown',
        nomineesIn(NomineeStatus.IN_APPRAISAL).map((n) => ({
          itemId: n.id,
          title: `${n.awardName ?? n.award} – ${unitName(n.unitCode)}`,
          subjectUnitCode: n.unitCode,
        })),
        false,
      ),
    );
    const councilLevels = new Set(definition.levels.filter((l) => l.approvers.role === Role.COUNCIL_MEMBER).map((l) => l.code));
    for (const nominee of nomineesIn(NomineeStatus.IN_APPRAISAL)) {
      const item = result.items[nominee.id];
      const last = item?.outcomes[item.outcomes.length - 1];
      const approved = item?.status === ItemStatus.APPROVED || item?.status === ItemStatus.ESCALATED;
      nominee.appraisal = { recommend: approved, note: last?.reason ?? `Quy trình phê duyệt ${appraisal.chainId}` };
      if (approved) nominee.status = NomineeStatus.AWAITING_DECISION;
      else
        nominee.status =
          last && councilLevels.has(last.levelCode) ? NomineeStatus.COUNCIL_REJECTED : NomineeStatus.NOT_RECOMMENDED;
    }
    appraisal.status = 'APPROVED';
    enterPhase(Phase.DECISION);
    await record(
      'APPRAISAL_CHAIN_COMPLETED',
      `Hoàn thành quy trình thẩm định: ${nomineesIn(NomineeStatus.AWAITING_DECISION).length}/${state.nominees.length} đề nghị trình Chủ tịch UBND tỉnh`,
      undefined,
      { chainId: appraisal.chainId, items: Object.fromEntries(Object.values(result.items).map((i) => [i.itemId, i.status])) },
    );
  };

  /**
   * Chain mode of the board's review of the dossier (rules.approvalChains.dossierReview): each submission is one item
   * of its own chain. Its approval is the complete dossier (nhận đủ hồ sơ, on the day of the last approval); a return
   * goes back to the Trưởng khối, whose new submission opens the next round's chain; a rejection ends the nomination.
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
      const rules = rulesOn(today());
      const definition = rules.approvalChains?.dossierReview;
      if (!definition) {
        // The rule set was edited meanwhile and no longer has the chain: the specialist reviews it directly.
        dossier.chainId = undefined;
        await record('DOSSIER_REVIEW_ESCALATED', 'Bộ quy tắc không còn quy trình kiểm tra hồ sơ; chuyên viên kiểm tra trực tiếp');
        continue;
      }
      const result = await runStepChain(
        stepChain(
          chainId,
          definition,
          `Hồ sơ đề nghị khen thưởng năm ${input.year} – ${input.blocName} (lần ${dossier.round})`,
          dossier.submittedBy ?? 'unknown',
          [
            {
              itemId: 'ho-so',
              title: `Tờ trình số ${dossier.toTrinh.number} và ${dossier.achievementReports.length} báo cáo thành tích`,
            },
          ],
          true,
          dossier.round,
        ),
      );
      const { item, last } = itemResult(result, 'ho-so');
      const by = { chainId, by: last?.userId };
      if (item.status === ItemStatus.APPROVED) {
        const at = last?.at ?? nowIso();
        await acceptDossier(dossier, vietnamDate(new Date(at)), at, undefined, by);
      } else if (item.status === ItemStatus.RETURNED) {
        dossier.status = 'RETURNED';
        dossier.returns.push({
          round: dossier.round,
          reason: last?.reason ?? '',
          by: last?.userId ?? 'system',
          at: last?.at ?? nowIso(),
        });
        await record('DOSSIER_RETURNED', `${rules.receivingAgencyName} trả hồ sơ để bổ sung: ${last?.reason ?? ''}`, undefined, {
          round: dossier.round,
          reason: last?.reason,
          ...by,
        });
      } else if (item.status === ItemStatus.WITHDRAWN) {
        dossier.status = 'WITHDRAWN';
        await record(
          'DOSSIER_WITHDRAWN',
          `Trưởng khối rút hồ sơ đề nghị khen thưởng (lần ${dossier.round}) để hoàn thiện`,
          undefined,
          {
            round: dossier.round,
            reason: last?.reason,
            ...by,
          },
        );
      } else if (item.status === ItemStatus.ESCALATED) {
        // Returned more often than allowed, escalated: the specialist decides it through the fixed review.
        dossier.chainId = undefined;
        await record(
          'DOSSIER_REVIEW_ESCALATED',
          `Hồ sơ bị trả lại quá số lần; chuyển chuyên viên Phòng TĐKT xem xét trực tiếp`,
          undefined,
          by,
        );
      } else {
        dossier.status = 'REJECTED';
        for (const n of state.nominees) {
          n.status = NomineeStatus.NOT_RECOMMENDED;
          n.appraisal = { recommend: false, note: last?.reason ?? `Hồ sơ không được chấp nhận (${chainId})` };
        }
        enterPhase(Phase.DECISION);
        await record('DOSSIER_REJECTED', `${rules.receivingAgencyName} không chấp nhận hồ sơ: ${last?.reason ?? ''}`, undefined, {
          round: dossier.round,
          reason: last?.reason,
          ...by,
        });
        return;
      }
    }
  };

  /**
   * Chain mode of the superior's approval of the elected leadership (rules.approvalChains.leadershipApproval): one item
   * per seat, the elected unit recused from its own seat. Both approved: the leadership is approved as elected.
   * Otherwise the superior designates by decision through the fixed step, naming each seat the chain did not approve.
   */
  const approveLeadershipInChain = async (): Promise<void> => {
    await condition(() => state.leadershipApproval?.chainId !== undefined && allHandlersFinished());
    const approval = state.leadershipApproval as NonNullable<CycleState['leadershipApproval']>;
    const definition = conferenceRules().approvalChains?.leadershipApproval;
    const chainId = approval.chainId as string;
    const { leader, deputy } = approval.elected;
    const result = definition
      ? await runStepChain(
          stepChain(
            chainId,
            definition,
            `Phê duyệt Trưởng khối, Phó khối năm ${input.year + 1} – ${input.blocName}`,
            approval.submittedBy ?? 'unknown',
            [
              { itemId: LEADER_SEAT, title: `Trưởng khối năm ${input.year + 1}: ${unitName(leader)}`, subjectUnitCode: leader },
              { itemId: DEPUTY_SEAT, title: `Phó khối năm ${input.year + 1}: ${unitName(deputy)}`, subjectUnitCode: deputy },
            ],
            false,
          ),
        )
      : undefined;
    const seats = result ? [itemResult(result, LEADER_SEAT), itemResult(result, DEPUTY_SEAT)] : [];
    if (seats.length === 2 && seats.every((s) => s.item.status === ItemStatus.APPROVED)) {
      const last = seats.map((s) => s.last).sort((a, b) => (a?.at ?? '').localeCompare(b?.at ?? ''))[1];
      state.leadershipApproval = {
        ...approval,
        status: 'APPROVED',
        decisionRef: `Quy trình phê duyệt ${chainId}`,
        by: last?.userId,
        at: last?.at ?? nowIso(),
      };
      await record(
        'LEADERSHIP_APPROVED',
        `Phê duyệt Trưởng khối ${unitName(leader)}, Phó khối ${unitName(deputy)} năm ${input.year + 1} (quy trình phê duyệt ${chainId})`,
        undefined,
        { chainId, by: last?.userId, nextLeader: leader, nextDeputy: deputy },
      );
      return;
    }
    const reasons = seats.flatMap((s) => (s.last?.reason ? [`${s.item.title}: ${s.last.reason}`] : []));
    approval.chainResult = {
      leader: seats[0]?.item.status ?? 'NO_CHAIN',
      deputy: seats[1]?.item.status ?? 'NO_CHAIN',
      reasons,
    };
    await record(
      'LEADERSHIP_NOT_APPROVED',
      `Kết quả bầu Trưởng khối, Phó khối chưa được phê duyệt${reasons.length ? `: ${reasons.join('; ')}` : ''}; cấp có thẩm quyền quyết định`,
      undefined,
      { chainId, ...approval.chainResult },
    );
  };

  // ---- The main line: phases that advance on their own (all signed, deadlines, children finished) ----
  await record('CYCLE_STARTED', `Khởi tạo chu kỳ thi đua năm ${input.year} của ${input.blocName}`, input.startedBy);
  // Steps the rule set may run as approval chains wait here for their start (they issue nothing until then).
  void approveLeadershipInChain();
  void reviewDossierInChains();

  await condition(() => state.phase !== Phase.LAUNCH);

  const launch = state.launch as NonNullable<CycleState['launch']>;
  const allSigned = () => memberCodes.every((c) => state.pledges[c]);
  if (recordMode) {
    await condition(() => allSigned() || closePledgesOn !== undefined);
  } else {
    const untilPledgeDeadline = Math.max(0, Date.parse(launch.pledgeDeadline) - Date.now());
    await condition(allSigned, untilPledgeDeadline);
  }
  await condition(allHandlersFinished);
  const unsigned = memberCodes.filter((c) => !state.pledges[c]);
  if (unsigned.length > 0) state.lateUnits[Phase.PLEDGE] = unsigned;
  const pledgeClosedOn = recordMode
    ? (closePledgesOn ?? latestDate(Object.values(state.pledges).map((p) => p.signedOn)) ?? launch.launchedOn)
    : undefined;

  // Children first, then the phase change: once the read model says SELF_ASSESSMENT, every unit can submit.
  for (const code of memberCodes) state.assessments[code] = { status: 'PENDING', rounds: 0 };
  const assessmentRules = rulesOn(today());
  const assessmentChain =
    assessmentRules.approvalChains?.selfAssessment && patched(PATCH_SELF_ASSESSMENT_CHAIN)
      ? {
          definition: assessmentRules.approvalChains.selfAssessment,
          calendar: input.calendar ?? [],
          extraDaysOff: assessmentRules.holidays,
        }
      : undefined;
  const children = await Promise.all(
    input.units.map((unit) =>
      startChild(unitAssessmentWorkflow, {
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
            criteria: launch.criteria,
            criteriaGroups: launch.criteriaGroups,
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
  enterPhase(Phase.SELF_ASSESSMENT, pledgeClosedOn);
  await record(
    'PLEDGE_CLOSED',
    unsigned.length === 0
      ? 'Tất cả đơn vị đã ký giao ước thi đua'
      : `Hết hạn ký giao ước; đơn vị chưa ký: ${unsigned.map(unitName).join(', ')}`,
    undefined,
    { late: unsigned },
    pledgeClosedOn,
  );

  const results: AssessmentResult[] = [];
  const pending = children.map((child) =>
    child.result().then((result) => {
      results.push(result);
      state.assessments[result.unitCode] = {
        status: result.outcome,
        total: result.total,
        selfTotal: result.selfTotal,
        scores: result.scores,
        rounds: result.rounds,
      };
    }),
  );
  await condition(() => results.length === children.length || closeSelfAssessmentRequested);
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
  const late = memberCodes.filter((c) => state.assessments[c]?.status !== 'ACCEPTED');
  if (late.length > 0) state.lateUnits[Phase.SELF_ASSESSMENT] = late;
  const selfAssessmentClosedOn = recordMode
    ? (closeSelfAssessmentOn ?? latestDate([pledgeClosedOn, ...results.map((r) => r.lastOn)]))
    : undefined;
  enterPhase(Phase.CONFERENCE, selfAssessmentClosedOn);
  await record(
    'SELF_ASSESSMENT_CLOSED',
    late.length === 0
      ? 'Tất cả đơn vị đã hoàn thành tự chấm điểm'
      : `Kết thúc tự chấm điểm; đơn vị không có kết quả: ${late.map(unitName).join(', ')}`,
    undefined,
    { late },
    selfAssessmentClosedOn,
  );

  await condition(() => state.ballot?.status === 'CLOSED');
  await condition(allHandlersFinished);
  if (state.nominees.length > 0) {
    enterPhase(Phase.SUBMISSION);
    void watchAppraisalDeadline();
    void runAppraisalChain();
    await record('SUBMISSION_OPENED', `Trưởng khối lập hồ sơ đề nghị khen thưởng gửi ${rulesOn(today()).receivingAgencyName}`);
    await condition(
      () =>
        state.phase === Phase.DECISION &&
        nomineesIn(NomineeStatus.AWAITING_DECISION).length === 0 &&
        nomineesIn(NomineeStatus.AWAITING_COUNCIL).length === 0,
    );
  }
  // The handover waits for the superior's approval where the rules require one.
  await condition(() => state.leadershipApproval === undefined || state.leadershipApproval.status === 'APPROVED');
  await condition(allHandlersFinished);

  state.completedAt = nowIso();
  enterPhase(Phase.COMPLETED);
  await record(
    'CYCLE_COMPLETED',
    `Hoàn thành chu kỳ thi đua năm ${input.year}; bàn giao Trưởng khối cho ${unitName(state.nextLeader as string)}, Phó khối ${unitName(
      state.nextDeputy as string,
    )}`,
    undefined,
    { nextLeader: state.nextLeader, nextDeputy: state.nextDeputy },
  );
  return state;
}
