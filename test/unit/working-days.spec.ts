import { addDays, addWorkingDays, isWorkingDay, vietnamDate } from '../../src/domain/working-days';

const NONE = new Set<string>();

describe('isWorkingDay', () => {
  it('given a Saturday and a Sunday, should not be working days', () => {
    expect(isWorkingDay('2025-01-04', NONE)).toBe(false);
    expect(isWorkingDay('2025-01-05', NONE)).toBe(false);
  });

  it('given a weekday, should be a working day unless it is a holiday', () => {
    expect(isWorkingDay('2025-01-01', NONE)).toBe(true);
    expect(isWorkingDay('2025-01-01', new Set(['2025-01-01']))).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('given a Monday and one working day, should not count the start day and return the Tuesday', () => {
    expect(addWorkingDays('2025-03-03', 1, [])).toBe('2025-03-04');
  });

  it('given a Friday and one working day, should skip the weekend', () => {
    expect(addWorkingDays('2025-01-03', 1, [])).toBe('2025-01-06');
  });

  it('given a Saturday start, should count from the following Monday', () => {
    expect(addWorkingDays('2025-01-04', 1, [])).toBe('2025-01-06');
  });

  it('given zero working days, should return the start date', () => {
    expect(addWorkingDays('2025-01-04', 0, [])).toBe('2025-01-04');
  });

  it('given the 20-working-day appraisal period from a Monday, should end four weeks later', () => {
    expect(addWorkingDays('2025-03-03', 20, [])).toBe('2025-03-31');
  });

  it('given the Tết holiday week, should skip it', () => {
    const tet2025 = ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'];
    expect(addWorkingDays('2025-01-24', 1, tet2025)).toBe('2025-02-03');
    expect(addWorkingDays('2025-01-24', 1, [])).toBe('2025-01-27');
  });

  it('given a holiday across the year boundary, should skip it and roll into the new year', () => {
    expect(addWorkingDays('2024-12-31', 1, ['2025-01-01'])).toBe('2025-01-02');
  });

  it('given a holiday on a weekend, should not count it twice', () => {
    expect(addWorkingDays('2025-04-25', 5, ['2025-04-30', '2025-05-01', '2025-05-03'])).toBe('2025-05-06');
  });

  it.each([-1, 1.5, Number.NaN])('given %p working days, should throw', (n) => {
    expect(() => addWorkingDays('2025-01-01', n, [])).toThrow('working days');
  });

  it.each(['2025-1-2', '02/01/2025', '2025-01-02T00:00:00Z', ''])('given the malformed date %p, should throw', (date) => {
    expect(() => addWorkingDays(date, 1, [])).toThrow('YYYY-MM-DD');
  });

  it.each(['2025-02-30', '2025-13-01', '2025-04-31'])('given the impossible date %p, should throw', (date) => {
    expect(() => addWorkingDays(date, 1, [])).toThrow('YYYY-MM-DD');
  });
});

describe('vietnamDate', () => {
  it('given 16:59:59.999Z on 31 December, should still be 31 December in Vietnam', () => {
    expect(vietnamDate(new Date('2024-12-31T16:59:59.999Z'))).toBe('2024-12-31');
  });

  it('given 17:00Z on 31 December, should already be 1 January in Vietnam', () => {
    expect(vietnamDate(new Date('2024-12-31T17:00:00.000Z'))).toBe('2025-01-01');
  });

  it('given an instant with an explicit +07:00 offset, should return its local date', () => {
    expect(vietnamDate(new Date('2025-01-13T00:30:00+07:00'))).toBe('2025-01-13');
  });
});

describe('addDays', () => {
  it('given an instant, should add whole days and keep the time of day', () => {
    expect(addDays(new Date('2025-01-31T10:15:00Z'), 30).toISOString()).toBe('2025-03-02T10:15:00.000Z');
  });
});
