import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { checkProvince } from '../../domain/authorization';
import { checkEligibility, vietnamDate } from '../../domain/eligibility';
import { ruleSetAt } from '../../domain/rule-selection';
import { appendAdministrativeAudit } from '../../db/audit-append';
import { RuleSetEntity, UnitConditionEntity, UnitEntity, UnitRatingEntity } from '../../entities';
import type { Actor } from '../../shared/actors';
import {
  TASK_RATING_NAMES,
  UNIT_CONDITION_NAMES,
  type EligibilityResult,
  type UnitCondition,
  type UnitRating,
} from '../../shared/eligibility';
import { ErrorCode } from '../../shared/errors';
import type { AwardType, ProvinceRules } from '../../shared/rules';
import { DomainException } from '../common/domain.exception';
import type {
  RecordConditionDto,
  ResolveConditionDto,
  SetRatingDto,
  UnitConditionView,
  UnitRatingView,
} from './dto/eligibility.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A resolution date takes effect from the start of that day in Viet Nam. */
const startOfVietnamDay = (date: string) => new Date(`${date}T00:00:00+07:00`);

export const todayInVietnam = () => vietnamDate(new Date().toISOString());

function toCondition(e: UnitConditionEntity): UnitCondition {
  return {
    unitCode: e.unitCode,
    kind: e.kind,
    sourceAgency: e.sourceAgency,
    description: e.description,
    reference: e.reference,
    fromDate: e.fromDate,
    toDate: e.toDate,
    resolvedAt: e.resolvedAt ? e.resolvedAt.toISOString() : null,
  };
}

function toConditionView(e: UnitConditionEntity): UnitConditionView {
  const condition = toCondition(e);
  return {
    id: e.id,
    ...condition,
    resolvedOn: condition.resolvedAt ? vietnamDate(condition.resolvedAt) : null,
    resolvedBy: e.resolvedBy,
    resolutionNote: e.resolutionNote,
    recordedBy: e.recordedBy,
    createdAt: e.createdAt.toISOString(),
  };
}

function toRatingView(e: UnitRatingEntity): UnitRatingView {
  return {
    unitCode: e.unitCode,
    year: e.year,
    rating: e.rating,
    ratingName: TASK_RATING_NAMES[e.rating],
    basis: e.basis,
    recordedBy: e.recordedBy,
    updatedAt: e.updatedAt.toISOString(),
  };
}

/**
 * Conditions and ratings recorded against units, and the eligibility verdicts computed from them by the pure
 * rules in src/domain/eligibility.ts. `evaluate` is what a ballot records for its candidates.
 */
@Injectable()
export class EligibilityService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(RuleSetEntity) private readonly ruleSets: Repository<RuleSetEntity>,
    @InjectRepository(UnitConditionEntity) private readonly conditions: Repository<UnitConditionEntity>,
    @InjectRepository(UnitRatingEntity) private readonly ratings: Repository<UnitRatingEntity>,
  ) {}

  async recordCondition(actor: Actor, unitCode: string, dto: RecordConditionDto): Promise<UnitConditionView> {
    await this.requireUnitInScope(actor, unitCode);
    const toDate = dto.toDate ?? null;
    if (toDate !== null && toDate < dto.fromDate) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `toDate ${toDate} is before fromDate ${dto.fromDate}`);
    }
    const saved = await this.conditions.manager.transaction(async (m) => {
      const row = await m.save(
        m.create(UnitConditionEntity, {
          unitCode,
          kind: dto.kind,
          sourceAgency: dto.sourceAgency.trim(),
          description: dto.description.trim(),
          reference: dto.reference.trim(),
          fromDate: dto.fromDate,
          toDate,
          resolvedAt: null,
          resolvedBy: null,
          resolutionNote: null,
          recordedBy: actor.userId,
        }),
      );
      await appendAdministrativeAudit(m, actor, {
        eventId: `condition:${row.id}`,
        type: 'UNIT_CONDITION_RECORDED',
        summaryVi: `Ghi nhận ${UNIT_CONDITION_NAMES[dto.kind]} đối với đơn vị ${unitCode} từ ${dto.fromDate} (${dto.sourceAgency.trim()}, ${dto.reference.trim()})`,
        data: { conditionId: row.id, unitCode, kind: dto.kind, fromDate: dto.fromDate, toDate, reference: dto.reference.trim() },
      });
      return row;
    });
    return toConditionView(await this.conditions.findOneByOrFail({ id: saved.id }));
  }

  async listConditions(unitCode: string): Promise<UnitConditionView[]> {
    await this.requireUnits([unitCode]);
    const rows = await this.conditions.find({ where: { unitCode }, order: { fromDate: 'DESC', createdAt: 'DESC' } });
    return rows.map(toConditionView);
  }

  async resolveCondition(actor: Actor, unitCode: string, id: string, dto: ResolveConditionDto): Promise<UnitConditionView> {
    await this.requireUnitInScope(actor, unitCode);
    const notFound = () => new DomainException(ErrorCode.CONDITION_NOT_FOUND, `no condition ${id} recorded for unit ${unitCode}`);
    if (!UUID.test(id)) throw notFound();
    const existing = await this.conditions.findOne({ where: { id, unitCode } });
    if (!existing) throw notFound();
    if (dto.resolvedOn < existing.fromDate) {
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        `resolvedOn ${dto.resolvedOn} is before the condition's fromDate ${existing.fromDate}`,
      );
    }
    const today = todayInVietnam();
    if (dto.resolvedOn > today) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `resolvedOn ${dto.resolvedOn} is after today (${today})`);
    }
    // Guarded on resolved_at so that two concurrent resolutions cannot both be recorded.
    const result = await this.conditions.manager.transaction(async (m) => {
      const updated = await m.update(
        UnitConditionEntity,
        { id, unitCode, resolvedAt: IsNull() },
        { resolvedAt: startOfVietnamDay(dto.resolvedOn), resolvedBy: actor.userId, resolutionNote: dto.note.trim() },
      );
      if (updated.affected === 1) {
        await appendAdministrativeAudit(m, actor, {
          eventId: `condition-resolved:${id}`,
          type: 'UNIT_CONDITION_RESOLVED',
          summaryVi: `Kết thúc ${UNIT_CONDITION_NAMES[existing.kind]} đối với đơn vị ${unitCode} ngày ${dto.resolvedOn}: ${dto.note.trim()}`,
          data: { conditionId: id, unitCode, resolvedOn: dto.resolvedOn },
        });
      }
      return updated;
    });
    if (result.affected !== 1) {
      const current = await this.conditions.findOneByOrFail({ id });
      const on = current.resolvedAt ? vietnamDate(current.resolvedAt.toISOString()) : '?';
      throw new DomainException(ErrorCode.CONDITION_ALREADY_RESOLVED, `condition ${id} was resolved on ${on}`);
    }
    return toConditionView(await this.conditions.findOneByOrFail({ id }));
  }

  /** One rating per unit and year; recording it again corrects it. */
  async setRating(actor: Actor, unitCode: string, year: number, dto: SetRatingDto): Promise<UnitRatingView> {
    if (year < 2000 || year > 2100) throw new DomainException(ErrorCode.VALIDATION_FAILED, `year ${year} is outside 2000-2100`);
    await this.requireUnitInScope(actor, unitCode);
    await this.ratings.manager.transaction(async (m) => {
      await m.upsert(
        UnitRatingEntity,
        { unitCode, year, rating: dto.rating, basis: dto.basis.trim(), recordedBy: actor.userId },
        { conflictPaths: ['unitCode', 'year'] },
      );
      await appendAdministrativeAudit(m, actor, {
        eventId: `rating:${unitCode}:${year}:${randomUUID()}`,
        type: 'UNIT_RATING_SET',
        summaryVi: `Xếp loại năm ${year} của đơn vị ${unitCode}: ${TASK_RATING_NAMES[dto.rating]} (${dto.basis.trim()})`,
        data: { unitCode, year, rating: dto.rating },
      });
    });
    return toRatingView(await this.ratings.findOneByOrFail({ unitCode, year }));
  }

  async unitEligibility(unitCode: string, award: AwardType, year: number, asOf?: string): Promise<EligibilityResult> {
    const [result] = await this.evaluate([unitCode], [award], year, asOf ?? todayInVietnam());
    return result;
  }

  /**
   * Every unit against every award, in the order given. Whether a flag needs an HTXSNV rating comes from
   * the province's rule set in force on `asOf` unless the caller passes it (e.g. from a cycle's snapshot);
   * with neither, the Law's requirement applies.
   */
  async evaluate(
    unitCodes: string[],
    awards: AwardType[],
    year: number,
    asOf: string,
    options: { requireExcellentRatingForFlag?: boolean } = {},
  ): Promise<EligibilityResult[]> {
    if (asOf < `${year}-01-01`) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `asOf ${asOf} is before the assessed year ${year}`);
    }
    if (unitCodes.length === 0 || awards.length === 0) return [];
    const units = await this.requireUnits(unitCodes);
    const [conditions, ratings, inForce] = await Promise.all([
      this.conditions.find({ where: { unitCode: In(unitCodes), fromDate: LessThanOrEqual(asOf) } }),
      this.ratings.find({ where: { unitCode: In(unitCodes), year } }),
      this.eligibilityRulesByProvince([...new Set(units.map((u) => u.provinceCode))], asOf),
    ]);
    const conditionsInput = conditions.map(toCondition);
    const ratingsInput: UnitRating[] = ratings.map((r) => ({
      unitCode: r.unitCode,
      year: r.year,
      rating: r.rating,
      basis: r.basis,
    }));
    const provinceOf = new Map(units.map((u) => [u.code, u.provinceCode]));
    return unitCodes.flatMap((unitCode) =>
      awards.map((award) =>
        checkEligibility({
          unitCode,
          award,
          year,
          asOf,
          conditions: conditionsInput,
          ratings: ratingsInput,
          requireExcellentRatingForFlag:
            options.requireExcellentRatingForFlag ??
            inForce.get(provinceOf.get(unitCode) ?? '')?.flagRequiresExcellentRating ??
            true,
          clauses: inForce.get(provinceOf.get(unitCode) ?? '')?.clauses,
        }),
      ),
    );
  }

  /** Per province, the eligibility rules of the rule set in force on `asOf` (none when no set is in force then). */
  private async eligibilityRulesByProvince(
    provinceCodes: string[],
    asOf: string,
  ): Promise<Map<string, NonNullable<ProvinceRules['eligibility']>>> {
    const sets = await this.ruleSets.find({ where: { provinceCode: In(provinceCodes) } });
    const byProvince = new Map<string, NonNullable<ProvinceRules['eligibility']>>();
    for (const code of provinceCodes) {
      const eligibility = ruleSetAt(
        sets.filter((s) => s.provinceCode === code),
        asOf,
      )?.rules.eligibility;
      if (eligibility) byProvince.set(code, eligibility);
    }
    return byProvince;
  }

  /** A write about a unit comes from its own province's board (or an admin). */
  private async requireUnitInScope(actor: Actor, unitCode: string): Promise<void> {
    const [unit] = await this.requireUnits([unitCode]);
    const scope = checkProvince(actor, unit.provinceCode);
    if (!scope.ok) throw new DomainException(scope.code, scope.detail);
  }

  private async requireUnits(unitCodes: string[]): Promise<UnitEntity[]> {
    const codes = [...new Set(unitCodes)];
    const found = await this.units.find({ where: { code: In(codes) } });
    const missing = codes.filter((c) => !found.some((u) => u.code === c));
    if (missing.length > 0) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${missing.join(', ')}`);
    return found;
  }
}
