import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { S1UnitKey } from '../../src/seed/demo-province';
import { Phase, type AssessmentState, type CycleState } from '../../src/shared/cycle-types';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { recordHistory } from './support/histories';
import { ALL_UNITS, CRITERIA, S1Driver } from './support/s1-scenario';

type TimelineEvent = { type: string; occurredOn: string | null; data: Record<string, unknown> | null };

/**
 * The record of a past year (Bắc Kạn 2020, entered afterwards): its deadlines lie years behind, yet no timer closes a
 * phase or flags a unit; each step carries the day it happened and is refused, recording nothing, when out of order.
 */
describe('RECORD cycle: a past year entered from its papers', () => {
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

  const url = (tail = '') => `/v1/cycles/${s1.cycleId}${tail}`;
  const unitUrl = (key: S1UnitKey, tail = '') => url(`/units/${s1.u(key)}/assessment${tail}`);
  const timeline = async (): Promise<TimelineEvent[]> => (await s1.get(url('/timeline'))).events;
  const launchBody = (overrides: object = {}) => ({
    plan: 'Kế hoạch thi đua năm 2020 của Khối thi đua MTTQ và các đoàn thể tỉnh',
    pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ chính trị năm 2020',
    criteria: CRITERIA,
    pledgeDeadline: '2020-02-14T10:00:00.000Z',
    selfAssessmentDeadline: '2020-11-30T10:00:00.000Z',
    occurredOn: '2020-01-15',
    ...overrides,
  });

  it('given a RECORD of 2020 with deadlines long past, when its steps are entered with their dates, should close no phase by a timer and refuse a date out of order', async () => {
    // A record of a year that has not begun is refused before anything starts.
    const future = await s1.post(
      '/v1/cycles',
      as.boardHead(h.demo.provinceCode),
      { provinceCode: h.demo.provinceCode, blocCode: h.demo.blocCode, year: 2100, mode: 'RECORD' },
      400,
    );
    expect(future).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(future.detail).toContain('mode');

    const started = (await s1.post(
      '/v1/cycles',
      as.boardHead(h.demo.provinceCode),
      { provinceCode: h.demo.provinceCode, blocCode: h.demo.blocCode, year: 2020, mode: 'RECORD' },
      201,
    )) as CycleState;
    s1.cycleId = started.cycleId;
    expect(started.mode).toBe('RECORD');
    const listed = (await s1.get(`/v1/cycles?provinceCode=${h.demo.provinceCode}`)) as { cycleId: string; mode: string }[];
    expect(listed.find((c) => c.cycleId === s1.cycleId)?.mode).toBe('RECORD');

    // The launch needs its date, and a record's deadlines lie behind it.
    const undated = await s1.post(url('/launch'), s1.leader, launchBody({ occurredOn: undefined }), 400);
    expect(undated).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(undated.detail).toContain('occurredOn');
    const ahead = await s1.post(
      url('/launch'),
      s1.leader,
      launchBody({ selfAssessmentDeadline: new Date(Date.now() + 86_400_000).toISOString() }),
      422,
    );
    expect(ahead).toMatchObject({ code: 'DATE_OUT_OF_ORDER' });
    expect(ahead.detail).toContain('selfAssessmentDeadline');
    const beforeYear = await s1.post(url('/launch'), s1.leader, launchBody({ occurredOn: '2019-12-20' }), 422);
    expect(beforeYear).toMatchObject({ code: 'DATE_OUT_OF_ORDER' });
    expect(beforeYear.detail).toContain('20/12/2019');
    expect((await s1.get(url())).phase).toBe(Phase.LAUNCH);

    const launched = (await s1.post(url('/launch'), s1.leader, launchBody())) as CycleState;
    expect(launched.phase).toBe(Phase.PLEDGE);
    expect(launched.launch?.launchedOn).toBe('2020-01-15');

    // A pledge dated before the launch is refused with both dates and records nothing.
    const eventsBefore = (await timeline()).length;
    const early = await s1.post(url('/pledges'), as.head(s1.u('LDLD')), { occurredOn: '2020-01-10' }, 422);
    expect(early).toMatchObject({ code: 'DATE_OUT_OF_ORDER' });
    expect(early.detail).toContain('10/01/2020');
    expect(early.detail).toContain('15/01/2020');
    expect((await timeline()).length).toBe(eventsBefore);
    expect(((await s1.get(url())) as CycleState).pledges).toEqual({});

    // The pledge deadline (14/02/2020) passed years ago, yet the phase stays open: no timer closes a record's phase.
    const [last, ...first] = ALL_UNITS;
    let state: CycleState | undefined;
    for (const [i, key] of first.entries()) {
      state = await s1.post(url('/pledges'), as.head(s1.u(key)), { occurredOn: `2020-01-${20 + i}` });
    }
    expect(state?.phase).toBe(Phase.PLEDGE);
    expect(state?.lateUnits).toEqual({});
    // Closing with a unit unsigned needs the deadline passed on paper.
    const closedEarly = await s1.post(url('/pledges/close'), s1.leader, { occurredOn: '2020-02-10' }, 422);
    expect(closedEarly).toMatchObject({ code: 'DATE_OUT_OF_ORDER' });
    expect(closedEarly.detail).toContain('10/02/2020');
    expect(closedEarly.detail).toContain('14/02/2020');
    await s1.post(url('/pledges'), as.head(s1.u(last)), { occurredOn: '2020-01-30' });
    const inAssessment = await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    expect(inAssessment.phaseOpenedOn).toMatchObject({ PLEDGE: '2020-01-15', SELF_ASSESSMENT: '2020-01-30' });
    expect(inAssessment.lateUnits).toEqual({});

    // Each unit's steps in the order of their dates; an approval dated before its submission is refused.
    for (const [i, key] of ALL_UNITS.entries()) {
      const day = 10 + i;
      await s1.post(unitUrl(key), as.focal(s1.u(key)), { scores: s1.scores(key), occurredOn: `2020-12-${day}` });
      if (key === 'HLHPN') {
        const backwards = await s1.post(unitUrl(key, '/approval'), as.head(s1.u(key)), { occurredOn: '2020-12-01' }, 422);
        expect(backwards).toMatchObject({ code: 'DATE_OUT_OF_ORDER' });
        expect(backwards.detail).toContain('01/12/2020');
        expect(backwards.detail).toContain(`${day}/12/2020`);
        const unit = (await s1.get(unitUrl(key))) as { rounds: { approvedBy?: string }[] };
        expect(unit.rounds[0]?.approvedBy).toBeUndefined();
      }
      await s1.post(unitUrl(key, '/approval'), as.head(s1.u(key)), { occurredOn: `2020-12-${day + 1}` });
      const reviewer = key === 'HLHPN' ? s1.deputy : s1.leader;
      const accepted = (await s1.post(unitUrl(key, '/review'), reviewer, {
        decision: 'ACCEPT',
        occurredOn: `2020-12-${day + 2}`,
      })) as AssessmentState;
      expect(accepted).toMatchObject({ status: 'ACCEPTED', late: false });
      expect(accepted.rounds[0]).toMatchObject({ submittedOn: `2020-12-${day}`, reviewedOn: `2020-12-${day + 2}` });
    }
    const atConference = await s1.waitForPhase(Phase.CONFERENCE);
    // The self-assessment deadline (30/11/2020) is behind every submission, yet no unit is flagged late.
    expect(atConference.lateUnits).toEqual({});
    expect(atConference.phaseOpenedOn?.CONFERENCE).toBe('2020-12-17');

    // The conference cannot come before the self-assessment closed; on its date it opens.
    const tooEarly = await s1.post(
      url('/conference'),
      s1.leader,
      { heldOn: '2020-12-15', presentUnits: ALL_UNITS.map(s1.u) },
      422,
    );
    expect(tooEarly).toMatchObject({ code: 'DATE_OUT_OF_ORDER' });
    expect(tooEarly.detail).toContain('17/12/2020');
    await s1.openConference();

    // The rest of the year, each step on its date: the ballot at the conference, the dossier, appraisal, council, decision.
    await s1.openBallot();
    await s1.castAll();
    await s1.closeBallot();
    await s1.waitForPhase(Phase.SUBMISSION);
    await s1.submitDossier();
    const specialist = as.specialist(h.demo.provinceCode);
    const boardHead = as.boardHead(h.demo.provinceCode);
    const inAppraisal = (await s1.post(url('/dossier/review'), specialist, {
      decision: 'ACCEPT',
      occurredOn: '2021-01-04',
    })) as CycleState;
    expect(inAppraisal.dossier?.completeAt).toBe('2021-01-04T00:00:00+07:00');
    expect(inAppraisal.dossier?.appraisalOverdue).toBeUndefined();
    await s1.post(url('/appraisal'), specialist, {
      occurredOn: '2021-01-06',
      opinions: inAppraisal.nominees.map((n) => ({ nomineeId: n.id, recommend: true, note: 'Đủ tiêu chuẩn' })),
    });
    const approvedEarly = await s1.post(
      url('/appraisal/approval'),
      boardHead,
      { decision: 'APPROVE', occurredOn: '2021-01-05' },
      422,
    );
    expect(approvedEarly).toMatchObject({
      code: 'DATE_OUT_OF_ORDER',
      detail: 'occurredOn: the approval of the appraisal on 05/01/2021 cannot come before the appraisal on 06/01/2021',
    });
    const approved = (await s1.post(url('/appraisal/approval'), boardHead, {
      decision: 'APPROVE',
      occurredOn: '2021-01-08',
    })) as CycleState;
    const voted = await s1.councilVote(approved);
    await s1.decideAll(voted);
    const done = await s1.waitForPhase(Phase.COMPLETED);
    expect(done.lateUnits).toEqual({});

    const events = await timeline();
    expect(events.map((e) => e.type)).not.toContain('ASSESSMENT_LATE');
    const on = (type: string) => events.find((e) => e.type === type)?.occurredOn;
    expect(on('LAUNCHED')).toBe('2020-01-15');
    expect(on('PLEDGE_CLOSED')).toBe('2020-01-30');
    expect(on('SELF_ASSESSMENT_CLOSED')).toBe('2020-12-17');
    expect(on('CONFERENCE_OPENED')).toBe('2020-12-29');
    expect(on('BALLOT_CLOSED')).toBe('2020-12-29');
    expect(on('DOSSIER_ACCEPTED')).toBe('2021-01-04');
    expect(on('APPRAISAL_APPROVED')).toBe('2021-01-08');
    expect(on('DECIDED')).toBe('2021-01-20');
    expect(events.map((e) => e.type)).not.toContain('APPRAISAL_OVERDUE');

    const tag = process.env.RECORD_HISTORIES;
    if (tag) {
      recordHistory(tag, s1.cycleId, 'cycle-record');
      recordHistory(tag, `${s1.cycleId}.assessment.${s1.u('MTTQ')}`, 'assessment-record-mttq');
    }
  });
});
