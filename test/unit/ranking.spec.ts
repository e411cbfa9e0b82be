import { DEFAULT_RULES } from '../../src/domain/default-rules';
import { compareIndicators, rankingCascade, rankUnits } from '../../src/domain/ranking';
import type { Criterion, CriterionScore } from '../../src/shared/cycle-types';
import { TieBreaker } from '../../src/shared/rules';

const points = (tc1: number, tr: number): CriterionScore[] => [
  { criterionCode: 'TC1', points: tc1, evidenceRefs: [] },
  { criterionCode: 'TR', points: tr, evidenceRefs: [] },
];

describe('rankUnits', () => {
  it('given distinct totals, should rank highest first from 1', () => {
    const ranked = rankUnits([
      { unitCode: 'MTTQ', total: 88 },
      { unitCode: 'HLHPN', total: 97.5 },
      { unitCode: 'LDLD', total: 92 },
    ]);
    expect(ranked).toEqual([
      { unitCode: 'HLHPN', total: 97.5, rank: 1 },
      { unitCode: 'LDLD', total: 92, rank: 2 },
      { unitCode: 'MTTQ', total: 88, rank: 3 },
    ]);
  });

  it('given a tie for second, should share the rank and skip the next one (1, 2, 2, 4)', () => {
    const ranked = rankUnits([
      { unitCode: 'D', total: 80 },
      { unitCode: 'C', total: 90 },
      { unitCode: 'A', total: 95 },
      { unitCode: 'B', total: 90 },
    ]);
    expect(ranked.map((r) => [r.unitCode, r.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 4],
    ]);
  });

  it('given a three-way tie at the top, should rank all three first and the next fourth', () => {
    const ranked = rankUnits([
      { unitCode: 'Z', total: 70 },
      { unitCode: 'Y', total: 90 },
      { unitCode: 'X', total: 90 },
      { unitCode: 'W', total: 90 },
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1, 4]);
    expect(ranked.map((r) => r.unitCode)).toEqual(['W', 'X', 'Y', 'Z']);
  });

  it('given tied units listed in different orders, should produce the same order', () => {
    const one = rankUnits([
      { unitCode: 'HND', total: 90 },
      { unitCode: 'DTN', total: 90 },
    ]);
    const other = rankUnits([
      { unitCode: 'DTN', total: 90 },
      { unitCode: 'HND', total: 90 },
    ]);
    expect(one).toEqual(other);
    expect(one.map((r) => r.unitCode)).toEqual(['DTN', 'HND']);
  });

  it('given entries, should not reorder the caller’s array', () => {
    const entries = [
      { unitCode: 'B', total: 1 },
      { unitCode: 'A', total: 2 },
    ];
    rankUnits(entries);
    expect(entries.map((e) => e.unitCode)).toEqual(['B', 'A']);
  });

  it('given no entries, should return an empty ranking', () => {
    expect(rankUnits([])).toEqual([]);
  });
});

describe('rankUnits with the indicator cascade', () => {
  const cascade = { indicatorOrder: ['TC1', 'TR'], penaltyCriteria: ['TR'] };

  it('given equal totals, should separate them by the first indicator that differs', () => {
    const ranked = rankUnits(
      [
        { unitCode: 'A', total: 90, scores: points(30, 0) },
        { unitCode: 'B', total: 90, scores: points(35, 0) },
        { unitCode: 'C', total: 95, scores: points(20, 0) },
      ],
      cascade,
    );
    expect(ranked).toEqual([
      { unitCode: 'C', total: 95, rank: 1 },
      { unitCode: 'B', total: 90, rank: 2 },
      { unitCode: 'A', total: 90, rank: 3 },
    ]);
  });

  it('given a penalty indicator, should put the smaller deduction first', () => {
    const ranked = rankUnits(
      [
        { unitCode: 'A', total: 90, scores: points(30, 2) },
        { unitCode: 'B', total: 90, scores: points(30, 1) },
      ],
      cascade,
    );
    expect(ranked.map((r) => [r.unitCode, r.rank])).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
  });

  it('given units level on total and every indicator, should still share the rank (a vote decides)', () => {
    const ranked = rankUnits(
      [
        { unitCode: 'B', total: 90, scores: points(30, 1) },
        { unitCode: 'A', total: 90, scores: points(30, 1) },
        { unitCode: 'C', total: 80, scores: points(30, 1) },
      ],
      cascade,
    );
    expect(ranked.map((r) => [r.unitCode, r.rank])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 3],
    ]);
  });

  it('given no cascade, should ignore the scores and share the rank as before', () => {
    const ranked = rankUnits([
      { unitCode: 'A', total: 90, scores: points(30, 0) },
      { unitCode: 'B', total: 90, scores: points(35, 0) },
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });

  it('given a unit without a score for an indicator, should put it last on that indicator', () => {
    expect(compareIndicators(cascade, undefined, points(0, 10))).toBeGreaterThan(0);
    expect(compareIndicators(cascade, undefined, undefined)).toBe(0);
  });
});

describe('rankingCascade', () => {
  const criteria: Criterion[] = [
    { code: 'TC1', name: 'a', maxPoints: 50, evidenceRequired: false },
    { code: 'TR', name: 'b', maxPoints: 5, evidenceRequired: false, type: 'PENALTY' },
  ];

  it('given rules whose tie-breakers name INDICATOR_ORDER, should answer the order and the penalty criteria', () => {
    const rules = {
      ...DEFAULT_RULES,
      conference: { ...DEFAULT_RULES.conference, tieBreakers: [TieBreaker.INDICATOR_ORDER], indicatorOrder: ['TR', 'TC1'] },
    };
    expect(rankingCascade(rules, criteria)).toEqual({ indicatorOrder: ['TR', 'TC1'], penaltyCriteria: ['TR'] });
  });

  it('given the default rules (no INDICATOR_ORDER), should answer none', () => {
    expect(rankingCascade(DEFAULT_RULES, criteria)).toBeUndefined();
  });
});
