import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository, type EntityManager } from 'typeorm';
import { PROVINCE_CODE, RULE_SET_VERSION, validateRuleSet, type RuleSetProblem } from '../../domain/rule-set-validation';
import { appendAdministrativeAudit } from '../../db/audit-append';
import { canonicalJson } from '../../audit/audit-chain';
import { ProvinceEntity, RuleSetEntity, RuleSetRevisionEntity } from '../../entities';
import type { Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { decidingVersion, type RuleSet } from '../../shared/rules';
import { DomainException } from '../common/domain.exception';
import type { CreateRuleSetDto, RuleSetRevisionView, RuleSetView, UpdateRuleSetDto } from './dto/rule-set.dto';

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
    revision: e.revision,
  };
}

/** A rule set as the workflows apply it: decisions made under it record its deciding version (with the revision). */
export function toDecidingRuleSet(e: RuleSetEntity): RuleSet {
  const version = decidingVersion(e);
  return { ...toRuleSet(e), version, rules: { ...e.rules, rulesVersion: version } };
}

function toView(e: RuleSetEntity): RuleSetView {
  return {
    ...toRuleSet(e),
    revision: e.revision,
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

  /** Every rule set of the province as decisions apply them, earliest first; empty for an unknown province. */
  async ruleSetsFor(provinceCode: string): Promise<RuleSet[]> {
    const rows = await this.ruleSets.find({ where: { provinceCode }, order: { validFrom: 'ASC' } });
    return rows.map(toDecidingRuleSet);
  }

  /** Every revision of one rule set, first to current, each with the content decisions under it applied. */
  async revisions(provinceCode: string, version: string): Promise<RuleSetRevisionView[]> {
    await this.requireProvince(this.dataSource.manager, provinceCode);
    await this.requireRuleSet(this.dataSource.manager, provinceCode, version);
    const rows = await this.dataSource
      .getRepository(RuleSetRevisionEntity)
      .find({ where: { provinceCode, version }, order: { revision: 'ASC' } });
    return rows.map((r) => ({
      provinceCode: r.provinceCode,
      version: r.version,
      revision: r.revision,
      decidingVersion: decidingVersion(r),
      legalBasis: r.legalBasis,
      validFrom: r.validFrom,
      validTo: r.validTo,
      rules: r.rules,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdBy,
    }));
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
      const entity = m.create(RuleSetEntity, { ...set, revision: 1, createdBy: actor.userId, updatedBy: actor.userId });
      const stored = await m.save(entity);
      await saveRevision(m, stored, actor);
      const saved = toView(stored);
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

  /**
   * Edits a set in place; its version cannot change. A change of content makes a new revision (kept in
   * rule_set_revisions), so decisions taken before and after the edit record different deciding versions;
   * an edit that changes nothing makes none.
   */
  async update(provinceCode: string, version: string, body: UpdateRuleSetDto, actor: Actor): Promise<RuleSetView> {
    return this.write(async (m) => {
      await this.requireProvince(m, provinceCode, { lock: true });
      const entity = await this.requireRuleSet(m, provinceCode, version);
      this.refuseOtherProvince(provinceCode, body.provinceCode);
      if (body.version !== undefined && body.version !== version) {
        throw invalid([{ field: 'version', message: `cannot change (is ${version}); create a new rule set instead` }]);
      }
      const { revision: readRevision, ...edited } = body;
      if (readRevision !== undefined && readRevision !== entity.revision) {
        throw new DomainException(
          ErrorCode.RULE_SET_CHANGED,
          `the edit was made from revision ${readRevision}; ${version} is at revision ${entity.revision}`,
        );
      }
      const set = await this.validated(m, { ...edited, provinceCode, version });
      const content = (x: Pick<RuleSet, 'legalBasis' | 'validFrom' | 'validTo' | 'rules'>) =>
        canonicalJson({ legalBasis: x.legalBasis, validFrom: x.validFrom, validTo: x.validTo, rules: x.rules });
      if (content(set) === content(entity)) return toView(entity);
      m.merge(RuleSetEntity, entity, {
        legalBasis: set.legalBasis,
        validFrom: set.validFrom,
        validTo: set.validTo,
        rules: set.rules,
        revision: entity.revision + 1,
        updatedBy: actor.userId,
      });
      const stored = await m.save(entity);
      await saveRevision(m, stored, actor);
      const saved = toView(stored);
      await auditRuleSet(
        m,
        actor,
        'RULE_SET_UPDATED',
        `Sửa bộ quy tắc thi đua ${version} của tỉnh ${provinceCode}, lần sửa ${stored.revision}`,
        saved,
      );
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
      revision: set.revision,
      validFrom: set.validFrom,
      validTo: set.validTo,
      rules: set.rules,
    },
  });
}

function saveRevision(m: EntityManager, set: RuleSetEntity, actor: Actor): Promise<RuleSetRevisionEntity> {
  return m.save(
    m.create(RuleSetRevisionEntity, {
      provinceCode: set.provinceCode,
      version: set.version,
      revision: set.revision,
      legalBasis: set.legalBasis,
      validFrom: set.validFrom,
      validTo: set.validTo,
      rules: set.rules,
      createdBy: actor.userId,
    }),
  );
}
