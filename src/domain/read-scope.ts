import { BlocCapacity, Role, UNIT_ROLES, type Actor } from '../shared/actors';

/**
 * Who may read what: the one decision every read route asks. A reader sees everything (a system-wide admin or
 * auditor), one province (the board, the council, the chairman, and an admin or auditor assigned to a province), or,
 * for a unit's people, what concerns their unit and the blocs it belongs to or leads. Out of scope is answered as
 * missing (404) by the routes, so that existence does not leak; lists filter.
 */
export type ReadScope =
  | { kind: 'SYSTEM' }
  | { kind: 'PROVINCE'; provinceCode: string }
  | {
      kind: 'UNIT';
      userId: string;
      provinceCode?: string;
      unitCode: string;
      head: boolean;
      /** Blocs whose Trưởng or Phó khối the reader's unit holds now (unit heads only). */
      leads: string[];
    }
  /** A role without the province or unit it should carry: reads nothing scoped. */
  | { kind: 'NONE' };

export type Reader = Pick<Actor, 'userId' | 'role' | 'unitCode' | 'provinceCode' | 'leads'>;

/** The scope of the role a request acts in (never widened by the person's other roles). */
export function readScopeOf(actor: Reader): ReadScope {
  if (UNIT_ROLES.includes(actor.role)) {
    if (!actor.unitCode) return { kind: 'NONE' };
    const head = actor.role === Role.UNIT_HEAD;
    const leads = head
      ? [
          ...new Set(
            (actor.leads ?? [])
              .filter((l) => l.capacity === BlocCapacity.LEADER || l.capacity === BlocCapacity.DEPUTY)
              .map((l) => l.blocCode),
          ),
        ]
      : [];
    return {
      kind: 'UNIT',
      userId: actor.userId,
      unitCode: actor.unitCode,
      head,
      leads,
      ...(actor.provinceCode ? { provinceCode: actor.provinceCode } : {}),
    };
  }
  if (actor.provinceCode) return { kind: 'PROVINCE', provinceCode: actor.provinceCode };
  if (actor.role === Role.ADMIN || actor.role === Role.AUDITOR) return { kind: 'SYSTEM' };
  return { kind: 'NONE' };
}

/** The province the reader is confined to, if any (undefined: every province). NONE reads no province. */
export function provinceOf(scope: ReadScope): string | undefined | null {
  if (scope.kind === 'SYSTEM') return undefined;
  if (scope.kind === 'NONE') return null;
  return scope.provinceCode ?? null;
}

/** Province-wide data (rule sets, the province's own lists): its people of any role. */
export function canReadProvince(scope: ReadScope, provinceCode: string): boolean {
  if (scope.kind === 'SYSTEM') return true;
  if (scope.kind === 'NONE') return false;
  return scope.provinceCode === provinceCode;
}

/** Whether the reader is a province-level reader of `provinceCode` (or system-wide): sees all of its data. */
export function readsWholeProvince(scope: ReadScope, provinceCode: string): boolean {
  return scope.kind === 'SYSTEM' || (scope.kind === 'PROVINCE' && scope.provinceCode === provinceCode);
}

export interface CycleRef {
  provinceCode: string;
  blocCode: string;
  /** The cycle's own member units (cycle_units): a cycle keeps the membership it started with. */
  memberUnits: readonly string[];
  leaderUnit?: string;
  deputyUnit?: string;
  phase: string;
}

/** The Trưởng or Phó khối of the cycle's bloc: the seat in office now, or the cycle's own seats (its reviewers). */
export function leadsCycle(scope: ReadScope, cycle: CycleRef): boolean {
  if (scope.kind !== 'UNIT' || !scope.head) return false;
  if (scope.provinceCode !== undefined && scope.provinceCode !== cycle.provinceCode) return false;
  return scope.leads.includes(cycle.blocCode) || scope.unitCode === cycle.leaderUnit || scope.unitCode === cycle.deputyUnit;
}

/** A cycle: the province's readers; a member unit's people; the bloc's Trưởng and Phó khối. */
export function canReadCycle(scope: ReadScope, cycle: CycleRef): boolean {
  if (readsWholeProvince(scope, cycle.provinceCode)) return true;
  if (scope.kind !== 'UNIT') return false;
  if (scope.provinceCode !== undefined && scope.provinceCode !== cycle.provinceCode) return false;
  return cycle.memberUnits.includes(scope.unitCode) || leadsCycle(scope, cycle);
}

/** Phases before the conference: scores are still being given, so no unit sees a competitor's sheet. */
const SCORING_PHASES = ['LAUNCH', 'PLEDGE', 'SELF_ASSESSMENT'];

/** Once the self-assessment has closed, the verified scores go to the conference for ranking: members may see them. */
export function scoresArePublic(cycle: Pick<CycleRef, 'phase'>): boolean {
  return !SCORING_PHASES.includes(cycle.phase);
}

/** Assessment states in which a unit has handed in its own sheet and can no longer change it without a return. */
const HANDED_IN = ['SUBMITTED', 'UNIT_APPROVED', 'IN_APPROVAL', 'ACCEPTED', 'REJECTED', 'CLOSED'];

/** Whether a unit has handed in its own sheet: only then is it given a competitor's sheet to cross-score. */
export function handedInOwnSheet(status: string | null | undefined): boolean {
  return HANDED_IN.includes(status ?? '');
}

export interface ScoreSheetRef {
  cycle: CycleRef;
  unitCode: string;
  /** Units assigned at launch to cross-score this unit. */
  crossScorers: readonly string[];
  /** The assessment status of the reader's own unit in this cycle (cycle_units), if it is a member. */
  readerUnitStatus?: string | null;
}

/**
 * A unit's score sheet: its own people; the province's readers; the bloc's Trưởng/Phó khối (they review it); the head
 * of a unit assigned to cross-score it, once that unit has handed in its own sheet; and, once the self-assessment has
 * closed and the conference ranks the verified totals, every member of the cycle. Before that no competitor sees it.
 */
export function canReadScoreSheet(scope: ReadScope, sheet: ScoreSheetRef): boolean {
  if (!canReadCycle(scope, sheet.cycle)) return false;
  if (scope.kind !== 'UNIT') return true;
  if (scope.unitCode === sheet.unitCode) return true;
  if (leadsCycle(scope, sheet.cycle)) return true;
  if (scoresArePublic(sheet.cycle)) return true;
  return scope.head && sheet.crossScorers.includes(scope.unitCode) && handedInOwnSheet(sheet.readerUnitStatus);
}

/**
 * Whether the reader sees every unit's scores in the cycle's own view (the summary of each accepted assessment and the
 * verified totals); a unit's people otherwise see only their own until the scores are public.
 */
export function seesAllScoresOf(scope: ReadScope, cycle: CycleRef): boolean {
  return scope.kind !== 'UNIT' || leadsCycle(scope, cycle) || scoresArePublic(cycle);
}

/**
 * The cycle's timeline: whole for the province's readers and the bloc's Trưởng/Phó khối; a member unit's people see
 * what their own unit did or what concerns it. Returns the unit the timeline is confined to, `null` for the whole.
 */
export function timelineUnitOf(scope: ReadScope, cycle: CycleRef): string | null {
  if (scope.kind !== 'UNIT' || leadsCycle(scope, cycle)) return null;
  return scope.unitCode;
}

export interface UnitRef {
  code: string;
  provinceCode: string;
  /** The blocs the unit is (or was) a member of, through the cycles of its province. */
  blocs: readonly string[];
}

/** NOMINATIONS: the unit's nominations with the reasons given against them (the unit's own business, as CONDITIONS). */
export type UnitRecord = 'AWARDS' | 'ELIGIBILITY' | 'CONDITIONS' | 'NOMINATIONS';

/**
 * A unit's own records: its people and the province's readers; its award history and eligibility also the Trưởng and
 * Phó khối of a bloc it belongs to (they prepare the dossier). Conditions name people under investigation: not them.
 */
export function canReadUnit(scope: ReadScope, unit: UnitRef, record: UnitRecord): boolean {
  if (readsWholeProvince(scope, unit.provinceCode)) return true;
  if (scope.kind !== 'UNIT') return false;
  if (scope.provinceCode !== undefined && scope.provinceCode !== unit.provinceCode) return false;
  if (scope.unitCode === unit.code) return true;
  return (record === 'AWARDS' || record === 'ELIGIBILITY') && scope.head && unit.blocs.some((b) => scope.leads.includes(b));
}

export interface ChainRef {
  provinceCode: string;
  blocCode?: string;
  /** The unit the chain is about, and the units of its items. */
  subjectUnits: readonly string[];
  /** Everyone who submitted, was assigned, or acted in it (user ids). */
  participants: readonly string[];
  submitterUnit?: string;
}

/**
 * An approval chain: the province's readers; a unit's people when the chain is about their unit, was submitted from
 * it, or they take part in it; the Trưởng/Phó khối of the chain's bloc.
 */
export function canReadChain(scope: ReadScope, chain: ChainRef): boolean {
  if (readsWholeProvince(scope, chain.provinceCode)) return true;
  if (scope.kind !== 'UNIT') return false;
  if (scope.provinceCode !== undefined && scope.provinceCode !== chain.provinceCode) return false;
  if (chain.participants.includes(scope.userId)) return true;
  if (chain.subjectUnits.includes(scope.unitCode) || chain.submitterUnit === scope.unitCode) return true;
  return scope.head && chain.blocCode !== undefined && scope.leads.includes(chain.blocCode);
}
