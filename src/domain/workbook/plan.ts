import type { Role } from '../../shared/actors';
import { cycleMembershipDate, inForce, validateBloc, validateUnit, type OrganisationProblem } from '../organisation/validation';
import {
  columnRef,
  SHEET_BY_KEY,
  UNIT_ROLE_VALUES,
  type AccountRecord,
  type BlocRecord,
  type LeadershipRecord,
  type MembershipRecord,
  type ParsedRow,
  type Problem,
  type ProblemCode,
  type SheetKey,
  type UnitRecord,
  type WorkbookRecords,
} from './format';

/** What is stored for the province (and the few outside rows the file names), as the diff compares it. */
export interface StoredState {
  provinceCode: string;
  blocs: Omit<BlocRecord, 'row'>[];
  units: (Omit<UnitRecord, 'row' | 'womenPercent'> & { womenPercent: number | null })[];
  memberships: Omit<MembershipRecord, 'row'>[];
  leaderships: (Omit<LeadershipRecord, 'row'> & { source: string })[];
  /** Roles in force or pending in the province, one row per role. */
  accounts: (Omit<AccountRecord, 'row'> & { status: 'ACTIVE' | 'PENDING' })[];
  /** Accounts the file names that exist: their display name, and whether they hold roles outside this province. */
  users: { username: string; displayName: string; elsewhere: boolean }[];
  /** Unit codes the file names that belong to another province. */
  foreignUnits: { code: string; provinceCode: string }[];
  /** The province's cycles: a year whose cycle started has its leadership fixed. */
  cycles: { blocCode: string; year: number }[];
}

export type ChangeOp = 'CREATE' | 'CHANGE' | 'END';

export interface DiffEntry {
  sheet: SheetKey;
  op: ChangeOp;
  /** The row's key, e.g. the unit code or "bloc|unit|from". */
  key: string;
  row: number;
  /** The fields that change (all of them for CREATE). */
  fields: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface Plan {
  records: WorkbookRecords;
  problems: Problem[];
  diff: DiffEntry[];
}

type Positions = Record<SheetKey, Map<string, number>>;

/** Checks the parsed sheets against each other and against what is stored, and computes the diff. Pure. */
export function planImport(
  sheets: Record<SheetKey, ParsedRow[]>,
  positions: Positions,
  stored: StoredState,
  readProblems: Problem[] = [],
  /** Rows with a bad cell: their codes still count as known, so one bad cell is one problem, not a cascade. */
  partial?: Record<SheetKey, ParsedRow[]>,
): Plan {
  const problems: Problem[] = [...readProblems];
  const problem = (
    sheet: SheetKey,
    row: number,
    key: string,
    value: string | number | null,
    code: ProblemCode,
    messageVi: string,
  ) =>
    problems.push({
      sheet: SHEET_BY_KEY[sheet].name,
      row,
      column: columnRef(sheet, key, positions[sheet]),
      value: value === null ? '' : String(value),
      code,
      messageVi,
    });

  const records: WorkbookRecords = {
    blocs: sheets.blocs.map((r) => ({ row: r.row, ...(r.values as Omit<BlocRecord, 'row'>) })),
    units: sheets.units.map((r) => ({ row: r.row, ...(r.values as Omit<UnitRecord, 'row'>) })),
    memberships: sheets.memberships.map((r) => ({ row: r.row, ...(r.values as Omit<MembershipRecord, 'row'>) })),
    leaderships: sheets.leaderships.map((r) => ({ row: r.row, ...(r.values as Omit<LeadershipRecord, 'row'>) })),
    accounts: sheets.accounts.map((r) => ({ row: r.row, ...(r.values as Omit<AccountRecord, 'row'>) })),
  };

  canonicalise(records, stored);

  const blocs = uniqueBy(
    records.blocs,
    (b) => b.code,
    (b, first) => problem('blocs', b.row, 'code', b.code, 'DUPLICATE', `Mã khối/cụm trùng với dòng ${first.row}.`),
  );
  const units = uniqueBy(
    records.units,
    (u) => u.code,
    (u, first) => problem('units', u.row, 'code', u.code, 'DUPLICATE', `Mã đơn vị trùng với dòng ${first.row}.`),
  );
  const memberships = uniqueBy(records.memberships, membershipKey, (m, first) =>
    problem(
      'memberships',
      m.row,
      'unitCode',
      m.unitCode,
      'DUPLICATE',
      `Dòng trùng với dòng ${first.row} (cùng khối, đơn vị, ngày bắt đầu).`,
    ),
  );
  const leaderships = uniqueBy(records.leaderships, leadershipKey, (l, first) =>
    problem('leaderships', l.row, 'year', l.year, 'DUPLICATE', `Khối này đã có lãnh đạo năm ${l.year} ở dòng ${first.row}.`),
  );
  const accounts = uniqueBy(records.accounts, accountKey, (a, first) =>
    problem('accounts', a.row, 'username', a.username, 'DUPLICATE', `Tài khoản và vai trò trùng với dòng ${first.row}.`),
  );

  const storedBlocs = new Map(stored.blocs.map((b) => [b.code, b]));
  const storedUnits = new Map(stored.units.map((u) => [u.code, u]));
  const foreign = new Map(stored.foreignUnits.map((u) => [u.code, u.provinceCode]));
  const blocYears = new Map<string, { fromYear: number; toYear: number | null }>([...storedBlocs, ...blocs]);
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const canonUnit = new Map([...stored.units.map((u) => u.code)].map((c) => [c.toUpperCase(), c]));
  const canonBloc = new Map(stored.blocs.map((b) => [b.code.toUpperCase(), b.code]));
  const halfUnits = new Set<string>();
  const halfMembers = new Set<string>();
  for (const r of partial?.blocs ?? []) {
    const code = text(r.values.code);
    if (code && !blocYears.has(canonBloc.get(code) ?? code)) blocYears.set(code, { fromYear: -Infinity, toYear: null });
  }
  for (const r of partial?.units ?? []) {
    const code = text(r.values.code);
    if (code) halfUnits.add(canonUnit.get(code) ?? code);
  }
  for (const r of partial?.memberships ?? []) {
    const bloc = text(r.values.blocCode);
    const unit = text(r.values.unitCode);
    if (bloc && unit) halfMembers.add(`${canonBloc.get(bloc) ?? bloc}|${canonUnit.get(unit) ?? unit}`);
  }
  const unitKnown = (code: string) => units.has(code) || storedUnits.has(code) || halfUnits.has(code);
  const unitProblem = (sheet: SheetKey, row: number, key: string, code: string) => {
    const other = foreign.get(code);
    if (other) problem(sheet, row, key, code, 'OTHER_PROVINCE', `Đơn vị ${code} thuộc tỉnh ${other}, không thuộc tỉnh này.`);
    else problem(sheet, row, key, code, 'UNKNOWN_UNIT', `Không có đơn vị mã ${code} (trong trang "Đơn vị" hoặc đã lưu).`);
  };

  // The rules the master-data API applies to one bloc or unit, so that a row and a request are judged alike.
  const shared = (sheet: SheetKey, row: number, found: OrganisationProblem[], record: object) => {
    const values = record as Record<string, unknown>;
    for (const p of found) {
      const key = p.field === 'womenRatio' ? 'womenPercent' : p.field;
      const value = values[key];
      problem(sheet, row, key, typeof value === 'number' || typeof value === 'string' ? value : null, 'INVALID', p.messageVi);
    }
  };
  for (const b of blocs.values()) {
    const { row: _, ...input } = b;
    const checked = validateBloc(input);
    if (!checked.ok)
      shared(
        'blocs',
        b.row,
        checked.problems.filter((p) => p.field !== 'toYear'),
        b,
      );
  }
  for (const u of units.values()) {
    const { row: _, womenPercent, validTo: _to, successorCode: _s, ...rest } = u;
    const womenRatio = womenPercent === null ? null : Math.round(womenPercent * 100) / 10_000;
    const checked = validateUnit({ ...rest, womenRatio });
    if (!checked.ok)
      shared(
        'units',
        u.row,
        checked.problems.filter((p) => p.field !== 'parentCode'),
        u,
      );
  }
  for (const b of blocs.values()) {
    if (b.toYear !== null && b.toYear < b.fromYear) {
      problem('blocs', b.row, 'toYear', b.toYear, 'BAD_INTERVAL', 'Năm kết thúc phải không trước năm bắt đầu.');
    }
  }
  for (const u of units.values()) {
    const other = foreign.get(u.code);
    if (other) problem('units', u.row, 'code', u.code, 'OTHER_PROVINCE', `Mã đơn vị ${u.code} đã thuộc tỉnh ${other}.`);
    if (u.validTo !== null && u.validTo <= u.validFrom) {
      problem('units', u.row, 'validTo', u.validTo, 'BAD_INTERVAL', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.');
    }
    if (u.parentCode !== null && (u.parentCode === u.code || !unitKnown(u.parentCode))) {
      if (u.parentCode === u.code)
        problem('units', u.row, 'parentCode', u.parentCode, 'UNKNOWN_UNIT', 'Đơn vị không thể là cơ quan chủ quản của chính nó.');
      else unitProblem('units', u.row, 'parentCode', u.parentCode);
    }
    if (u.successorCode !== null && u.successorCode !== u.code && !unitKnown(u.successorCode) && !foreign.has(u.successorCode)) {
      unitProblem('units', u.row, 'successorCode', u.successorCode);
    }
  }

  // The memberships in force after the import: stored ones, with the file's rows replacing those of the same key.
  const merged = new Map<string, Omit<MembershipRecord, 'row'> & { row: number | null }>();
  for (const m of stored.memberships) merged.set(membershipKey(m), { ...m, row: null });
  for (const m of memberships.values()) {
    let ok = true;
    if (!blocYears.has(m.blocCode)) {
      ok = false;
      problem('memberships', m.row, 'blocCode', m.blocCode, 'UNKNOWN_BLOC', `Không có khối/cụm mã ${m.blocCode}.`);
    }
    if (!unitKnown(m.unitCode)) {
      ok = false;
      unitProblem('memberships', m.row, 'unitCode', m.unitCode);
    }
    if (m.validTo !== null && m.validTo <= m.validFrom) {
      ok = false;
      problem('memberships', m.row, 'validTo', m.validTo, 'BAD_INTERVAL', 'Ngày kết thúc phải sau ngày bắt đầu.');
    }
    if (ok) merged.set(membershipKey(m), m);
  }
  const byUnit = new Map<string, (Omit<MembershipRecord, 'row'> & { row: number | null })[]>();
  for (const m of merged.values()) byUnit.set(m.unitCode, [...(byUnit.get(m.unitCode) ?? []), m]);
  for (const list of byUnit.values()) {
    list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1];
      const next = list[i];
      if (prev.validTo === null || prev.validTo > next.validFrom) {
        const at = next.row ?? prev.row;
        if (at === null) continue;
        problem(
          'memberships',
          at,
          'validFrom',
          next.validFrom,
          'OVERLAPPING_MEMBERSHIP',
          `Đơn vị ${next.unitCode} thuộc cả khối ${prev.blocCode} và khối ${next.blocCode} vào ngày ${next.validFrom}; một đơn vị chỉ thuộc một khối/cụm vào mỗi ngày.`,
        );
      }
    }
  }
  // The membership a year's cycle uses is the one in force on 1 January (cycleMembershipDate).
  const memberIn = (blocCode: string, unitCode: string, year: number) =>
    halfMembers.has(`${blocCode}|${unitCode}`) ||
    (byUnit.get(unitCode) ?? []).some((m) => m.blocCode === blocCode && inForce(m, cycleMembershipDate(year)));

  const storedLeaderships = new Map(stored.leaderships.map((l) => [leadershipKey(l), l]));
  for (const l of leaderships.values()) {
    const years = blocYears.get(l.blocCode);
    if (!years) {
      problem('leaderships', l.row, 'blocCode', l.blocCode, 'UNKNOWN_BLOC', `Không có khối/cụm mã ${l.blocCode}.`);
      continue;
    }
    if (l.year < years.fromYear || (years.toYear !== null && l.year > years.toYear)) {
      problem('leaderships', l.row, 'year', l.year, 'NOT_IN_BLOC_YEARS', `Khối ${l.blocCode} không hoạt động năm ${l.year}.`);
    }
    if (l.leaderUnitCode === l.deputyUnitCode) {
      problem(
        'leaderships',
        l.row,
        'deputyUnitCode',
        l.deputyUnitCode,
        'LEADER_IS_DEPUTY',
        'Trưởng khối và Phó khối phải là hai đơn vị khác nhau.',
      );
    }
    for (const key of ['leaderUnitCode', 'deputyUnitCode'] as const) {
      const code = l[key];
      if (!unitKnown(code)) unitProblem('leaderships', l.row, key, code);
      else if (!memberIn(l.blocCode, code, l.year)) {
        problem(
          'leaderships',
          l.row,
          key,
          code,
          'NOT_A_MEMBER',
          `Đơn vị ${code} không là thành viên khối ${l.blocCode} vào ngày 01/01/${l.year} (ngày chu kỳ năm ${l.year} lấy danh sách thành viên).`,
        );
      }
    }
    const before = storedLeaderships.get(leadershipKey(l));
    const changes = !before || before.leaderUnitCode !== l.leaderUnitCode || before.deputyUnitCode !== l.deputyUnitCode;
    if (changes && stored.cycles.some((c) => c.blocCode === l.blocCode && c.year === l.year)) {
      problem(
        'leaderships',
        l.row,
        'year',
        l.year,
        'ELECTED_LEADERSHIP',
        `Chu kỳ thi đua năm ${l.year} của khối ${l.blocCode} đã bắt đầu với lãnh đạo khối của nó; tệp không thay đổi được.`,
      );
    } else if (
      before &&
      !['INITIAL', 'SEEDED'].includes(before.source) &&
      (before.leaderUnitCode !== l.leaderUnitCode || before.deputyUnitCode !== l.deputyUnitCode)
    ) {
      problem(
        'leaderships',
        l.row,
        'leaderUnitCode',
        l.leaderUnitCode,
        'ELECTED_LEADERSHIP',
        `Lãnh đạo khối ${l.blocCode} năm ${l.year} đã được hội nghị bầu (${before.leaderUnitCode}, ${before.deputyUnitCode}); tệp không thay đổi được.`,
      );
    }
  }

  const users = new Map(stored.users.map((u) => [u.username, u]));
  const names = new Map<string, AccountRecord>();
  for (const a of accounts.values()) {
    const unitRole = UNIT_ROLE_VALUES.includes(a.role);
    if (unitRole && a.unitCode === null) {
      problem('accounts', a.row, 'unitCode', '', 'UNIT_ROLE_NEEDS_UNIT', 'Vai trò của đơn vị cần mã đơn vị.');
    } else if (!unitRole && a.unitCode !== null) {
      problem('accounts', a.row, 'unitCode', a.unitCode, 'PROVINCE_ROLE_HAS_UNIT', 'Vai trò cấp tỉnh không ghi mã đơn vị.');
    } else if (a.unitCode !== null && !unitKnown(a.unitCode)) unitProblem('accounts', a.row, 'unitCode', a.unitCode);
    if (users.get(a.username)?.elsewhere) {
      problem(
        'accounts',
        a.row,
        'username',
        a.username,
        'OTHER_PROVINCE',
        'Tài khoản này có vai trò ở tỉnh khác hoặc toàn hệ thống; tệp không giao thêm vai trò cho nó.',
      );
    }
    const first = names.get(a.username);
    if (first && first.displayName !== a.displayName) {
      problem(
        'accounts',
        a.row,
        'displayName',
        a.displayName,
        'DUPLICATE',
        `Cùng tên đăng nhập nhưng họ tên khác với dòng ${first.row}.`,
      );
    } else if (!first) names.set(a.username, a);
  }

  const diff: DiffEntry[] = [];
  const add = <T extends { row: number }>(
    sheet: SheetKey,
    key: string,
    after: T,
    before: Record<string, unknown> | undefined,
    fields: readonly string[],
    endField?: string,
  ) => {
    const { row, ...value } = after;
    if (!before) {
      diff.push({ sheet, op: 'CREATE', key, row, fields: [...fields], before: null, after: value });
      return;
    }
    const changed = fields.filter((f) => !same(before[f], (value as Record<string, unknown>)[f]));
    if (changed.length === 0) return;
    const ending =
      endField !== undefined &&
      changed.includes(endField) &&
      before[endField] === null &&
      changed.every((f) => f === endField || f === 'successorCode');
    diff.push({ sheet, op: ending ? 'END' : 'CHANGE', key, row, fields: changed, before, after: value });
  };
  for (const b of blocs.values())
    add('blocs', b.code, b, storedBlocs.get(b.code), ['name', 'kind', 'fromYear', 'toYear'], 'toYear');
  for (const u of units.values()) {
    if (foreign.has(u.code)) continue;
    add(
      'units',
      u.code,
      u,
      storedUnits.get(u.code),
      ['name', 'shortName', 'kind', 'parentCode', 'headCount', 'womenPercent', 'validFrom', 'validTo', 'successorCode'],
      'validTo',
    );
  }
  const storedMemberships = new Map(stored.memberships.map((m) => [membershipKey(m), m]));
  for (const m of memberships.values()) {
    add(
      'memberships',
      membershipKey(m),
      m,
      storedMemberships.get(membershipKey(m)),
      ['blocCode', 'unitCode', 'validFrom', 'validTo'],
      'validTo',
    );
  }
  for (const l of leaderships.values()) {
    add('leaderships', leadershipKey(l), l, storedLeaderships.get(leadershipKey(l)), [
      'blocCode',
      'year',
      'leaderUnitCode',
      'deputyUnitCode',
    ]);
  }
  const storedAccounts = new Map(stored.accounts.map((a) => [accountKey(a), a]));
  for (const a of accounts.values()) {
    if (storedAccounts.has(accountKey(a))) continue;
    const { row, ...after } = a;
    diff.push({
      sheet: 'accounts',
      op: 'CREATE',
      key: accountKey(a),
      row,
      fields: ['username', 'displayName', 'unitCode', 'role'],
      before: null,
      after: { ...after, newAccount: !users.has(a.username) },
    });
  }
  for (const [username, a] of names) {
    const user = users.get(username);
    if (user && user.displayName !== a.displayName) {
      diff.push({
        sheet: 'accounts',
        op: 'CHANGE',
        key: username,
        row: a.row,
        fields: ['displayName'],
        before: { username, displayName: user.displayName },
        after: { username, displayName: a.displayName },
      });
    }
  }
  problems.sort((a, b) => a.sheet.localeCompare(b.sheet, 'vi') || a.row - b.row || a.column.localeCompare(b.column));
  return { records, problems, diff };
}

/**
 * The file's codes are upper-cased; a code stored in another case (created through the API) keeps its stored
 * spelling, so that it still matches.
 */
function canonicalise(records: WorkbookRecords, stored: StoredState): void {
  const units = new Map(
    [...stored.units.map((u) => u.code), ...stored.foreignUnits.map((u) => u.code)].map((c) => [c.toUpperCase(), c]),
  );
  const blocs = new Map(stored.blocs.map((b) => [b.code.toUpperCase(), b.code]));
  const unit = (code: string): string => units.get(code) ?? code;
  const unitOrNull = (code: string | null): string | null => (code === null ? null : unit(code));
  const bloc = (code: string): string => blocs.get(code) ?? code;
  for (const b of records.blocs) b.code = bloc(b.code);
  for (const u of records.units) {
    u.code = unit(u.code);
    u.parentCode = unitOrNull(u.parentCode);
    u.successorCode = unitOrNull(u.successorCode);
  }
  for (const m of records.memberships) {
    m.blocCode = bloc(m.blocCode);
    m.unitCode = unit(m.unitCode);
  }
  for (const l of records.leaderships) {
    l.blocCode = bloc(l.blocCode);
    l.leaderUnitCode = unit(l.leaderUnitCode);
    l.deputyUnitCode = unit(l.deputyUnitCode);
  }
  for (const a of records.accounts) a.unitCode = unitOrNull(a.unitCode);
}

/** The usernames and unit codes a file names (upper-cased), for loading the stored rows it is compared with. */
export function referencesOf(sheets: Record<SheetKey, ParsedRow[]>): { usernames: string[]; unitCodes: string[] } {
  const usernames = new Set<string>();
  const unitCodes = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string') unitCodes.add(v.toUpperCase());
  };
  for (const r of sheets.units) [r.values.code, r.values.parentCode, r.values.successorCode].forEach(add);
  for (const r of sheets.memberships) add(r.values.unitCode);
  for (const r of sheets.leaderships) [r.values.leaderUnitCode, r.values.deputyUnitCode].forEach(add);
  for (const r of sheets.accounts) {
    add(r.values.unitCode);
    if (typeof r.values.username === 'string') usernames.add(r.values.username);
  }
  return { usernames: [...usernames].sort(), unitCodes: [...unitCodes].sort() };
}

export function membershipKey(m: { blocCode: string; unitCode: string; validFrom: string }): string {
  return `${m.blocCode}|${m.unitCode}|${m.validFrom}`;
}

export function leadershipKey(l: { blocCode: string; year: number }): string {
  return `${l.blocCode}|${l.year}`;
}

export function accountKey(a: { username: string; role: Role | string; unitCode: string | null }): string {
  return `${a.username}|${a.role}|${a.unitCode ?? ''}`;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return (a ?? null) === (b ?? null);
}

function uniqueBy<T extends { row: number }>(
  rows: T[],
  key: (r: T) => string,
  duplicate: (r: T, first: T) => void,
): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const first = out.get(k);
    if (first) duplicate(r, first);
    else out.set(k, r);
  }
  return out;
}

/** Counts for the preview's summary: created, changed and ended rows per sheet. */
export function summarise(diff: DiffEntry[]): Record<SheetKey, Record<ChangeOp, number>> {
  const out = {} as Record<SheetKey, Record<ChangeOp, number>>;
  for (const key of Object.keys(SHEET_BY_KEY) as SheetKey[]) out[key] = { CREATE: 0, CHANGE: 0, END: 0 };
  for (const d of diff) out[d.sheet][d.op]++;
  return out;
}
