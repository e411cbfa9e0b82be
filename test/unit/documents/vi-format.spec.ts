import { dateInWords, placeAndDate, placeOf, shortDate, upper, viNumber, viPercent } from '../../../src/documents/vi-format';

describe('Vietnamese numbers and dates (Nghị định 30/2020/NĐ-CP)', () => {
  it('given a date, should write it in words with a zero before days under 10 and months 1 and 2 only', () => {
    expect(dateInWords('2020-12-29')).toBe('ngày 29 tháng 12 năm 2020');
    expect(dateInWords('2021-01-05')).toBe('ngày 05 tháng 01 năm 2021');
    expect(dateInWords('2021-02-20')).toBe('ngày 20 tháng 02 năm 2021');
    expect(dateInWords('2021-03-09')).toBe('ngày 09 tháng 3 năm 2021');
    expect(placeAndDate('Bắc Ninh', '2025-12-29')).toBe('Bắc Ninh, ngày 29 tháng 12 năm 2025');
    expect(shortDate('2021-03-09')).toBe('09/03/2021');
    expect(() => dateInWords('29/12/2020')).toThrow();
  });

  it('given numbers, should write a decimal comma and dots between thousands', () => {
    expect(viNumber(92.5)).toBe('92,5');
    expect(viNumber(95)).toBe('95');
    expect(viNumber(1234567.891)).toBe('1.234.567,89');
    expect(viNumber(-1.5)).toBe('-1,5');
    expect(viPercent(5 / 6)).toBe('83,33%');
    expect(viPercent(1)).toBe('100%');
  });

  it('given a province name as stored, should give the place name and upper-case Vietnamese letters', () => {
    expect(placeOf('Tỉnh Bắc Kạn (dữ liệu mẫu)')).toBe('Bắc Kạn');
    expect(placeOf('Thành phố Hải Phòng')).toBe('Hải Phòng');
    expect(upper('Khối thi đua Mặt trận Tổ quốc')).toBe('KHỐI THI ĐUA MẶT TRẬN TỔ QUỐC');
  });
});
