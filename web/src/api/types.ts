/**
 * The JSON the public HTTP API answers with, as far as the pages read it. Written from the OpenAPI document
 * (/docs/openapi.json); the web application imports no server code.
 */

export type Role =
  'UNIT_HEAD' | 'UNIT_FOCAL' | 'BOARD_SPECIALIST' | 'BOARD_HEAD' | 'COUNCIL_MEMBER' | 'CHAIRMAN' | 'ADMIN' | 'AUDITOR';

export type Phase =
  'LAUNCH' | 'PLEDGE' | 'SELF_ASSESSMENT' | 'CONFERENCE' | 'SUBMISSION' | 'APPRAISAL' | 'DECISION' | 'COMPLETED';

export type AwardType = 'CO_THI_DUA_TINH' | 'BANG_KHEN_CHU_TICH' | 'CO_THI_DUA_CHINH_PHU';

/** The role a person acts in (x-acting-role, and x-acting-unit for a unit's roles). */
export interface ActingRole {
  role: string;
  unitCode?: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  detail?: string;
  status: number;
  /** REQUEST_IN_PROGRESS (202): the request id to re-send. */
  requestId?: string;
  /** 429, 503, 202: seconds to wait before trying again (also the Retry-After header). */
  retryAfterSeconds?: number;
  problems?: { field: string; message: string; messageVi: string }[];
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface RoleView {
  id: string;
  role: Role;
  provinceCode: string | null;
  unitCode: string | null;
  validFrom: string;
  validTo: string | null;
  grantedBy?: string;
  reason?: string | null;
  current: boolean;
  labelVi: string;
}

export interface BlocAuthorityView {
  blocCode: string;
  capacity: 'LEADER' | 'DEPUTY';
  year: number;
  since?: string;
  labelVi: string;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  lockedForSeconds: number;
  roles: RoleView[];
  /** Grants of deciding roles (or ADMIN) proposed and awaiting a second admin: not in force. */
  pendingGrants?: RoleGrantView[];
}

export interface RoleGrantView {
  id: string;
  userId: string;
  username: string;
  role: Role;
  provinceCode: string | null;
  unitCode: string | null;
  validFrom: string;
  validTo: string | null;
  reason: string | null;
  status: 'PENDING' | 'APPROVED' | 'REFUSED';
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  labelVi: string;
}

export interface Me extends UserView {
  blocAuthorities: BlocAuthorityView[];
}

export interface CycleSummary {
  cycleId: string;
  provinceCode: string;
  provinceName?: string;
  blocCode: string;
  blocName: string;
  year: number;
  phase: Phase;
  status: 'ACTIVE' | 'COMPLETED';
  mode: CycleMode;
  leaderUnit: string;
  deputyUnit: string;
  rulesVersion: string;
  updatedAt: string;
}

/** LIVE: a year run as it happens (timers close its phases); RECORD: a past year entered afterwards, each step dated. */
export type CycleMode = 'LIVE' | 'RECORD';

export type CriterionType = 'NORMAL' | 'BONUS' | 'PENALTY';

export interface Criterion {
  code: string;
  name: string;
  maxPoints: number;
  evidenceRequired: boolean;
  groupCode?: string;
  type?: CriterionType;
}

export interface CriteriaGroup {
  code: string;
  name: string;
  maxPoints: number;
}

export interface CriterionScore {
  criterionCode: string;
  points: number;
  evidenceRefs: string[];
  /** On a verified sheet: why the points differ from the unit's own. */
  reason?: string;
}

export interface UnitRef {
  code: string;
  name: string;
}

export interface UnitProgress {
  unitCode: string;
  unitName: string;
  pledgeSignedAt: string | null;
  pledgeLate: boolean;
  assessmentStatus: AssessmentStatus | null;
  assessmentLate: boolean;
  assessmentRounds: number;
  verifiedTotal: number | null;
}

export type AssessmentStatus =
  'DRAFT' | 'SUBMITTED' | 'UNIT_APPROVED' | 'IN_APPROVAL' | 'RETURNED' | 'ACCEPTED' | 'REJECTED' | 'CLOSED';

export interface Quorum {
  required: number;
  present: number;
  base: number;
  ratio: number;
  met: boolean;
}

export interface RankedUnit {
  unitCode: string;
  total: number;
  rank: number;
}

export interface CandidateTally {
  unitCode: string;
  votes: number;
  required: number;
  passedThreshold: boolean;
  selected: boolean;
}

export interface AwardTally {
  award: AwardType;
  displayName: string;
  required: number;
  maxPerBloc: number;
  candidates: CandidateTally[];
  basis: string;
  tied?: string[];
}

export interface ElectionTally {
  candidates: { unitCode: string; votes: number }[];
  elected?: string;
  tied?: string[];
}

export interface VoteCount {
  ballotsIssued: number;
  ballotsReturned: number;
  ballotsValid: number;
  ballotsInvalid: number;
  awards: AwardTally[];
  leaderElection: ElectionTally;
  deputyElection: ElectionTally;
  /** Sealed ballots: every paper counted, sorted by receipt; a voter finds theirs, anyone can recount. */
  papers?: PublishedPaper[];
}

export interface PublishedPaper {
  receipt: string;
  choices: Partial<Record<AwardType, string[]>>;
  nextLeader?: string;
  nextDeputy?: string;
  valid: boolean;
}

export interface ConferenceMinutes {
  blocName: string;
  year: number;
  heldOn: string;
  location?: string;
  chairedBy: string;
  membersTotal: number;
  present: string[];
  absent: string[];
  quorum: Quorum;
  ranking: RankedUnit[];
  voteCount: VoteCount;
  rounds?: VoteCount[];
  nextLeader: string;
  nextDeputy: string;
  rulesVersion: string;
  /** Verified scores that differ from a unit's own, with the reviewer's reason. */
  scoreAdjustments?: { unitCode: string; criterionCode: string; points: number; reason: string }[];
}

export type TieItem = AwardType | 'LEADER' | 'DEPUTY';

export interface BallotState {
  status: 'OPEN' | 'CLOSED' | 'AWAITING_TIE_DECISION';
  round: number;
  candidates: Partial<Record<AwardType, string[]>>;
  slots?: Partial<Record<AwardType, number>>;
  leaderCandidates: string[];
  deputyCandidates: string[];
  voted: string[];
  /** The teller key's public part; papers are sealed to it. */
  tellerKey?: string;
  restarts?: number;
  openTie?: { item: TieItem; tied: string[]; slots: number };
  tieProposal?: { item: TieItem; chosen: string[]; by: string };
}

export type NomineeStatus =
  | 'PROPOSED'
  | 'IN_APPRAISAL'
  | 'NOT_RECOMMENDED'
  | 'AWAITING_COUNCIL'
  | 'COUNCIL_REJECTED'
  | 'AWAITING_DECISION'
  | 'APPROVED'
  | 'FORWARDED'
  | 'REJECTED';

export interface EligibilityCheck {
  rule: string;
  passed: boolean;
  /** The legal basis, in Vietnamese: the clause of the rule set in force on the date checked. */
  clause: string;
  /** What that clause requires, in Vietnamese. */
  requirement?: string;
  detail: string;
}

export interface Nominee {
  id: string;
  unitCode: string;
  award: AwardType;
  status: NomineeStatus;
  awardName?: string;
  eligibility?: EligibilityCheck[];
  ballotVotes: number;
  appraisal?: { recommend: boolean; note?: string };
  council?: { votesFor: number; required: number; passed: boolean };
  decision?: { approve: boolean; number: string; date: string; reason?: string };
}

export interface DossierState {
  status: 'SUBMITTED' | 'RETURNED' | 'WITHDRAWN' | 'ACCEPTED' | 'REJECTED';
  /** The approval chain reviewing this submission, where the province runs the review as a chain. */
  chainId?: string;
  round: number;
  toTrinh: { number: string; date: string; documentRef: string };
  achievementReports: { unitCode: string; title: string; documentRef: string }[];
  submittedAt: string;
  returns: { round: number; reason: string; by: string; at: string }[];
  completeAt?: string;
  appraisalDueDate?: string;
  appraisalOverdue?: boolean;
}

export interface AppraisalState {
  status: 'PENDING' | 'APPRAISED' | 'APPROVED';
  /** Set when the province's rules run the appraisal as an approval chain (see /v1/approvals/:chainId). */
  chainId?: string;
  appraisedBy?: string;
  approvedBy?: string;
  returns: { reason: string; by: string; at: string }[];
}

export interface LaunchState {
  plan: string;
  pledgeText: string;
  criteria: Criterion[];
  criteriaGroups?: CriteriaGroup[];
  pledgeDeadline: string;
  selfAssessmentDeadline: string;
  launchedAt: string;
  launchedBy: string;
  /** RECORD: the day of the launch on paper. */
  launchedOn?: string;
}

/** GET /v1/cycles/:id: the cycle state with each unit's progress. */
export interface CycleView {
  cycleId: string;
  provinceCode: string;
  /** The province's name (e.g. "Tỉnh Bắc Kạn"); the code where the province is unknown. */
  provinceName?: string;
  /** The legal basis of the cycle's rule set (rulesVersion), shown beside its code. */
  rulesLegalBasis?: string[];
  blocCode: string;
  blocName: string;
  year: number;
  phase: Phase;
  status: 'ACTIVE' | 'COMPLETED';
  mode: CycleMode;
  /** RECORD: the day each phase opened on paper. */
  phaseOpenedOn?: Partial<Record<Phase, string>>;
  /** RECORD: the day on paper of the latest step recorded in the cycle. */
  recordedThrough?: string;
  version: number;
  units: UnitRef[];
  leaderUnit: string;
  deputyUnit: string;
  rulesVersion: string;
  launch?: LaunchState;
  pledges: Record<string, { signedAt: string; signedBy: string; signedOn?: string }>;
  lateUnits: Partial<Record<Phase, string[]>>;
  assessments: Record<string, { status: string; total?: number; selfTotal?: number; rounds: number }>;
  conference?: {
    openedAt: string;
    heldOn: string;
    location?: string;
    present: string[];
    quorum: Quorum;
    ranking: RankedUnit[];
  };
  ballot?: BallotState;
  minutes?: ConferenceMinutes;
  nextLeader?: string;
  nextDeputy?: string;
  leadershipApproval?: {
    status: 'PENDING' | 'APPROVED';
    elected: { leader: string; deputy: string };
    decisionRef?: string;
    chainId?: string;
    chainResult?: { leader: string; deputy: string; reasons: string[] };
  };
  nominees: Nominee[];
  dossier?: DossierState;
  appraisal?: AppraisalState;
  council?: { sessionDate: string; membersTotal: number; membersPresent: number; quorum: Quorum; recordedBy: string };
  completedAt?: string;
  unitProgress: UnitProgress[];
}

export type ScorePhase = 'SELF' | 'LEADER_REVIEW' | 'CROSS' | 'COUNCIL_ADJUST';

export interface ScoreSheetView {
  scoredBy: string;
  scoredAt: string;
  total: number;
  scores: CriterionScore[];
}

/** GET /v1/cycles/:id/units/:unit/assessment */
export interface AssessmentView {
  cycleId: string;
  unitCode: string;
  status: AssessmentStatus | null;
  late: boolean;
  selfTotal: number | null;
  verifiedTotal: number | null;
  rounds: {
    round: number;
    selfTotal: number | null;
    verifiedTotal: number | null;
    councilTotal: number | null;
    phases: Partial<Record<Exclude<ScorePhase, 'CROSS'>, ScoreSheetView>>;
    /** One sheet per unit that cross-scored the round. */
    cross: (ScoreSheetView & { scorerUnit: string })[];
  }[];
}

export interface NominationView {
  cycleId: string;
  nomineeId: string;
  provinceCode: string;
  year: number;
  unitCode: string;
  award: AwardType;
  status: NomineeStatus;
  ballotVotes: number;
  councilVotes: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
}

export interface UnitAwards {
  unitCode: string;
  unitName: string;
  awards: {
    year: number;
    award: AwardType;
    awardName: string;
    /** The code it was given to: an earlier code of this unit after a rename or merger. */
    awardedTo: string;
    decisionNumber: string;
    decisionDate: string;
    cycleId: string;
  }[];
}

export interface BlocView {
  blocCode: string;
  provinceCode: string;
  name: string;
  leaderships: { year: number; leaderUnit: string; deputyUnit: string; source: string; handedOverAt: string | null }[];
}

export interface LateUnit {
  unitCode: string;
  unitName: string;
  phase: 'PLEDGE' | 'SELF_ASSESSMENT';
}

export interface ActorRef {
  userId: string | null;
  role: string | null;
  unitCode: string | null;
}

export interface TimelineView {
  cycleId: string;
  blocName: string;
  year: number;
  temporalUi?: string;
  events: {
    at: string;
    /** RECORD cycles: the day the step happened on paper (`at` is when it was entered). */
    occurredOn: string | null;
    phase: Phase;
    type: string;
    label: string;
    actor: ActorRef | null;
    summary: string;
  }[];
}

export interface HistoryView {
  cycleId: string;
  entries: {
    at: string;
    source: 'AUDIT' | 'WORKFLOW';
    workflowId?: string;
    type: string;
    labelVi: string;
    actor?: ActorRef;
    detail?: string;
  }[];
  temporal: { workflowId: string; eventCount: number; uiUrl?: string } | null;
  note?: string;
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  head?: { seq: number; hash: string };
  firstBroken?: { seq: number; eventId: string; reason: string; detail: string };
  algorithm: string;
}

export interface RuleSetView {
  provinceCode: string;
  version: string;
  /** 1 when created; each edit that changes the content adds one. */
  revision: number;
  legalBasis: string[];
  validFrom: string;
  validTo: string | null;
  rules: {
    receivingAgencyName?: string;
    leaderSelection?: string;
    conference?: { quorumRatio?: number; basis?: string };
    awards?: Partial<Record<AwardType, { enabled: boolean; displayName: string; threshold: number; maxPerBloc: number }>>;
    deadlines?: { appraisalWorkingDays?: number };
  };
  updatedAt: string;
  updatedBy: string;
}

// ---- Inbox and approval chains (the lead's contract; the pages cope with their absence) ----

export interface ApprovalItemRef {
  itemId: string;
  title: string;
  status: string;
  round: number;
}

export interface InboxItem {
  id: string;
  kind: 'APPROVAL' | 'CYCLE_STEP';
  /** CYCLE_STEP: the unit the step is about. */
  unitCode?: string;
  action: string;
  title: string;
  provinceCode: string;
  blocCode?: string;
  cycleId?: string;
  phase?: Phase;
  chainId?: string;
  levelCode?: string;
  levelName?: string;
  items?: ApprovalItemRef[];
  actingFor?: { userId: string; displayName?: string };
  /** APPROVAL: who started the chain, and whether it is a cycle's step or a free-standing chain. */
  origin?: { kind: 'CYCLE_STEP' | 'FREE_STANDING'; startedBy: PersonRef };
  dueAt?: string;
  overdue: boolean;
}

export interface PersonRef {
  userId: string;
  displayName?: string;
  unitCode?: string;
}

export type ChainItemStatus = 'PENDING' | 'RETURNED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN' | 'ESCALATED';

export interface ChainItem {
  itemId: string;
  title: string;
  status: ChainItemStatus;
  /** PENDING: the level it waits for; otherwise where it was settled last. */
  levelIndex: number;
  round: number;
  outcomes: { decision: string; userId: string; displayName?: string; at: string; levelCode: string; reason?: string }[];
}

export interface ChainEvent {
  seq: number;
  type: string;
  /** Vietnamese label of the type, given by the server. */
  label: string;
  at: string;
  actor?: PersonRef;
  actingFor?: PersonRef;
  itemIds?: string[];
  levelCode?: string;
  reason?: string;
  text?: string;
  /** EVIDENCE_ATTACHED: the references added. */
  references?: { title: string; url: string }[];
}

/** GET /v1/approvals/:chainId: the chain's state, with the tasks open now. */
export interface ChainView {
  chainId: string;
  status: 'IN_PROGRESS' | 'COMPLETE';
  definition: {
    code: string;
    name: string;
    levels: { code: string; name: string; mode: string; approvers?: { label?: string } }[];
  };
  subject: { provinceCode: string; blocCode?: string; cycleId?: string; title: string };
  submittedBy: PersonRef;
  submittedAt: string;
  itemOrder: string[];
  items: Record<string, ChainItem>;
  incidents: { incidentId: string; levelCode: string; reason: string; detail: string; openedAt: string; resolvedAt?: string }[];
  evidence: { seq: number; title: string; url: string; addedBy: string; at: string; itemIds?: string[] }[];
  log: ChainEvent[];
  tasks: {
    assignmentId: string;
    levelCode: string;
    levelName: string;
    userId: string;
    displayName?: string;
    actingFor?: PersonRef;
    itemIds: string[];
    dueAt?: string;
  }[];
  completedAt?: string;
}

export type ApprovalDecision = 'APPROVE' | 'REJECT' | 'RETURN';

export interface BulkResult {
  results: {
    chainId: string;
    commandIndex: number;
    itemId?: string;
    ok: boolean;
    code?: string;
    detail?: string;
    message?: string;
    winner?: { userId: string; displayName?: string; decision: string; at: string };
  }[];
}

export interface IncidentView {
  chainId: string;
  incidentId: string;
  provinceCode: string;
  levelCode: string;
  reason: string;
  role: string;
  detail: string;
  openedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  title: string;
}

// ---- organisation (master data) ----

export type BlocKind = 'KHOI' | 'CUM';
export type UnitKind = 'DANG' | 'NHA_NUOC' | 'MAT_TRAN' | 'HOI' | 'DOANH_NGHIEP' | 'XA_PHUONG' | 'KHAC';

export interface Paged<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface OrgProvince {
  code: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
}

export interface OrgBloc {
  provinceCode: string;
  code: string;
  name: string;
  kind: BlocKind;
  kindLabel: string;
  fromYear: number;
  toYear: number | null;
}

export interface OrgMembership {
  id: string;
  blocCode: string;
  blocName: string;
  unitCode: string;
  unitName: string;
  validFrom: string;
  validTo: string | null;
}

export interface OrgUnit {
  code: string;
  provinceCode: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  kindLabel: string;
  parentCode: string | null;
  headCount: number | null;
  womenRatio: number | null;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
  succeededOn: string | null;
  predecessors: string[];
  memberships: OrgMembership[];
  /** One unit only: its awards and its predecessors' (absent when the caller may not see them). */
  awards?: { unitCode: string; year: number; award: string; awardName: string; decisionNumber: string; decisionDate: string }[];
}

export type WorkbookSheet = 'blocs' | 'units' | 'memberships' | 'leaderships' | 'accounts';
export type WorkbookCounts = Record<'CREATE' | 'CHANGE' | 'END', number>;

export interface WorkbookProblem {
  sheet: string;
  row: number;
  column: string;
  value: string;
  code: string;
  messageVi: string;
}

export interface WorkbookChange {
  sheet: WorkbookSheet;
  op: 'CREATE' | 'CHANGE' | 'END';
  key: string;
  row: number;
  fields: string[];
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown>;
}

export interface WorkbookPreview {
  previewToken: string;
  provinceCode: string;
  fileName: string;
  fileSha256: string;
  dataVersion: string;
  expiresAt: string;
  problemCount: number;
  problems: WorkbookProblem[];
  summary: Record<WorkbookSheet, WorkbookCounts>;
  changes: WorkbookChange[];
}

export interface WorkbookApplied {
  previewToken: string;
  provinceCode: string;
  summary: Record<WorkbookSheet, WorkbookCounts>;
  pendingGrants: number;
  invitations: { count: number; fileName: string; sheetBase64: string | null };
}
