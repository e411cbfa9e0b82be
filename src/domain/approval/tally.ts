/**
 * Whether an item has passed, failed or is still open at its current level.
 *
 * - ANY: the first vote settles it, approval or rejection (one "không đồng ý" is enough to reject).
 * - ALL: every eligible assignee must approve; one rejection rejects.
 * - QUORUM: the threshold is a count, or a percentage rounded up of the level's open assignees, all of them, as the
 *   council's rule counts all members (domain.md §3.1); recused members therefore weigh like a "no". It passes as
 *   soon as approvals reach the threshold, and fails as soon as approvals plus the eligible assignees still silent
 *   cannot reach it. Rejections are simply votes that do not approve.
 * - An ESCALATION assignee (a superior added by escalation) decides alone, whatever the mode.
 *
 * Only votes of open assignments count: a reassigned task's votes stay on record but weigh no more. Assignees barred
 * by separation of duties are not part of an item's eligible electorate. A level whose eligible assignees cannot
 * settle an item at all (nobody eligible, or fewer than the quorum) keeps it OPEN and raises an incident instead of
 * failing the nominee for a staffing gap.
 */
import {
  type Assignment,
  type ChainState,
  type ItemState,
  type LevelDefinition,
  LevelMode,
  type Vote,
} from '../../shared/approval';
import { requiredCount } from '../ratio';
import { isBarred, liveVotes, openAssignments } from './queries';

export type Tally = { result: 'PASS' | 'FAIL'; decisive: Vote } | { result: 'OPEN' };

/** Approvals a QUORUM level needs when `members` assignees are open. */
export function quorumThreshold(level: LevelDefinition, members: number): number {
  const quorum = level.quorum ?? {};
  if (quorum.count !== undefined) return quorum.count;
  return requiredCount((quorum.percent ?? 100) / 100, members);
}

export interface Electorate {
  /** Open APPROVER assignments: the base of a QUORUM percentage. */
  members: Assignment[];
  /** Members allowed to decide on this item. */
  eligible: Assignment[];
  /** Open ESCALATION assignments allowed to decide on this item. */
  superiors: Assignment[];
}

export function electorateFor(state: ChainState, item: ItemState): Electorate {
  const open = openAssignments(state.levels[item.levelIndex]);
  const members = open.filter((a) => a.capacity === 'APPROVER');
  const eligible = members.filter((a) => !isBarred(state, a, item));
  const superiors = open.filter((a) => a.capacity === 'ESCALATION' && !isBarred(state, a, item));
  return { members, eligible, superiors };
}

/** True when the eligible assignees can never settle the item: the incident case. */
export function cannotBeSettled(state: ChainState, item: ItemState): boolean {
  const { members, eligible, superiors } = electorateFor(state, item);
  if (superiors.length > 0) return false;
  const level = state.definition.levels[item.levelIndex];
  return eligible.length === 0 || (level.mode === LevelMode.QUORUM && eligible.length < quorumThreshold(level, members.length));
}

const passed = (decisive: Vote): Tally => ({ result: 'PASS', decisive });
const failed = (decisive: Vote): Tally => ({ result: 'FAIL', decisive });
const OPEN: Tally = { result: 'OPEN' };

function tallyMembers(level: LevelDefinition, electorate: Electorate, votes: Vote[]): Tally {
  const approvals = votes.filter((v) => v.decision === 'APPROVE');
  const rejections = votes.filter((v) => v.decision === 'REJECT');
  const lastApproval = approvals.at(-1);
  const lastRejection = rejections.at(-1);
  switch (level.mode) {
    case LevelMode.ANY:
      return votes[0] ? (votes[0].decision === 'APPROVE' ? passed(votes[0]) : failed(votes[0])) : OPEN;
    case LevelMode.ALL:
      if (lastRejection) return failed(lastRejection);
      return lastApproval && approvals.length === electorate.eligible.length ? passed(lastApproval) : OPEN;
    case LevelMode.QUORUM: {
      const threshold = quorumThreshold(level, electorate.members.length);
      if (electorate.eligible.length < threshold) return OPEN;
      if (lastApproval && approvals.length >= threshold) return passed(lastApproval);
      const silent = electorate.eligible.length - votes.length;
      return lastRejection && approvals.length + silent < threshold ? failed(lastRejection) : OPEN;
    }
  }
}

export function tallyItem(state: ChainState, item: ItemState): Tally {
  const electorate = electorateFor(state, item);
  const votes = liveVotes(state, item);
  const superior = electorate.superiors.map((a) => votes.find((v) => v.assignmentId === a.assignmentId)).find((v) => v);
  if (superior) return superior.decision === 'APPROVE' ? passed(superior) : failed(superior);
  const eligibleIds = new Set(electorate.eligible.map((a) => a.assignmentId));
  const counted = votes.filter((v) => eligibleIds.has(v.assignmentId));
  return tallyMembers(state.definition.levels[item.levelIndex], electorate, counted);
}
