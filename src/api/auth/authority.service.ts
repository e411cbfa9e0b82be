import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { blocAuthorities, isValidAt, resolveActingRole, type HeldRole, type LeadershipInOffice } from '../../domain/authority';
import { Role, type Actor, type BlocAuthority } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';

export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
}

/**
 * Dated authority: the roles a user holds at an instant (role_assignments) and, for unit heads, the bloc
 * seats their unit holds then (bloc_leaderships in office: seeded or appointed ones at once, elected ones
 * from their handover). The one place where an identity becomes an Actor.
 */
@Injectable()
export class AuthorityService {
  constructor(private readonly dataSource: DataSource) {}

  /** The user behind a live session, or a refusal: unknown, disabled, or logged out. */
  async sessionUser(userId: string, sessionId: string | undefined): Promise<AuthenticatedUser> {
    const rows: { id: string; username: string; display_name: string; disabled: boolean; live: boolean }[] =
      await this.dataSource.query(
        `SELECT u.id, u.username, u.display_name, u.disabled,
                ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM refresh_tokens r
                   WHERE r.family_id = $2::uuid AND r.revoked_at IS NULL AND r.expires_at > now())) AS live
         FROM users u WHERE u.id = $1::uuid`,
        [userId, sessionId ?? null],
      );
    const row = rows[0];
    if (!row || row.disabled) throw new DomainException(ErrorCode.UNAUTHENTICATED, 'the account does not exist or is disabled');
    if (!row.live) throw new DomainException(ErrorCode.UNAUTHENTICATED, 'the session has ended (logged out); log in again');
    return { id: row.id, username: row.username, displayName: row.display_name };
  }

  async heldRoles(userId: string): Promise<HeldRole[]> {
    const rows: {
      id: string;
      role: HeldRole['role'];
      province_code: string | null;
      unit_code: string | null;
      valid_from: Date;
      valid_to: Date | null;
    }[] = await this.dataSource.query(
      `SELECT id, role, province_code, unit_code, valid_from, valid_to FROM role_assignments
       WHERE user_id = $1 ORDER BY valid_from, id`,
      [userId],
    );
    return rows.map((r) => ({
      assignmentId: r.id,
      role: r.role,
      provinceCode: r.province_code,
      unitCode: r.unit_code,
      validFrom: r.valid_from.toISOString(),
      validTo: r.valid_to?.toISOString() ?? null,
    }));
  }

  /** For each bloc, the latest leadership in office at `at`. */
  async leadershipsInOffice(unitCode: string, at: Date): Promise<LeadershipInOffice[]> {
    const rows: {
      province_code: string;
      bloc_code: string;
      year: number;
      leader_unit_code: string;
      deputy_unit_code: string;
      since: Date;
    }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (l.bloc_id) b.province_code, b.code AS bloc_code, l.year, l.leader_unit_code, l.deputy_unit_code,
              coalesce(l.handed_over_at, make_timestamptz(l.year, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')) AS since
       FROM bloc_leaderships l JOIN blocs b ON b.id = l.bloc_id
       WHERE l.bloc_id IN (SELECT bloc_id FROM bloc_leaderships WHERE leader_unit_code = $1 OR deputy_unit_code = $1)
         AND (l.source <> 'ELECTED' OR (l.handed_over_at IS NOT NULL AND l.handed_over_at <= $2))
       ORDER BY l.bloc_id, l.year DESC`,
      [unitCode, at],
    );
    return rows.map((r) => ({
      provinceCode: r.province_code,
      blocCode: r.bloc_code,
      year: r.year,
      leaderUnitCode: r.leader_unit_code,
      deputyUnitCode: r.deputy_unit_code,
      since: r.since.toISOString(),
    }));
  }

  /** Every bloc seat the user's unit-head roles in force hold now (for "who am I", whatever role they act in). */
  async seatsOf(user: AuthenticatedUser, at = new Date()): Promise<BlocAuthority[]> {
    const instant = at.toISOString();
    const heads = (await this.heldRoles(user.id)).filter((h) => h.role === Role.UNIT_HEAD && h.unitCode && isValidAt(h, instant));
    const seats: BlocAuthority[] = [];
    for (const head of heads) {
      const actor: Actor = { userId: user.username, role: Role.UNIT_HEAD, unitCode: head.unitCode as string };
      seats.push(...blocAuthorities(actor, await this.leadershipsInOffice(head.unitCode as string, at)));
    }
    return seats;
  }

  /** The Actor of a request: the chosen (or only) role held now, with the bloc seats of the unit it belongs to. */
  async actorFor(user: AuthenticatedUser, choice: { role?: string; unitCode?: string }, at = new Date()): Promise<Actor> {
    const held = await this.heldRoles(user.id);
    const resolution = resolveActingRole(user.username, held, at.toISOString(), choice);
    if (!resolution.ok) throw new DomainException(resolution.code, resolution.detail);
    const actor = resolution.actor;
    const otherUnits = [
      ...new Set(
        held.flatMap((h) => (h.unitCode && h.unitCode !== actor.unitCode && isValidAt(h, at.toISOString()) ? [h.unitCode] : [])),
      ),
    ];
    if (otherUnits.length > 0) actor.otherUnits = otherUnits;
    if (actor.unitCode) {
      const leads = blocAuthorities(actor, await this.leadershipsInOffice(actor.unitCode, at));
      if (leads.length > 0) actor.leads = leads;
    }
    return actor;
  }
}
