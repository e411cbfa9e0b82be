import { Role } from '../../shared/actors';

/**
 * The organisation workbook (issue 13): one .xlsx with a sheet per kind of master data. Headers are Vietnamese and
 * matched by text (NFC, trimmed, case-insensitive), so columns may be reordered; every value is normalised the same
 * way before it is compared with what is stored. Pure: no I/O, no exceljs.
 */

export type SheetKey = 'blocs' | 'units' | 'memberships' | 'leaderships' | 'accounts';

export type ColumnType =
  | 'code'
  | 'text'
  | 'optionalText'
  | 'int'
  | 'optionalInt'
  | 'percent'
  | 'date'
  | 'optionalDate'
  | 'enum'
  | 'username'
  | 'optionalCode';

export interface ColumnSpec {
  key: string;
  header: string;
  type: ColumnType;
  /** For 'enum': the accepted values, each with its Vietnamese label (either is accepted). */
  options?: readonly { value: string; label: string }[];
  /** Width in characters, for the template. */
  width: number;
  /** An example value for the template's second row. */
  example: string | number | Date | null;
}

export interface SheetSpec {
  key: SheetKey;
  name: string;
  columns: readonly ColumnSpec[];
}

export const BLOC_KINDS = [
  { value: 'KHOI', label: 'Khối' },
  { value: 'CUM', label: 'Cụm' },
] as const;

export const UNIT_KINDS = [
  { value: 'DANG', label: 'Cơ quan Đảng' },
  { value: 'NHA_NUOC', label: 'Cơ quan nhà nước' },
  { value: 'MAT_TRAN', label: 'Mặt trận – đoàn thể' },
  { value: 'HOI', label: 'Hội' },
  { value: 'DOANH_NGHIEP', label: 'Doanh nghiệp' },
  { value: 'XA_PHUONG', label: 'Xã – phường' },
  { value: 'KHAC', label: 'Khác' },
] as const;

/** Roles a workbook may give: a unit's people and the province's; system roles (admin, auditor) are never bulk-granted. */
export const WORKBOOK_ROLES = [
  { value: Role.UNIT_HEAD, label: 'Thủ trưởng đơn vị' },
  { value: Role.UNIT_FOCAL, label: 'Cán bộ đầu mối' },
  { value: Role.BOARD_SPECIALIST, label: 'Chuyên viên Thi đua – Khen thưởng' },
  { value: Role.BOARD_HEAD, label: 'Trưởng phòng Thi đua – Khen thưởng' },
  { value: Role.COUNCIL_MEMBER, label: 'Thành viên Hội đồng' },
  { value: Role.CHAIRMAN, label: 'Chủ tịch UBND tỉnh' },
] as const;

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const SHEETS: readonly SheetSpec[] = [
  {
    key: 'blocs',
    name: 'Khối-Cụm',
    columns: [
      { key: 'code', header: 'Mã khối/cụm', type: 'code', width: 18, example: 'KHOI-DOAN-THE' },
      { key: 'name', header: 'Tên khối/cụm', type: 'text', width: 50, example: 'Khối thi đua Mặt trận và các đoàn thể' },
      { key: 'kind', header: 'Loại', type: 'enum', options: BLOC_KINDS, width: 10, example: 'Khối' },
      { key: 'fromYear', header: 'Từ năm', type: 'int', width: 10, example: 2026 },
      { key: 'toYear', header: 'Đến năm', type: 'optionalInt', width: 10, example: null },
    ],
  },
  {
    key: 'units',
    name: 'Đơn vị',
    columns: [
      { key: 'code', header: 'Mã đơn vị', type: 'code', width: 18, example: 'HLHPN' },
      { key: 'name', header: 'Tên đầy đủ', type: 'text', width: 50, example: 'Hội Liên hiệp Phụ nữ tỉnh' },
      { key: 'shortName', header: 'Tên viết tắt', type: 'optionalText', width: 18, example: 'Hội LHPN' },
      { key: 'kind', header: 'Loại hình', type: 'enum', options: UNIT_KINDS, width: 20, example: 'Mặt trận – đoàn thể' },
      { key: 'parentCode', header: 'Mã cơ quan chủ quản', type: 'optionalCode', width: 18, example: null },
      { key: 'headCount', header: 'Số biên chế', type: 'optionalInt', width: 12, example: 35 },
      { key: 'womenPercent', header: 'Tỷ lệ nữ (%)', type: 'percent', width: 12, example: 80 },
      { key: 'validFrom', header: 'Hiệu lực từ ngày', type: 'date', width: 16, example: d('2026-01-01') },
      { key: 'validTo', header: 'Hết hiệu lực từ ngày', type: 'optionalDate', width: 18, example: null },
      { key: 'successorCode', header: 'Mã đơn vị kế thừa', type: 'optionalCode', width: 18, example: null },
    ],
  },
  {
    key: 'memberships',
    name: 'Thành viên khối',
    columns: [
      { key: 'blocCode', header: 'Mã khối/cụm', type: 'code', width: 18, example: 'KHOI-DOAN-THE' },
      { key: 'unitCode', header: 'Mã đơn vị', type: 'code', width: 18, example: 'HLHPN' },
      { key: 'validFrom', header: 'Từ ngày', type: 'date', width: 14, example: d('2026-01-01') },
      { key: 'validTo', header: 'Đến ngày (không tính ngày này)', type: 'optionalDate', width: 28, example: null },
    ],
  },
  {
    key: 'leaderships',
    name: 'Lãnh đạo khối',
    columns: [
      { key: 'blocCode', header: 'Mã khối/cụm', type: 'code', width: 18, example: 'KHOI-DOAN-THE' },
      { key: 'year', header: 'Năm', type: 'int', width: 8, example: 2026 },
      { key: 'leaderUnitCode', header: 'Trưởng khối (mã đơn vị)', type: 'code', width: 24, example: 'HLHPN' },
      { key: 'deputyUnitCode', header: 'Phó khối (mã đơn vị)', type: 'code', width: 24, example: 'LDLD' },
    ],
  },
  {
    key: 'accounts',
    name: 'Tài khoản',
    columns: [
      { key: 'username', header: 'Tên đăng nhập', type: 'username', width: 24, example: 'nguyen.thi.a' },
      { key: 'displayName', header: 'Họ và tên', type: 'text', width: 30, example: 'Nguyễn Thị A' },
      { key: 'unitCode', header: 'Mã đơn vị', type: 'optionalCode', width: 18, example: 'HLHPN' },
      { key: 'role', header: 'Vai trò', type: 'enum', options: WORKBOOK_ROLES, width: 34, example: 'Thủ trưởng đơn vị' },
    ],
  },
];

export const SHEET_BY_KEY: Record<SheetKey, SheetSpec> = Object.fromEntries(SHEETS.map((s) => [s.key, s])) as Record<
  SheetKey,
  SheetSpec
>;

/** A cell as the reader found it: the type matters, so that a date typed as text or a formula is refused. */
export type RawCell =
  | { kind: 'empty' }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; value: string };

export interface Problem {
  sheet: string;
  /** 1-based row of the sheet (1 is the header row); 0 for a problem of the whole file or sheet. */
  row: number;
  /** Column letter and header, e.g. "B (Tên đầy đủ)"; empty for a problem of a whole row or sheet. */
  column: string;
  value: string;
  code: ProblemCode;
  messageVi: string;
}

export type ProblemCode =
  | 'SHEET_MISSING'
  | 'HEADER_MISSING'
  | 'TOO_MANY_ROWS'
  | 'REQUIRED'
  | 'FORMULA'
  | 'CELL_ERROR'
  | 'WRONG_TYPE'
  | 'DATE_AS_TEXT'
  | 'NOT_A_DATE'
  | 'NOT_AN_INTEGER'
  | 'OUT_OF_RANGE'
  | 'BAD_CODE'
  | 'BAD_USERNAME'
  | 'UNKNOWN_OPTION'
  | 'TOO_LONG'
  | 'DUPLICATE'
  | 'UNKNOWN_BLOC'
  | 'UNKNOWN_UNIT'
  | 'OTHER_PROVINCE'
  | 'OVERLAPPING_MEMBERSHIP'
  | 'BAD_INTERVAL'
  | 'NOT_A_MEMBER'
  | 'LEADER_IS_DEPUTY'
  | 'ELECTED_LEADERSHIP'
  | 'UNIT_ROLE_NEEDS_UNIT'
  | 'PROVINCE_ROLE_HAS_UNIT'
  | 'CANNOT_CHANGE'
  | 'NOT_IN_BLOC_YEARS'
  | 'INVALID';

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** NFC, trimmed, inner runs of white space collapsed: how every text of the workbook is compared and stored. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Header comparison: NFC, trimmed, case-insensitive. */
export function headerKey(value: string): string {
  return cleanText(value).toLocaleLowerCase('vi');
}

export function rawText(cell: RawCell): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'string':
      return cell.value;
    case 'number':
      return String(cell.value);
    case 'date':
      return isoDate(cell.value);
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'formula':
      return `=${cell.formula}`;
    case 'error':
      return cell.value;
  }
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const CODE = /^[A-Z0-9_-]{1,64}$/;
const USERNAME = /^[\p{L}\p{N}._@-]{3,100}$/u;
const LOOKS_LIKE_DATE = /^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*$/;

export type CellResult = { ok: true; value: string | number | null } | { ok: false; code: ProblemCode; messageVi: string };

const fail = (code: ProblemCode, messageVi: string): CellResult => ({ ok: false, code, messageVi });

/** One cell against its column: the value to store (NFC, trimmed; codes upper-case, usernames lower-case) or why not. */
export function parseCell(column: ColumnSpec, cell: RawCell): CellResult {
  if (cell.kind === 'formula') return fail('FORMULA', 'Ô chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức.');
  if (cell.kind === 'error') return fail('CELL_ERROR', `Ô có lỗi Excel ${cell.value}.`);
  const optional = column.type.startsWith('optional') || column.type === 'percent';
  const blank = cell.kind === 'empty' || (cell.kind === 'string' && cleanText(cell.value) === '');
  if (blank) return optional ? { ok: true, value: null } : fail('REQUIRED', 'Ô bắt buộc nhưng đang để trống.');
  switch (column.type) {
    case 'code':
    case 'optionalCode': {
      const text = cell.kind === 'string' ? cleanText(cell.value) : cell.kind === 'number' ? String(cell.value) : null;
      if (text === null) return fail('WRONG_TYPE', 'Mã phải là chữ.');
      const code = text.toUpperCase();
      if (!CODE.test(code)) {
        return fail('BAD_CODE', 'Mã chỉ gồm chữ Latinh không dấu, chữ số, dấu gạch ngang hoặc gạch dưới, tối đa 64 ký tự.');
      }
      return { ok: true, value: code };
    }
    case 'username': {
      if (cell.kind !== 'string') return fail('WRONG_TYPE', 'Tên đăng nhập phải là chữ.');
      const name = cleanText(cell.value).toLowerCase();
      if (!USERNAME.test(name)) {
        return fail('BAD_USERNAME', 'Tên đăng nhập gồm 3–100 chữ, chữ số hoặc các dấu . _ @ -, không có khoảng trắng.');
      }
      return { ok: true, value: name };
    }
    case 'text':
    case 'optionalText': {
      if (cell.kind !== 'string') return fail('WRONG_TYPE', 'Ô phải là chữ.');
      const text = cleanText(cell.value);
      const max = column.type === 'text' ? 300 : 100;
      if (text.length > max) return fail('TOO_LONG', `Tối đa ${max} ký tự.`);
      return { ok: true, value: text };
    }
    case 'enum': {
      const text = cell.kind === 'string' ? headerKey(cell.value) : null;
      const option = column.options?.find((o) => headerKey(o.label) === text || o.value.toLowerCase() === text);
      if (!option) {
        return fail('UNKNOWN_OPTION', `Chọn một trong: ${(column.options ?? []).map((o) => o.label).join('; ')}.`);
      }
      return { ok: true, value: option.value };
    }
    case 'int':
    case 'optionalInt': {
      if (cell.kind !== 'number') return fail('WRONG_TYPE', 'Ô phải là số nguyên (định dạng số, không phải chữ).');
      if (!Number.isInteger(cell.value)) return fail('NOT_AN_INTEGER', 'Ô phải là số nguyên.');
      if (cell.value < 0 || cell.value > 1_000_000) return fail('OUT_OF_RANGE', 'Số nằm ngoài khoảng cho phép (0–1.000.000).');
      return { ok: true, value: cell.value };
    }
    case 'percent': {
      if (cell.kind !== 'number') return fail('WRONG_TYPE', 'Tỷ lệ phải là số (từ 0 đến 100), không phải chữ.');
      if (cell.value < 0 || cell.value > 100) return fail('OUT_OF_RANGE', 'Tỷ lệ phải từ 0 đến 100.');
      return { ok: true, value: Math.round(cell.value * 100) / 100 };
    }
    case 'date':
    case 'optionalDate': {
      if (cell.kind === 'date') {
        if (Number.isNaN(cell.value.getTime())) return fail('NOT_A_DATE', 'Ngày không hợp lệ.');
        const year = cell.value.getUTCFullYear();
        if (year < 1945 || year > 2100) return fail('OUT_OF_RANGE', 'Năm của ngày phải từ 1945 đến 2100.');
        return { ok: true, value: isoDate(cell.value) };
      }
      if (cell.kind === 'string' && LOOKS_LIKE_DATE.test(cell.value)) {
        return fail('DATE_AS_TEXT', 'Ngày đang được nhập dưới dạng chữ; hãy nhập ô kiểu ngày của Excel (ví dụ 01/01/2026).');
      }
      return fail('NOT_A_DATE', 'Ô phải là ngày (kiểu ngày của Excel).');
    }
  }
}

/** Rows of one sheet, as parsed: each value keyed by column, with the sheet row it came from. */
export interface ParsedRow {
  row: number;
  values: Record<string, string | number | null>;
}

export interface BlocRecord {
  row: number;
  code: string;
  name: string;
  kind: 'KHOI' | 'CUM';
  fromYear: number;
  toYear: number | null;
}

export interface UnitRecord {
  row: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentCode: string | null;
  headCount: number | null;
  /** Percent, 0–100 with two decimals (stored as a ratio 0–1). */
  womenPercent: number | null;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
}

export interface MembershipRecord {
  row: number;
  blocCode: string;
  unitCode: string;
  validFrom: string;
  validTo: string | null;
}

export interface LeadershipRecord {
  row: number;
  blocCode: string;
  year: number;
  leaderUnitCode: string;
  deputyUnitCode: string;
}

export interface AccountRecord {
  row: number;
  username: string;
  displayName: string;
  unitCode: string | null;
  role: Role;
}

export interface WorkbookRecords {
  blocs: BlocRecord[];
  units: UnitRecord[];
  memberships: MembershipRecord[];
  leaderships: LeadershipRecord[];
  accounts: AccountRecord[];
}

export const UNIT_ROLE_VALUES: readonly string[] = [Role.UNIT_HEAD, Role.UNIT_FOCAL];

/** Where a column of a sheet is, for problems found after parsing (duplicates, references). */
export function columnRef(sheet: SheetKey, key: string, positions?: Map<string, number>): string {
  const spec = SHEET_BY_KEY[sheet];
  const index = positions?.get(key) ?? spec.columns.findIndex((c) => c.key === key);
  const column = spec.columns.find((c) => c.key === key);
  return `${columnLetter(index)} (${column?.header ?? key})`;
}
