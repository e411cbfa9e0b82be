import type { AssigneeInput, Delegation, PersonRef } from '../../shared/approval';

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
