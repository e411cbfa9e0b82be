import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { appendAdministrativeAudit } from '../../db/audit-append';
import {
  BLOC_KINDS,
  cycleMembershipDate,
  isCalendarDate,
  UNIT_KINDS,
  validateBloc,
  validateBlocEnd,
  validateEnd,
  validateLeadership,
  validateMembership,
  validateProvince,
  validateProvincePatch,
  validateSuccession,
  validateUnit,
  type BlocInput,
  type BlocPatch,
  type OrganisationProblem,
  type UnitInput,
  type UnitPatch,
  type Validated,
} from '../../domain/organisation';
import { BlocEntity, BlocLeadershipEntity, BlocMembershipEntity, ProvinceEntity, UnitEntity } from '../../entities';
import { Role, UNIT_ROLES, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import type { Page } from '../common/page.dto';
import type {
  OrgBlocView,
  OrgLeadershipView,
  OrgMembershipView,
  OrgPagedBlocs,
  OrgPagedMemberships,
  OrgPagedProvinces,
  OrgPagedUnits,
  OrgProvinceView,
  OrgUnitAwardView,
  OrgUnitView,
} from './organisation.views';

// PostgreSQL SQLSTATEs raised by the tables' own guarantees when two writers race past the checks.
const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export function invalid(problems: OrganisationProblem[]): DomainException {
  return new DomainException(ErrorCode.ORGANISATION_INVALID, problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    problems,
  });
}

function valid<T>(result: Validated<T>): T {
  if (!result.ok) throw invalid(result.problems);
  return result.value;
}

function problem(field: string, message: string, messageVi: string): DomainException {
  return invalid([{ field, message, messageVi }]);
}

/** Who may write a province's organisation: its admin or a system admin, and the head of its board. */
export function canWriteOrganisation(actor: Actor, provinceCode: string): boolean {
  if (actor.role === Role.ADMIN) return !actor.provinceCode || actor.provinceCode === provinceCode;
  return actor.role === Role.BOARD_HEAD && actor.provinceCode === provinceCode;
}

/** Who may read it: the province's own people; system-wide roles (no province) everything. */
export function canReadOrganisation(actor: Actor, provinceCode: string): boolean {
  return !actor.provinceCode || actor.provinceCode === provinceCode;
}

/**
 * A unit code as the history knows it: the unit in office now (following successors from an old code) and every
 * code whose history is its own (itself and its predecessors, transitively). Unknown codes give null.
 * For the read model: `/v1/units/:code/awards` can answer an old code with the current unit's whole history.
 */
export async function resolveUnitLineage(
  m: EntityManager,
  code: string,
): Promise<{ current: string; provinceCode: string; codes: string[] } | null> {
  if (!CODE.test(code)) return null;
  const forward: { code: string; province_code: string }[] = await m.query(
    `WITH RECURSIVE chain(code, successor_code, province_code, depth) AS (
       SELECT code, successor_code, province_code, 0 FROM units WHERE code = $1
       UNION ALL
       SELECT u.code, u.successor_code, u.province_code, c.depth + 1 FROM units u JOIN chain c ON u.code = c.successor_code
       WHERE c.depth < 50)
     SELECT code, province_code FROM chain ORDER BY depth DESC LIMIT 1`,
    [code],
  );
  const head = forward[0];
  if (!head) return null;
  const back: { code: string }[] = await m.query(
    `WITH RECURSIVE lineage(code, depth) AS (
       SELECT $1::varchar, 0
       UNION
       SELECT u.code, l.depth + 1 FROM units u JOIN lineage l ON u.successor_code = l.code WHERE l.depth < 50)
     SELECT DISTINCT code FROM lineage`,
    [head.code],
  );
  return { current: head.code, provinceCode: head.province_code, codes: back.map((r) => r.code).sort() };
}

interface UnitRow {
  code: string;
  province_code: string;
  name: string;
  short_name: string | null;
  kind: UnitInput['kind'];
  parent_code: string | null;
  head_count: number | null;
  women_ratio: string | null;
  valid_from: string;
  valid_to: string | null;
  successor_code: string | null;
  succeeded_on: string | null;
}

const UNIT_COLUMNS = `u.code, u.province_code, u.name, u.short_name, u.kind, u.parent_code, u.head_count, u.women_ratio,
  to_char(u.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(u.valid_to, 'YYYY-MM-DD') AS valid_to, u.successor_code,
  to_char(u.succeeded_on, 'YYYY-MM-DD') AS succeeded_on`;

interface MembershipRow {
  id: string;
  bloc_code: string;
  bloc_name: string;
  unit_code: string;
  unit_name: string;
  valid_from: string;
  valid_to: string | null;
}

const MEMBERSHIP_SELECT = `SELECT m.id, b.code AS bloc_code, b.name AS bloc_name, m.unit_code, u.name AS unit_name,
    to_char(m.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(m.valid_to, 'YYYY-MM-DD') AS valid_to
  FROM bloc_memberships m JOIN blocs b ON b.id = m.bloc_id JOIN units u ON u.code = m.unit_code`;

function membershipView(r: MembershipRow): OrgMembershipView {
  return {
    id: r.id,
    blocCode: r.bloc_code,
    blocName: r.bloc_name,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

function provinceView(p: ProvinceEntity): OrgProvinceView {
  return { code: p.code, name: p.name, validFrom: p.validFrom, validTo: p.validTo, successorCode: p.successorCode };
}

function blocView(b: BlocEntity): OrgBlocView {
  return {
    provinceCode: b.provinceCode,
    code: b.code,
    name: b.name,
    kind: b.kind,
    kindLabel: BLOC_KINDS[b.kind],
    fromYear: b.fromYear,
    toYear: b.toYear,
  };
}

function unitView(r: UnitRow): Omit<OrgUnitView, 'memberships' | 'predecessors' | 'awards'> {
  return {
    code: r.code,
    provinceCode: r.province_code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    kindLabel: UNIT_KINDS[r.kind],
    parentCode: r.parent_code,
    headCount: r.head_count,
    womenRatio: r.women_ratio === null ? null : Number(r.women_ratio),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successorCode: r.successor_code,
    succeededOn: r.succeeded_on,
  };
}

/** A query's day must exist (the pattern alone lets 2025-13-45 through). */
function validDay(on: string | undefined): void {
  if (on !== undefined && !isCalendarDate(on)) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, `on: ${String(on)} is not a calendar date (YYYY-MM-DD)`);
  }
}

/** `today` in Viet Nam, YYYY-MM-DD. */
function todayVn(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The organisation of a province as dated master data. Every write method takes the caller's EntityManager, so the
 * API (one request, one transaction) and the workbook import (many rows, one transaction) share the checks, the
 * audit entries and the refusals; `transaction` runs one with the table guarantees mapped to refusals.
 */
@Injectable()
export class OrganisationService {
  constructor(private readonly dataSource: DataSource) {}

  /** A read outside any transaction. */
  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return work(this.dataSource.manager);
  }

  /** One transaction; a race past the checks that the tables still refuse answers as the checks would. */
  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (err) {
      if (!(err instanceof QueryFailedError)) throw err;
      const driver = err.driverError as { code?: string; constraint?: string } | undefined;
      if (driver?.code === EXCLUSION_VIOLATION) {
        throw new DomainException(ErrorCode.UNIT_IN_TWO_BLOCS, 'the unit is in another bloc on one of these days');
      }
      if (driver?.code === UNIQUE_VIOLATION) {
        const constraint = driver.constraint ?? '';
        if (constraint === 'pk_provinces') throw new DomainException(ErrorCode.PROVINCE_EXISTS, 'the province code is taken');
        if (constraint === 'pk_units') throw new DomainException(ErrorCode.UNIT_EXISTS, 'the unit code is taken');
        if (constraint === 'uq_blocs_province_code') throw new DomainException(ErrorCode.BLOC_EXISTS, 'the bloc code is taken');
        if (constraint === 'uq_bloc_memberships')
          throw new DomainException(ErrorCode.UNIT_IN_TWO_BLOCS, 'the unit already joins this bloc on that day');
      }
      throw err;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Access.

  /** Refuses a write: another province answers like a missing one (404), a role that may not write 403. */
  assertCanWrite(actor: Actor, provinceCode: string): void {
    if (canWriteOrganisation(actor, provinceCode)) return;
    if ((actor.role === Role.ADMIN || actor.role === Role.BOARD_HEAD) && actor.provinceCode !== provinceCode) {
      throw new DomainException(ErrorCode.PROVINCE_NOT_FOUND, `no province ${provinceCode}`);
    }
    throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, `${actor.role} may not change the organisation of a province`);
  }

  private async province(m: EntityManager, actor: Actor, code: string, lock = false): Promise<ProvinceEntity> {
    const found =
      CODE.test(code) && canReadOrganisation(actor, code)
        ? await m.findOne(ProvinceEntity, { where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
        : null;
    if (!found) throw new DomainException(ErrorCode.PROVINCE_NOT_FOUND, `no province ${code}`);
    return found;
  }

  /** The province, for a write: locked, so one province's organisation changes one transaction at a time. */
  private async writable(m: EntityManager, actor: Actor, code: string): Promise<ProvinceEntity> {
    await this.province(m, actor, code);
    this.assertCanWrite(actor, code);
    return this.province(m, actor, code, true);
  }

  private async bloc(m: EntityManager, provinceCode: string, code: string): Promise<BlocEntity> {
    const found = CODE.test(code) ? await m.findOne(BlocEntity, { where: { provinceCode, code } }) : null;
    if (!found) throw new DomainException(ErrorCode.BLOC_NOT_FOUND, `no bloc ${code} in province ${provinceCode}`);
    return found;
  }

  private async unitRow(m: EntityManager, provinceCode: string, code: string): Promise<UnitRow> {
    const rows: UnitRow[] = CODE.test(code)
      ? await m.query(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.code = $1 AND u.province_code = $2`, [code, provinceCode])
      : [];
    if (!rows[0]) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${code} in province ${provinceCode}`);
    return rows[0];
  }

  private audit(m: EntityManager, actor: Actor, type: string, summaryVi: string, data: Record<string, unknown>) {
    return appendAdministrativeAudit(m, actor, { eventId: `organisation:${randomUUID()}`, type, summaryVi, data });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Provinces.

  async listProvinces(m: EntityManager, actor: Actor, query: { q?: string }, page: Page): Promise<OrgPagedProvinces> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (actor.provinceCode) {
      params.push(actor.provinceCode);
      where.push(`code = $${params.length}`);
    }
    if (query.q) {
      params.push(`%${query.q.normalize('NFC').trim().toLowerCase()}%`);
      where.push(`(lower(code) LIKE $${params.length} OR lower(name) LIKE $${params.length})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total: { n: string }[] = await m.query(`SELECT count(*) AS n FROM provinces ${clause}`, params);
    const rows: { code: string }[] = await m.query(
      `SELECT code FROM provinces ${clause} ORDER BY code LIMIT ${page.limit} OFFSET ${page.offset}`,
      params,
    );
    const entities = rows.length
      ? await m.find(ProvinceEntity, { where: rows.map((r) => ({ code: r.code })), order: { code: 'ASC' } })
      : [];
    return { items: entities.map(provinceView), total: Number(total[0].n), limit: page.limit, offset: page.offset };
  }

  async getProvince(m: EntityManager, actor: Actor, code: string): Promise<OrgProvinceView> {
    return provinceView(await this.province(m, actor, code));
  }

  /** A new province: system admins only (a province's own admin cannot make another). */
  async createProvince(m: EntityManager, actor: Actor, input: unknown): Promise<OrgProvinceView> {
    if (actor.role !== Role.ADMIN || actor.provinceCode) {
      throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, 'only a system admin (ADMIN without a province) creates provinces');
    }
    const value = valid(validateProvince(input));
    if (await m.exists(ProvinceEntity, { where: { code: value.code } })) {
      throw new DomainException(ErrorCode.PROVINCE_EXISTS, `province ${value.code} exists`);
    }
    const saved = await m.save(
      m.create(ProvinceEntity, { code: value.code, name: value.name, validFrom: value.validFrom ?? '2000-01-01' }),
    );
    const view = provinceView(await m.findOneByOrFail(ProvinceEntity, { code: saved.code }));
    await this.audit(m, actor, 'PROVINCE_CREATED', `Tạo tỉnh ${view.code} (${view.name})`, { province: view });
    return view;
  }

  async updateProvince(m: EntityManager, actor: Actor, code: string, input: unknown): Promise<OrgProvinceView> {
    const province = await this.writable(m, actor, code);
    const patch = valid(validateProvincePatch(input));
    const before = provinceView(province);
    if (patch.validFrom && province.validTo && patch.validFrom >= province.validTo) {
      throw problem(
        'validFrom',
        `must be before validTo (${province.validTo})`,
        `Ngày bắt đầu phải trước ngày kết thúc (${province.validTo}).`,
      );
    }
    m.merge(ProvinceEntity, province, patch);
    const after = provinceView(await m.save(province));
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await this.audit(m, actor, 'PROVINCE_UPDATED', `Sửa thông tin tỉnh ${code}`, { before, after });
    }
    return after;
  }

  /**
   * The province ends on `on` and `successorCode` succeeds it (the 2025 mergers). Its blocs, units and history stay;
   * the successor's board re-creates the organisation it runs from then on. System admins only: it spans provinces.
   */
  async succeedProvince(m: EntityManager, actor: Actor, code: string, input: unknown): Promise<OrgProvinceView> {
    const province = await this.province(m, actor, code, true);
    if (actor.role !== Role.ADMIN || actor.provinceCode) {
      this.assertCanWrite(actor, code);
      throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, 'only a system admin records a province succession');
    }
    const { successorCode, on } = valid(validateSuccession(input));
    if (province.validTo) throw new DomainException(ErrorCode.ALREADY_ENDED, `province ${code} ended on ${province.validTo}`);
    if (successorCode === code) throw problem('successorCode', 'must be another province', 'Tỉnh kế thừa phải là tỉnh khác.');
    const successor = await m.findOne(ProvinceEntity, { where: { code: successorCode } });
    if (!successor) throw problem('successorCode', `no province ${successorCode}`, `Không có tỉnh ${successorCode}.`);
    if (on <= province.validFrom) {
      throw problem(
        'on',
        `must be after validFrom (${province.validFrom})`,
        `Ngày kế thừa phải sau ngày bắt đầu (${province.validFrom}).`,
      );
    }
    province.validTo = on;
    province.successorCode = successorCode;
    const view = provinceView(await m.save(province));
    await this.audit(m, actor, 'PROVINCE_SUCCEEDED', `Tỉnh ${code} hợp nhất vào tỉnh ${successorCode} từ ngày ${on}`, {
      province: view,
    });
    return view;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Blocs and clusters.

  async listBlocs(
    m: EntityManager,
    actor: Actor,
    provinceCode: string,
    query: { q?: string; year?: number },
    page: Page,
  ): Promise<OrgPagedBlocs> {
    await this.province(m, actor, provinceCode);
    const qb = m.createQueryBuilder(BlocEntity, 'b').where('b.province_code = :provinceCode', { provinceCode });
    if (query.q) {
      qb.andWhere('(lower(b.code) LIKE :q OR lower(b.name) LIKE :q)', {
        q: `%${query.q.normalize('NFC').trim().toLowerCase()}%`,
      });
    }
    if (query.year !== undefined) {
      qb.andWhere('b.from_year <= :year AND (b.to_year IS NULL OR b.to_year >= :year)', { year: query.year });
    }
    const [rows, total] = await qb.orderBy('b.code', 'ASC').take(page.limit).skip(page.offset).getManyAndCount();
    return { items: rows.map(blocView), total, limit: page.limit, offset: page.offset };
  }

  async getBloc(m: EntityManager, actor: Actor, provinceCode: string, blocCode: string): Promise<OrgBlocView> {
    await this.province(m, actor, provinceCode);
    return blocView(await this.bloc(m, provinceCode, blocCode));
  }

  async createBloc(m: EntityManager, actor: Actor, provinceCode: string, input: unknown): Promise<OrgBlocView> {
    await this.writable(m, actor, provinceCode);
    const value = valid(validateBloc(input)) as BlocInput;
    if (await m.exists(BlocEntity, { where: { provinceCode, code: value.code } })) {
      throw new DomainException(ErrorCode.BLOC_EXISTS, `province ${provinceCode} has bloc ${value.code}`);
    }
    const saved = await m.save(m.create(BlocEntity, { ...value, provinceCode }));
    const view = blocView(saved);
    await this.audit(
      m,
      actor,
      'BLOC_CREATED',
      `Tạo ${BLOC_KINDS[view.kind].toLowerCase()} ${view.code} (${view.name}) của tỉnh ${provinceCode}`,
      {
        bloc: view,
      },
    );
    return view;
  }

  async updateBloc(m: EntityManager, actor: Actor, provinceCode: string, blocCode: string, input: unknown): Promise<OrgBlocView> {
    await this.writable(m, actor, provinceCode);
    const bloc = await this.bloc(m, provinceCode, blocCode);
    const patch = valid(validateBloc(input, { partial: true })) as BlocPatch;
    const before = blocView(bloc);
    const fromYear = patch.fromYear ?? bloc.fromYear;
    const toYear = patch.toYear === undefined ? bloc.toYear : patch.toYear;
    if (toYear !== null && toYear < fromYear) {
      throw problem(
        'toYear',
        `must not be before fromYear (${fromYear})`,
        `Năm kết thúc không được trước năm bắt đầu (${fromYear}).`,
      );
    }
    m.merge(BlocEntity, bloc, patch);
    const after = blocView(await m.save(bloc));
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await this.audit(m, actor, 'BLOC_UPDATED', `Sửa khối, cụm thi đua ${blocCode} của tỉnh ${provinceCode}`, { before, after });
    }
    return after;
  }

  /** The bloc runs no cycle after `toYear`; its memberships end on 1 January of the next year. Nothing is deleted. */
  async endBloc(m: EntityManager, actor: Actor, provinceCode: string, blocCode: string, input: unknown): Promise<OrgBlocView> {
    await this.writable(m, actor, provinceCode);
    const bloc = await this.bloc(m, provinceCode, blocCode);
    const { toYear } = valid(validateBlocEnd(input));
    if (bloc.toYear !== null) throw new DomainException(ErrorCode.ALREADY_ENDED, `bloc ${blocCode} ended in ${bloc.toYear}`);
    if (toYear < bloc.fromYear) {
      throw problem(
        'toYear',
        `must not be before fromYear (${bloc.fromYear})`,
        `Năm kết thúc không được trước năm bắt đầu (${bloc.fromYear}).`,
      );
    }
    bloc.toYear = toYear;
    const view = blocView(await m.save(bloc));
    const end = cycleMembershipDate(toYear + 1);
    const ended: { id: string }[] = await m.query(
      `UPDATE bloc_memberships SET valid_to = $2, updated_at = now()
       WHERE bloc_id = $1 AND valid_from < $2 AND (valid_to IS NULL OR valid_to > $2) RETURNING id`,
      [bloc.id, end],
    );
    await this.audit(
      m,
      actor,
      'BLOC_ENDED',
      `Kết thúc khối, cụm thi đua ${blocCode} của tỉnh ${provinceCode} sau năm ${toYear}`,
      {
        bloc: view,
        membershipsEnded: ended.map((r) => r.id),
      },
    );
    return view;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Units.

  async listUnits(
    m: EntityManager,
    actor: Actor,
    provinceCode: string,
    query: { q?: string; blocCode?: string; on?: string; kind?: string; includeEnded?: boolean },
    page: Page,
  ): Promise<OrgPagedUnits> {
    await this.province(m, actor, provinceCode);
    validDay(query.on);
    const params: unknown[] = [provinceCode];
    const where = ['u.province_code = $1'];
    if (query.q) {
      params.push(`%${query.q.normalize('NFC').trim().toLowerCase()}%`);
      const i = params.length;
      where.push(`(lower(u.code) LIKE $${i} OR lower(u.name) LIKE $${i} OR lower(coalesce(u.short_name, '')) LIKE $${i})`);
    }
    if (query.kind) {
      params.push(query.kind);
      where.push(`u.kind = $${params.length}`);
    }
    if (query.on) {
      params.push(query.on);
      where.push(`u.valid_from <= $${params.length} AND (u.valid_to IS NULL OR u.valid_to > $${params.length})`);
    } else if (!query.includeEnded) {
      where.push('u.valid_to IS NULL');
    }
    if (query.blocCode) {
      params.push(query.blocCode, query.on ?? todayVn());
      const b = params.length - 1;
      where.push(
        `EXISTS (SELECT 1 FROM bloc_memberships m JOIN blocs b ON b.id = m.bloc_id WHERE m.unit_code = u.code
           AND b.province_code = $1 AND b.code = $${b} AND m.valid_from <= $${b + 1} AND (m.valid_to IS NULL OR m.valid_to > $${b + 1}))`,
      );
    }
    const clause = where.join(' AND ');
    const total: { n: string }[] = await m.query(`SELECT count(*) AS n FROM units u WHERE ${clause}`, params);
    const rows: UnitRow[] = await m.query(
      `SELECT ${UNIT_COLUMNS} FROM units u WHERE ${clause} ORDER BY u.code LIMIT ${page.limit} OFFSET ${page.offset}`,
      params,
    );
    const memberships = await this.membershipsOf(
      m,
      rows.map((r) => r.code),
    );
    return {
      items: rows.map((r) => ({ ...unitView(r), predecessors: [], memberships: memberships.get(r.code) ?? [] })),
      total: Number(total[0].n),
      limit: page.limit,
      offset: page.offset,
    };
  }

  private async membershipsOf(m: EntityManager, codes: string[]): Promise<Map<string, OrgMembershipView[]>> {
    const map = new Map<string, OrgMembershipView[]>();
    if (codes.length === 0) return map;
    const rows: MembershipRow[] = await m.query(
      `${MEMBERSHIP_SELECT} WHERE m.unit_code = ANY($1) ORDER BY m.valid_from, b.code`,
      [codes],
    );
    for (const r of rows) map.set(r.unit_code, [...(map.get(r.unit_code) ?? []), membershipView(r)]);
    return map;
  }

  /** A unit by any of its codes: an old code (renamed, merged) answers the unit that succeeds it now. */
  async getUnit(m: EntityManager, actor: Actor, provinceCode: string, unitCode: string): Promise<OrgUnitView> {
    await this.province(m, actor, provinceCode);
    const lineage = await resolveUnitLineage(m, unitCode);
    if (!lineage || !canReadOrganisation(actor, lineage.provinceCode)) {
      throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${unitCode} in province ${provinceCode}`);
    }
    const row = await this.unitRow(m, lineage.provinceCode, lineage.current);
    // A unit that succeeded one of another province (the 2025 mergers) is found from either province.
    const inProvince =
      row.province_code === provinceCode ||
      (await this.unitRow(m, provinceCode, unitCode).then(
        () => true,
        () => false,
      ));
    if (!inProvince) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${unitCode} in province ${provinceCode}`);
    const memberships = await this.membershipsOf(m, lineage.codes);
    // Awards follow the scope rule of award history: a unit's own people, or the province's people in other roles.
    const seesAwards =
      !UNIT_ROLES.includes(actor.role) || (actor.unitCode !== undefined && lineage.codes.includes(actor.unitCode));
    const awards: OrgUnitAwardView[] = seesAwards
      ? (
          await m.query<
            {
              unit_code: string;
              year: number;
              award: string;
              award_name: string;
              decision_number: string;
              decision_date: string;
            }[]
          >(
            `SELECT unit_code, year, award, award_name, decision_number, to_char(decision_date, 'YYYY-MM-DD') AS decision_date
             FROM award_history WHERE unit_code = ANY($1) ORDER BY year, decision_date, award`,
            [lineage.codes],
          )
        ).map((a) => ({
          unitCode: a.unit_code,
          year: a.year,
          award: a.award,
          awardName: a.award_name,
          decisionNumber: a.decision_number,
          decisionDate: a.decision_date,
        }))
      : [];
    return {
      ...unitView(row),
      predecessors: lineage.codes.filter((c) => c !== row.code),
      memberships: lineage.codes.flatMap((c) => memberships.get(c) ?? []).sort((a, b) => a.validFrom.localeCompare(b.validFrom)),
      ...(seesAwards ? { awards } : {}),
    };
  }

  private async checkParent(m: EntityManager, provinceCode: string, parentCode: string | null | undefined, self?: string) {
    if (!parentCode) return;
    if (parentCode === self)
      throw problem('parentCode', 'must not be the unit itself', 'Cơ quan chủ quản không thể là chính đơn vị.');
    const parent: { code: string }[] = await m.query(`SELECT code FROM units WHERE code = $1 AND province_code = $2`, [
      parentCode,
      provinceCode,
    ]);
    if (!parent[0]) {
      throw problem(
        'parentCode',
        `no unit ${parentCode} in province ${provinceCode}`,
        `Không có đơn vị ${parentCode} trong tỉnh.`,
      );
    }
    if (self) {
      const cycle: unknown[] = await m.query(
        `WITH RECURSIVE up(code, depth) AS (SELECT $1::varchar, 0 UNION SELECT u.parent_code, up.depth + 1 FROM units u
           JOIN up ON u.code = up.code WHERE u.parent_code IS NOT NULL AND up.depth < 50)
         SELECT 1 FROM up WHERE code = $2`,
        [parentCode, self],
      );
      if (cycle.length > 0) {
        throw problem(
          'parentCode',
          'would make the unit its own ancestor',
          'Cơ quan chủ quản không thể là đơn vị trực thuộc của chính đơn vị.',
        );
      }
    }
  }

  async createUnit(m: EntityManager, actor: Actor, provinceCode: string, input: unknown): Promise<OrgUnitView> {
    await this.writable(m, actor, provinceCode);
    const value = valid(validateUnit(input)) as UnitInput;
    if (await m.exists(UnitEntity, { where: { code: value.code } })) {
      throw new DomainException(ErrorCode.UNIT_EXISTS, `unit code ${value.code} is taken`);
    }
    await this.checkParent(m, provinceCode, value.parentCode);
    await m.insert(UnitEntity, { ...value, provinceCode });
    const view = { ...unitView(await this.unitRow(m, provinceCode, value.code)), predecessors: [], memberships: [] };
    await this.audit(m, actor, 'UNIT_CREATED', `Tạo đơn vị ${view.code} (${view.name}) của tỉnh ${provinceCode}`, { unit: view });
    return view;
  }

  async updateUnit(m: EntityManager, actor: Actor, provinceCode: string, unitCode: string, input: unknown): Promise<OrgUnitView> {
    await this.writable(m, actor, provinceCode);
    const beforeRow = await this.unitRow(m, provinceCode, unitCode);
    const patch = valid(validateUnit(input, { partial: true })) as UnitPatch;
    await this.checkParent(m, provinceCode, patch.parentCode, unitCode);
    const validFrom = patch.validFrom ?? beforeRow.valid_from;
    if (beforeRow.valid_to && validFrom >= beforeRow.valid_to) {
      throw problem(
        'validFrom',
        `must be before validTo (${beforeRow.valid_to})`,
        `Ngày bắt đầu phải trước ngày kết thúc (${beforeRow.valid_to}).`,
      );
    }
    if (patch.validFrom) {
      const earlier: { valid_from: string }[] = await m.query(
        `SELECT to_char(min(valid_from), 'YYYY-MM-DD') AS valid_from FROM bloc_memberships WHERE unit_code = $1`,
        [unitCode],
      );
      const first = earlier[0]?.valid_from;
      if (first && first < patch.validFrom) {
        throw problem(
          'validFrom',
          `the unit joins a bloc on ${first}, before it`,
          `Đơn vị đã tham gia khối từ ngày ${first}, trước ngày này.`,
        );
      }
    }
    const before = unitView(beforeRow);
    if (Object.keys(patch).length > 0) await m.update(UnitEntity, { code: unitCode }, patch);
    const after = unitView(await this.unitRow(m, provinceCode, unitCode));
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await this.audit(m, actor, 'UNIT_UPDATED', `Sửa thông tin đơn vị ${unitCode} của tỉnh ${provinceCode}`, { before, after });
    }
    return this.getUnit(m, actor, provinceCode, unitCode);
  }

  /**
   * The unit ceases on `on` (exclusive): its memberships in force end then too. With `successorCode`, a unit renamed
   * or merged under a new code: the successor takes over its award history, and the old code resolves to it.
   */
  async endUnit(m: EntityManager, actor: Actor, provinceCode: string, unitCode: string, input: unknown): Promise<OrgUnitView> {
    await this.writable(m, actor, provinceCode);
    const row = await this.unitRow(m, provinceCode, unitCode);
    const { on, successorCode } = valid(validateEnd(input, { successor: true }));
    if (row.valid_to) throw new DomainException(ErrorCode.ALREADY_ENDED, `unit ${unitCode} ended on ${row.valid_to}`);
    if (on <= row.valid_from) {
      throw problem(
        'on',
        `must be after validFrom (${row.valid_from})`,
        `Ngày kết thúc phải sau ngày bắt đầu (${row.valid_from}).`,
      );
    }
    if (successorCode) {
      if (successorCode === unitCode)
        throw problem('successorCode', 'must be another unit', 'Đơn vị kế thừa phải là đơn vị khác.');
      const successor: UnitRow[] = await m.query(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.code = $1`, [successorCode]);
      const s = successor[0];
      // The successor is of this province, or of the province that succeeded it (the 2025 mergers).
      const successorProvince: { successor_code: string | null }[] = await m.query(
        `SELECT successor_code FROM provinces WHERE code = $1`,
        [provinceCode],
      );
      if (!s || (s.province_code !== provinceCode && s.province_code !== successorProvince[0]?.successor_code)) {
        throw problem(
          'successorCode',
          `no unit ${successorCode} in province ${provinceCode}`,
          `Không có đơn vị ${successorCode} trong tỉnh.`,
        );
      }
      if (s.valid_to) throw problem('successorCode', `unit ${successorCode} has ended`, `Đơn vị ${successorCode} đã kết thúc.`);
      const lineage = await resolveUnitLineage(m, successorCode);
      if (lineage?.codes.includes(unitCode)) {
        throw problem(
          'successorCode',
          'already succeeds nothing of this unit',
          'Đơn vị kế thừa không hợp lệ (vòng lặp kế thừa).',
        );
      }
    }
    await m.update(UnitEntity, { code: unitCode }, { validTo: on, ...(successorCode ? { successorCode, succeededOn: on } : {}) });
    const ended: { id: string }[] = await m.query(
      `UPDATE bloc_memberships SET valid_to = $2, updated_at = now()
       WHERE unit_code = $1 AND valid_from < $2 AND (valid_to IS NULL OR valid_to > $2) RETURNING id`,
      [unitCode, on],
    );
    const view = await this.getUnit(m, actor, provinceCode, successorCode ?? unitCode);
    await this.audit(
      m,
      actor,
      successorCode ? 'UNIT_SUCCEEDED' : 'UNIT_ENDED',
      successorCode
        ? `Đơn vị ${unitCode} được kế thừa bởi đơn vị ${successorCode} từ ngày ${on}`
        : `Kết thúc đơn vị ${unitCode} của tỉnh ${provinceCode} từ ngày ${on}`,
      { unitCode, on, successorCode: successorCode ?? null, membershipsEnded: ended.map((r) => r.id) },
    );
    return view;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Memberships by date.

  async listMemberships(
    m: EntityManager,
    actor: Actor,
    provinceCode: string,
    blocCode: string,
    query: { on?: string },
    page: Page,
  ): Promise<OrgPagedMemberships> {
    await this.province(m, actor, provinceCode);
    validDay(query.on);
    const bloc = await this.bloc(m, provinceCode, blocCode);
    const params: unknown[] = [bloc.id];
    let clause = 'm.bloc_id = $1';
    if (query.on) {
      params.push(query.on);
      clause += ' AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to > $2)';
    }
    const total: { n: string }[] = await m.query(`SELECT count(*) AS n FROM bloc_memberships m WHERE ${clause}`, params);
    const rows: MembershipRow[] = await m.query(
      `${MEMBERSHIP_SELECT} WHERE ${clause} ORDER BY m.unit_code, m.valid_from LIMIT ${page.limit} OFFSET ${page.offset}`,
      params,
    );
    return { items: rows.map(membershipView), total: Number(total[0].n), limit: page.limit, offset: page.offset };
  }

  /**
   * A unit joins a bloc from `validFrom` (to `validTo`, exclusive, or open). A unit is in one bloc on any day: an
   * overlap is refused (UNIT_IN_TWO_BLOCS) unless `endCurrent` ends the membership in force on `validFrom` then,
   * which records a move in one request.
   */
  async addMembership(
    m: EntityManager,
    actor: Actor,
    provinceCode: string,
    blocCode: string,
    input: unknown,
  ): Promise<OrgMembershipView> {
    await this.writable(m, actor, provinceCode);
    const bloc = await this.bloc(m, provinceCode, blocCode);
    const value = valid(validateMembership(input));
    const unitRows: UnitRow[] = await m.query(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.code = $1 AND u.province_code = $2`, [
      value.unitCode,
      provinceCode,
    ]);
    const unit = unitRows[0];
    if (!unit) {
      throw problem(
        'unitCode',
        `no unit ${value.unitCode} in province ${provinceCode}`,
        `Không có đơn vị ${value.unitCode} trong tỉnh.`,
      );
    }
    if (value.validFrom < unit.valid_from || (unit.valid_to && value.validFrom >= unit.valid_to)) {
      throw problem(
        'validFrom',
        `the unit does not exist on ${value.validFrom}`,
        `Đơn vị không tồn tại vào ngày ${value.validFrom}.`,
      );
    }
    const year = Number(value.validFrom.slice(0, 4));
    if (year < bloc.fromYear || (bloc.toYear !== null && year > bloc.toYear)) {
      throw problem(
        'validFrom',
        `bloc ${blocCode} exists from ${bloc.fromYear}${bloc.toYear !== null ? ` to ${bloc.toYear}` : ''}`,
        `Khối ${blocCode} chỉ tồn tại từ năm ${bloc.fromYear}${bloc.toYear !== null ? ` đến năm ${bloc.toYear}` : ''}.`,
      );
    }
    // Serialise writes about one unit (the exclusion constraint still answers for any writer).
    await m.query(`SELECT 1 FROM units WHERE code = $1 FOR UPDATE`, [value.unitCode]);
    const validTo = value.validTo ?? unit.valid_to ?? (bloc.toYear !== null ? cycleMembershipDate(bloc.toYear + 1) : null);
    let endedId: string | null = null;
    const overlapping: MembershipRow[] = await m.query(
      `${MEMBERSHIP_SELECT} WHERE m.unit_code = $1 AND m.valid_from < coalesce($3::date, 'infinity') AND (m.valid_to IS NULL OR m.valid_to > $2)`,
      [value.unitCode, value.validFrom, validTo],
    );
    for (const other of overlapping) {
      const movable = value.endCurrent && other.valid_from < value.validFrom;
      if (!movable) {
        throw new DomainException(
          ErrorCode.UNIT_IN_TWO_BLOCS,
          `unit ${value.unitCode} is in bloc ${other.bloc_code} from ${other.valid_from}${other.valid_to ? ` to ${other.valid_to}` : ''}`,
          {
            problems: [
              {
                field: 'validFrom',
                message: `overlaps the membership in ${other.bloc_code} from ${other.valid_from}`,
                messageVi: `Trùng thời gian với lần tham gia ${other.bloc_name} từ ngày ${other.valid_from}${other.valid_to ? ` đến ngày ${other.valid_to}` : ''}.`,
              },
            ],
          },
        );
      }
      if (other.valid_to !== null && validTo !== null && other.valid_to > validTo) {
        throw new DomainException(ErrorCode.UNIT_IN_TWO_BLOCS, `the membership in ${other.bloc_code} lasts beyond ${validTo}`);
      }
      await m.query(`UPDATE bloc_memberships SET valid_to = $2, updated_at = now() WHERE id = $1`, [other.id, value.validFrom]);
      endedId = other.id;
    }
    const inserted = await m.insert(BlocMembershipEntity, {
      blocId: bloc.id,
      unitCode: value.unitCode,
      validFrom: value.validFrom,
      validTo,
    });
    const id = (inserted.identifiers[0] as { id: string }).id;
    const rows: MembershipRow[] = await m.query(`${MEMBERSHIP_SELECT} WHERE m.id = $1`, [id]);
    const view = membershipView(rows[0]);
    await this.audit(
      m,
      actor,
      'BLOC_MEMBERSHIP_ADDED',
      `Đơn vị ${value.unitCode} tham gia ${bloc.name} từ ngày ${value.validFrom}${validTo ? ` đến ngày ${validTo}` : ''}`,
      { membership: view, endedMembershipId: endedId },
    );
    return view;
  }

  /** The membership ends on `on` (exclusive); cycles already started keep their members (cycle_units). */
  async endMembership(
    m: EntityManager,
    actor: Actor,
    provinceCode: string,
    blocCode: string,
    id: string,
    input: unknown,
  ): Promise<OrgMembershipView> {
    await this.writable(m, actor, provinceCode);
    const bloc = await this.bloc(m, provinceCode, blocCode);
    const rows: MembershipRow[] = UUID.test(id)
      ? await m.query(`${MEMBERSHIP_SELECT} WHERE m.id = $1 AND m.bloc_id = $2`, [id, bloc.id])
      : [];
    const row = rows[0];
    if (!row) throw new DomainException(ErrorCode.MEMBERSHIP_NOT_FOUND, `no membership ${id} in bloc ${blocCode}`);
    const { on } = valid(validateEnd(input));
    if (row.valid_to !== null && row.valid_to <= on) {
      throw new DomainException(ErrorCode.ALREADY_ENDED, `the membership ends on ${row.valid_to}`);
    }
    if (on <= row.valid_from) {
      throw problem(
        'on',
        `must be after validFrom (${row.valid_from})`,
        `Ngày kết thúc phải sau ngày bắt đầu (${row.valid_from}).`,
      );
    }
    await m.query(`UPDATE bloc_memberships SET valid_to = $2, updated_at = now() WHERE id = $1`, [id, on]);
    const view = { ...membershipView(row), validTo: on };
    await this.audit(m, actor, 'BLOC_MEMBERSHIP_ENDED', `Đơn vị ${row.unit_code} rời ${row.bloc_name} từ ngày ${on}`, {
      membership: view,
      before: membershipView(row),
    });
    return view;
  }

  // ---------------------------------------------------------------------------------------------------------
  // The initial leadership.

  async getLeadership(
    m: EntityManager,
    actor: Actor,
    provinceCode: string,
    blocCode: string,
    year: number,
  ): Promise<OrgLeadershipView> {
    await this.province(m, actor, provinceCode);
    const bloc = await this.bloc(m, provinceCode, blocCode);
    const found = await m.findOne(BlocLeadershipEntity, { where: { blocId: bloc.id, year } });
    if (!found) throw new DomainException(ErrorCode.NO_LEADERSHIP, `no leadership of ${blocCode} for ${year}`);
    return { blocCode, year, leaderUnitCode: found.leaderUnitCode, deputyUnitCode: found.deputyUnitCode, source: found.source };
  }

  /**
   * Trưởng khối and Phó khối of a year no cycle elected (the bloc's first year in the system). Refused once a cycle's
   * conference elected that year's, or once the year's cycle started (it fixed its leadership at start). Both units
   * must be members on 1 January of the year, the membership the year's cycle uses.
   */
  async setInitialLeadership(
    m: EntityManager,
    actor: Actor,
    provinceCode: string,
    blocCode: string,
    year: number,
    input: unknown,
    /** The seeds record SEEDED (what the demo has always shown); everyone else INITIAL. */
    options: { source?: 'SEEDED' | 'INITIAL' } = {},
  ): Promise<OrgLeadershipView> {
    const source = options.source ?? 'INITIAL';
    await this.writable(m, actor, provinceCode);
    const bloc = await this.bloc(m, provinceCode, blocCode);
    const value = valid(validateLeadership(input));
    if (!Number.isInteger(year) || year < bloc.fromYear || (bloc.toYear !== null && year > bloc.toYear)) {
      throw problem('year', `bloc ${blocCode} does not run in ${year}`, `Khối ${blocCode} không hoạt động trong năm ${year}.`);
    }
    const existing = await m.findOne(BlocLeadershipEntity, {
      where: { blocId: bloc.id, year },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing?.source === 'ELECTED') {
      throw new DomainException(
        ErrorCode.LEADERSHIP_ALREADY_DECIDED,
        `the ${year} leadership of ${blocCode} was elected by ${existing.electedInCycleId}`,
      );
    }
    const started: unknown[] = await m.query(`SELECT 1 FROM cycles WHERE province_code = $1 AND bloc_code = $2 AND year = $3`, [
      provinceCode,
      blocCode,
      year,
    ]);
    if (started.length > 0) {
      throw new DomainException(ErrorCode.LEADERSHIP_ALREADY_DECIDED, `the ${year} cycle of ${blocCode} has started`);
    }
    const on = cycleMembershipDate(year);
    const problems: OrganisationProblem[] = [];
    for (const field of ['leaderUnitCode', 'deputyUnitCode'] as const) {
      const member: unknown[] = await m.query(
        `SELECT 1 FROM bloc_memberships WHERE bloc_id = $1 AND unit_code = $2 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3)`,
        [bloc.id, value[field], on],
      );
      if (member.length === 0) {
        problems.push({
          field,
          message: `${value[field]} is not a member of ${blocCode} on ${on}`,
          messageVi: `Đơn vị ${value[field]} không là thành viên của khối vào ngày ${on}.`,
        });
      }
    }
    if (problems.length > 0) throw invalid(problems);
    const before = existing
      ? { leaderUnitCode: existing.leaderUnitCode, deputyUnitCode: existing.deputyUnitCode, source: existing.source }
      : null;
    if (existing && existing.leaderUnitCode === value.leaderUnitCode && existing.deputyUnitCode === value.deputyUnitCode) {
      return { blocCode, year, ...value, source: existing.source };
    }
    await m.query(
      `INSERT INTO bloc_leaderships (bloc_id, year, leader_unit_code, deputy_unit_code, source)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT uq_bloc_leaderships_year DO UPDATE SET leader_unit_code = EXCLUDED.leader_unit_code,
         deputy_unit_code = EXCLUDED.deputy_unit_code, source = EXCLUDED.source`,
      [bloc.id, year, value.leaderUnitCode, value.deputyUnitCode, source],
    );
    const view: OrgLeadershipView = { blocCode, year, ...value, source };
    await this.audit(
      m,
      actor,
      'BLOC_LEADERSHIP_SET',
      `Đặt Trưởng khối ${value.leaderUnitCode}, Phó khối ${value.deputyUnitCode} của ${bloc.name} năm ${year}`,
      { provinceCode, ...view, before },
    );
    return view;
  }
}
