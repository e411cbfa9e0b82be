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
import { checkLeader, checkUnitActor } from '../domain/authorization';
import { checkRecordedDate, type DatedStep } from '../domain/date-order';
import { computeQuorum } from '../domain/quorum';
import { rankingCascade, rankUnits } from '../domain/ranking';
import { openEndedRuleSet, ruleSetAt } from '../domain/rule-selection';
import { crossScorersOf, penaltyCriteria } from '../domain/scores';
import {
  closeLastRound,
  closeRound,
  emptyItems,
  type BallotItems,
  type FinalResult,
  type ManualChoice,
  type OpenTie,
  type RoundContext,
  type RoundResult,
  type Settled,
  type TieData,
} from '../domain/ballot-rounds';
import { checkBallotPaper } from '../domain/ballot-paper';
import { awardCap, type BallotPaper } from '../domain/tally';
import { isIsoDate, vietnamDate } from '../domain/working-days';
import { Role, type Actor } from '../shared/actors';
import {
  NomineeStatus,
  Phase,
  type AssessmentResult,
  type CloseBallotCommand,
  type Command,
  type CycleInput,
  type CycleState,
  type AppraisalState,
  type DossierState,
  type OpenBallotCommand,
  type ProjectedEvent,
  type PublishedPaper,
  type TimelineEvent,
  type VoteCountMinutes,
} from '../shared/cycle-types';
import type { EligibilityResult } from '../shared/eligibility';
import { ErrorCode } from '../shared/errors';
import { assessmentWorkflowId, leadershipChainId, nomineeId } from '../shared/ids';
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
import { AWARD_TYPES, type AwardType, LeaderSelection, TieBreaker, type ProvinceRules, type RuleSet } from '../shared/rules';
import { PHASE_SA } from '../shared/search-attributes';
import { projection } from './activities';
import type { ApprovalChainInput, ChainDefinition } from '../shared/approval';
import { unitAssessmentWorkflow } from './assessment.workflow';
import { itemResult, runStepChain } from './chain-step';
import { clone, enforce, refuse } from './refusal';
import { requireSealedStart } from './sealed';
import { scopedUpdates } from './updates';
import { PATCH_RECORD_MODE } from './record-mode';
import { acceptedStep, applyEvent, decideStep } from '../domain/cycle/machine';
import type { CycleEvent } from '../domain/cycle/events';
import type { CycleCommands } from '../domain/cycle/commands';
import type { CycleContext, CycleFacts, CycleMachine, StepName } from '../domain/cycle/types';
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
import { cycleCompleted, cycleStarted, submissionOpened } from '../domain/cycle/lifecycle';
import { PATCH_APPRAISAL_DEADLINE_TIMER, PATCH_LEADERSHIP_CHAIN, PATCH_SELF_ASSESSMENT_CHAIN } from '../shared/patches';

/** Change ids for patched() (src/shared/patches.ts): each guards a change that running cycles must not see differently on replay. */
export {
  PATCH_APPRAISAL_CHAIN,
  PATCH_APPRAISAL_DEADLINE_TIMER,
  PATCH_DOSSIER_REVIEW_CHAIN,
  PATCH_LEADERSHIP_CHAIN,
  PATCH_SELF_ASSESSMENT_CHAIN,
  PATCH_WORKING_DAY_CALENDAR,
} from '../shared/patches';
export { PATCH_RECORD_MODE } from './record-mode';

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
  // Ballot papers are kept apart from the state: queries and the read model show who voted, never what.
  let ballots: BallotPaper[] = [];
  // Sealed ballots: each voter's sealed paper in the open round, opened only by the teller's key at the close.
  let sealedPapers = new Map<string, string>();
  // The counted papers of the last round closed, with their receipts, for its published minutes.
  let lastPublished: PublishedPaper[] | undefined;
  // Rounds: the first round's items, what earlier rounds settled, their vote counts, and the tie decisions.
  let firstItems: BallotItems = emptyItems();
  let settled: Settled = { awards: {} };
  const roundMinutes: VoteCountMinutes[] = [];
  const manualChoices: ManualChoice[] = [];
  let lastInvalid = 0;
  let eligibility: EligibilityResult[] = [];

  const unitName = (code: string) => input.units.find((u) => u.code === code)?.name ?? code;
  const nowIso = () => new Date().toISOString();
  const snapshot = (): CycleState => clone(state);

  // Rule sets by validity: each step applies the set in force on its own date (the conference date, the
  // council session, the decision date; otherwise today in Vietnam). Sets published later arrive by update.
  const today = () => vietnamDate(new Date());
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
      ? decideStep(machine, name, cmd, contextFor(true))
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

  const tieItemName = (item: OpenTie['item']): string =>
    item === 'LEADER' ? 'Trưởng khối' : item === 'DEPUTY' ? 'Phó khối' : conferenceRules().awards[item].displayName;
  const describeItems = (items: BallotItems): string =>
    [
      ...AWARD_TYPES.filter((a) => (items.candidates[a] ?? []).length > 0).map(
        (a) => `${tieItemName(a)} (${items.slots[a] ?? 0} suất): ${(items.candidates[a] ?? []).map(unitName).join(', ')}`,
      ),
      ...(items.leaderCandidates.length > 0 ? [`Trưởng khối: ${items.leaderCandidates.map(unitName).join(', ')}`] : []),
      ...(items.deputyCandidates.length > 0 ? [`Phó khối: ${items.deputyCandidates.map(unitName).join(', ')}`] : []),
    ].join('; ');

  const requirePhase = (phase: Phase) => {
    if (state.phase !== phase) refuse(ErrorCode.WRONG_PHASE, `the cycle is in ${state.phase}, not ${phase}`);
  };

  setHandler(cycleStateQuery, () => state);
  setHandler(sealedPapersQuery, () => ({
    round: state.ballot?.round ?? 0,
    restarts: state.ballot?.restarts ?? 0,
    papers: [...sealedPapers.values()].sort(),
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
  onUpdate(
    openConferenceUpdate,
    async (cmd) => {
      const present = [...new Set(cmd.presentUnits)].sort();
      const conferenceSet = ruleSetOn(cmd.heldOn);
      const quorum = computeQuorum(present.length, memberCodes.length, conferenceSet.rules.conference.quorumRatio);
      const ranking = rankUnits(
        Object.entries(state.assessments)
          .filter(([, a]) => a.status === 'ACCEPTED')
          .map(([unitCode, a]) => ({ unitCode, total: a.total ?? 0, scores: a.scores })),
        rankingCascade(conferenceSet.rules, state.launch?.criteria ?? []),
      );
      state.conference = {
        openedAt: nowIso(),
        heldOn: cmd.heldOn,
        location: cmd.location,
        present,
        quorum,
        ranking,
        rulesVersion: conferenceSet.version,
      };
      await record(
        'CONFERENCE_OPENED',
        `Khai mạc hội nghị tổng kết ngày ${cmd.heldOn}: ${present.length}/${memberCodes.length} đơn vị dự, đủ điều kiện biểu quyết`,
        cmd.actor,
        { present, quorum },
        cmd.heldOn,
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.CONFERENCE);
        enforce(checkLeader(cmd.actor, state.leaderUnit, input.blocCode));
        if (state.conference) refuse(ErrorCode.WRONG_STATE, 'the conference is already open');
        if (!isIsoDate(cmd.heldOn)) refuse(ErrorCode.VALIDATION_FAILED, 'heldOn must be a date YYYY-MM-DD');
        checkOwnDate(
          cmd,
          'heldOn',
          'the conference',
          cmd.heldOn,
          phaseOpened(Phase.CONFERENCE, 'the close of the self-assessment'),
        );
        for (const code of cmd.presentUnits) {
          if (!memberCodes.includes(code)) refuse(ErrorCode.NOT_MEMBER, `unit ${code} is not a member of this bloc`);
        }
        const conferenceRulesOn = rulesOn(cmd.heldOn);
        const quorum = computeQuorum(
          new Set(cmd.presentUnits).size,
          memberCodes.length,
          conferenceRulesOn.conference.quorumRatio,
        );
        if (!quorum.met) {
          refuse(
            ErrorCode.QUORUM_NOT_MET,
            `${quorum.present} of ${quorum.base} members present; at least ${quorum.required} are required (${conferenceRulesOn.conference.basis})`,
          );
        }
      },
    },
  );

  const validateTellerKey = (key: unknown) => {
    if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{80,400}={0,2}$/.test(key))
      refuse(ErrorCode.VALIDATION_FAILED, 'tellerKey must be a P-256 public key (SPKI, base64)');
  };

  const validateBallotOpening = (cmd: OpenBallotCommand) => {
    const rules = conferenceRules();
    const accepted = (code: string) => state.assessments[code]?.status === 'ACCEPTED';
    for (const [award, codes] of Object.entries(cmd.candidates) as [AwardType, string[] | undefined][]) {
      if (!AWARD_TYPES.includes(award)) refuse(ErrorCode.VALIDATION_FAILED, `unknown award ${award}`);
      if (!rules.awards[award].enabled && (codes ?? []).length > 0)
        refuse(ErrorCode.AWARD_DISABLED, `${award} is not awarded here`);
      const seen = new Set<string>();
      for (const code of codes ?? []) {
        if (!memberCodes.includes(code)) refuse(ErrorCode.INVALID_CANDIDATE, `${code} is not a member of this bloc`);
        if (!accepted(code)) refuse(ErrorCode.INVALID_CANDIDATE, `${code} has no accepted self-assessment`);
        if (seen.has(code)) refuse(ErrorCode.INVALID_CANDIDATE, `${code} is listed twice for ${award}`);
        seen.add(code);
        const result = cmd.eligibility?.find((e) => e.unitCode === code && e.award === award);
        if (result && !result.eligible) {
          const failed = result.checks.filter((c) => !c.passed);
          refuse(ErrorCode.NOT_ELIGIBLE, `${code} for ${award}: ${failed.map((c) => `${c.detail} (${c.clause})`).join('; ')}`);
        }
      }
    }
    const electsLeader = rules.leaderSelection !== LeaderSelection.APPOINTED && !rules.deputyPromotes;
    const electsDeputy = rules.leaderSelection !== LeaderSelection.APPOINTED;
    for (const code of [...cmd.leaderCandidates, ...cmd.deputyCandidates]) {
      if (!memberCodes.includes(code)) refuse(ErrorCode.INVALID_CANDIDATE, `${code} is not a member of this bloc`);
    }
    if (electsLeader && cmd.leaderCandidates.length === 0)
      refuse(ErrorCode.VALIDATION_FAILED, 'leaderCandidates must not be empty');
    if (electsDeputy && cmd.deputyCandidates.length === 0)
      refuse(ErrorCode.VALIDATION_FAILED, 'deputyCandidates must not be empty');
  };

  onUpdate(
    openBallotUpdate,
    async (cmd) => {
      const rules = conferenceRules();
      const deputyPromoted = rules.deputyPromotes && rules.leaderSelection !== LeaderSelection.APPOINTED;
      const first: BallotItems = {
        candidates: cmd.candidates,
        slots: Object.fromEntries(
          AWARD_TYPES.filter((a) => (cmd.candidates[a] ?? []).length > 0).map((a) => [
            a,
            awardCap(rules.awards[a], memberCodes.length),
          ]),
        ),
        leaderCandidates: deputyPromoted ? [] : cmd.leaderCandidates,
        deputyCandidates: cmd.deputyCandidates,
      };
      firstItems = first;
      eligibility = cmd.eligibility ?? [];
      state.ballot = { status: 'OPEN', round: 1, ...first, voted: [] };
      if (cmd.tellerKey) state.ballot.tellerKey = cmd.tellerKey;
      const list = AWARD_TYPES.filter((a) => (cmd.candidates[a] ?? []).length > 0)
        .map((a) => `${rules.awards[a].displayName}: ${(cmd.candidates[a] ?? []).map(unitName).join(', ')}`)
        .join('; ');
      await record('BALLOT_OPENED', `Mở bỏ phiếu ${rules.conference.secretBallot ? 'kín ' : ''}suy tôn. ${list}`, cmd.actor, {
        candidates: cmd.candidates,
      });
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.CONFERENCE);
        enforce(checkLeader(cmd.actor, state.leaderUnit, input.blocCode));
        if (!state.conference) refuse(ErrorCode.WRONG_STATE, 'open the conference with its attendance first');
        if (state.ballot) refuse(ErrorCode.WRONG_STATE, 'the ballot is already open');
        if (cmd.tellerKey !== undefined) validateTellerKey(cmd.tellerKey);
        validateBallotOpening(cmd);
      },
    },
  );

  onUpdate(
    castBallotUpdate,
    async (cmd) => {
      const ballot = state.ballot;
      if (!ballot) return refuse(ErrorCode.WRONG_STATE, 'no ballot is open');
      if (cmd.choices) ballots.push({ choices: cmd.choices, nextLeader: cmd.nextLeader, nextDeputy: cmd.nextDeputy });
      const unit = cmd.actor.unitCode as string;
      if (cmd.sealed) sealedPapers.set(unit, cmd.sealed);
      if (!state.conference?.present.includes(unit)) ballot.writtenVotes = [...(ballot.writtenVotes ?? []), unit].sort();
      ballot.voted = [...ballot.voted, unit].sort();
      await record('BALLOT_CAST', `${unitName(cmd.actor.unitCode as string)} đã bỏ phiếu (vòng ${ballot.round})`, cmd.actor);
      // The vote and its sealed paper are one update: its result carries the paper, so a retry can compare.
      return cmd.sealed ? { ...snapshot(), sealed: cmd.sealed } : state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.CONFERENCE);
        enforce(checkUnitActor(cmd.actor, cmd.actor.unitCode ?? '', memberCodes, Role.UNIT_HEAD));
        const unit = cmd.actor.unitCode as string;
        if (!state.ballot || state.ballot.status !== 'OPEN') refuse(ErrorCode.WRONG_STATE, 'no ballot is open');
        if (!state.conference?.present.includes(unit) && !conferenceRules().conference.allowAbsentWrittenVote) {
          refuse(ErrorCode.NOT_PRESENT, `${unit} is not recorded as present`);
        }
        if (state.ballot.voted.includes(unit)) refuse(ErrorCode.ALREADY_VOTED, `${unit} has already voted`);
        if (state.ballot.tellerKey) {
          if (typeof cmd.sealed !== 'string' || !/^[A-Za-z0-9+/]{5000,20000}={0,2}$/.test(cmd.sealed))
            refuse(ErrorCode.VALIDATION_FAILED, 'a sealed ballot takes the paper sealed to the teller key');
          if (cmd.choices) refuse(ErrorCode.VALIDATION_FAILED, 'a sealed ballot takes no plain choices');
        } else if (cmd.sealed !== undefined) {
          refuse(ErrorCode.WRONG_STATE, 'this ballot has no teller key; the Trưởng khối restarts the round with one');
        }
        if (cmd.choices) {
          const paper = { choices: cmd.choices, nextLeader: cmd.nextLeader, nextDeputy: cmd.nextDeputy };
          enforce(checkBallotPaper(state.ballot, conferenceRules(), memberCodes.length, paper));
        }
      },
    },
  );

  const roundContext = (invalidBallots = 0): RoundContext => {
    const conference = state.conference as NonNullable<CycleState['conference']>;
    const written = state.ballot?.writtenVotes?.length ?? 0;
    return {
      awards: conferenceRules().awards,
      original: firstItems,
      totalMembers: memberCodes.length,
      presentCount: conference.present.length,
      ballotsIssued: conference.present.length + written,
      ranking: conference.ranking,
      invalidBallots,
    };
  };

  /**
   * The round's papers: from the ballot box when the close brings them (each checked; an invalid paper is
   * counted, not tallied), or as registered by cycles from before the box.
   */
  const papersOf = (cmd: CloseBallotCommand): { valid: BallotPaper[]; invalid: number; published?: PublishedPaper[] } => {
    if (!cmd.papers) return { valid: ballots, invalid: 0 };
    const ballot = state.ballot as NonNullable<CycleState['ballot']>;
    const checked = cmd.papers.map((p) => {
      const paper: BallotPaper = { choices: p.choices, nextLeader: p.nextLeader, nextDeputy: p.nextDeputy };
      return { p, paper, valid: checkBallotPaper(ballot, conferenceRules(), memberCodes.length, paper).ok };
    });
    const valid = checked.filter((c) => c.valid).map((c) => c.paper);
    const published = ballot.tellerKey
      ? checked
          .map(({ p, paper, valid }): PublishedPaper => ({ receipt: p.receipt ?? '', ...paper, valid }))
          .sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0))
      : undefined;
    return { valid, invalid: cmd.papers.length - valid.length, published };
  };
  const withPapers = (minutes: VoteCountMinutes): VoteCountMinutes =>
    lastPublished ? { ...minutes, papers: lastPublished } : minutes;
  const currentItems = (): BallotItems => {
    const ballot = state.ballot as NonNullable<CycleState['ballot']>;
    return {
      candidates: ballot.candidates,
      slots: ballot.slots ?? {},
      leaderCandidates: ballot.leaderCandidates,
      deputyCandidates: ballot.deputyCandidates,
    };
  };
  const tieData = (): TieData => {
    const conference = conferenceRules().conference;
    return {
      tieBreakers: conference.tieBreakers ?? [TieBreaker.TOTAL_SCORE, TieBreaker.LEADER_DEPUTY_DECIDE],
      indicatorOrder: conference.indicatorOrder ?? [],
      scores: Object.fromEntries(Object.entries(state.assessments).map(([unit, a]) => [unit, a.scores])),
      penaltyCriteria: penaltyCriteria(state.launch?.criteria ?? []),
      womenRatio: Object.fromEntries(input.units.map((u) => [u.code, u.womenRatio])),
    };
  };
  const maxRounds = () => conferenceRules().conference.maxBallotRounds ?? 2;

  /** The outcome of closing the current round now: a next round, a tie for the leaders, or the result. */
  const closing = (papers: { valid: BallotPaper[]; invalid: number }): { round?: RoundResult; final?: FinalResult } => {
    const ballot = state.ballot as NonNullable<CycleState['ballot']>;
    const ctx = roundContext(papers.invalid);
    if (ballot.status === 'OPEN' && ballot.round < maxRounds()) {
      const round = closeRound(ctx, currentItems(), settled, papers.valid);
      if (round.next) return { round };
      return { round, final: { minutes: round.minutes, settled: round.settled, tieBreaks: [] } };
    }
    return { final: closeLastRound(ctx, currentItems(), settled, papers.valid, tieData(), manualChoices) };
  };

  const leadership = (result: Settled): { nextLeader?: string; nextDeputy?: string } => {
    const rules = conferenceRules();
    if (rules.leaderSelection === LeaderSelection.APPOINTED)
      return { nextLeader: state.leaderUnit, nextDeputy: state.deputyUnit };
    return { nextLeader: rules.deputyPromotes ? state.deputyUnit : result.leader, nextDeputy: result.deputy };
  };

  const conclude = async (final: FinalResult, actor: Actor) => {
    const conference = state.conference as NonNullable<CycleState['conference']>;
    const ballot = state.ballot as NonNullable<CycleState['ballot']>;
    const rules = conferenceRules();
    const { nextLeader, nextDeputy } = leadership(final.settled);
    roundMinutes.push(withPapers(final.minutes));
    ballot.status = 'CLOSED';
    ballot.openTie = undefined;
    ballot.tieProposal = undefined;
    state.nextLeader = nextLeader;
    state.nextDeputy = nextDeputy;
    if (rules.leaderSelection === LeaderSelection.ELECTED_THEN_APPROVED && nextLeader && nextDeputy) {
      state.leadershipApproval = { status: 'PENDING', elected: { leader: nextLeader, deputy: nextDeputy } };
      if (rules.approvalChains?.leadershipApproval && patched(PATCH_LEADERSHIP_CHAIN)) {
        state.leadershipApproval.chainId = leadershipChainId(state.cycleId);
        state.leadershipApproval.submittedBy = actor.userId;
      }
    }
    const votesFor = (award: AwardType, unit: string) => {
      for (const minutes of [...roundMinutes].reverse()) {
        const found = minutes.awards.find((a) => a.award === award)?.candidates.find((c) => c.unitCode === unit);
        if (found) return found.votes;
      }
      return 0;
    };
    state.minutes = {
      blocName: input.blocName,
      year: input.year,
      heldOn: conference.heldOn,
      location: conference.location,
      chairedBy: state.leaderUnit,
      membersTotal: memberCodes.length,
      present: conference.present,
      absent: memberCodes.filter((c) => !conference.present.includes(c)),
      quorum: conference.quorum,
      ranking: conference.ranking,
      voteCount: roundMinutes[0],
      rounds: [...roundMinutes],
      tieBreaks: final.tieBreaks,
      nextLeader: nextLeader as string,
      nextDeputy: nextDeputy as string,
      rulesVersion: conference.rulesVersion ?? state.rulesVersion,
      scoreAdjustments: memberCodes.flatMap((unitCode) =>
        (state.assessments[unitCode]?.scores ?? [])
          .filter((score) => score.reason)
          .map((score) => ({
            unitCode,
            criterionCode: score.criterionCode,
            points: score.points,
            reason: score.reason as string,
          })),
      ),
    };
    state.nominees = AWARD_TYPES.flatMap((award) =>
      (final.settled.awards[award] ?? []).map((unitCode) => ({
        id: nomineeId(award, unitCode),
        unitCode,
        award,
        awardName: rules.awards[award].displayName,
        eligibility: eligibility.find((e) => e.unitCode === unitCode && e.award === award)?.checks,
        status: NomineeStatus.PROPOSED,
        ballotVotes: votesFor(award, unitCode),
      })),
    );
    const awarded = state.nominees.map((n) => `${n.awardName ?? n.award}: ${unitName(n.unitCode)}`).join('; ');
    await record(
      'BALLOT_CLOSED',
      `Kết quả kiểm phiếu: ${awarded || 'không có đơn vị đạt'}. Bầu ${unitName(nextLeader as string)} làm Trưởng khối, ${unitName(
        nextDeputy as string,
      )} làm Phó khối năm ${input.year + 1}`,
      actor,
      { nominees: state.nominees.map((n) => n.id), nextLeader, nextDeputy, rounds: roundMinutes.length },
    );
  };

  const requireDecidedLeadership = (final: FinalResult | undefined) => {
    if (!final || final.open) return;
    const { nextLeader, nextDeputy } = leadership(final.settled);
    if (!nextLeader || !nextDeputy)
      refuse(ErrorCode.ELECTION_UNDECIDED, 'no unit received a vote for Trưởng khối or Phó khối; vote again');
  };

  onUpdate(
    closeBallotUpdate,
    async (cmd) => {
      const ballot = state.ballot as NonNullable<CycleState['ballot']>;
      const papers = papersOf(cmd);
      // The round's papers stay in memory: a tie decision re-runs the last round from them.
      ballots = papers.valid;
      lastInvalid = papers.invalid;
      lastPublished = papers.published;
      if (ballot.tellerKey) sealedPapers = new Map();
      const { round, final } = closing(papers);
      if (round?.next) {
        roundMinutes.push(withPapers(round.minutes));
        settled = round.settled;
        ballots = [];
        state.ballot = { status: 'OPEN', round: ballot.round + 1, ...round.next, voted: [] };
        if (ballot.tellerKey) state.ballot.tellerKey = ballot.tellerKey;
        const open = describeItems(round.next);
        await record(
          'BALLOT_NEXT_ROUND',
          `Kết quả vòng ${ballot.round} có số phiếu bằng nhau; bỏ phiếu vòng ${ballot.round + 1}: ${open}`,
          cmd.actor,
          {
            round: ballot.round + 1,
            items: round.next,
          },
        );
        return state;
      }
      const result = final as FinalResult;
      if (result.open) {
        ballot.status = 'AWAITING_TIE_DECISION';
        ballot.openTie = result.open;
        await record(
          'BALLOT_TIE_UNRESOLVED',
          `Sau ${ballot.round} vòng vẫn bằng phiếu (${tieItemName(result.open.item)}: ${result.open.tied.map(unitName).join(', ')}); Trưởng khối và Phó khối quyết định`,
          cmd.actor,
          { tie: result.open },
        );
        return state;
      }
      await conclude(result, cmd.actor);
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.CONFERENCE);
        enforce(checkLeader(cmd.actor, state.leaderUnit, input.blocCode));
        if (!state.ballot || state.ballot.status !== 'OPEN') refuse(ErrorCode.WRONG_STATE, 'no ballot is open');
        if (state.ballot.voted.length === 0) refuse(ErrorCode.WRONG_STATE, 'no ballot has been cast');
        if (cmd.papers && cmd.papers.length !== state.ballot.voted.length) {
          refuse(ErrorCode.BALLOT_BOX_MISMATCH, `${cmd.papers.length} papers in the box for ${state.ballot.voted.length} voters`);
        }
        if (state.ballot.tellerKey) {
          if (!cmd.papers || cmd.papers.length !== sealedPapers.size)
            refuse(
              ErrorCode.BALLOT_BOX_MISMATCH,
              `${cmd.papers?.length ?? 0} papers opened for ${sealedPapers.size} sealed papers`,
            );
          const receipts = new Set(cmd.papers.map((p) => p.receipt));
          if (
            receipts.size !== cmd.papers.length ||
            cmd.papers.some((p) => typeof p.receipt !== 'string' || !/^[A-Za-z0-9_-]{16}$/.test(p.receipt))
          )
            refuse(ErrorCode.BALLOT_BOX_MISMATCH, 'each opened paper carries its own receipt');
        }
        requireDecidedLeadership(closing(papersOf(cmd)).final);
      },
    },
  );

  /** The teller key was lost: the Trưởng khối re-runs the open round under a new key; its papers are discarded unread. */
  onUpdate(
    restartBallotUpdate,
    async (cmd) => {
      const ballot = state.ballot as NonNullable<CycleState['ballot']>;
      const discarded = ballot.voted.length;
      sealedPapers = new Map();
      ballot.voted = [];
      ballot.writtenVotes = undefined;
      ballot.tellerKey = cmd.tellerKey;
      ballot.restarts = (ballot.restarts ?? 0) + 1;
      await record(
        'BALLOT_RESTARTED',
        `Bỏ phiếu lại vòng ${ballot.round} (hủy ${discarded} phiếu chưa kiểm): ${cmd.reason.trim()}`,
        cmd.actor,
        { round: ballot.round, discarded, reason: cmd.reason.trim() },
      );
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.CONFERENCE);
        enforce(checkLeader(cmd.actor, state.leaderUnit, input.blocCode));
        if (!state.ballot || state.ballot.status !== 'OPEN') refuse(ErrorCode.WRONG_STATE, 'no ballot round is open');
        if (typeof cmd.reason !== 'string' || cmd.reason.trim().length === 0)
          refuse(ErrorCode.REASON_REQUIRED, 'say why the round is run again');
        validateTellerKey(cmd.tellerKey);
      },
    },
  );

  /** A tie left after the last round: the Trưởng khối proposes, the Phó khối confirms the same choice. */
  onUpdate(
    decideTieUpdate,
    async (cmd) => {
      const ballot = state.ballot as NonNullable<CycleState['ballot']>;
      const open = ballot.openTie as OpenTie;
      if (cmd.actor.unitCode === state.leaderUnit) {
        ballot.tieProposal = { item: cmd.item, chosen: [...cmd.chosen].sort(), by: cmd.actor.userId };
        await record(
          'TIE_PROPOSED',
          `Trưởng khối đề xuất ${cmd.chosen.map(unitName).join(', ')} (${tieItemName(open.item)})`,
          cmd.actor,
          {
            item: cmd.item,
            chosen: cmd.chosen,
          },
        );
        return state;
      }
      manualChoices.push({ item: cmd.item, chosen: [...cmd.chosen].sort() });
      ballot.tieProposal = undefined;
      await record(
        'TIE_DECIDED',
        `Trưởng khối và Phó khối quyết định ${cmd.chosen.map(unitName).join(', ')} (${tieItemName(open.item)})`,
        cmd.actor,
        {
          item: cmd.item,
          chosen: cmd.chosen,
        },
      );
      // The last round's papers and what earlier rounds settled are unchanged; re-run it with the decision.
      const final = closeLastRound(roundContext(lastInvalid), currentItems(), settled, ballots, tieData(), manualChoices);
      if (final.open) {
        ballot.openTie = final.open;
        return state;
      }
      await conclude(final, cmd.actor);
      return state;
    },
    {
      validator: (cmd) => {
        requirePhase(Phase.CONFERENCE);
        const ballot = state.ballot;
        if (!ballot || ballot.status !== 'AWAITING_TIE_DECISION' || !ballot.openTie)
          refuse(ErrorCode.WRONG_STATE, 'no tie awaits a decision');
        const isLeader = cmd.actor.role === Role.UNIT_HEAD && cmd.actor.unitCode === state.leaderUnit;
        const isDeputy = cmd.actor.role === Role.UNIT_HEAD && cmd.actor.unitCode === state.deputyUnit;
        if (!isLeader && !isDeputy) refuse(ErrorCode.NOT_LEADER, 'only the Trưởng khối and the Phó khối decide a tie');
        const open = ballot.openTie;
        if (cmd.item !== open.item) refuse(ErrorCode.VALIDATION_FAILED, `the open tie is for ${open.item}`);
        const chosen = [...new Set(cmd.chosen)];
        if (chosen.length !== open.slots || chosen.length !== cmd.chosen.length) {
          refuse(ErrorCode.VALIDATION_FAILED, `choose exactly ${open.slots} of ${open.tied.join(', ')}`);
        }
        for (const unit of chosen)
          if (!open.tied.includes(unit)) refuse(ErrorCode.INVALID_CANDIDATE, `${unit} is not in the tie`);
        if (isDeputy) {
          const proposal = ballot.tieProposal;
          if (!proposal) refuse(ErrorCode.WRONG_STATE, 'the Trưởng khối has not proposed a choice yet');
          if (proposal.item !== cmd.item || proposal.chosen.join(',') !== [...chosen].sort().join(',')) {
            refuse(ErrorCode.TIE_DECISION_MISMATCH, `the Trưởng khối proposed ${proposal.chosen.join(', ')}`);
          }
        }
      },
    },
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

  // ---- The main line: phases that advance on their own (all signed, deadlines, children finished) ----
  await run(cycleStarted(written(), input.startedBy));
  // Steps the rule set may run as approval chains wait here for their start (they issue nothing until then).
  void approveLeadershipInChain();
  void reviewDossierInChains();

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
  return state;
}
