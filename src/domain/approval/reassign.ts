/**
 * An admin's reassignment: replace an assignee (who left, fell ill, is conflicted) or add one (to clear an incident).
 * The reason is mandatory and recorded. A replaced task is closed, not deleted: its votes stay on record but no longer
 * count, so the new assignee decides what is still pending. Replacement keeps the capacity and the "acting for" of
 * the task it replaces. No tally can settle by a reassignment alone: the new assignee has not voted yet.
 */
import { Role } from '../../shared/actors';
import {
  type ApprovalResult,
  type AssigneeInput,
  type Assignment,
  type ChainState,
  type ReassignCommand,
} from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { addAssignments } from './chain';
import { assigneeRef, isBlank, levelIndexOf, nameOf, openAssignments, personOf, refuse } from './queries';
import { commit, resolveIncident } from './settle';
import { begin, emit, type Tx } from './tx';

export type ReassignRequest = Omit<ReassignCommand, 'type'>;

function requestRefusal(state: ChainState, request: ReassignRequest): ApprovalResult | undefined {
  if (request.actor.role !== Role.ADMIN) {
    return refuse(ErrorCode.FORBIDDEN_ACTOR, `only an ADMIN reassigns tasks, not ${request.actor.role}`);
  }
  if (isBlank(request.reason)) return refuse(ErrorCode.REASON_REQUIRED, 'a reason is required to reassign');
  if (isBlank(request.toUser?.userId)) return refuse(ErrorCode.VALIDATION_FAILED, 'toUser.userId is required');
  if (request.toUser.userId === state.submittedBy.userId) {
    return refuse(ErrorCode.FOUR_EYES, `${request.toUser.userId} submitted this chain and cannot be assigned to decide it`);
  }
  const levelIndex = levelIndexOf(state, request.levelCode);
  if (levelIndex < 0) {
    return refuse(ErrorCode.APPROVAL_LEVEL_NOT_FOUND, `no level ${request.levelCode} in chain ${state.chainId}`);
  }
  if (state.levels[levelIndex].activatedAt === undefined) {
    return refuse(
      ErrorCode.WRONG_STATE,
      `level ${request.levelCode} is not activated yet; its assignees are resolved on activation`,
    );
  }
  return undefined;
}

/** The replacement tasks: one per open task of `fromUserId`, or a single added one. */
function replacements(
  open: Assignment[],
  request: ReassignRequest,
): { closing: Assignment[]; people: AssigneeInput[] } | ApprovalResult {
  const to = personOf(request.toUser);
  if (request.fromUserId === undefined) return { closing: [], people: [to] };
  const closing = open.filter((a) => a.userId === request.fromUserId);
  if (closing.length === 0) {
    return refuse(ErrorCode.NOT_ASSIGNED, `${request.fromUserId} holds no open task at ${request.levelCode}`);
  }
  return { closing, people: closing.map((a) => ({ ...to, ...(a.actingFor ? { actingFor: a.actingFor } : {}) })) };
}

function applyReassign(tx: Tx, levelIndex: number, request: ReassignRequest, closing: Assignment[], people: AssigneeInput[]) {
  const reason = request.reason.trim();
  const level = tx.state.levels[levelIndex];
  const closingIds = new Set(closing.map((a) => a.assignmentId));
  for (const assignment of level.assignments.filter((a) => closingIds.has(a.assignmentId))) {
    assignment.closedAt = tx.now;
    assignment.closedReason = reason;
  }
  const added = people.flatMap((person, i) =>
    addAssignments(tx, levelIndex, [person], {
      source: 'REASSIGNED',
      capacity: closing[i]?.capacity ?? request.capacity ?? 'APPROVER',
    }),
  );
  const what =
    closing.length > 0 ? `from ${closing.map(nameOf).join(', ')} to ${nameOf(people[0])}` : `added ${nameOf(people[0])}`;
  emit(tx, {
    type: 'REASSIGNED',
    actor: personOf(request.actor),
    levelCode: level.levelCode,
    reason,
    detail: what,
    assignees: added.map(assigneeRef),
  });
  tx.cause = `reassignment by ${request.actor.userId}: ${reason}`;
  tx.state.incidents
    .filter((i) => i.levelCode === level.levelCode && i.reason === 'NO_ESCALATION_APPROVER' && i.resolvedAt === undefined)
    .forEach((incident) => resolveIncident(tx, incident, tx.cause ?? reason));
}

export function reassign(state: ChainState, request: ReassignRequest, now: string): ApprovalResult {
  const refusal = requestRefusal(state, request);
  if (refusal) return refusal;
  const levelIndex = levelIndexOf(state, request.levelCode);
  const open = openAssignments(state.levels[levelIndex]);
  const plan = replacements(open, request);
  if ('ok' in plan) return plan;
  const keep = open.filter((a) => !plan.closing.includes(a));
  const duplicate = plan.people.find((p) =>
    keep.some((a) => a.userId === p.userId && a.actingFor?.userId === p.actingFor?.userId),
  );
  if (duplicate) return refuse(ErrorCode.ALREADY_ASSIGNED, `${duplicate.userId} already holds this task at ${request.levelCode}`);
  const tx = begin(state, now);
  applyReassign(tx, levelIndex, request, plan.closing, plan.people);
  return commit(tx);
}
