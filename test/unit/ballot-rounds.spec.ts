import {
  breakTie,
  closeLastRound,
  closeRound,
  type BallotItems,
  type RoundContext,
  type TieData,
} from '../../src/domain/ballot-rounds';
import { DEFAULT_RULES } from '../../src/domain/default-rules';
import type { BallotPaper } from '../../src/domain/tally';
import type { RankedUnit } from '../../src/shared/cycle-types';
import { AwardType, TieBreaker } from '../../src/shared/rules';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN } = AwardType;
const papers = (n: number, paper: BallotPaper): BallotPaper[] => Array.from({ length: n }, () => paper);
const ranking: RankedUnit[] = [
  { unitCode: 'A', total: 95, rank: 1 },
  { unitCode: 'B', total: 95, rank: 1 },
  { unitCode: 'C', total: 90, rank: 3 },
  { unitCode: 'D', total: 85, rank: 4 },
];

/** A six-member bloc; flag threshold 3 of 6 so that a 3–3 split passes for both. */
const awards = {
  ...DEFAULT_RULES.awards,
  [CO_TINH]: { ...DEFAULT_RULES.awards[CO_TINH], threshold: 0.5 },
  [BANG_KHEN]: { ...DEFAULT_RULES.awards[BANG_KHEN], threshold: 0.5, maxPerBloc: 2 },
};
const first: BallotItems = {
  candidates: { [CO_TINH]: ['A', 'B'], [BANG_KHEN]: ['A', 'B', 'C'] },
  slots: { [CO_TINH]: 1, [BANG_KHEN]: 2 },
  leaderCandidates: ['C', 'D'],
  deputyCandidates: ['C', 'D'],
};
const ctx: RoundContext = { awards, original: first, totalMembers: 6, presentCount: 6, ballotsIssued: 6, ranking };
const noScores: TieData = { tieBreakers: [TieBreaker.LEADER_DEPUTY_DECIDE], indicatorOrder: [], scores: {}, womenRatio: {} };

describe('closeRound', () => {
  it('given a 3–3 flag tie, should settle the clear election and send the flag and the dependent Bằng khen to round 2', () => {
    const round1 = [
      ...papers(3, { choices: { [CO_TINH]: ['A'], [BANG_KHEN]: ['B', 'C'] }, nextLeader: 'C', nextDeputy: 'D' }),
      ...papers(3, { choices: { [CO_TINH]: ['B'], [BANG_KHEN]: ['A', 'C'] }, nextLeader: 'C', nextDeputy: 'D' }),
    ];
    const result = closeRound(ctx, first, { awards: {} }, round1);
    expect(result.settled).toEqual({ awards: {}, leader: 'C', deputy: 'D' });
    expect(result.next).toEqual({
      candidates: { [CO_TINH]: ['A', 'B'], [BANG_KHEN]: ['A', 'B', 'C'] },
      slots: { [CO_TINH]: 1, [BANG_KHEN]: 2 },
      leaderCandidates: [],
      deputyCandidates: [],
    });
  });

  it('given round 2 breaks the flag tie, should settle the flag and the Bằng khen without the flag winner', () => {
    const round2Items: BallotItems = { ...first, leaderCandidates: [], deputyCandidates: [] };
    const round2 = [
      ...papers(4, { choices: { [CO_TINH]: ['A'], [BANG_KHEN]: ['B', 'C'] } }),
      ...papers(2, { choices: { [CO_TINH]: ['B'], [BANG_KHEN]: ['A', 'C'] } }),
    ];
    const result = closeRound(ctx, round2Items, { awards: {}, leader: 'C', deputy: 'D' }, round2);
    expect(result.next).toBeUndefined();
    expect(result.settled.awards).toEqual({ [CO_TINH]: ['A'], [BANG_KHEN]: ['C', 'B'] });
  });
});

describe('breakTie', () => {
  it('given level candidates with different totals, should choose by TOTAL_SCORE', () => {
    expect(breakTie(['D', 'C'], 1, ranking, { ...noScores, tieBreakers: [TieBreaker.TOTAL_SCORE] })).toEqual({
      chosen: ['C'],
      by: TieBreaker.TOTAL_SCORE,
    });
  });

  it('given equal totals, should fall through to INDICATOR_ORDER', () => {
    const data: TieData = {
      tieBreakers: [TieBreaker.TOTAL_SCORE, TieBreaker.INDICATOR_ORDER, TieBreaker.LEADER_DEPUTY_DECIDE],
      indicatorOrder: ['TC1', 'TC2'],
      scores: {
        A: [
          { criterionCode: 'TC1', points: 40, evidenceRefs: [] },
          { criterionCode: 'TC2', points: 25, evidenceRefs: [] },
        ],
        B: [
          { criterionCode: 'TC1', points: 40, evidenceRefs: [] },
          { criterionCode: 'TC2', points: 30, evidenceRefs: [] },
        ],
      },
      womenRatio: {},
    };
    expect(breakTie(['A', 'B'], 1, ranking, data)).toEqual({ chosen: ['B'], by: TieBreaker.INDICATOR_ORDER });
  });

  it('given equal totals and an indicator that is a penalty, should prefer the smaller deduction', () => {
    const data: TieData = {
      tieBreakers: [TieBreaker.TOTAL_SCORE, TieBreaker.INDICATOR_ORDER],
      indicatorOrder: ['TR'],
      penaltyCriteria: ['TR'],
      scores: {
        A: [{ criterionCode: 'TR', points: 1, evidenceRefs: [] }],
        B: [{ criterionCode: 'TR', points: 3, evidenceRefs: [] }],
      },
      womenRatio: {},
    };
    expect(breakTie(['A', 'B'], 1, ranking, data)).toEqual({ chosen: ['A'], by: TieBreaker.INDICATOR_ORDER });
  });

  it('given equal totals and a collective of mostly women, should prefer it under WOMEN_RATIO_70', () => {
    const data: TieData = {
      ...noScores,
      tieBreakers: [TieBreaker.TOTAL_SCORE, TieBreaker.WOMEN_RATIO_70],
      womenRatio: { A: 0.4, B: 0.75 },
    };
    expect(breakTie(['A', 'B'], 1, ranking, data)).toEqual({ chosen: ['B'], by: TieBreaker.WOMEN_RATIO_70 });
  });

  it('given nothing separates them, should leave the tie to the Trưởng khối and Phó khối', () => {
    expect(
      breakTie(['A', 'B'], 1, ranking, { ...noScores, tieBreakers: [TieBreaker.TOTAL_SCORE, TieBreaker.LEADER_DEPUTY_DECIDE] }),
    ).toBeUndefined();
  });
});

describe('closeLastRound', () => {
  const tiedAgain = [
    ...papers(3, { choices: { [CO_TINH]: ['A'], [BANG_KHEN]: ['B', 'C'] } }),
    ...papers(3, { choices: { [CO_TINH]: ['B'], [BANG_KHEN]: ['A', 'C'] } }),
  ];
  const items: BallotItems = { ...first, leaderCandidates: [], deputyCandidates: [] };
  const settled = { awards: {}, leader: 'C', deputy: 'D' };

  it('given the flag still level and no automatic breaker, should stop at the flag for the leaders to decide', () => {
    const result = closeLastRound(ctx, items, settled, tiedAgain, noScores);
    expect(result.open).toEqual({ item: CO_TINH, tied: ['A', 'B'], slots: 1 });
    expect(result.settled.awards[BANG_KHEN]).toBeUndefined();
  });

  it('given the leaders choose B for the flag, should then tally the Bằng khen without B', () => {
    const result = closeLastRound(ctx, items, settled, tiedAgain, noScores, [{ item: CO_TINH, chosen: ['B'] }]);
    expect(result.open).toBeUndefined();
    expect(result.settled.awards[CO_TINH]).toEqual(['B']);
    // Without B, C has 6 votes and A has 3: both pass the threshold of 3 for the 2 slots.
    expect([...(result.settled.awards[BANG_KHEN] ?? [])].sort()).toEqual(['A', 'C']);
    expect(result.tieBreaks).toEqual([{ item: CO_TINH, tied: ['A', 'B'], chosen: ['B'], by: TieBreaker.LEADER_DEPUTY_DECIDE }]);
  });
});
