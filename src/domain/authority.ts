import { BlocCapacity, Role, UNIT_ROLES, type Actor, type BlocAuthority } from '../shared/actors';
import { ErrorCode } from '../shared/errors';

/** A role assignment as stored (role_assignments), with its validity as ISO instants. */
export interface HeldRole {
  assignmentId: string;
  role: Role;
  provinceCode: string | null;
  unitCode: string | null;
  validFrom: string;
  validTo: string | null;
}

/** A bloc's leadership in office: the units whose heads act as Trưởng khối and Phó khối. */
export interface LeadershipInOffice {
  provinceCode: string;
  blocCode: string;
  year: number;
  leaderUnitCode: string;
  deputyUnitCode: string;
  /** When this leadership took office: the handover (bàn giao) or, for seeded and appointed ones, when recorded. */
  since: string;
}

export interface ActingChoice {
  role?: string;
  unitCode?: string;
}

export type Resolution = { ok: true; actor: Actor; heldAt: HeldRole } | { ok: false; code: ErrorCode; detail: string };

export function isValidAt(held: Pick<HeldRole, 'validFrom' | 'validTo'>, at: string): boolean {
  return held.validFrom <= at && (held.validTo === null || at < held.validTo);
}

/**
 * Chooses the role a request acts in among the roles the user holds at `at`: the one named by the client
 * (role, and unit where the role is a unit's), or the only one. Never guesses between several: an action
 * with legal weight is taken in a capacity the person chose.
 */
export function resolveActingRole(userId: string, held: readonly HeldRole[], at: string, choice: ActingChoice): Resolution {
  const current = held.filter((h) => isValidAt(h, at));
  if (current.length === 0) {
    return { ok: false, code: ErrorCode.NO_ROLE, detail: `user ${userId} holds no role on ${at.slice(0, 10)}` };
  }
  const matching = current.filter(
    (h) => (!choice.role || h.role === (choice.role as Role)) && (!choice.unitCode || h.unitCode === choice.unitCode),
  );
  if (matching.length === 0) {
    const wanted = [choice.role, choice.unitCode].filter(Boolean).join(' of ');
    return {
      ok: false,
      code: ErrorCode.FORBIDDEN_ACTOR,
      detail: `user ${userId} does not hold ${wanted} now; holds ${describe(current)}`,
    };
  }
  if (matching.length > 1) {
    return {
      ok: false,
      code: ErrorCode.ROLE_SELECTION_REQUIRED,
      detail: `user ${userId} holds several roles (${describe(matching)}); name one with x-acting-role and x-acting-unit`,
    };
  }
  const chosen = matching[0];
  const actor: Actor = { userId, role: chosen.role };
  if (UNIT_ROLES.includes(chosen.role) && chosen.unitCode) actor.unitCode = chosen.unitCode;
  if (chosen.provinceCode) actor.provinceCode = chosen.provinceCode;
  return { ok: true, actor, heldAt: chosen };
}

/**
 * The bloc capacities of a unit head: Trưởng khối or Phó khối of every bloc whose leadership in office has
 * their unit in that seat. Authority follows the handover: once the next leadership takes office, the
 * outgoing head no longer has it, and the incoming one has it from that moment.
 */
export function blocAuthorities(actor: Actor, inOffice: readonly LeadershipInOffice[]): BlocAuthority[] {
  if (actor.role !== Role.UNIT_HEAD || !actor.unitCode) return [];
  const result: BlocAuthority[] = [];
  for (const l of inOffice) {
    if (l.leaderUnitCode === actor.unitCode)
      result.push({ blocCode: l.blocCode, capacity: BlocCapacity.LEADER, year: l.year, since: l.since });
    if (l.deputyUnitCode === actor.unitCode)
      result.push({ blocCode: l.blocCode, capacity: BlocCapacity.DEPUTY, year: l.year, since: l.since });
  }
  return result;
}

function describe(held: readonly HeldRole[]): string {
  return held.map((h) => [h.role, h.unitCode ?? h.provinceCode].filter(Boolean).join(':')).join(', ');
}
