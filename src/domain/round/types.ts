import type { Actor } from '../../shared/actors';
import type { GovernmentFlagQuota, NomineeStatus, QuorumResult } from '../../shared/cycle-types';
import type { AwardType, RuleSet } from '../../shared/rules';
import type { Command } from '../../shared/cycle-types';

/**
 * The province's award round (issue 15) as a pure state machine, in the style of src/domain/cycle: a view everyone
 * reads, a hidden part for bookkeeping, step rules (guard, check, events) and appliers. No I/O, no clock, no Temporal.
 */
export interface RoundMachine {
  view: RoundView;
  hidden: RoundHidden;
}

export interface RoundHidden {
  /** Every rule set of the province that may apply; each step applies the one in force on its own date. */
  ruleSets: RuleSet[];
  /** Sequence of direct proposals, for their ids. */
  directSeq: number;
}

export type ItemSource = 'BLOC' | 'DIRECT';

/** A line item of the round: one unit proposed for one award, by a bloc's conference or directly by an agency. */
export interface RoundItem {
  /** BLOC: `<cycleId>:<nomineeId>` (the nominations row's id); DIRECT: `<roundId>:direct:<n>`. */
  id: string;
  source: ItemSource;
  cycleId?: string;
  nomineeId?: string;
  blocCode?: string;
  /** DIRECT: the agency that proposed it. */
  proposer?: string;
  unitCode: string;
  unitName?: string;
  award: AwardType;
  awardName?: string;
  /** BLOC: the conference's votes and rank within its award at the bloc. */
  ballotVotes?: number;
  blocRank?: number;
  status: NomineeStatus;
  appraisal?: { recommend: boolean; note?: string; by: string };
  council?: {
    sessionId: string;
    votesFor: number;
    votesAgainst: number;
    invalid: number;
    required: number;
    passed: boolean;
    rulesVersion: string;
  };
  decision?: {
    approve: boolean;
    number: string;
    date: string;
    reason?: string;
    rulesVersion: string;
    quotaOverride?: { reason: string; documentRef: string; quota: GovernmentFlagQuota };
  };
  /** The central decision (Thủ tướng Chính phủ) on an item forwarded upward, recorded by the board. */
  central?: { approve: boolean; number: string; date: string; reason?: string; submissionId: string };
  /** The latest reason given against the item (appraisal note, council rejection, decision, central decision). */
  reason?: string;
}

export type CouncilRole = 'CHU_TICH' | 'PHO_CHU_TICH' | 'UY_VIEN' | 'THU_KY';

export interface CouncilMemberRef {
  /** The member's user id (or, for a member without an account, a stable id from council_members). */
  memberId: string;
  name: string;
  title?: string;
  councilRole: CouncilRole;
}

export interface SessionVote {
  itemId: string;
  votesFor: number;
  votesAgainst: number;
  invalid: number;
  required: number;
  passed: boolean;
  reason?: string;
}

/** One sitting of the council: its attendance (recorded once), its quorum, its votes, and how it ended. */
export interface CouncilSession {
  id: string;
  sessionDate: string;
  status: 'OPEN' | 'ADJOURNED' | 'CLOSED';
  members: CouncilMemberRef[];
  present: string[];
  /** Absent members whose written votes count (where the rule set allows them). */
  writtenVotes: string[];
  quorum: QuorumResult;
  rulesVersion: string;
  votes: SessionVote[];
  openedBy: string;
  adjournReason?: string;
  closedBy?: string;
}

export interface RoundDecision {
  number: string;
  date: string;
  signedBy: string;
  rulesVersion: string;
  itemIds: string[];
  approved: number;
  rejected: number;
}

export interface UpwardSubmission {
  id: string;
  toTrinh: { number: string; date: string };
  itemIds: string[];
  status: 'SENT' | 'RETURNED' | 'DECIDED';
  sentOn: string;
  sends: { sentOn: string; toTrinh: { number: string; date: string } }[];
  returns: { reason: string; returnedOn: string; by: string }[];
}

export interface RoundView {
  roundId: string;
  provinceCode: string;
  year: number;
  /** 1 for the year-end round; the board may open extra rounds (e.g. a March session). */
  n: number;
  title: string;
  status: 'OPEN' | 'CLOSED';
  version: number;
  /** The rule set in force when the round opened (a nomination's until a council or decision applies another). */
  rulesVersion: string;
  openedBy: string;
  openedAt: string;
  /** The province's target count per award (shown beside each group at the council). */
  targets: Partial<Record<AwardType, number>>;
  items: RoundItem[];
  appraisal: {
    /** PENDING: the specialist appraises; RETURNED: the head sent it back; the list is approved in batches. */
    status: 'PENDING' | 'RETURNED';
    returns: { reason: string; by: string; at: string }[];
    approvals: { by: string; on: string; itemIds: string[] }[];
  };
  sessions: CouncilSession[];
  decisions: RoundDecision[];
  submissions: UpwardSubmission[];
  closedAt?: string;
}

export interface RoundInput {
  roundId: string;
  provinceCode: string;
  year: number;
  n: number;
  title?: string;
  openedBy: Actor;
  ruleSets: RuleSet[];
  targets?: Partial<Record<AwardType, number>>;
}

export interface RoundContext {
  /** The workflow's clock, ms since the epoch. */
  now: number;
  /** Today in Viet Nam, YYYY-MM-DD. */
  today: string;
}

// ---- Commands (each carries the acting person; the API seals them) ----

export interface IncomingItem {
  cycleId: string;
  nomineeId: string;
  provinceCode: string;
  blocCode: string;
  unitCode: string;
  unitName?: string;
  award: AwardType;
  awardName?: string;
  ballotVotes?: number;
  blocRank?: number;
  /** The bloc's appraisal (none when the cycle hands over before it). */
}

export interface AddItemsCommand extends Command {
  items: IncomingItem[];
}

export interface ProposeDirectCommand extends Command {
  provinceCode: string;
  proposer: string;
  unitCode: string;
  unitName?: string;
  award: AwardType;
  note?: string;
}

/** Many direct proposals in one step (a province's list of agencies' proposals), each checked as one is. */
export interface ProposeDirectBatchCommand extends Command {
  provinceCode: string;
  proposals: { proposer: string; unitCode: string; unitName?: string; award: AwardType; note?: string }[];
}

export interface AppraiseItemsCommand extends Command {
  opinions: { itemId: string; recommend: boolean; note?: string }[];
}

export interface ReviewListCommand extends Command {
  decision: 'APPROVE' | 'RETURN';
  reason?: string;
}

export interface OpenSessionCommand extends Command {
  sessionDate: string;
  /** The council's members in office on the session date (the API reads council_members). */
  members: CouncilMemberRef[];
  present: string[];
  writtenVotes?: string[];
}

export interface VoteTalliesCommand extends Command {
  sessionId: string;
  tallies: { itemId: string; votesFor: number; votesAgainst: number; invalid: number; reason?: string }[];
}

export interface EndSessionCommand extends Command {
  sessionId: string;
  end: 'ADJOURN' | 'CLOSE';
  reason?: string;
}

export interface RoundDecideCommand extends Command {
  decisionNumber: string;
  decisionDate: string;
  items: { itemId: string; approve: boolean; reason?: string }[];
  /** Computed by the API (governmentFlagQuota in src/api/common/government-flag-quota.ts). */
  governmentFlagQuota?: GovernmentFlagQuota;
  quotaOverride?: { reason: string; documentRef: string };
}

export interface SubmitUpwardCommand extends Command {
  toTrinh: { number: string; date: string };
  sentOn: string;
  itemIds: string[];
}

export interface ReturnUpwardCommand extends Command {
  submissionId: string;
  reason: string;
  returnedOn: string;
}

export interface ResendUpwardCommand extends Command {
  submissionId: string;
  sentOn: string;
  toTrinh?: { number: string; date: string };
}

export interface CentralDecisionCommand extends Command {
  submissionId: string;
  number: string;
  date: string;
  items: { itemId: string; approve: boolean; reason?: string }[];
}

export type CloseRoundCommand = Command;

/** The round's human steps by their update's name. */
export interface RoundCommands {
  addItems: AddItemsCommand;
  proposeDirect: ProposeDirectCommand;
  proposeDirectBatch: ProposeDirectBatchCommand;
  appraiseItems: AppraiseItemsCommand;
  reviewList: ReviewListCommand;
  openSession: OpenSessionCommand;
  voteTallies: VoteTalliesCommand;
  endSession: EndSessionCommand;
  decideRound: RoundDecideCommand;
  submitUpward: SubmitUpwardCommand;
  returnUpward: ReturnUpwardCommand;
  resendUpward: ResendUpwardCommand;
  centralDecision: CentralDecisionCommand;
  closeRound: CloseRoundCommand;
}

export type RoundStepName = keyof RoundCommands;
