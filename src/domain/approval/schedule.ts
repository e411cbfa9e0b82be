/**
 * Deadlines of a level clock. A time limit in working days (thời hạn tính theo ngày làm việc) ends at the close of
 * office hours, 17:00 in Asia/Ho_Chi_Minh, of its last working day; the day the clock opens is not counted (as for
 * "nhận đủ hồ sơ"). Reminders and escalation in working days keep that time of day and move by working days, so a
 * reminder "2 working days before" a due at 17:00 on a Friday is at 17:00 on the Wednesday. Durations in seconds are
 * plain instant arithmetic.
 */
import type { Duration, LevelDefinition, LevelSchedule } from '../../shared/approval';
import { workingDayDeadline } from '../calendar/deadlines';
import { fromDayNumber, toDayNumber } from '../calendar/lunar';
import type { WorkingCalendar } from '../calendar/working-calendar';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;
/** Close of office hours, local time. */
export const WORKING_DAY_CLOSE_HOUR = 17;

/** Milliseconds of an ISO instant; throws on anything else, since a bad `now` is a caller bug. */
export function instantMs(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${instant}`);
  return ms;
}

const toIso = (ms: number): string => new Date(ms).toISOString();

/** The local (Asia/Ho_Chi_Minh) date of an instant. */
export function vietnamDateOf(instant: string): string {
  return fromDayNumber(Math.floor((instantMs(instant) + VIETNAM_OFFSET_MS) / DAY_MS));
}

/** 17:00 local on a date. */
export function closeOfWorkingDay(date: string): string {
  return toIso(toDayNumber(date) * DAY_MS + WORKING_DAY_CLOSE_HOUR * HOUR_MS - VIETNAM_OFFSET_MS);
}

/** The same local time of day as `instant`, on another local date. */
function onLocalDate(instant: string, date: string): string {
  const local = instantMs(instant) + VIETNAM_OFFSET_MS;
  const timeOfDay = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  return toIso(toDayNumber(date) * DAY_MS + timeOfDay - VIETNAM_OFFSET_MS);
}

const isWorking = (calendar: WorkingCalendar, extra: ReadonlySet<string>, date: string): boolean =>
  calendar.isWorkingDay(date) && !extra.has(date);

/** The n-th working day before `date` (the date itself is not counted). */
export function workingDaysBefore(calendar: WorkingCalendar, date: string, n: number, extraDaysOff: readonly string[]): string {
  const extra = new Set(extraDaysOff);
  let day = toDayNumber(date);
  for (let left = n; left > 0;) {
    day -= 1;
    if (isWorking(calendar, extra, fromDayNumber(day))) left -= 1;
  }
  return fromDayNumber(day);
}

/** `instant` moved by a duration: forward (+1) or back (-1); working days keep the local time of day. */
function shift(instant: string, by: Duration, sign: 1 | -1, calendar: WorkingCalendar, extraDaysOff: readonly string[]): string {
  if (by.seconds !== undefined) return toIso(instantMs(instant) + sign * by.seconds * 1000);
  const days = by.workingDays ?? 0;
  const date = vietnamDateOf(instant);
  const target =
    sign > 0 ? workingDayDeadline(calendar, date, days, extraDaysOff) : workingDaysBefore(calendar, date, days, extraDaysOff);
  return onLocalDate(instant, target);
}

/** The due instant of a time limit opened at `openedAt`. */
function dueInstant(due: Duration, openedAt: string, calendar: WorkingCalendar, extraDaysOff: readonly string[]): string {
  if (due.seconds !== undefined) return toIso(instantMs(openedAt) + due.seconds * 1000);
  return closeOfWorkingDay(workingDayDeadline(calendar, vietnamDateOf(openedAt), due.workingDays ?? 0, extraDaysOff));
}

/**
 * Due, reminder and escalation instants of a level whose clock opens at `openedAt`. `extraDaysOff` are the province's
 * own days off on top of the national calendar (ProvinceRules.holidays).
 */
export function levelSchedule(
  level: LevelDefinition,
  openedAt: string,
  calendar: WorkingCalendar,
  extraDaysOff: readonly string[] = [],
): LevelSchedule {
  if (!level.due) return { remindAt: [] };
  const dueAt = dueInstant(level.due, openedAt, calendar, extraDaysOff);
  const remindAt = (level.remindBefore ?? []).map((before) => shift(dueAt, before, -1, calendar, extraDaysOff));
  const escalateAt = level.escalation ? shift(dueAt, level.escalation.after, 1, calendar, extraDaysOff) : undefined;
  return escalateAt === undefined ? { dueAt, remindAt } : { dueAt, remindAt, escalateAt };
}

/** "09:30 ngày 12/12/2025": an instant in local time, for Vietnamese messages. */
export function formatVietnamTime(instant: string): string {
  const local = new Date(instantMs(instant) + VIETNAM_OFFSET_MS);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return `${time} ngày ${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}
