import type { CycleView } from '../api/types';
import { formatDate, formatDateTime } from './format';

/**
 * The names that stand for codes in a text shown to people: units, the bloc, the province, and the rule set (whose
 * code stays, followed by its legal basis).
 */
export interface Names {
  units: Record<string, string>;
  blocs: Record<string, string>;
  province?: { code: string; name: string };
  rules?: { version: string; legalBasis: string[] };
}

export function namesOf(cycle: Pick<CycleView, 'units' | 'blocCode' | 'blocName' | 'provinceCode'> & Partial<CycleView>): Names {
  return {
    units: Object.fromEntries(cycle.units.map((u) => [u.code, u.name])),
    blocs: { [cycle.blocCode]: cycle.blocName },
    ...(cycle.provinceName ? { province: { code: cycle.provinceCode, name: cycle.provinceName } } : {}),
    ...(cycle.rulesVersion ? { rules: { version: cycle.rulesVersion, legalBasis: cycle.rulesLegalBasis ?? [] } } : {}),
  };
}

const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
// A code is a whole token: not part of a longer code such as BK-HLHPN inside BK-HLHPN-2.
const CODE_EDGE = '[A-Za-z0-9_-]';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function replaceCode(text: string, code: string, by: string, prefix = ''): string {
  const token = new RegExp(`(^|[^A-Za-z0-9_-])${prefix}${escape(code)}(?!${CODE_EDGE})`, 'g');
  return text.replace(token, (_all, before: string) => `${before}${by}`);
}

/**
 * The workflows' Vietnamese summaries carry codes and ISO dates (recorded as they were, never rewritten): as people
 * read them, instants become dd/mm/yyyy HH:mm (Vietnam time), dates dd/mm/yyyy, and codes names.
 */
export function humanize(text: string, names: Names): string {
  let out = text
    .replace(INSTANT, (iso) => formatDateTime(iso))
    .replace(DAY, (_all, y: string, m: string, d: string) => formatDate(`${y}-${m}-${d}`));
  const codes: [string, string][] = [...Object.entries(names.units), ...Object.entries(names.blocs)];
  if (names.rules) {
    const basis = names.rules.legalBasis.join('; ');
    codes.push([names.rules.version, basis ? `${names.rules.version} (${basis})` : names.rules.version]);
  }
  // Longest first: a unit code (BK-HLHPN) before the province code (BK) that begins it.
  for (const [code, name] of codes.sort((a, b) => b[0].length - a[0].length)) out = replaceCode(out, code, name);
  if (names.province) {
    // "Tỉnh BK" and "Khối ... (BK)": the province's name already says "Tỉnh".
    out = replaceCode(out, names.province.code, names.province.name, '[Tt]ỉnh ');
    out = replaceCode(out, names.province.code, names.province.name);
  }
  return out;
}
