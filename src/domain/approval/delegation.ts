import { DECIDING_ROLES, Role, UNIT_ROLES } from '../../shared/actors';
import type { AssigneeInput, Delegation, PersonRef } from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { fail, PASS, type Check } from '../outcome';

/** Role holders as the caller found them on the activation date. */
export interface RoleHolder {
  userId: string;
  displayName?: string;
  unitCode?: string;
}

const isActiveOn = (delegation: Delegation, date: string): boolean =>
  delegation.validFrom <= date && date <= delegation.validTo && delegation.fromUserId !== delegation.toUserId;

/** Of several delegations in force on the same day, the most recently started wins; on a tie, the first listed. */
function delegationFor(holder: RoleHolder, delegations: readonly Delegation[], date: string): Delegation | undefined {
  let chosen: Delegation | undefined;
  for (const delegation of delegations) {
    if (delegation.fromUserId !== holder.userId || !isActiveOn(delegation, date)) continue;
    if (!chosen || delegation.validFrom > chosen.validFrom) chosen = delegation;
  }
  return chosen;
}

const personOf = (holder: RoleHolder): PersonRef => ({
  userId: holder.userId,
  ...(holder.displayName === undefined ? {} : { displayName: holder.displayName }),
  ...(holder.unitCode === undefined ? {} : { unitCode: holder.unitCode }),
});

function delegateOf(holder: RoleHolder, delegation: Delegation): AssigneeInput {
  return {
    userId: delegation.toUserId,
    ...(delegation.toDisplayName === undefined ? {} : { displayName: delegation.toDisplayName }),
    ...(delegation.toUnitCode === undefined ? {} : { unitCode: delegation.toUnitCode }),
    actingFor: personOf(holder),
    source: 'DELEGATION',
  };
}

/**
 * The assignees of a level on `onDate` (local YYYY-MM-DD): each holder, or the person they delegated to that day
 * (out of office is a delegation). Delegation does not cascade: a delegate who has delegated in turn still gets the
 * task, acting for the holder, because a delegate cannot pass on authority they only borrow. A delegation to oneself
 * is ignored. A delegate who is also a holder gets two tasks, one in each capacity; duplicates are dropped.
 */
export function resolveAssignees(
  holders: readonly RoleHolder[],
  delegations: readonly Delegation[],
  onDate: string,
): AssigneeInput[] {
  const seen = new Set<string>();
  const result: AssigneeInput[] = [];
  for (const holder of holders) {
    const delegation = delegationFor(holder, delegations, onDate);
    const assignee: AssigneeInput = delegation ? delegateOf(holder, delegation) : { ...personOf(holder), source: 'ROLE' };
    const key = `${assignee.userId}|${assignee.actingFor?.userId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(assignee);
  }
  return result;
}

/** A role held, with its scope, as far as delegation eligibility is concerned. */
export interface ScopedRole {
  role: Role;
  provinceCode: string | null;
  unitCode: string | null;
}

/**
 * Who may stand in for a role (ủy quyền, vắng mặt): a deciding role (board, council, chairman) only to someone holding
 * a deciding role of the same province; a unit head only to another head of the same unit; a focal person to the focal
 * person or head of the same unit. Admin and auditor roles carry no tasks and delegate nothing. The one definition:
 * used when a delegation is recorded and again when a task is assigned (a delegate who has since lost the role is skipped).
 */
export function delegableTo(role: Role): readonly Role[] {
  if (DECIDING_ROLES.includes(role)) return DECIDING_ROLES;
  if (role === Role.UNIT_HEAD) return [Role.UNIT_HEAD];
  if (role === Role.UNIT_FOCAL) return [Role.UNIT_FOCAL, Role.UNIT_HEAD];
  return [];
}

const sameScope = (of: ScopedRole, by: ScopedRole): boolean =>
  UNIT_ROLES.includes(of.role) ? by.unitCode === of.unitCode : by.provinceCode === of.provinceCode;

/** Whether `delegate`'s roles (in force) let them stand in for one role `of` the delegator. */
export function mayStandInFor(of: ScopedRole, delegate: readonly ScopedRole[]): boolean {
  const eligible = delegableTo(of.role);
  return delegate.some((r) => eligible.includes(r.role) && sameScope(of, r));
}

/**
 * A delegation covers every task the delegator would get, so the delegate must be eligible for each of the delegator's
 * task-bearing roles; one who is not (the head of a unit competing in the chains a council member decides) is refused.
 */
export function checkDelegateEligible(delegator: readonly ScopedRole[], delegate: readonly ScopedRole[]): Check {
  const bearing = delegator.filter((r) => delegableTo(r.role).length > 0);
  if (bearing.length === 0) {
    return fail(ErrorCode.DELEGATE_NOT_ELIGIBLE, 'the delegator holds no role with tasks to delegate');
  }
  for (const of of bearing) {
    if (!mayStandInFor(of, delegate)) {
      const scope = of.unitCode ?? of.provinceCode ?? '';
      const wanted = delegableTo(of.role).join(' or ');
      return fail(
        ErrorCode.DELEGATE_NOT_ELIGIBLE,
        `to stand in for ${of.role} of ${scope} the delegate must hold ${wanted} of ${scope} in force`,
      );
    }
  }
  return PASS;
}
