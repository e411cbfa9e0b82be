import { lunarToSolar, solarToLunar, toDayNumber, weekday } from '../../../src/domain/calendar/lunar';

const firstOf = (year: number, month: number, leap = false) => lunarToSolar({ year, month, day: 1, leap });

describe('Vietnamese lunar calendar', () => {
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('given lunar year %p, should put Tết (mùng 1 tháng Giêng) on %p', (year, date) => {
    expect(firstOf(year, 1)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('given lunar year %p, should put Giỗ Tổ Hùng Vương (10/3) on %p', (year, date) => {
    expect(lunarToSolar({ year, month: 3, day: 10, leap: false })).toBe(date);
  });

  describe('given years where UTC+7 and China’s UTC+8 disagree', () => {
    it.each([
      ['1968-01-29', 'Tết Mậu Thân, a day before the Chinese new year'],
      ['1985-01-21', 'Tết Ất Sửu, a month before the Chinese new year (1985-02-20)'],
      ['2007-02-17', 'Tết Đinh Hợi, a day before the Chinese new year'],
    ])('should put Tết on %p (%s)', (date) => {
      expect(solarToLunar(date)).toMatchObject({ month: 1, day: 1, leap: false });
    });

    it('given 1935, before Vietnam computed for UTC+7, should follow the UTC+8 calendar then in use (Tết on 4 Feb)', () => {
      expect(solarToLunar('1935-02-04')).toEqual({ year: 1935, month: 1, day: 1, leap: false });
    });
  });

  describe('given a year with a leap month', () => {
    it('2023: should have a leap 2nd month from 2023-03-22 to 2023-04-19, then the 3rd month', () => {
      expect(firstOf(2023, 2, true)).toBe('2023-03-22');
      expect(solarToLunar('2023-04-19')).toEqual({ year: 2023, month: 2, day: 29, leap: true });
      expect(firstOf(2023, 3)).toBe('2023-04-20');
    });

    it('2025: should have a leap 6th month from 2025-07-25 to 2025-08-22', () => {
      expect(solarToLunar('2025-07-24')).toEqual({ year: 2025, month: 6, day: 30, leap: false });
      expect(firstOf(2025, 6, true)).toBe('2025-07-25');
      expect(solarToLunar('2025-08-22')).toEqual({ year: 2025, month: 6, day: 29, leap: true });
      expect(firstOf(2025, 7)).toBe('2025-08-23');
    });

    it('2025: should reject a leap month that does not exist', () => {
      expect(() => firstOf(2025, 5, true)).toThrow('no leap month 5');
    });
  });

  describe('given the days around Tết 2024–2026', () => {
    it.each([
      ['2024-02-08', { year: 2023, month: 12, day: 29, leap: false }],
      ['2024-02-09', { year: 2023, month: 12, day: 30, leap: false }],
      ['2025-01-25', { year: 2024, month: 12, day: 26, leap: false }],
      ['2025-01-28', { year: 2024, month: 12, day: 29, leap: false }],
      ['2026-02-14', { year: 2025, month: 12, day: 27, leap: false }],
      ['2026-02-22', { year: 2026, month: 1, day: 6, leap: false }],
    ])('should convert %p to %p and back', (date, lunar) => {
      expect(solarToLunar(date)).toEqual(lunar);
      expect(lunarToSolar(lunar)).toBe(date);
    });
  });

  it('given every day from 1900 to 2100 sampled weekly, should convert there and back to the same day', () => {
    for (let day = toDayNumber('1900-01-01'); day <= toDayNumber('2100-12-31'); day += 7) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(lunarToSolar(solarToLunar(date))).toBe(date);
    }
  });

  describe('given invalid input', () => {
    it.each(['2025-02-30', '2025-13-01', '2025-1-2', '02/01/2025', ''])('should reject the solar date %p', (date) => {
      expect(() => solarToLunar(date)).toThrow('YYYY-MM-DD');
    });

    it('should reject day 30 of a 29-day month (12th month of Giáp Thìn, ending 2025-01-28)', () => {
      expect(() => lunarToSolar({ year: 2024, month: 12, day: 30, leap: false })).toThrow('has 29 days');
    });

    it.each([
      { year: 2025, month: 13, day: 1, leap: false },
      { year: 2025, month: 1, day: 0, leap: false },
      { year: 2025, month: 1, day: 1.5, leap: false },
    ])('should reject the lunar date %p', (lunar) => {
      expect(() => lunarToSolar(lunar)).toThrow('not a lunar date');
    });

    it('should reject years outside 1900–2100', () => {
      expect(() => solarToLunar('1899-12-31')).toThrow('1900–2100');
      expect(() => lunarToSolar({ year: 2101, month: 1, day: 1, leap: false })).toThrow('1900–2100');
      expect(() => lunarToSolar({ year: 1899, month: 1, day: 1, leap: false })).toThrow('1900–2100');
      expect(lunarToSolar({ year: 1899, month: 12, day: 1, leap: false })).toBe('1900-01-01');
    });
  });

  it('given day numbers, should know the weekday (2025-01-29 was a Wednesday)', () => {
    expect(weekday(toDayNumber('2025-01-29'))).toBe(3);
    expect(weekday(toDayNumber('1969-12-28'))).toBe(0);
  });
});
