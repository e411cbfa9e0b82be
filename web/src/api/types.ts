/**
 * The JSON the public HTTP API answers with: names the pages use for the schemas of the API's OpenAPI document
 * (schema.d.ts, generated from web/src/api/openapi.json by `npm run contract:generate`). Nothing here is written by
 * hand: a change on the server reaches the pages through the generated types, and the type check shows what breaks.
 */
import type { components, paths } from './schema';

type S = components['schemas'];
export type { components, paths };

/** The role a person acts in (x-acting-role, and x-acting-unit for a unit's roles): request headers, not a body. */
export interface ActingRole {
  role: string;
  unitCode?: string;
}

export type Role = S['RoleAssignmentView']['role'];
export type Phase = S['CycleView']['phase'];
export type AwardType = S['NominationView']['award'];
export type CycleMode = S['CycleView']['mode'];
export type CriterionType = NonNullable<S['CriterionView']['type']>;
export type AssessmentStatus = S['AssessmentStateView']['status'];
export type NomineeStatus = S['NomineeView']['status'];
export type TieItem = S['TieView']['item'];
export type ApprovalDecision = S['DecisionDto']['decision'];
export type ChainItemStatus = S['ChainItemView']['status'];
export type BlocKind = S['OrgBlocView']['kind'];
export type UnitKind = S['OrgUnitView']['kind'];
/** Who scored a sheet: the unit, the Trưởng khối, the council (by phase), or another unit (CROSS). */
export type ScorePhase = keyof S['RoundPhasesView'] | 'CROSS';

export type ApiErrorBody = S['ErrorBody'];
export type TokenPair = S['TokenPairView'];
export type RoleView = S['RoleAssignmentView'];
export type BlocAuthorityView = S['BlocAuthorityView'];
export type UserView = S['UserView'];
export type RoleGrantView = S['RoleGrantView'];
export type Me = S['MeView'];

export type CycleSummary = S['CycleSummaryView'];
export type CycleView = S['CycleView'];
export type UnitRef = S['UnitRefView'];
export type UnitProgress = S['UnitProgressView'];
export type Criterion = S['CriterionView'];
export type CriteriaGroup = S['CriteriaGroupView'];
export type CriterionScore = S['CriterionScoreView'];
export type LaunchState = S['LaunchStateView'];
export type Quorum = S['QuorumView'];
export type RankedUnit = S['RankedUnitView'];
export type CandidateTally = S['CandidateTallyView'];
export type AwardTally = S['AwardTallyView'];
export type ElectionTally = S['ElectionTallyView'];
export type VoteCount = S['VoteCountView'];
export type PublishedPaper = S['PublishedPaperView'];
export type ConferenceMinutes = S['ConferenceMinutesView'];
export type BallotState = S['BallotStateView'];
export type EligibilityCheck = S['NomineeEligibilityView'];
export type Nominee = S['NomineeView'];
export type DossierState = S['DossierStateView'];
export type AppraisalState = S['AppraisalStateView'];
export type ScoreSheetView = S['ScoreSheetView'];
export type AssessmentView = S['AssessmentScoresView'];

export type NominationView = S['NominationView'];
export type UnitAwards = S['UnitAwardsView'];
export type BlocView = S['BlocView'];
export type LateUnit = S['LateUnitView'];
export type ActorRef = S['HistoryActorView'];
export type TimelineView = S['TimelineView'];
export type HistoryView = S['CycleHistoryView'];
export type ChainVerification = S['ChainVerificationView'];
export type RuleSetView = S['RuleSetView'];

export type ApprovalItemRef = S['InboxItemRefView'];
export type InboxItem = S['InboxItemView'];
export type PersonRef = S['PersonRefView'];
export type ChainItem = S['ChainItemView'];
export type ChainEvent = S['ChainEventView'];
export type ChainView = S['ChainView'];
export type BulkResult = S['BulkAnswerView'];
export type IncidentView = S['IncidentView'];
export type DelegationView = S['DelegationView'];
export type NotificationSettingsView = S['NotificationSettingsView'];

export type OrgProvince = S['OrgProvinceView'];
export type OrgBloc = S['OrgBlocView'];
export type OrgMembership = S['OrgMembershipView'];
export type OrgUnit = S['OrgUnitView'];
export type WorkbookSheet = S['ChangeItem']['sheet'];
export type WorkbookCounts = S['ChangeCounts'];
export type WorkbookProblem = S['ProblemView'];
export type WorkbookChange = S['ChangeItem'];
export type WorkbookPreview = S['WorkbookPreviewView'];
export type WorkbookApplied = S['WorkbookApplyView'];
