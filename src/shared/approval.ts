/**
 * Contracts of the approval-chain engine (quy trình phê duyệt nhiều cấp): the chain definition a province configures,
 * the state a workflow holds, the commands people send and the events of the timeline. Plain JSON-serialisable data
 * only, so that the state can travel in workflow history and the pure rules in src/domain/approval can run on replay.
 *
 * All instants are ISO-8601 strings in UTC; all dates are YYYY-MM-DD in Asia/Ho_Chi_Minh.
 */
import type { HolidayAdjustments } from '../domain/calendar/holidays';
import type { Actor, Role } from './actors';
import type { CommandSeal } from './command-seal';
import type { ErrorCode } from './errors';

// ---------------------------------------------------------------------------------------------------------------
// Definition (configuration)
// ---------------------------------------------------------------------------------------------------------------

/** How the assignees of one level reach a decision on an item. */
export enum LevelMode {
  /** Every eligible assignee must approve; one rejection rejects the item. */
  ALL = 'ALL',
  /** The first decision settles the item: one approval passes it, one rejection rejects it. */
  ANY = 'ANY',
  /** n-of-m: passes once approvals reach the threshold, fails once they no longer can. */
  QUORUM = 'QUORUM',
}

export interface ApproverSpec {
  /**
   * Resolved to people (role holders and their delegates on the activation date) by the caller; 'BLOC_LEADER' is the
   * Trưởng khối in office of the chain's bloc.
   */
  role: ApproverRole;
  /**
   * For the unit roles (UNIT_HEAD, UNIT_FOCAL), which is required: 'SUBJECT_UNIT' takes the holders in the chain
   * subject's unit only (e.g. the head of the unit whose self-assessment it is).
   */
  scope?: 'SUBJECT_UNIT';
  /** Vietnamese label for people, e.g. 'Chuyên viên Phòng Thi đua – Khen thưởng'. */
  label: string;
}

/** Exactly one unit: working days for legal time limits, seconds for urgent or test chains. */
export interface Duration {
  workingDays?: number;
  seconds?: number;
}

/**
 * 'NEXT_LEVEL' moves the late items on; a role adds that role's holders to the late level; 'BLOC_LEADER' adds the
 * Trưởng khối in office of the chain's bloc (the head of the leading unit).
 */
export type EscalationTarget = 'NEXT_LEVEL' | 'BLOC_LEADER' | Role;

/** Who an escalation or an incident is about: a role, or the bloc's Trưởng khối. */
export type ApproverRole = Role | 'BLOC_LEADER';

export interface EscalationSpec {
  /** Counted from the level's due instant. */
  after: Duration;
  to: EscalationTarget;
}

/** Exactly one of: a fixed count of approvals, or a percentage of the level's assignees (rounded up). */
export interface QuorumSpec {
  count?: number;
  percent?: number;
}

export interface LevelDefinition {
  /** Stable code, unique in the chain (e.g. 'CHUYEN_VIEN'). */
  code: string;
  /** Vietnamese name of the step. */
  name: string;
  approvers: ApproverSpec;
  mode: LevelMode;
  /** Required for QUORUM, forbidden otherwise. */
  quorum?: QuorumSpec;
  /** Time limit of the level, counted from when its clock opens. */
  due?: Duration;
  /** Reminders, each this long before the due instant; same unit as `due`. */
  remindBefore?: Duration[];
  escalation?: EscalationSpec;
}

/** What happens to an item on the return that would exceed `maxReturnRounds`. */
export type AfterMaxRounds = 'REJECT' | 'ESCALATE';

export interface ChainDefinition {
  code: string;
  name: string;
  /** In order: an item passes level 0, then level 1, and so on. */
  levels: LevelDefinition[];
  /** How many times an item may be returned for rework; the return after that rejects or escalates it instead. */
  maxReturnRounds: number;
  afterMaxRounds: AfterMaxRounds;
}

// ---------------------------------------------------------------------------------------------------------------
// People, assignments, incidents
// ---------------------------------------------------------------------------------------------------------------

export interface PersonRef {
  userId: string;
  displayName?: string;
  /** The person's unit, used for recusal (a person does not decide on a nominee of their own unit). */
  unitCode?: string;
}

/** Ủy quyền or vắng mặt (out of office is recorded as a delegation): `fromUserId` is replaced by `toUserId`. */
export interface Delegation {
  fromUserId: string;
  toUserId: string;
  toDisplayName?: string;
  toUnitCode?: string;
  /** First and last local day the delegation applies (inclusive), YYYY-MM-DD. */
  validFrom: string;
  validTo: string;
  kind?: 'DELEGATION' | 'OUT_OF_OFFICE';
}

export type AssignmentSource = 'ROLE' | 'DELEGATION' | 'REASSIGNED' | 'ESCALATION';

/**
 * APPROVER: one voice of the level's electorate (ALL, ANY, QUORUM). ESCALATION: a superior added by escalation,
 * whose single decision settles the item whatever the level's mode (the superior takes the file over), for the late
 * visit of the level only: the task closes with the level's clock.
 */
export type AssignmentCapacity = 'APPROVER' | 'ESCALATION';

/** A person to assign, as the caller resolved them (see resolveAssignees). */
export interface AssigneeInput extends PersonRef {
  /** The holder this person stands in for (delegation). */
  actingFor?: PersonRef;
  source?: 'ROLE' | 'DELEGATION';
}

export interface Assignment extends PersonRef {
  assignmentId: string;
  levelCode: string;
  actingFor?: PersonRef;
  source: AssignmentSource;
  capacity: AssignmentCapacity;
  assignedAt: string;
  /** Set when an admin reassigns the task, or when an escalation task's level visit ends; its votes stop counting. */
  closedAt?: string;
  closedReason?: string;
}

export type IncidentReason =
  /** The level has items to decide and nobody assigned. */
  | 'NO_APPROVER'
  /** Every assignee is barred (four eyes, recusal) from some pending items. */
  | 'NO_ELIGIBLE_APPROVER'
  /** A QUORUM level has fewer eligible assignees than approvals it needs. */
  | 'QUORUM_UNREACHABLE'
  /** Escalation to a role found no holder of it. */
  | 'NO_ESCALATION_APPROVER';

/** A blocked level, visible in the state and the timeline until an admin's reassignment (or events) clear it. */
export interface Incident {
  incidentId: string;
  levelCode: string;
  reason: IncidentReason;
  role: ApproverRole;
  itemIds?: string[];
  detail: string;
  openedAt: string;
  resolvedAt?: string;
  resolution?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Chain state
// ---------------------------------------------------------------------------------------------------------------

export enum ItemStatus {
  /** Waiting for the level `levelIndex`. */
  PENDING = 'PENDING',
  /** Returned for rework; awaits the submitter's resubmission, which restarts it at level 0. */
  RETURNED = 'RETURNED',
  /** Passed every level. */
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  /** Returned once more than allowed under afterMaxRounds 'ESCALATE': leaves this chain for the competent person. */
  ESCALATED = 'ESCALATED',
}

/** A line item of the submission, e.g. one nominee of a dossier. */
export interface ItemInput {
  itemId: string;
  title: string;
  subjectUnitCode?: string;
  subjectUserId?: string;
}

export type VoteDecision = 'APPROVE' | 'REJECT';

/** What settled an item at a level (or closed it). */
export type Decision = 'APPROVE' | 'REJECT' | 'RETURN' | 'WITHDRAW' | 'ESCALATE';

export interface Vote {
  levelCode: string;
  round: number;
  assignmentId: string;
  userId: string;
  displayName?: string;
  actingFor?: PersonRef;
  decision: VoteDecision;
  reason?: string;
  at: string;
}

/** Who settled an item at a level, and how; the answer to "who beat me to it". */
export interface Winner {
  userId: string;
  displayName?: string;
  actingFor?: PersonRef;
  decision: Decision;
  at: string;
  levelCode: string;
}

export interface ItemOutcome extends Winner {
  /** The round in which it happened (a return starts the next one). */
  round: number;
  reason?: string;
}

export interface ItemState extends ItemInput {
  status: ItemStatus;
  /** PENDING: the level it waits for; otherwise the level where it was settled last. */
  levelIndex: number;
  /** 1-based; a return adds one. */
  round: number;
  /** When the item reached its current level. */
  enteredLevelAt: string;
  /** Every vote ever cast on the item; those of its current level and round are the live ones. */
  votes: Vote[];
  /** Every settlement, in order. */
  outcomes: ItemOutcome[];
  /** Levels the item skipped by NEXT_LEVEL escalation. */
  escalatedLevels: string[];
  closedAt?: string;
}

/**
 * The time limit of one visit of a level: opened when the level is activated, and again when items reach it after it
 * had emptied (a resubmitted item gets a fresh time limit). Items that reach a level whose clock is running join it.
 */
export interface LevelClock {
  openedAt: string;
  dueAt?: string;
  /** Index i belongs to remindBefore[i]. */
  remindAt: string[];
  escalateAt?: string;
  remindersFired: number[];
  escalatedAt?: string;
  /** Set when the level has no pending item left. */
  closedAt?: string;
}

export interface LevelState {
  levelCode: string;
  /** Set once: the assignees are resolved once per level and reused for later rounds. */
  activatedAt?: string;
  assignments: Assignment[];
  /** Every clock of the level; the last is running unless closed. */
  clocks: LevelClock[];
}

export interface ChainSubject {
  provinceCode: string;
  blocCode?: string;
  cycleId?: string;
  /** The unit the chain is about (a unit's self-assessment): where SUBJECT_UNIT approvers are found. */
  unitCode?: string;
  title: string;
}

export interface EvidenceRef {
  title: string;
  url: string;
}

export interface EvidenceRecord extends EvidenceRef {
  seq: number;
  itemIds?: string[];
  addedBy: string;
  at: string;
}

export interface ChainState {
  chainId: string;
  definition: ChainDefinition;
  subject: ChainSubject;
  submittedBy: PersonRef;
  submittedAt: string;
  /** Submission order of the items (object keys that look like numbers would reorder `items`). */
  itemOrder: string[];
  items: Record<string, ItemState>;
  levels: LevelState[];
  incidents: Incident[];
  evidence: EvidenceRecord[];
  log: ChainEvent[];
  completedAt?: string;
  /** See StartChainInput.returnsEndChain. */
  returnsEndChain?: boolean;
}

export interface StartChainInput {
  chainId: string;
  definition: ChainDefinition;
  subject: ChainSubject;
  submittedBy: PersonRef;
  items: ItemInput[];
  /**
   * For a step whose resubmission carries new content through the step itself (a dossier with a new tờ trình, a
   * self-assessment with new scores): a return closes the item as RETURNED, the chain completes, and the step starts a
   * new chain for the resubmission with `firstRound` one higher. Otherwise a returned item waits in this chain.
   */
  returnsEndChain?: boolean;
  /** The round the items start in (default 1): the return cap counts rounds across the chains of one step. */
  firstRound?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------------------

export const APPROVAL_EVENT_TYPES = [
  'CHAIN_SUBMITTED',
  'LEVEL_ACTIVATED',
  'LEVEL_REOPENED',
  'VOTE_APPROVE',
  'VOTE_REJECT',
  'LEVEL_PASSED',
  'ITEM_APPROVED',
  'ITEM_REJECTED',
  'ITEM_RETURNED',
  'ITEM_ESCALATED',
  'ITEM_RESUBMITTED',
  'ITEM_WITHDRAWN',
  'COMMENTED',
  'EVIDENCE_ATTACHED',
  'REASSIGNED',
  'REMINDER',
  'LEVEL_ESCALATED',
  'INCIDENT_OPENED',
  'INCIDENT_RESOLVED',
  'CHAIN_COMPLETED',
] as const;

export type ApprovalEventType = (typeof APPROVAL_EVENT_TYPES)[number];

/** Vietnamese labels of the timeline. */
export const APPROVAL_EVENT_LABELS_VI: Record<ApprovalEventType, string> = {
  CHAIN_SUBMITTED: 'Trình hồ sơ phê duyệt',
  LEVEL_ACTIVATED: 'Giao xử lý cấp phê duyệt',
  LEVEL_REOPENED: 'Mở lại cấp phê duyệt cho hồ sơ trình lại',
  VOTE_APPROVE: 'Đồng ý',
  VOTE_REJECT: 'Không đồng ý',
  LEVEL_PASSED: 'Chuyển cấp phê duyệt tiếp theo',
  ITEM_APPROVED: 'Phê duyệt',
  ITEM_REJECTED: 'Từ chối',
  ITEM_RETURNED: 'Trả lại để bổ sung, hoàn thiện',
  ITEM_ESCALATED: 'Chuyển cấp có thẩm quyền xem xét do trả lại quá số lần',
  ITEM_RESUBMITTED: 'Trình lại sau khi bổ sung',
  ITEM_WITHDRAWN: 'Rút hồ sơ',
  COMMENTED: 'Ý kiến',
  EVIDENCE_ATTACHED: 'Bổ sung tài liệu minh chứng',
  REASSIGNED: 'Giao lại người xử lý',
  REMINDER: 'Nhắc hạn xử lý',
  LEVEL_ESCALATED: 'Chuyển cấp do quá hạn xử lý',
  INCIDENT_OPENED: 'Sự cố: không có người xử lý',
  INCIDENT_RESOLVED: 'Khắc phục sự cố người xử lý',
  CHAIN_COMPLETED: 'Hoàn thành quy trình phê duyệt',
};

export interface ChainEvent {
  /** 1-based position in the chain's log. */
  seq: number;
  type: ApprovalEventType;
  at: string;
  actor?: PersonRef;
  actingFor?: PersonRef;
  itemIds?: string[];
  levelCode?: string;
  round?: number;
  reason?: string;
  /** Free text a person wrote: a comment, a note with an approval or a resubmission. */
  text?: string;
  /** English, for operators; people read the label, the reason and the text. */
  detail?: string;
  references?: EvidenceRef[];
  /** The people concerned: assignees of an activation, recipients of a reminder, escalation assignees. */
  assignees?: PersonRef[];
  incidentId?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Commands and results
// ---------------------------------------------------------------------------------------------------------------

interface ItemDecisionBase {
  actor: Actor;
  itemIds: string[];
  /** The holder's userId when the actor decides as their delegate and also holds a task of their own at that level. */
  actingFor?: string;
}

export type ApproveCommand = ItemDecisionBase & { type: 'APPROVE'; comment?: string };
export type RejectCommand = ItemDecisionBase & { type: 'REJECT'; reason: string };
export type ReturnCommand = ItemDecisionBase & { type: 'RETURN'; reason: string };
export type DecisionCommand = ApproveCommand | RejectCommand | ReturnCommand;

export interface CommentCommand {
  type: 'COMMENT';
  actor: Actor;
  text: string;
  itemIds?: string[];
}

export interface AttachEvidenceCommand {
  type: 'ATTACH_EVIDENCE';
  actor: Actor;
  references: EvidenceRef[];
  itemIds?: string[];
}

export interface WithdrawCommand {
  type: 'WITHDRAW';
  actor: Actor;
  itemIds: string[];
  reason?: string;
}

export interface ResubmitCommand {
  type: 'RESUBMIT';
  actor: Actor;
  itemIds: string[];
  note?: string;
}

export interface ReassignCommand {
  type: 'REASSIGN';
  /** An ADMIN. */
  actor: Actor;
  levelCode: string;
  /** The assignee replaced; absent to add a person (e.g. to resolve an incident). */
  fromUserId?: string;
  toUser: PersonRef;
  reason: string;
  /**
   * Only when adding a person (no fromUserId): ESCALATION to give them a superior's single decision, e.g. to clear a
   * NO_ESCALATION_APPROVER incident. Default APPROVER. A replacement keeps the capacity of the task it replaces.
   */
  capacity?: AssignmentCapacity;
}

export type ApprovalCommand =
  DecisionCommand | CommentCommand | AttachEvidenceCommand | WithdrawCommand | ResubmitCommand | ReassignCommand;

export interface ApprovalSuccess {
  ok: true;
  state: ChainState;
  /** The events this step appended to `state.log` (empty for a no-op, e.g. a reminder fired twice). */
  events: ChainEvent[];
}

export interface ApprovalRefusal {
  ok: false;
  code: ErrorCode;
  /** English, naming what was at fault. */
  detail: string;
  /** Vietnamese sentence for people where the code's message is not enough (e.g. naming who decided first). */
  messageVi?: string;
  /** The item the refusal is about, when there is one. */
  itemId?: string;
  /** For TASK_ALREADY_DECIDED: who settled the item first. */
  winner?: Winner;
}

export type ApprovalResult = ApprovalSuccess | ApprovalRefusal;

export interface BulkItemResult {
  /** Position of the command in the batch. */
  commandIndex: number;
  /** Absent for a command about no item (a comment on the whole chain, a reassignment). */
  itemId?: string;
  ok: boolean;
  code?: ErrorCode;
  detail?: string;
  winner?: Winner;
}

export interface BulkResult {
  state: ChainState;
  events: ChainEvent[];
  results: BulkItemResult[];
}

/** Computed deadlines of a level clock. */
export interface LevelSchedule {
  dueAt?: string;
  remindAt: string[];
  escalateAt?: string;
}

/** A level with pending items and no running clock: the workflow activates it (first time) or reopens it. */
export interface LevelToOpen {
  levelIndex: number;
  levelCode: string;
  role: ApproverRole;
  scope?: 'SUBJECT_UNIT';
  /** False: resolve the role's holders and call activateLevel. True: call reopenLevel (assignees are reused). */
  activated: boolean;
}

/** One person's waiting work at one level: the inbox row. */
export interface OpenTask {
  assignmentId: string;
  levelCode: string;
  levelName: string;
  userId: string;
  displayName?: string;
  unitCode?: string;
  actingFor?: PersonRef;
  capacity: AssignmentCapacity;
  itemIds: string[];
  dueAt?: string;
  /** Only when `now` was given. */
  overdue?: boolean;
  /** The highest round among the task's items. */
  round: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Workflow contract
// ---------------------------------------------------------------------------------------------------------------

/** What starts an approval-chain workflow (its id is `chainId`). */
export interface ApprovalChainInput extends StartChainInput {
  /** The civil-service holiday schedules the working-day time limits are counted on (see WorkingCalendar). */
  calendar: HolidayAdjustments[];
  /** The province's own extra days off. */
  extraDaysOff: string[];
  /** Recorded on the open items if the parent cancels the chain (its step ended without it). */
  cancelReason?: string;
  /** The API's seal on a chain it starts (see command-seal.ts); a chain a cycle starts as its child has none. */
  seal?: CommandSeal;
}

/** Every command but REASSIGN, which has its own update (an admin's act, with a mandatory reason). */
export type ChainCommand = Exclude<ApprovalCommand, ReassignCommand>;

export interface BulkCommand {
  actor: Actor;
  commands: DecisionCommand[];
}

/** The refusal a validator throws carries these as its details, for the API to show who won a race. */
export interface RefusalDetails {
  messageVi?: string;
  winner?: Winner;
  itemId?: string;
}
