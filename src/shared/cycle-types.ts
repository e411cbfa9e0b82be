import type { Actor } from './actors';
import type { CommandSeal } from './command-seal';
import type { HolidayAdjustments } from '../domain/calendar/holidays';
import type { ChainDefinition, ItemStatus } from './approval';
import type { EligibilityCheck, EligibilityResult } from './eligibility';
import type { AwardType, ProvinceRules, RuleSet } from './rules';
import type { ViewDelta } from './view-delta';

export enum Phase {
  LAUNCH = 'LAUNCH',
  PLEDGE = 'PLEDGE',
  SELF_ASSESSMENT = 'SELF_ASSESSMENT',
  CONFERENCE = 'CONFERENCE',
  SUBMISSION = 'SUBMISSION',
  APPRAISAL = 'APPRAISAL',
  DECISION = 'DECISION',
  COMPLETED = 'COMPLETED',
}

export const PHASES: readonly Phase[] = Object.values(Phase);

export interface UnitRef {
  code: string;
  name: string;
  /** Share of women among the unit's staff, for the NĐ 152 Art. 4(6) tie-breaker; unknown when absent. */
  womenRatio?: number;
}

/**
 * NORMAL points count towards the criterion's group, capped at the group's maximum; BONUS points are added on
 * top of the cap; PENALTY points (0..max, the size of the deduction) are subtracted from the total.
 */
export type CriterionType = 'NORMAL' | 'BONUS' | 'PENALTY';

export interface Criterion {
  code: string;
  name: string;
  maxPoints: number;
  evidenceRequired: boolean;
  /** The group (nhóm tiêu chí) the criterion belongs to; ungrouped criteria have no cap besides their own. */
  groupCode?: string;
  /** NORMAL when absent. */
  type?: CriterionType;
}

/** A group of criteria whose NORMAL points together count at most `maxPoints`. */
export interface CriteriaGroup {
  code: string;
  name: string;
  maxPoints: number;
}

/** What a unit's sheet checks and sums of a criterion: its name is for people, shown from the read model. */
export type CriterionRule = Omit<Criterion, 'name'>;
export type CriteriaGroupRule = Omit<CriteriaGroup, 'name'>;

/** The head of `scorer` scores `scored` (chấm chéo); recorded for the Trưởng khối, never summed automatically. */
export interface CrossScoringAssignment {
  scorer: string;
  scored: string;
}

/** Who scored: the unit itself, the Trưởng khối when accepting, or another member unit by assignment. */
export type ScorePhase = 'SELF' | 'LEADER_REVIEW' | 'CROSS' | 'COUNCIL_ADJUST';

/**
 * LIVE: a year run as it happens; deadlines lie ahead and durable timers close the phases. RECORD: a past year
 * entered afterwards from its papers; no timer closes or flags anything, and every step carries the date it happened.
 */
export type CycleMode = 'LIVE' | 'RECORD';

export const CYCLE_MODES: readonly CycleMode[] = ['LIVE', 'RECORD'];

export interface CycleInput {
  cycleId: string;
  provinceCode: string;
  blocCode: string;
  blocName: string;
  year: number;
  units: UnitRef[];
  leaderUnit: string;
  deputyUnit: string;
  /** The rule set in force when the cycle started (kept for cycles started before rule sets were versioned). */
  rules: ProvinceRules;
  /** Who started the cycle (an admin or the head of the board), for the first timeline and audit entry. */
  startedBy?: Actor;
  /** The API's seal on the start (see command-seal.ts); absent in cycles started before seals and in the workflow's own copy. */
  seal?: CommandSeal;
  /** Every rule set of the province that may apply during the cycle; each step uses the one in force on its date. */
  ruleSets?: RuleSet[];
  /** The published holiday schedules (nghỉ lễ, Tết, hoán đổi) known at the start, for working-day deadlines. */
  calendar?: HolidayAdjustments[];
  /** LIVE when absent (cycles started before modes). */
  mode?: CycleMode;
}

// ---- Update payloads (every one carries the acting person) ----

export interface Command {
  actor: Actor;
  /** The API's seal (src/shared/command-seal.ts): checked by every validator, stripped before the handler. */
  seal?: CommandSeal;
  /**
   * RECORD cycles only: the day the step happened on paper (YYYY-MM-DD), checked against the dates it depends on.
   * Steps that carry their own date (heldOn, toTrinh.date, sessionDate, decisionDate) are recorded on that date.
   */
  occurredOn?: string;
}

export interface LaunchCommand extends Command {
  plan: string;
  pledgeText: string;
  criteria: Criterion[];
  criteriaGroups?: CriteriaGroup[];
  crossScoring?: CrossScoringAssignment[];
  /** ISO instants; defaults come from the rules. */
  pledgeDeadline?: string;
  selfAssessmentDeadline?: string;
}

export type SignPledgeCommand = Command;

export interface CriterionScore {
  criterionCode: string;
  points: number;
  evidenceRefs: string[];
  /** On a verified sheet: why the points differ from the unit's own (required then), shown to the unit. */
  reason?: string;
}

export interface SubmitAssessmentCommand extends Command {
  scores: CriterionScore[];
}

/** The unit head approves the sheet for the Trưởng khối, or returns it to the focal person with a reason. */
export interface ApproveAssessmentCommand extends Command {
  /** Absent means APPROVE (as before the unit head could return a sheet). */
  decision?: 'APPROVE' | 'RETURN';
  reason?: string;
}

export interface ReviewAssessmentCommand extends Command {
  decision: 'ACCEPT' | 'RETURN';
  reason?: string;
  /** With ACCEPT only: the Trưởng khối's own scores (LEADER_REVIEW); when absent the self scores are verified as they are. */
  verifiedScores?: CriterionScore[];
}

/** Cross-scoring (chấm chéo) by the head of a unit assigned at launch to score this one. */
export interface CrossScoreCommand extends Command {
  scores: CriterionScore[];
}

export type CloseSelfAssessmentCommand = Command;

/** RECORD cycles: the Trưởng khối closes the pledge phase, as the deadline's timer does in a live year. */
export type ClosePledgesCommand = Command;

/**
 * The superior's decision on the leadership the conference elected (ELECTED_THEN_APPROVED, e.g. Hưng Yên
 * QĐ 64/QĐ-SLĐTBXH): approved as elected, or with another unit named where the decision says so.
 */
export interface ApproveLeadershipCommand extends Command {
  decisionRef: string;
  leaderUnit?: string;
  deputyUnit?: string;
}

export interface OpenConferenceCommand extends Command {
  /** Date the conference is held (YYYY-MM-DD); may fall in the following year. */
  heldOn: string;
  location?: string;
  presentUnits: string[];
}

export interface OpenBallotCommand extends Command {
  candidates: Partial<Record<AwardType, string[]>>;
  /**
   * Eligibility of each candidate for each award on the conference date, computed by the server from the
   * recorded conditions, ratings and negative lists (never taken from the client).
   */
  eligibility?: EligibilityResult[];
  /** Units standing for next year's Trưởng khối and Phó khối. */
  leaderCandidates: string[];
  deputyCandidates: string[];
  /**
   * The teller's public key (P-256, SPKI, base64): papers are sealed to it and only the teller's private key,
   * which never reaches the server before the close, opens them. Absent on ballots opened before sealing.
   */
  tellerKey?: string;
}

/**
 * Registers that the acting unit has voted, with its paper sealed to the teller's key (`sealed`): the workflow
 * keeps the sealed paper until the close and cannot read it. Cycles from before sealing sent nothing here
 * (the paper went to the ballot_boxes table) or, earlier still, the plain choices.
 */
export interface CastBallotCommand extends Command {
  sealed?: string;
  choices?: Partial<Record<AwardType, string[]>>;
  nextLeader?: string;
  nextDeputy?: string;
}

/** What a vote answers: the state, and the sealed paper the workflow holds for this voter (a retry compares it). */
/**
 * What a cycle step's update answers since issue 17: which version it wrote, not the whole view (the API reads the
 * view from the read model, projected before the update answers). A vote's answer also carries its sealed paper and
 * the round it was cast in, so that a retry can compare.
 */
export interface CycleStepAnswer {
  cycleId: string;
  version: number;
  sealed?: string;
  ballot?: { round: number; restarts: number };
}
/** Updates recorded before issue 17 answered the whole view. */
export type CycleStepResult = CycleState | CycleStepAnswer;
export type CastBallotResult = (CycleState & { sealed?: string }) | CycleStepAnswer;

/** An answer without the view (the new shape), told apart from an older whole-view answer. */
export function isStepAnswer(result: unknown): result is CycleStepAnswer {
  return typeof result === 'object' && result !== null && 'version' in result && !('phase' in result);
}

/** A counted paper: the voter's receipt code, the choices, nothing about the voter. */
export interface BoxedPaper {
  receipt?: string;
  /** Papers from the ballot_boxes table (before sealing) carried a random id instead. */
  id?: string;
  choices: Partial<Record<AwardType, string[]>>;
  nextLeader?: string;
  nextDeputy?: string;
}

export interface CloseBallotCommand extends Command {
  /** The round's papers, opened by the teller's key and sorted by receipt; absent for cycles from before the box. */
  papers?: BoxedPaper[];
}

/** The round's sealed papers, sorted by their bytes, without voters: what the close opens. */
export interface SealedPapers {
  round: number;
  restarts: number;
  papers: string[];
}

/** Re-runs the open round (the teller key was lost): its sealed papers and voters are discarded. */
export interface RestartBallotCommand extends Command {
  reason: string;
  tellerKey: string;
}

/** The Trưởng khối proposes, then the Phó khối confirms, the units chosen for a tie left after the last round. */
export interface DecideTieCommand extends Command {
  item: AwardType | 'LEADER' | 'DEPUTY';
  chosen: string[];
}

export interface AchievementReport {
  unitCode: string;
  title: string;
  documentRef: string;
  /** The uploaded file (POST /v1/files) of the report; absent in dossiers that named a paper document only. */
  sha256?: string;
}

export interface ToTrinh {
  number: string;
  date: string;
  documentRef: string;
  /** The uploaded file of the tờ trình; absent in dossiers that named a paper document only. */
  sha256?: string;
}

/** A scan of a signed paper of the dossier (the signed tờ trình, the minutes), uploaded as PDF or image. */
export interface SignedScan {
  sha256: string;
  name: string;
}

export interface SubmitDossierCommand extends Command {
  toTrinh: ToTrinh;
  achievementReports: AchievementReport[];
  signedScans?: SignedScan[];
}

export interface ReviewDossierCommand extends Command {
  decision: 'ACCEPT' | 'RETURN';
  reason?: string;
  /** Ngày nhận đủ hồ sơ, when it precedes its entry here (a dossier received on paper); defaults to today. */
  completeOn?: string;
}

export interface AppraiseCommand extends Command {
  opinions: { nomineeId: string; recommend: boolean; note?: string }[];
}

export interface ApproveAppraisalCommand extends Command {
  decision: 'APPROVE' | 'RETURN';
  reason?: string;
}

export interface CouncilVoteCommand extends Command {
  sessionDate: string;
  membersTotal: number;
  membersPresent: number;
  votes: { nomineeId: string; votesFor: number }[];
  /**
   * Điều chỉnh điểm của Hội đồng: a nominee unit's score sheet as the council verified it. Kept beside the
   * self and leader-review scores (nothing is overwritten), for the audit of self versus verified scores.
   */
  scoreAdjustments?: CouncilScoreAdjustment[];
}

export interface CouncilScoreAdjustment {
  unitCode: string;
  scores: CriterionScore[];
  reason: string;
}

/** Delivers the province's rule sets, as published or edited by an admin, to a running cycle. */
/** The board hands the cycle's nominees in appraisal to the province's open round (its gather). */
export interface HandToRoundCommand extends Command {
  roundId: string;
}

export interface UpdateRuleSetsCommand extends Command {
  ruleSets: RuleSet[];
}

export interface DecideCommand extends Command {
  decisionNumber: string;
  decisionDate: string;
  items: { nomineeId: string; approve: boolean; reason?: string }[];
  /**
   * The province's Cờ thi đua của Chính phủ quota on the decision date, counted by the server across the
   * province's cycles of the year (CV 5007/BNV-TĐKT: at most 20% of the bloc-leading units).
   */
  governmentFlagQuota?: GovernmentFlagQuota;
  /** A documented reason to propose beyond the quota (e.g. a thematic movement); recorded with the decision. */
  quotaOverride?: { reason: string; documentRef: string };
}

export interface GovernmentFlagQuota {
  blocLeaders: number;
  alreadyForwarded: number;
  limit: number;
  basis: string;
}

// ---- State ----

export interface PledgeSignature {
  signedAt: string;
  signedBy: string;
  /** RECORD: the day it was signed on paper. */
  signedOn?: string;
}

export type AssessmentOutcome = 'PENDING' | 'ACCEPTED' | 'LATE' | 'REJECTED';

export interface UnitAssessmentSummary {
  status: AssessmentOutcome;
  /** The verified (LEADER_REVIEW) total: the one the ranking uses. */
  total?: number;
  /** The unit's own total of the accepted round, kept for audit. */
  selfTotal?: number;
  /** The verified scores. */
  scores?: CriterionScore[];
  rounds: number;
}

export interface RankedUnit {
  unitCode: string;
  total: number;
  rank: number;
}

export interface QuorumResult {
  required: number;
  present: number;
  base: number;
  ratio: number;
  met: boolean;
}

export interface CandidateTally {
  unitCode: string;
  votes: number;
  required: number;
  passedThreshold: boolean;
  selected: boolean;
  rank?: number;
  /** Cờ CP: why it was not chosen, or that it was chosen on its own (absent in minutes from before the reasons). */
  reason?: { code: CandidateReasonCode; text: string };
}

/**
 * A Cờ CP candidate's line in the minutes. BELOW_THRESHOLD: fewer votes than required. NOT_PROVINCIAL_FLAG_WINNER: the
 * rules require it to lead the bloc, and it did not take the provincial flag. TIED: level on votes across the last
 * open slot. NO_SLOT: others had more votes for the slots. OWN_CANDIDACY: chosen on its own, not as the flag winner.
 */
export type CandidateReasonCode = 'BELOW_THRESHOLD' | 'NOT_PROVINCIAL_FLAG_WINNER' | 'TIED' | 'NO_SLOT' | 'OWN_CANDIDACY';

export interface AwardTally {
  award: AwardType;
  displayName: string;
  threshold: number;
  thresholdBase: string;
  baseCount: number;
  required: number;
  maxPerBloc: number;
  candidates: CandidateTally[];
  basis: string;
  /** Candidates level on votes across the last open slot: not separated by this round. */
  tied?: string[];
  tiedSlots?: number;
  /** True when this award must be voted again because the provincial flag is still undecided. */
  dependsOnUndecided?: boolean;
}

export interface ElectionTally {
  candidates: { unitCode: string; votes: number }[];
  elected?: string;
  /** Candidates level at the top: none elected by this round. */
  tied?: string[];
}

/** Biên bản kiểm phiếu: the vote-count minutes. */
export interface VoteCountMinutes {
  ballotsIssued: number;
  ballotsReturned: number;
  ballotsValid: number;
  ballotsInvalid: number;
  awards: AwardTally[];
  leaderElection: ElectionTally;
  deputyElection: ElectionTally;
  /** Sealed ballots: every paper returned, sorted by receipt, so a voter finds theirs and anyone can recount. */
  papers?: PublishedPaper[];
}

export interface PublishedPaper {
  receipt: string;
  choices: Partial<Record<AwardType, string[]>>;
  nextLeader?: string;
  nextDeputy?: string;
  valid: boolean;
}

/** Biên bản họp: the conference minutes. */
export interface ConferenceMinutes {
  blocName: string;
  year: number;
  heldOn: string;
  location?: string;
  chairedBy: string;
  membersTotal: number;
  present: string[];
  absent: string[];
  quorum: QuorumResult;
  ranking: RankedUnit[];
  /** The first round; `rounds` has every round, `tieBreaks` every tie separated after the last one. */
  voteCount: VoteCountMinutes;
  rounds?: VoteCountMinutes[];
  tieBreaks?: { item: AwardType | 'LEADER' | 'DEPUTY'; tied: string[]; chosen: string[]; by: string }[];
  nextLeader: string;
  nextDeputy: string;
  rulesVersion: string;
  /** Verified scores that differ from a unit's own, each with the reviewer's reason (absent in older minutes). */
  scoreAdjustments?: { unitCode: string; criterionCode: string; points: number; reason: string }[];
}

export enum NomineeStatus {
  PROPOSED = 'PROPOSED',
  IN_APPRAISAL = 'IN_APPRAISAL',
  NOT_RECOMMENDED = 'NOT_RECOMMENDED',
  AWAITING_COUNCIL = 'AWAITING_COUNCIL',
  COUNCIL_REJECTED = 'COUNCIL_REJECTED',
  AWAITING_DECISION = 'AWAITING_DECISION',
  APPROVED = 'APPROVED',
  FORWARDED = 'FORWARDED',
  REJECTED = 'REJECTED',
}

export interface Nominee {
  id: string;
  unitCode: string;
  award: AwardType;
  status: NomineeStatus;
  /** The award's name in this province, from the rule set applied at the conference. */
  awardName?: string;
  /** The eligibility checks that applied when the ballot was opened, with their clauses, for the dossier. */
  eligibility?: EligibilityCheck[];
  ballotVotes: number;
  appraisal?: { recommend: boolean; note?: string };
  council?: { votesFor: number; required: number; passed: boolean; rulesVersion?: string };
  decision?: {
    approve: boolean;
    number: string;
    date: string;
    reason?: string;
    rulesVersion: string;
    quotaOverride?: { reason: string; documentRef: string; quota: GovernmentFlagQuota };
  };
  /** The province round's outcome beyond the chairman's decision: the central decision, the latest reason against it. */
  round?: { central?: { approve: boolean; number: string; date: string; reason?: string }; reason?: string };
}

export interface DossierState {
  /** WITHDRAWN (by the Trưởng khối) and REJECTED happen in chain mode only. */
  status: 'SUBMITTED' | 'RETURNED' | 'WITHDRAWN' | 'ACCEPTED' | 'REJECTED';
  /** Chain mode (rules.approvalChains.dossierReview): the chain reviewing this submission, `<cycle>.dossier.<round>`. */
  chainId?: string;
  round: number;
  toTrinh: ToTrinh;
  achievementReports: AchievementReport[];
  signedScans?: SignedScan[];
  submittedAt: string;
  /** Who submitted it (the Trưởng khối): the submitter of the appraisal chain, answering its returns. */
  submittedBy?: string;
  returns: { round: number; reason: string; by: string; at: string }[];
  /** Ngày nhận đủ hồ sơ: the appraisal timer starts here. */
  completeAt?: string;
  appraisalDueDate?: string;
  /** Set by the durable timer when the appraisal was not approved by the end of its due date. */
  appraisalOverdue?: boolean;
}

export interface AppraisalState {
  status: 'PENDING' | 'APPRAISED' | 'APPROVED';
  /** Set when the rule set runs the appraisal as an approval chain: its workflow id (see /v1/approvals/:chainId). */
  chainId?: string;
  /** The chain definition it runs, as configured when the dossier was accepted. */
  chain?: ChainDefinition;
  appraisedBy?: string;
  approvedBy?: string;
  returns: { reason: string; by: string; at: string }[];
}

/** What a cycle started from `lean-history` on returns when it completes; the read model holds its view. */
export interface CycleSummary {
  cycleId: string;
  phase: Phase;
  version: number;
}

export interface CycleState {
  cycleId: string;
  provinceCode: string;
  blocCode: string;
  blocName: string;
  year: number;
  phase: Phase;
  /** LIVE when absent (cycles started before modes). */
  mode?: CycleMode;
  /** RECORD: the day each phase opened on paper (the launch, the pledge close, the self-assessment close…). */
  phaseOpenedOn?: Partial<Record<Phase, string>>;
  /** RECORD: the day on paper of the cycle's latest recorded step (its units' own steps are in their assessments). */
  recordedThrough?: string;
  /** Grows by one with every recorded change; the read model keeps the highest. */
  version: number;
  units: UnitRef[];
  leaderUnit: string;
  deputyUnit: string;
  rulesVersion: string;
  launch?: {
    plan: string;
    pledgeText: string;
    criteria: Criterion[];
    criteriaGroups?: CriteriaGroup[];
    crossScoring?: CrossScoringAssignment[];
    pledgeDeadline: string;
    selfAssessmentDeadline: string;
    launchedAt: string;
    launchedBy: string;
    /** RECORD: the day of the launch on paper. */
    launchedOn?: string;
  };
  pledges: Record<string, PledgeSignature>;
  lateUnits: Partial<Record<Phase, string[]>>;
  assessments: Record<string, UnitAssessmentSummary>;
  conference?: {
    openedAt: string;
    heldOn: string;
    location?: string;
    present: string[];
    quorum: QuorumResult;
    ranking: RankedUnit[];
    /** The rule set in force on the conference date, applied to quorum, ballot and tally. */
    rulesVersion?: string;
  };
  ballot?: {
    status: 'OPEN' | 'CLOSED' | 'AWAITING_TIE_DECISION';
    /** 1 for the first ballot; a later round votes only on what the earlier ones left level. */
    round: number;
    candidates: Partial<Record<AwardType, string[]>>;
    /** Open slots per award in this round. */
    slots?: Partial<Record<AwardType, number>>;
    leaderCandidates: string[];
    deputyCandidates: string[];
    /** Who has voted in this round; what they voted is never exposed here. */
    voted: string[];
    /** Absent members who voted in writing, where the rules allow it. */
    writtenVotes?: string[];
    /** The teller's public key (SPKI, base64), the same for every round; papers are sealed to it. */
    tellerKey?: string;
    /** How many times the open round was re-run (teller key lost). */
    restarts?: number;
    /** A tie the tie-breakers could not separate after the last round. */
    openTie?: { item: AwardType | 'LEADER' | 'DEPUTY'; tied: string[]; slots: number };
    tieProposal?: { item: AwardType | 'LEADER' | 'DEPUTY'; chosen: string[]; by: string };
  };
  minutes?: ConferenceMinutes;
  nextLeader?: string;
  nextDeputy?: string;
  /** Where the rules say ELECTED_THEN_APPROVED: the superior's approval of next year's leadership. */
  leadershipApproval?: {
    status: 'PENDING' | 'APPROVED';
    elected: { leader: string; deputy: string };
    /** Chain mode (rules.approvalChains.leadershipApproval): the chain deciding each seat, and who submitted it. */
    chainId?: string;
    submittedBy?: string;
    /** Set when the chain ended without approving both seats: each seat's outcome; the superior then designates by decision. */
    chainResult?: { leader: ItemStatus | 'NO_CHAIN'; deputy: ItemStatus | 'NO_CHAIN'; reasons: string[] };
    decisionRef?: string;
    by?: string;
    at?: string;
  };
  nominees: Nominee[];
  dossier?: DossierState;
  appraisal?: AppraisalState;
  council?: {
    sessionDate: string;
    membersTotal: number;
    membersPresent: number;
    quorum: QuorumResult;
    recordedBy: string;
    scoreAdjustments?: (CouncilScoreAdjustment & { total: number; previousTotal?: number })[];
  };
  /** The province's award round the nominees were handed to (issue 15): it appraises, votes and decides them. */
  round?: { roundId: string; handedAt: string };
  completedAt?: string;
}

// ---- Per-unit self-assessment (child workflow) ----

/** What a step on a sheet started from `lean-history` on answers: the version it wrote (the API reads the view). */
export interface AssessmentStepResult {
  cycleId: string;
  unitCode: string;
  version: number;
}

/** A step's answer: the whole sheet (`unitAssessmentWorkflow`) or the version written (`selfAssessmentWorkflow`). */
export type AssessmentAnswer = AssessmentState | AssessmentStepResult;

export interface AssessmentInput {
  cycleId: string;
  unitCode: string;
  unitName: string;
  leaderUnit: string;
  /** The Phó khối's unit, who reviews the leader's own sheet; absent in cycles started before it was passed. */
  deputyUnit?: string;
  memberUnits: string[];
  /** With their names in sheets started before `lean-history`. */
  criteria: CriterionRule[];
  criteriaGroups?: CriteriaGroupRule[];
  /** Units whose heads are assigned to cross-score this one. */
  crossScorers?: string[];
  deadline: string;
  phase: Phase;
  /** Set when the rule set runs the self-assessment's approvals as a chain (rules.approvalChains.selfAssessment). */
  chain?: StepChainConfig;
  /** RECORD cycles: no deadline timer; every step carries its date, none before `openedOn` (the pledge close). */
  record?: { openedOn: string; year: number };
}

/** What a workflow needs to run one of its steps as an approval chain. */
export interface StepChainConfig {
  definition: ChainDefinition;
  calendar: HolidayAdjustments[];
  extraDaysOff: string[];
}

/**
 * IN_APPROVAL: submitted, and deciding in the submission's approval chain (chain mode). REJECTED: the chain rejected
 * it (e.g. returned more often than the rules allow): the unit has no accepted result.
 */
export type AssessmentStatus =
  'DRAFT' | 'SUBMITTED' | 'UNIT_APPROVED' | 'IN_APPROVAL' | 'RETURNED' | 'ACCEPTED' | 'REJECTED' | 'CLOSED';

/** One phase's scores of a round, as given; a later phase adds its own sheet and never changes an earlier one. */
export interface ScoreSheet {
  scores: CriterionScore[];
  total: number;
  by: string;
  at: string;
}

export interface AssessmentRound {
  round: number;
  /** The self scores (SELF), as submitted. */
  scores: CriterionScore[];
  total: number;
  submittedBy: string;
  submittedAt: string;
  /** RECORD: the days on paper of the submission, the unit head's approval and the review. */
  submittedOn?: string;
  approvedOn?: string;
  reviewedOn?: string;
  approvedBy?: string;
  approvedAt?: string;
  /** The unit head sent this round back to the unit's focal person before approving it. */
  unitReturn?: { reason: string; by: string; at: string };
  review?: { decision: 'ACCEPT' | 'RETURN' | 'REJECT'; reason?: string; by: string; at: string };
  /** Chain mode: the approval chain that decided this round (see /v1/approvals/:chainId). */
  chainId?: string;
  /** LEADER_REVIEW, set on acceptance; `adjusted` is false when the self scores were verified as they are. */
  verified?: ScoreSheet & { adjusted: boolean };
  /** CROSS: the sheets of the units assigned to score this one. */
  cross?: (ScoreSheet & { scorerUnit: string })[];
}

export interface AssessmentState {
  cycleId: string;
  unitCode: string;
  status: AssessmentStatus;
  late: boolean;
  deadline: string;
  version: number;
  rounds: AssessmentRound[];
}

export interface AssessmentResult {
  unitCode: string;
  outcome: AssessmentOutcome;
  /** The verified scores and total of the accepted round. */
  scores?: CriterionScore[];
  total?: number;
  /** The unit's own total of the accepted round. */
  selfTotal?: number;
  rounds: number;
  /** RECORD: the day on paper of the unit's last step (its acceptance). */
  lastOn?: string;
}

// ---- Timeline ----

export interface TimelineEvent {
  id: string;
  cycleId: string;
  occurredAt: string;
  phase: Phase;
  type: string;
  actor?: Actor;
  summaryVi: string;
  data?: Record<string, unknown>;
}

/**
 * A timeline entry as a workflow hands it to the projection: data only. The projection writes its Vietnamese sentence
 * (src/domain/cycle/wording); entries of workflows from before the machine still bring their own.
 */
export type ProjectedEvent = Omit<TimelineEvent, 'summaryVi'> & { summaryVi?: string };

/** One recorded event of a batched projection and the delta from the view before it (src/shared/view-delta.ts). */
export interface ProjectedStep {
  delta: ViewDelta;
  event: ProjectedEvent;
}
