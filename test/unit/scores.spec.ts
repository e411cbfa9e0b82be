import { PASS } from '../../src/domain/outcome';
import {
  checkAdjustmentReasons,
  checkCriteria,
  checkCrossScoring,
  checkScores,
  crossScorersOf,
  penaltyCriteria,
  scoreBreakdown,
  totalScore,
} from '../../src/domain/scores';
import type { CriteriaGroup, Criterion, CriterionScore } from '../../src/shared/cycle-types';
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
    expect(totalScore([], undefined, [score('A', 0.1), score('B', 0.2)])).toBe(0.3);
    expect(0.29 * 100 + 0.57 * 100).not.toBe(86);
    expect(totalScore([], undefined, [score('A', 0.29), score('B', 0.57)])).toBe(0.86);
  });

  it('given a complete sheet without groups or types, should return the plain sum (as before groups existed)', () => {
    expect(totalScore(CRITERIA, undefined, complete())).toBe(92.75);
    expect(totalScore(CRITERIA, [], complete())).toBe(92.75);
  });

  it('given no scores, should total zero', () => {
    expect(totalScore(CRITERIA, undefined, [])).toBe(0);
  });
});

/** Two groups, a bonus and a penalty criterion: the shape of a bloc's score sheet (domain.md §5). */
const GROUPS: CriteriaGroup[] = [
  { code: 'G1', name: 'Nhiệm vụ chuyên môn', maxPoints: 60 },
  { code: 'G2', name: 'Xây dựng tổ chức', maxPoints: 30 },
];
const SHEET: Criterion[] = [
  { code: 'TC1', name: 'Nhiệm vụ chính trị', maxPoints: 40, evidenceRequired: true, groupCode: 'G1' },
  { code: 'TC2', name: 'Phong trào thi đua', maxPoints: 30, evidenceRequired: false, groupCode: 'G1', type: 'NORMAL' },
  { code: 'TC3', name: 'Đoàn kết nội bộ', maxPoints: 30, evidenceRequired: false, groupCode: 'G2' },
  { code: 'TC4', name: 'Tham gia hoạt động chung', maxPoints: 10, evidenceRequired: false },
  { code: 'TH', name: 'Điểm thưởng: sáng kiến', maxPoints: 5, evidenceRequired: true, groupCode: 'G2', type: 'BONUS' },
  { code: 'TR', name: 'Điểm trừ: vi phạm kỷ luật', maxPoints: 10, evidenceRequired: false, type: 'PENALTY' },
];
const sheet = (tc1: number, tc2: number, tc3: number, tc4: number, bonus: number, penalty: number) => [
  score('TC1', tc1, ['x']),
  score('TC2', tc2),
  score('TC3', tc3),
  score('TC4', tc4),
  score('TH', bonus, ['sang-kien.pdf']),
  score('TR', penalty),
];

describe('scoreBreakdown and totalScore with groups, bonus and penalty', () => {
  it('given a group scored above its maximum, should count the group at its maximum only', () => {
    const b = scoreBreakdown(SHEET, GROUPS, sheet(38, 28, 20, 5, 0, 0));
    expect(b.groups).toEqual([
      { groupCode: 'G1', scored: 66, counted: 60, maxPoints: 60 },
      { groupCode: 'G2', scored: 20, counted: 20, maxPoints: 30 },
    ]);
    expect(b.ungrouped).toBe(5);
    expect(b.total).toBe(85);
  });

  it('given a bonus in a capped group, should add it on top of the cap', () => {
    const b = scoreBreakdown(SHEET, GROUPS, sheet(38, 28, 30, 10, 4, 0));
    expect(b.groups.find((g) => g.groupCode === 'G2')).toMatchObject({ scored: 30, counted: 30 });
    expect(b.bonus).toBe(4);
    expect(b.total).toBe(60 + 30 + 10 + 4);
  });

  it('given penalty points, should deduct them from the total', () => {
    const b = scoreBreakdown(SHEET, GROUPS, sheet(30, 20, 25, 10, 0, 3.5));
    expect(b.penalty).toBe(3.5);
    expect(b.total).toBe(50 + 25 + 10 - 3.5);
  });

  it('given a deduction larger than the points, should show a negative total rather than hide it', () => {
    expect(totalScore(SHEET, GROUPS, sheet(0, 0, 0, 0, 0, 10))).toBe(-10);
  });

  it('given decimal points across groups, bonus and penalty, should total in hundredths', () => {
    const total = totalScore(SHEET, GROUPS, sheet(30.1, 29.95, 0.29, 0.57, 0.1, 0.2));
    expect(total).toBe(60 + 0.29 + 0.57 + 0.1 - 0.2);
    expect(total).toBe(60.76);
  });

  it('given a group capped at a decimal maximum, should cap exactly', () => {
    const groups = [{ code: 'G1', name: 'x', maxPoints: 10.1 }];
    const criteria: Criterion[] = [
      { code: 'A', name: 'a', maxPoints: 10, evidenceRequired: false, groupCode: 'G1' },
      { code: 'B', name: 'b', maxPoints: 10, evidenceRequired: false, groupCode: 'G1' },
    ];
    expect(totalScore(criteria, groups, [score('A', 5.07), score('B', 5.04)])).toBe(10.1);
    expect(totalScore(criteria, groups, [score('A', 5.03), score('B', 5.04)])).toBe(10.07);
  });

  it('given the penalty criteria of a sheet, should list their codes', () => {
    expect(penaltyCriteria(SHEET)).toEqual(['TR']);
    expect(penaltyCriteria(CRITERIA)).toEqual([]);
  });

  it('given a penalty score, should be checked in [0, max] like any other score', () => {
    const refused = refusal(checkScores(SHEET, sheet(30, 20, 25, 10, 0, -2)));
    expect(refused.code).toBe(ErrorCode.SCORE_OUT_OF_RANGE);
    expect(refused.detail).toContain('TR');
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

  it('given groups, bonus and penalty criteria, should pass', () => {
    expect(checkCriteria(SHEET, GROUPS)).toEqual(PASS);
  });

  it('given a group whose NORMAL maxima add up to more than its maximum, should pass (the total is capped)', () => {
    expect(SHEET.filter((c) => c.groupCode === 'G1').reduce((s, c) => s + c.maxPoints, 0)).toBeGreaterThan(60);
    expect(checkCriteria(SHEET, GROUPS)).toEqual(PASS);
  });

  it('given a criterion in a group that is not declared, should refuse naming both', () => {
    const refused = refusal(checkCriteria([...SHEET, { ...CRITERIA[0], code: 'TC9', groupCode: 'G9' }], GROUPS));
    expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refused.detail).toContain('TC9');
    expect(refused.detail).toContain('G9');
  });

  it('given groups but a criterion naming one without any groups declared, should refuse', () => {
    expect(refusal(checkCriteria(SHEET)).detail).toContain('not in criteriaGroups');
  });

  it('given an unknown criterion type, should refuse naming the criterion', () => {
    const bad = { ...CRITERIA[0], type: 'EXTRA' } as unknown as Criterion;
    const refused = refusal(checkCriteria([bad, CRITERIA[1]]));
    expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refused.detail).toContain('TC1');
  });

  it('given only bonus and penalty criteria, should refuse: there is nothing to rank on', () => {
    const extras = SHEET.filter((c) => c.type === 'BONUS' || c.type === 'PENALTY').map((c) => ({ ...c, groupCode: undefined }));
    const refused = refusal(checkCriteria(extras));
    expect(refused.detail).toContain('NORMAL');
  });

  it.each([
    ['a repeated group code', [...GROUPS, { ...GROUPS[0], name: 'again' }], 'G1'],
    ['a group maximum of zero', [{ ...GROUPS[0], maxPoints: 0 }, GROUPS[1]], 'maxPoints'],
    ['a group without criteria', [...GROUPS, { code: 'G3', name: 'empty', maxPoints: 5 }], 'G3'],
  ])('given %s, should refuse', (_label, groups, detail) => {
    const refused = refusal(checkCriteria(SHEET, groups));
    expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refused.detail).toContain(detail);
  });
});

describe('checkCrossScoring', () => {
  const MEMBERS = ['A', 'B', 'C'];

  it('given pairs of distinct members, should pass and list the scorer of each unit', () => {
    const pairs = [
      { scorer: 'A', scored: 'B' },
      { scorer: 'B', scored: 'A' },
      { scorer: 'A', scored: 'C' },
    ];
    expect(checkCrossScoring(pairs, MEMBERS)).toEqual(PASS);
    expect(crossScorersOf(pairs, 'C')).toEqual(['A']);
    expect(crossScorersOf(undefined, 'C')).toEqual([]);
  });

  it('given a unit outside the bloc, should refuse with NOT_MEMBER', () => {
    expect(refusal(checkCrossScoring([{ scorer: 'X', scored: 'A' }], MEMBERS)).code).toBe(ErrorCode.NOT_MEMBER);
  });

  it('given a unit scoring itself, should refuse', () => {
    expect(refusal(checkCrossScoring([{ scorer: 'A', scored: 'A' }], MEMBERS)).detail).toContain('itself');
  });

  it('given two scorers for one unit, should pass and list both scorers', () => {
    const pairs = [
      { scorer: 'A', scored: 'C' },
      { scorer: 'B', scored: 'C' },
    ];
    expect(checkCrossScoring(pairs, MEMBERS)).toEqual(PASS);
    expect(crossScorersOf(pairs, 'C')).toEqual(['A', 'B']);
  });

  it('given the same pair twice, should refuse naming both units', () => {
    const refused = refusal(
      checkCrossScoring(
        [
          { scorer: 'A', scored: 'C' },
          { scorer: 'A', scored: 'C' },
        ],
        MEMBERS,
      ),
    );
    expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refused.detail).toBe('unit A is assigned to cross-score C twice');
  });
});

describe('checkAdjustmentReasons', () => {
  const own = [
    { criterionCode: 'TC1', points: 34, evidenceRefs: [] },
    { criterionCode: 'TC2', points: 20, evidenceRefs: [] },
  ];

  it('given verified points equal to the unit’s own, should need no reason', () => {
    expect(checkAdjustmentReasons(own, own)).toEqual(PASS);
  });

  it('given a lowered criterion with a reason, should pass', () => {
    const verified = [{ ...own[0], points: 32, reason: 'Thiếu minh chứng' }, own[1]];
    expect(checkAdjustmentReasons(own, verified)).toEqual(PASS);
  });

  it('given a changed criterion without a reason (or a blank one), should refuse naming it and both values', () => {
    for (const reason of [undefined, '   ']) {
      const refused = refusal(checkAdjustmentReasons(own, [own[0], { ...own[1], points: 22, reason }]));
      expect(refused.code).toBe(ErrorCode.REASON_REQUIRED);
      expect(refused.detail).toBe("criterion TC2: the verified 22 points differ from the unit's own 20; give the reason");
    }
  });
});
