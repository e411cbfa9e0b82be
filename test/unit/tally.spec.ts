import { DEFAULT_RULES } from '../../src/domain/default-rules';
import { baseCount, tallyBallots, tallyElection, type BallotPaper, type TallyInput } from '../../src/domain/tally';
import type { AwardTally, CandidateTally, RankedUnit, VoteCountMinutes } from '../../src/shared/cycle-types';
import { AwardType, CountBase, type AwardRule } from '../../src/shared/rules';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN, CO_THI_DUA_CHINH_PHU: CO_CP } = AwardType;

function awardTally(minutes: VoteCountMinutes, award: AwardType): AwardTally {
  const found = minutes.awards.find((a) => a.award === award);
  if (!found) throw new Error(`no tally for ${award}`);
  return found;
}

function candidate(minutes: VoteCountMinutes, award: AwardType, unitCode: string): CandidateTally {
  const found = awardTally(minutes, award).candidates.find((c) => c.unitCode === unitCode);
  if (!found) throw new Error(`${unitCode} is not a candidate for ${award}`);
  return found;
}

const selected = (minutes: VoteCountMinutes, award: AwardType): string[] =>
  awardTally(minutes, award)
    .candidates.filter((c) => c.selected)
    .map((c) => c.unitCode);

/** `n` identical ballot papers. */
const papers = (n: number, paper: BallotPaper): BallotPaper[] => Array.from({ length: n }, () => paper);

const ranking = (...unitCodes: string[]): RankedUnit[] =>
  unitCodes.map((unitCode, index) => ({ unitCode, total: 100 - index, rank: index + 1 }));

function rules(overrides: Partial<Record<AwardType, Partial<AwardRule>>> = {}): Record<AwardType, AwardRule> {
  return {
    [CO_TINH]: { ...DEFAULT_RULES.awards[CO_TINH], ...overrides[CO_TINH] },
    [BANG_KHEN]: { ...DEFAULT_RULES.awards[BANG_KHEN], ...overrides[BANG_KHEN] },
    [CO_CP]: { ...DEFAULT_RULES.awards[CO_CP], ...overrides[CO_CP] },
  };
}

function input(partial: Partial<TallyInput> & Pick<TallyInput, 'ballots'>): TallyInput {
  return {
    awards: rules(),
    candidates: {},
    leaderCandidates: [],
    deputyCandidates: [],
    ballotsIssued: partial.ballots.length,
    totalMembers: 6,
    presentCount: partial.ballots.length,
    ranking: [],
    ...partial,
  };
}

describe('tallyBallots', () => {
  describe('given the S1 bloc (Bắc Kạn, Khối MTTQ & đoàn thể, FY2020) voting at its conference of 29/12/2020', () => {
    // Hội LHPN leads 2020, LĐLĐ is deputy. All six units attend and cast a ballot.
    const S1_RANKING = ranking('HLHPN', 'LDLD', 'DTN', 'HND', 'MTTQ', 'HCCB');
    const ballots: BallotPaper[] = [
      { choices: { [CO_TINH]: ['HLHPN'], [BANG_KHEN]: ['DTN', 'HND', 'HLHPN'] }, nextLeader: 'LDLD', nextDeputy: 'DTN' },
      { choices: { [CO_TINH]: ['HLHPN'], [BANG_KHEN]: ['DTN', 'HND', 'MTTQ'] }, nextLeader: 'LDLD', nextDeputy: 'DTN' },
      { choices: { [CO_TINH]: ['HLHPN'], [BANG_KHEN]: ['DTN', 'HND', 'HCCB'] }, nextLeader: 'LDLD', nextDeputy: 'DTN' },
      { choices: { [CO_TINH]: ['HLHPN'], [BANG_KHEN]: ['DTN', 'MTTQ', 'HLHPN'] }, nextLeader: 'LDLD', nextDeputy: 'LDLD' },
      { choices: { [CO_TINH]: ['HLHPN'], [BANG_KHEN]: ['HLHPN', 'MTTQ'] }, nextLeader: 'MTTQ', nextDeputy: 'LDLD' },
      { choices: { [CO_TINH]: ['LDLD'], [BANG_KHEN]: ['HCCB'] }, nextLeader: 'MTTQ', nextDeputy: 'HND' },
    ];
    const minutes = tallyBallots({
      awards: DEFAULT_RULES.awards,
      candidates: {
        [CO_TINH]: ['HLHPN', 'LDLD'],
        [BANG_KHEN]: ['DTN', 'HND', 'MTTQ', 'HCCB', 'HLHPN'],
      },
      leaderCandidates: ['LDLD', 'MTTQ'],
      deputyCandidates: ['DTN', 'LDLD', 'HND'],
      ballots,
      ballotsIssued: 6,
      totalMembers: 6,
      presentCount: 6,
      ranking: S1_RANKING,
    });

    it('should count six ballots issued, returned and valid', () => {
      expect(minutes).toMatchObject({ ballotsIssued: 6, ballotsReturned: 6, ballotsValid: 6, ballotsInvalid: 0 });
    });

    it('should require 5 of 6 votes (80% of all members) for the Cờ and give it to Hội LHPN alone', () => {
      expect(awardTally(minutes, CO_TINH)).toMatchObject({ baseCount: 6, required: 5, maxPerBloc: 1 });
      expect(candidate(minutes, CO_TINH, 'HLHPN')).toMatchObject({ votes: 5, passedThreshold: true, selected: true, rank: 1 });
      expect(candidate(minutes, CO_TINH, 'LDLD')).toMatchObject({ votes: 1, passedThreshold: false, selected: false });
    });

    it('should require 3 of 6 votes (50%) for the Bằng khen and give it to Đoàn TN and Hội ND', () => {
      expect(awardTally(minutes, BANG_KHEN)).toMatchObject({ baseCount: 6, required: 3 });
      expect(candidate(minutes, BANG_KHEN, 'DTN').votes).toBe(4);
      expect(candidate(minutes, BANG_KHEN, 'HND').votes).toBe(3);
      expect(candidate(minutes, BANG_KHEN, 'MTTQ')).toMatchObject({ votes: 3, passedThreshold: true });
      expect(selected(minutes, BANG_KHEN).sort()).toEqual(['DTN', 'HND', 'MTTQ']);
    });

    it('should not give the Bằng khen to Hội LHPN, which took the Cờ, although it reached the threshold', () => {
      expect(candidate(minutes, BANG_KHEN, 'HLHPN')).toMatchObject({ votes: 3, passedThreshold: true, selected: false });
    });

    it('should elect LĐLĐ Trưởng khối and Đoàn TN Phó khối for 2021', () => {
      expect(minutes.leaderElection).toEqual({
        elected: 'LDLD',
        tied: [],
        candidates: [
          { unitCode: 'LDLD', votes: 4 },
          { unitCode: 'MTTQ', votes: 2 },
        ],
      });
      expect(minutes.deputyElection.elected).toBe('DTN');
    });

    it('should leave the elected leader out of the deputy election', () => {
      expect(minutes.deputyElection.candidates.map((c) => c.unitCode)).toEqual(['DTN', 'HND']);
    });

    it('should list no Cờ CP tally, since nobody stood for it', () => {
      expect(minutes.awards.map((a) => a.award)).toEqual([CO_TINH, BANG_KHEN]);
    });
  });

  describe('given a Bằng khen threshold of 50% counted on each base (10 members, 6 present, 4 ballots returned)', () => {
    const bkOn = (thresholdBase: CountBase) =>
      tallyBallots(
        input({
          awards: rules({ [BANG_KHEN]: { threshold: 0.5, thresholdBase, maxPerBloc: 5 } }),
          candidates: { [BANG_KHEN]: ['A', 'B', 'C'] },
          ballots: [
            { choices: { [BANG_KHEN]: ['A', 'B', 'C'] } },
            { choices: { [BANG_KHEN]: ['A', 'B', 'C'] } },
            { choices: { [BANG_KHEN]: ['A', 'B'] } },
            { choices: { [BANG_KHEN]: ['A', 'B'] } },
          ],
          ballotsIssued: 6,
          totalMembers: 10,
          presentCount: 6,
        }),
      );
    // Votes: A 4, B 4, C 2.

    it('when counted on all members, should require 5 and select nobody', () => {
      const minutes = bkOn(CountBase.TOTAL_MEMBERS);
      expect(awardTally(minutes, BANG_KHEN)).toMatchObject({ baseCount: 10, required: 5 });
      expect(selected(minutes, BANG_KHEN)).toEqual([]);
    });

    it('when counted on units present, should require 3 and select A and B', () => {
      const minutes = bkOn(CountBase.PRESENT);
      expect(awardTally(minutes, BANG_KHEN)).toMatchObject({ baseCount: 6, required: 3 });
      expect(selected(minutes, BANG_KHEN)).toEqual(['A', 'B']);
    });

    it('when counted on valid ballots, should require 2 and select all three', () => {
      const minutes = bkOn(CountBase.VALID_BALLOTS);
      expect(awardTally(minutes, BANG_KHEN)).toMatchObject({ baseCount: 4, required: 2 });
      expect(selected(minutes, BANG_KHEN)).toEqual(['A', 'B', 'C']);
      expect(minutes).toMatchObject({ ballotsIssued: 6, ballotsReturned: 4, ballotsValid: 4 });
    });
  });

  it('given no ballot at all and a threshold on valid ballots, should still require one vote', () => {
    const minutes = tallyBallots(
      input({
        awards: rules({ [BANG_KHEN]: { thresholdBase: CountBase.VALID_BALLOTS } }),
        candidates: { [BANG_KHEN]: ['A'] },
        ballots: [],
      }),
    );
    expect(awardTally(minutes, BANG_KHEN)).toMatchObject({ baseCount: 0, required: 1 });
    expect(candidate(minutes, BANG_KHEN, 'A')).toMatchObject({ votes: 0, passedThreshold: false, selected: false });
  });

  describe('given more units over the threshold than the cap allows', () => {
    const minutes = tallyBallots(
      input({
        awards: rules({ [BANG_KHEN]: { maxPerBloc: 2 } }),
        candidates: { [BANG_KHEN]: ['A', 'B', 'C', 'D'] },
        ballots: [
          { choices: { [BANG_KHEN]: ['A', 'B', 'C'] } },
          { choices: { [BANG_KHEN]: ['A', 'B', 'C'] } },
          { choices: { [BANG_KHEN]: ['A', 'B', 'C'] } },
          { choices: { [BANG_KHEN]: ['A', 'D', 'C'] } },
          { choices: { [BANG_KHEN]: ['A', 'D', 'C'] } },
          { choices: { [BANG_KHEN]: ['D'] } },
        ],
        ranking: ranking('D', 'B', 'A', 'C'),
      }),
    );
    // Votes: A 5, C 5, B 3, D 3; all reach 3 of 6.

    it('should select the cap, by votes first', () => {
      expect(selected(minutes, BANG_KHEN).sort()).toEqual(['A', 'C']);
      expect(candidate(minutes, BANG_KHEN, 'B')).toMatchObject({ passedThreshold: true, selected: false });
    });

    it('should list the candidates by votes, equal votes by the better-ranked unit', () => {
      expect(awardTally(minutes, BANG_KHEN).candidates.map((c) => [c.unitCode, c.votes])).toEqual([
        ['A', 5],
        ['C', 5],
        ['D', 3],
        ['B', 3],
      ]);
    });
  });

  it('given a tie on votes at the cap, should select neither and report the tie with its open slot', () => {
    const minutes = tallyBallots(
      input({
        awards: rules({ [CO_TINH]: { threshold: 0.5 }, [BANG_KHEN]: { threshold: 0.5 } }),
        candidates: { [CO_TINH]: ['A', 'B'], [BANG_KHEN]: ['C'] },
        ballots: [
          ...papers(3, { choices: { [CO_TINH]: ['A'], [BANG_KHEN]: ['C'] } }),
          ...papers(3, { choices: { [CO_TINH]: ['B'], [BANG_KHEN]: ['C'] } }),
        ],
        ranking: ranking('B', 'A'),
      }),
    );
    expect(selected(minutes, CO_TINH)).toEqual([]);
    expect(awardTally(minutes, CO_TINH)).toMatchObject({ tied: ['A', 'B'], tiedSlots: 1 });
    expect(awardTally(minutes, BANG_KHEN).dependsOnUndecided).toBe(true);
  });

  it('given a share-of-members cap below the count cap, should apply the lower one', () => {
    const minutes = tallyBallots(
      input({
        awards: rules({ [BANG_KHEN]: { maxPerBloc: 5, maxShareOfMembers: 0.34 } }),
        candidates: { [BANG_KHEN]: ['A', 'B', 'C'] },
        ballots: [...papers(6, { choices: { [BANG_KHEN]: ['A', 'B', 'C'] } })],
      }),
    );
    // floor(0.34 × 6) = 2 slots, three level candidates: a tie for 2 slots.
    expect(awardTally(minutes, BANG_KHEN)).toMatchObject({ maxPerBloc: 2, tied: ['A', 'B', 'C'], tiedSlots: 2 });
  });

  it('given a Cờ candidate that passed its threshold but lost on the cap, should keep it eligible for the Bằng khen', () => {
    const minutes = tallyBallots(
      input({
        candidates: { [CO_TINH]: ['A', 'B'], [BANG_KHEN]: ['A', 'B'] },
        ballots: [
          ...papers(5, { choices: { [CO_TINH]: ['A', 'B'], [BANG_KHEN]: ['A', 'B'] } }),
          { choices: { [CO_TINH]: ['A'], [BANG_KHEN]: ['A', 'B'] } },
        ],
      }),
    );
    expect(selected(minutes, CO_TINH)).toEqual(['A']);
    expect(candidate(minutes, CO_TINH, 'B').passedThreshold).toBe(true);
    expect(selected(minutes, BANG_KHEN)).toEqual(['B']);
  });

  describe('given candidates for the Government flag (Cờ CP)', () => {
    const cpInput = (coTinh: Partial<AwardRule> = {}) =>
      input({
        awards: rules({ [CO_TINH]: coTinh }),
        candidates: { [CO_TINH]: ['A', 'B'], [CO_CP]: ['A', 'B'] },
        ballots: [
          ...papers(5, { choices: { [CO_TINH]: ['A'], [CO_CP]: ['A', 'B'] } }),
          { choices: { [CO_TINH]: ['B'], [CO_CP]: ['B'] } },
        ],
      });

    it('should select only a unit that took the provincial flag, even when another has more votes', () => {
      const minutes = tallyBallots(cpInput());
      expect(selected(minutes, CO_TINH)).toEqual(['A']);
      expect(candidate(minutes, CO_CP, 'B')).toMatchObject({ votes: 6, passedThreshold: true, selected: false });
      expect(candidate(minutes, CO_CP, 'A')).toMatchObject({ votes: 5, passedThreshold: true, selected: true });
    });

    it('when the provincial flag is disabled, should select nobody for the Cờ CP', () => {
      const minutes = tallyBallots(cpInput({ enabled: false }));
      expect(minutes.awards.map((a) => a.award)).toEqual([CO_CP]);
      expect(selected(minutes, CO_CP)).toEqual([]);
    });
  });

  it('given a disabled award with candidates, should leave it out of the minutes', () => {
    const minutes = tallyBallots(
      input({
        awards: rules({ [BANG_KHEN]: { enabled: false } }),
        candidates: { [BANG_KHEN]: ['A'], [CO_TINH]: ['A'] },
        ballots: papers(6, { choices: { [BANG_KHEN]: ['A'], [CO_TINH]: ['A'] } }),
      }),
    );
    expect(minutes.awards.map((a) => a.award)).toEqual([CO_TINH]);
  });

  it('given every award, should list them in the fixed award order regardless of tally order', () => {
    const minutes = tallyBallots(
      input({
        candidates: { [CO_CP]: ['A'], [BANG_KHEN]: ['B'], [CO_TINH]: ['A'] },
        ballots: papers(6, { choices: { [CO_TINH]: ['A'], [CO_CP]: ['A'], [BANG_KHEN]: ['B'] } }),
      }),
    );
    expect(minutes.awards.map((a) => a.award)).toEqual([CO_TINH, BANG_KHEN, CO_CP]);
    expect([selected(minutes, CO_TINH), selected(minutes, BANG_KHEN), selected(minutes, CO_CP)]).toEqual([['A'], ['B'], ['A']]);
  });

  it('given the elected leader wins the deputy vote too, should elect the runner-up as deputy', () => {
    const minutes = tallyBallots(
      input({
        leaderCandidates: ['LDLD', 'MTTQ'],
        deputyCandidates: ['LDLD', 'DTN', 'HND'],
        ballots: [
          ...papers(4, { choices: {}, nextLeader: 'LDLD', nextDeputy: 'LDLD' }),
          { choices: {}, nextLeader: 'MTTQ', nextDeputy: 'DTN' },
          { choices: {}, nextLeader: 'MTTQ', nextDeputy: 'DTN' },
        ],
      }),
    );
    expect(minutes.leaderElection.elected).toBe('LDLD');
    expect(minutes.deputyElection).toEqual({
      elected: 'DTN',
      tied: [],
      candidates: [
        { unitCode: 'DTN', votes: 2 },
        { unitCode: 'HND', votes: 0 },
      ],
    });
  });
});

describe('tallyElection', () => {
  it('given a plurality, should elect the unit with the most votes', () => {
    const election = tallyElection(['A', 'B', 'C'], ['B', 'C', 'B', undefined, 'A', 'B'], []);
    expect(election).toEqual({
      elected: 'B',
      tied: [],
      candidates: [
        { unitCode: 'B', votes: 3 },
        { unitCode: 'A', votes: 1 },
        { unitCode: 'C', votes: 1 },
      ],
    });
  });

  it('given a tie at the top, should elect nobody and report the tied units', () => {
    const election = tallyElection(['A', 'Z', 'M'], ['A', 'Z', 'M', 'A', 'Z'], ranking('Z', 'A'));
    expect(election.elected).toBeUndefined();
    expect([...(election.tied ?? [])].sort()).toEqual(['A', 'Z']);
  });

  it('given votes for units that are not standing, should ignore them', () => {
    expect(tallyElection(['A', 'B'], ['X', 'X', 'X', 'B'], []).elected).toBe('B');
  });

  it('given no votes for any candidate, should elect nobody', () => {
    expect(tallyElection(['A', 'B'], [undefined, 'X'], ranking('A', 'B')).elected).toBeUndefined();
  });

  it('given no candidates, should elect nobody', () => {
    expect(tallyElection([], ['A'], [])).toEqual({ candidates: [], tied: [] });
  });
});

describe('baseCount', () => {
  it('given each count base, should pick the matching count', () => {
    const counts = { totalMembers: 10, presentCount: 7, valid: 6 };
    expect(baseCount(CountBase.TOTAL_MEMBERS, counts)).toBe(10);
    expect(baseCount(CountBase.PRESENT, counts)).toBe(7);
    expect(baseCount(CountBase.VALID_BALLOTS, counts)).toBe(6);
  });

  it('given an unknown base, should throw', () => {
    expect(() => baseCount('HALF' as CountBase, { totalMembers: 1, presentCount: 1, valid: 1 })).toThrow('HALF');
  });
});
