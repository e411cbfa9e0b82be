import { PASS } from '../../src/domain/outcome';
import { checkCriteria, checkScores, totalScore } from '../../src/domain/scores';
import type { Criterion, CriterionScore } from '../../src/shared/cycle-types';
import { ErrorCode } from '../../src/shared/errors';
import { refusal } from './check.helpers';

const CRITERIA: Criterion[] = [
  { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị', maxPoints: 60, evidenceRequired: true },
  { code: 'TC2', name: 'Công tác thi đua, khen thưởng', maxPoints: 30, evidenceRequired: false },
  { code: 'TC3', name: 'Xây dựng tổ chức', maxPoints: 10, evidenceRequired: false },
];

const score = (criterionCode: string, points: number, evidenceRefs: string[] = []): CriterionScore => ({
  criterionCode,
  points,
  evidenceRefs,
});
const complete = (): CriterionScore[] => [score('TC1', 55, ['bao-cao-2020.pdf']), score('TC2', 28.5), score('TC3', 9.25)];

describe('checkScores', () => {
  it('given every criterion scored once within range with evidence where required, should pass', () => {
    expect(checkScores(CRITERIA, complete())).toEqual(PASS);
  });

  it('given scores at both ends of the range, should pass', () => {
    expect(checkScores(CRITERIA, [score('TC1', 0, ['x']), score('TC2', 30), score('TC3', 10)])).toEqual(PASS);
  });

  it.each([
    ['below zero', -0.5],
    ['above the maximum', 30.01],
    ['not a number', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('given a score %s, should refuse with SCORE_OUT_OF_RANGE naming the criterion', (_label, points) => {
    const scores = complete().map((s) => (s.criterionCode === 'TC2' ? { ...s, points } : s));
    const refused = refusal(checkScores(CRITERIA, scores));
    expect(refused.code).toBe(ErrorCode.SCORE_OUT_OF_RANGE);
    expect(refused.detail).toContain('TC2');
    expect(refused.detail).toContain('[0, 30]');
  });

  it('given a criterion that is not on the sheet, should refuse with UNKNOWN_CRITERION', () => {
    const refused = refusal(checkScores(CRITERIA, [...complete(), score('TC9', 1)]));
    expect(refused.code).toBe(ErrorCode.UNKNOWN_CRITERION);
    expect(refused.detail).toContain('TC9');
  });

  it('given a criterion scored twice, should refuse with VALIDATION_FAILED', () => {
    const refused = refusal(checkScores(CRITERIA, [...complete(), score('TC3', 1)]));
    expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refused.detail).toContain('TC3');
  });

  it('given criteria left unscored, should refuse with MISSING_CRITERION listing each of them', () => {
    const refused = refusal(checkScores(CRITERIA, [score('TC1', 50, ['x'])]));
    expect(refused.code).toBe(ErrorCode.MISSING_CRITERION);
    expect(refused.detail).toContain('TC2, TC3');
  });

  it('given no evidence for a criterion that requires it, should refuse with EVIDENCE_REQUIRED', () => {
    const refused = refusal(checkScores(CRITERIA, [score('TC1', 50), score('TC2', 20), score('TC3', 5)]));
    expect(refused.code).toBe(ErrorCode.EVIDENCE_REQUIRED);
    expect(refused.detail).toContain('TC1');
  });

  it('given no evidence for criteria that do not require it, should pass', () => {
    expect(checkScores(CRITERIA, [score('TC1', 50, ['x']), score('TC2', 20, []), score('TC3', 5, [])])).toEqual(PASS);
  });
});

describe('totalScore', () => {
  it('given decimal points, should sum them in hundredths without binary drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(totalScore([score('A', 0.1), score('B', 0.2)])).toBe(0.3);
    expect(0.29 * 100 + 0.57 * 100).not.toBe(86);
    expect(totalScore([score('A', 0.29), score('B', 0.57)])).toBe(0.86);
  });

  it('given a complete sheet, should return the exact total', () => {
    expect(totalScore(complete())).toBe(92.75);
  });

  it('given no scores, should total zero', () => {
    expect(totalScore([])).toBe(0);
  });
});

describe('checkCriteria', () => {
  it('given a well-formed sheet, should pass', () => {
    expect(checkCriteria(CRITERIA)).toEqual(PASS);
  });

  it('given no criteria, should refuse', () => {
    expect(refusal(checkCriteria([])).code).toBe(ErrorCode.VALIDATION_FAILED);
  });

  it('given a repeated code, should refuse naming it', () => {
    const refused = refusal(checkCriteria([...CRITERIA, { ...CRITERIA[1], name: 'again' }]));
    expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refused.detail).toContain('TC2');
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('given maxPoints %p, should refuse', (maxPoints) => {
    const refused = refusal(checkCriteria([{ code: 'TC1', name: 'x', maxPoints, evidenceRequired: false }]));
    expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refused.detail).toContain('maxPoints');
  });
});
