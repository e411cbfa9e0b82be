/**
 * APPROVE, REJECT and RETURN by an assignee, on one or more items. A command is all-or-nothing: if any of its items
 * is refused, nothing happens and the refusal names that item (decideBulk splits commands per item instead).
 *
 * Order of checks: an admin never decides; a reason is mandatory to reject or return; the items exist; the person is
 * not barred (four eyes, recusal); each item waits at a level where they hold an open task; the task carries no vote
 * on the item yet. A RETURN by any assignee returns the item at once, whatever the mode.
 */
import { type Actor, Role } from '../../shared/actors';
import {
  type ApprovalRefusal,
  type ApprovalResult,
  type Assignment,
  type ChainState,
  type DecisionCommand,
  type ItemOutcome,
  type ItemState,
  ItemStatus,
  type Vote,
} from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { type Check } from '../outcome';
import { sendBack, settleItem } from './progress';
import { isBlank, isTerminal, liveVotes, nameOf, openAssignments, personOf, refuse, winnerOf } from './queries';
import { formatVietnamTime } from './schedule';
import { checkSeparationOfDuties } from './separation';
import { commit } from './settle';
import { begin, emit, type Tx } from './tx';

const DECISION_VI: Record<ItemOutcome['decision'], string> = {
  APPROVE: 'đồng ý',
  REJECT: 'không đồng ý',
  RETURN: 'trả lại',
  WITHDRAW: 'rút hồ sơ',
  ESCALATE: 'chuyển cấp do quá hạn',
};

/** TASK_ALREADY_DECIDED naming who settled the item, for the person who came second. */
export function alreadyDecided(item: ItemState, outcome: ItemOutcome): ApprovalRefusal {
  const name = nameOf(outcome);
  return refuse(
    ErrorCode.TASK_ALREADY_DECIDED,
    `item ${item.itemId} was already settled at level ${outcome.levelCode}: ${outcome.decision} by ${outcome.userId} at ${outcome.at}`,
    {
      itemId: item.itemId,
      winner: winnerOf(outcome, outcome.decision, outcome.at, outcome.levelCode),
      messageVi: `"${item.title}" đã được ${name} quyết định (${DECISION_VI[outcome.decision]}) lúc ${formatVietnamTime(outcome.at)}.`,
    },
  );
}

/**
 * The outcome that took the item away from one of these levels: its closing outcome, its settlement there in the
 * current round, or the return there that it still awaits resubmission from. After a resubmission an earlier round's
 * return no longer counts: the item is simply not at that level yet.
 */
function settlementAt(state: ChainState, item: ItemState, levelIndices: readonly number[]): ItemOutcome | undefined {
  const last = item.outcomes.at(-1);
  if (isTerminal(item) && last) return last;
  const codes = levelIndices.map((i) => state.definition.levels[i].code);
  const awaited = item.status === ItemStatus.RETURNED ? last : undefined;
  return [...item.outcomes].reverse().find((o) => codes.includes(o.levelCode) && (o.round === item.round || o === awaited));
}

function whereIs(state: ChainState, item: ItemState): string {
  if (item.status === ItemStatus.RETURNED) {
    return `item ${item.itemId} was returned and awaits resubmission (round ${item.round})`;
  }
  return `item ${item.itemId} is ${item.status} at level ${state.definition.levels[item.levelIndex].code} (round ${item.round})`;
}

/** Picks the actor's task at a level: their own, or the one acting for `actingFor` when they hold several. */
function pickTask(
  mine: Assignment[],
  actor: Actor,
  actingFor: string | undefined,
  levelCode: string,
): Assignment | ApprovalRefusal {
  if (actingFor !== undefined) {
    const delegated = mine.find((a) => a.actingFor?.userId === actingFor);
    return (
      delegated ?? refuse(ErrorCode.NOT_ASSIGNED, `user ${actor.userId} holds no task acting for ${actingFor} at ${levelCode}`)
    );
  }
  const own = mine.find((a) => a.actingFor === undefined);
  if (own) return own;
  if (mine.length === 1) return mine[0];
  const principals = mine.map((a) => a.actingFor?.userId).join(', ');
  return refuse(
    ErrorCode.VALIDATION_FAILED,
    `user ${actor.userId} acts for several holders at ${levelCode} (${principals}): give actingFor`,
  );
}

/** The open task entitling the actor to decide this item now, or why there is none. */
export function taskFor(state: ChainState, actor: Actor, item: ItemState, actingFor?: string): Assignment | ApprovalRefusal {
  const levelCode = state.definition.levels[item.levelIndex].code;
  if (item.status === ItemStatus.PENDING) {
    const mine = openAssignments(state.levels[item.levelIndex]).filter((a) => a.userId === actor.userId);
    if (mine.length > 0) return pickTask(mine, actor, actingFor, levelCode);
  }
  const myLevels = state.levels.flatMap((level, i) => (level.assignments.some((a) => a.userId === actor.userId) ? [i] : []));
  const settlement = settlementAt(state, item, myLevels);
  if (settlement) return alreadyDecided(item, settlement);
  const closed = state.levels[item.levelIndex].assignments.find((a) => a.userId === actor.userId && a.closedAt !== undefined);
  if (item.status === ItemStatus.PENDING && closed) {
    const why = `the task of ${actor.userId} at ${levelCode} was closed: ${closed.closedReason ?? ''}`;
    return refuse(ErrorCode.NOT_ASSIGNED, why, { itemId: item.itemId });
  }
  if (myLevels.length > 0) return refuse(ErrorCode.WRONG_STATE, whereIs(state, item), { itemId: item.itemId });
  return refuse(ErrorCode.NOT_ASSIGNED, `user ${actor.userId} holds no task in chain ${state.chainId}`, { itemId: item.itemId });
}

/** The items named by a command, each existing once; or the refusal. */
export function itemsNamed(state: ChainState, itemIds: readonly string[] | undefined): ItemState[] | ApprovalRefusal {
  if (!itemIds || itemIds.length === 0) return refuse(ErrorCode.VALIDATION_FAILED, 'itemIds must name at least one item');
  if (new Set(itemIds).size !== itemIds.length) return refuse(ErrorCode.VALIDATION_FAILED, 'itemIds lists an item twice');
  const items: ItemState[] = [];
  for (const itemId of itemIds) {
    const item = state.items[itemId];
    if (!item) return refuse(ErrorCode.APPROVAL_ITEM_NOT_FOUND, `no item ${itemId} in chain ${state.chainId}`, { itemId });
    items.push(item);
  }
  return items;
}

const asRefusal = (check: Extract<Check, { ok: false }>, itemId: string): ApprovalRefusal =>
  refuse(check.code, check.detail, { itemId });

interface Task {
  item: ItemState;
  assignment: Assignment;
}

/** Entitlement, separation of duties and the one-vote rule for one item. */
function checkTask(state: ChainState, command: DecisionCommand, item: ItemState): Task | ApprovalRefusal {
  const assignment = taskFor(state, command.actor, item, command.actingFor);
  if ('ok' in assignment) return assignment;
  const decider = {
    userId: command.actor.userId,
    unitCode: command.actor.unitCode ?? assignment.unitCode,
    otherUnits: [...(command.actor.otherUnits ?? []), ...(assignment.unitCode ? [assignment.unitCode] : [])],
  };
  const separation = checkSeparationOfDuties(decider, state, [item.itemId], assignment.actingFor);
  if (!separation.ok) return asRefusal(separation, item.itemId);
  const voted = liveVotes(state, item).find((v) => v.assignmentId === assignment.assignmentId);
  if (voted) {
    return refuse(
      ErrorCode.ALREADY_DECIDED,
      `${nameOf(assignment)} already voted ${voted.decision} on item ${item.itemId} at ${voted.levelCode}, round ${voted.round}, at ${voted.at}`,
      { itemId: item.itemId },
    );
  }
  return { item, assignment };
}

function voteOf(tx: Tx, task: Task, command: DecisionCommand & { type: 'APPROVE' | 'REJECT' }): Vote {
  const { assignment, item } = task;
  return {
    levelCode: assignment.levelCode,
    round: item.round,
    assignmentId: assignment.assignmentId,
    userId: assignment.userId,
    ...(assignment.displayName === undefined ? {} : { displayName: assignment.displayName }),
    ...(assignment.actingFor === undefined ? {} : { actingFor: assignment.actingFor }),
    decision: command.type,
    ...(command.type === 'REJECT' ? { reason: command.reason.trim() } : {}),
    at: tx.now,
  };
}

function applyTask(tx: Tx, task: Task, command: DecisionCommand): void {
  const item = tx.state.items[task.item.itemId];
  const who = { actor: personOf(task.assignment), actingFor: task.assignment.actingFor };
  if (command.type === 'RETURN') {
    sendBack(tx, item, winnerOf(task.assignment, 'RETURN', tx.now, task.assignment.levelCode), command.reason.trim());
    return;
  }
  const vote = voteOf(tx, task, command);
  item.votes.push(vote);
  emit(tx, {
    type: command.type === 'APPROVE' ? 'VOTE_APPROVE' : 'VOTE_REJECT',
    ...who,
    itemIds: [item.itemId],
    levelCode: vote.levelCode,
    round: vote.round,
    reason: vote.reason,
    text: command.type === 'APPROVE' && !isBlank(command.comment) ? command.comment?.trim() : undefined,
  });
  settleItem(tx, item);
}

export function decideItems(state: ChainState, command: DecisionCommand, now: string): ApprovalResult {
  if (command.actor.role === Role.ADMIN) {
    return refuse(ErrorCode.FORBIDDEN_ACTOR, 'an admin reassigns tasks but never approves, rejects or returns');
  }
  if (command.type !== 'APPROVE' && isBlank(command.reason)) {
    return refuse(ErrorCode.REASON_REQUIRED, `a reason is required to ${command.type === 'REJECT' ? 'reject' : 'return'}`);
  }
  const items = itemsNamed(state, command.itemIds);
  if ('ok' in items) return items;
  const tasks: Task[] = [];
  for (const item of items) {
    const separation = checkSeparationOfDuties(command.actor, state, [item.itemId]);
    if (!separation.ok) return asRefusal(separation, item.itemId);
    const task = checkTask(state, command, item);
    if ('ok' in task) return task;
    tasks.push(task);
  }
  const tx = begin(state, now);
  tasks.forEach((task) => applyTask(tx, task, command));
  return commit(tx);
}
