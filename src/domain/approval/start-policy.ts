import { BlocCapacity, Role, type Actor } from '../../shared/actors';
import type { ApproverRole, ChainDefinition } from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { fail, PASS, type Check } from '../outcome';

/** Who may start a chain of the catalog: a role, and for a unit head only as Trưởng khối of the bloc named in the start. */
export interface StarterRule {
  role: Role;
  asBlocLeader?: true;
}

/**
 * Who may start which chain of the catalog, by definition code. Configuration, not code paths: a chain missing here
 * can be started by nobody. The Trưởng khối submits the bloc's dossier (domain.md §1); the board may open an appraisal
 * for a dossier received on paper; the admin for repairs. A focal person or a plain unit head starts none.
 */
export const CHAIN_START_PERMISSIONS: Readonly<Record<string, readonly StarterRule[]>> = {
  THAM_DINH_HO_SO_CAP_TINH: [
    { role: Role.UNIT_HEAD, asBlocLeader: true },
    { role: Role.BOARD_SPECIALIST },
    { role: Role.BOARD_HEAD },
    { role: Role.ADMIN },
  ],
};

/**
 * Ad-hoc definitions (given as data in the start) route tasks to whoever the starter names, so only the people who
 * configure the province's processes write them: the admin, and the head of the board within the board's own authority.
 */
export const INLINE_DEFINITION_ROLES: readonly Role[] = [Role.ADMIN, Role.BOARD_HEAD];

/** Authority of the roles a level can be decided by: an ad-hoc chain never sends work above its starter. */
const AUTHORITY_RANK: Record<ApproverRole, number> = {
  [Role.UNIT_FOCAL]: 1,
  [Role.UNIT_HEAD]: 2,
  BLOC_LEADER: 2,
  [Role.BOARD_SPECIALIST]: 3,
  [Role.BOARD_HEAD]: 4,
  [Role.COUNCIL_MEMBER]: 5,
  [Role.CHAIRMAN]: 6,
  [Role.ADMIN]: 7,
  [Role.AUDITOR]: 7,
};

const leadsBloc = (actor: Actor, blocCode: string | undefined): boolean =>
  blocCode !== undefined && (actor.leads ?? []).some((l) => l.blocCode === blocCode && l.capacity === BlocCapacity.LEADER);

/** May `actor` start a chain: the catalog's `definitionCode`, or an ad-hoc definition (`definitionCode` undefined)? */
export function checkMayStart(actor: Actor, definitionCode: string | undefined, blocCode: string | undefined): Check {
  if (definitionCode === undefined) {
    if (INLINE_DEFINITION_ROLES.includes(actor.role)) return PASS;
    return fail(
      ErrorCode.CHAIN_START_FORBIDDEN,
      `role ${actor.role} may start only chains of the catalog; ad-hoc definitions: ${INLINE_DEFINITION_ROLES.join(', ')}`,
    );
  }
  const rules = CHAIN_START_PERMISSIONS[definitionCode] ?? [];
  const mine = rules.filter((r) => r.role === actor.role);
  if (mine.some((r) => !r.asBlocLeader || leadsBloc(actor, blocCode))) return PASS;
  if (mine.length > 0) {
    return fail(
      ErrorCode.CHAIN_START_FORBIDDEN,
      `a ${actor.role} starts ${definitionCode} only as Trưởng khối of the bloc named in blocCode`,
    );
  }
  const allowed = rules.map((r) => (r.asBlocLeader ? `${r.role} (Trưởng khối)` : r.role)).join(', ') || 'nobody';
  return fail(ErrorCode.CHAIN_START_FORBIDDEN, `role ${actor.role} may not start ${definitionCode}; allowed: ${allowed}`);
}

/** An ad-hoc chain's levels and escalations stay within the starter's authority (the admin configures any). */
export function checkInlineLevels(actor: Actor, definition: ChainDefinition, catalogCodes: readonly string[]): Check {
  if (catalogCodes.includes(definition.code)) {
    return fail(ErrorCode.APPROVAL_CHAIN_INVALID, `code ${definition.code} belongs to the catalog: start it by definitionCode`);
  }
  if (actor.role === Role.ADMIN) return PASS;
  const own = AUTHORITY_RANK[actor.role];
  for (const level of definition.levels) {
    const targets: ApproverRole[] = [level.approvers.role];
    const to = level.escalation?.to;
    if (to !== undefined && to !== 'NEXT_LEVEL') targets.push(to);
    const above = targets.find((r) => AUTHORITY_RANK[r] > own);
    if (above !== undefined) {
      return fail(
        ErrorCode.CHAIN_START_FORBIDDEN,
        `level ${level.code} goes to ${above}, above the starter's role ${actor.role}`,
      );
    }
  }
  return PASS;
}
