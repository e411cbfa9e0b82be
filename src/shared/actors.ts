export enum Role {
  /** Thủ trưởng đơn vị thành viên: signs, approves the unit's self-assessment, votes; as head of the leading unit, acts as Trưởng khối. */
  UNIT_HEAD = 'UNIT_HEAD',
  /** Cán bộ đầu mối: prepares the unit's self-assessment. */
  UNIT_FOCAL = 'UNIT_FOCAL',
  /** Chuyên viên Phòng Thi đua – Khen thưởng, Sở Nội vụ. */
  BOARD_SPECIALIST = 'BOARD_SPECIALIST',
  /** Trưởng phòng Thi đua – Khen thưởng; secretary of the provincial council. */
  BOARD_HEAD = 'BOARD_HEAD',
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
}

export const UNIT_ROLES: readonly Role[] = [Role.UNIT_HEAD, Role.UNIT_FOCAL];
