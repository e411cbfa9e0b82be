/**
 * Public holidays under the Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), which also bind the civil service.
 *
 * Art. 112(1): Tết Dương lịch 1/1; Tết Âm lịch, 5 days; Ngày Chiến thắng 30/4; Ngày Quốc tế lao động 1/5; Quốc khánh,
 * 2/9 and one day before or after it; Giỗ Tổ Hùng Vương, 10/3 of the lunar calendar. Art. 112(3): each year the Prime
 * Minister decides which 5 days around Tết and which day next to 2/9 are taken. Art. 111(3): a holiday that falls on
 * the weekly rest day is made up on the next working day.
 */
import { fromDayNumber, lunarToSolar, solarToLunar, toDayNumber, weekday } from './lunar';

export interface Holiday {
  readonly date: string;
  readonly name: string;
}

/** The Prime Minister's yearly choice under Art. 112(3). */
export interface HolidayPlacement {
  /** How many of the five Tết days fall before mùng 1 Tết; the rest are mùng 1 onwards. */
  readonly tetDaysBefore: number;
  /** Whether the second Quốc khánh day is 1/9 ('before') or 3/9 ('after'). */
  readonly nationalDayAdjacent: 'before' | 'after';
}

/** A year's published schedule for cán bộ, công chức, viên chức: the placement plus swapped days. */
export interface HolidayAdjustments extends HolidayPlacement {
  readonly year: number;
  /** The documents that published it. */
  readonly basis: string;
  /** Working days given off by swapping (hoán đổi) with a Saturday in `extraWorkingDays`. */
  readonly extraDaysOff: readonly string[];
  /** Weekend days worked in exchange (làm bù). */
  readonly extraWorkingDays: readonly string[];
  readonly note: string;
}

/**
 * Used for a year whose schedule is not yet published. Tết: the two days before mùng 1 and mùng 1–3, as in 2020 and
 * 2023–2025; Quốc khánh: 1/9, as in 2022, 2023, 2025 and 2026. A provisional guess, not law.
 */
export const PROVISIONAL_PLACEMENT: HolidayPlacement = { tetDaysBefore: 2, nationalDayAdjacent: 'before' };

const TET_DAYS = 5;
const LUNAR_MONTH_NAMES: Readonly<Record<number, string>> = { 1: 'tháng Giêng', 12: 'tháng Chạp' };

function lunarDayLabel(date: string): string {
  const { month, day } = solarToLunar(date);
  return `${day <= 10 ? 'mùng ' : ''}${day} ${LUNAR_MONTH_NAMES[month] ?? `tháng ${month}`}`;
}

function tetDays(year: number, tetDaysBefore: number): Holiday[] {
  if (!Number.isInteger(tetDaysBefore) || tetDaysBefore < 0 || tetDaysBefore > TET_DAYS) {
    throw new RangeError(`tetDaysBefore must be a whole number from 0 to ${TET_DAYS}: ${tetDaysBefore}`);
  }
  const newYear = toDayNumber(lunarToSolar({ year, month: 1, day: 1, leap: false }));
  return Array.from({ length: TET_DAYS }, (_, i) => {
    const date = fromDayNumber(newYear - tetDaysBefore + i);
    return { date, name: `Tết Âm lịch (${lunarDayLabel(date)})` };
  });
}

/** The statutory holidays of a year, in date order, weekends included. */
export function publicHolidays(year: number, placement: HolidayPlacement = PROVISIONAL_PLACEMENT): Holiday[] {
  const holidays: Holiday[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    ...tetDays(year, placement.tetDaysBefore),
    // 10/3 of the regular third month, also in years with a leap third month.
    { date: lunarToSolar({ year, month: 3, day: 10, leap: false }), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế lao động' },
    { date: `${year}-09-0${placement.nationalDayAdjacent === 'before' ? 1 : 3}`, name: 'Quốc khánh (ngày liền kề)' },
    { date: `${year}-09-02`, name: 'Quốc khánh' },
  ];
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

export function isWeekend(day: number): boolean {
  const dayOfWeek = weekday(day);
  return dayOfWeek === 0 || dayOfWeek === 6;
}

/**
 * Art. 111(3): each holiday on a Saturday or Sunday gives the next working day off, taken in date order, so a
 * weekend inside a block of holidays is made up after the block (Tết 2024: 10/2 and 11/2 made up on 13/2 and 14/2).
 */
export function compensatoryDays(holidays: readonly Holiday[]): Holiday[] {
  const taken = new Set(holidays.map((h) => h.date));
  const compensations: Holiday[] = [];
  for (const holiday of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    let day = toDayNumber(holiday.date);
    if (!isWeekend(day)) continue;
    do day += 1;
    while (isWeekend(day) || taken.has(fromDayNumber(day)));
    const date = fromDayNumber(day);
    taken.add(date);
    compensations.push({ date, name: `Nghỉ bù ${holiday.name}` });
  }
  return compensations;
}
