import { Phase, type CycleState } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { useS1Harness } from './support/harness';

/**
 * Nghị định 98/2023 applied until 30/06/2025 and Nghị định 152/2025 from 01/07/2025. A FY2025 cycle whose
 * conference is held in June and whose decision comes in July applies each rule set on its own date, and
 * every decision records the version that produced it.
 */
describe('The rule change of 01/07/2025', () => {
  const ctx = useS1Harness({ demo: { year: 2025 } });

  it('given a FY2025 cycle, should hold the conference under NĐ 98 and decide under NĐ 152, recording each version', async () => {
    const { h, s1 } = ctx;
    s1.dates = { conference: '2025-06-20', toTrinh: '2025-06-25', council: '2025-07-10', decision: '2025-07-15' };
    const nd98 = `${h.demo.provinceCode}-ND98-2024`;
    const nd152 = `${h.demo.provinceCode}-ND152-2025`;
    expect(h.demo.ruleSetVersions).toEqual(expect.arrayContaining([nd98, nd152]));

    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.assessAll();
    await s1.waitForPhase(Phase.CONFERENCE);
    const opened = (await s1.openConference()) as CycleState;
    expect(opened.conference?.rulesVersion).toBe(nd98);
    await s1.openBallot();
    await s1.castAll();
    const closed = await s1.closeBallot();
    expect(closed.minutes?.rulesVersion).toBe(nd98);

    await s1.waitForPhase(Phase.SUBMISSION);
    await s1.submitDossier();
    const inAppraisal = await s1.reviewDossier('ACCEPT');
    const voted = await s1.councilVote(await s1.appraiseAll(inAppraisal));
    expect(voted.nominees.find((n) => n.award === AwardType.CO_THI_DUA_TINH)?.council?.rulesVersion).toBe(nd152);
    const decided = await s1.decideAll(voted);
    expect(decided.nominees.map((n) => n.decision?.rulesVersion)).toEqual([nd152, nd152, nd152]);

    await s1.waitForPhase(Phase.COMPLETED);
    const awards = await s1.get(`/v1/units/${s1.u('HLHPN')}/awards`);
    expect(awards.awards).toEqual([
      expect.objectContaining({ year: 2025, award: AwardType.CO_THI_DUA_TINH, rulesVersion: nd152 }),
    ]);
    const nominations = await s1.get(`/v1/nominations?provinceCode=${h.demo.provinceCode}&year=2025`);
    expect(nominations.items.map((n: { rulesVersion: string }) => n.rulesVersion)).toEqual([nd152, nd152, nd152]);
  });
});
