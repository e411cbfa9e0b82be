import { randomUUID } from 'node:crypto';
import { pageOf, type Page } from '../common/page.dto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAdministrativeAudit } from '../../db/audit-append';
import { isValidAt } from '../../domain/authority';
import { vietnamDate } from '../../domain/working-days';
import { Role, TWO_PERSON_GRANT_ROLES, UNIT_ROLES, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import { AuthService, normalizeUsername } from './auth.service';
import type {
  AssignRoleDto,
  CreateUserDto,
  EndRoleDto,
  RoleAssignmentView,
  RoleGrantView,
  UpdateUserDto,
  UserView,
} from './auth.dto';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { roleLabelVi } from './role-labels';

const SYSTEM_ROLES: readonly Role[] = [Role.ADMIN, Role.AUDITOR];

type UserRow = { id: string; username: string; display_name: string; disabled: boolean };

type RoleRow = {
  id: string;
  user_id: string;
  role: Role;
  province_code: string | null;
  unit_code: string | null;
  valid_from: Date;
  valid_to: Date | null;
  granted_by: string;
  reason: string | null;
};

/**
 * Administration of accounts and their dated roles. Every change is appended to the audit chain in the same
 * transaction; roles are ended, never deleted, so the authority anyone held on a past date stays answerable.
 */
/** `u` holds, held or is proposed for a role in the province `$N` (written for the parameter named in each query). */
const IN_PROVINCE_OF = (param: string) => `EXISTS (
  SELECT 1 FROM role_assignments r WHERE r.user_id = u.id
    AND (r.province_code = ${param} OR r.unit_code IN (SELECT code FROM units WHERE province_code = ${param}))
  UNION ALL
  SELECT 1 FROM role_grants g WHERE g.user_id = u.id
    AND (g.province_code = ${param} OR g.unit_code IN (SELECT code FROM units WHERE province_code = ${param})))`;

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  /** Accounts; with `provinceCode`, only those holding (or proposed for) a role in that province. */
  async list(page: Page = pageOf(undefined), provinceCode?: string): Promise<UserView[]> {
    return this.views(
      await this.dataSource.query(
        `SELECT id, username, display_name, disabled FROM users u WHERE ($3::varchar IS NULL OR ${IN_PROVINCE_OF('$3')})
         ORDER BY username LIMIT $1 OFFSET $2`,
        [page.limit, page.offset, provinceCode ?? null],
      ),
    );
  }

  /** Whether the account holds, held or is proposed for a role in the province (a province admin's accounts). */
  async inProvince(userId: string, provinceCode: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM users u WHERE u.id::text = $1 AND ${IN_PROVINCE_OF('$2')}`,
      [userId, provinceCode],
    );
    return rows.length > 0;
  }

  async get(userId: string): Promise<UserView> {
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT id, username, display_name, disabled FROM users WHERE id::text = $1`,
      [userId],
    );
    if (!rows[0]) throw new DomainException(ErrorCode.USER_NOT_FOUND, `no user ${userId}`);
    return (await this.views(rows))[0];
  }

  /** Accounts with their roles (one query for all) and their lockout state. */
  private async views(users: UserRow[]): Promise<UserView[]> {
    const roles: RoleRow[] = await this.dataSource.query(
      `SELECT * FROM role_assignments WHERE user_id = ANY($1::uuid[]) ORDER BY valid_from, id`,
      [users.map((u) => u.id)],
    );
    const pending: GrantRow[] = await this.dataSource.query(
      `SELECT g.*, u.username FROM role_grants g JOIN users u ON u.id = g.user_id
       WHERE g.user_id = ANY($1::uuid[]) AND g.status = 'PENDING' ORDER BY g.proposed_at`,
      [users.map((u) => u.id)],
    );
    return Promise.all(
      users.map(async (user) => ({
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        disabled: user.disabled,
        lockedForSeconds: await this.auth.lockedForSeconds(user.username),
        roles: roles.filter((r) => r.user_id === user.id).map(roleView),
        pendingGrants: pending.filter((g) => g.user_id === user.id).map(grantView),
      })),
    );
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    if (dto.password === undefined && dto.externalSubject === undefined) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'password or externalSubject is required');
    }
    const username = normalizeUsername(dto.username);
    if (dto.password !== undefined) checkPasswordPolicy(dto.password, { username, displayName: dto.displayName });
    const passwordHash = dto.password === undefined ? null : await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (m) => {
      const taken: unknown[] = await m.query(`SELECT 1 FROM users WHERE username = $1`, [username]);
      if (taken.length > 0) throw new DomainException(ErrorCode.USER_EXISTS, `username ${username} is taken`);
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO users (username, display_name, password_hash, external_subject) VALUES ($1, $2, $3, $4) RETURNING id`,
        [username, dto.displayName.trim(), passwordHash, dto.externalSubject ?? null],
      );
      await audit(m, actor, 'USER_CREATED', `Tạo tài khoản ${username} (${dto.displayName.trim()})`, {
        userId: row.id,
        username,
      });
      return row.id;
    });
    return this.get(id);
  }

  async update(actor: Actor, userId: string, dto: UpdateUserDto): Promise<UserView> {
    const user = await this.get(userId);
    if (dto.password !== undefined)
      checkPasswordPolicy(dto.password, { username: user.username, displayName: dto.displayName ?? user.displayName });
    const passwordHash = dto.password === undefined ? undefined : await hashPassword(dto.password);
    await this.dataSource.transaction(async (m) => {
      const changes: string[] = [];
      if (dto.displayName !== undefined) {
        await m.query(`UPDATE users SET display_name = $2, updated_at = now() WHERE id = $1`, [user.id, dto.displayName.trim()]);
        changes.push(`họ tên: ${dto.displayName.trim()}`);
      }
      if (dto.disabled !== undefined) {
        await m.query(`UPDATE users SET disabled = $2, updated_at = now() WHERE id = $1`, [user.id, dto.disabled]);
        changes.push(dto.disabled ? 'khóa tài khoản' : 'mở lại tài khoản');
      }
      if (passwordHash !== undefined) {
        await m.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [user.id, passwordHash]);
        changes.push('đặt lại mật khẩu');
      }
      if (dto.unlock) {
        await m.query(`UPDATE users SET lock_reset_at = now(), updated_at = now() WHERE id = $1`, [user.id]);
        changes.push('xóa thời gian chờ đăng nhập');
      }
      if (dto.disabled || passwordHash !== undefined) {
        await m.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [user.id]);
      }
      if (changes.length === 0) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'nothing to change');
      await audit(m, actor, 'USER_UPDATED', `Cập nhật tài khoản ${user.username}: ${changes.join('; ')}`, {
        userId: user.id,
        changes: Object.keys(dto).filter((k) => k !== 'password'),
      });
    });
    return this.get(user.id);
  }

  /**
   * Grants a role. A deciding role (or ADMIN) is only proposed here: it is not in force until a different admin
   * approves it (approveGrant). No grant starts before today (Vietnam time): authority is never written into the past.
   */
  async assignRole(actor: Actor, userId: string, dto: AssignRoleDto): Promise<UserView> {
    const user = await this.get(userId);
    const now = new Date();
    const validFrom = dto.validFrom ? new Date(dto.validFrom) : now;
    const validTo = dto.validTo ? new Date(dto.validTo) : null;
    if (validTo && validTo <= validFrom)
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'validTo must be after validFrom');
    const today = startOfVietnamDay(now);
    if (validFrom < today) {
      throw new DomainException(
        ErrorCode.GRANT_IN_THE_PAST,
        `validFrom ${validFrom.toISOString()} is before today (${today.toISOString()})`,
      );
    }
    const scope = await this.scopeOf(dto);
    if (TWO_PERSON_GRANT_ROLES.includes(dto.role)) {
      await this.dataSource.transaction(async (m) => {
        const [row]: { id: string }[] = await m.query(
          `INSERT INTO role_grants (user_id, role, province_code, unit_code, valid_from, valid_to, reason, status, proposed_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8) RETURNING id`,
          [user.id, dto.role, scope.provinceCode, scope.unitCode, validFrom, validTo, dto.reason ?? null, actor.userId],
        );
        await audit(
          m,
          actor,
          'ROLE_GRANT_PROPOSED',
          `Đề xuất giao vai trò ${roleLabelVi(dto.role, scope.provinceCode, scope.unitCode)} cho ${user.username} từ ${validFrom.toISOString()} (chờ quản trị viên khác phê duyệt)`,
          {
            userId: user.id,
            grantId: row.id,
            role: dto.role,
            ...scope,
            validFrom: validFrom.toISOString(),
            validTo: validTo?.toISOString(),
          },
        );
      });
      return this.get(user.id);
    }
    await this.dataSource.transaction((m) =>
      this.insertAssignment(m, actor, user, { role: dto.role, ...scope, validFrom, validTo, reason: dto.reason ?? null }),
    );
    return this.get(user.id);
  }

  private async insertAssignment(
    m: EntityManager,
    actor: Actor,
    user: { id: string; username: string },
    grant: {
      role: Role;
      provinceCode: string | null;
      unitCode: string | null;
      validFrom: Date;
      validTo: Date | null;
      reason: string | null;
    },
    approval?: { grantId: string; proposedBy: string },
  ): Promise<string> {
    const [row]: { id: string }[] = await m.query(
      `INSERT INTO role_assignments (user_id, role, province_code, unit_code, valid_from, valid_to, granted_by, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        user.id,
        grant.role,
        grant.provinceCode,
        grant.unitCode,
        grant.validFrom,
        grant.validTo,
        approval?.proposedBy ?? actor.userId,
        grant.reason,
      ],
    );
    const label = roleLabelVi(grant.role, grant.provinceCode, grant.unitCode);
    await audit(
      m,
      actor,
      approval ? 'ROLE_GRANT_APPROVED' : 'ROLE_GRANTED',
      approval
        ? `Phê duyệt đề xuất của ${approval.proposedBy}: giao vai trò ${label} cho ${user.username} từ ${grant.validFrom.toISOString()}`
        : `Giao vai trò ${label} cho ${user.username} từ ${grant.validFrom.toISOString()}`,
      {
        userId: user.id,
        assignmentId: row.id,
        ...(approval ? { grantId: approval.grantId, proposedBy: approval.proposedBy } : {}),
        role: grant.role,
        provinceCode: grant.provinceCode,
        unitCode: grant.unitCode,
        validFrom: grant.validFrom.toISOString(),
        validTo: grant.validTo?.toISOString(),
      },
    );
    return row.id;
  }

  async listGrants(status?: RoleGrantView['status'], provinceCode?: string): Promise<RoleGrantView[]> {
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT g.*, u.username FROM role_grants g JOIN users u ON u.id = g.user_id
       WHERE ($1::varchar IS NULL OR g.status = $1)
         AND ($2::varchar IS NULL OR g.province_code = $2 OR g.unit_code IN (SELECT code FROM units WHERE province_code = $2))
       ORDER BY g.proposed_at DESC LIMIT 500`,
      [status ?? null, provinceCode ?? null],
    );
    return rows.map(grantView);
  }

  /**
   * The second person of a two-person grant: a different admin than the proposer, and never the person the role is
   * for. The role takes effect from the proposed start, or now if that has passed meanwhile.
   */
  async approveGrant(actor: Actor, grantId: string): Promise<UserView> {
    const userId = await this.dataSource.transaction(async (m) => {
      const grant = await this.pendingGrant(m, actor, grantId);
      const now = new Date();
      const validFrom = grant.valid_from > now ? grant.valid_from : now;
      if (grant.valid_to && grant.valid_to <= validFrom) {
        throw new DomainException(ErrorCode.VALIDATION_FAILED, `the proposed period ended on ${grant.valid_to.toISOString()}`);
      }
      const assignmentId = await this.insertAssignment(
        m,
        actor,
        { id: grant.user_id, username: grant.username },
        {
          role: grant.role,
          provinceCode: grant.province_code,
          unitCode: grant.unit_code,
          validFrom,
          validTo: grant.valid_to,
          reason: grant.reason,
        },
        { grantId, proposedBy: grant.proposed_by },
      );
      await m.query(
        `UPDATE role_grants SET status = 'APPROVED', decided_by = $2, decided_at = now(), assignment_id = $3 WHERE id = $1`,
        [grantId, actor.userId, assignmentId],
      );
      return grant.user_id;
    });
    return this.get(userId);
  }

  async refuseGrant(actor: Actor, grantId: string, reason: string): Promise<UserView> {
    const userId = await this.dataSource.transaction(async (m) => {
      const grant = await this.pendingGrant(m, actor, grantId, true);
      await m.query(
        `UPDATE role_grants SET status = 'REFUSED', decided_by = $2, decided_at = now(), decision_reason = $3 WHERE id = $1`,
        [grantId, actor.userId, reason],
      );
      await audit(
        m,
        actor,
        'ROLE_GRANT_REFUSED',
        `Không phê duyệt đề xuất của ${grant.proposed_by} giao vai trò ${roleLabelVi(grant.role, grant.province_code, grant.unit_code)} cho ${grant.username}: ${reason}`,
        { userId: grant.user_id, grantId, proposedBy: grant.proposed_by, role: grant.role },
      );
      return grant.user_id;
    });
    return this.get(userId);
  }

  /**
   * The pending grant, locked; refused when the actor proposed it or is the person it is for. The proposer may
   * withdraw (refuse) his own proposal, but never approve it.
   */
  private async pendingGrant(m: EntityManager, actor: Actor, grantId: string, withdrawing = false): Promise<GrantRow> {
    const rows: GrantRow[] = await m.query(
      `SELECT g.*, u.username FROM role_grants g JOIN users u ON u.id = g.user_id WHERE g.id::text = $1 FOR UPDATE OF g`,
      [grantId],
    );
    const grant = rows[0];
    if (!grant) throw new DomainException(ErrorCode.ROLE_GRANT_NOT_FOUND, `no proposed grant ${grantId}`);
    if (grant.status !== 'PENDING') {
      throw new DomainException(
        ErrorCode.ROLE_GRANT_NOT_PENDING,
        `grant ${grantId} was ${grant.status} by ${grant.decided_by ?? ''}`,
      );
    }
    if (!withdrawing && grant.proposed_by === actor.userId) {
      throw new DomainException(ErrorCode.GRANT_SELF_APPROVAL, `${actor.userId} proposed this grant: another admin approves it`);
    }
    if (!withdrawing && grant.username === actor.userId) {
      throw new DomainException(ErrorCode.GRANT_SELF_APPROVAL, `the grant is for ${actor.userId}: another admin approves it`);
    }
    return grant;
  }

  async endRole(actor: Actor, userId: string, assignmentId: string, dto: EndRoleDto): Promise<UserView> {
    const user = await this.get(userId);
    const held = user.roles.find((r) => r.id === assignmentId);
    if (!held)
      throw new DomainException(ErrorCode.ROLE_ASSIGNMENT_NOT_FOUND, `user ${user.username} has no role ${assignmentId}`);
    const validTo = dto.validTo ? new Date(dto.validTo) : new Date();
    if (validTo.toISOString() <= held.validFrom)
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'validTo must be after validFrom');
    if (held.validTo !== null && held.validTo <= validTo.toISOString()) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `the role already ends on ${held.validTo}`);
    }
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE role_assignments SET valid_to = $2, ended_by = $3, reason = coalesce(reason || ' | ', '') || $4 WHERE id = $1`,
        [assignmentId, validTo, actor.userId, dto.reason],
      );
      await audit(
        m,
        actor,
        'ROLE_ENDED',
        `Kết thúc vai trò ${held.labelVi} của ${user.username} từ ${validTo.toISOString()}: ${dto.reason}`,
        {
          userId: user.id,
          assignmentId,
          validTo: validTo.toISOString(),
        },
      );
    });
    return this.get(user.id);
  }

  /** The role's scope, checked against the stored provinces and units. */
  private async scopeOf(dto: AssignRoleDto): Promise<{ provinceCode: string | null; unitCode: string | null }> {
    if (SYSTEM_ROLES.includes(dto.role)) {
      if (dto.unitCode) throw new DomainException(ErrorCode.VALIDATION_FAILED, `${dto.role} is not a unit's role`);
      return { provinceCode: dto.provinceCode ?? null, unitCode: null };
    }
    if (UNIT_ROLES.includes(dto.role)) {
      if (!dto.unitCode) throw new DomainException(ErrorCode.VALIDATION_FAILED, `${dto.role} needs unitCode`);
      const units: { province_code: string }[] = await this.dataSource.query(`SELECT province_code FROM units WHERE code = $1`, [
        dto.unitCode,
      ]);
      if (!units[0]) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `no unit ${dto.unitCode}`);
      if (dto.provinceCode && dto.provinceCode !== units[0].province_code) {
        throw new DomainException(
          ErrorCode.VALIDATION_FAILED,
          `unit ${dto.unitCode} belongs to province ${units[0].province_code}`,
        );
      }
      return { provinceCode: units[0].province_code, unitCode: dto.unitCode };
    }
    if (dto.unitCode) throw new DomainException(ErrorCode.VALIDATION_FAILED, `${dto.role} is a province's role, not a unit's`);
    if (!dto.provinceCode) throw new DomainException(ErrorCode.VALIDATION_FAILED, `${dto.role} needs provinceCode`);
    const provinces: unknown[] = await this.dataSource.query(`SELECT 1 FROM provinces WHERE code = $1`, [dto.provinceCode]);
    if (provinces.length === 0) throw new DomainException(ErrorCode.PROVINCE_NOT_FOUND, `no province ${dto.provinceCode}`);
    return { provinceCode: dto.provinceCode, unitCode: null };
  }
}

function roleView(r: RoleRow): RoleAssignmentView {
  const validFrom = r.valid_from.toISOString();
  const validTo = r.valid_to?.toISOString() ?? null;
  return {
    id: r.id,
    role: r.role,
    provinceCode: r.province_code,
    unitCode: r.unit_code,
    validFrom,
    validTo,
    grantedBy: r.granted_by,
    reason: r.reason,
    current: isValidAt({ validFrom, validTo }, new Date().toISOString()),
    labelVi: roleLabelVi(r.role, r.province_code, r.unit_code),
  };
}

type GrantRow = {
  id: string;
  user_id: string;
  username: string;
  role: Role;
  province_code: string | null;
  unit_code: string | null;
  valid_from: Date;
  valid_to: Date | null;
  reason: string | null;
  status: RoleGrantView['status'];
  proposed_by: string;
  proposed_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
};

function grantView(g: GrantRow): RoleGrantView {
  return {
    id: g.id,
    userId: g.user_id,
    username: g.username,
    role: g.role,
    provinceCode: g.province_code,
    unitCode: g.unit_code,
    validFrom: g.valid_from.toISOString(),
    validTo: g.valid_to?.toISOString() ?? null,
    reason: g.reason,
    status: g.status,
    proposedBy: g.proposed_by,
    proposedAt: g.proposed_at.toISOString(),
    decidedBy: g.decided_by,
    decidedAt: g.decided_at?.toISOString() ?? null,
    decisionReason: g.decision_reason,
    labelVi: roleLabelVi(g.role, g.province_code, g.unit_code),
  };
}

/** 00:00 of the current day in Vietnam (UTC+7, no daylight saving): the earliest start a grant may have. */
export function startOfVietnamDay(now: Date): Date {
  return new Date(`${vietnamDate(now)}T00:00:00+07:00`);
}

function audit(m: EntityManager, actor: Actor, type: string, summaryVi: string, data: Record<string, unknown>): Promise<void> {
  return appendAdministrativeAudit(m, actor, { eventId: `identity:${randomUUID()}`, type, summaryVi, data });
}
