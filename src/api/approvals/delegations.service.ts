import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAdministrativeAudit } from '../../db/audit-append';
import { checkDelegateEligible, type ScopedRole } from '../../domain/approval';
import { provinceOf, readScopeOf } from '../../domain/read-scope';
import { Role, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import type { DelegationDto } from './approvals.dto';

export interface DelegationView {
  id: string;
  fromUser: string;
  toUser: string;
  validFrom: string;
  validTo: string;
  kind: 'DELEGATION' | 'OUT_OF_OFFICE';
  reason: string;
  createdBy: string;
  endedAt: string | null;
}

const COLUMNS = `id, from_user AS "fromUser", to_user AS "toUser", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(valid_to, 'YYYY-MM-DD') AS "validTo", kind, reason, created_by AS "createdBy", ended_at AS "endedAt"`;

/**
 * Ủy quyền and out of office: time-bound, applied when a task is assigned (not to tasks already assigned), never
 * cascading, and only to a delegate eligible for the delegator's roles (checkDelegateEligible). A person records their own; an admin may record one on a holder's behalf. In the audit chain.
 */
@Injectable()
export class DelegationsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(actor: Actor, dto: DelegationDto): Promise<DelegationView> {
    if (actor.role === Role.AUDITOR) throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, 'an auditor changes nothing');
    const from = dto.fromUsername ?? actor.userId;
    if (from !== actor.userId && actor.role !== Role.ADMIN) {
      throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, 'only an admin records a delegation for someone else');
    }
    if (dto.toUsername === from) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'a delegation to oneself means nothing');
    if (dto.validTo < dto.validFrom)
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'validTo must not be before validFrom');
    const users: { username: string }[] = await this.dataSource.query(
      `SELECT username FROM users WHERE username = ANY($1) AND NOT disabled`,
      [[from, dto.toUsername]],
    );
    for (const name of [from, dto.toUsername]) {
      if (!users.some((u) => u.username === name)) throw new DomainException(ErrorCode.USER_NOT_FOUND, `no active user ${name}`);
    }
    const eligible = checkDelegateEligible(await this.rolesInForce(from), await this.rolesInForce(dto.toUsername));
    if (!eligible.ok) throw new DomainException(eligible.code, eligible.detail);
    return this.dataSource.transaction(async (m) => {
      const [row]: DelegationView[] = await m.query(
        `INSERT INTO delegations (from_user, to_user, valid_from, valid_to, kind, reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [from, dto.toUsername, dto.validFrom, dto.validTo, dto.kind ?? 'DELEGATION', dto.reason, actor.userId],
      );
      await appendAdministrativeAudit(m, actor, {
        eventId: `delegation:${row.id}`,
        type: 'DELEGATION_CREATED',
        summaryVi: `${row.kind === 'OUT_OF_OFFICE' ? 'Vắng mặt, giao' : 'Ủy quyền'} cho ${row.toUser} xử lý thay ${row.fromUser} từ ${row.validFrom} đến ${row.validTo}: ${row.reason}`,
        data: { delegationId: row.id, from: row.fromUser, to: row.toUser, validFrom: row.validFrom, validTo: row.validTo },
      });
      return row;
    });
  }

  private rolesInForce(username: string): Promise<ScopedRole[]> {
    return this.dataSource.query(
      `SELECT r.role, r.province_code AS "provinceCode", r.unit_code AS "unitCode"
       FROM role_assignments r JOIN users u ON u.id = r.user_id
       WHERE u.username = $1 AND r.valid_from <= now() AND (r.valid_to IS NULL OR r.valid_to > now())`,
      [username],
    );
  }

  /**
   * One's own delegations; an admin or auditor sees all of them, or, assigned to a province, those given or received by
   * someone holding a role in it.
   */
  list(actor: Actor): Promise<DelegationView[]> {
    const overseer = actor.role === Role.ADMIN || actor.role === Role.AUDITOR;
    const province = overseer ? provinceOf(readScopeOf(actor)) : null;
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM delegations d
       WHERE ($1 AND ($3::varchar IS NULL OR EXISTS (
                SELECT 1 FROM role_assignments r JOIN users u ON u.id = r.user_id
                WHERE u.username IN (d.from_user, d.to_user) AND r.province_code = $3)))
          OR from_user = $2 OR to_user = $2
       ORDER BY valid_from DESC, created_at DESC`,
      [overseer && province !== null, actor.userId, province ?? null],
    );
  }

  async end(actor: Actor, id: string): Promise<DelegationView> {
    const rows: DelegationView[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM delegations WHERE id::text = $1`, [id]);
    const found = rows[0];
    if (!found) throw new DomainException(ErrorCode.DELEGATION_NOT_FOUND, `no delegation ${id}`);
    if (found.fromUser !== actor.userId && actor.role !== Role.ADMIN) {
      throw new DomainException(ErrorCode.FORBIDDEN_ACTOR, 'only the holder or an admin ends a delegation');
    }
    if (found.endedAt) return found;
    return this.dataSource.transaction(async (m) => {
      const [row]: DelegationView[] = await m.query(
        `UPDATE delegations SET ended_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id],
      );
      await appendAdministrativeAudit(m, actor, {
        eventId: `delegation-ended:${id}`,
        type: 'DELEGATION_ENDED',
        summaryVi: `Kết thúc ủy quyền của ${row.fromUser} cho ${row.toUser}`,
        data: { delegationId: id },
      });
      return row;
    });
  }
}
