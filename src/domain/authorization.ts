import { Role, type Actor } from '../shared/actors';
import { ErrorCode } from '../shared/errors';
import { fail, PASS, type Check } from './outcome';

/**
 * Entitlement checks used by the workflows' update validators: the workflow is the source of truth for
 * who leads the bloc this year and whose turn it is.
 */
export function checkRole(actor: Actor, ...roles: Role[]): Check {
  return roles.includes(actor.role)
    ? PASS
    : fail(ErrorCode.FORBIDDEN_ACTOR, `role ${actor.role} may not do this; allowed: ${roles.join(', ')}`);
}

/** The Trưởng khối acts through the head of the unit that leads the bloc this year. */
export function checkLeader(actor: Actor, leaderUnit: string): Check {
  if (actor.role !== Role.UNIT_HEAD || actor.unitCode !== leaderUnit) {
    return fail(ErrorCode.NOT_LEADER, `only the head of ${leaderUnit} (Trưởng khối) may do this`);
  }
  return PASS;
}

export function checkUnitActor(actor: Actor, unitCode: string, members: readonly string[], ...roles: Role[]): Check {
  const role = checkRole(actor, ...roles);
  if (!role.ok) return role;
  if (!actor.unitCode || !members.includes(actor.unitCode)) {
    return fail(ErrorCode.NOT_MEMBER, `unit ${actor.unitCode ?? '(none)'} is not a member of this bloc`);
  }
  if (actor.unitCode !== unitCode) {
    return fail(ErrorCode.FORBIDDEN_ACTOR, `a person of unit ${actor.unitCode} may not act for unit ${unitCode}`);
  }
  return PASS;
}

/** Cross-scoring (chấm chéo): the head of a member unit assigned at launch to score `scoredUnit`. */
export function checkCrossScorer(
  actor: Actor,
  scoredUnit: string,
  scorers: readonly string[],
  members: readonly string[],
): Check {
  const role = checkRole(actor, Role.UNIT_HEAD);
  if (!role.ok) return role;
  if (!actor.unitCode || !members.includes(actor.unitCode)) {
    return fail(ErrorCode.NOT_MEMBER, `unit ${actor.unitCode ?? '(none)'} is not a member of this bloc`);
  }
  if (!scorers.includes(actor.unitCode)) {
    return fail(ErrorCode.FORBIDDEN_ACTOR, `unit ${actor.unitCode} is not assigned to cross-score ${scoredUnit}`);
  }
  return PASS;
}
