/**
 * Starting a chain and bringing its levels to life.
 *
 * Each item tracks its own level, so items of one submission can be at different levels (a returned and resubmitted
 * nominee restarts at level 0 while the others have moved on). A level is activated once, when the first item reaches
 * it: the caller resolves the role's holders and delegates as of that day (resolveAssignees) and passes them in, and
 * those assignments serve every later round; an admin's reassign changes them. Each visit of a level runs a clock
 * (its due, reminders and escalation): the first opens on activation, and when items reach a level that had emptied,
 * the caller reopens it with reopenLevel. `levelsToOpen` tells the caller which of the two each level needs.
 */
import {
  type ApprovalResult,
  type AssigneeInput,
  type Assignment,
  type ChainState,
  type ItemState,
  ItemStatus,
  type LevelToOpen,
  type StartChainInput,
} from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { validateChainDefinition } from './definition';
import { assigneeRef, isBlank, isOpenItem, orderedItems, pendingItemsAt, personOf, refuse, runningClock } from './queries';
import { levelSchedule } from './schedule';
import { commit } from './settle';
import { begin, emit, type Tx } from './tx';

function inputProblem(input: StartChainInput): string | undefined {
  if (isBlank(input.chainId)) return 'chainId is required';
  if (isBlank(input.submittedBy?.userId)) return 'submittedBy.userId is required';
  if (isBlank(input.subject?.provinceCode) || isBlank(input.subject?.title)) {
    return 'subject.provinceCode and subject.title are required';
  }
  if (!Array.isArray(input.items) || input.items.length === 0) return 'items must list at least one item';
  if (input.definition.levels.some((l) => l.approvers.scope === 'SUBJECT_UNIT') && isBlank(input.subject.unitCode)) {
    return 'subject.unitCode is required: a level takes its approvers from the subject unit';
  }
  if (input.firstRound !== undefined && (!Number.isInteger(input.firstRound) || input.firstRound < 1)) {
    return `firstRound must be a whole number >= 1: ${input.firstRound}`;
  }
  const seen = new Set<string>();
  for (const [i, item] of input.items.entries()) {
    if (isBlank(item.itemId) || isBlank(item.title)) return `items[${i}] needs an itemId and a title`;
    if (seen.has(item.itemId)) return `items[${i}].itemId is a duplicate: ${item.itemId}`;
    seen.add(item.itemId);
  }
  return undefined;
}

/** A new chain: every item pending at level 0, round 1. Level 0 then needs activating (see levelsToOpen). */
export function startChain(input: StartChainInput, now: string): ApprovalResult {
  const definitionCheck = validateChainDefinition(input.definition);
  if (!definitionCheck.ok) return refuse(definitionCheck.code, definitionCheck.detail);
  const problem = inputProblem(input);
  if (problem) return refuse(ErrorCode.VALIDATION_FAILED, problem);
  const items: Record<string, ItemState> = {};
  const round = input.firstRound ?? 1;
  for (const item of input.items) {
    items[item.itemId] = {
      ...item,
      status: ItemStatus.PENDING,
      levelIndex: 0,
      round,
      enteredLevelAt: now,
      votes: [],
      outcomes: [],
      escalatedLevels: [],
    };
  }
  const empty: ChainState = {
    chainId: input.chainId,
    definition: input.definition,
    subject: input.subject,
    submittedBy: personOf(input.submittedBy),
    submittedAt: now,
    itemOrder: input.items.map((item) => item.itemId),
    items,
    levels: input.definition.levels.map((level) => ({ levelCode: level.code, assignments: [], clocks: [] })),
    incidents: [],
    evidence: [],
    log: [],
    ...(input.returnsEndChain ? { returnsEndChain: true } : {}),
  };
  const tx = begin(empty, now);
  emit(tx, { type: 'CHAIN_SUBMITTED', actor: tx.state.submittedBy, itemIds: tx.state.itemOrder, round });
  return commit(tx);
}

function openClock(tx: Tx, levelIndex: number, calendar: WorkingCalendar, extraDaysOff: readonly string[]): void {
  const schedule = levelSchedule(tx.state.definition.levels[levelIndex], tx.now, calendar, extraDaysOff);
  tx.state.levels[levelIndex].clocks.push({ openedAt: tx.now, ...schedule, remindersFired: [] });
}

const assignmentKey = (a: { userId: string; actingFor?: { userId: string } }): string =>
  `${a.userId}|${a.actingFor?.userId ?? ''}`;

/** Adds assignments to a level, skipping people who already hold an open one in the same capacity; returns those added. */
export function addAssignments(
  tx: Tx,
  levelIndex: number,
  people: readonly AssigneeInput[],
  how: Pick<Assignment, 'source' | 'capacity'> | 'AS_RESOLVED',
): Assignment[] {
  const level = tx.state.levels[levelIndex];
  const held = new Set(level.assignments.filter((a) => a.closedAt === undefined).map(assignmentKey));
  const added: Assignment[] = [];
  for (const person of people) {
    if (held.has(assignmentKey(person))) continue;
    held.add(assignmentKey(person));
    const assignment: Assignment = {
      assignmentId: `${tx.state.chainId}/${level.levelCode}/${level.assignments.length + 1}`,
      levelCode: level.levelCode,
      ...personOf(person),
      ...(person.actingFor === undefined ? {} : { actingFor: personOf(person.actingFor) }),
      ...(how === 'AS_RESOLVED' ? { source: person.source ?? 'ROLE', capacity: 'APPROVER' } : how),
      assignedAt: tx.now,
    };
    level.assignments.push(assignment);
    added.push(assignment);
  }
  return added;
}

function levelRefusal(state: ChainState, levelIndex: number): ApprovalResult | undefined {
  if (!Number.isInteger(levelIndex) || levelIndex < 0 || levelIndex >= state.levels.length) {
    return refuse(ErrorCode.APPROVAL_LEVEL_NOT_FOUND, `no level ${levelIndex} in chain ${state.chainId}`);
  }
  return undefined;
}

/**
 * Activates a level with the people the caller resolved (holders and delegates on `now`'s date). An empty list is
 * accepted and raises a NO_APPROVER incident, so that a vacant office shows instead of silently stalling the chain.
 * The clock opens at once when items wait at the level; `extraDaysOff` are the province's own days off.
 */
export function activateLevel(
  state: ChainState,
  levelIndex: number,
  assignees: readonly AssigneeInput[],
  now: string,
  calendar: WorkingCalendar,
  extraDaysOff: readonly string[] = [],
): ApprovalResult {
  const bad = levelRefusal(state, levelIndex);
  if (bad) return bad;
  const level = state.levels[levelIndex];
  if (level.activatedAt !== undefined) {
    return refuse(ErrorCode.WRONG_STATE, `level ${level.levelCode} was activated at ${level.activatedAt}; use reopenLevel`);
  }
  const blank = assignees.findIndex((a) => isBlank(a.userId));
  if (blank >= 0) return refuse(ErrorCode.VALIDATION_FAILED, `assignees[${blank}].userId is required`);
  const tx = begin(state, now);
  tx.state.levels[levelIndex].activatedAt = now;
  const added = addAssignments(tx, levelIndex, assignees, 'AS_RESOLVED');
  const waiting = pendingItemsAt(tx.state, levelIndex);
  if (waiting.length > 0) openClock(tx, levelIndex, calendar, extraDaysOff);
  const dueAt = runningClock(tx.state.levels[levelIndex])?.dueAt;
  emit(tx, {
    type: 'LEVEL_ACTIVATED',
    levelCode: level.levelCode,
    itemIds: waiting.map((item) => item.itemId),
    assignees: added.map(assigneeRef),
    detail: dueAt ? `due ${dueAt}` : undefined,
  });
  return commit(tx);
}

/**
 * Starts a new clock at an activated level that items reached after it had emptied (e.g. resubmitted items back at
 * level 0). A no-op while a clock runs or when nothing waits, so it is safe to call again.
 */
export function reopenLevel(
  state: ChainState,
  levelIndex: number,
  now: string,
  calendar: WorkingCalendar,
  extraDaysOff: readonly string[] = [],
): ApprovalResult {
  const bad = levelRefusal(state, levelIndex);
  if (bad) return bad;
  const level = state.levels[levelIndex];
  if (level.activatedAt === undefined) return refuse(ErrorCode.WRONG_STATE, `level ${level.levelCode} is not activated yet`);
  const waiting = pendingItemsAt(state, levelIndex);
  if (runningClock(level) || waiting.length === 0) return { ok: true, state, events: [] };
  const tx = begin(state, now);
  openClock(tx, levelIndex, calendar, extraDaysOff);
  const dueAt = runningClock(tx.state.levels[levelIndex])?.dueAt;
  emit(tx, {
    type: 'LEVEL_REOPENED',
    levelCode: level.levelCode,
    itemIds: waiting.map((item) => item.itemId),
    detail: dueAt ? `due ${dueAt}` : undefined,
  });
  return commit(tx);
}

/** Levels with waiting items and no running clock: what the workflow must activate or reopen after each step. */
export function levelsToOpen(state: ChainState): LevelToOpen[] {
  return state.levels.flatMap((level, levelIndex) =>
    runningClock(level) === undefined && pendingItemsAt(state, levelIndex).length > 0
      ? [
          {
            levelIndex,
            levelCode: level.levelCode,
            role: state.definition.levels[levelIndex].approvers.role,
            ...(state.definition.levels[levelIndex].approvers.scope
              ? { scope: state.definition.levels[levelIndex].approvers.scope }
              : {}),
            activated: level.activatedAt !== undefined,
          },
        ]
      : [],
  );
}

/** COMPLETE once no item is pending or awaiting resubmission in this chain. */
export function chainStatus(state: ChainState): 'IN_PROGRESS' | 'COMPLETE' {
  return orderedItems(state).some(isOpenItem) ? 'IN_PROGRESS' : 'COMPLETE';
}
