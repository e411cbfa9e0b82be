import type { CycleUnitEntity } from '../../entities';

/** Mappers keep TypeORM entities out of API answers; shared by the reads and the evidence export. */
export const toIso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toUnitProgress(u: CycleUnitEntity) {
  return {
    unitCode: u.unitCode,
    unitName: u.unitName,
    pledgeSignedAt: toIso(u.pledgeSignedAt),
    pledgeLate: u.pledgeLate,
    assessmentStatus: u.assessmentStatus,
    assessmentLate: u.assessmentLate,
    assessmentRounds: u.assessmentRounds,
    verifiedTotal: u.verifiedTotal === null ? null : Number(u.verifiedTotal),
  };
}
