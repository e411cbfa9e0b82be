import type { Criterion } from '../../../web/src/api/types';
import { criteriaErrors, maximumTotal, parsePoints, runningTotal, sheetErrors, toScores } from '../../../web/src/lib/score';

const CRITERIA: Criterion[] = [
  { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxPoints: 40, evidenceRequired: true, groupCode: 'N1' },
  { code: 'TC2', name: 'Xây dựng tổ chức', maxPoints: 30, evidenceRequired: false, groupCode: 'N1' },
  { code: 'TC3', name: 'Hoạt động chung', maxPoints: 30, evidenceRequired: false },
  { code: 'TH', name: 'Điểm thưởng', maxPoints: 5, evidenceRequired: false, type: 'BONUS' },
  { code: 'TR', name: 'Điểm trừ', maxPoints: 10, evidenceRequired: false, type: 'PENALTY' },
];
const GROUPS = [{ code: 'N1', name: 'Nhiệm vụ', maxPoints: 60 }];

describe('web score sheet: validation as you type and the running total', () => {
  it('given points typed with a decimal comma, should read them; more than two decimals or signs are refused', () => {
    expect(parsePoints('39,5')).toBe(39.5);
    expect(parsePoints('38.25')).toBe(38.25);
    expect(parsePoints('1.234')).toBeNull();
    expect(parsePoints('-1')).toBeNull();
    expect(parsePoints('abc')).toBeNull();
  });

  it('given a sheet being filled, should name what is missing or out of range, per criterion, in Vietnamese', () => {
    const errors = sheetErrors(CRITERIA, {
      TC1: { points: '45', evidence: '' },
      TC2: { points: '', evidence: '' },
      TC3: { points: '20', evidence: '' },
      TH: { points: '2', evidence: '' },
      TR: { points: '0', evidence: '' },
    });
    expect(errors).toEqual({ TC1: 'Điểm không được vượt quá 40.', TC2: 'Chưa nhập điểm.' });
    expect(sheetErrors(CRITERIA, { TC1: { points: '38', evidence: '' } }).TC1).toBe('Tiêu chí này bắt buộc có minh chứng.');
  });

  it('given group caps, bonus and penalty, should total as the server does', () => {
    const inputs = {
      TC1: { points: '40', evidence: 'bao-cao.pdf' },
      TC2: { points: '30', evidence: '' },
      TC3: { points: '25,5', evidence: '' },
      TH: { points: '3', evidence: '' },
      TR: { points: '2', evidence: '' },
    };
    // Group N1 capped at 60 (not 70), + 25.5 ungrouped + 3 bonus − 2 penalty.
    expect(runningTotal(CRITERIA, GROUPS, inputs)).toBe(86.5);
    expect(maximumTotal(CRITERIA, GROUPS)).toBe(95);
    expect(toScores(CRITERIA, inputs)[0]).toEqual({ criterionCode: 'TC1', points: 40, evidenceRefs: ['bao-cao.pdf'] });
  });

  it('given the launch form, should refuse repeated codes and a sheet without an ordinary criterion', () => {
    const row = { name: 'x', maxPoints: '10', evidenceRequired: false, type: 'NORMAL' as const };
    expect(
      criteriaErrors([
        { ...row, code: 'TC1' },
        { ...row, code: 'TC1' },
      ]),
    ).toEqual({ 1: 'Mã TC1 bị trùng.' });
    expect(criteriaErrors([{ ...row, code: 'TH', type: 'BONUS' }])['']).toMatch(/ít nhất một tiêu chí thường/);
    expect(criteriaErrors([{ ...row, code: 'TC 1' }])[0]).toMatch(/Mã tiêu chí/);
  });
});
