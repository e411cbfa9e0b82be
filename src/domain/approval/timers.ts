/**
 * Steps driven by the level clock's timers. The workflow sleeps until an instant of the running clock (see
 * LevelClock) and calls these. Each is idempotent and safe against stale timers: it acts only when its instant has
 * come (so a timer of an earlier clock of the level, firing late, does nothing to the new one), only once per clock,
 * and only while the level still has pending items. A no-op answers ok with no events and the state unchanged.
 */
import {
  type ApprovalResult,
  type ApproverRole,
  type AssigneeInput,
  type ChainState,
  type ItemState,
  type LevelClock,
} from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { addAssignments } from './chain';
import { openTasks } from './inbox';
import { advance } from './progress';
import { assigneeRef, levelIndexOf, openAssignments, pendingItemsAt, refuse, runningClock, SYSTEM, winnerOf } from './queries';
import { instantMs } from './schedule';
import { commit, openIncident } from './settle';
import { begin, emit, type Tx } from './tx';

const unchanged = (state: ChainState): ApprovalResult => ({ ok: true, state, events: [] });

const hasCome = (instant: string | undefined, now: string): instant is string =>
  instant !== undefined && instantMs(now) >= instantMs(instant);

function levelOf(state: ChainState, levelCode: string): number | ApprovalResult {
  const levelIndex = levelIndexOf(state, levelCode);
  return levelIndex >= 0
    ? levelIndex
    : refuse(ErrorCode.APPROVAL_LEVEL_NOT_FOUND, `no level ${levelCode} in chain ${state.chainId}`);
}

/** The running clock of the tx copy (the same clock as in the input state). */
const clockIn = (tx: Tx, levelIndex: number): LevelClock => runningClock(tx.state.levels[levelIndex]) as LevelClock;

/** Records a REMINDER listing who still has to act on what; the workflow sends the notifications from the event. */
export function fireReminder(state: ChainState, levelCode: string, index: number, now: string): ApprovalResult {
  const levelIndex = levelOf(state, levelCode);
  if (typeof levelIndex !== 'number') return levelIndex;
  const reminders = state.definition.levels[levelIndex].remindBefore ?? [];
  if (!Number.isInteger(index) || index < 0 || index >= reminders.length) {
    return refuse(ErrorCode.VALIDATION_FAILED, `level ${levelCode} has no reminder ${index}`);
  }
  const clock = runningClock(state.levels[levelIndex]);
  if (!clock || clock.remindersFired.includes(index) || !hasCome(clock.remindAt[index], now)) return unchanged(state);
  const tasks = openTasks(state).filter((task) => task.levelCode === levelCode);
  if (tasks.length === 0) return unchanged(state);
  const tx = begin(state, now);
  clockIn(tx, levelIndex).remindersFired.push(index);
  emit(tx, {
    type: 'REMINDER',
    levelCode,
    itemIds: [...new Set(tasks.flatMap((task) => task.itemIds))],
    assignees: tasks.map(assigneeRef),
    detail: `reminder ${index + 1} of ${reminders.length}; due ${clock.dueAt ?? '(none)'}`,
  });
  return commit(tx);
}

function escalateToNextLevel(tx: Tx, levelIndex: number, pending: ItemState[]): void {
  const levelCode = tx.state.definition.levels[levelIndex].code;
  emit(tx, {
    type: 'LEVEL_ESCALATED',
    actor: SYSTEM,
    levelCode,
    itemIds: pending.map((item) => item.itemId),
    detail: `overdue: moved on to ${tx.state.definition.levels[levelIndex + 1].code}`,
  });
  for (const { itemId } of pending) {
    const item = tx.state.items[itemId];
    item.escalatedLevels.push(levelCode);
    advance(tx, item, winnerOf(SYSTEM, 'ESCALATE', tx.now, levelCode));
  }
}

function escalateToRole(
  tx: Tx,
  levelIndex: number,
  pending: ItemState[],
  people: readonly AssigneeInput[],
  role: ApproverRole,
): void {
  const level = tx.state.definition.levels[levelIndex];
  const added = addAssignments(tx, levelIndex, people, { source: 'ESCALATION', capacity: 'ESCALATION' });
  emit(tx, {
    type: 'LEVEL_ESCALATED',
    actor: SYSTEM,
    levelCode: level.code,
    itemIds: pending.map((item) => item.itemId),
    assignees: added.map(assigneeRef),
    detail: `overdue: ${role} added to decide alone`,
  });
  const superiors = openAssignments(tx.state.levels[levelIndex]).filter((a) => a.capacity === 'ESCALATION');
  if (superiors.length === 0) {
    const detail = `escalation to ${role} found no holder to add`;
    openIncident(tx, levelIndex, { reason: 'NO_ESCALATION_APPROVER', itemIds: pending.map((i) => i.itemId), detail }, role);
  }
}

/**
 * Escalation of an overdue level, once per clock. NEXT_LEVEL: the level's pending items move on to the next level,
 * marked as escalated (their votes so far stay on record). A role: the holders the caller resolved for that role
 * (`escalationAssignees`, ignored for NEXT_LEVEL) join the level as ESCALATION assignees, any one of whom may decide
 * alone; none resolved opens a NO_ESCALATION_APPROVER incident.
 */
export function escalate(
  state: ChainState,
  levelCode: string,
  escalationAssignees: readonly AssigneeInput[],
  now: string,
): ApprovalResult {
  const levelIndex = levelOf(state, levelCode);
  if (typeof levelIndex !== 'number') return levelIndex;
  const escalation = state.definition.levels[levelIndex].escalation;
  if (!escalation) return refuse(ErrorCode.WRONG_STATE, `level ${levelCode} has no escalation`);
  const clock = runningClock(state.levels[levelIndex]);
  const pending = pendingItemsAt(state, levelIndex);
  if (!clock || clock.escalatedAt !== undefined || !hasCome(clock.escalateAt, now) || pending.length === 0) {
    return unchanged(state);
  }
  const tx = begin(state, now);
  clockIn(tx, levelIndex).escalatedAt = now;
  if (escalation.to === 'NEXT_LEVEL') escalateToNextLevel(tx, levelIndex, pending);
  else escalateToRole(tx, levelIndex, pending, escalationAssignees, escalation.to);
  return commit(tx);
}
