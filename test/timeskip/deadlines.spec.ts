import request from 'supertest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import type { ChainDefinition, ChainEvent, ChainState } from '../../src/shared/approval';
import { chainStateQuery } from '../../src/shared/approval-messages';
import { Phase } from '../../src/shared/cycle-types';
import { assessmentWorkflowId } from '../../src/shared/ids';
import { AwardType } from '../../src/shared/rules';
import { as } from '../integration/support/actors';
import { bundleWorkflows, type Harness } from '../integration/support/harness';
import { recordHistoryIfAsked } from '../integration/support/histories';
import { CRITERIA, S1Driver } from '../integration/support/s1-scenario';
import { waitFor } from '../integration/support/wait';
import type * as ServerClock from './support/server-clock';
import { createTimeSkippingEnvironment, createTimeSkippingHarness, serverNow, skipTo } from './support/time-skipping';

// The API's command seals dated by server time (see commandSealOnServerTime).
jest.mock('../../src/shared/command-seal', () =>
  jest.requireActual<typeof ServerClock>('./support/server-clock').commandSealOnServerTime(),
);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const plus = (instant: string, ms: number): string => new Date(Date.parse(instant) + ms).toISOString();

/**
 * Dates worked out by hand from the Labour Code's holidays (Art. 111–112) for the years the test may land in; the
 * test takes the first row still ahead of server time. No schedule is published for 2027 or 2028 yet, so both use
 * the provisional placement (two Tết days before mùng 1) with compensatory days for holidays on a weekend.
 */
const CALENDAR_ROWS = [
  {
    // Tết Đinh Mùi: mùng 1 is Saturday 6/2/2027. Days off 4/2–10/2: Thu 4, Fri 5, Mon 8 (Tết), Tue 9 and Wed 10
    // (made up for Sat 6 and Sun 7).
    dossierCompleteAt: '2027-01-29T09:00:00+07:00', // a Friday, the week before Tết
    completeOn: '2027-01-29',
    // 20 working days (NĐ 152/2025): 1–3/2 (3), 11–12/2 (5), 15–19/2 (10), 22–26/2 (15), 1–5/3 (20).
    appraisalDueDate: '2027-03-05',
    // The same 20 days counting weekdays only, as if Tết were not there.
    dueDateIgnoringTet: '2027-02-26',
    // 30/4/2027 is a Friday, 1/5 a Saturday made up on Monday 3/5.
    chainOpensAt: '2027-04-27T10:00:00+07:00', // Tuesday
    remindAt: '2027-05-04T17:00:00+07:00', // 2 working days before the due day: 5/5, 4/5
    dueAt: '2027-05-06T17:00:00+07:00', // 5 working days: 28/4, 29/4, 4/5, 5/5, 6/5
    escalateAt: '2027-05-10T17:00:00+07:00', // 2 working days after: Fri 7/5, Mon 10/5
  },
  {
    // Tết Mậu Thân: mùng 1 is Wednesday 26/1/2028; days off Mon 24/1 to Fri 28/1.
    dossierCompleteAt: '2028-01-14T09:00:00+07:00', // a Friday
    completeOn: '2028-01-14',
    // 17–21/1 (5), 31/1–4/2 (10), 7–11/2 (15), 14–18/2 (20).
    appraisalDueDate: '2028-02-18',
    dueDateIgnoringTet: '2028-02-11',
    // 30/4/2028 is a Sunday, made up on Tuesday 2/5; 1/5 is the Monday.
    chainOpensAt: '2028-04-25T10:00:00+07:00', // Tuesday
    remindAt: '2028-04-28T17:00:00+07:00', // before the due day: 3/5, 28/4
    dueAt: '2028-05-04T17:00:00+07:00', // 26/4, 27/4, 28/4, 3/5, 4/5
    escalateAt: '2028-05-08T17:00:00+07:00', // Fri 5/5, Mon 8/5
  },
];

/** The first row whose dates are all ahead of server time (with a day to drive a cycle up to its dossier). */
async function calendarRow(env: TestWorkflowEnvironment, from: 'dossierCompleteAt' | 'chainOpensAt') {
  const now = await env.currentTimeMs();
  const row = CALENDAR_ROWS.find((r) => Date.parse(r[from]) > now + DAY);
  if (!row) throw new Error(`server time ${new Date(now).toISOString()} is past every row of CALENDAR_ROWS: add next year's`);
  return row;
}

/**
 * Deadlines of days, weeks and working days over Tết on Temporal's time-skipping test server: the real workflows and
 * activities (real worker, real PostgreSQL, the API in process), with server time moved by the test. One server for
 * the file; its clock only moves forward, so the describe blocks run in order and each reads server time first.
 */
describe('Long deadlines, with server time skipped', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    // One after the other: the bundle's CPU would slow the JVM's start past the SDK's limit.
    env = await createTimeSkippingEnvironment();
    bundle = await bundleWorkflows();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const useHarness = () => {
    const ctx = {} as { h: Harness; s1: S1Driver };
    beforeAll(async () => {
      ctx.h = await createTimeSkippingHarness(env, bundle);
      ctx.s1 = new S1Driver(ctx.h.app, ctx.h.demo);
    });
    afterAll(async () => {
      await ctx.h?.close();
    });
    return ctx;
  };

  /** Launches with deadlines counted from server time (the validator compares them with the workflow's clock). */
  const launch = (s1: S1Driver, pledgeDeadline: string, selfAssessmentDeadline: string) =>
    s1.post(`/v1/cycles/${s1.cycleId}/launch`, s1.leader, {
      plan: 'Kế hoạch thi đua năm 2020 của Khối thi đua MTTQ và các đoàn thể tỉnh',
      pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ chính trị năm 2020',
      criteria: CRITERIA,
      pledgeDeadline,
      selfAssessmentDeadline,
    });

  const phaseOf = async (s1: S1Driver): Promise<string> => (await s1.get(`/v1/cycles/${s1.cycleId}`)).phase;
  const timelineTypes = async (s1: S1Driver): Promise<string[]> =>
    (await s1.get(`/v1/cycles/${s1.cycleId}/timeline`)).events.map((e: { type: string }) => e.type);

  describe('the pledge (14 days) and self-assessment (5 weeks) deadlines', () => {
    const ctx = useHarness();
    let pledgeDeadline = '';
    let selfAssessmentDeadline = '';

    it('given two units that have not signed after 14 days, should open the self-assessment at the deadline and list those two late', async () => {
      const { s1 } = ctx;
      await s1.start();
      const launchedAt = await serverNow(env);
      pledgeDeadline = plus(launchedAt, 14 * DAY);
      selfAssessmentDeadline = plus(launchedAt, 35 * DAY);
      await launch(s1, pledgeDeadline, selfAssessmentDeadline);
      await s1.signAll(['HLHPN', 'LDLD', 'MTTQ', 'HND']);

      // An hour before the deadline, 13 days and 23 hours on: still signing.
      await skipTo(env, plus(pledgeDeadline, -HOUR));
      expect(await phaseOf(s1)).toBe(Phase.PLEDGE);
      expect(await s1.get(`/v1/cycles/${s1.cycleId}/late-units?phase=PLEDGE`)).toEqual([]);

      await skipTo(env, plus(pledgeDeadline, HOUR));
      const assessing = await s1.waitForPhase(Phase.SELF_ASSESSMENT);
      expect(assessing.lateUnits[Phase.PLEDGE]).toEqual([s1.u('DTN'), s1.u('HCCB')].sort());
      expect(await s1.get(`/v1/cycles/${s1.cycleId}/late-units?phase=PLEDGE`)).toEqual([
        expect.objectContaining({ unitCode: s1.u('DTN'), phase: 'PLEDGE' }),
        expect.objectContaining({ unitCode: s1.u('HCCB'), phase: 'PLEDGE' }),
      ]);
      // Closed by the durable timer at the deadline itself, not when the test looked.
      const closed = await s1.waitForEvent('PLEDGE_CLOSED');
      expect(closed.data).toMatchObject({ late: [s1.u('DTN'), s1.u('HCCB')].sort() });
      const closedAt = Date.parse((closed as unknown as { at: string }).at);
      expect(closedAt).toBeGreaterThanOrEqual(Date.parse(pledgeDeadline));
      expect(closedAt).toBeLessThan(Date.parse(pledgeDeadline) + MINUTE);
    });

    it('given a unit whose sheet is not accepted by the self-assessment deadline, should flag it late then, and keep it out of the ranking and the ballot', async () => {
      const { h, s1 } = ctx;
      // Five units go through their three steps (DTN signed late, and may still assess); HCCB submits its sheet, which
      // nobody approves.
      await Promise.all([
        ...(['HLHPN', 'LDLD', 'MTTQ', 'HND', 'DTN'] as const).map((key) => s1.assessAll([key])),
        s1.submitAssessment('HCCB'),
      ]);

      await skipTo(env, plus(selfAssessmentDeadline, -HOUR));
      const tooEarly = await s1.post(`/v1/cycles/${s1.cycleId}/self-assessment/close`, s1.leader, {}, 409);
      expect(tooEarly.code).toBe('DEADLINE_NOT_REACHED');
      expect(await s1.get(`/v1/cycles/${s1.cycleId}/late-units?phase=SELF_ASSESSMENT`)).toEqual([]);

      await skipTo(env, plus(selfAssessmentDeadline, HOUR));
      const late = await waitFor('HCCB flagged late', async () => {
        const units: { unitCode: string; phase: string }[] = await s1.get(
          `/v1/cycles/${s1.cycleId}/late-units?phase=SELF_ASSESSMENT`,
        );
        return units.length > 0 ? units : undefined;
      });
      expect(late).toEqual([expect.objectContaining({ unitCode: s1.u('HCCB'), phase: 'SELF_ASSESSMENT' })]);
      const hccbTimeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline?unitCode=${s1.u('HCCB')}`);
      const lateEvent = hccbTimeline.events.find((e: { type: string }) => e.type === 'ASSESSMENT_LATE');
      expect(Date.parse(lateEvent.at)).toBeGreaterThanOrEqual(Date.parse(selfAssessmentDeadline));
      expect(Date.parse(lateEvent.at)).toBeLessThan(Date.parse(selfAssessmentDeadline) + MINUTE);

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
      await recordHistoryIfAsked(s1.cycleId, 'cycle-deadlines', h.client);
      await recordHistoryIfAsked(assessmentWorkflowId(s1.cycleId, s1.u('HCCB')), 'assessment-late', h.client);
    });

    describe('approval chains escalated by timer, on the same province', () => {
      const chainState = (chainId: string) => ctx.h.client.workflow.getHandle(chainId).query(chainStateQuery);
      const startChain = async (definition: ChainDefinition, extra: { blocCode?: string } = {}): Promise<string> => {
        const { h } = ctx;
        const res = await request(h.app.getHttpServer())
          .post('/v1/approvals')
          .set(as.admin())
          .send({
            definition,
            provinceCode: h.demo.provinceCode,
            ...extra,
            title: 'Hồ sơ khối',
            items: [{ itemId: 'BK:DTN', title: 'Bằng khen – Tỉnh đoàn', subjectUnitCode: h.demo.unit('DTN') }],
          });
        expect(res.status).toBe(201);
        return res.body.chainId as string;
      };
      const level = (to: 'BLOC_LEADER' | 'NEXT_LEVEL') =>
        ({
          code: 'CV',
          name: 'Chuyên viên thẩm định',
          approvers: { role: Role.BOARD_SPECIALIST, label: 'CV' },
          mode: 'ANY',
          due: { seconds: HOUR / 1000 },
          escalation: { after: { seconds: HOUR / 1000 }, to },
        }) as ChainDefinition['levels'][number];
      const chainOf = (levels: ChainDefinition['levels']): ChainDefinition => ({
        code: 'THU',
        name: 'Quy trình thử',
        maxReturnRounds: 2,
        afterMaxRounds: 'REJECT',
        levels,
      });

      it('given an escalation to the Trưởng khối, should add the head of the bloc’s leading unit in office', async () => {
        const { h } = ctx;
        const chainId = await startChain(chainOf([level('BLOC_LEADER')]), { blocCode: h.demo.blocCode });
        const opened = await serverNow(env);
        await skipTo(env, plus(opened, 2 * HOUR - MINUTE));
        expect((await chainState(chainId)).log.find((e) => e.type === 'LEVEL_ESCALATED')).toBeUndefined();
        await skipTo(env, plus(opened, 2 * HOUR + MINUTE));
        const escalated = await waitFor('the escalation', async () =>
          (await chainState(chainId)).log.find((e) => e.type === 'LEVEL_ESCALATED'),
        );
        expect(escalated.assignees).toEqual([
          expect.objectContaining({ userId: identityUsername(Role.UNIT_HEAD, h.demo.unit('HLHPN')) }),
        ]);
        const done = await request(h.app.getHttpServer())
          .post(`/v1/approvals/${chainId}/decisions`)
          .set(as.head(h.demo.unit('HLHPN')))
          .send({ decision: 'APPROVE', itemIds: ['BK:DTN'] });
        expect(done.status).toBe(200);
        expect(done.body.status).toBe('COMPLETE');
        await recordHistoryIfAsked(chainId, 'approval-chain-escalated-bloc-leader', h.client);
      });

      it('given an escalation to the next level, should move the late items on by timer', async () => {
        const chainId = await startChain(
          chainOf([
            level('NEXT_LEVEL'),
            { code: 'TP', name: 'Trưởng phòng', approvers: { role: Role.BOARD_HEAD, label: 'TP' }, mode: 'ANY' },
          ] as ChainDefinition['levels']),
        );
        const opened = await serverNow(env);
        await skipTo(env, plus(opened, 2 * HOUR - MINUTE));
        expect((await chainState(chainId)).items['BK:DTN'].levelIndex).toBe(0);
        await skipTo(env, plus(opened, 2 * HOUR + MINUTE));
        const moved = await waitFor('the move', async () => {
          const state = await chainState(chainId);
          return state.items['BK:DTN'].levelIndex === 1 ? state : undefined;
        });
        expect(moved.items['BK:DTN'].escalatedLevels).toEqual(['CV']);
        await recordHistoryIfAsked(chainId, 'approval-chain-escalated-next-level', ctx.h.client);
      });
    });
  });

  describe('the appraisal deadline in working days, and an approval chain’s reminder and escalation', () => {
    const ctx = useHarness();

    it('given a dossier complete the Friday before Tết, should count 20 working days past Tết and flag the appraisal overdue only after the due day', async () => {
      const { s1 } = ctx;
      const row = await calendarRow(env, 'dossierCompleteAt');
      await s1.start();
      const now = await serverNow(env);
      await launch(s1, plus(now, 14 * DAY), plus(now, 35 * DAY));
      await s1.signAll();
      await s1.waitForPhase(Phase.SELF_ASSESSMENT);
      await s1.assessAll();
      await s1.conferenceToDossier();

      // The board receives the complete dossier on the Friday before Tết (no completeOn: the day of the review).
      await skipTo(env, row.dossierCompleteAt);
      const inAppraisal = await s1.reviewDossier('ACCEPT');
      expect(inAppraisal.phase).toBe(Phase.APPRAISAL);
      expect(inAppraisal.dossier?.appraisalDueDate).toBe(row.appraisalDueDate);
      const accepted = await s1.waitForEvent('DOSSIER_ACCEPTED');
      expect(accepted.data).toMatchObject({ appraisalDueDate: row.appraisalDueDate });
      expect(accepted.summary).toContain(row.appraisalDueDate);

      // Past the day that 20 weekdays would give, Tết's working days off still count in the board's favour.
      await skipTo(env, `${row.dueDateIgnoringTet}T23:00:00+07:00`);
      expect(await timelineTypes(s1)).not.toContain('APPRAISAL_OVERDUE');
      // Late on the due day itself: still in time.
      await skipTo(env, `${row.appraisalDueDate}T23:00:00+07:00`);
      expect(await timelineTypes(s1)).not.toContain('APPRAISAL_OVERDUE');
      expect((await s1.get(`/v1/cycles/${s1.cycleId}`)).dossier?.appraisalOverdue).toBeFalsy();

      await skipTo(env, plus(`${row.appraisalDueDate}T23:00:00+07:00`, 2 * HOUR));
      const overdue = await s1.waitForEvent('APPRAISAL_OVERDUE');
      expect(overdue.data).toEqual({ appraisalDueDate: row.appraisalDueDate });
      // Flagged by the timer at the end of the due day (Vietnam time), within the minute after.
      const endOfDueDay = Date.parse(`${row.appraisalDueDate}T23:59:59.999+07:00`);
      const flaggedAt = Date.parse((overdue as unknown as { at: string }).at);
      expect(flaggedAt).toBeGreaterThanOrEqual(endOfDueDay);
      expect(flaggedAt).toBeLessThan(endOfDueDay + MINUTE);
      expect((await s1.get(`/v1/cycles/${s1.cycleId}`)).dossier?.appraisalOverdue).toBe(true);
    });

    it('given a level due in 5 working days over 30/4–1/5, should remind 2 working days before and escalate to the board head 2 working days after', async () => {
      const { h } = ctx;
      const row = await calendarRow(env, 'chainOpensAt');
      const P = h.demo.provinceCode;
      const http = () => request(h.app.getHttpServer());
      const definition: ChainDefinition = {
        code: 'THU',
        name: 'Quy trình thử',
        maxReturnRounds: 2,
        afterMaxRounds: 'REJECT',
        levels: [
          {
            code: 'CV',
            name: 'Chuyên viên thẩm định',
            approvers: { role: Role.BOARD_SPECIALIST, label: 'CV' },
            mode: 'ANY',
            due: { workingDays: 5 },
            remindBefore: [{ workingDays: 2 }],
            escalation: { after: { workingDays: 2 }, to: Role.BOARD_HEAD },
          },
        ],
      } as ChainDefinition;

      await skipTo(env, row.chainOpensAt);
      const started = await http()
        .post('/v1/approvals')
        .set(as.admin())
        .send({
          definition,
          provinceCode: P,
          title: 'Hồ sơ đề nghị khen thưởng năm 2020',
          items: [{ itemId: 'CO:HLHPN', title: 'Cờ thi đua – Hội LHPN', subjectUnitCode: h.demo.unit('HLHPN') }],
        });
      expect(started.status).toBe(201);
      const chainId: string = started.body.chainId;
      const state = () => h.client.workflow.getHandle(chainId).query(chainStateQuery);
      const event = async (type: string): Promise<ChainEvent | undefined> => (await state()).log.find((e) => e.type === type);
      const firedAt = (e: ChainEvent | undefined) => Date.parse(e?.at ?? '');

      const clock = (await state()).levels[0].clocks[0];
      expect(clock).toMatchObject({
        dueAt: new Date(row.dueAt).toISOString(),
        remindAt: [new Date(row.remindAt).toISOString()],
        escalateAt: new Date(row.escalateAt).toISOString(),
      });

      await skipTo(env, plus(row.remindAt, -MINUTE));
      expect(await event('REMINDER')).toBeUndefined();
      await skipTo(env, plus(row.remindAt, MINUTE));
      const reminder = await waitFor('the reminder', () => event('REMINDER'));
      expect(firedAt(reminder)).toBeGreaterThanOrEqual(Date.parse(row.remindAt));
      expect(firedAt(reminder)).toBeLessThan(Date.parse(row.remindAt) + MINUTE);
      expect(reminder.assignees).toEqual([expect.objectContaining({ userId: identityUsername(Role.BOARD_SPECIALIST, P) })]);

      // Overdue from the due instant, but escalated only two working days later (the weekend does not count).
      await skipTo(env, plus(row.escalateAt, -MINUTE));
      expect(await event('LEVEL_ESCALATED')).toBeUndefined();
      await skipTo(env, plus(row.escalateAt, MINUTE));
      const escalated = await waitFor('the escalation', () => event('LEVEL_ESCALATED'));
      expect(firedAt(escalated)).toBeGreaterThanOrEqual(Date.parse(row.escalateAt));
      expect(firedAt(escalated)).toBeLessThan(Date.parse(row.escalateAt) + MINUTE);
      expect(escalated.assignees).toEqual([expect.objectContaining({ userId: identityUsername(Role.BOARD_HEAD, P) })]);

      // The board head now holds the task and decides alone.
      await waitFor('the board head’s task', async () => {
        const inbox = (await http().get('/v1/inbox').set(as.boardHead(P))).body as { items: { chainId: string }[] };
        return inbox.items.some((t) => t.chainId === chainId) ? true : undefined;
      });
      const decided = await http()
        .post(`/v1/approvals/${chainId}/decisions`)
        .set(as.boardHead(P))
        .send({ decision: 'APPROVE', itemIds: ['CO:HLHPN'] });
      expect(decided.status).toBe(200);
      expect((decided.body as ChainState & { status: string }).status).toBe('COMPLETE');
      const audit: { type: string; kind: string }[] = await h.dataSource.query(
        `SELECT type, kind FROM audit_log WHERE event_id LIKE $1 ORDER BY seq`,
        [`${chainId}:%`],
      );
      expect(audit).toEqual(
        expect.arrayContaining([
          { type: 'APPROVAL_REMINDER', kind: 'SYSTEM' },
          { type: 'APPROVAL_LEVEL_ESCALATED', kind: 'SYSTEM' },
        ]),
      );
      await recordHistoryIfAsked(chainId, 'approval-chain-reminders', h.client);
    });
  });
});
