import { compensatoryDays, publicHolidays } from '../../../src/domain/calendar/holidays';

describe('publicHolidays (Labour Code 2019, Art. 112)', () => {
  it('given 2025 with the published placement, should list the 11 statutory days with their names', () => {
    expect(publicHolidays(2025, { tetDaysBefore: 2, nationalDayAdjacent: 'before' })).toEqual([
      { date: '2025-01-01', name: 'Tết Dương lịch' },
      { date: '2025-01-27', name: 'Tết Âm lịch (28 tháng Chạp)' },
      { date: '2025-01-28', name: 'Tết Âm lịch (29 tháng Chạp)' },
      { date: '2025-01-29', name: 'Tết Âm lịch (mùng 1 tháng Giêng)' },
      { date: '2025-01-30', name: 'Tết Âm lịch (mùng 2 tháng Giêng)' },
      { date: '2025-01-31', name: 'Tết Âm lịch (mùng 3 tháng Giêng)' },
      { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
      { date: '2025-04-30', name: 'Ngày Chiến thắng' },
      { date: '2025-05-01', name: 'Ngày Quốc tế lao động' },
      { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề)' },
      { date: '2025-09-02', name: 'Quốc khánh' },
    ]);
  });

  it('given 2026 with one Tết day before mùng 1 and 1/9, should take 29 tháng Chạp to mùng 4', () => {
    const holidays = publicHolidays(2026, { tetDaysBefore: 1, nationalDayAdjacent: 'before' });
    expect(holidays.filter((h) => h.name.startsWith('Tết Âm lịch')).map((h) => h.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(holidays.at(-2)).toEqual({ date: '2026-09-01', name: 'Quốc khánh (ngày liền kề)' });
  });

  it('given 2024 with the day after 2/9, should take 3/9', () => {
    expect(publicHolidays(2024, { tetDaysBefore: 2, nationalDayAdjacent: 'after' }).at(-1)).toEqual({
      date: '2024-09-03',
      name: 'Quốc khánh (ngày liền kề)',
    });
  });

  it('given no placement, should use the provisional one (two Tết days before mùng 1, and 1/9)', () => {
    const holidays = publicHolidays(2027);
    expect(holidays[1]).toEqual({ date: '2027-02-04', name: 'Tết Âm lịch (28 tháng Chạp)' });
    expect(holidays.at(-2)?.date).toBe('2027-09-01');
  });

  it('given a Tết placement outside 0–5 days, should throw', () => {
    expect(() => publicHolidays(2025, { tetDaysBefore: 6, nationalDayAdjacent: 'before' })).toThrow('tetDaysBefore');
  });
});

describe('compensatoryDays (Art. 111(3))', () => {
  it('given Tết 2024 with mùng 1 and mùng 2 on a weekend, should make them up after the block, on 13/2 and 14/2', () => {
    const holidays = publicHolidays(2024, { tetDaysBefore: 2, nationalDayAdjacent: 'after' });
    expect(compensatoryDays(holidays)).toEqual([
      { date: '2024-02-13', name: 'Nghỉ bù Tết Âm lịch (mùng 1 tháng Giêng)' },
      { date: '2024-02-14', name: 'Nghỉ bù Tết Âm lịch (mùng 2 tháng Giêng)' },
    ]);
  });

  it('given Giỗ Tổ 2026 on Sunday 26/4, should give Monday 27/4', () => {
    expect(compensatoryDays([{ date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' }])).toEqual([
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    ]);
  });

  it('given Quốc khánh 2023 on Saturday 2/9 after Friday 1/9, should give Monday 4/9', () => {
    const holidays = [
      { date: '2023-09-01', name: 'Quốc khánh (ngày liền kề)' },
      { date: '2023-09-02', name: 'Quốc khánh' },
    ];
    expect(compensatoryDays(holidays)).toEqual([{ date: '2023-09-04', name: 'Nghỉ bù Quốc khánh' }]);
  });

  it('given holidays on weekdays only, should give nothing', () => {
    expect(compensatoryDays(publicHolidays(2025, { tetDaysBefore: 2, nationalDayAdjacent: 'before' }))).toEqual([]);
  });
});
