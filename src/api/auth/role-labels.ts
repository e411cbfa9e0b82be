import { BlocCapacity, Role } from '../../shared/actors';

/** Vietnamese names of the roles, shown with their scope (tỉnh, đơn vị). */
export const ROLE_LABELS_VI: Record<Role, string> = {
  [Role.UNIT_HEAD]: 'Thủ trưởng đơn vị',
  [Role.UNIT_FOCAL]: 'Cán bộ đầu mối thi đua',
  [Role.BOARD_SPECIALIST]: 'Chuyên viên Phòng Thi đua – Khen thưởng',
  [Role.BOARD_HEAD]: 'Trưởng phòng Thi đua – Khen thưởng',
  [Role.COUNCIL_MEMBER]: 'Thành viên Hội đồng Thi đua – Khen thưởng tỉnh',
  [Role.CHAIRMAN]: 'Chủ tịch UBND tỉnh',
  [Role.ADMIN]: 'Quản trị hệ thống',
  [Role.AUDITOR]: 'Kiểm tra, thanh tra (chỉ xem)',
};

export const CAPACITY_LABELS_VI: Record<BlocCapacity, string> = {
  [BlocCapacity.LEADER]: 'Trưởng khối',
  [BlocCapacity.DEPUTY]: 'Phó khối',
};

export function roleLabelVi(role: Role, provinceCode: string | null, unitCode: string | null): string {
  const scope = unitCode ? ` – đơn vị ${unitCode}` : provinceCode ? ` – tỉnh ${provinceCode}` : '';
  return `${ROLE_LABELS_VI[role]}${scope}`;
}

/** The same label with the unit's or the province's name, as people read it, where the name is known. */
export function namedRoleLabelVi(
  role: Role,
  provinceCode: string | null,
  unitCode: string | null,
  names: { units: Map<string, string>; provinces: Map<string, string> },
): string {
  const unit = unitCode ? names.units.get(unitCode) : undefined;
  const province = provinceCode ? names.provinces.get(provinceCode) : undefined;
  if (unitCode) return unit ? `${ROLE_LABELS_VI[role]} – ${unit}` : roleLabelVi(role, provinceCode, unitCode);
  if (provinceCode) return province ? `${ROLE_LABELS_VI[role]} – ${province}` : roleLabelVi(role, provinceCode, null);
  return ROLE_LABELS_VI[role];
}
