import { NomineeStatus, Phase, type CycleState } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { as } from './support/actors';
import { useS1Harness } from './support/harness';
import { S1_BALLOTS } from './support/s1-scenario';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN, CO_THI_DUA_CHINH_PHU: CO_CP } = AwardType;

/**
 * Cờ thi đua của Chính phủ: chosen among the units leading their blocs, at most 20% of them in the province
 * (CV 5007/BNV-TĐKT). With one bloc-leading unit the quota is 0, so forwarding one needs a documented
 * override (domain.md §8 case (e): Bắc Ninh proposed 10 against a quota of 8).
 */
describe('The Government flag quota', () => {
  const ctx = useS1Harness();

  it('given a flag winner proposed for the Government flag, should refuse it over the quota and forward it with a documented override', async () => {
    const { h, s1 } = ctx;
    await s1.toConference();
    // A Cờ CP candidate that is not a flag candidate: refused naming the rule, nothing recorded.
    const refusedBallot = await s1.openBallotWith(
      {
        candidates: { [CO_TINH]: [s1.u('HLHPN'), s1.u('LDLD')], [CO_CP]: [s1.u('DTN')] },
        leaderCandidates: [s1.u('LDLD'), s1.u('MTTQ')],
        deputyCandidates: [s1.u('DTN'), s1.u('HCCB')],
      },
      422,
    );
    expect(refusedBallot.code).toBe('GOVERNMENT_FLAG_REQUIRES_PROVINCIAL_FLAG');
    expect(refusedBallot.detail).toContain('governmentFlagCandidacy.requiresProvincialFlag');
    expect((await s1.get(`/v1/cycles/${s1.cycleId}`)).ballot).toBeUndefined();
    await s1.openBallotWith({
      candidates: {
        [CO_TINH]: [s1.u('HLHPN'), s1.u('LDLD')],
        [CO_CP]: [s1.u('HLHPN')],
        [BANG_KHEN]: [s1.u('DTN'), s1.u('HND'), s1.u('HCCB'), s1.u('MTTQ')],
      },
      leaderCandidates: [s1.u('LDLD'), s1.u('MTTQ')],
      deputyCandidates: [s1.u('DTN'), s1.u('HCCB')],
    });
    for (const b of S1_BALLOTS) {
      await s1.vote(as.head(s1.u(b.voter)), {
        choices: {
          [CO_TINH]: b.flag.map(s1.u),
          [CO_CP]: b.flag.includes('HLHPN') ? [s1.u('HLHPN')] : [],
          [BANG_KHEN]: b.bk.map(s1.u),
        },
        nextLeader: s1.u(b.leader),
        nextDeputy: s1.u(b.deputy),
      });
    }
    const closed = await s1.closeBallot();
    expect(closed.nominees.map((n) => n.id)).toContain(`${CO_CP}:${s1.u('HLHPN')}`);
    const governmentTally = closed.minutes?.voteCount.awards.find((a) => a.award === CO_CP);
    expect(governmentTally?.candidates).toEqual([expect.objectContaining({ unitCode: s1.u('HLHPN'), selected: true })]);

    await s1.waitForPhase(Phase.SUBMISSION);
    await s1.submitDossier();
    const inAppraisal = await s1.reviewDossier('ACCEPT');
    const voted = await s1.councilVote(await s1.appraiseAll(inAppraisal));
    const items = voted.nominees
      .filter((n) => n.status === NomineeStatus.AWAITING_DECISION)
      .map((n) => ({ nomineeId: n.id, approve: true }));
    expect(items).toHaveLength(4);
    const decision = { decisionNumber: '125/QĐ-UBND', decisionDate: s1.dates.decision, items };

    const refused = await s1.post(`/v1/cycles/${s1.cycleId}/decisions`, as.chairman(), decision, 422);
    expect(refused.code).toBe('GOVERNMENT_FLAG_QUOTA_EXCEEDED');
    expect(refused.detail).toContain('at most 0');

    const decided = (await s1.post(`/v1/cycles/${s1.cycleId}/decisions`, as.chairman(), {
      ...decision,
      quotaOverride: {
        reason: 'Đơn vị dẫn đầu phong trào thi đua chuyên đề 5 năm của tỉnh',
        documentRef: 'Công văn 123/UBND-NC',
      },
    })) as CycleState;
    const government = decided.nominees.find((n) => n.award === CO_CP);
    expect(government?.status).toBe(NomineeStatus.FORWARDED);
    expect(government?.decision?.quotaOverride).toMatchObject({
      documentRef: 'Công văn 123/UBND-NC',
      quota: { blocLeaders: 1, limit: 0 },
    });

    await s1.waitForPhase(Phase.COMPLETED);
    const history = await s1.get(`/v1/units/${s1.u('HLHPN')}/awards`);
    // The province decides its own flag; the Government flag is forwarded, not awarded here.
    expect(history.awards.map((a: { award: string }) => a.award)).toEqual([CO_TINH]);
    const forwarded = await s1.get(`/v1/nominations?provinceCode=${h.demo.provinceCode}&status=FORWARDED`);
    expect(forwarded.items).toEqual([expect.objectContaining({ award: CO_CP, unitCode: s1.u('HLHPN') })]);
  });
});
