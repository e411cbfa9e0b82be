import type { SheetRows } from './writer';

export interface SampleSize {
  blocs: number;
  units: number;
  accounts: number;
}

/** Sơn La after the 2025 reorganisation, as issue 13 sizes it: 130 blocs and clusters, 1,410 units, 3,000 accounts. */
export const SON_LA_SIZE: SampleSize = { blocs: 130, units: 1_410, accounts: 3_000 };

const KINDS = ['NHA_NUOC', 'MAT_TRAN', 'HOI', 'DANG', 'XA_PHUONG', 'DOANH_NGHIEP'] as const;
const NAMES = ['Sở', 'Hội', 'Ban', 'Ủy ban nhân dân xã', 'Công ty', 'Trung tâm'] as const;
const PEOPLE = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'] as const;
const GIVEN = ['Thị Hà', 'Văn Minh', 'Thu Trang', 'Đức Anh', 'Ngọc Lan', 'Quốc Huy', 'Thanh Tâm', 'Hải Yến'] as const;

/**
 * A deterministic workbook of the given size for province `province` (codes prefixed with it): every unit in one
 * bloc from 1 January of `year`, each bloc's leader and deputy its first two units, and accounts split between unit
 * heads, focal persons and (the last few) the board's specialists. Same input, same rows.
 */
export function sampleRows(province: string, size: SampleSize, year = 2026): SheetRows {
  const from = `${year}-01-01`;
  const blocCode = (b: number) => `${province}-${b < size.blocs / 2 ? 'K' : 'C'}${String(b + 1).padStart(3, '0')}`;
  const unitCode = (u: number) => `${province}-U${String(u + 1).padStart(4, '0')}`;
  const blocOf = (u: number) => u % size.blocs;
  const blocs = Array.from({ length: size.blocs }, (_, b) => ({
    code: blocCode(b),
    name: `${b < size.blocs / 2 ? 'Khối' : 'Cụm'} thi đua số ${b + 1}`,
    kind: b < size.blocs / 2 ? 'KHOI' : 'CUM',
    fromYear: year,
    toYear: null,
  }));
  const units = Array.from({ length: size.units }, (_, u) => ({
    code: unitCode(u),
    name: `${NAMES[u % NAMES.length]} số ${u + 1} tỉnh Sơn La`,
    shortName: `ĐV ${u + 1}`,
    kind: KINDS[u % KINDS.length],
    parentCode: null,
    headCount: 10 + (u % 90),
    womenPercent: (u * 7) % 100,
    validFrom: from,
    validTo: null,
    successorCode: null,
  }));
  const memberships = units.map((u, i) => ({ blocCode: blocCode(blocOf(i)), unitCode: u.code, validFrom: from, validTo: null }));
  const leaderships = blocs
    .map((b, i) => ({ blocCode: b.code, year, leaderUnitCode: unitCode(i), deputyUnitCode: unitCode(i + size.blocs) }))
    .filter((l) => l.deputyUnitCode <= unitCode(size.units - 1));
  const boardAccounts = size.accounts >= 100 ? 10 : 1;
  const accounts = Array.from({ length: size.accounts }, (_, a) => {
    const board = a >= size.accounts - boardAccounts;
    return {
      username: `${province.toLowerCase()}.nguoidung${String(a + 1).padStart(4, '0')}`,
      displayName: `${PEOPLE[a % PEOPLE.length]} ${GIVEN[(a >> 3) % GIVEN.length]}`,
      unitCode: board ? null : unitCode(a % size.units),
      role: board ? 'BOARD_SPECIALIST' : a < size.units ? 'UNIT_HEAD' : 'UNIT_FOCAL',
    };
  });
  return { blocs, units, memberships, leaderships, accounts };
}
