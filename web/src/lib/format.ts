/** Dates as people in Vietnam read them: dd/mm/yyyy, in Asia/Ho_Chi_Minh, whatever the browser's own zone. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function local(instant: Date): { y: string; m: string; d: string; hh: string; mm: string } {
  const all = parts.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => all.find((p) => p.type === type)?.value ?? '';
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute') };
}

/** A business date (YYYY-MM-DD) or an instant, as dd/mm/yyyy; '' for nothing. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const day = DAY.exec(value);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const { y, m, d } = local(instant);
  return `${d}/${m}/${y}`;
}

/** An instant as dd/mm/yyyy HH:mm (Vietnam time). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const { y, m, d, hh, mm } = local(instant);
  return `${d}/${m}/${y} ${hh}:${mm}`;
}

/** Today's date in Vietnam, YYYY-MM-DD. */
export function todayVn(now: Date = new Date()): string {
  const { y, m, d } = local(now);
  return `${y}-${m}-${d}`;
}

/** YYYY-MM-DD plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The last second of a Vietnamese day, as an ISO instant (deadlines given as a date). */
export function endOfDayVn(day: string): string {
  return new Date(`${day}T23:59:59+07:00`).toISOString();
}

/** Parses what a person typed as dd/mm/yyyy (also d/m/yyyy, or with - or .) into YYYY-MM-DD; null if it is no real date. */
export function parseDateInput(raw: string): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(raw);
  if (!match) return null;
  const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const points = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** Points with a decimal comma, as written in Vietnamese documents (39,5). */
export function formatPoints(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : points.format(value);
}

/** A count of units as "3/6". */
export const ratio = (done: number, total: number): string => `${done}/${total}`;
