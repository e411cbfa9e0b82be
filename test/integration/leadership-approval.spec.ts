import { demoRuleSets } from '../../src/domain/rule-sets';
import { Phase, type CycleState } from '../../src/shared/cycle-types';
import { LeaderSelection } from '../../src/shared/rules';
import { as } from './support/actors';
import { uniqueSuffix, useS1Harness } from './support/harness';

/**
 * Leadership elected at the conference, then approved by a superior decision (domain.md §2.1 variant 3,
 * Hưng Yên QĐ 64/QĐ-SLĐTBXH): the handover waits for the approval, which may name another unit.
 */
describe('Leadership elected, then approved', () => {
  const provinceCode = `A${uniqueSuffix().toUpperCase()}`;
  const ruleSets = demoRuleSets(provinceCode).map((set) => ({
    ...set,
    rules: { ...set.rules, leaderSelection: LeaderSelection.ELECTED_THEN_APPROVED },
  }));
  const ctx = useS1Harness({ demo: { provinceCode, ruleSets } });

  it('given an election under ELECTED_THEN_APPROVED, should hand over only after the approval, to the units it names', async () => {
    const { h, s1 } = ctx;
    await s1.toConference();
    await s1.openBallot();
    await s1.castAll();
    const closed = await s1.closeBallot();
    expect(closed.leadershipApproval).toMatchObject({
      status: 'PENDING',
      elected: { leader: s1.u('LDLD'), deputy: s1.u('DTN') },
    });

    await s1.waitForPhase(Phase.SUBMISSION);
    await s1.submitDossier();
    const voted = await s1.councilVote(await s1.appraiseAll(await s1.reviewDossier('ACCEPT')));
    await s1.decideAll(voted);
    // Every nominee is decided, yet the cycle waits for the approval before the handover: proven below by the
    // order of the recorded events (the handover is recorded after the approval and names the approved deputy),
    // not by sleeping and seeing nothing move.
    expect((await s1.get(`/v1/cycles/${s1.cycleId}`)).phase).toBe(Phase.DECISION);

    const url = `/v1/cycles/${s1.cycleId}/leadership/approval`;
    expect((await s1.post(url, as.head(s1.u('HLHPN')), { decisionRef: 'QĐ 1' }, 403)).code).toBe('FORBIDDEN_ACTOR');
    const approved = (await s1.post(url, as.boardHead(), {
      decisionRef: 'QĐ 64/QĐ-SNV',
      deputyUnit: s1.u('HCCB'),
    })) as CycleState;
    expect(approved.leadershipApproval).toMatchObject({ status: 'APPROVED', decisionRef: 'QĐ 64/QĐ-SNV' });
    expect(approved).toMatchObject({ nextLeader: s1.u('LDLD'), nextDeputy: s1.u('HCCB') });

    await s1.waitForPhase(Phase.COMPLETED);
    const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
    const order = (timeline.events as { type: string; summary: string | null }[])
      .map((e) => e.type)
      .filter((t) => ['DECIDED', 'LEADERSHIP_APPROVED', 'CYCLE_COMPLETED'].includes(t));
    expect(order[0]).toBe('DECIDED');
    expect(order.at(-2)).toBe('LEADERSHIP_APPROVED');
    expect(order.at(-1)).toBe('CYCLE_COMPLETED');
    expect(order.filter((t) => t === 'CYCLE_COMPLETED')).toHaveLength(1);
    const blocs = await s1.get(`/v1/blocs?provinceCode=${h.demo.provinceCode}`);
    expect(blocs[0].leaderships).toEqual(
      expect.arrayContaining([expect.objectContaining({ year: 2021, leaderUnit: s1.u('LDLD'), deputyUnit: s1.u('HCCB') })]),
    );
  });
});
