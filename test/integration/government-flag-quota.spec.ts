import request from 'supertest';
import { governmentFlagQuota } from '../../src/api/common/government-flag-quota';
import { NomineeStatus, Phase, type CycleState } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { as } from './support/actors';
import { useS1Harness } from './support/harness';
import { S1_BALLOTS } from './support/s1-scenario';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN, CO_THI_DUA_CHINH_PHU: CO_CP } = AwardType;
const RULE = { maxShareOfBlocLeaders: 0.2, basis: 'Công văn 5007/BNV-TĐKT' };

/**
 * The Cờ CP quota is counted over the blocs and clusters the province's master data registers for the year: a
 * province with ten active blocs and one cycle in the system has ten bloc-leading units (the one that voted counts
 * its flag winner, the nine that have not voted one each), so two Cờ CP go upward without an override.
 */
describe('The Government flag quota over the master data', () => {
  const ctx = useS1Harness();

  async function addBloc(code: string, fromYear: number, toYear?: number) {
    const { h } = ctx;
    const res = await request(h.app.getHttpServer())
      .post(`/v1/provinces/${h.demo.provinceCode}/blocs`)
      .set(as.admin())
      .send({ code, name: `Khối thi đua số ${code}`, kind: 'KHOI', fromYear, ...(toYear ? { toYear } : {}) });
    expect(res.status).toBe(201);
  }

  it('given ten active blocs, one ended and one not yet started, and no vote yet, should count ten bloc-leading units', async () => {
    const { h } = ctx;
    for (let i = 2; i <= 10; i++) await addBloc(`K${i}`, 2018);
    await addBloc('K-ENDED', 2015, 2019);
    await addBloc('K-LATER', 2022);
    const quota = await governmentFlagQuota(h.dataSource.manager, h.demo.provinceCode, h.demo.year, RULE);
    expect(quota).toMatchObject({ blocLeaders: 10, alreadyForwarded: 0, limit: 2 });
    expect(quota?.basis).toContain('10 khối, cụm thi đua của tỉnh hoạt động năm 2020');
  });

  it('given one bloc voted with one flag winner and nine not voted, should forward a Cờ CP without an override', async () => {
    const { s1 } = ctx;
    await s1.toConference();
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
    await s1.closeBallot();
    const afterVote = await governmentFlagQuota(ctx.h.dataSource.manager, ctx.h.demo.provinceCode, ctx.h.demo.year, RULE);
    expect(afterVote?.basis).toContain('1 đã bình xét (1 đơn vị được suy tôn dẫn đầu), 9 chưa bình xét');
    expect(afterVote).toMatchObject({ blocLeaders: 10, limit: 2 });
    await s1.waitForPhase(Phase.SUBMISSION);
    await s1.submitDossier();
    const voted = await s1.councilVote(await s1.appraiseAll(await s1.reviewDossier('ACCEPT')));
    const items = voted.nominees
      .filter((n) => n.status === NomineeStatus.AWAITING_DECISION)
      .map((n) => ({ nomineeId: n.id, approve: true }));

    const decided = (await s1.post(`/v1/cycles/${s1.cycleId}/decisions`, as.chairman(), {
      decisionNumber: '125/QĐ-UBND',
      decisionDate: s1.dates.decision,
      items,
    })) as CycleState;
    const government = decided.nominees.find((n) => n.award === CO_CP);
    expect(government?.status).toBe(NomineeStatus.FORWARDED);
    expect(government?.decision?.quotaOverride).toBeUndefined();
  });
});
