import { type HolidayAdjustments } from '../../../src/domain/calendar/holidays';
import { CIVIL_SERVICE_SCHEDULES } from '../../../src/domain/calendar/schedules';
import { workingDayDeadline } from '../../../src/domain/calendar/deadlines';
import { WorkingCalendar } from '../../../src/domain/calendar/working-calendar';

const calendar = new WorkingCalendar(CIVIL_SERVICE_SCHEDULES);

const datesOff = (year: number) => calendar.nonWorkingDays(year).map(({ date, kind }) => `${date} ${kind}`);

describe('WorkingCalendar with the published civil-service schedules', () => {
  describe('nonWorkingDays', () => {
    it('given 2024, should match Thông báo 5015/TB-LĐTBXH and Công văn 2450/VPCP-KGVX', () => {
      expect(datesOff(2024)).toEqual([
        '2024-01-01 holiday',
        // Tết 08/02–14/02: 29 and 30 tháng Chạp, mùng 1–3 (mùng 1 and 2 on the weekend), made up on 13/2 and 14/2.
        '2024-02-08 holiday',
        '2024-02-09 holiday',
        '2024-02-10 holiday',
        '2024-02-11 holiday',
        '2024-02-12 holiday',
        '2024-02-13 compensatory',
        '2024-02-14 compensatory',
        '2024-04-18 holiday',
        // 27/4–1/5: Monday 29/4 swapped with Saturday 4/5.
        '2024-04-29 swapped',
        '2024-04-30 holiday',
        '2024-05-01 holiday',
        // Quốc khánh 31/8–3/9.
        '2024-09-02 holiday',
        '2024-09-03 holiday',
      ]);
    });

    it('given 2025, should match Thông báo 6150/TB-LĐTBXH', () => {
      expect(datesOff(2025)).toEqual([
        '2025-01-01 holiday',
        // Tết 25/01–02/02: 28 tháng Chạp to mùng 3, all weekdays.
        '2025-01-27 holiday',
        '2025-01-28 holiday',
        '2025-01-29 holiday',
        '2025-01-30 holiday',
        '2025-01-31 holiday',
        '2025-04-07 holiday',
        // 30/4–4/5: Friday 2/5 swapped with Saturday 26/4.
        '2025-04-30 holiday',
        '2025-05-01 holiday',
        '2025-05-02 swapped',
        // Quốc khánh 30/8–2/9.
        '2025-09-01 holiday',
        '2025-09-02 holiday',
      ]);
    });

    it('given 2026, should match Thông báo 9441/TB-BNV and Công văn 12729/VPCP-KGVX', () => {
      expect(datesOff(2026)).toEqual([
        // 1/1–4/1: Friday 2/1 swapped with Saturday 10/1.
        '2026-01-01 holiday',
        '2026-01-02 swapped',
        // Tết 14/02–22/02: 29 tháng Chạp to mùng 4.
        '2026-02-16 holiday',
        '2026-02-17 holiday',
        '2026-02-18 holiday',
        '2026-02-19 holiday',
        '2026-02-20 holiday',
        // Giỗ Tổ on Sunday 26/4, made up on Monday 27/4.
        '2026-04-26 holiday',
        '2026-04-27 compensatory',
        '2026-04-30 holiday',
        '2026-05-01 holiday',
        // Quốc khánh 29/8–2/9: Monday 31/8 swapped with Saturday 22/8.
        '2026-08-31 swapped',
        '2026-09-01 holiday',
        '2026-09-02 holiday',
      ]);
    });

    it('given 2026, should name each day in Vietnamese', () => {
      expect(calendar.nonWorkingDays(2026).map((d) => d.name)).toEqual([
        'Tết Dương lịch',
        'Nghỉ hoán đổi ngày làm việc',
        'Tết Âm lịch (29 tháng Chạp)',
        'Tết Âm lịch (mùng 1 tháng Giêng)',
        'Tết Âm lịch (mùng 2 tháng Giêng)',
        'Tết Âm lịch (mùng 3 tháng Giêng)',
        'Tết Âm lịch (mùng 4 tháng Giêng)',
        'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
        'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
        'Ngày Chiến thắng',
        'Ngày Quốc tế lao động',
        'Nghỉ hoán đổi ngày làm việc',
        'Quốc khánh (ngày liền kề)',
        'Quốc khánh',
      ]);
    });

    it('given 2027, which has no published schedule yet, should say so and still apply the law provisionally', () => {
      expect(calendar.hasSchedule(2026)).toBe(true);
      expect(calendar.hasSchedule(2027)).toBe(false);
      // Tết 2027 (6/2) falls on a Saturday; 1/5 too, made up on Monday 3/5.
      expect(datesOff(2027)).toContain('2027-05-03 compensatory');
    });
  });

  describe('isWorkingDay', () => {
    it.each([
      ['2025-01-27', false, 'a Tết weekday'],
      ['2025-02-03', true, 'the Monday after Tết'],
      ['2025-04-26', true, 'a Saturday worked for the 30/4 swap'],
      ['2025-04-19', false, 'an ordinary Saturday'],
      ['2026-01-10', true, 'a Saturday worked for the 2/1 swap'],
      ['2026-08-22', true, 'a Saturday worked for the 31/8 swap'],
      ['2026-04-27', false, 'the compensatory day for Giỗ Tổ'],
    ])('given %p, should be %p (%s)', (date, expected) => {
      expect(calendar.isWorkingDay(date)).toBe(expected);
    });
  });

  describe('addWorkingDays', () => {
    it('given a dossier complete on Wednesday 15/1/2025, should put the 20-working-day appraisal deadline on 19/2/2025', () => {
      // Counting from the day after 15/1: 16, 17, 20, 21, 22, 23, 24/1 are working days 1–7. From Saturday 25/1 to
      // Sunday 2/2 nobody works (weekend, Tết 27–31/1, weekend). Then 3–7/2 are days 8–12, 10–14/2 days 13–17, and
      // Monday 17, Tuesday 18, Wednesday 19/2 days 18–20. Without Tết it would have been Wednesday 12/2.
      expect(calendar.addWorkingDays('2025-01-15', 20)).toBe('2025-02-19');
    });

    it('given the Friday before a worked Saturday, should count the Saturday', () => {
      expect(calendar.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
      expect(calendar.addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
    });

    it('given 5 working days from Tuesday 29/4/2025, should skip the 30/4–4/5 break and land on Friday 9/5', () => {
      expect(calendar.addWorkingDays('2025-04-29', 5)).toBe('2025-05-09');
    });

    it('given Tết 2026, should jump from Friday 13/2 to Monday 23/2', () => {
      expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    });

    it('given the last working day of 2025, should roll into 2026 past the 1/1 and swapped 2/1 holidays', () => {
      expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
    });

    it('given zero days, should return the start date itself', () => {
      expect(calendar.addWorkingDays('2025-01-25', 0)).toBe('2025-01-25');
    });

    it.each([-1, 1.5, Number.NaN])('given %p days, should throw', (n) => {
      expect(() => calendar.addWorkingDays('2025-01-15', n)).toThrow('whole number');
    });
  });

  describe('workingDaysBetween', () => {
    it('given 15/1/2025 and the deadline 19/2/2025, should count 20, and −20 the other way round', () => {
      expect(calendar.workingDaysBetween('2025-01-15', '2025-02-19')).toBe(20);
      expect(calendar.workingDaysBetween('2025-02-19', '2025-01-15')).toBe(-20);
    });

    it('given the same day, should count 0', () => {
      expect(calendar.workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    });

    it('given the whole Tết 2026 break, should count no working day inside it', () => {
      expect(calendar.workingDaysBetween('2026-02-13', '2026-02-22')).toBe(0);
    });
  });

  describe('given invalid input', () => {
    it.each(['2025-02-30', '2025-04-31', '2025-13-01', '2025-1-2', '15/01/2025', ''])('should reject the date %p', (date) => {
      expect(() => calendar.isWorkingDay(date)).toThrow('YYYY-MM-DD');
      expect(() => calendar.addWorkingDays(date, 1)).toThrow('YYYY-MM-DD');
      expect(() => calendar.workingDaysBetween('2025-01-01', date)).toThrow('YYYY-MM-DD');
    });

    const schedule2025 = CIVIL_SERVICE_SCHEDULES.find((s) => s.year === 2025) as HolidayAdjustments;

    it('given two schedules for one year, should throw', () => {
      expect(() => new WorkingCalendar([schedule2025, schedule2025])).toThrow('two holiday schedules for 2025');
    });

    it.each<[Partial<HolidayAdjustments>, string]>([
      [{ extraDaysOff: ['2025-05-03'] }, 'a Saturday given off'],
      [{ extraWorkingDays: ['2025-04-25'] }, 'a Friday "worked in exchange"'],
      [{ extraDaysOff: ['2024-05-02'] }, 'a date of another year'],
    ])('given a schedule with %p (%s), should throw', (change) => {
      expect(() => new WorkingCalendar([{ ...schedule2025, ...change }])).toThrow('2025 schedule');
    });
  });

  it('given each published schedule, should cite its basis', () => {
    for (const schedule of CIVIL_SERVICE_SCHEDULES) expect(schedule.basis).toMatch(/\d+\/(TB-LĐTBXH|TB-BNV|VPCP-KGVX)/);
  });
});

describe('workingDayDeadline', () => {
  const calendar = new WorkingCalendar(CIVIL_SERVICE_SCHEDULES);

  it('given no provincial days off, should equal the national calendar', () => {
    expect(workingDayDeadline(calendar, '2025-01-15', 20, [])).toBe(calendar.addWorkingDays('2025-01-15', 20));
  });

  it('given a provincial day off inside the period, should move the deadline one working day later', () => {
    // 2025-02-19 is the 20th working day after 15/01 (across Tết); with 18/02 off it becomes 20/02.
    expect(workingDayDeadline(calendar, '2025-01-15', 20, ['2025-02-18'])).toBe('2025-02-20');
  });
});
