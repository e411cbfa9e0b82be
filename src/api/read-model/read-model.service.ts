import { Injectable } from '@nestjs/common';
import { pageOf } from '../common/page.dto';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, type FindOptionsWhere } from 'typeorm';
import {
  AssessmentScoreEntity,
  AwardHistoryEntity,
  BlocEntity,
  BlocLeadershipEntity,
  CycleEntity,
  CycleEventEntity,
  CycleUnitEntity,
  ProvinceEntity,
  RuleSetEntity,
  UnitEntity,
} from '../../entities';
import { readScopeOf, seesAllScoresOf, timelineUnitOf } from '../../domain/read-scope';
import { totalScore } from '../../domain/scores';
import type { Actor } from '../../shared/actors';
import type { CriterionScore, ScorePhase } from '../../shared/cycle-types';
import type { CycleState } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { eventLabelVi } from '../../shared/event-labels';
import { DomainException } from '../common/domain.exception';
import { ReadScopeService } from '../common/read-scope.service';
import { CycleChangeFeed } from '../../db/cycle-changes';
import { resolveUnitLineage } from '../organisation/organisation.service';
import { toIso, toUnitProgress } from './mappers';
import { NominationsService } from '../reports/nominations.service';
import type { CycleFilterDto, LateUnitsFilterDto } from './read-model.dto';

/** Defined keys only: TypeORM 1.x refuses `undefined` in a where clause. */
function where<T>(filter: Record<string, unknown>): FindOptionsWhere<T> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as FindOptionsWhere<T>;
}

/** Reads answered from the PostgreSQL read model, never by querying every workflow. */
@Injectable()
export class ReadModelService {
  constructor(
    @InjectRepository(CycleEntity) private readonly cycles: Repository<CycleEntity>,
    @InjectRepository(CycleUnitEntity) private readonly cycleUnits: Repository<CycleUnitEntity>,
    @InjectRepository(CycleEventEntity) private readonly events: Repository<CycleEventEntity>,
    @InjectRepository(AwardHistoryEntity) private readonly awards: Repository<AwardHistoryEntity>,
    @InjectRepository(AssessmentScoreEntity) private readonly scores: Repository<AssessmentScoreEntity>,
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(BlocEntity) private readonly blocs: Repository<BlocEntity>,
    @InjectRepository(BlocLeadershipEntity) private readonly leaderships: Repository<BlocLeadershipEntity>,
    private readonly scope: ReadScopeService,
    private readonly nominationList: NominationsService,
    private readonly changes: CycleChangeFeed,
  ) {}

  /** The cycles the reader may see (see domain/read-scope.ts), filtered before paging. */
  async listCycles(actor: Actor, { limit, offset, ...filter }: CycleFilterDto) {
    const page = pageOf({ limit, offset });
    const visible = await this.scope.visibleCycleIds(actor);
    if (visible?.length === 0) return [];
    const rows = await this.cycles.find({
      where: where<CycleEntity>({ ...filter, id: visible && In(visible) }),
      order: { year: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    const provinceNames = await this.provinceNames(rows.map((c) => c.provinceCode));
    return rows.map((c) => ({
      cycleId: c.id,
      provinceCode: c.provinceCode,
      provinceName: provinceNames.get(c.provinceCode) ?? c.provinceCode,
      blocCode: c.blocCode,
      blocName: c.state.blocName,
      year: c.year,
      phase: c.phase,
      status: c.status,
      mode: c.mode,
      leaderUnit: c.leaderUnitCode,
      deputyUnit: c.deputyUnitCode,
      rulesVersion: c.rulesVersion,
      updatedAt: c.updatedAt.toISOString(),
    }));
  }

  /**
   * The cycle as the actor may see it. With `wait`, the answer waits (at most its seconds) until the cycle's change mark
   * passes `after`: a client that follows a cycle asks once per change instead of polling.
   */
  async getCycle(actor: Actor, cycleId: string, wait?: { after: number; seconds: number }) {
    const ref = await this.scope.requireCycle(actor, cycleId);
    if (wait && wait.seconds > 0) await this.changeAfter(cycleId, wait.after, wait.seconds * 1000);
    const cycle = await this.requireCycle(cycleId);
    const units = await this.cycleUnits.find({ where: { cycleId }, order: { unitCode: 'ASC' } });
    const scope = readScopeOf(actor);
    // Before the conference a unit's people see only their own unit's scores (no competitor's sheet or total).
    const own = scope.kind === 'UNIT' ? scope.unitCode : undefined;
    const allScores = seesAllScoresOf(scope, ref);
    const assessments = allScores
      ? cycle.state.assessments
      : Object.fromEntries(
          Object.entries(cycle.state.assessments ?? {}).map(([unit, a]) =>
            unit === own ? [unit, a] : [unit, { status: a.status, rounds: a.rounds }],
          ),
        );
    const provinceNames = await this.provinceNames([cycle.provinceCode]);
    const ruleSet = await this.cycles.manager.findOne(RuleSetEntity, {
      where: { provinceCode: cycle.provinceCode, version: cycle.rulesVersion },
    });
    return {
      ...cycle.state,
      assessments,
      // Names beside the codes, for pages that show them to people.
      provinceName: provinceNames.get(cycle.provinceCode) ?? cycle.provinceCode,
      rulesLegalBasis: ruleSet?.legalBasis ?? [],
      status: cycle.status,
      mode: cycle.mode,
      changeMark: changeMarkOf(cycle.version, units),
      unitProgress: units.map(toUnitProgress).map((u) => (allScores || u.unitCode === own ? u : { ...u, verifiedTotal: null })),
    };
  }

  /** Returns once the cycle's change mark (changeMarkOf, in SQL) is above `after` or the cycle is gone, or after `ms`. */
  private async changeAfter(cycleId: string, after: number, ms: number): Promise<void> {
    await this.changes.until(cycleId, ms, async () => {
      const rows: { mark: number }[] = await this.cycles.query(
        `SELECT c.version + coalesce((SELECT sum(u.assessment_version) FROM cycle_units u WHERE u.cycle_id = c.id), 0)::int AS mark
         FROM cycles c WHERE c.id = $1`,
        [cycleId],
      );
      return !rows[0] || rows[0].mark > after ? true : undefined;
    });
  }

  private async provinceNames(codes: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const rows = await this.cycles.manager.find(ProvinceEntity, { where: unique.map((code) => ({ code })) });
    return new Map(rows.map((p) => [p.code, p.name]));
  }

  async lateUnits(actor: Actor, cycleId: string, filter: LateUnitsFilterDto) {
    await this.scope.requireCycle(actor, cycleId);
    const rows = await this.cycleUnits.find({ where: { cycleId }, order: { unitCode: 'ASC' } });
    const late = rows.flatMap((u) => [
      ...(u.pledgeLate && filter.phase !== 'SELF_ASSESSMENT'
        ? [{ unitCode: u.unitCode, unitName: u.unitName, phase: 'PLEDGE' }]
        : []),
      ...(u.assessmentLate && filter.phase !== 'PLEDGE'
        ? [{ unitCode: u.unitCode, unitName: u.unitName, phase: 'SELF_ASSESSMENT' }]
        : []),
    ]);
    return late;
  }

  /** The cycle's timeline; with `unitCode`, only what that unit did or what concerns it (a nominee's own history). */
  async timeline(actor: Actor, cycleId: string, temporalUi?: { url?: string; namespace: string }, unitCode?: string) {
    const ref = await this.scope.requireCycle(actor, cycleId);
    const cycle = await this.requireCycle(cycleId);
    const all = await this.events.find({ where: { cycleId }, order: { occurredAt: 'ASC', id: 'ASC' } });
    const concerns = (unit: string) => (e: CycleEventEntity) =>
      e.actorUnitCode === unit ||
      JSON.stringify(e.data ?? {}).match(new RegExp(`(^|[^A-Za-z0-9_-])${unit}($|[^A-Za-z0-9_-])`)) !== null;
    // A unit's people see what concerns their own unit; asked for another unit's, they get nothing.
    const confined = timelineUnitOf(readScopeOf(actor), ref);
    const unit = confined ?? unitCode;
    const otherUnit = confined !== null && unitCode !== undefined && unitCode !== confined;
    const events = otherUnit ? [] : unit ? all.filter(concerns(unit)) : all;
    return {
      cycleId,
      blocName: cycle.state.blocName,
      year: cycle.year,
      temporalUi: temporalUi?.url
        ? `${temporalUi.url}/namespaces/${encodeURIComponent(temporalUi.namespace)}/workflows/${encodeURIComponent(cycleId)}`
        : undefined,
      events: events.map((e) => ({
        at: e.occurredAt.toISOString(),
        phase: e.phase,
        type: e.type,
        label: eventLabelVi(e.type),
        actor: e.actorUserId ? { userId: e.actorUserId, role: e.actorRole, unitCode: e.actorUnitCode } : null,
        summary: e.summaryVi,
        // RECORD cycles: the day the step happened on paper (`at` is when it was entered).
        occurredOn: typeof e.data?.occurredOn === 'string' ? e.data.occurredOn : null,
        data: e.data,
      })),
    };
  }

  /**
   * Every round of a unit's assessment with one sheet per phase (SELF, LEADER_REVIEW, COUNCIL_ADJUST) and one per cross-scorer, each with its
   * total on the cycle's score sheet; `selfTotal` and `verifiedTotal` are those of the latest round.
   */
  async assessmentScores(actor: Actor, cycleId: string, unitCode: string) {
    await this.scope.requireScoreSheet(actor, cycleId, unitCode);
    const cycle = await this.requireCycle(cycleId);
    const progress = await this.cycleUnits.findOne({ where: { cycleId, unitCode } });
    if (!progress) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `${unitCode} is not in ${cycleId}`);
    const rows = await this.scores.find({ where: { cycleId, unitCode }, order: { round: 'ASC', criterionCode: 'ASC' } });
    const launch = cycle.state.launch;
    const total = (scores: CriterionScore[]) => totalScore(launch?.criteria ?? [], launch?.criteriaGroups, scores);
    type Sheet = { scoredBy: string; scoredAt: string; total: number; scores: CriterionScore[] };
    type CrossSheet = Sheet & { scorerUnit: string };
    type Round = { phases: Partial<Record<Exclude<ScorePhase, 'CROSS'>, Sheet>>; cross: Map<string, CrossSheet> };
    const rounds = new Map<number, Round>();
    for (const r of rows) {
      const round = rounds.get(r.round) ?? { phases: {}, cross: new Map<string, CrossSheet>() };
      rounds.set(r.round, round);
      const fresh = { scoredBy: r.submittedBy, scoredAt: r.submittedAt.toISOString(), total: 0, scores: [] };
      const phase = r.scorePhase as ScorePhase;
      let sheet: Sheet;
      if (phase === 'CROSS') {
        sheet = round.cross.get(r.scorerUnit) ?? { ...fresh, scorerUnit: r.scorerUnit };
        round.cross.set(r.scorerUnit, sheet as CrossSheet);
      } else {
        sheet = round.phases[phase] ?? fresh;
        round.phases[phase] = sheet;
      }
      sheet.scores.push({
        criterionCode: r.criterionCode,
        points: Number(r.points),
        evidenceRefs: r.evidenceRefs,
        ...(r.reason ? { reason: r.reason } : {}),
      });
    }
    const answer = [...rounds.entries()].map(([round, { phases, cross }]) => {
      const crossSheets = [...cross.values()].sort((a, b) => a.scorerUnit.localeCompare(b.scorerUnit));
      for (const sheet of [...Object.values(phases), ...crossSheets]) sheet.total = total(sheet.scores);
      return {
        round,
        selfTotal: phases.SELF?.total ?? null,
        verifiedTotal: phases.LEADER_REVIEW?.total ?? null,
        councilTotal: phases.COUNCIL_ADJUST?.total ?? null,
        phases,
        /** One sheet per unit that cross-scored this round (chấm chéo), by scorer. */
        cross: crossSheets,
      };
    });
    const latest = answer[answer.length - 1];
    return {
      cycleId,
      unitCode,
      status: progress.assessmentStatus,
      late: progress.assessmentLate,
      selfTotal: latest?.selfTotal ?? null,
      verifiedTotal: progress.verifiedTotal === null ? null : Number(progress.verifiedTotal),
      rounds: answer,
    };
  }

  /** The cycle as it stood at `at`: the last recorded version at or before that instant. */
  async cycleAsOf(actor: Actor, cycleId: string, at: string) {
    await this.scope.requireCycle(actor, cycleId);
    const rows: { version: number; occurred_at: Date; state: CycleState }[] = await this.cycles.manager.query(
      `SELECT version, occurred_at, state FROM cycle_snapshots WHERE cycle_id = $1 AND occurred_at <= $2 ORDER BY version DESC LIMIT 1`,
      [cycleId, at],
    );
    const row = rows[0];
    if (!row) throw new DomainException(ErrorCode.CYCLE_NOT_FOUND, `cycle ${cycleId} had not started at ${at}`);
    return { cycleId, asOf: at, version: row.version, recordedAt: row.occurred_at.toISOString(), state: row.state };
  }

  /**
   * A unit's own nominations, rejected ones with their reasons: its own people and the province's readers only (not the
   * bloc's Trưởng/Phó khối: the reasons are the unit's own business).
   */
  async unitNominations(actor: Actor, unitCode: string) {
    await this.scope.requireUnit(actor, unitCode, 'NOMINATIONS');
    const unit = await this.units.findOne({ where: { code: unitCode } });
    if (!unit) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${unitCode}`);
    return { unitCode, unitName: unit.name, nominations: await this.nominationList.all(actor, { unitCode }) };
  }

  /**
   * A unit's award history, following it through renames and mergers: an old code answers for the unit that succeeded it,
   * and the history includes every predecessor's awards, each under the code it was awarded to.
   */
  async unitAwards(actor: Actor, unitCode: string) {
    const lineage = await resolveUnitLineage(this.units.manager, unitCode);
    if (!lineage) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${unitCode}`);
    await this.scope.requireUnit(actor, lineage.current, 'AWARDS');
    const unit = await this.units.findOne({ where: { code: lineage.current } });
    if (!unit) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${unitCode}`);
    const rows = await this.awards.find({ where: { unitCode: In(lineage.codes) }, order: { year: 'DESC', award: 'ASC' } });
    return {
      unitCode: lineage.current,
      unitName: unit.name,
      awards: rows.map((a) => ({
        year: a.year,
        award: a.award,
        awardName: a.awardName,
        awardedTo: a.unitCode,
        decisionNumber: a.decisionNumber,
        decisionDate: a.decisionDate,
        cycleId: a.cycleId,
        rulesVersion: a.rulesVersion,
      })),
    };
  }

  /**
   * The blocs the reader may see: all (system-wide), the province's, or for a unit's people the blocs their unit belongs
   * to or leads.
   */
  async listBlocs(actor: Actor, provinceCode?: string) {
    const scope = readScopeOf(actor);
    if (scope.kind === 'NONE') return [];
    if (
      scope.kind !== 'SYSTEM' &&
      scope.provinceCode !== undefined &&
      provinceCode !== undefined &&
      provinceCode !== scope.provinceCode
    ) {
      return [];
    }
    const inProvince = scope.kind === 'SYSTEM' ? provinceCode : (scope.provinceCode ?? provinceCode);
    let blocs = await this.blocs.find({ where: where<BlocEntity>({ provinceCode: inProvince }), order: { code: 'ASC' } });
    if (scope.kind === 'UNIT') {
      const member = new Set(await this.scope.blocsOfUnit(scope.unitCode));
      blocs = blocs.filter((b) => member.has(b.id) || scope.leads.includes(b.code));
    }
    const leaderships = await this.leaderships.find({ order: { year: 'ASC' } });
    return blocs.map((b) => ({
      blocCode: b.code,
      provinceCode: b.provinceCode,
      name: b.name,
      leaderships: leaderships
        .filter((l) => l.blocId === b.id)
        .map((l) => ({
          year: l.year,
          leaderUnit: l.leaderUnitCode,
          deputyUnit: l.deputyUnitCode,
          source: l.source,
          handedOverAt: toIso(l.handedOverAt),
        })),
    }));
  }

  private async requireCycle(cycleId: string): Promise<CycleEntity> {
    const cycle = await this.cycles.findOne({ where: { id: cycleId } });
    if (!cycle) throw new DomainException(ErrorCode.CYCLE_NOT_FOUND, `no cycle ${cycleId}`);
    return cycle;
  }
}

/**
 * A number that grows with every change the cycle's view shows: its own version plus its units' sheet versions (each
 * only ever grows; `changeAfter` computes the same sum in SQL). A client waiting for a change passes the mark it has (GET /v1/cycles/:id?after=…&waitSeconds=…).
 */
function changeMarkOf(version: number, units: { assessmentVersion: number }[]): number {
  return units.reduce((sum, u) => sum + u.assessmentVersion, version);
}
