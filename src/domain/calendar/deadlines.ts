import type { WorkingCalendar } from './working-calendar';

/**
 * The n-th working day after `start` under the national calendar, also skipping the province's own extra
 * days off (e.g. a provincial anniversary). The start day is not counted (timers start at "nhận đủ hồ sơ").
 */
export function workingDayDeadline(calendar: WorkingCalendar, start: string, n: number, extraDaysOff: readonly string[]): string {
  const extra = new Set(extraDaysOff);
  let day = start;
  for (let left = n; left > 0;) {
    day = calendar.addWorkingDays(day, 1);
    if (!extra.has(day)) left -= 1;
  }
  return day;
}
