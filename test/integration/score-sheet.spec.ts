import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { S1UnitKey } from '../../src/seed/demo-province';
import { Phase, type AssessmentState, type CycleState } from '../../src/shared/cycle-types';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { ALL_UNITS, S1Driver } from './support/s1-scenario';

const DAY = 86_400_000;

/** Two groups (the first capped below the sum of its criteria), a bonus and a penalty criterion. */
const GROUPS = [
  { code: 'G1', name: 'Thực hiện nhiệm vụ chuyên môn', maxPoints: 60 },
  { code: 'G2', name: 'Xây dựng tổ chức, đoàn kết nội bộ', maxPoints: 30 },
];
const CRITERIA = [
  { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxPoints: 40, evidenceRequired: true, groupCode: 'G1' },
  { code: 'TC2', name: 'Phong trào thi đua', maxPoints: 30, evidenceRequired: false, groupCode: 'G1', type: 'NORMAL' },
  { code: 'TC3', name: 'Công tác xây dựng tổ chức', maxPoints: 30, evidenceRequired: false, groupCode: 'G2' },
  {
    code: 'TH',
    name: 'Điểm thưởng: sáng kiến, mô hình mới',
    maxPoints: 5,
    evidenceRequired: false,
    groupCode: 'G2',
    type: 'BONUS',
  },
  { code: 'TR', name: 'Điểm trừ: chậm báo cáo', maxPoints: 10, evidenceRequired: false, type: 'PENALTY' },
];

type Points = [tc1: number, tc2: number, tc3: number, bonus: number, penalty: number];
const sheet = ([tc1, tc2, tc3, bonus, penalty]: Points) => [
  { criterionCode: 'TC1', points: tc1, evidenceRefs: ['bao-cao-2020.pdf'] },
  { criterionCode: 'TC2', points: tc2, evidenceRefs: [] },
  { criterionCode: 'TC3', points: tc3, evidenceRefs: [] },
  { criterionCode: 'TH', points: bonus, evidenceRefs: [] },
  { criterionCode: 'TR', points: penalty, evidenceRefs: [] },
];

/** Self scores and their totals on the sheet: min(TC1+TC2, 60) + min(TC3, 30) + bonus − penalty. */
const SELF: Record<S1UnitKey, Points> = {
  DTN: [38, 28, 28, 4, 0], // 60 (66 capped) + 28 + 4 = 92: first on its own scores
  HND: [34, 24, 27, 2, 0], // 58 + 27 + 2 = 87
  HLHPN: [35, 25, 26, 0, 1], // 60 + 26 − 1 = 85
  LDLD: [33, 22, 25, 0, 0], // 80
  HCCB: [30, 22, 25, 0, 2], // 52 + 25 − 2 = 75
  MTTQ: [30, 20, 24, 0, 0], // 74
};
/** The Trưởng khối's verified scores for DTN: 55 + 25 + 2 − 1 = 81, third. */
const DTN_VERIFIED: Points = [33, 22, 25, 2, 1];
/** HND's cross-scoring of DTN: 60 + 26 + 3 = 89, recorded but not counted. */
const DTN_CROSS: Points = [35, 25, 26, 3, 0];
const DTN_CROSS_2: Points = [33, 24, 25, 3, 0];

describe('Score sheet: groups, bonus and penalty, leader review and cross-scoring', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  let s1: S1Driver;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
    s1 = new S1Driver(h.app, h.demo);
  });

  afterAll(async () => {
    await h?.close();
  });

  const unitPath = (key: S1UnitKey, tail = '') => `/v1/cycles/${s1.cycleId}/units/${s1.u(key)}/assessment${tail}`;
  const launchBody = (overrides: object = {}) => ({
    plan: 'Kế hoạch thi đua năm 2020',
    pledgeText: 'Giao ước thi đua năm 2020',
    criteria: CRITERIA,
    criteriaGroups: GROUPS,
    crossScoring: [
      { scorer: s1.u('HND'), scored: s1.u('DTN') },
      { scorer: s1.u('HCCB'), scored: s1.u('DTN') },
    ],
    pledgeDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
    selfAssessmentDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
    ...overrides,
  });

  it('given a sheet with two groups, a bonus and a penalty, when the leader verifies lower scores, should rank by the verified total and keep every phase', async () => {
    await s1.start();
    const launchUrl = `/v1/cycles/${s1.cycleId}/launch`;

    // The sheet is checked at launch: an undeclared group, a bad type, a unit cross-scoring itself.
    const unknownGroup = await s1.post(
      launchUrl,
      s1.leader,
      launchBody({ criteria: [...CRITERIA, { ...CRITERIA[0], code: 'TC9', groupCode: 'G9' }] }),
      400,
    );
    expect(unknownGroup).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(unknownGroup.detail).toContain('G9');
    const badType = await s1.post(launchUrl, s1.leader, launchBody({ criteria: [{ ...CRITERIA[0], type: 'EXTRA' }] }), 400);
    expect(badType.code).toBe('VALIDATION_FAILED');
    const selfCross = await s1.post(
      launchUrl,
      s1.leader,
      launchBody({ crossScoring: [{ scorer: s1.u('HND'), scored: s1.u('HND') }] }),
      400,
    );
    expect(selfCross.detail).toContain('itself');

    // A live year's deadline lies ahead: one already past would close the pledge at once and flag every unit late.
    const past = await s1.post(launchUrl, s1.leader, launchBody({ pledgeDeadline: '2020-07-01T10:00:00.000Z' }), 422);
    expect(past).toMatchObject({
      code: 'DEADLINE_IN_PAST',
      detail:
        "pledgeDeadline: 01/07/2020 17:00 is already past; a live year's deadline must lie ahead (a past year is entered as a RECORD)",
    });

    const launched = (await s1.post(launchUrl, s1.leader, launchBody())) as CycleState;
    expect(launched.launch).toMatchObject({
      criteriaGroups: GROUPS,
      crossScoring: [
        { scorer: s1.u('HND'), scored: s1.u('DTN') },
        { scorer: s1.u('HCCB'), scored: s1.u('DTN') },
      ],
    });
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);

    // DTN self-scores and its head approves.
    const submitted = (await s1.submitAssessment('DTN', sheet(SELF.DTN))) as AssessmentState;
    expect(submitted.rounds[0].total).toBe(92);
    const early = await s1.post(unitPath('DTN', '/cross-scores'), as.head(s1.u('HND')), { scores: sheet(DTN_CROSS) }, 409);
    expect(early.code).toBe('WRONG_STATE');
    await s1.approveAssessment('DTN');

    // Cross-scoring: only the assigned unit's head, once per round.
    const notAssigned = await s1.post(unitPath('DTN', '/cross-scores'), as.head(s1.u('LDLD')), { scores: sheet(DTN_CROSS) }, 403);
    expect(notAssigned.code).toBe('FORBIDDEN_ACTOR');
    const crossed = (await s1.post(unitPath('DTN', '/cross-scores'), as.head(s1.u('HND')), {
      scores: sheet(DTN_CROSS),
    })) as AssessmentState;
    expect(crossed.status).toBe('UNIT_APPROVED');
    expect(crossed.rounds[0].cross).toEqual([
      expect.objectContaining({ scorerUnit: s1.u('HND'), total: 89, by: `head.${s1.u('HND').toLowerCase()}` }),
    ]);
    const twice = await s1.post(unitPath('DTN', '/cross-scores'), as.head(s1.u('HND')), { scores: sheet(DTN_CROSS) }, 409);
    expect(twice.code).toBe('WRONG_STATE');
    // A second assigned scorer's sheet is kept beside the first, never dropped.
    const second = (await s1.post(unitPath('DTN', '/cross-scores'), as.head(s1.u('HCCB')), {
      scores: sheet(DTN_CROSS_2),
    })) as AssessmentState;
    expect(second.rounds[0].cross?.map((c) => [c.scorerUnit, c.total])).toEqual([
      [s1.u('HND'), 89],
      [s1.u('HCCB'), 85],
    ]);

    // Verified scores are checked like self scores, and go with ACCEPT only.
    const outOfRange = await s1.post(
      unitPath('DTN', '/review'),
      s1.leader,
      { decision: 'ACCEPT', verifiedScores: sheet([41, 22, 25, 2, 1]) },
      422,
    );
    expect(outOfRange.code).toBe('SCORE_OUT_OF_RANGE');
    const withReturn = await s1.post(
      unitPath('DTN', '/review'),
      s1.leader,
      { decision: 'RETURN', reason: 'Chấm lại', verifiedScores: sheet(DTN_VERIFIED) },
      400,
    );
    expect(withReturn.code).toBe('VALIDATION_FAILED');

    // Lowering a unit's own points needs a reason for each changed criterion; one left out is named.
    const withReasons = sheet(DTN_VERIFIED).map((s) => ({ ...s, reason: `Điều chỉnh ${s.criterionCode}: thiếu minh chứng` }));
    const noReason = await s1.post(
      unitPath('DTN', '/review'),
      s1.leader,
      { decision: 'ACCEPT', verifiedScores: withReasons.map((s) => (s.criterionCode === 'TC2' ? { ...s, reason: ' ' } : s)) },
      422,
    );
    expect(noReason).toMatchObject({
      code: 'REASON_REQUIRED',
      detail: "criterion TC2: the verified 22 points differ from the unit's own 28; give the reason",
    });

    const accepted = (await s1.post(unitPath('DTN', '/review'), s1.leader, {
      decision: 'ACCEPT',
      verifiedScores: withReasons,
    })) as AssessmentState;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.rounds[0]).toMatchObject({ scores: sheet(SELF.DTN), total: 92 });
    expect(accepted.rounds[0].verified).toMatchObject({ scores: withReasons, total: 81, adjusted: true });

    // The other units are accepted as they scored themselves.
    for (const key of ALL_UNITS.filter((k) => k !== 'DTN')) {
      await s1.submitAssessment(key, sheet(SELF[key]));
      await s1.approveAssessment(key);
      await s1.reviewAssessment(key, 'ACCEPT');
    }

    const atConference = await s1.waitForPhase(Phase.CONFERENCE);
    expect(atConference.assessments[s1.u('DTN')]).toMatchObject({ status: 'ACCEPTED', total: 81, selfTotal: 92 });
    expect(atConference.assessments[s1.u('HND')]).toMatchObject({ total: 87, selfTotal: 87 });

    const opened = (await s1.openConference()) as CycleState;
    expect(opened.conference?.ranking.map((r) => [r.unitCode, r.total, r.rank])).toEqual([
      [s1.u('HND'), 87, 1],
      [s1.u('HLHPN'), 85, 2],
      [s1.u('DTN'), 81, 3],
      [s1.u('LDLD'), 80, 4],
      [s1.u('HCCB'), 75, 5],
      [s1.u('MTTQ'), 74, 6],
    ]);

    // The read model keeps one sheet per phase, side by side.
    const dtn = await s1.get(unitPath('DTN'));
    expect(dtn).toMatchObject({ status: 'ACCEPTED', selfTotal: 92, verifiedTotal: 81 });
    expect(dtn.rounds).toHaveLength(1);
    expect(dtn.rounds[0]).toMatchObject({ round: 1, selfTotal: 92, verifiedTotal: 81 });
    const byCode = (scores: { criterionCode: string }[]) =>
      [...scores].sort((a, b) => a.criterionCode.localeCompare(b.criterionCode));
    expect(dtn.rounds[0].phases.SELF).toMatchObject({ scoredBy: `focal.${s1.u('DTN').toLowerCase()}`, total: 92 });
    expect(byCode(dtn.rounds[0].phases.SELF.scores)).toEqual(byCode(sheet(SELF.DTN)));
    expect(dtn.rounds[0].phases.LEADER_REVIEW).toMatchObject({ scoredBy: `head.${s1.u('HLHPN').toLowerCase()}`, total: 81 });
    expect(byCode(dtn.rounds[0].phases.LEADER_REVIEW.scores)).toEqual(
      byCode(sheet(DTN_VERIFIED).map((s) => ({ ...s, reason: `Điều chỉnh ${s.criterionCode}: thiếu minh chứng` }))),
    );
    expect(dtn.rounds[0].phases.CROSS).toBeUndefined();
    expect(dtn.rounds[0].cross).toEqual([
      expect.objectContaining({ scorerUnit: s1.u('HCCB'), scoredBy: `head.${s1.u('HCCB').toLowerCase()}`, total: 85 }),
      expect.objectContaining({ scorerUnit: s1.u('HND'), scoredBy: `head.${s1.u('HND').toLowerCase()}`, total: 89 }),
    ]);

    const hnd = await s1.get(unitPath('HND'));
    expect(hnd).toMatchObject({ selfTotal: 87, verifiedTotal: 87 });
    expect(hnd.rounds[0].phases.LEADER_REVIEW).toMatchObject({ scoredBy: `head.${s1.u('HLHPN').toLowerCase()}`, total: 87 });
    expect(hnd.rounds[0].cross).toEqual([]);

    // Rows are only added: the self scores are still as submitted, beside the other phases.
    const rows: { score_phase: string; scorer_unit: string; criterion_code: string; points: string }[] = await h.dataSource.query(
      `SELECT score_phase, scorer_unit, criterion_code, points FROM assessment_scores WHERE cycle_id = $1 AND unit_code = $2
       ORDER BY score_phase, criterion_code`,
      [s1.cycleId, s1.u('DTN')],
    );
    const phase = (p: string, scorer = '') =>
      Object.fromEntries(
        rows.filter((r) => r.score_phase === p && r.scorer_unit === scorer).map((r) => [r.criterion_code, Number(r.points)]),
      );
    expect(phase('SELF')).toEqual({ TC1: 38, TC2: 28, TC3: 28, TH: 4, TR: 0 });
    expect(phase('LEADER_REVIEW')).toEqual({ TC1: 33, TC2: 22, TC3: 25, TH: 2, TR: 1 });
    expect(phase('CROSS', s1.u('HND'))).toEqual({ TC1: 35, TC2: 25, TC3: 26, TH: 3, TR: 0 });
    expect(phase('CROSS', s1.u('HCCB'))).toEqual({ TC1: 33, TC2: 24, TC3: 25, TH: 3, TR: 0 });
    expect(rows).toHaveLength(20);

    const progress = await s1.get(`/v1/cycles/${s1.cycleId}`);
    expect(progress.unitProgress.find((u: { unitCode: string }) => u.unitCode === s1.u('DTN')).verifiedTotal).toBe(81);

    const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
    const crossEvent = timeline.events.find((e: { type: string }) => e.type === 'ASSESSMENT_CROSS_SCORED');
    expect(crossEvent).toMatchObject({ data: { unitCode: s1.u('DTN'), scorerUnit: s1.u('HND'), total: 89 } });
    const acceptedEvent = timeline.events.find(
      (e: { type: string; data?: { unitCode?: string } }) => e.type === 'ASSESSMENT_ACCEPTED' && e.data?.unitCode === s1.u('DTN'),
    );
    expect(acceptedEvent).toMatchObject({ data: { total: 81, selfTotal: 92 } });

    // The conference's minutes keep every verified score that differs from the unit's own, with its reason.
    await s1.openBallot();
    await s1.castAll();
    const closed = await s1.closeBallot();
    expect(closed.minutes?.scoreAdjustments).toEqual(
      sheet(DTN_VERIFIED).map((s) => ({
        unitCode: s1.u('DTN'),
        criterionCode: s.criterionCode,
        points: s.points,
        reason: `Điều chỉnh ${s.criterionCode}: thiếu minh chứng`,
      })),
    );

    await h.client.workflow.getHandle(s1.cycleId).terminate('score-sheet test done');
  });
});
