import { Global, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  canReadChain,
  canReadCycle,
  canReadScoreSheet,
  canReadUnit,
  readScopeOf,
  type ChainRef,
  type CycleRef,
  type ReadScope,
  type UnitRecord,
  type UnitRef,
} from '../../domain/read-scope';
import type { Actor } from '../../shared/actors';
import type { ChainState } from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from './domain.exception';

export interface ScopedCycle extends CycleRef {
  id: string;
}

/** The refusals of out-of-scope reads: word for word those of a missing resource, so that existence does not leak. */
export const notFound = {
  cycle: (cycleId: string) => new DomainException(ErrorCode.CYCLE_NOT_FOUND, `no cycle ${cycleId}`),
  unitInCycle: (cycleId: string, unitCode: string) =>
    new DomainException(ErrorCode.UNIT_NOT_FOUND, `${unitCode} is not in ${cycleId}`),
  unit: (unitCode: string) => new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${unitCode}`),
  chain: (chainId: string) => new DomainException(ErrorCode.APPROVAL_CHAIN_NOT_FOUND, `no approval chain ${chainId}`),
  province: (provinceCode: string) => new DomainException(ErrorCode.PROVINCE_NOT_FOUND, `no province ${provinceCode}`),
  user: (userId: string) => new DomainException(ErrorCode.USER_NOT_FOUND, `no user ${userId}`),
};

const CYCLE_REF_SQL = `SELECT c.id, c.province_code, c.bloc_code, c.phase, c.leader_unit_code, c.deputy_unit_code,
         coalesce((SELECT array_agg(cu.unit_code ORDER BY cu.unit_code) FROM cycle_units cu WHERE cu.cycle_id = c.id), '{}') AS members
  FROM cycles c`;

interface CycleRow {
  id: string;
  province_code: string;
  bloc_code: string;
  phase: string;
  leader_unit_code: string | null;
  deputy_unit_code: string | null;
  members: string[];
}

const toCycleRef = (r: CycleRow): ScopedCycle => ({
  id: r.id,
  provinceCode: r.province_code,
  blocCode: r.bloc_code,
  phase: r.phase,
  memberUnits: r.members,
  ...(r.leader_unit_code ? { leaderUnit: r.leader_unit_code } : {}),
  ...(r.deputy_unit_code ? { deputyUnit: r.deputy_unit_code } : {}),
});

/** The people and units an approval chain concerns, from its state (see canReadChain). */
export function chainRefOf(state: ChainState): ChainRef {
  const people = new Set<string>([state.submittedBy.userId]);
  for (const level of state.levels) {
    for (const a of level.assignments) {
      people.add(a.userId);
      if (a.actingFor) people.add(a.actingFor.userId);
    }
  }
  for (const event of state.log) {
    if (event.actor) people.add(event.actor.userId);
    if (event.actingFor) people.add(event.actingFor.userId);
  }
  const units = new Set<string>();
  if (state.subject.unitCode) units.add(state.subject.unitCode);
  for (const item of Object.values(state.items)) if (item.subjectUnitCode) units.add(item.subjectUnitCode);
  return {
    provinceCode: state.subject.provinceCode,
    ...(state.subject.blocCode ? { blocCode: state.subject.blocCode } : {}),
    subjectUnits: [...units],
    participants: [...people],
    ...(state.submittedBy.unitCode ? { submitterUnit: state.submittedBy.unitCode } : {}),
  };
}

/**
 * Loads what the read-scope decision (domain/read-scope.ts) needs and answers out-of-scope reads as missing. Lists ask
 * it for the cycles a reader may see and filter on them, so that counts and pages reflect the filter.
 */
@Injectable()
export class ReadScopeService {
  constructor(private readonly dataSource: DataSource) {}

  scopeOf(actor: Actor): ReadScope {
    return readScopeOf(actor);
  }

  async cycleRef(cycleId: string): Promise<ScopedCycle | undefined> {
    const rows: CycleRow[] = await this.dataSource.query(`${CYCLE_REF_SQL} WHERE c.id = $1`, [cycleId]);
    return rows[0] ? toCycleRef(rows[0]) : undefined;
  }

  /** The cycle if the reader may see it; otherwise CYCLE_NOT_FOUND, as for a cycle that does not exist. */
  async requireCycle(actor: Actor, cycleId: string): Promise<ScopedCycle> {
    const cycle = await this.cycleRef(cycleId);
    if (!cycle || !canReadCycle(readScopeOf(actor), cycle)) throw notFound.cycle(cycleId);
    return cycle;
  }

  /**
   * The ids of the cycles the reader may see, or `undefined` when every cycle is visible (system-wide readers). A
   * province reader's are those of the province; a unit's people's, those the decision admits among their province's.
   */
  async visibleCycleIds(actor: Actor): Promise<string[] | undefined> {
    const scope = readScopeOf(actor);
    if (scope.kind === 'SYSTEM') return undefined;
    if (scope.kind === 'NONE') return [];
    const rows: CycleRow[] =
      scope.provinceCode === undefined
        ? await this.dataSource.query(CYCLE_REF_SQL)
        : await this.dataSource.query(`${CYCLE_REF_SQL} WHERE c.province_code = $1`, [scope.provinceCode]);
    return rows.map(toCycleRef).flatMap((c) => (canReadCycle(scope, c) ? [c.id] : []));
  }

  /** A unit's score sheet in a cycle: missing unless the reader may see it (see canReadScoreSheet). */
  async requireScoreSheet(actor: Actor, cycleId: string, unitCode: string): Promise<ScopedCycle> {
    const scope = readScopeOf(actor);
    const cycle = await this.requireCycle(actor, cycleId);
    if (!cycle.memberUnits.includes(unitCode)) throw notFound.unitInCycle(cycleId, unitCode);
    const readerUnit = scope.kind === 'UNIT' ? scope.unitCode : undefined;
    const rows: { cross: { scorer: string; scored: string }[] | null; status: string | null }[] = await this.dataSource.query(
      `SELECT c.state -> 'launch' -> 'crossScoring' AS cross,
              (SELECT cu.assessment_status FROM cycle_units cu WHERE cu.cycle_id = c.id AND cu.unit_code = $2) AS status
       FROM cycles c WHERE c.id = $1`,
      [cycleId, readerUnit ?? null],
    );
    const crossScorers = (Array.isArray(rows[0]?.cross) ? rows[0].cross : [])
      .filter((p) => p.scored === unitCode)
      .map((p) => p.scorer);
    const sheet = { cycle, unitCode, crossScorers, readerUnitStatus: rows[0]?.status ?? null };
    if (!canReadScoreSheet(scope, sheet)) throw notFound.unitInCycle(cycleId, unitCode);
    return cycle;
  }

  async unitRef(unitCode: string): Promise<UnitRef | undefined> {
    const rows: { code: string; province_code: string; blocs: string[] }[] = await this.dataSource.query(
      `SELECT u.code, u.province_code,
              coalesce((SELECT array_agg(DISTINCT c.bloc_code) FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id
                        WHERE cu.unit_code = u.code AND c.province_code = u.province_code), '{}') AS blocs
       FROM units u WHERE u.code = $1`,
      [unitCode],
    );
    const row = rows[0];
    return row ? { code: row.code, provinceCode: row.province_code, blocs: row.blocs } : undefined;
  }

  /** A unit's record (awards, eligibility, conditions): UNIT_NOT_FOUND unless the reader may see it. */
  async requireUnit(actor: Actor, unitCode: string, record: UnitRecord): Promise<UnitRef> {
    const unit = await this.unitRef(unitCode);
    if (!unit || !canReadUnit(readScopeOf(actor), unit, record)) throw notFound.unit(unitCode);
    return unit;
  }

  canReadChain(actor: Actor, state: ChainState): boolean {
    return canReadChain(readScopeOf(actor), chainRefOf(state));
  }

  /**
   * The blocs a unit belongs to: its current memberships (bloc_memberships) and the blocs of the cycles it is a member
   * of. The one place that reads memberships for scoping (dated: those in force at some point of the current year).
   */
  async blocsOfUnit(unitCode: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT b.id FROM bloc_memberships m JOIN blocs b ON b.id = m.bloc_id
       WHERE m.unit_code = $1
         AND (m.valid_to IS NULL OR m.valid_to > date_trunc('year', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
       UNION
       SELECT c.bloc_id AS id FROM cycle_units cu JOIN cycles c ON c.id = cu.cycle_id WHERE cu.unit_code = $1`,
      [unitCode],
    );
    return rows.map((r) => r.id);
  }
}

@Global()
@Module({ providers: [ReadScopeService], exports: [ReadScopeService] })
export class ReadScopeModule {}
