import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { CYCLE_STEP_CHAINS } from '../../src/domain/approval';
import { DEFAULT_RULES } from '../../src/domain/default-rules';
import { Phase, type CycleState } from '../../src/shared/cycle-types';
import { leadershipChainId } from '../../src/shared/ids';
import { AwardType, LeaderSelection, TieBreaker, type RuleSet } from '../../src/shared/rules';
import type { S1UnitKey } from '../../src/seed/demo-province';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, uniqueSuffix, type Harness } from './support/harness';
import { recordHistoryIfAsked } from './support/histories';
import { ALL_UNITS, S1Driver } from './support/s1-scenario';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN } = AwardType;

/** A rule set where a 3–3 split passes the flag threshold, so that two units can be level for one flag. */
function tieRules(
  provinceCode: string,
  maxBallotRounds: number,
  tieBreakers: TieBreaker[],
  conference: Partial<typeof DEFAULT_RULES.conference> = {},
): RuleSet[] {
  const rules = {
    ...DEFAULT_RULES,
    rulesVersion: `TIE-${maxBallotRounds}`,
    awards: { ...DEFAULT_RULES.awards, [CO_TINH]: { ...DEFAULT_RULES.awards[CO_TINH], threshold: 0.5 } },
    conference: { ...DEFAULT_RULES.conference, maxBallotRounds, tieBreakers, ...conference },
  };
  return [
    { provinceCode, version: rules.rulesVersion, legalBasis: rules.legalBasis, validFrom: '1900-01-01', validTo: null, rules },
  ];
}

async function toOpenBallot(s1: S1Driver, present: S1UnitKey[] = ALL_UNITS): Promise<void> {
  await s1.toConference(present);
  await s1.openBallotWith({
    candidates: { [CO_TINH]: [s1.u('HLHPN'), s1.u('LDLD')], [BANG_KHEN]: [s1.u('DTN'), s1.u('HND')] },
    leaderCandidates: [s1.u('LDLD'), s1.u('MTTQ')],
    deputyCandidates: [s1.u('DTN'), s1.u('HCCB')],
  });
}

/** Each unit votes; `flag(voter)` says whom it chooses for the flag. Elections only while they are open. */
async function vote(s1: S1Driver, flag: (voter: S1UnitKey) => S1UnitKey, withElection: boolean): Promise<CycleState> {
  let state: CycleState | undefined;
  for (const voter of ALL_UNITS) {
    state = await s1.vote(as.head(s1.u(voter)), {
      choices: { [CO_TINH]: [s1.u(flag(voter))], [BANG_KHEN]: [s1.u('DTN'), s1.u('HND')] },
      ...(withElection ? { nextLeader: s1.u('LDLD'), nextDeputy: s1.u('DTN') } : {}),
    });
  }
  return state as CycleState;
}

const splitEvenly = (voter: S1UnitKey): S1UnitKey => (['HLHPN', 'MTTQ', 'HCCB'].includes(voter) ? 'HLHPN' : 'LDLD');

describe('Ballot ties at the bloc conference', () => {
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
  });

  describe('given two ballot rounds', () => {
    let h: Harness;
    let s1: S1Driver;

    beforeAll(async () => {
      const provinceCode = `R${uniqueSuffix().toUpperCase()}`;
      h = await createHarness({
        bundle,
        demo: { provinceCode, ruleSets: tieRules(provinceCode, 2, [TieBreaker.TOTAL_SCORE, TieBreaker.LEADER_DEPUTY_DECIDE]) },
      });
      s1 = new S1Driver(h.app, h.demo);
      await toOpenBallot(s1);
    });

    afterAll(async () => {
      await h?.close();
    });

    it('when the flag is level 3–3, should settle the elections and vote the flag again in round 2, where it is decided', async () => {
      await vote(s1, splitEvenly, true);
      const afterRound1 = await s1.closeBallot();
      expect(afterRound1.phase).toBe(Phase.CONFERENCE);
      expect(afterRound1.ballot).toMatchObject({
        status: 'OPEN',
        round: 2,
        voted: [],
        leaderCandidates: [],
        deputyCandidates: [],
      });
      expect(afterRound1.ballot?.candidates[CO_TINH]).toEqual([s1.u('HLHPN'), s1.u('LDLD')]);

      // A vote for Trưởng khối is no longer on the paper in round 2.
      const stale = await s1.vote(
        as.head(s1.u('MTTQ')),
        { choices: { [CO_TINH]: [s1.u('HLHPN')] }, nextLeader: s1.u('LDLD') },
        422,
      );
      expect(stale.code).toBe('INVALID_CANDIDATE');

      await vote(s1, (voter) => (voter === 'DTN' || voter === 'LDLD' ? 'LDLD' : 'HLHPN'), false);
      const closed = await s1.closeBallot();
      expect(closed.ballot?.status).toBe('CLOSED');
      expect(closed.minutes?.rounds).toHaveLength(2);
      expect(closed.nominees.map((n) => n.id).sort()).toEqual(
        [`${BANG_KHEN}:${s1.u('DTN')}`, `${BANG_KHEN}:${s1.u('HND')}`, `${CO_TINH}:${s1.u('HLHPN')}`].sort(),
      );
      expect(closed.nominees.find((n) => n.award === CO_TINH)?.ballotVotes).toBe(4);
      expect(closed).toMatchObject({ nextLeader: s1.u('LDLD'), nextDeputy: s1.u('DTN') });
      const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
      expect(timeline.events.map((e: { type: string }) => e.type)).toContain('BALLOT_NEXT_ROUND');
    });
  });

  describe('given one round and only the Trưởng khối and Phó khối to break a tie', () => {
    let h: Harness;
    let s1: S1Driver;

    beforeAll(async () => {
      const provinceCode = `L${uniqueSuffix().toUpperCase()}`;
      h = await createHarness({
        bundle,
        demo: { provinceCode, ruleSets: tieRules(provinceCode, 1, [TieBreaker.LEADER_DEPUTY_DECIDE]) },
      });
      s1 = new S1Driver(h.app, h.demo);
      await toOpenBallot(s1);
    });

    afterAll(async () => {
      await h?.close();
    });

    it('when the flag is level, should wait for the leader to propose and the deputy to confirm, then settle the rest', async () => {
      await vote(s1, splitEvenly, true);
      const waiting = await s1.closeBallot();
      expect(waiting.ballot).toMatchObject({ status: 'AWAITING_TIE_DECISION', openTie: { item: CO_TINH, slots: 1 } });
      expect([...(waiting.ballot?.openTie?.tied ?? [])].sort()).toEqual([s1.u('HLHPN'), s1.u('LDLD')].sort());

      const url = `/v1/cycles/${s1.cycleId}/ballot/tie-decision`;
      const deputy = as.head(s1.u('LDLD'));
      expect((await s1.post(url, deputy, { item: CO_TINH, chosen: [s1.u('LDLD')] }, 409)).code).toBe('WRONG_STATE');
      expect((await s1.post(url, as.head(s1.u('MTTQ')), { item: CO_TINH, chosen: [s1.u('LDLD')] }, 403)).code).toBe('NOT_LEADER');
      expect((await s1.post(url, s1.leader, { item: CO_TINH, chosen: [s1.u('MTTQ')] }, 422)).code).toBe('INVALID_CANDIDATE');

      const proposed = await s1.post(url, s1.leader, { item: CO_TINH, chosen: [s1.u('LDLD')] });
      expect(proposed.ballot?.tieProposal).toMatchObject({ item: CO_TINH, chosen: [s1.u('LDLD')] });
      expect((await s1.post(url, deputy, { item: CO_TINH, chosen: [s1.u('HLHPN')] }, 409)).code).toBe('TIE_DECISION_MISMATCH');
      const decided = (await s1.post(url, deputy, { item: CO_TINH, chosen: [s1.u('LDLD')] })) as CycleState;

      expect(decided.ballot?.status).toBe('CLOSED');
      expect(decided.minutes?.tieBreaks).toEqual([
        expect.objectContaining({ item: CO_TINH, chosen: [s1.u('LDLD')], by: TieBreaker.LEADER_DEPUTY_DECIDE }),
      ]);
      expect(decided.nominees.filter((n) => n.award === CO_TINH).map((n) => n.unitCode)).toEqual([s1.u('LDLD')]);
      expect(
        decided.nominees
          .filter((n) => n.award === BANG_KHEN)
          .map((n) => n.unitCode)
          .sort(),
      ).toEqual([s1.u('DTN'), s1.u('HND')].sort());
      await s1.waitForPhase(Phase.SUBMISSION);
    });
  });

  describe('given a tie the Trưởng khối and Phó khối decide, and the elected leadership approved in a chain', () => {
    let h: Harness;
    let s1: S1Driver;

    beforeAll(async () => {
      const provinceCode = `A${uniqueSuffix().toUpperCase()}`;
      const ruleSets = tieRules(provinceCode, 1, [TieBreaker.LEADER_DEPUTY_DECIDE]).map((set) => ({
        ...set,
        rules: {
          ...set.rules,
          leaderSelection: LeaderSelection.ELECTED_THEN_APPROVED,
          approvalChains: { leadershipApproval: CYCLE_STEP_CHAINS.leadershipApproval },
        },
      }));
      h = await createHarness({ bundle, demo: { provinceCode, ruleSets } });
      s1 = new S1Driver(h.app, h.demo);
      await toOpenBallot(s1);
    });

    afterAll(async () => {
      await h?.close();
    });

    // The conclusion after the decision submits the leadership to its chain (patch leadership-approval-chain, asked
    // after the decision's entry): the history recorded here guards the tie's conclusion and the chain on replay.
    it('when the decision settles the tie, should conclude and submit the elected leadership to the chain', async () => {
      await vote(s1, splitEvenly, true);
      await s1.closeBallot();
      const url = `/v1/cycles/${s1.cycleId}/ballot/tie-decision`;
      await s1.post(url, s1.leader, { item: CO_TINH, chosen: [s1.u('HLHPN')] });
      const decided = (await s1.post(url, as.head(s1.u('LDLD')), { item: CO_TINH, chosen: [s1.u('HLHPN')] })) as CycleState;
      expect(decided.ballot?.status).toBe('CLOSED');
      expect(decided.leadershipApproval).toMatchObject({
        status: 'PENDING',
        elected: { leader: s1.u('LDLD'), deputy: s1.u('DTN') },
        chainId: leadershipChainId(s1.cycleId),
        submittedBy: expect.any(String),
      });
      await s1.waitForPhase(Phase.SUBMISSION);
      await recordHistoryIfAsked(s1.cycleId, 'cycle-tie-leadership-chain');
    });
  });

  describe('given a province that refuses self-votes and accepts written votes from absent members', () => {
    let h: Harness;
    let s1: S1Driver;

    beforeAll(async () => {
      const provinceCode = `W${uniqueSuffix().toUpperCase()}`;
      h = await createHarness({
        bundle,
        demo: {
          provinceCode,
          ruleSets: tieRules(provinceCode, 2, [TieBreaker.TOTAL_SCORE], { selfVoteAllowed: false, allowAbsentWrittenVote: true }),
        },
      });
      s1 = new S1Driver(h.app, h.demo);
      await toOpenBallot(s1, ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND']);
    });

    afterAll(async () => {
      await h?.close();
    });

    it('should refuse a unit choosing itself, and count the written vote of the absent unit', async () => {
      const self = await s1.vote(
        as.head(s1.u('HLHPN')),
        { choices: { [CO_TINH]: [s1.u('HLHPN')] }, nextLeader: s1.u('LDLD'), nextDeputy: s1.u('DTN') },
        422,
      );
      expect(self.code).toBe('SELF_VOTE_NOT_ALLOWED');

      const voters: S1UnitKey[] = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'];
      let state: CycleState | undefined;
      for (const voter of voters) {
        state = (await s1.vote(as.head(s1.u(voter)), {
          choices: { [CO_TINH]: [s1.u(voter === 'HLHPN' ? 'LDLD' : 'HLHPN')] },
          nextLeader: s1.u(voter === 'LDLD' ? 'MTTQ' : 'LDLD'),
          nextDeputy: s1.u(voter === 'DTN' ? 'HCCB' : 'DTN'),
        })) as CycleState;
      }
      expect(state?.ballot?.writtenVotes).toEqual([s1.u('DTN')]);
      const closed = await s1.closeBallot();
      expect(closed.minutes?.voteCount).toMatchObject({ ballotsIssued: 6, ballotsReturned: 6, ballotsValid: 6 });
      expect(closed.nominees.find((n) => n.award === CO_TINH)).toMatchObject({ unitCode: s1.u('HLHPN'), ballotVotes: 5 });
    });
  });
});
