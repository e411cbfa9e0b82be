import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { canonicalInstant, type AuditEntry } from '../../audit/audit-chain';
import { eventLabelVi } from '../../shared/event-labels';
import { signalLabelVi, updateLabelVi } from '../../shared/update-labels';

/**
 * A cycle's history for admins and auditors: the audit log and the Temporal event histories of the cycle workflow and
 * its assessment children, as one list of readable Vietnamese lines ordered by time. Pure: no I/O, no clock.
 *
 * Nothing of a workflow event's payloads is shown except the acting person of an update (user, role, unit), which
 * the audit log records for the same step: update arguments (plans, scores, ballots, documents), results and
 * workflow inputs never leave this module.
 */

export type HistorySource = 'AUDIT' | 'WORKFLOW';

export interface HistoryActor {
  userId: string | null;
  role: string | null;
  unitCode: string | null;
}

export interface HistoryEntry {
  /** ISO 8601 UTC with six fractional digits, so that entries of both sources compare as text. */
  at: string;
  source: HistorySource;
  /** AUDIT: the workflow that recorded the step; WORKFLOW: the workflow whose history holds the event. */
  workflowId?: string;
  /** WORKFLOW only: the event's id in its workflow's history. */
  eventId?: number;
  /** AUDIT: the step (PLEDGE_SIGNED); WORKFLOW: the Temporal event type without its EVENT_TYPE_ prefix. */
  type: string;
  labelVi: string;
  actor?: HistoryActor;
  detail?: string;
  /** WORKFLOW only: the update, signal, activity or workflow type the event names, or the phase entered. */
  name?: string;
  /** AUDIT only: the entry's place in the hash chain, its hash, phase, kind and the instant it was written. */
  seq?: number;
  hash?: string;
  phase?: string;
  kind?: string;
  recordedAt?: string;
}

/** Narrows a history to one unit (or the unit of a nominee): its assessment child and the steps that concern it. */
export interface UnitScope {
  unitCode: string;
  /** The unit's assessment workflow id (src/shared/ids.ts). */
  assessmentWorkflowId: string;
}

type HistoryEvent = NonNullable<History['events']>[number];
type Failure = { message?: string | null } | null | undefined;
type LongLike = number | { toString(): string } | null | undefined;
type Instant = { seconds?: LongLike; nanos?: number | null } | null | undefined;

/** Projection activities write the read model, the timeline and the audit log (src/activities/projection.activities.ts). */
export const PROJECTION_ACTIVITIES: readonly string[] = [
  'projectCycle',
  'projectCycleSteps',
  'projectAssessment',
  'projectRound',
  'projectRoundDelta',
];

/** The unit's sheet, under its first type, its `lean-history` one and its current one (`sheet-projections-in-order`). */
const SHEET_WORKFLOW_TYPES = new Set(['unitAssessmentWorkflow', 'selfAssessmentWorkflow', 'unitSheetWorkflow']);

const WORKFLOW_TYPE_LABELS_VI: Record<string, string> = {
  cycleWorkflow: 'chu kỳ thi đua',
  unitAssessmentWorkflow: 'tự chấm điểm của đơn vị',
  selfAssessmentWorkflow: 'tự chấm điểm của đơn vị',
  unitSheetWorkflow: 'tự chấm điểm của đơn vị',
  provinceRoundWorkflow: 'đợt xét khen thưởng của tỉnh',
};

const PHASE_LABELS_VI: Record<string, string> = {
  LAUNCH: 'Phát động thi đua',
  PLEDGE: 'Ký giao ước thi đua',
  SELF_ASSESSMENT: 'Tự chấm điểm',
  CONFERENCE: 'Hội nghị tổng kết',
  SUBMISSION: 'Trình hồ sơ đề nghị khen thưởng',
  APPRAISAL: 'Thẩm định hồ sơ',
  DECISION: 'Quyết định khen thưởng',
  COMPLETED: 'Hoàn thành chu kỳ',
};

const PHASE_ATTRIBUTE = 'ThiduaPhase';
const ASSESSMENT_INFIX = '.assessment.';
const MAX_DETAIL = 300;

const own = (labels: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(labels, key) ? labels[key] : undefined;

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const toNumber = (value: LongLike): number => (value == null ? 0 : typeof value === 'number' ? value : Number(value.toString()));

/** An instant with microseconds, the precision of the audit log's timestamps (nanoseconds are cut, never rounded up). */
export function instantToIso(instant: Instant, plus?: Instant): string {
  let seconds = toNumber(instant?.seconds) + toNumber(plus?.seconds);
  let nanos = (instant?.nanos ?? 0) + (plus?.nanos ?? 0);
  seconds += Math.floor(nanos / 1e9);
  nanos %= 1e9;
  const whole = new Date(seconds * 1000).toISOString().slice(0, 19);
  return `${whole}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

/** The unit of an assessment workflow id, `<cycleId>.assessment.<unit>`; undefined for the cycle workflow. */
export function unitOfWorkflow(workflowId: string): string | undefined {
  const at = workflowId.lastIndexOf(ASSESSMENT_INFIX);
  return at < 0 ? undefined : workflowId.slice(at + ASSESSMENT_INFIX.length);
}

/** The workflow of an audit entry: its event id is `<workflow id>:<version>`. */
export function workflowOfAuditEvent(eventId: string): string | undefined {
  const at = eventId.lastIndexOf(':');
  return at > 0 ? eventId.slice(0, at) : undefined;
}

/** 'quy trình chu kỳ thi đua', 'quy trình con tự chấm điểm của đơn vị BK-HLHPN'. */
function workflowLabel(typeName: string | null | undefined, workflowId: string | null | undefined, noun = 'quy trình'): string {
  const unit = workflowId ? unitOfWorkflow(workflowId) : undefined;
  const label = own(WORKFLOW_TYPE_LABELS_VI, typeName ?? '') ?? typeName ?? 'không rõ loại';
  return unit && SHEET_WORKFLOW_TYPES.has(typeName ?? '') ? `${noun} ${label} ${unit}` : `${noun} ${label}`;
}

function detailOf(failure: Failure, prefix = ''): string | undefined {
  const message = failure?.message?.trim();
  if (!message) return undefined;
  const text = `${prefix}${message}`;
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

function decode(payload: Payload | null | undefined): unknown {
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload<unknown>(payload);
  } catch {
    return undefined; // an encoding this API does not know: shown without it
  }
}

/** The acting person of an update, from its first argument (every command carries `actor`); nothing else is read. */
function actorOf(payloads: Payload[] | null | undefined): HistoryActor | undefined {
  const command = decode(payloads?.[0]);
  if (typeof command !== 'object' || command === null || !('actor' in command)) return undefined;
  const actor = command.actor;
  if (typeof actor !== 'object' || actor === null) return undefined;
  const text = (key: string): string | null => {
    const value = (actor as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : null;
  };
  return { userId: text('userId'), role: text('role'), unitCode: text('unitCode') };
}

/** `workflowExecutionStartedEventAttributes` → `WORKFLOW_EXECUTION_STARTED`. */
function typeOfAttributes(key: string): string {
  return key
    .replace(/EventAttributes$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase();
}

/** The attributes of an event tell its type; only the attributes of its own type are set. */
function attributesKeyOf(event: HistoryEvent): string | undefined {
  return Object.keys(event).find((key) => key.endsWith('EventAttributes') && (event as Record<string, unknown>)[key] != null);
}

/** What the mapper needs to know of events seen earlier in the same history. */
interface Seen {
  workflowType?: string;
  updates: Map<string, { name: string; actor?: HistoryActor; concerns: boolean }>;
  activities: Map<string, string>;
  attempts: Map<string, { attempt: number; lastFailure?: Failure }>;
}

type Line = Omit<HistoryEntry, 'at' | 'source' | 'workflowId' | 'eventId' | 'type'> & { concerns?: boolean };

/**
 * The readable lines of one workflow's event history, in history order. Workflow-task events and other bookkeeping
 * (markers, search attributes other than the phase, the echo of a delivered signal) give no line.
 * With a unit scope, the unit's own assessment workflow gives every line; any other workflow only the lines about
 * that unit: its updates whose acting person belongs to the unit, and its child workflow and the signals sent to it.
 */
export function mapWorkflowHistory(workflowId: string, history: History, scope?: UnitScope): HistoryEntry[] {
  const seen: Seen = { updates: new Map(), activities: new Map(), attempts: new Map() };
  const whole = !scope || scope.assessmentWorkflowId === workflowId;
  const concernsUnit = (actor?: HistoryActor) => !!scope && actor?.unitCode === scope.unitCode;
  const isUnitChild = (id: string | null | undefined) => !!scope && id === scope.assessmentWorkflowId;
  const entries: HistoryEntry[] = [];

  for (const event of history.events ?? []) {
    const key = attributesKeyOf(event);
    if (!key) continue;
    const line = lineOf(workflowId, event, seen, { concernsUnit, isUnitChild });
    if (!line) continue;
    const { concerns, ...rest } = line;
    if (!whole && !concerns) continue;
    entries.push({
      at: instantToIso(event.eventTime),
      source: 'WORKFLOW',
      workflowId,
      eventId: toNumber(event.eventId),
      type: typeOfAttributes(key),
      ...rest,
    });
  }
  return entries;
}

interface Concerns {
  concernsUnit(actor?: HistoryActor): boolean;
  isUnitChild(workflowId: string | null | undefined): boolean;
}

function activityLine(seen: Seen, scheduledEventId: LongLike, outcome: 'DONE' | 'FAILED' | 'TIMED_OUT' | 'CANCELED'): Line {
  const name = seen.activities.get(String(toNumber(scheduledEventId))) ?? 'không rõ';
  const projection = PROJECTION_ACTIVITIES.includes(name);
  const what = projection ? 'Ghi dữ liệu đọc' : `Tác vụ ${name}`;
  const labelVi = {
    DONE: `${what} xong`,
    FAILED: `${what} thất bại`,
    TIMED_OUT: `${what} quá thời hạn`,
    CANCELED: `${what} bị hủy`,
  }[outcome];
  return { labelVi, name };
}

function lineOf(workflowId: string, event: HistoryEvent, seen: Seen, scope: Concerns): Line | undefined {
  const id = String(toNumber(event.eventId));

  const started = event.workflowExecutionStartedEventAttributes;
  if (started) {
    seen.workflowType = started.workflowType?.name ?? undefined;
    const parent = started.parentWorkflowExecution?.workflowId;
    return {
      labelVi: `Bắt đầu ${workflowLabel(seen.workflowType, workflowId)}`,
      name: seen.workflowType,
      ...(parent ? { detail: `quy trình con của ${parent}` } : {}),
    };
  }
  if (event.workflowExecutionCompletedEventAttributes)
    return { labelVi: `Hoàn tất ${workflowLabel(seen.workflowType, workflowId)}`, name: seen.workflowType };
  const failed = event.workflowExecutionFailedEventAttributes;
  if (failed) return { labelVi: 'Quy trình thất bại', name: seen.workflowType, detail: detailOf(failed.failure) };
  const terminated = event.workflowExecutionTerminatedEventAttributes;
  if (terminated)
    return {
      labelVi: 'Quy trình bị chấm dứt',
      name: seen.workflowType,
      ...(terminated.reason ? { detail: detailOf({ message: terminated.reason }) } : {}),
    };
  if (event.workflowExecutionCanceledEventAttributes) return { labelVi: 'Quy trình bị hủy', name: seen.workflowType };
  if (event.workflowExecutionCancelRequestedEventAttributes) return { labelVi: 'Yêu cầu hủy quy trình', name: seen.workflowType };
  if (event.workflowExecutionTimedOutEventAttributes) return { labelVi: 'Quy trình quá thời hạn', name: seen.workflowType };
  if (event.workflowExecutionContinuedAsNewEventAttributes)
    return { labelVi: 'Quy trình tiếp tục ở lượt chạy mới', name: seen.workflowType };

  const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
  if (accepted) {
    const name = accepted.acceptedRequest?.input?.name ?? 'không rõ';
    const actor = actorOf(accepted.acceptedRequest?.input?.args?.payloads);
    const concerns = scope.concernsUnit(actor);
    seen.updates.set(id, { name, actor, concerns });
    return { labelVi: `Tiếp nhận yêu cầu: ${updateLabelVi(name)}`, name, ...(actor ? { actor } : {}), concerns };
  }
  const updated = event.workflowExecutionUpdateCompletedEventAttributes;
  if (updated) {
    const update = seen.updates.get(String(toNumber(updated.acceptedEventId)));
    const name = update?.name ?? 'không rõ';
    const failure = updated.outcome?.failure;
    return {
      labelVi: failure ? `Yêu cầu không thực hiện được: ${updateLabelVi(name)}` : `Hoàn tất yêu cầu: ${updateLabelVi(name)}`,
      name,
      ...(update?.actor ? { actor: update.actor } : {}),
      ...(failure ? { detail: detailOf(failure) } : {}),
      concerns: update?.concerns ?? false,
    };
  }

  const scheduled = event.activityTaskScheduledEventAttributes;
  if (scheduled) {
    const name = scheduled.activityType?.name ?? 'không rõ';
    seen.activities.set(id, name);
    return { labelVi: PROJECTION_ACTIVITIES.includes(name) ? 'Ghi dữ liệu đọc' : `Tác vụ ${name}`, name };
  }
  const activityStarted = event.activityTaskStartedEventAttributes;
  if (activityStarted) {
    // Written once the attempt that ends the activity has started: its number tells of retries, no line of its own.
    seen.attempts.set(String(toNumber(activityStarted.scheduledEventId)), {
      attempt: activityStarted.attempt ?? 1,
      lastFailure: activityStarted.lastFailure,
    });
    return undefined;
  }
  const activityDone = event.activityTaskCompletedEventAttributes;
  if (activityDone) {
    const line = activityLine(seen, activityDone.scheduledEventId, 'DONE');
    const tries = seen.attempts.get(String(toNumber(activityDone.scheduledEventId)));
    if (tries && tries.attempt > 1)
      line.detail =
        detailOf(tries.lastFailure, `ở lần thử thứ ${tries.attempt}; lỗi trước đó: `) ?? `ở lần thử thứ ${tries.attempt}`;
    return line;
  }
  const activityFailed = event.activityTaskFailedEventAttributes;
  if (activityFailed)
    return { ...activityLine(seen, activityFailed.scheduledEventId, 'FAILED'), detail: detailOf(activityFailed.failure) };
  const activityTimedOut = event.activityTaskTimedOutEventAttributes;
  if (activityTimedOut) return activityLine(seen, activityTimedOut.scheduledEventId, 'TIMED_OUT');
  const activityCanceled = event.activityTaskCanceledEventAttributes;
  if (activityCanceled) return activityLine(seen, activityCanceled.scheduledEventId, 'CANCELED');

  const timer = event.timerStartedEventAttributes;
  if (timer)
    return {
      labelVi: 'Hẹn giờ',
      name: timer.timerId ?? undefined,
      detail: `đến hạn lúc ${instantToIso(event.eventTime, timer.startToFireTimeout)}`,
    };
  const fired = event.timerFiredEventAttributes;
  if (fired) return { labelVi: 'Đến hạn', name: fired.timerId ?? undefined };
  const canceledTimer = event.timerCanceledEventAttributes;
  if (canceledTimer) return { labelVi: 'Hủy hẹn giờ', name: canceledTimer.timerId ?? undefined };

  const child = (
    attributes: { workflowExecution?: { workflowId?: string | null } | null; workflowType?: { name?: string | null } | null },
    label: (workflow: string) => string,
  ): Line => {
    const childId = attributes.workflowExecution?.workflowId;
    const typeName = attributes.workflowType?.name;
    return {
      labelVi: capitalise(label(workflowLabel(typeName, childId, 'quy trình con'))),
      name: typeName ?? undefined,
      ...(childId ? { detail: childId } : {}),
      concerns: scope.isUnitChild(childId),
    };
  };
  const childStarted = event.childWorkflowExecutionStartedEventAttributes;
  if (childStarted) return child(childStarted, (w) => `Bắt đầu ${w}`);
  const childDone = event.childWorkflowExecutionCompletedEventAttributes;
  if (childDone) return child(childDone, (w) => `Hoàn tất ${w}`);
  const childFailed = event.childWorkflowExecutionFailedEventAttributes;
  if (childFailed) return child(childFailed, (w) => `${w} thất bại`);
  const childCanceled = event.childWorkflowExecutionCanceledEventAttributes;
  if (childCanceled) return child(childCanceled, (w) => `${w} bị hủy`);
  const childTerminated = event.childWorkflowExecutionTerminatedEventAttributes;
  if (childTerminated) return child(childTerminated, (w) => `${w} bị chấm dứt`);
  const childTimedOut = event.childWorkflowExecutionTimedOutEventAttributes;
  if (childTimedOut) return child(childTimedOut, (w) => `${w} quá thời hạn`);
  const childNotStarted = event.startChildWorkflowExecutionFailedEventAttributes;
  if (childNotStarted)
    return {
      labelVi: `Không bắt đầu được ${workflowLabel(childNotStarted.workflowType?.name, childNotStarted.workflowId, 'quy trình con')}`,
      name: childNotStarted.workflowType?.name ?? undefined,
      ...(childNotStarted.workflowId ? { detail: childNotStarted.workflowId } : {}),
      concerns: scope.isUnitChild(childNotStarted.workflowId),
    };

  const signaled = event.workflowExecutionSignaledEventAttributes;
  if (signaled) {
    const name = signaled.signalName ?? 'không rõ';
    return { labelVi: `Nhận tín hiệu: ${signalLabelVi(name)}`, name };
  }
  const signalSent = event.signalExternalWorkflowExecutionInitiatedEventAttributes;
  if (signalSent) {
    const name = signalSent.signalName ?? 'không rõ';
    const target = signalSent.workflowExecution?.workflowId;
    return {
      labelVi: `Gửi tín hiệu: ${signalLabelVi(name)}`,
      name,
      ...(target ? { detail: `tới ${target}` } : {}),
      concerns: scope.isUnitChild(target),
    };
  }
  const signalFailed = event.signalExternalWorkflowExecutionFailedEventAttributes;
  if (signalFailed) {
    const target = signalFailed.workflowExecution?.workflowId;
    return {
      labelVi: 'Không gửi được tín hiệu',
      ...(target ? { detail: `tới ${target}` } : {}),
      concerns: scope.isUnitChild(target),
    };
  }

  const upsert = event.upsertWorkflowSearchAttributesEventAttributes;
  if (upsert) {
    const phase = decode(upsert.searchAttributes?.indexedFields?.[PHASE_ATTRIBUTE]);
    if (typeof phase !== 'string') return undefined;
    return { labelVi: `Chuyển giai đoạn: ${own(PHASE_LABELS_VI, phase) ?? phase}`, name: phase };
  }

  const taskFailed = event.workflowTaskFailedEventAttributes;
  if (taskFailed) return { labelVi: 'Lỗi khi worker xử lý quy trình (sẽ xử lý lại)', detail: detailOf(taskFailed.failure) };
  if (event.workflowTaskTimedOutEventAttributes) return { labelVi: 'Worker không xử lý kịp (sẽ xử lý lại)' };

  // Workflow tasks (scheduled, started, completed), markers (patches), the start of a child before it has started and
  // the echo of a delivered signal: bookkeeping, counted but not shown.
  return undefined;
}

/** Whether an audit entry concerns the unit: done by it, recorded by its assessment workflow, or naming it in its data. */
function auditConcerns(entry: AuditEntry, scope: UnitScope): boolean {
  if (entry.actorUnitCode === scope.unitCode) return true;
  if (workflowOfAuditEvent(entry.eventId) === scope.assessmentWorkflowId) return true;
  const token = new RegExp(`(^|[^A-Za-z0-9_-])${scope.unitCode.replace(/[^A-Za-z0-9_-]/g, '\\$&')}($|[^A-Za-z0-9_-])`);
  return token.test(JSON.stringify(entry.payload ?? {}));
}

/** The cycle's audit entries as history lines: the step's label, its summary, who acted, and its place in the chain. */
export function mapAuditEntries(entries: readonly AuditEntry[], scope?: UnitScope): HistoryEntry[] {
  return entries
    .filter((entry) => !scope || auditConcerns(entry, scope))
    .map((entry) => {
      const workflowId = workflowOfAuditEvent(entry.eventId);
      return {
        at: canonicalInstant(entry.occurredAt),
        source: 'AUDIT' as const,
        ...(workflowId ? { workflowId } : {}),
        type: entry.type,
        labelVi: eventLabelVi(entry.type),
        ...(entry.actorUserId || entry.actorRole || entry.actorUnitCode
          ? { actor: { userId: entry.actorUserId, role: entry.actorRole, unitCode: entry.actorUnitCode } }
          : {}),
        detail: entry.summaryVi,
        seq: entry.seq,
        hash: entry.hash,
        ...(entry.phase ? { phase: entry.phase } : {}),
        kind: entry.kind,
        recordedAt: canonicalInstant(entry.recordedAt),
      };
    });
}

/**
 * One list ordered by time. Equal instants keep the order of the lists given, and each list its own order
 * (a workflow's events by event id, the audit log by seq).
 */
export function mergeHistory(...lists: readonly HistoryEntry[][]): HistoryEntry[] {
  return lists.flat().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The children a cycle workflow started (the assessment workflow of each unit), in the order they started. */
export function childWorkflowsOf(history: History): { workflowId: string; runId: string }[] {
  return (history.events ?? []).flatMap((event) => {
    const execution = event.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
    return execution?.workflowId && execution.runId ? [{ workflowId: execution.workflowId, runId: execution.runId }] : [];
  });
}
