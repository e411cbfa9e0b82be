/**
 * Numbers and dates as Vietnamese administrative documents write them (Nghị định 30/2020/NĐ-CP, Phụ lục I):
 * "ngày 05 tháng 01 năm 2021" (a zero before days under 10 and months 1 and 2), decimal comma, dot between thousands.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function parts(iso: string): { d: number; m: number; y: number } {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** "ngày 29 tháng 12 năm 2020"; "ngày 05 tháng 02 năm 2021". */
export function dateInWords(iso: string): string {
  const { d, m, y } = parts(iso);
  const day = d < 10 ? `0${d}` : String(d);
  const month = m < 3 ? `0${m}` : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** "Bắc Kạn, ngày 29 tháng 12 năm 2020" (ô 4: địa danh và thời gian ban hành). */
export function placeAndDate(place: string, iso: string): string {
  return `${place}, ${dateInWords(iso)}`;
}

/** dd/mm/yyyy, for tables and references inside the text. */
export function shortDate(iso: string): string {
  const { d, m, y } = parts(iso);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** 1234.5 → "1.234,5"; at most `digits` decimals, trailing zeros dropped. */
export function viNumber(value: number, digits = 2): string {
  const fixed = value.toFixed(digits);
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const grouped = int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const decimals = (frac ?? '').replace(/0+$/, '');
  return `${sign}${grouped}${decimals ? `,${decimals}` : ''}`;
}

/** 0.8333 → "83,33%". */
export function viPercent(ratio: number): string {
  return `${viNumber(ratio * 100)}%`;
}

/** The place name of a province for ô 4: "Tỉnh Bắc Kạn (dữ liệu mẫu)" → "Bắc Kạn". */
export function placeOf(provinceName: string): string {
  return provinceName
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/^(Tỉnh|Thành phố)\s+/i, '')
    .trim();
}

/** Upper case for header lines (Vietnamese letters included): "Khối thi đua" → "KHỐI THI ĐUA". */
export function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN').normalize('NFC');
}

/** Every string of a template's data in NFC, whatever its source wrote. */
export function nfcDeep<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => nfcDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcDeep(v)])) as T;
  }
  return value;
}
