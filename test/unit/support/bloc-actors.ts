import { BlocCapacity, Role, type Actor } from '../../../src/shared/actors';

/**
 * The people of one bloc in a year, as the API vouches for them: unit heads (the Trưởng khối and Phó khối with their
 * seat in office), focal persons and the board's roles. Shared by the unit tests of the rules and of the inbox.
 */
export function blocActors(provinceCode: string, blocCode: string, seats = { leader: 'HLHPN', deputy: 'LDLD' }, year = 2020) {
  const since = `${year}-01-01T00:00:00Z`;
  const head = (unitCode: string, extra: Partial<Actor> = {}): Actor => ({
    userId: `head.${unitCode}`,
    role: Role.UNIT_HEAD,
    unitCode,
    provinceCode,
    ...extra,
  });
  return {
    head,
    leader: (): Actor => head(seats.leader, { leads: [{ blocCode, capacity: BlocCapacity.LEADER, year, since }] }),
    deputy: (): Actor => head(seats.deputy, { leads: [{ blocCode, capacity: BlocCapacity.DEPUTY, year, since }] }),
    focal: (unitCode: string): Actor => ({ userId: `focal.${unitCode}`, role: Role.UNIT_FOCAL, unitCode, provinceCode }),
    board: (role: Role, province = provinceCode): Actor => ({ userId: `${role}.${province}`, role, provinceCode: province }),
  };
}
