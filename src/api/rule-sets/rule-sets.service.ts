import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository, type EntityManager } from 'typeorm';
import { PROVINCE_CODE, RULE_SET_VERSION, validateRuleSet, type RuleSetProblem } from '../../domain/rule-set-validation';
import { appendAdministrativeAudit } from '../../db/audit-append';
import { ProvinceEntity, RuleSetEntity } from '../../entities';
import type { Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import type { RuleSet } from '../../shared/rules';
import { DomainException } from '../common/domain.exception';
import type { CreateRuleSetDto, RuleSetView, UpdateRuleSetDto } from './dto/rule-set.dto';

// PostgreSQL SQLSTATEs raised by the table's own guarantees when two writers race past the checks.
const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';
const CHECK_VIOLATION = '23514';

function invalid(problems: RuleSetProblem[]): DomainException {
  return new DomainException(ErrorCode.RULE_SET_INVALID, problems.map((p) => `${p.field}: ${p.message}`).join('; '));
}

export function toRuleSet(e: RuleSetEntity): RuleSet {
  return {
    provinceCode: e.provinceCode,
    version: e.version,
    legalBasis: e.legalBasis,
    validFrom: e.validFrom,
    validTo: e.validTo,
    rules: e.rules,
  };
}

function toView(e: RuleSetEntity): RuleSetView {
  return {
    ...toRuleSet(e),
    createdAt: e.createdAt.toISOString(),
    createdBy: e.createdBy,
    updatedAt: e.updatedAt.toISOString(),
    updatedBy: e.updatedBy,
  };
}

/** The law as data: a province's versioned rule sets, created and edited by admins. */
@Injectable()
export class RuleSetsService {
  constructor(
    @InjectRepository(RuleSetEntity) private readonly ruleSets: Repository<RuleSetEntity>,
    private readonly dataSource: DataSource,
  ) {}

  /** Every rule set of the province, earliest first; empty for an unknown province. */
  async ruleSetsFor(provinceCode: string): Promise<RuleSet[]> {
    const rows = await this.ruleSets.find({ where: { provinceCode }, order: { validFrom: 'ASC' } });
    return rows.map(toRuleSet);
  }

  async list(provinceCode: string): Promise<RuleSetView[]> {
    await this.requireProvince(this.dataSource.manager, provinceCode);
    const rows = await this.ruleSets.find({ where: { provinceCode }, order: { validFrom: 'ASC' } });
    return rows.map(toView);
  }

  async get(provinceCode: string, version: string): Promise<RuleSetView> {
    await this.requireProvince(this.dataSource.manager, provinceCode);
    return toView(await this.requireRuleSet(this.dataSource.manager, provinceCode, version));
  }

  async create(provinceCode: string, body: CreateRuleSetDto, actor: Actor): Promise<RuleSetView> {
    return this.write(async (m) => {
      await this.requireProvince(m, provinceCode, { lock: true });
      this.refuseOtherProvince(provinceCode, body.provinceCode);
      const version = body.version;
      if (typeof version === 'string' && (await m.exists(RuleSetEntity, { where: { provinceCode, version } }))) {
        throw new DomainException(ErrorCode.RULE_SET_EXISTS, `province ${provinceCode} already has rule set ${version}`);
      }
      const set = await this.validated(m, { ...body, provinceCode });
      const entity = m.create(RuleSetEntity, { ...set, createdBy: actor.userId, updatedBy: actor.userId });
      const saved = toView(await m.save(entity));
      await auditRuleSet(
        m,
        actor,
        'RULE_SET_CREATED',
        `Thêm bộ quy tắc thi đua ${saved.version} của tỉnh ${provinceCode}`,
        saved,
      );
      return saved;
    });
  }

  /** Edits a set in place; its version is what decisions record, so it cannot change. */
  async update(provinceCode: string, version: string, body: UpdateRuleSetDto, actor: Actor): Promise<RuleSetView> {
    return this.write(async (m) => {
      await this.requireProvince(m, provinceCode, { lock: true });
      const entity = await this.requireRuleSet(m, provinceCode, version);
      this.refuseOtherProvince(provinceCode, body.provinceCode);
      if (body.version !== undefined && body.version !== version) {
        throw invalid([{ field: 'version', message: `cannot change (is ${version}); create a new rule set instead` }]);
      }
      const set = await this.validated(m, { ...body, provinceCode, version });
      m.merge(RuleSetEntity, entity, {
        legalBasis: set.legalBasis,
        validFrom: set.validFrom,
        validTo: set.validTo,
        rules: set.rules,
        updatedBy: actor.userId,
      });
      const saved = toView(await m.save(entity));
      await auditRuleSet(m, actor, 'RULE_SET_UPDATED', `Sửa bộ quy tắc thi đua ${version} của tỉnh ${provinceCode}`, saved);
      return saved;
    });
  }

  private async validated(m: EntityManager, candidate: Record<string, unknown>): Promise<RuleSet> {
    const provinceCode = candidate.provinceCode as string;
    const existing = (await m.find(RuleSetEntity, { where: { provinceCode } })).map(toRuleSet);
    const result = validateRuleSet(candidate, existing);
    if (!result.ok) throw invalid(result.problems);
    return result.value;
  }

  private refuseOtherProvince(provinceCode: string, given: unknown): void {
    if (given !== undefined && given !== provinceCode) {
      throw invalid([{ field: 'provinceCode', message: `must equal the province in the path, ${provinceCode}` }]);
    }
  }

  /**
   * One transaction per write, holding the province row: writes to one province's sets run one after another,
   * so the overlap check sees every committed set. The table's constraints still answer for anything else.
   */
  private async write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (err) {
      if (!(err instanceof QueryFailedError)) throw err;
      const code = (err.driverError as { code?: string } | undefined)?.code;
      if (code === UNIQUE_VIOLATION)
        throw new DomainException(ErrorCode.RULE_SET_EXISTS, 'the province already has this version');
      if (code === EXCLUSION_VIOLATION) {
        throw invalid([{ field: 'validFrom', message: 'the interval overlaps another rule set of the province' }]);
      }
      if (code === CHECK_VIOLATION) throw invalid([{ field: 'validTo', message: 'must not be before validFrom' }]);
      throw err;
    }
  }

  private async requireProvince(m: EntityManager, provinceCode: string, options: { lock?: boolean } = {}): Promise<void> {
    const found =
      PROVINCE_CODE.test(provinceCode) &&
      (await m.findOne(ProvinceEntity, {
        where: { code: provinceCode },
        ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      }));
    if (!found) throw new DomainException(ErrorCode.PROVINCE_NOT_FOUND, `no province ${provinceCode}`);
  }

  private async requireRuleSet(m: EntityManager, provinceCode: string, version: string): Promise<RuleSetEntity> {
    const found = RULE_SET_VERSION.test(version) && (await m.findOne(RuleSetEntity, { where: { provinceCode, version } }));
    if (!found) throw new DomainException(ErrorCode.RULE_SET_NOT_FOUND, `province ${provinceCode} has no rule set ${version}`);
    return found;
  }
}

/** The audit entry of a rule-set write, carrying the whole set as written (what later decisions will apply). */
function auditRuleSet(m: EntityManager, actor: Actor, type: string, summaryVi: string, set: RuleSetView): Promise<void> {
  return appendAdministrativeAudit(m, actor, {
    eventId: `rule-set:${randomUUID()}`,
    type,
    summaryVi: `${summaryVi} (hiệu lực ${set.validFrom} – ${set.validTo ?? 'không thời hạn'})`,
    data: {
      provinceCode: set.provinceCode,
      version: set.version,
      validFrom: set.validFrom,
      validTo: set.validTo,
      rules: set.rules,
    },
  });
}
