export enum Role {
  /** Thủ trưởng đơn vị thành viên: signs, approves the unit's self-assessment, votes; as head of the leading unit, acts as Trưởng khối. */
  UNIT_HEAD = 'UNIT_HEAD',
  /** Cán bộ đầu mối: prepares the unit's self-assessment. */
  UNIT_FOCAL = 'UNIT_FOCAL',
  /** Chuyên viên Phòng Thi đua – Khen thưởng, Sở Nội vụ. */
  BOARD_SPECIALIST = 'BOARD_SPECIALIST',
  /** Trưởng phòng Thi đua – Khen thưởng; secretary of the provincial council. */
  BOARD_HEAD = 'BOARD_HEAD',
  /** Thành viên Hội đồng Thi đua – Khen thưởng tỉnh: votes in the council's appraisal. */
  COUNCIL_MEMBER = 'COUNCIL_MEMBER',
  /** Chủ tịch UBND tỉnh. */
  CHAIRMAN = 'CHAIRMAN',
  ADMIN = 'ADMIN',
  /** Read-only auditor: verifies the audit chain and exports evidence; takes no step. */
  AUDITOR = 'AUDITOR',
}

export const ROLES: readonly Role[] = Object.values(Role);

/** Who performs a step. Carried into every update so the workflow can check entitlement itself. */
export interface Actor {
  userId: string;
  role: Role;
  /** Required for UNIT_HEAD and UNIT_FOCAL. */
  unitCode?: string;
  /** The province the acting role assignment is scoped to; absent for system-wide roles (admin, auditor). */
  provinceCode?: string;
  /** Bloc capacities the person's unit holds at the moment of the request (from the leadership in office). */
  leads?: BlocAuthority[];
  /**
   * The other units the person serves through a unit role in force, whatever role they act in now (absent when none):
   * recusal holds for each of them, so the head of a unit acting as a council member is still recused from it.
   */
  otherUnits?: string[];
}

/** Trưởng khối or Phó khối of a bloc: held by the head of the unit in that seat, from the handover on. */
export interface BlocAuthority {
  blocCode: string;
  capacity: BlocCapacity;
  /** The year of the leadership in office. */
  year: number;
  /** When it took office (ISO instant). */
  since: string;
}

/**
 * Capacities derived from the bloc's leadership rather than assigned to a person: the head of the unit
 * that leads (or deputises for) a bloc holds them from the handover until the next handover.
 */
export enum BlocCapacity {
  /** Trưởng khối. */
  LEADER = 'LEADER',
  /** Phó khối. */
  DEPUTY = 'DEPUTY',
}

export const UNIT_ROLES: readonly Role[] = [Role.UNIT_HEAD, Role.UNIT_FOCAL];

/**
 * The deciding roles: the province's people whose decisions settle awards (appraisal, council vote, the chairman's
 * decision). Granting one takes two people (proposed by one admin, approved by another), and so does granting ADMIN,
 * since an admin who could make another admin alone could approve his own proposals through them.
 */
export const DECIDING_ROLES: readonly Role[] = [Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.COUNCIL_MEMBER, Role.CHAIRMAN];
export const TWO_PERSON_GRANT_ROLES: readonly Role[] = [...DECIDING_ROLES, Role.ADMIN];
