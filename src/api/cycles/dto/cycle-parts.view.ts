import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { NomineeStatus } from '../../../shared/cycle-types';
import { EligibilityRule } from '../../../shared/eligibility';
import { AWARD_TYPES } from '../../../shared/rules';

/** An inline schema (for the values of a map, which Nest cannot say with a class). */
type Schema = NonNullable<Extract<ApiPropertyOptions, { items?: unknown }>['items']>;

/**
 * The parts of a cycle's state (src/shared/cycle-types.ts) as the API answers them, field by field, so that the web
 * application and the test driver type them from the document rather than from copies.
 */

const STRINGS = { type: 'array', items: { type: 'string' } } as const;
/** A map keyed by award type (CO_THI_DUA_TINH…) with the given values. */
const byAward = (values: Record<string, unknown>, description?: string) =>
  ({ type: 'object', additionalProperties: values, description }) as const;
const TIE_ITEMS = [...AWARD_TYPES, 'LEADER', 'DEPUTY'];

export class CriterionView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() maxPoints: number;
  @ApiProperty() evidenceRequired: boolean;
  @ApiPropertyOptional() groupCode?: string;
  @ApiPropertyOptional({ enum: ['NORMAL', 'BONUS', 'PENALTY'], description: 'NORMAL when absent' }) type?: string;
}

export class CriteriaGroupView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() maxPoints: number;
}

export class CrossScoringView {
  @ApiProperty() scorer: string;
  @ApiProperty() scored: string;
}

export class LaunchStateView {
  @ApiProperty() plan: string;
  @ApiProperty() pledgeText: string;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiPropertyOptional({ type: [CriteriaGroupView] }) criteriaGroups?: CriteriaGroupView[];
  @ApiPropertyOptional({ type: [CrossScoringView] }) crossScoring?: CrossScoringView[];
  @ApiProperty() pledgeDeadline: string;
  @ApiProperty() selfAssessmentDeadline: string;
  @ApiProperty() launchedAt: string;
  @ApiProperty() launchedBy: string;
  @ApiPropertyOptional({ description: 'RECORD: the day of the launch on paper' }) launchedOn?: string;
}

export const PLEDGE_SIGNATURE: Schema = {
  type: 'object',
  properties: { signedAt: { type: 'string' }, signedBy: { type: 'string' }, signedOn: { type: 'string' } },
  required: ['signedAt', 'signedBy'],
};

export const CRITERION_SCORE: Schema = {
  type: 'object',
  properties: {
    criterionCode: { type: 'string' },
    points: { type: 'number' },
    evidenceRefs: STRINGS,
    reason: { type: 'string', description: 'On a verified sheet: why the points differ from the unit’s own' },
  },
  required: ['criterionCode', 'points', 'evidenceRefs'],
};

export const ASSESSMENT_SUMMARY: Schema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['PENDING', 'ACCEPTED', 'LATE', 'REJECTED'] },
    total: { type: 'number', description: 'The verified total: the one the ranking uses' },
    selfTotal: { type: 'number' },
    scores: { type: 'array', items: CRITERION_SCORE },
    rounds: { type: 'number' },
  },
  required: ['status', 'rounds'],
};

export class QuorumView {
  @ApiProperty() required: number;
  @ApiProperty() present: number;
  @ApiProperty() base: number;
  @ApiProperty() ratio: number;
  @ApiProperty() met: boolean;
}

export class RankedUnitView {
  @ApiProperty() unitCode: string;
  @ApiProperty() total: number;
  @ApiProperty() rank: number;
}

export class ConferenceStateView {
  @ApiProperty() openedAt: string;
  @ApiProperty() heldOn: string;
  @ApiPropertyOptional() location?: string;
  @ApiProperty(STRINGS) present: string[];
  @ApiProperty({ type: QuorumView }) quorum: QuorumView;
  @ApiProperty({ type: [RankedUnitView] }) ranking: RankedUnitView[];
  @ApiPropertyOptional() rulesVersion?: string;
}

export class TieView {
  @ApiProperty({ enum: TIE_ITEMS }) item: string;
  @ApiProperty(STRINGS) tied: string[];
  @ApiProperty() slots: number;
}

export class TieProposalView {
  @ApiProperty({ enum: TIE_ITEMS }) item: string;
  @ApiProperty(STRINGS) chosen: string[];
  @ApiProperty() by: string;
}

export class BallotStateView {
  @ApiProperty({ enum: ['OPEN', 'CLOSED', 'AWAITING_TIE_DECISION'] }) status: string;
  @ApiProperty({ description: '1 for the first ballot' }) round: number;
  @ApiProperty(byAward(STRINGS, 'Candidates by award')) candidates: Record<string, string[]>;
  @ApiPropertyOptional(byAward({ type: 'number' }, 'Open slots per award in this round')) slots?: Record<string, number>;
  @ApiProperty(STRINGS) leaderCandidates: string[];
  @ApiProperty(STRINGS) deputyCandidates: string[];
  @ApiProperty({ ...STRINGS, description: 'Who has voted in this round (never how)' }) voted: string[];
  @ApiPropertyOptional(STRINGS) writtenVotes?: string[];
  @ApiPropertyOptional({ description: 'The teller key’s public part (SPKI, base64); papers are sealed to it' })
  tellerKey?: string;
  @ApiPropertyOptional() restarts?: number;
  @ApiPropertyOptional({ type: TieView }) openTie?: TieView;
  @ApiPropertyOptional({ type: TieProposalView }) tieProposal?: TieProposalView;
}

export class CandidateReasonView {
  @ApiProperty({ enum: ['BELOW_THRESHOLD', 'NOT_PROVINCIAL_FLAG_WINNER', 'TIED', 'NO_SLOT', 'OWN_CANDIDACY'] }) code: string;
  @ApiProperty({ description: 'The line of the minutes, in Vietnamese' }) text: string;
}

export class CandidateTallyView {
  @ApiProperty() unitCode: string;
  @ApiProperty() votes: number;
  @ApiProperty() required: number;
  @ApiProperty() passedThreshold: boolean;
  @ApiProperty() selected: boolean;
  @ApiPropertyOptional() rank?: number;
  @ApiPropertyOptional({
    type: CandidateReasonView,
    description: 'Cờ CP: why it was not chosen, or that it was chosen on its own (absent in minutes from before reasons)',
  })
  reason?: CandidateReasonView;
}

export class AwardTallyView {
  @ApiProperty({ enum: AWARD_TYPES }) award: string;
  @ApiProperty() displayName: string;
  @ApiProperty() threshold: number;
  @ApiProperty() thresholdBase: string;
  @ApiProperty() baseCount: number;
  @ApiProperty() required: number;
  @ApiProperty() maxPerBloc: number;
  @ApiProperty({ type: [CandidateTallyView] }) candidates: CandidateTallyView[];
  @ApiProperty() basis: string;
  @ApiPropertyOptional(STRINGS) tied?: string[];
  @ApiPropertyOptional() tiedSlots?: number;
  @ApiPropertyOptional() dependsOnUndecided?: boolean;
}

export class ElectionCandidateView {
  @ApiProperty() unitCode: string;
  @ApiProperty() votes: number;
}

export class ElectionTallyView {
  @ApiProperty({ type: [ElectionCandidateView] }) candidates: ElectionCandidateView[];
  @ApiPropertyOptional() elected?: string;
  @ApiPropertyOptional(STRINGS) tied?: string[];
}

export class PublishedPaperView {
  @ApiProperty() receipt: string;
  @ApiProperty(byAward(STRINGS)) choices: Record<string, string[]>;
  @ApiPropertyOptional() nextLeader?: string;
  @ApiPropertyOptional() nextDeputy?: string;
  @ApiProperty() valid: boolean;
}

export class VoteCountView {
  @ApiProperty() ballotsIssued: number;
  @ApiProperty() ballotsReturned: number;
  @ApiProperty() ballotsValid: number;
  @ApiProperty() ballotsInvalid: number;
  @ApiProperty({ type: [AwardTallyView] }) awards: AwardTallyView[];
  @ApiProperty({ type: ElectionTallyView }) leaderElection: ElectionTallyView;
  @ApiProperty({ type: ElectionTallyView }) deputyElection: ElectionTallyView;
  @ApiPropertyOptional({ type: [PublishedPaperView], description: 'Sealed ballots: every paper, sorted by receipt' })
  papers?: PublishedPaperView[];
}

export class TieBreakView {
  @ApiProperty({ enum: TIE_ITEMS }) item: string;
  @ApiProperty(STRINGS) tied: string[];
  @ApiProperty(STRINGS) chosen: string[];
  @ApiProperty() by: string;
}

export class ScoreAdjustmentView {
  @ApiProperty() unitCode: string;
  @ApiProperty() criterionCode: string;
  @ApiProperty() points: number;
  @ApiProperty() reason: string;
}

export class ConferenceMinutesView {
  @ApiProperty() blocName: string;
  @ApiProperty() year: number;
  @ApiProperty() heldOn: string;
  @ApiPropertyOptional() location?: string;
  @ApiProperty() chairedBy: string;
  @ApiProperty() membersTotal: number;
  @ApiProperty(STRINGS) present: string[];
  @ApiProperty(STRINGS) absent: string[];
  @ApiProperty({ type: QuorumView }) quorum: QuorumView;
  @ApiProperty({ type: [RankedUnitView] }) ranking: RankedUnitView[];
  @ApiProperty({ type: VoteCountView }) voteCount: VoteCountView;
  @ApiPropertyOptional({ type: [VoteCountView] }) rounds?: VoteCountView[];
  @ApiPropertyOptional({ type: [TieBreakView] }) tieBreaks?: TieBreakView[];
  @ApiProperty() nextLeader: string;
  @ApiProperty() nextDeputy: string;
  @ApiProperty() rulesVersion: string;
  @ApiPropertyOptional({ type: [ScoreAdjustmentView] }) scoreAdjustments?: ScoreAdjustmentView[];
}

export class ElectedView {
  @ApiProperty() leader: string;
  @ApiProperty() deputy: string;
}

export class LeadershipChainResultView {
  @ApiProperty({ description: 'The seat’s item status in the chain, or NO_CHAIN' }) leader: string;
  @ApiProperty() deputy: string;
  @ApiProperty(STRINGS) reasons: string[];
}

export class LeadershipApprovalView {
  @ApiProperty({ enum: ['PENDING', 'APPROVED'] }) status: string;
  @ApiProperty({ type: ElectedView }) elected: ElectedView;
  @ApiPropertyOptional() chainId?: string;
  @ApiPropertyOptional() submittedBy?: string;
  @ApiPropertyOptional({ type: LeadershipChainResultView }) chainResult?: LeadershipChainResultView;
  @ApiPropertyOptional() decisionRef?: string;
  @ApiPropertyOptional() by?: string;
  @ApiPropertyOptional() at?: string;
}

export class NomineeEligibilityView {
  @ApiProperty({ enum: Object.values(EligibilityRule) }) rule: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ description: 'The legal basis, in Vietnamese' }) clause: string;
  @ApiPropertyOptional() requirement?: string;
  @ApiProperty() detail: string;
}

export class NomineeAppraisalView {
  @ApiProperty() recommend: boolean;
  @ApiPropertyOptional() note?: string;
}

export class NomineeCouncilView {
  @ApiProperty() votesFor: number;
  @ApiProperty() required: number;
  @ApiProperty() passed: boolean;
  @ApiPropertyOptional() rulesVersion?: string;
}

export class QuotaView {
  @ApiProperty() blocLeaders: number;
  @ApiProperty() alreadyForwarded: number;
  @ApiProperty() limit: number;
  @ApiProperty() basis: string;
}

export class QuotaOverrideView {
  @ApiProperty() reason: string;
  @ApiProperty() documentRef: string;
  @ApiProperty({ type: QuotaView }) quota: QuotaView;
}

export class NomineeDecisionView {
  @ApiProperty() approve: boolean;
  @ApiProperty() number: string;
  @ApiProperty() date: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() rulesVersion: string;
  @ApiPropertyOptional({ type: QuotaOverrideView }) quotaOverride?: QuotaOverrideView;
}

export class NomineeView {
  @ApiProperty() id: string;
  @ApiProperty() unitCode: string;
  @ApiProperty({ enum: AWARD_TYPES }) award: string;
  @ApiProperty({ enum: Object.values(NomineeStatus) }) status: string;
  @ApiPropertyOptional() awardName?: string;
  @ApiPropertyOptional({ type: [NomineeEligibilityView] }) eligibility?: NomineeEligibilityView[];
  @ApiProperty() ballotVotes: number;
  @ApiPropertyOptional({ type: NomineeAppraisalView }) appraisal?: NomineeAppraisalView;
  @ApiPropertyOptional({ type: NomineeCouncilView }) council?: NomineeCouncilView;
  @ApiPropertyOptional({ type: NomineeDecisionView }) decision?: NomineeDecisionView;
}

export class ToTrinhView {
  @ApiProperty() number: string;
  @ApiProperty() date: string;
  @ApiProperty() documentRef: string;
  @ApiPropertyOptional({ description: 'SHA-256 of the uploaded tờ trình (GET /v1/files/{sha256})' }) sha256?: string;
}

export class AchievementReportView {
  @ApiProperty() unitCode: string;
  @ApiProperty() title: string;
  @ApiProperty() documentRef: string;
  @ApiPropertyOptional({ description: 'SHA-256 of the uploaded report (GET /v1/files/{sha256})' }) sha256?: string;
}

export class SignedScanView {
  @ApiProperty({ description: 'SHA-256 of the uploaded scan (GET /v1/files/{sha256})' }) sha256: string;
  @ApiProperty() name: string;
}

export class DossierReturnView {
  @ApiProperty() round: number;
  @ApiProperty() reason: string;
  @ApiProperty() by: string;
  @ApiProperty() at: string;
}

export class DossierStateView {
  @ApiProperty({ enum: ['SUBMITTED', 'RETURNED', 'WITHDRAWN', 'ACCEPTED', 'REJECTED'] }) status: string;
  @ApiPropertyOptional() chainId?: string;
  @ApiProperty() round: number;
  @ApiProperty({ type: ToTrinhView }) toTrinh: ToTrinhView;
  @ApiProperty({ type: [AchievementReportView] }) achievementReports: AchievementReportView[];
  @ApiPropertyOptional({ type: [SignedScanView] }) signedScans?: SignedScanView[];
  @ApiProperty() submittedAt: string;
  @ApiPropertyOptional() submittedBy?: string;
  @ApiProperty({ type: [DossierReturnView] }) returns: DossierReturnView[];
  @ApiPropertyOptional({ description: 'Ngày nhận đủ hồ sơ' }) completeAt?: string;
  @ApiPropertyOptional() appraisalDueDate?: string;
  @ApiPropertyOptional() appraisalOverdue?: boolean;
}

export class ReturnView {
  @ApiProperty() reason: string;
  @ApiProperty() by: string;
  @ApiProperty() at: string;
}

export class AppraisalStateView {
  @ApiProperty({ enum: ['PENDING', 'APPRAISED', 'APPROVED'] }) status: string;
  @ApiPropertyOptional() chainId?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The chain definition it runs' })
  chain?: Record<string, unknown>;
  @ApiPropertyOptional() appraisedBy?: string;
  @ApiPropertyOptional() approvedBy?: string;
  @ApiProperty({ type: [ReturnView] }) returns: ReturnView[];
}

export class CouncilAdjustmentView {
  @ApiProperty() unitCode: string;
  @ApiProperty({ type: 'array', items: CRITERION_SCORE }) scores: object[];
  @ApiProperty() reason: string;
  @ApiProperty() total: number;
  @ApiPropertyOptional() previousTotal?: number;
}

export class CouncilStateView {
  @ApiProperty() sessionDate: string;
  @ApiProperty() membersTotal: number;
  @ApiProperty() membersPresent: number;
  @ApiProperty({ type: QuorumView }) quorum: QuorumView;
  @ApiProperty() recordedBy: string;
  @ApiPropertyOptional({ type: [CouncilAdjustmentView] }) scoreAdjustments?: CouncilAdjustmentView[];
}

export class CriterionScoreView {
  @ApiProperty() criterionCode: string;
  @ApiProperty() points: number;
  @ApiProperty({ type: [String] }) evidenceRefs: string[];
  @ApiPropertyOptional({ description: 'On a verified sheet: why the points differ from the unit’s own' }) reason?: string;
}

/** One phase's sheet of a round as the read model keeps it. */
export class ScoreSheetView {
  @ApiProperty() scoredBy: string;
  @ApiProperty() scoredAt: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [CriterionScoreView] }) scores: CriterionScoreView[];
}

export class CrossSheetView extends ScoreSheetView {
  @ApiProperty({ description: 'The unit that cross-scored' }) scorerUnit: string;
}

export class RoundPhasesView {
  @ApiPropertyOptional({ type: ScoreSheetView, description: 'The unit’s own scores' }) SELF?: ScoreSheetView;
  @ApiPropertyOptional({ type: ScoreSheetView, description: 'The Trưởng khối’s verified scores' }) LEADER_REVIEW?: ScoreSheetView;
  @ApiPropertyOptional({ type: ScoreSheetView, description: 'The council’s adjustment' }) COUNCIL_ADJUST?: ScoreSheetView;
}

/** A sheet as the assessment workflow keeps it. */
export class WorkflowSheetView {
  @ApiProperty({ type: [CriterionScoreView] }) scores: CriterionScoreView[];
  @ApiProperty() total: number;
  @ApiProperty() by: string;
  @ApiProperty() at: string;
}

export class VerifiedSheetView extends WorkflowSheetView {
  @ApiProperty({ description: 'false when the self scores were verified as they are' }) adjusted: boolean;
}

export class WorkflowCrossSheetView extends WorkflowSheetView {
  @ApiProperty() scorerUnit: string;
}

export class UnitReturnView extends ReturnView {}

export class RoundReviewView {
  @ApiProperty({ enum: ['ACCEPT', 'RETURN', 'REJECT'] }) decision: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() by: string;
  @ApiProperty() at: string;
}

/** One submission of a unit's self-assessment, with its approval, review and cross-scores. */
export class AssessmentRoundView {
  @ApiProperty() round: number;
  @ApiProperty({ type: [CriterionScoreView], description: 'The self scores, as submitted' }) scores: CriterionScoreView[];
  @ApiProperty() total: number;
  @ApiProperty() submittedBy: string;
  @ApiProperty() submittedAt: string;
  @ApiPropertyOptional() submittedOn?: string;
  @ApiPropertyOptional() approvedOn?: string;
  @ApiPropertyOptional() reviewedOn?: string;
  @ApiPropertyOptional() approvedBy?: string;
  @ApiPropertyOptional() approvedAt?: string;
  @ApiPropertyOptional({ type: UnitReturnView }) unitReturn?: UnitReturnView;
  @ApiPropertyOptional({ type: RoundReviewView }) review?: RoundReviewView;
  @ApiPropertyOptional() chainId?: string;
  @ApiPropertyOptional({ type: VerifiedSheetView }) verified?: VerifiedSheetView;
  @ApiPropertyOptional({ type: [WorkflowCrossSheetView] }) cross?: WorkflowCrossSheetView[];
}
