import { randomUUID } from 'node:crypto';
import { pageOf, type Page } from '../common/page.dto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAdministrativeAudit } from '../../db/audit-append';
import { isValidAt } from '../../domain/authority';
import { Role, UNIT_ROLES, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import { AuthService, normalizeUsername } from './auth.service';
import type { AssignRoleDto, CreateUserDto, EndRoleDto, RoleAssignmentView, UpdateUserDto, UserView } from './auth.dto';
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
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  async list(page: Page = pageOf(undefined)): Promise<UserView[]> {
    return this.views(
      await this.dataSource.query(`SELECT id, username, display_name, disabled FROM users ORDER BY username LIMIT $1 OFFSET $2`, [
        page.limit,
        page.offset,
      ]),
    );
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
    return Promise.all(
      users.map(async (user) => ({
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        disabled: user.disabled,
        lockedForSeconds: await this.auth.lockedForSeconds(user.username),
        roles: roles.filter((r) => r.user_id === user.id).map(roleView),
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

  async assignRole(actor: Actor, userId: string, dto: AssignRoleDto): Promise<UserView> {
    const user = await this.get(userId);
    const validFrom = dto.validFrom ? new Date(dto.validFrom) : new Date();
    const validTo = dto.validTo ? new Date(dto.validTo) : null;
    if (validTo && validTo <= validFrom)
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'validTo must be after validFrom');
    const scope = await this.scopeOf(dto);
    await this.dataSource.transaction(async (m) => {
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO role_assignments (user_id, role, province_code, unit_code, valid_from, valid_to, granted_by, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [user.id, dto.role, scope.provinceCode, scope.unitCode, validFrom, validTo, actor.userId, dto.reason ?? null],
      );
      await audit(
        m,
        actor,
        'ROLE_GRANTED',
        `Giao vai trò ${roleLabelVi(dto.role, scope.provinceCode, scope.unitCode)} cho ${user.username} từ ${validFrom.toISOString()}`,
        {
          userId: user.id,
          assignmentId: row.id,
          role: dto.role,
          ...scope,
          validFrom: validFrom.toISOString(),
          validTo: validTo?.toISOString(),
        },
      );
    });
    return this.get(user.id);
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

function audit(m: EntityManager, actor: Actor, type: string, summaryVi: string, data: Record<string, unknown>): Promise<void> {
  return appendAdministrativeAudit(m, actor, { eventId: `identity:${randomUUID()}`, type, summaryVi, data });
}
