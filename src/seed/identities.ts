import type { EntityManager } from 'typeorm';
import { Role } from '../shared/actors';

/** One account with the roles it holds from `validFrom` on, as stored by the seed and the test set-up. */
export interface IdentitySpec {
  username: string;
  displayName: string;
  role: Role;
  provinceCode?: string;
  unitCode?: string;
}

/** Username of the person holding `role` (for a unit's roles, of `unitCode`; else in `provinceCode`). */
export function identityUsername(role: Role, scope: string | undefined): string {
  const prefix: Record<Role, string> = {
    [Role.UNIT_HEAD]: 'head',
    [Role.UNIT_FOCAL]: 'focal',
    [Role.BOARD_SPECIALIST]: 'chuyenvien',
    [Role.BOARD_HEAD]: 'truongphong',
    [Role.COUNCIL_MEMBER]: 'hoidong',
    [Role.CHAIRMAN]: 'chutich',
    [Role.ADMIN]: 'admin',
    [Role.AUDITOR]: 'kiemtoan',
  };
  return [prefix[role], scope].filter(Boolean).join('.').toLowerCase();
}

/**
 * The people of a province's cycle: the board (chuyên viên, trưởng phòng), council members, the chairman,
 * and the head and focal person of each unit; plus two admins (grants of deciding roles take two) and one auditor.
 */
export function provinceIdentities(
  provinceCode: string,
  units: readonly { code: string; name: string }[],
  councilMembers = 5,
): IdentitySpec[] {
  const province = (role: Role, displayName: string, scope = provinceCode): IdentitySpec => ({
    username: identityUsername(role, scope),
    displayName,
    role,
    provinceCode,
  });
  return [
    { username: 'admin', displayName: 'Quản trị hệ thống', role: Role.ADMIN },
    // A second admin: grants of deciding roles take two (one proposes, the other approves).
    { username: 'admin2', displayName: 'Quản trị hệ thống (người phê duyệt thứ hai)', role: Role.ADMIN },
    { username: 'kiemtoan', displayName: 'Thanh tra, kiểm tra', role: Role.AUDITOR },
    province(Role.BOARD_SPECIALIST, 'Chuyên viên Phòng Thi đua – Khen thưởng'),
    province(Role.BOARD_HEAD, 'Trưởng phòng Thi đua – Khen thưởng'),
    province(Role.CHAIRMAN, 'Chủ tịch UBND tỉnh'),
    ...Array.from({ length: councilMembers }, (_, i) =>
      province(Role.COUNCIL_MEMBER, `Thành viên Hội đồng TĐKT tỉnh số ${i + 1}`, `${provinceCode}.${i + 1}`),
    ),
    ...units.flatMap((u) => [
      {
        username: identityUsername(Role.UNIT_HEAD, u.code),
        displayName: `Thủ trưởng – ${u.name}`,
        role: Role.UNIT_HEAD,
        unitCode: u.code,
        provinceCode,
      },
      {
        username: identityUsername(Role.UNIT_FOCAL, u.code),
        displayName: `Cán bộ đầu mối – ${u.name}`,
        role: Role.UNIT_FOCAL,
        unitCode: u.code,
        provinceCode,
      },
    ]),
  ];
}

/** The address a seeded account is given (demo and tests only). */
export const demoEmail = (username: string) => `${username}@thidua.invalid`;

/**
 * Creates the account if missing (with the given argon2id hash) and grants the role if the account does not
 * hold it already. Idempotent: an account an admin has since changed keeps its password and other roles.
 */
export async function ensureIdentity(
  m: EntityManager,
  spec: IdentitySpec,
  passwordHash: string,
  grantedBy: string,
): Promise<string> {
  const [user]: { id: string }[] = await m.query(
    // Demo accounts get an address of the reserved .invalid domain: command 1's and the tests' SMTP sink takes it.
    `INSERT INTO users (username, display_name, password_hash, email) VALUES ($1, $2, $3, $4)
     ON CONFLICT (username) DO UPDATE SET username = EXCLUDED.username RETURNING id`,
    [spec.username, spec.displayName.normalize('NFC'), passwordHash, demoEmail(spec.username)],
  );
  await m.query(
    `INSERT INTO role_assignments (user_id, role, province_code, unit_code, valid_from, granted_by, reason)
     SELECT $1::uuid, $2::varchar, $3::varchar, $4::varchar, now() - interval '1 day', $5, 'Dữ liệu mẫu'
     WHERE NOT EXISTS (SELECT 1 FROM role_assignments WHERE user_id = $1::uuid AND role = $2::varchar
                       AND province_code IS NOT DISTINCT FROM $3::varchar AND unit_code IS NOT DISTINCT FROM $4::varchar)`,
    [
      user.id,
      spec.role,
      spec.role === Role.ADMIN || spec.role === Role.AUDITOR ? null : (spec.provinceCode ?? null),
      spec.unitCode ?? null,
      grantedBy,
    ],
  );
  return user.id;
}
