/**
 * Pure validation of the organisation's master data (provinces, blocs and clusters, units, memberships, the
 * initial leadership): input in, normalised value or per-field problems out. Shared by the API and the workbook
 * import, so a row and a request are judged by the same rules.
 */

export type BlocKind = 'KHOI' | 'CUM';
export type UnitKind = 'DANG' | 'NHA_NUOC' | 'MAT_TRAN' | 'HOI' | 'DOANH_NGHIEP' | 'XA_PHUONG' | 'KHAC';

export const BLOC_KINDS: Record<BlocKind, string> = {
  KHOI: 'Khối thi đua',
  CUM: 'Cụm thi đua',
};

export const UNIT_KINDS: Record<UnitKind, string> = {
  DANG: 'Cơ quan Đảng',
  NHA_NUOC: 'Cơ quan nhà nước, sở, ban, ngành',
  MAT_TRAN: 'Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội',
  HOI: 'Hội đặc thù',
  DOANH_NGHIEP: 'Doanh nghiệp',
  XA_PHUONG: 'Xã, phường, đặc khu',
  KHAC: 'Khác',
};

/** One problem of one field: `message` in English for logs and detail, `messageVi` for people. */
export interface OrganisationProblem {
  field: string;
  message: string;
  messageVi: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: OrganisationProblem[] };

export const PROVINCE_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const MIN_YEAR = 1945;
export const MAX_YEAR = 2100;

/** NFC, trimmed, inner runs of white space made one space; what every text field of the master data stores. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** A calendar date written YYYY-MM-DD that exists (no 2025-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Collects the problems of one input; each reader returns undefined for a missing optional field. */
class Reader {
  readonly problems: OrganisationProblem[] = [];
  constructor(private readonly input: Record<string, unknown>) {}

  problem(field: string, message: string, messageVi: string): void {
    this.problems.push({ field, message, messageVi });
  }

  has(field: string): boolean {
    return this.input[field] !== undefined;
  }

  raw(field: string): unknown {
    return this.input[field];
  }

  code(field: string, pattern: RegExp, required: boolean, max: number): string | undefined {
    const v = this.input[field];
    if (v === undefined || v === null || v === '') {
      if (required) this.problem(field, 'is required', 'Bắt buộc nhập mã.');
      return undefined;
    }
    if (typeof v !== 'string') {
      this.problem(field, 'must be a string', 'Mã phải là chuỗi ký tự.');
      return undefined;
    }
    const code = v.normalize('NFC').trim();
    if (!pattern.test(code)) {
      this.problem(
        field,
        `must be 1-${max} characters of A-Z, a-z, 0-9, _ or -`,
        `Mã chỉ gồm chữ cái không dấu, chữ số, dấu _ hoặc -, từ 1 đến ${max} ký tự.`,
      );
      return undefined;
    }
    return code;
  }

  text(field: string, required: boolean, max: number): string | null | undefined {
    const v = this.input[field];
    if (v === undefined || v === null) {
      if (required) this.problem(field, 'is required', 'Bắt buộc nhập.');
      return v === null && !required ? null : undefined;
    }
    if (typeof v !== 'string') {
      this.problem(field, 'must be a string', 'Phải là chuỗi ký tự.');
      return undefined;
    }
    const text = normaliseText(v);
    if (/\p{Cc}|\p{Co}|\p{Cs}/u.test(text)) {
      this.problem(field, 'must not contain control characters', 'Không được chứa ký tự điều khiển.');
      return undefined;
    }
    if (text === '') {
      if (required) this.problem(field, 'must not be blank', 'Không được để trống.');
      return required ? undefined : null;
    }
    if (text.length > max) {
      this.problem(field, `must be at most ${max} characters`, `Không được dài quá ${max} ký tự.`);
      return undefined;
    }
    return text;
  }

  date(field: string, required: boolean): string | null | undefined {
    const v = this.input[field];
    if (v === undefined || v === null || v === '') {
      if (required) this.problem(field, 'is required', 'Bắt buộc nhập ngày.');
      return v === null ? null : undefined;
    }
    if (!isCalendarDate(v)) {
      this.problem(field, 'must be a date YYYY-MM-DD', 'Ngày phải có dạng năm-tháng-ngày (YYYY-MM-DD) và là ngày có thật.');
      return undefined;
    }
    return v;
  }

  int(field: string, required: boolean, min: number, max: number): number | null | undefined {
    const v = this.input[field];
    if (v === undefined || v === null) {
      if (required) this.problem(field, 'is required', 'Bắt buộc nhập.');
      return v === null ? null : undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.problem(field, `must be an integer from ${min} to ${max}`, `Phải là số nguyên từ ${min} đến ${max}.`);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(field: string, allowed: Record<T, string>, required: boolean): T | undefined {
    const v = this.input[field];
    if (v === undefined || v === null || v === '') {
      if (required) this.problem(field, 'is required', 'Bắt buộc chọn.');
      return undefined;
    }
    const keys = Object.keys(allowed) as T[];
    if (typeof v !== 'string' || !keys.includes(v.trim().toUpperCase() as T)) {
      this.problem(
        field,
        `must be one of ${keys.join(', ')}`,
        `Phải là một trong: ${keys.map((k) => `${k} (${allowed[k]})`).join(', ')}.`,
      );
      return undefined;
    }
    return v.trim().toUpperCase() as T;
  }

  unknownFields(known: readonly string[]): void {
    for (const field of Object.keys(this.input)) {
      if (!known.includes(field)) this.problem(field, 'is not a field of this record', 'Trường này không thuộc dữ liệu.');
    }
  }

  done<T>(value: T): Validated<T> {
    return this.problems.length > 0 ? { ok: false, problems: this.problems } : { ok: true, value };
  }
}

function asRecord(input: unknown): Record<string, unknown> | undefined {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
}

function notAnObject<T>(): Validated<T> {
  return { ok: false, problems: [{ field: '', message: 'must be an object', messageVi: 'Dữ liệu phải là một đối tượng.' }] };
}

/** `partial`: an edit, where every field is optional and the code cannot change. */
export interface ValidationMode {
  partial?: boolean;
}

export interface ProvinceInput {
  code: string;
  name: string;
  validFrom?: string;
}

export type ProvincePatch = Partial<Pick<ProvinceInput, 'name' | 'validFrom'>>;

const PROVINCE_FIELDS = ['code', 'name', 'validFrom'] as const;

export function validateProvince(input: unknown): Validated<ProvinceInput> {
  const record = asRecord(input);
  if (!record) return notAnObject();
  const r = new Reader(record);
  r.unknownFields(PROVINCE_FIELDS);
  const code = r.code('code', PROVINCE_CODE_PATTERN, true, 32);
  const name = r.text('name', true, 200);
  const validFrom = r.date('validFrom', false);
  return r.done({ code: code as string, name: name as string, ...(validFrom ? { validFrom } : {}) });
}

export function validateProvincePatch(input: unknown): Validated<ProvincePatch> {
  const record = asRecord(input);
  if (!record) return notAnObject();
  const r = new Reader(record);
  r.unknownFields(['name', 'validFrom']);
  const name = r.text('name', false, 200);
  if (name === null) r.problem('name', 'must not be blank', 'Không được để trống.');
  const validFrom = r.date('validFrom', false);
  if (validFrom === null) r.problem('validFrom', 'must not be null', 'Bắt buộc nhập ngày.');
  return r.done({ ...(name ? { name } : {}), ...(validFrom ? { validFrom } : {}) });
}

export interface SuccessionInput {
  successorCode: string;
  on: string;
}

export function validateSuccession(input: unknown): Validated<SuccessionInput> {
  const record = asRecord(input);
  if (!record) return notAnObject();
  const r = new Reader(record);
  r.unknownFields(['successorCode', 'on']);
  const successorCode = r.code('successorCode', CODE_PATTERN, true, 64);
  const on = r.date('on', true);
  return r.done({ successorCode: successorCode as string, on: on as string });
}

export interface BlocInput {
  code: string;
  name: string;
  kind: BlocKind;
  fromYear: number;
  toYear: number | null;
}

export type BlocPatch = Partial<Omit<BlocInput, 'code'>>;

const BLOC_FIELDS = ['code', 'name', 'kind', 'fromYear', 'toYear'] as const;

export function validateBloc(input: unknown, mode: ValidationMode = {}): Validated<BlocInput | BlocPatch> {
  const record = asRecord(input);
  if (!record) return notAnObject();
  const r = new Reader(record);
  const partial = mode.partial === true;
  r.unknownFields(partial ? BLOC_FIELDS.filter((f) => f !== 'code') : BLOC_FIELDS);
  const code = partial ? undefined : r.code('code', CODE_PATTERN, true, 64);
  const name = r.text('name', !partial, 300);
  if (partial && name === null) r.problem('name', 'must not be blank', 'Không được để trống.');
  const kind = r.oneOf('kind', BLOC_KINDS, false);
  const fromYear = r.int('fromYear', !partial, MIN_YEAR, MAX_YEAR);
  if (partial && fromYear === null) r.problem('fromYear', 'must not be null', 'Bắt buộc nhập năm.');
  const toYear = r.int('toYear', false, MIN_YEAR, MAX_YEAR);
  if (typeof fromYear === 'number' && typeof toYear === 'number' && toYear < fromYear) {
    r.problem('toYear', `must not be before fromYear (${fromYear})`, `Năm kết thúc không được trước năm bắt đầu (${fromYear}).`);
  }
  if (partial) {
    const patch: BlocPatch = {};
    if (name) patch.name = name;
    if (kind) patch.kind = kind;
    if (typeof fromYear === 'number') patch.fromYear = fromYear;
    if (toYear !== undefined) patch.toYear = toYear;
    return r.done(patch);
  }
  return r.done({
    code: code as string,
    name: name as string,
    kind: kind ?? 'KHOI',
    fromYear: fromYear as number,
    toYear: toYear ?? null,
  });
}

export interface UnitInput {
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentCode: string | null;
  headCount: number | null;
  /** 0..1, as a decimal string with at most 4 decimals (what the column keeps). */
  womenRatio: string | null;
  validFrom: string;
}

export type UnitPatch = Partial<Omit<UnitInput, 'code'>>;

const UNIT_FIELDS = ['code', 'name', 'shortName', 'kind', 'parentCode', 'headCount', 'womenRatio', 'validFrom'] as const;

function ratio(r: Reader): string | null | undefined {
  const v = r.raw('womenRatio');
  if (v === undefined || v === null) return v;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
    r.problem('womenRatio', 'must be a number from 0 to 1', 'Tỷ lệ nữ phải là số từ 0 đến 1 (ví dụ 0,45).');
    return undefined;
  }
  if (Math.round(v * 10_000) / 10_000 !== v) {
    r.problem('womenRatio', 'must have at most 4 decimals', 'Tỷ lệ nữ chỉ được có tối đa 4 chữ số thập phân.');
    return undefined;
  }
  return v.toFixed(4);
}

export function validateUnit(input: unknown, mode: ValidationMode = {}): Validated<UnitInput | UnitPatch> {
  const record = asRecord(input);
  if (!record) return notAnObject();
  const r = new Reader(record);
  const partial = mode.partial === true;
  r.unknownFields(partial ? UNIT_FIELDS.filter((f) => f !== 'code') : UNIT_FIELDS);
  const code = partial ? undefined : r.code('code', CODE_PATTERN, true, 64);
  const name = r.text('name', !partial, 300);
  if (partial && name === null) r.problem('name', 'must not be blank', 'Không được để trống.');
  const shortName = r.text('shortName', false, 100);
  const kind = r.oneOf('kind', UNIT_KINDS, false);
  const parentCode = r.raw('parentCode') === null ? null : r.code('parentCode', CODE_PATTERN, false, 64);
  if (code !== undefined && parentCode === code) {
    r.problem('parentCode', 'must not be the unit itself', 'Cơ quan chủ quản không thể là chính đơn vị.');
  }
  const headCount = r.int('headCount', false, 0, 10_000_000);
  const womenRatio = ratio(r);
  const validFrom = r.date('validFrom', false);
  if (partial && validFrom === null) r.problem('validFrom', 'must not be null', 'Bắt buộc nhập ngày.');
  if (partial) {
    const patch: UnitPatch = {};
    if (name) patch.name = name;
    if (shortName !== undefined) patch.shortName = shortName;
    if (kind) patch.kind = kind;
    if (parentCode !== undefined) patch.parentCode = parentCode;
    if (headCount !== undefined) patch.headCount = headCount;
    if (womenRatio !== undefined) patch.womenRatio = womenRatio;
    if (validFrom) patch.validFrom = validFrom;
    return r.done(patch);
  }
  return r.done({
    code: code as string,
    name: name as string,
    shortName: shortName ?? null,
    kind: kind ?? 'KHAC',
    parentCode: parentCode ?? null,
    headCount: headCount ?? null,
    womenRatio: womenRatio ?? null,
    validFrom: validFrom ?? '2000-01-01',
  });
}

export interface EndInput {
  /** The first day the record no longer holds (exclusive end). */
  on: string;
  /** For a unit: the unit that succeeds it (renamed or merged), to which its award history follows. */
  successorCode?: string;
}

export function validateEnd(input: unknown, options: { successor?: boolean } = {}): Validated<EndInput> {
  const record = asRecord(input);
  if (!record) return notAnObject();
  const r = new Reader(record);
  r.unknownFields(options.successor ? ['on', 'successorCode'] : ['on']);
  const on = r.date('on', true);
  const successorCode = options.successor ? r.code('successorCode', CODE_PATTERN, false, 64) : undefined;
  return r.done({ on: on as string, ...(successorCode ? { successorCode } : {}) });
}

export interface BlocEndInput {
  /** The last year the bloc runs a cycle. */
  toYear: number;
}

export function validateBlocEnd(input: unknown): Validated<BlocEndInput> {
  const record = asRecord(input);
  if (!record) return notAnObject();
  const r = new Reader(record);
  r.unknownFields(['toYear']);
  const toYear = r.int('toYear', true, MIN_YEAR, MAX_YEAR);
  return r.done({ toYear: toYear as number });
}

export interface MembershipInput {
  unitCode: string;
  validFrom: string;
  validTo: string | null;
  /** End the unit's membership in force on validFrom (in another bloc) at validFrom: a move in one request. */
  endCurrent: boolean;
}

export function validateMembership(input: unknown): Validated<MembershipInput> {
  const record = asRecord(input);
  if (!record) return notAnObject();
  const r = new Reader(record);
  r.unknownFields(['unitCode', 'validFrom', 'validTo', 'endCurrent']);
  const unitCode = r.code('unitCode', CODE_PATTERN, true, 64);
  const validFrom = r.date('validFrom', true);
  const validTo = r.date('validTo', false);
  if (validFrom && validTo && validTo <= validFrom) {
    r.problem('validTo', `must be after validFrom (${validFrom})`, `Ngày kết thúc phải sau ngày bắt đầu (${validFrom}).`);
  }
  const endCurrent = r.raw('endCurrent');
  if (endCurrent !== undefined && typeof endCurrent !== 'boolean') {
    r.problem('endCurrent', 'must be true or false', 'Phải là true hoặc false.');
  }
  return r.done({
    unitCode: unitCode as string,
    validFrom: validFrom as string,
    validTo: validTo ?? null,
    endCurrent: endCurrent === true,
  });
}

export interface LeadershipInput {
  leaderUnitCode: string;
  deputyUnitCode: string;
}

export function validateLeadership(input: unknown): Validated<LeadershipInput> {
  const record = asRecord(input);
  if (!record) return notAnObject();
  const r = new Reader(record);
  r.unknownFields(['leaderUnitCode', 'deputyUnitCode']);
  const leaderUnitCode = r.code('leaderUnitCode', CODE_PATTERN, true, 64);
  const deputyUnitCode = r.code('deputyUnitCode', CODE_PATTERN, true, 64);
  if (leaderUnitCode && leaderUnitCode === deputyUnitCode) {
    r.problem('deputyUnitCode', 'must differ from the leader', 'Phó khối phải là đơn vị khác với Trưởng khối.');
  }
  return r.done({ leaderUnitCode: leaderUnitCode as string, deputyUnitCode: deputyUnitCode as string });
}

/** Is [from, to) (to null: open) in force on `on`? Dates as YYYY-MM-DD compare as strings. */
export function inForce(interval: { validFrom: string; validTo: string | null }, on: string): boolean {
  return interval.validFrom <= on && (interval.validTo === null || on < interval.validTo);
}

/** Do two [from, to) intervals share a day? */
export function overlaps(
  a: { validFrom: string; validTo: string | null },
  b: { validFrom: string; validTo: string | null },
): boolean {
  return (a.validTo === null || b.validFrom < a.validTo) && (b.validTo === null || a.validFrom < b.validTo);
}

/** The date whose membership a cycle of `year` uses: 1 January (a cycle is started for a year, not on a day). */
export function cycleMembershipDate(year: number): string {
  return `${String(year).padStart(4, '0')}-01-01`;
}
