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

interface RoleRow {
  id: string;
  role: HeldRole['role'];
  province_code: string | null;
  unit_code: string | null;
  valid_from: Date | string;
  valid_to: Date | string | null;
}

interface LeadershipRow {
  province_code: string;
  bloc_code: string;
  year: number;
  leader_unit_code: string;
  deputy_unit_code: string;
  since: Date | string;
}

/** Dates come as Date from a column, as text from json_agg. */
const iso = (value: Date | string): string => new Date(value).toISOString();

const heldRoleOf = (r: RoleRow): HeldRole => ({
  assignmentId: r.id,
  role: r.role,
  provinceCode: r.province_code,
  unitCode: r.unit_code,
  validFrom: iso(r.valid_from),
  validTo: r.valid_to === null ? null : iso(r.valid_to),
});

const leadershipOf = (r: LeadershipRow): LeadershipInOffice => ({
  provinceCode: r.province_code,
  blocCode: r.bloc_code,
  year: r.year,
  leaderUnitCode: r.leader_unit_code,
  deputyUnitCode: r.deputy_unit_code,
  since: iso(r.since),
});

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

  /**
   * What a request needs to become an Actor, in one round trip instead of three: the user behind the live session,
   * the roles held, and for each unit of those roles the bloc leaderships in office at `at`. Nothing is cached, so a
   * logout, a disabled account or a revoked role refuses the very next request.
   */
  async sessionAuthority(
    userId: string,
    sessionId: string | undefined,
    at = new Date(),
  ): Promise<{ user: AuthenticatedUser; held: HeldRole[]; leaderships: Map<string, LeadershipInOffice[]> }> {
    const rows: {
      id: string;
      username: string;
      display_name: string;
      disabled: boolean;
      live: boolean;
      roles: RoleRow[];
      leaderships: (LeadershipRow & { unit_code: string })[];
    }[] = await this.dataSource.query(
      `WITH r AS (SELECT id, role, province_code, unit_code, valid_from, valid_to FROM role_assignments WHERE user_id = $1::uuid),
            l AS (SELECT DISTINCT ON (m.unit_code, l.bloc_id) m.unit_code, b.province_code, b.code AS bloc_code, l.year,
                         l.leader_unit_code, l.deputy_unit_code,
                         coalesce(l.handed_over_at, make_timestamptz(l.year, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')) AS since
                  FROM (SELECT DISTINCT unit_code FROM r WHERE unit_code IS NOT NULL) m
                  JOIN bloc_leaderships l ON l.bloc_id IN (SELECT bloc_id FROM bloc_leaderships
                                                           WHERE leader_unit_code = m.unit_code OR deputy_unit_code = m.unit_code)
                  JOIN blocs b ON b.id = l.bloc_id
                  WHERE l.source <> 'ELECTED' OR (l.handed_over_at IS NOT NULL AND l.handed_over_at <= $3)
                  ORDER BY m.unit_code, l.bloc_id, l.year DESC)
       SELECT u.id, u.username, u.display_name, u.disabled,
              ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM refresh_tokens t
                 WHERE t.family_id = $2::uuid AND t.revoked_at IS NULL AND t.expires_at > now())) AS live,
              (SELECT coalesce(json_agg(r ORDER BY r.valid_from, r.id), '[]'::json) FROM r) AS roles,
              (SELECT coalesce(json_agg(l), '[]'::json) FROM l) AS leaderships
       FROM users u WHERE u.id = $1::uuid`,
      [userId, sessionId ?? null, at],
    );
    const row = rows[0];
    if (!row || row.disabled) throw new DomainException(ErrorCode.UNAUTHENTICATED, 'the account does not exist or is disabled');
    if (!row.live) throw new DomainException(ErrorCode.UNAUTHENTICATED, 'the session has ended (logged out); log in again');
    const leaderships = new Map<string, LeadershipInOffice[]>();
    for (const l of row.leaderships) leaderships.set(l.unit_code, [...(leaderships.get(l.unit_code) ?? []), leadershipOf(l)]);
    return {
      user: { id: row.id, username: row.username, displayName: row.display_name },
      held: row.roles.map(heldRoleOf),
      leaderships,
    };
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
    return rows.map(heldRoleOf);
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
    return rows.map(leadershipOf);
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
  async actorFor(
    user: AuthenticatedUser,
    choice: { role?: string; unitCode?: string },
    at = new Date(),
    known?: { held: HeldRole[]; leaderships: Map<string, LeadershipInOffice[]> },
  ): Promise<Actor> {
    const held = known?.held ?? (await this.heldRoles(user.id));
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
      const inOffice = known?.leaderships.get(actor.unitCode) ?? (await this.leadershipsInOffice(actor.unitCode, at));
      const leads = blocAuthorities(actor, inOffice);
      if (leads.length > 0) actor.leads = leads;
    }
    return actor;
  }
}
