/** Calendar arithmetic on YYYY-MM-DD dates in UTC, so results do not depend on the host's time zone. */
const DAY_MS = 86_400_000;

function parse(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2025-02-30 over to 2025-03-02; a real date formats back to itself.
  if (format(ms) !== date) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return ms;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(date: string): boolean {
  try {
    parse(date);
    return true;
  } catch {
    return false;
  }
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(parse(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** The date `n` working days after `start` (the start day itself is not counted). */
export function addWorkingDays(start: string, n: number, holidays: readonly string[]): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number >= 0: ${n}`);
  const off = new Set(holidays);
  let ms = parse(start);
  let left = n;
  while (left > 0) {
    ms += DAY_MS;
    if (isWorkingDay(format(ms), off)) left -= 1;
  }
  return format(ms);
}

/** Date part in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) of an instant. */
export function vietnamDate(instant: Date): string {
  return format(instant.getTime() + 7 * 3_600_000);
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}
