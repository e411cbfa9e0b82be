/** Read-only helpers over a chain state, shared by the actions. */
import {
  type ApprovalRefusal,
  type Assignment,
  type ChainState,
  type ItemState,
  ItemStatus,
  type LevelClock,
  type LevelState,
  type PersonRef,
  type Vote,
  type Winner,
} from '../../shared/approval';
import { type ErrorCode } from '../../shared/errors';
import { checkSeparationOfDuties } from './separation';

export const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

export function refuse(code: ErrorCode, detail: string, extra: Partial<ApprovalRefusal> = {}): ApprovalRefusal {
  return { ok: false, code, detail, ...extra };
}

/** The engine itself, as the actor of automatic steps (escalation by time). */
export const SYSTEM: PersonRef = { userId: 'system', displayName: 'Hệ thống' };

const TERMINAL: readonly ItemStatus[] = [ItemStatus.APPROVED, ItemStatus.REJECTED, ItemStatus.WITHDRAWN, ItemStatus.ESCALATED];

/** Settled for good: a final status, or a return that closed the item (chains whose returns end them). */
export const isTerminal = (item: ItemState): boolean => TERMINAL.includes(item.status) || item.closedAt !== undefined;
export const isOpenItem = (item: ItemState): boolean =>
  item.closedAt === undefined && (item.status === ItemStatus.PENDING || item.status === ItemStatus.RETURNED);

export function levelIndexOf(state: ChainState, levelCode: string): number {
  return state.definition.levels.findIndex((level) => level.code === levelCode);
}

export const orderedItems = (state: ChainState): ItemState[] =>
  state.itemOrder.map((id) => state.items[id]).filter((item): item is ItemState => item !== undefined);

export function pendingItemsAt(state: ChainState, levelIndex: number): ItemState[] {
  return orderedItems(state).filter((item) => item.status === ItemStatus.PENDING && item.levelIndex === levelIndex);
}

export const openAssignments = (level: LevelState): Assignment[] => level.assignments.filter((a) => a.closedAt === undefined);

export function runningClock(level: LevelState): LevelClock | undefined {
  const last = level.clocks.at(-1);
  return last && last.closedAt === undefined ? last : undefined;
}

/** Votes of the item's current level and round (a return or a new level starts from none). */
export function liveVotes(state: ChainState, item: ItemState): Vote[] {
  const levelCode = state.definition.levels[item.levelIndex]?.code;
  return item.votes.filter((vote) => vote.levelCode === levelCode && vote.round === item.round);
}

/** Whether separation of duties keeps this assignee from deciding on this item. */
export function isBarred(state: ChainState, assignment: Assignment, item: ItemState): boolean {
  return !checkSeparationOfDuties(assignment, state, [item.itemId], assignment.actingFor).ok;
}

export const personOf = (p: PersonRef): PersonRef => ({
  userId: p.userId,
  ...(p.displayName === undefined ? {} : { displayName: p.displayName }),
  ...(p.unitCode === undefined ? {} : { unitCode: p.unitCode }),
});

/** A person as listed in events: who they are and whom they stand in for. */
export const assigneeRef = (a: PersonRef & { actingFor?: PersonRef }): PersonRef & { actingFor?: PersonRef } => ({
  ...personOf(a),
  ...(a.actingFor ? { actingFor: personOf(a.actingFor) } : {}),
});

/** How people are named in messages: the display name, and whom a delegate stands in for. */
export function nameOf(person: { userId: string; displayName?: string; actingFor?: PersonRef }): string {
  const name = person.displayName ?? person.userId;
  if (!person.actingFor) return name;
  return `${name} (được ${person.actingFor.displayName ?? person.actingFor.userId} ủy quyền)`;
}

/** The winner record of an assignee's decision. */
export function winnerOf(
  who: { userId: string; displayName?: string; actingFor?: PersonRef },
  decision: Winner['decision'],
  at: string,
  levelCode: string,
): Winner {
  return {
    userId: who.userId,
    ...(who.displayName === undefined ? {} : { displayName: who.displayName }),
    ...(who.actingFor === undefined ? {} : { actingFor: personOf(who.actingFor) }),
    decision,
    at,
    levelCode,
  };
}
