import { BlocCapacity, Role, type Actor } from '../shared/actors';
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

/**
 * The Trưởng khối acts through the head of the unit that leads the bloc in this cycle (the workflow's own
 * state), and only while that leadership is in office (the API's dated authority, `actor.leads`): after
 * the handover the outgoing head is refused even where the cycle still names their unit.
 */
export function checkLeader(actor: Actor, leaderUnit: string, blocCode: string): Check {
  if (actor.role !== Role.UNIT_HEAD || actor.unitCode !== leaderUnit) {
    return fail(ErrorCode.NOT_LEADER, `only the head of ${leaderUnit} (Trưởng khối) may do this`);
  }
  const inOffice = (actor.leads ?? []).some((l) => l.blocCode === blocCode && l.capacity === BlocCapacity.LEADER);
  if (!inOffice) {
    return fail(ErrorCode.NOT_LEADER, `the head of ${leaderUnit} no longer holds Trưởng khối of ${blocCode}: it was handed over`);
  }
  return PASS;
}

/** The Phó khối: the head of the bloc's deputy unit in this cycle, while that seat is in office. */
export function checkDeputy(actor: Actor, deputyUnit: string, blocCode: string): Check {
  if (actor.role !== Role.UNIT_HEAD || actor.unitCode !== deputyUnit) {
    return fail(ErrorCode.NOT_LEADER, `only the head of ${deputyUnit} (Phó khối) may do this`);
  }
  const inOffice = (actor.leads ?? []).some((l) => l.blocCode === blocCode && l.capacity === BlocCapacity.DEPUTY);
  if (!inOffice) {
    return fail(ErrorCode.NOT_LEADER, `the head of ${deputyUnit} no longer holds Phó khối of ${blocCode}: it was handed over`);
  }
  return PASS;
}

/**
 * Who reviews a unit's score sheet: the Trưởng khối, except for his own unit's sheet, which he may not judge
 * (recusal, bulk actions included): the Phó khối reviews that one. A cycle started before the deputy was passed
 * to the unit workflows (no `deputyUnit`) keeps the leader as its only reviewer.
 */
export function checkAssessmentReviewer(
  actor: Actor,
  unitCode: string,
  seats: { leaderUnit: string; deputyUnit?: string; blocCode: string },
): Check {
  const { leaderUnit, deputyUnit, blocCode } = seats;
  if (unitCode !== leaderUnit || deputyUnit === undefined) return checkLeader(actor, leaderUnit, blocCode);
  if (actor.unitCode === leaderUnit) {
    return fail(
      ErrorCode.RECUSED,
      `the Trưởng khối (${leaderUnit}) does not review his own unit's score sheet; the Phó khối (${deputyUnit}) reviews it`,
    );
  }
  return checkDeputy(actor, deputyUnit, blocCode);
}

/** Every role but the system-wide ones acts only within its own province. */
export function checkProvince(actor: Actor, provinceCode: string): Check {
  // An admin or auditor without a province is system-wide; one assigned to a province acts in that province only.
  const systemWide = (actor.role === Role.ADMIN || actor.role === Role.AUDITOR) && !actor.provinceCode;
  if (systemWide || actor.provinceCode === provinceCode) return PASS;
  return fail(
    ErrorCode.OUT_OF_SCOPE,
    `${actor.role} of province ${actor.provinceCode ?? '(none)'} may not act in ${provinceCode}`,
  );
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
