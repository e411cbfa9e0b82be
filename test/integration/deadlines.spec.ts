import { Phase } from '../../src/shared/cycle-types';
import { assessmentWorkflowId } from '../../src/shared/ids';
import { AwardType } from '../../src/shared/rules';
import { useS1Harness } from './support/harness';
import { recordHistoryIfAsked } from './support/histories';
import { CRITERIA } from './support/s1-scenario';

const PLEDGE_WINDOW_MS = 8_000;

/** Durable timers with short deadlines: late units are flagged, and the phases still move on. */
describe('Deadlines of the pledge and self-assessment phases', () => {
  const ctx = useS1Harness();

  it('given units that miss the deadlines, should close each phase on time, flag the late units and keep them out of the ballot', async () => {
    const { s1 } = ctx;
    await s1.start();
    const launchedAt = Date.now();
    await s1.post(`/v1/cycles/${s1.cycleId}/launch`, s1.leader, {
      plan: 'Kế hoạch',
      pledgeText: 'Giao ước',
      criteria: CRITERIA,
      // The units sign at once (four requests in flight, not one after another), so the pledge window only has to
      // hold one round trip on a loaded 2-core machine; the self-assessment deadline bounds the test's length.
      pledgeDeadline: new Date(launchedAt + PLEDGE_WINDOW_MS).toISOString(),
      selfAssessmentDeadline: new Date(launchedAt + 30_000).toISOString(),
    });
    await Promise.all((['HLHPN', 'LDLD', 'MTTQ', 'HND'] as const).map((key) => s1.signAll([key])));

    // Observed, not slept: the phase moves when the durable timer fires, never before the deadline.
    const assessing = await s1.waitForPhase(Phase.SELF_ASSESSMENT, 30_000);
    expect(Date.now() - launchedAt).toBeGreaterThanOrEqual(PLEDGE_WINDOW_MS - 500);
    expect(assessing.lateUnits[Phase.PLEDGE]).toEqual([s1.u('DTN'), s1.u('HCCB')].sort());
    expect(await s1.get(`/v1/cycles/${s1.cycleId}/late-units?phase=PLEDGE`)).toEqual([
      expect.objectContaining({ unitCode: s1.u('DTN'), phase: 'PLEDGE' }),
      expect.objectContaining({ unitCode: s1.u('HCCB'), phase: 'PLEDGE' }),
    ]);

    // A unit that signed late may still self-assess; HCCB never finishes.
    // Each unit's sheet is its own workflow: the five go through their steps side by side, well before the deadline.
    await Promise.all([
      ...(['HLHPN', 'LDLD', 'MTTQ', 'HND', 'DTN'] as const).map((key) => s1.assessAll([key])),
      s1.submitAssessment('HCCB'),
    ]);

    const tooEarly = await s1.post(`/v1/cycles/${s1.cycleId}/self-assessment/close`, s1.leader, {}, 409);
    expect(tooEarly.code).toBe('DEADLINE_NOT_REACHED');

    // Wait for the durable timer of HCCB's assessment to flag it late.
    const until = Date.now() + 45_000;
    let late: { unitCode: string }[] = [];
    while (late.length === 0 && Date.now() < until) {
      late = await s1.get(`/v1/cycles/${s1.cycleId}/late-units?phase=SELF_ASSESSMENT`);
      if (late.length === 0) await new Promise((r) => setTimeout(r, 300));
    }
    expect(late).toEqual([expect.objectContaining({ unitCode: s1.u('HCCB'), phase: 'SELF_ASSESSMENT' })]);

    await s1.post(`/v1/cycles/${s1.cycleId}/self-assessment/close`, s1.leader);
    const conference = await s1.waitForPhase(Phase.CONFERENCE);
    expect(conference.assessments[s1.u('HCCB')]).toMatchObject({ status: 'LATE' });
    expect(conference.lateUnits[Phase.SELF_ASSESSMENT]).toEqual([s1.u('HCCB')]);

    const opened = await s1.openConference();
    expect(opened.conference?.ranking.map((r: { unitCode: string }) => r.unitCode)).not.toContain(s1.u('HCCB'));
    const refused = await s1.openBallotWith(
      {
        candidates: { [AwardType.BANG_KHEN_CHU_TICH]: [s1.u('HCCB')] },
        leaderCandidates: [s1.u('LDLD')],
        deputyCandidates: [s1.u('DTN')],
      },
      422,
    );
    expect(refused).toMatchObject({ code: 'INVALID_CANDIDATE' });
    expect(refused.detail).toContain('no accepted self-assessment');
    await recordHistoryIfAsked(s1.cycleId, 'cycle-deadlines');
    await recordHistoryIfAsked(assessmentWorkflowId(s1.cycleId, s1.u('HCCB')), 'assessment-late');
  });
});
