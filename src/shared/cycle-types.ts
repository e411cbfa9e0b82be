import type { Actor } from './actors';
import type { AwardType, ProvinceRules } from './rules';

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
}

export interface Criterion {
  code: string;
  name: string;
  maxPoints: number;
  evidenceRequired: boolean;
}

export interface CycleInput {
  cycleId: string;
  provinceCode: string;
  blocCode: string;
  blocName: string;
  year: number;
  units: UnitRef[];
  leaderUnit: string;
  deputyUnit: string;
  rules: ProvinceRules;
}

// ---- Update payloads (every one carries the acting person) ----

export interface Command {
  actor: Actor;
}

export interface LaunchCommand extends Command {
  plan: string;
  pledgeText: string;
  criteria: Criterion[];
  /** ISO instants; defaults come from the rules. */
  pledgeDeadline?: string;
  selfAssessmentDeadline?: string;
}

export type SignPledgeCommand = Command;

export interface CriterionScore {
  criterionCode: string;
  points: number;
  evidenceRefs: string[];
}

export interface SubmitAssessmentCommand extends Command {
  scores: CriterionScore[];
}

export type ApproveAssessmentCommand = Command;

export interface ReviewAssessmentCommand extends Command {
  decision: 'ACCEPT' | 'RETURN';
  reason?: string;
}

export type CloseSelfAssessmentCommand = Command;

export interface OpenConferenceCommand extends Command {
  /** Date the conference is held (YYYY-MM-DD); may fall in the following year. */
  heldOn: string;
  location?: string;
  presentUnits: string[];
}

export interface OpenBallotCommand extends Command {
  candidates: Partial<Record<AwardType, string[]>>;
  /** Units standing for next year's Trưởng khối and Phó khối. */
  leaderCandidates: string[];
  deputyCandidates: string[];
}

export interface CastBallotCommand extends Command {
  choices: Partial<Record<AwardType, string[]>>;
  nextLeader?: string;
  nextDeputy?: string;
}

export type CloseBallotCommand = Command;

export interface AchievementReport {
  unitCode: string;
  title: string;
  documentRef: string;
}

export interface SubmitDossierCommand extends Command {
  toTrinh: { number: string; date: string; documentRef: string };
  achievementReports: AchievementReport[];
}

export interface ReviewDossierCommand extends Command {
  decision: 'ACCEPT' | 'RETURN';
  reason?: string;
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
}

export interface DecideCommand extends Command {
  decisionNumber: string;
  decisionDate: string;
  items: { nomineeId: string; approve: boolean; reason?: string }[];
}

// ---- State ----

export interface PledgeSignature {
  signedAt: string;
  signedBy: string;
}

export type AssessmentOutcome = 'PENDING' | 'ACCEPTED' | 'LATE';

export interface UnitAssessmentSummary {
  status: AssessmentOutcome;
  total?: number;
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
}

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
}

export interface ElectionTally {
  candidates: { unitCode: string; votes: number }[];
  elected?: string;
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
  voteCount: VoteCountMinutes;
  nextLeader: string;
  nextDeputy: string;
  rulesVersion: string;
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
  ballotVotes: number;
  appraisal?: { recommend: boolean; note?: string };
  council?: { votesFor: number; required: number; passed: boolean };
  decision?: { approve: boolean; number: string; date: string; reason?: string; rulesVersion: string };
}

export interface DossierState {
  status: 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';
  round: number;
  toTrinh: { number: string; date: string; documentRef: string };
  achievementReports: AchievementReport[];
  submittedAt: string;
  returns: { round: number; reason: string; by: string; at: string }[];
  /** Ngày nhận đủ hồ sơ: the appraisal timer starts here. */
  completeAt?: string;
  appraisalDueDate?: string;
}

export interface AppraisalState {
  status: 'PENDING' | 'APPRAISED' | 'APPROVED';
  appraisedBy?: string;
  approvedBy?: string;
  returns: { reason: string; by: string; at: string }[];
}

export interface CycleState {
  cycleId: string;
  provinceCode: string;
  blocCode: string;
  blocName: string;
  year: number;
  phase: Phase;
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
    pledgeDeadline: string;
    selfAssessmentDeadline: string;
    launchedAt: string;
    launchedBy: string;
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
  };
  ballot?: {
    status: 'OPEN' | 'CLOSED';
    candidates: Partial<Record<AwardType, string[]>>;
    leaderCandidates: string[];
    deputyCandidates: string[];
    /** Who has voted; what they voted is never exposed here. */
    voted: string[];
  };
  minutes?: ConferenceMinutes;
  nextLeader?: string;
  nextDeputy?: string;
  nominees: Nominee[];
  dossier?: DossierState;
  appraisal?: AppraisalState;
  council?: { sessionDate: string; membersTotal: number; membersPresent: number; quorum: QuorumResult; recordedBy: string };
  completedAt?: string;
}

// ---- Per-unit self-assessment (child workflow) ----

export interface AssessmentInput {
  cycleId: string;
  unitCode: string;
  unitName: string;
  leaderUnit: string;
  memberUnits: string[];
  criteria: Criterion[];
  deadline: string;
  phase: Phase;
}

export type AssessmentStatus = 'DRAFT' | 'SUBMITTED' | 'UNIT_APPROVED' | 'RETURNED' | 'ACCEPTED' | 'CLOSED';

export interface AssessmentRound {
  round: number;
  scores: CriterionScore[];
  total: number;
  submittedBy: string;
  submittedAt: string;
  approvedBy?: string;
  approvedAt?: string;
  review?: { decision: 'ACCEPT' | 'RETURN'; reason?: string; by: string; at: string };
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
  scores?: CriterionScore[];
  total?: number;
  rounds: number;
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
