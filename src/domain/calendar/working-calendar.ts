/**
 * Vietnamese working days for legal time limits (thời hạn tính theo ngày làm việc): Monday to Friday, minus public
 * holidays, their compensatory days and swapped days, plus the Saturdays worked in exchange.
 *
 * Pure and deterministic: dates are YYYY-MM-DD strings, arithmetic is on whole days, and the published schedules come
 * in as data, so a workflow that receives them in its input computes the same deadlines on replay.
 */
import {
  compensatoryDays,
  type HolidayAdjustments,
  isWeekend,
  PROVISIONAL_PLACEMENT,
  publicHolidays,
  type Holiday,
} from './holidays';
import { fromDayNumber, toDayNumber } from './lunar';

export interface NonWorkingDay extends Holiday {
  readonly kind: 'holiday' | 'compensatory' | 'swapped';
}

export class WorkingCalendar {
  private readonly schedules = new Map<number, HolidayAdjustments>();
  private readonly workedWeekendDays = new Set<string>();
  private readonly daysOffByYear = new Map<number, ReadonlyMap<string, NonWorkingDay>>();

  constructor(schedules: readonly HolidayAdjustments[]) {
    for (const schedule of schedules) {
      if (this.schedules.has(schedule.year)) throw new Error(`two holiday schedules for ${schedule.year}`);
      checkDates(schedule, schedule.extraDaysOff, false);
      checkDates(schedule, schedule.extraWorkingDays, true);
      this.schedules.set(schedule.year, schedule);
      schedule.extraWorkingDays.forEach((date) => this.workedWeekendDays.add(date));
    }
  }

  /** False for a year without a published schedule, whose Tết and Quốc khánh days are provisional. */
  hasSchedule(year: number): boolean {
    return this.schedules.has(year);
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  /** The n-th working day after `start`; the start day itself is not counted. */
  addWorkingDays(start: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0: ${n}`);
    let day = toDayNumber(start);
    for (let left = n; left > 0;) {
      day += 1;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    return fromDayNumber(day);
  }

  /** Working days after `from` up to and including `to` (negative when `to` is earlier), so that
   *  `workingDaysBetween(a, addWorkingDays(a, n)) === n`. */
  workingDaysBetween(from: string, to: string): number {
    const first = toDayNumber(from);
    const last = toDayNumber(to);
    const [low, high, sign] = first <= last ? [first, last, 1] : [last, first, -1];
    let count = 0;
    for (let day = low + 1; day <= high; day++) if (this.isWorkingDayNumber(day)) count += 1;
    return sign * count;
  }

  /** Every holiday, compensatory and swapped day off of a year, in date order (ordinary weekends are not listed). */
  nonWorkingDays(year: number): NonWorkingDay[] {
    return [...this.daysOff(year).values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  private isWorkingDayNumber(day: number): boolean {
    const date = fromDayNumber(day);
    if (this.workedWeekendDays.has(date)) return true;
    return !isWeekend(day) && !this.daysOff(Number(date.slice(0, 4))).has(date);
  }

  private daysOff(year: number): ReadonlyMap<string, NonWorkingDay> {
    let days = this.daysOffByYear.get(year);
    if (!days) {
      days = buildDaysOff(year, this.schedules.get(year));
      this.daysOffByYear.set(year, days);
    }
    return days;
  }
}

function buildDaysOff(year: number, schedule: HolidayAdjustments | undefined): Map<string, NonWorkingDay> {
  const holidays = publicHolidays(year, schedule ?? PROVISIONAL_PLACEMENT);
  const days = new Map<string, NonWorkingDay>();
  const add = (day: NonWorkingDay): void => {
    if (!days.has(day.date)) days.set(day.date, day);
  };
  holidays.forEach((h) => add({ ...h, kind: 'holiday' }));
  compensatoryDays(holidays).forEach((h) => add({ ...h, kind: 'compensatory' }));
  schedule?.extraDaysOff.forEach((date) => add({ date, name: 'Nghỉ hoán đổi ngày làm việc', kind: 'swapped' }));
  return days;
}

/** Catches typos in schedule data: dates must be real, in the schedule's year, and on the right side of the week. */
function checkDates(schedule: HolidayAdjustments, dates: readonly string[], weekend: boolean): void {
  for (const date of dates) {
    if (!date.startsWith(`${schedule.year}-`) || isWeekend(toDayNumber(date)) !== weekend) {
      throw new RangeError(`${schedule.year} schedule: ${date} is not a ${weekend ? 'weekend' : 'week'} day of that year`);
    }
  }
}
