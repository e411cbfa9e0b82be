import {
  addDays,
  endOfDayVn,
  formatDate,
  formatDateTime,
  formatPoints,
  parseDateInput,
  todayVn,
} from '../../../web/src/lib/format';

describe('web dates and numbers (dd/mm/yyyy, Asia/Ho_Chi_Minh)', () => {
  it('given a business date, should show it as dd/mm/yyyy without any time-zone shift', () => {
    expect(formatDate('2020-12-29')).toBe('29/12/2020');
  });

  it('given an instant late in the UTC day, should show the Vietnamese date (UTC+7)', () => {
    expect(formatDate('2020-12-31T18:30:00Z')).toBe('01/01/2021');
    expect(formatDateTime('2020-12-31T18:30:00Z')).toBe('01/01/2021 01:30');
    expect(todayVn(new Date('2020-12-31T17:00:00Z'))).toBe('2021-01-01');
  });

  it('given what a person types, should accept real dd/mm/yyyy dates only', () => {
    expect(parseDateInput('29/12/2020')).toBe('2020-12-29');
    expect(parseDateInput(' 1/2/2021 ')).toBe('2021-02-01');
    expect(parseDateInput('30/02/2021')).toBeNull();
    expect(parseDateInput('2020-12-29')).toBeNull();
    expect(parseDateInput('')).toBeNull();
  });

  it('given a deadline day, should end it at 23:59:59 in Vietnam', () => {
    expect(endOfDayVn('2021-02-05')).toBe('2021-02-05T16:59:59.000Z');
    expect(addDays('2020-12-30', 3)).toBe('2021-01-02');
  });

  it('given points, should write them with a decimal comma', () => {
    expect(formatPoints(39.5)).toBe('39,5');
    expect(formatPoints(95)).toBe('95');
    expect(formatPoints(null)).toBe('—');
  });
});
