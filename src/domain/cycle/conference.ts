import { checkBallotPaper, sealedPaperFits } from '../ballot-paper';
import {
  closeLastRound,
  closeRound,
  type BallotItems,
  type FinalResult,
  type ManualChoice,
  type OpenTie,
  type RoundContext,
  type RoundResult,
  type Settled,
  type TieData,
} from '../ballot-rounds';
import { checkLeader, checkUnitActor } from '../authorization';
import { fail, PASS, type Check } from '../outcome';
import { computeQuorum } from '../quorum';
import { rankingCascade, rankUnits } from '../ranking';
import { ruleSetAt } from '../rule-selection';
import { penaltyCriteria } from '../scores';
import { awardCap, type BallotPaper } from '../tally';
import { isIsoDate } from '../working-days';
import { Role, type Actor } from '../../shared/actors';
import {
  NomineeStatus,
  Phase,
  type CloseBallotCommand,
  type ConferenceMinutes,
  type CycleState,
  type Nominee,
  type OpenBallotCommand,
  type PublishedPaper,
  type VoteCountMinutes,
} from '../../shared/cycle-types';
import type { EligibilityResult } from '../../shared/eligibility';
import { ErrorCode } from '../../shared/errors';
import { leadershipChainId, nomineeId } from '../../shared/ids';
import { PATCH_GOVERNMENT_FLAG_CANDIDACY, PATCH_LEADERSHIP_CHAIN } from '../../shared/patches';
import { AWARD_TYPES, AwardType, LeaderSelection, TieBreaker, type ProvinceRules } from '../../shared/rules';
import { checkOwnDate, conferenceRules, phaseOpened, requirePhase, ruleSetOn, rulesOn } from './common';
import type { Appliers, CycleEvent } from './events';
import { enforce, refuse } from './refusal';
import type { CycleContext, CycleMachine, EventEnvelope, GuardEnv, StepRules } from './types';

// ---- CONFERENCE (hội nghị tổng kết, bình xét, suy tôn) ----

type Ballot = NonNullable<CycleState['ballot']>;
type Conference = NonNullable<CycleState['conference']>;

/** The papers a close counted: kept hidden for a tie decision (which re-runs the last round) and the published minutes. */
export interface CountedPapers {
  valid: BallotPaper[];
  invalid: number;
  published?: PublishedPaper[];
}

/** What the conclusion of the ballot sets: the round's minutes, the result, the conference's minutes, the nominees. */
export interface BallotResult {
  /** The last round's vote count, with its published papers. */
  round: VoteCountMinutes;
  nextLeader?: string;
  nextDeputy?: string;
  leadershipApproval?: CycleState['leadershipApproval'];
  minutes: ConferenceMinutes;
  nominees: Nominee[];
}

/**
 * The conference's events. Papers (a vote's choices, the close's opened papers) travel in the event's payload to the
 * hidden state only: the shell projects `data`, which never carries what a unit chose.
 */
export type ConferenceEvent =
  | (EventEnvelope & { type: 'CONFERENCE_OPENED'; conference: Conference })
  | (EventEnvelope & { type: 'BALLOT_OPENED'; first: BallotItems; eligibility: EligibilityResult[]; tellerKey?: string })
  | (EventEnvelope & { type: 'BALLOT_CAST'; unit: string; paper?: BallotPaper; sealed?: string })
  | (EventEnvelope & { type: 'BALLOT_RESTARTED'; tellerKey: string })
  | (EventEnvelope & {
      type: 'BALLOT_NEXT_ROUND';
      counted: CountedPapers;
      minutes: VoteCountMinutes;
      settled: Settled;
      next: BallotItems;
    })
  | (EventEnvelope & { type: 'BALLOT_TIE_UNRESOLVED'; counted: CountedPapers; open: OpenTie })
  | (EventEnvelope & { type: 'TIE_PROPOSED'; proposal: NonNullable<Ballot['tieProposal']> })
  | (EventEnvelope & { type: 'TIE_DECIDED'; choice: ManualChoice })
  /** The Trưởng khối's and Phó khối's choice settled one tie and the re-run last round left another. */
  | (EventEnvelope & { type: 'TIE_REMAINS'; silent: true; open: OpenTie })
  | (EventEnvelope & { type: 'BALLOT_CLOSED'; counted?: CountedPapers; result: BallotResult });

const atOf = (ctx: CycleContext): string => new Date(ctx.now).toISOString();

/** The first failing check, in order (a guard's conditions read like the validator's). */
function firstFailing(...checks: (() => Check)[]): Check {
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  return PASS;
}

const when = (refused: boolean, code: ErrorCode, detail: string) => (): Check => (refused ? fail(code, detail) : PASS);

function ballotOf(view: CycleState): Ballot {
  if (!view.ballot) refuse(ErrorCode.WRONG_STATE, 'no ballot is open');
  return view.ballot;
}

function conferenceOf(view: CycleState): Conference {
  if (!view.conference) refuse(ErrorCode.WRONG_STATE, 'open the conference with its attendance first');
  return view.conference;
}

/**
 * What a guard needs beyond the view, as the workflow knows it: whether the rule set of the conference counts written
 * votes of absent members (the inbox reads the same from the read model).
 */
export function guardEnvOf(m: CycleMachine, ctx: Pick<CycleContext, 'today'>): Omit<GuardEnv, 'now'> {
  const set = ruleSetAt(m.hidden.ruleSets, m.view.conference?.heldOn ?? ctx.today);
  return set ? { allowAbsentWrittenVote: set.rules.conference.allowAbsentWrittenVote } : {};
}

/** The display names of the awards a sentence names (the view has no rules; the read side writes from the data). */
function awardNames(rules: ProvinceRules, items: readonly string[]): Partial<Record<AwardType, string>> {
  return Object.fromEntries(AWARD_TYPES.filter((a) => items.includes(a)).map((a) => [a, rules.awards[a].displayName]));
}

const awardsOf = (items: Pick<BallotItems, 'candidates'>): AwardType[] =>
  AWARD_TYPES.filter((a) => (items.candidates[a] ?? []).length > 0);

function validateTellerKey(key: unknown): void {
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{80,400}={0,2}$/.test(key))
    refuse(ErrorCode.VALIDATION_FAILED, 'tellerKey must be a P-256 public key (SPKI, base64)');
}

function validateBallotOpening(m: CycleMachine, cmd: OpenBallotCommand, ctx: CycleContext): void {
  const rules = conferenceRules(m, ctx);
  const memberCodes = ctx.facts.memberCodes;
  const accepted = (code: string) => m.view.assessments[code]?.status === 'ACCEPTED';
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
  // Refused here only (the validator): a history that opened such a ballot before this check replays as it ran.
  const flagCandidates = cmd.candidates[AwardType.CO_THI_DUA_TINH] ?? [];
  const notFlagCandidate = (cmd.candidates[AwardType.CO_THI_DUA_CHINH_PHU] ?? []).filter((c) => !flagCandidates.includes(c));
  if (requiresProvincialFlag(rules) && notFlagCandidate.length > 0)
    refuse(
      ErrorCode.GOVERNMENT_FLAG_REQUIRES_PROVINCIAL_FLAG,
      `${notFlagCandidate.join(', ')} for ${AwardType.CO_THI_DUA_CHINH_PHU} must also be a ${AwardType.CO_THI_DUA_TINH} candidate: rule governmentFlagCandidacy.requiresProvincialFlag (${rules.governmentFlagCandidacy?.basis ?? 'Luật Thi đua, khen thưởng 2022, Điều 25 khoản 1; Công văn 5007/BNV-TĐKT'})`,
    );
  const electsLeader = rules.leaderSelection !== LeaderSelection.APPOINTED && !rules.deputyPromotes;
  const electsDeputy = rules.leaderSelection !== LeaderSelection.APPOINTED;
  for (const code of [...cmd.leaderCandidates, ...cmd.deputyCandidates]) {
    if (!memberCodes.includes(code)) refuse(ErrorCode.INVALID_CANDIDATE, `${code} is not a member of this bloc`);
  }
  if (electsLeader && cmd.leaderCandidates.length === 0)
    refuse(ErrorCode.VALIDATION_FAILED, 'leaderCandidates must not be empty');
  if (electsDeputy && cmd.deputyCandidates.length === 0)
    refuse(ErrorCode.VALIDATION_FAILED, 'deputyCandidates must not be empty');
}

/** Whether the rule set of the conference requires a Cờ CP candidate to be a provincial-flag candidate (default yes). */
const requiresProvincialFlag = (rules: ProvinceRules): boolean => rules.governmentFlagCandidacy?.requiresProvincialFlag ?? true;

function roundContext(m: CycleMachine, ctx: CycleContext, invalidBallots = 0): RoundContext {
  const conference = conferenceOf(m.view);
  const written = m.view.ballot?.writtenVotes?.length ?? 0;
  const rules = conferenceRules(m, ctx);
  // Asked wherever a ballot with Cờ CP candidates is counted (closing a round, re-running the last one after a tie
  // decision), and only then: the Cờ CP lines of the minutes and a candidacy of its own change what a cycle records.
  const withGovernmentFlag = (m.hidden.firstItems.candidates[AwardType.CO_THI_DUA_CHINH_PHU] ?? []).length > 0;
  const governmentFlag =
    withGovernmentFlag && ctx.feature(PATCH_GOVERNMENT_FLAG_CANDIDACY)
      ? { governmentFlag: { requiresProvincialFlag: requiresProvincialFlag(rules) } }
      : {};
  return {
    ...governmentFlag,
    awards: rules.awards,
    original: m.hidden.firstItems,
    totalMembers: ctx.facts.memberCodes.length,
    presentCount: conference.present.length,
    ballotsIssued: conference.present.length + written,
    ranking: conference.ranking,
    invalidBallots,
  };
}

/**
 * The round's papers: from the ballot box when the close brings them (each checked; an invalid paper is counted, not
 * tallied), or as registered by cycles from before the box.
 */
function papersOf(m: CycleMachine, cmd: CloseBallotCommand, ctx: CycleContext): CountedPapers {
  if (!cmd.papers) return { valid: m.hidden.ballots, invalid: 0 };
  const ballot = ballotOf(m.view);
  const checked = cmd.papers.map((p) => {
    const paper: BallotPaper = { choices: p.choices, nextLeader: p.nextLeader, nextDeputy: p.nextDeputy };
    return { p, paper, valid: checkBallotPaper(ballot, conferenceRules(m, ctx), ctx.facts.memberCodes.length, paper).ok };
  });
  const valid = checked.filter((c) => c.valid).map((c) => c.paper);
  const published = ballot.tellerKey
    ? checked
        .map(({ p, paper, valid }): PublishedPaper => ({ receipt: p.receipt ?? '', ...paper, valid }))
        .sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0))
    : undefined;
  return { valid, invalid: cmd.papers.length - valid.length, published };
}

/** A round's minutes with the papers it counted, where they were opened by the teller's key. */
const withPapers = (minutes: VoteCountMinutes, published: PublishedPaper[] | undefined): VoteCountMinutes =>
  published ? { ...minutes, papers: published } : minutes;

function currentItems(view: CycleState): BallotItems {
  const ballot = ballotOf(view);
  return {
    candidates: ballot.candidates,
    slots: ballot.slots ?? {},
    leaderCandidates: ballot.leaderCandidates,
    deputyCandidates: ballot.deputyCandidates,
  };
}

function tieData(m: CycleMachine, ctx: CycleContext): TieData {
  const conference = conferenceRules(m, ctx).conference;
  return {
    tieBreakers: conference.tieBreakers ?? [TieBreaker.TOTAL_SCORE, TieBreaker.LEADER_DEPUTY_DECIDE],
    indicatorOrder: conference.indicatorOrder ?? [],
    scores: Object.fromEntries(Object.entries(m.view.assessments).map(([unit, a]) => [unit, a.scores])),
    penaltyCriteria: penaltyCriteria(m.view.launch?.criteria ?? []),
    womenRatio: Object.fromEntries(ctx.facts.units.map((u) => [u.code, u.womenRatio])),
  };
}

const maxRounds = (m: CycleMachine, ctx: CycleContext): number => conferenceRules(m, ctx).conference.maxBallotRounds ?? 2;

/** The outcome of closing the current round now: a next round, a tie for the leaders, or the result. */
function closing(m: CycleMachine, ctx: CycleContext, papers: CountedPapers): { round?: RoundResult; final?: FinalResult } {
  const ballot = ballotOf(m.view);
  const round = roundContext(m, ctx, papers.invalid);
  if (ballot.status === 'OPEN' && ballot.round < maxRounds(m, ctx)) {
    const result = closeRound(round, currentItems(m.view), m.hidden.settled, papers.valid);
    if (result.next) return { round: result };
    return { round: result, final: { minutes: result.minutes, settled: result.settled, tieBreaks: [] } };
  }
  return {
    final: closeLastRound(round, currentItems(m.view), m.hidden.settled, papers.valid, tieData(m, ctx), m.hidden.manualChoices),
  };
}

function leadership(m: CycleMachine, ctx: CycleContext, result: Settled): { nextLeader?: string; nextDeputy?: string } {
  const rules = conferenceRules(m, ctx);
  if (rules.leaderSelection === LeaderSelection.APPOINTED)
    return { nextLeader: m.view.leaderUnit, nextDeputy: m.view.deputyUnit };
  return { nextLeader: rules.deputyPromotes ? m.view.deputyUnit : result.leader, nextDeputy: result.deputy };
}

function requireDecidedLeadership(m: CycleMachine, ctx: CycleContext, final: FinalResult | undefined): void {
  if (!final || final.open) return;
  const { nextLeader, nextDeputy } = leadership(m, ctx, final.settled);
  if (!nextLeader || !nextDeputy)
    refuse(ErrorCode.ELECTION_UNDECIDED, 'no unit received a vote for Trưởng khối or Phó khối; vote again');
}

/**
 * The ballot's result: the minutes of the conference, the nominees, next year's leadership (awaiting the superior's
 * approval where the rules say so, in an approval chain where they configure one). `published`: the papers of the
 * last round counted, for its minutes.
 */
function conclude(
  m: CycleMachine,
  ctx: CycleContext,
  final: FinalResult,
  actor: Actor,
  published: PublishedPaper[] | undefined,
  counted?: CountedPapers,
): ConferenceEvent {
  const { view, hidden } = m;
  const memberCodes = ctx.facts.memberCodes;
  const conference = conferenceOf(view);
  const rules = conferenceRules(m, ctx);
  const { nextLeader, nextDeputy } = leadership(m, ctx, final.settled);
  const round = withPapers(final.minutes, published);
  const rounds = [...hidden.roundMinutes, round];
  let leadershipApproval: CycleState['leadershipApproval'];
  if (rules.leaderSelection === LeaderSelection.ELECTED_THEN_APPROVED && nextLeader && nextDeputy) {
    leadershipApproval = { status: 'PENDING', elected: { leader: nextLeader, deputy: nextDeputy } };
    // Asked here, after the other checks, exactly where the workflow asked patched() before the machine.
    if (rules.approvalChains?.leadershipApproval && ctx.feature(PATCH_LEADERSHIP_CHAIN)) {
      leadershipApproval.chainId = leadershipChainId(view.cycleId);
      leadershipApproval.submittedBy = actor.userId;
    }
  }
  const votesFor = (award: AwardType, unit: string) => {
    for (const minutes of [...rounds].reverse()) {
      const found = minutes.awards.find((a) => a.award === award)?.candidates.find((c) => c.unitCode === unit);
      if (found) return found.votes;
    }
    return 0;
  };
  const minutes: ConferenceMinutes = {
    blocName: ctx.facts.blocName,
    year: ctx.facts.year,
    heldOn: conference.heldOn,
    location: conference.location,
    chairedBy: view.leaderUnit,
    membersTotal: memberCodes.length,
    present: conference.present,
    absent: memberCodes.filter((c) => !conference.present.includes(c)),
    quorum: conference.quorum,
    ranking: conference.ranking,
    voteCount: rounds[0],
    rounds,
    tieBreaks: final.tieBreaks,
    nextLeader: nextLeader as string,
    nextDeputy: nextDeputy as string,
    rulesVersion: conference.rulesVersion ?? view.rulesVersion,
    scoreAdjustments: memberCodes.flatMap((unitCode) =>
      (view.assessments[unitCode]?.scores ?? [])
        .filter((score) => score.reason)
        .map((score) => ({ unitCode, criterionCode: score.criterionCode, points: score.points, reason: score.reason as string })),
    ),
  };
  const nominees: Nominee[] = AWARD_TYPES.flatMap((award) =>
    (final.settled.awards[award] ?? []).map((unitCode) => ({
      id: nomineeId(award, unitCode),
      unitCode,
      award,
      awardName: rules.awards[award].displayName,
      eligibility: hidden.eligibility.find((e) => e.unitCode === unitCode && e.award === award)?.checks,
      status: NomineeStatus.PROPOSED,
      ballotVotes: votesFor(award, unitCode),
    })),
  );
  return {
    type: 'BALLOT_CLOSED',
    at: atOf(ctx),
    actor,
    ...(counted ? { counted } : {}),
    result: { round, nextLeader, nextDeputy, leadershipApproval, minutes, nominees },
    data: { nominees: nominees.map((n) => n.id), nextLeader, nextDeputy, rounds: rounds.length },
  };
}

/** Whether the actor is the Trưởng khối's or the Phó khối's head, as a tie decision asks. */
const seatsOf = (view: CycleState, actor: Actor) => ({
  isLeader: actor.role === Role.UNIT_HEAD && actor.unitCode === view.leaderUnit,
  isDeputy: actor.role === Role.UNIT_HEAD && actor.unitCode === view.deputyUnit,
});

export const conferenceSteps: StepRules = {
  openConference: {
    guard: (view, actor) =>
      firstFailing(
        () => requirePhase(view, Phase.CONFERENCE),
        () => checkLeader(actor, view.leaderUnit, view.blocCode),
        when(view.conference !== undefined, ErrorCode.WRONG_STATE, 'the conference is already open'),
      ),
    check: (m, cmd, ctx) => {
      const memberCodes = ctx.facts.memberCodes;
      if (!isIsoDate(cmd.heldOn)) refuse(ErrorCode.VALIDATION_FAILED, 'heldOn must be a date YYYY-MM-DD');
      checkOwnDate(
        ctx,
        cmd,
        'heldOn',
        'the conference',
        cmd.heldOn,
        phaseOpened(m.view, Phase.CONFERENCE, 'the close of the self-assessment'),
      );
      for (const code of cmd.presentUnits) {
        if (!memberCodes.includes(code)) refuse(ErrorCode.NOT_MEMBER, `unit ${code} is not a member of this bloc`);
      }
      const rules = rulesOn(m, cmd.heldOn);
      const quorum = computeQuorum(new Set(cmd.presentUnits).size, memberCodes.length, rules.conference.quorumRatio);
      if (!quorum.met)
        refuse(
          ErrorCode.QUORUM_NOT_MET,
          `${quorum.present} of ${quorum.base} members present; at least ${quorum.required} are required (${rules.conference.basis})`,
        );
    },
    events: (m, cmd, ctx) => {
      const present = [...new Set(cmd.presentUnits)].sort();
      const conferenceSet = ruleSetOn(m, cmd.heldOn);
      const quorum = computeQuorum(present.length, ctx.facts.memberCodes.length, conferenceSet.rules.conference.quorumRatio);
      const ranking = rankUnits(
        Object.entries(m.view.assessments)
          .filter(([, a]) => a.status === 'ACCEPTED')
          .map(([unitCode, a]) => ({ unitCode, total: a.total ?? 0, scores: a.scores })),
        rankingCascade(conferenceSet.rules, m.view.launch?.criteria ?? []),
      );
      const at = atOf(ctx);
      return [
        {
          type: 'CONFERENCE_OPENED',
          at,
          actor: cmd.actor,
          on: cmd.heldOn,
          conference: {
            openedAt: at,
            heldOn: cmd.heldOn,
            location: cmd.location,
            present,
            quorum,
            ranking,
            rulesVersion: conferenceSet.version,
          },
          data: { present, quorum },
        },
      ];
    },
  },

  openBallot: {
    guard: (view, actor) =>
      firstFailing(
        () => requirePhase(view, Phase.CONFERENCE),
        () => checkLeader(actor, view.leaderUnit, view.blocCode),
        when(!view.conference, ErrorCode.WRONG_STATE, 'open the conference with its attendance first'),
        when(view.ballot !== undefined, ErrorCode.WRONG_STATE, 'the ballot is already open'),
      ),
    check: (m, cmd, ctx) => {
      if (cmd.tellerKey !== undefined) validateTellerKey(cmd.tellerKey);
      validateBallotOpening(m, cmd, ctx);
    },
    events: (m, cmd, ctx) => {
      const rules = conferenceRules(m, ctx);
      const deputyPromoted = rules.deputyPromotes && rules.leaderSelection !== LeaderSelection.APPOINTED;
      const first: BallotItems = {
        candidates: cmd.candidates,
        slots: Object.fromEntries(awardsOf(cmd).map((a) => [a, awardCap(rules.awards[a], ctx.facts.memberCodes.length)])),
        leaderCandidates: deputyPromoted ? [] : cmd.leaderCandidates,
        deputyCandidates: cmd.deputyCandidates,
      };
      return [
        {
          type: 'BALLOT_OPENED',
          at: atOf(ctx),
          actor: cmd.actor,
          first,
          eligibility: cmd.eligibility ?? [],
          ...(cmd.tellerKey ? { tellerKey: cmd.tellerKey } : {}),
          data: {
            candidates: cmd.candidates,
            secretBallot: rules.conference.secretBallot,
            awardNames: awardNames(rules, awardsOf(cmd)),
          },
        },
      ];
    },
  },

  castBallot: {
    guard: (view, actor, env) => {
      const unit = actor.unitCode as string;
      const ballot = view.ballot;
      return firstFailing(
        () => requirePhase(view, Phase.CONFERENCE),
        () =>
          checkUnitActor(
            actor,
            actor.unitCode ?? '',
            view.units.map((u) => u.code),
            Role.UNIT_HEAD,
          ),
        when(!ballot || ballot.status !== 'OPEN', ErrorCode.WRONG_STATE, 'no ballot is open'),
        when(
          !view.conference?.present.includes(unit) && !env.allowAbsentWrittenVote,
          ErrorCode.NOT_PRESENT,
          `${unit} is not recorded as present`,
        ),
        when(ballot?.voted.includes(unit) === true, ErrorCode.ALREADY_VOTED, `${unit} has already voted`),
      );
    },
    check: (m, cmd, ctx) => {
      const ballot = ballotOf(m.view);
      if (ballot.tellerKey) {
        // Every paper of a round has the round's length (paperLength), so its length tells nothing of its choices.
        if (typeof cmd.sealed !== 'string' || cmd.sealed.length > 40_000 || !sealedPaperFits(ballot, cmd.sealed))
          refuse(ErrorCode.VALIDATION_FAILED, 'a sealed ballot takes the paper sealed to the teller key');
        if (cmd.choices) refuse(ErrorCode.VALIDATION_FAILED, 'a sealed ballot takes no plain choices');
      } else if (cmd.sealed !== undefined) {
        refuse(ErrorCode.WRONG_STATE, 'this ballot has no teller key; the Trưởng khối restarts the round with one');
      }
      if (cmd.choices) {
        const paper = { choices: cmd.choices, nextLeader: cmd.nextLeader, nextDeputy: cmd.nextDeputy };
        enforce(checkBallotPaper(ballot, conferenceRules(m, ctx), ctx.facts.memberCodes.length, paper));
      }
    },
    events: (m, cmd, ctx) => {
      ballotOf(m.view);
      return [
        {
          type: 'BALLOT_CAST',
          at: atOf(ctx),
          actor: cmd.actor,
          unit: cmd.actor.unitCode as string,
          ...(cmd.choices ? { paper: { choices: cmd.choices, nextLeader: cmd.nextLeader, nextDeputy: cmd.nextDeputy } } : {}),
          ...(cmd.sealed ? { sealed: cmd.sealed } : {}),
        },
      ];
    },
  },

  closeBallot: {
    guard: (view, actor) =>
      firstFailing(
        () => requirePhase(view, Phase.CONFERENCE),
        () => checkLeader(actor, view.leaderUnit, view.blocCode),
        when(!view.ballot || view.ballot.status !== 'OPEN', ErrorCode.WRONG_STATE, 'no ballot is open'),
        when(view.ballot?.voted.length === 0, ErrorCode.WRONG_STATE, 'no ballot has been cast'),
      ),
    check: (m, cmd, ctx) => {
      const ballot = ballotOf(m.view);
      if (cmd.papers && cmd.papers.length !== ballot.voted.length)
        refuse(ErrorCode.BALLOT_BOX_MISMATCH, `${cmd.papers.length} papers in the box for ${ballot.voted.length} voters`);
      if (ballot.tellerKey) {
        const sealed = Object.keys(m.hidden.sealedPapers).length;
        if (!cmd.papers || cmd.papers.length !== sealed)
          refuse(ErrorCode.BALLOT_BOX_MISMATCH, `${cmd.papers?.length ?? 0} papers opened for ${sealed} sealed papers`);
        const receipts = new Set(cmd.papers.map((p) => p.receipt));
        if (
          receipts.size !== cmd.papers.length ||
          cmd.papers.some((p) => typeof p.receipt !== 'string' || !/^[A-Za-z0-9_-]{16}$/.test(p.receipt))
        )
          refuse(ErrorCode.BALLOT_BOX_MISMATCH, 'each opened paper carries its own receipt');
      }
      requireDecidedLeadership(m, ctx, closing(m, ctx, papersOf(m, cmd, ctx)).final);
    },
    events: (m, cmd, ctx) => {
      const ballot = ballotOf(m.view);
      const counted = papersOf(m, cmd, ctx);
      const { round, final } = closing(m, ctx, counted);
      const at = atOf(ctx);
      if (round?.next) {
        const rules = conferenceRules(m, ctx);
        return [
          {
            type: 'BALLOT_NEXT_ROUND',
            at,
            actor: cmd.actor,
            counted,
            minutes: withPapers(round.minutes, counted.published),
            settled: round.settled,
            next: round.next,
            data: { round: ballot.round + 1, items: round.next, awardNames: awardNames(rules, awardsOf(round.next)) },
          },
        ];
      }
      const result = final as FinalResult;
      if (result.open) {
        return [
          {
            type: 'BALLOT_TIE_UNRESOLVED',
            at,
            actor: cmd.actor,
            counted,
            open: result.open,
            data: { tie: result.open, ...tieItemData(m, ctx, result.open.item) },
          },
        ];
      }
      return [conclude(m, ctx, result, cmd.actor, counted.published, counted)];
    },
  },

  /** The teller key was lost: the Trưởng khối re-runs the open round under a new key; its papers are discarded unread. */
  restartBallot: {
    guard: (view, actor) =>
      firstFailing(
        () => requirePhase(view, Phase.CONFERENCE),
        () => checkLeader(actor, view.leaderUnit, view.blocCode),
        when(!view.ballot || view.ballot.status !== 'OPEN', ErrorCode.WRONG_STATE, 'no ballot round is open'),
      ),
    check: (_m, cmd) => {
      if (typeof cmd.reason !== 'string' || cmd.reason.trim().length === 0)
        refuse(ErrorCode.REASON_REQUIRED, 'say why the round is run again');
      validateTellerKey(cmd.tellerKey);
    },
    events: (m, cmd, ctx) => {
      const ballot = ballotOf(m.view);
      return [
        {
          type: 'BALLOT_RESTARTED',
          at: atOf(ctx),
          actor: cmd.actor,
          tellerKey: cmd.tellerKey,
          data: { round: ballot.round, discarded: ballot.voted.length, reason: cmd.reason.trim() },
        },
      ];
    },
  },

  /**
   * A tie left after the last round: the Trưởng khối proposes (and may propose again after the Phó khối disagreed), the
   * Phó khối confirms the same choice. The confirmation's consequence, the last round re-run, is `tieDecided`.
   */
  decideTie: {
    guard: (view, actor) => {
      const ballot = view.ballot;
      const { isLeader, isDeputy } = seatsOf(view, actor);
      return firstFailing(
        () => requirePhase(view, Phase.CONFERENCE),
        when(
          !ballot || ballot.status !== 'AWAITING_TIE_DECISION' || !ballot.openTie,
          ErrorCode.WRONG_STATE,
          'no tie awaits a decision',
        ),
        when(!isLeader && !isDeputy, ErrorCode.NOT_LEADER, 'only the Trưởng khối and the Phó khối decide a tie'),
        when(isDeputy && !ballot?.tieProposal, ErrorCode.WRONG_STATE, 'the Trưởng khối has not proposed a choice yet'),
      );
    },
    check: (m, cmd) => {
      const ballot = ballotOf(m.view);
      const open = ballot.openTie as OpenTie;
      if (cmd.item !== open.item) refuse(ErrorCode.VALIDATION_FAILED, `the open tie is for ${open.item}`);
      const chosen = [...new Set(cmd.chosen)];
      if (chosen.length !== open.slots || chosen.length !== cmd.chosen.length)
        refuse(ErrorCode.VALIDATION_FAILED, `choose exactly ${open.slots} of ${open.tied.join(', ')}`);
      for (const unit of chosen) if (!open.tied.includes(unit)) refuse(ErrorCode.INVALID_CANDIDATE, `${unit} is not in the tie`);
      const proposal = ballot.tieProposal;
      if (seatsOf(m.view, cmd.actor).isDeputy && proposal) {
        if (proposal.item !== cmd.item || proposal.chosen.join(',') !== [...chosen].sort().join(','))
          refuse(ErrorCode.TIE_DECISION_MISMATCH, `the Trưởng khối proposed ${proposal.chosen.join(', ')}`);
      }
    },
    events: (m, cmd, ctx) => {
      const open = ballotOf(m.view).openTie as OpenTie;
      const chosen = [...cmd.chosen].sort();
      const envelope = {
        at: atOf(ctx),
        actor: cmd.actor,
        data: { item: cmd.item, chosen: cmd.chosen, ...tieItemData(m, ctx, open.item) },
      };
      if (cmd.actor.unitCode === m.view.leaderUnit)
        return [{ type: 'TIE_PROPOSED', ...envelope, proposal: { item: cmd.item, chosen, by: cmd.actor.userId } }];
      return [{ type: 'TIE_DECIDED', ...envelope, choice: { item: cmd.item, chosen } }];
    },
  },
};

/** A tie's item named in its sentence: an award by its display name (the elections are named by the wording). */
function tieItemData(
  m: CycleMachine,
  ctx: CycleContext,
  item: OpenTie['item'],
): { awardNames?: Partial<Record<AwardType, string>> } {
  return item === 'LEADER' || item === 'DEPUTY' ? {} : { awardNames: awardNames(conferenceRules(m, ctx), [item]) };
}

/**
 * After the Trưởng khối's and Phó khối's decision (TIE_DECIDED applied): the last round re-run from its papers and what
 * earlier rounds settled, with every decision so far; another tie waits for them, or the ballot concludes. The shell
 * runs it after the decision's entry is projected, where the workflow did before the machine (the conclusion may ask
 * the leadership chain's patch).
 */
export function tieDecided(m: CycleMachine, ctx: CycleContext, actor: Actor): CycleEvent[] {
  const { hidden } = m;
  const final = closeLastRound(
    roundContext(m, ctx, hidden.lastInvalid),
    currentItems(m.view),
    hidden.settled,
    hidden.ballots,
    tieData(m, ctx),
    hidden.manualChoices,
  );
  if (final.open) return [{ type: 'TIE_REMAINS', at: atOf(ctx), actor, silent: true, open: final.open }];
  return [conclude(m, ctx, final, actor, hidden.lastPublished)];
}

/** The counted papers become the hidden state of the last round closed; the sealed ones are spent. */
function keepCounted(m: CycleMachine, counted: CountedPapers): void {
  m.hidden.ballots = counted.valid;
  m.hidden.lastInvalid = counted.invalid;
  m.hidden.lastPublished = counted.published;
  if (m.view.ballot?.tellerKey) m.hidden.sealedPapers = {};
}

const openBallot = (m: CycleMachine): Ballot => m.view.ballot as Ballot;

export const conferenceAppliers: Appliers<ConferenceEvent> = {
  CONFERENCE_OPENED: (m, e) => {
    m.view.conference = e.conference;
  },
  BALLOT_OPENED: (m, e) => {
    m.hidden.firstItems = e.first;
    m.hidden.eligibility = e.eligibility;
    m.view.ballot = { status: 'OPEN', round: 1, ...e.first, voted: [] };
    if (e.tellerKey) m.view.ballot.tellerKey = e.tellerKey;
  },
  BALLOT_CAST: (m, e) => {
    const ballot = openBallot(m);
    if (e.paper) m.hidden.ballots.push(e.paper);
    if (e.sealed) m.hidden.sealedPapers[e.unit] = e.sealed;
    if (!m.view.conference?.present.includes(e.unit)) ballot.writtenVotes = [...(ballot.writtenVotes ?? []), e.unit].sort();
    ballot.voted = [...ballot.voted, e.unit].sort();
  },
  BALLOT_RESTARTED: (m, e) => {
    const ballot = openBallot(m);
    m.hidden.sealedPapers = {};
    ballot.voted = [];
    ballot.writtenVotes = undefined;
    ballot.tellerKey = e.tellerKey;
    ballot.restarts = (ballot.restarts ?? 0) + 1;
  },
  BALLOT_NEXT_ROUND: (m, e) => {
    const ballot = openBallot(m);
    keepCounted(m, e.counted);
    m.hidden.roundMinutes.push(e.minutes);
    m.hidden.settled = e.settled;
    m.hidden.ballots = [];
    m.view.ballot = { status: 'OPEN', round: ballot.round + 1, ...e.next, voted: [] };
    if (ballot.tellerKey) m.view.ballot.tellerKey = ballot.tellerKey;
  },
  BALLOT_TIE_UNRESOLVED: (m, e) => {
    keepCounted(m, e.counted);
    const ballot = openBallot(m);
    ballot.status = 'AWAITING_TIE_DECISION';
    ballot.openTie = e.open;
  },
  TIE_PROPOSED: (m, e) => {
    openBallot(m).tieProposal = e.proposal;
  },
  TIE_DECIDED: (m, e) => {
    m.hidden.manualChoices.push(e.choice);
    openBallot(m).tieProposal = undefined;
  },
  TIE_REMAINS: (m, e) => {
    openBallot(m).openTie = e.open;
  },
  BALLOT_CLOSED: (m, e) => {
    if (e.counted) keepCounted(m, e.counted);
    const ballot = openBallot(m);
    const { result } = e;
    m.hidden.roundMinutes.push(result.round);
    ballot.status = 'CLOSED';
    ballot.openTie = undefined;
    ballot.tieProposal = undefined;
    m.view.nextLeader = result.nextLeader;
    m.view.nextDeputy = result.nextDeputy;
    if (result.leadershipApproval) m.view.leadershipApproval = result.leadershipApproval;
    m.view.minutes = result.minutes;
    m.view.nominees = result.nominees;
  },
};
