import request from 'supertest';
import { endOfVietnamDay } from '../../src/domain/cycle-steps';
import { identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import { NomineeStatus, Phase, type CycleState } from '../../src/shared/cycle-types';
import type { S1UnitKey } from '../../src/seed/demo-province';
import { as, provisionAccounts, type Headers } from './support/actors';
import { uniqueSuffix, useS1Harness } from './support/harness';
import { ALL_UNITS, CRITERIA, S1_BALLOTS } from './support/s1-scenario';
import { createProvince } from './support/organisation';

interface Item {
  id: string;
  kind: 'APPROVAL' | 'CYCLE_STEP';
  action: string;
  title: string;
  provinceCode: string;
  blocCode?: string;
  cycleId?: string;
  phase?: string;
  dueAt?: string;
  overdue: boolean;
  unitCode?: string;
}

const DAY = 86_400_000;
/** A hang guard for the whole story (a cycle from start to decision), not a timing assertion. */
const STORY_TIMEOUT = 900_000;

/**
 * "Việc chờ xử lý" (GET /v1/inbox) beside scenario S1 driven step by step: at every stage each person of the
 * province (and one of another province) sees exactly the cycle steps waiting for them, every step listed is
 * accepted when that person performs it, and the filters apply to the cycle steps as to the approval tasks.
 */
describe('Inbox: the cycle steps waiting for each person', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());
  const foreignProvince = `X${uniqueSuffix().toUpperCase()}`;
  const foreignSpecialist = identityUsername(Role.BOARD_SPECIALIST, foreignProvince);
  const pledgeDeadline = new Date(Date.now() + 30 * DAY).toISOString();
  const selfAssessmentDeadline = new Date(Date.now() + 60 * DAY).toISOString();

  beforeAll(async () => {
    await createProvince(ctx.h.app, foreignProvince, 'Tỉnh khác');
    await provisionAccounts(ctx.h.app, ctx.h.dataSource, [
      {
        username: foreignSpecialist,
        displayName: 'Chuyên viên tỉnh khác',
        role: Role.BOARD_SPECIALIST,
        provinceCode: foreignProvince,
      },
    ]);
  });

  const short = (unitCode: string) => unitCode.slice(ctx.h.demo.provinceCode.length + 1);
  const key = (i: Item) => (i.unitCode ? `${i.action}:${short(i.unitCode)}` : i.action);

  /** The whole inbox; every answer must be sorted by due date (undated last), then title. */
  async function inbox(headers: Headers, query = ''): Promise<Item[]> {
    const res = await http().get(`/v1/inbox${query}`).set(headers);
    if (res.status !== 200) throw new Error(`GET /v1/inbox${query}: ${res.status} ${JSON.stringify(res.body)}`);
    const items = (res.body as { items: Item[] }).items;
    const due = (i: Item) => (i.dueAt ? Date.parse(i.dueAt) : Number.POSITIVE_INFINITY);
    for (let n = 1; n < items.length; n++) {
      const [a, b] = [items[n - 1], items[n]];
      const ordered = due(a) < due(b) || (due(a) === due(b) && a.title.localeCompare(b.title, 'vi') <= 0);
      if (!ordered) throw new Error(`inbox out of order: ${a.title} (${a.dueAt}) before ${b.title} (${b.dueAt})`);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    return items;
  }

  /** This cycle's steps in a person's inbox. */
  const steps = async (headers: Headers, query = '') =>
    (await inbox(headers, query)).filter((i) => i.kind === 'CYCLE_STEP' && i.cycleId === ctx.s1.cycleId);
  const keys = async (headers: Headers, query = '') => (await steps(headers, query)).map(key).sort();
  const step = async (headers: Headers, wanted: string): Promise<Item> => {
    const found = (await steps(headers)).find((i) => key(i) === wanted);
    if (!found) throw new Error(`${wanted} is not in the inbox: ${JSON.stringify(await keys(headers))}`);
    return found;
  };

  /** Every person of the province, and the board specialist of another province. */
  function people(): [string, Headers][] {
    const u = ctx.s1.u;
    return [
      ...ALL_UNITS.map((k): [string, Headers] => [`head:${k}`, as.head(u(k))]),
      ...ALL_UNITS.map((k): [string, Headers] => [`focal:${k}`, as.focal(u(k))]),
      ['specialist', as.specialist()],
      ['boardHead', as.boardHead()],
      ['chairman', as.chairman()],
      ['council', as.council(1)],
      ['admin', as.admin()],
      ['auditor', as.auditor()],
      ['foreignSpecialist', as.user(foreignSpecialist)],
    ];
  }

  /** Everyone's cycle steps at once: those named, and nothing for anybody else. */
  async function expectInboxes(expected: Record<string, string[]>): Promise<void> {
    const actual: Record<string, string[]> = {};
    const wanted: Record<string, string[]> = {};
    for (const [who, headers] of people()) {
      actual[who] = await keys(headers);
      wanted[who] = [...(expected[who] ?? [])].sort();
    }
    expect(actual).toEqual(wanted);
  }

  const each = (prefix: string, action: string, units: readonly S1UnitKey[] = ALL_UNITS) =>
    Object.fromEntries(units.map((k) => [`${prefix}:${k}`, [`${action}:${k}`]]));

  const launchBody = () => ({
    plan: 'Kế hoạch thi đua năm 2020 của Khối thi đua MTTQ và các đoàn thể tỉnh',
    pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ chính trị năm 2020',
    criteria: CRITERIA,
    crossScoring: [{ scorer: ctx.s1.u('MTTQ'), scored: ctx.s1.u('DTN') }],
    pledgeDeadline,
    selfAssessmentDeadline,
  });

  // One story, one test: each stage is reached by the steps the stage before took through the inbox, so the stages
  // are sections of a single test rather than tests that could not run alone.
  it(
    'given S1 driven step by step through the inbox, should list for each person exactly the steps waiting for them, at every stage from the start to the completed cycle',
    async () => {
      // 1. Given a started cycle, should list LAUNCH for the Trưởng khối only, then SIGN_PLEDGE for each head until it signs.
      {
        const { h, s1 } = ctx;
        await s1.start();
        await expectInboxes({ 'head:HLHPN': ['LAUNCH'] });
        const launch = await step(s1.leader, 'LAUNCH');
        expect(launch).toMatchObject({
          id: `${s1.cycleId}/LAUNCH`,
          provinceCode: h.demo.provinceCode,
          blocCode: h.demo.blocCode,
          phase: Phase.LAUNCH,
          overdue: false,
          title: expect.stringContaining('Phát động thi đua năm 2020'),
        });
        // Consistency: the deputy, who sees no LAUNCH, is refused; the leader, who sees it, is accepted.
        expect((await s1.post(`/v1/cycles/${s1.cycleId}/launch`, as.head(s1.u('LDLD')), launchBody(), 403)).code).toBe(
          'NOT_LEADER',
        );
        await s1.post(`/v1/cycles/${s1.cycleId}/launch`, s1.leader, launchBody());

        await expectInboxes(each('head', 'SIGN_PLEDGE'));
        const dtn = as.head(s1.u('DTN'));
        expect(await step(dtn, 'SIGN_PLEDGE:DTN')).toEqual({
          id: `${s1.cycleId}/SIGN_PLEDGE/${s1.u('DTN')}`,
          kind: 'CYCLE_STEP',
          action: 'SIGN_PLEDGE',
          title: 'Ký giao ước thi đua năm 2020 – Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh',
          provinceCode: h.demo.provinceCode,
          blocCode: h.demo.blocCode,
          cycleId: s1.cycleId,
          phase: Phase.PLEDGE,
          dueAt: pledgeDeadline,
          overdue: false,
          unitCode: s1.u('DTN'),
        });

        // Filters: province, bloc, cycle, phase, overdue, due date.
        const dueDay = new Date(Date.parse(pledgeDeadline) + 7 * 3_600_000).toISOString().slice(0, 10);
        const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
        const filtered: [string, string[]][] = [
          [`?provinceCode=${h.demo.provinceCode}`, ['SIGN_PLEDGE:DTN']],
          [`?provinceCode=${foreignProvince}`, []],
          [`?blocCode=${h.demo.blocCode}`, ['SIGN_PLEDGE:DTN']],
          ['?blocCode=KHOI-KHAC', []],
          [`?cycleId=${s1.cycleId}`, ['SIGN_PLEDGE:DTN']],
          ['?phase=PLEDGE', ['SIGN_PLEDGE:DTN']],
          ['?phase=LAUNCH', []],
          ['?overdue=false', ['SIGN_PLEDGE:DTN']],
          ['?overdue=true', []],
          [`?dueBefore=${dueDay}`, ['SIGN_PLEDGE:DTN']],
          [`?dueBefore=${today}`, []],
        ];
        for (const [query, expected] of filtered)
          expect({ query, steps: await keys(dtn, query) }).toEqual({ query, steps: expected });

        // Each signature takes the step out of that head's inbox only.
        const signed: S1UnitKey[] = [];
        for (const k of ALL_UNITS) {
          await step(as.head(s1.u(k)), `SIGN_PLEDGE:${k}`);
          await s1.signAll([k]);
          signed.push(k);
          expect(await keys(as.head(s1.u(k)))).toEqual([]);
          // A second signature while the phase is still open (after the last one the phase may already have moved on,
          // and WRONG_PHASE would answer first).
          if (signed.length === 1)
            expect((await s1.post(`/v1/cycles/${s1.cycleId}/pledges`, as.head(s1.u(k)), {}, 409)).code).toBe('ALREADY_SIGNED');
          if (signed.length < ALL_UNITS.length) {
            const next = ALL_UNITS[signed.length];
            expect(await keys(as.head(s1.u(next)))).toEqual([`SIGN_PLEDGE:${next}`]);
          }
        }
      }

      // 2. Given the self-assessment, should pass each sheet from the focal person to the head, the cross-scorer and the Trưởng khối.
      {
        const { s1 } = ctx;
        await s1.waitForPhase(Phase.SELF_ASSESSMENT);
        await expectInboxes(each('focal', 'SUBMIT_ASSESSMENT'));
        const focalDtn = as.focal(s1.u('DTN'));
        expect(await step(focalDtn, 'SUBMIT_ASSESSMENT:DTN')).toMatchObject({
          dueAt: selfAssessmentDeadline,
          overdue: false,
          phase: Phase.SELF_ASSESSMENT,
          title: expect.stringContaining('Nộp bảng tự chấm điểm năm 2020'),
        });
        const others = ALL_UNITS.filter((k) => k !== 'DTN');
        const crossScore = () =>
          s1.post(`/v1/cycles/${s1.cycleId}/units/${s1.u('DTN')}/assessment/cross-scores`, as.head(s1.u('MTTQ')), {
            scores: s1.scores('MTTQ'),
          });

        // The focal person submits; the head approves; the assigned head cross-scores once his own unit has handed in its
        // own sheet (no competitor's sheet before that); the leader returns it.
        await s1.submitAssessment('DTN');
        await expectInboxes({ ...each('focal', 'SUBMIT_ASSESSMENT', others), 'head:DTN': ['APPROVE_ASSESSMENT:DTN'] });
        await s1.approveAssessment('DTN');
        await expectInboxes({ ...each('focal', 'SUBMIT_ASSESSMENT', others), 'head:HLHPN': ['REVIEW_ASSESSMENT:DTN'] });
        const notMttq = ALL_UNITS.filter((k) => k !== 'MTTQ');
        await s1.submitAssessment('MTTQ');
        await expectInboxes({
          ...each(
            'focal',
            'SUBMIT_ASSESSMENT',
            notMttq.filter((k) => k !== 'DTN'),
          ),
          'head:MTTQ': ['APPROVE_ASSESSMENT:MTTQ', 'CROSS_SCORE:DTN'],
          'head:HLHPN': ['REVIEW_ASSESSMENT:DTN'],
        });
        await crossScore();
        expect(await keys(as.head(s1.u('MTTQ')))).toEqual(['APPROVE_ASSESSMENT:MTTQ']);
        await s1.reviewAssessment('DTN', 'RETURN', 'Thiếu minh chứng cho tiêu chí 1');
        await expectInboxes({ ...each('focal', 'SUBMIT_ASSESSMENT', notMttq), 'head:MTTQ': ['APPROVE_ASSESSMENT:MTTQ'] });
        expect((await step(focalDtn, 'SUBMIT_ASSESSMENT:DTN')).title).toContain('Nộp lại');

        // Every sheet, DTN's second round included, goes through the steps as they are listed.
        for (const k of ALL_UNITS) {
          if (k !== 'MTTQ') {
            await step(as.focal(s1.u(k)), `SUBMIT_ASSESSMENT:${k}`);
            await s1.submitAssessment(k);
          }
          expect(await keys(as.head(s1.u(k)))).toEqual([`APPROVE_ASSESSMENT:${k}`]);
          await s1.approveAssessment(k);
          expect(await keys(as.head(s1.u(k)))).not.toContain(`APPROVE_ASSESSMENT:${k}`);
          if (k === 'DTN') {
            // A new round is cross-scored again.
            await step(as.head(s1.u('MTTQ')), 'CROSS_SCORE:DTN');
            await crossScore();
          }
          if (k === 'HLHPN') {
            // The Trưởng khối's own sheet waits for the Phó khối, never for him (recusal).
            expect(await keys(s1.leader)).not.toContain('REVIEW_ASSESSMENT:HLHPN');
            await step(s1.deputy, 'REVIEW_ASSESSMENT:HLHPN');
          } else {
            await step(s1.leader, `REVIEW_ASSESSMENT:${k}`);
          }
          await s1.reviewAssessment(k, 'ACCEPT');
          expect(await keys(s1.leader)).toEqual([]);
          expect(await keys(s1.deputy)).not.toContain(`REVIEW_ASSESSMENT:${k}`);
        }
      }

      // 3. Given the conference, should list its opening, the ballot, each present head’s vote (only whether it voted) and the close.
      {
        const { s1 } = ctx;
        await s1.waitForPhase(Phase.CONFERENCE);
        await expectInboxes({ 'head:HLHPN': ['OPEN_CONFERENCE'] });
        await s1.openConference();
        await expectInboxes({ 'head:HLHPN': ['OPEN_BALLOT'] });
        await s1.openBallot();
        await expectInboxes(each('head', 'CAST_BALLOT'));

        for (const [n, ballot] of S1_BALLOTS.entries()) {
          const voter = as.head(s1.u(ballot.voter));
          const listed = await step(voter, `CAST_BALLOT:${ballot.voter}`);
          expect(JSON.stringify(listed)).not.toMatch(/CO_THI_DUA|BANG_KHEN|choices|nextLeader/);
          await s1.castBallot(ballot);
          expect(await keys(voter)).not.toContain(`CAST_BALLOT:${ballot.voter}`);
          expect(await keys(s1.leader)).toContain('CLOSE_BALLOT');
          expect((await step(s1.leader, 'CLOSE_BALLOT')).title).toContain(`(${n + 1}/6 đơn vị đã bỏ phiếu)`);
        }
        await expectInboxes({ 'head:HLHPN': ['CLOSE_BALLOT'] });
        const closed = await s1.closeBallot();
        expect(closed.nominees).toHaveLength(3);
        expect(await keys(s1.leader, '?phase=CONFERENCE')).toEqual([]);
      }

      // 4. Given the dossier and the appraisal, should list each board step for its role, with the appraisal deadline and the filters.
      {
        const { h, s1 } = ctx;
        await s1.waitForPhase(Phase.SUBMISSION);
        await expectInboxes({ 'head:HLHPN': ['SUBMIT_DOSSIER'] });
        await s1.submitDossier();
        await expectInboxes({ specialist: ['REVIEW_DOSSIER'] });
        expect(await keys(as.user(foreignSpecialist), '?phase=SUBMISSION')).toEqual([]);
        expect((await inbox(as.user(foreignSpecialist))).filter((i) => i.kind === 'CYCLE_STEP')).toEqual([]);

        // Approval-chain tasks and cycle steps come together: the dated task first, the undated step after it.
        await s1.post(
          '/v1/approvals',
          as.boardHead(),
          {
            definitionCode: 'THAM_DINH_HO_SO_CAP_TINH',
            provinceCode: h.demo.provinceCode,
            blocCode: h.demo.blocCode,
            cycleId: s1.cycleId,
            title: 'Hồ sơ đề nghị khen thưởng năm 2020 – Khối MTTQ và các đoàn thể',
            items: [{ itemId: `BK:${s1.u('DTN')}`, title: 'Bằng khen – Tỉnh đoàn', subjectUnitCode: s1.u('DTN') }],
          },
          201,
        );
        const both = await inbox(as.specialist(), `?cycleId=${s1.cycleId}`);
        expect(both.map((i) => `${i.kind}:${i.action}`)).toEqual(['APPROVAL:APPROVAL_DECISION', 'CYCLE_STEP:REVIEW_DOSSIER']);
        expect(await inbox(as.specialist(), `?cycleId=${s1.cycleId}&phase=APPRAISAL`)).toEqual([]);

        await s1.reviewDossier('RETURN', 'Thiếu biên bản kiểm phiếu');
        await expectInboxes({ 'head:HLHPN': ['SUBMIT_DOSSIER'] });
        expect((await step(s1.leader, 'SUBMIT_DOSSIER')).title).toContain('trình lại');
        await s1.submitDossier();
        await step(as.specialist(), 'REVIEW_DOSSIER');
        // Complete since an earlier date (received on paper): the appraisal deadline has already passed.
        const accepted = await s1.reviewDossier('ACCEPT', undefined, '2021-01-04');
        const dueDate = accepted.dossier?.appraisalDueDate as string;

        await expectInboxes({ specialist: ['APPRAISE'] });
        expect(await step(as.specialist(), 'APPRAISE')).toMatchObject({
          phase: Phase.APPRAISAL,
          dueAt: endOfVietnamDay(dueDate),
          overdue: true,
        });
        const filtered: [string, string[]][] = [
          ['?overdue=true', ['APPRAISE']],
          ['?overdue=false', []],
          [`?dueBefore=${dueDate}`, ['APPRAISE']],
          ['?dueBefore=2021-01-04', []],
          ['?phase=APPRAISAL', ['APPRAISE']],
          ['?phase=SUBMISSION', []],
          [`?blocCode=${h.demo.blocCode}`, ['APPRAISE']],
        ];
        for (const [query, expected] of filtered) {
          expect({ query, steps: await keys(as.specialist(), query) }).toEqual({ query, steps: expected });
        }

        await s1.post(`/v1/cycles/${s1.cycleId}/appraisal`, as.specialist(), {
          opinions: accepted.nominees.map((n) => ({ nomineeId: n.id, recommend: true, note: 'Đủ tiêu chuẩn' })),
        });
        await expectInboxes({ boardHead: ['APPROVE_APPRAISAL'] });
        const approved = (await s1.post(`/v1/cycles/${s1.cycleId}/appraisal/approval`, as.boardHead(), {
          decision: 'APPROVE',
        })) as CycleState;
        expect(approved.phase).toBe(Phase.APPRAISAL);
        await expectInboxes({ boardHead: ['COUNCIL_VOTE'] });
        const voted = await s1.councilVote(approved);
        expect(voted.phase).toBe(Phase.DECISION);
      }

      // 5. Given the decision phase, should list DECIDE for the chairman only, and nothing for anybody once the cycle is complete.
      {
        const { s1 } = ctx;
        const state = (await s1.get(`/v1/cycles/${s1.cycleId}`)) as CycleState;
        await expectInboxes({ chairman: ['DECIDE'] });
        expect((await step(as.chairman(), 'DECIDE')).title).toContain('Quyết định khen thưởng năm 2020');
        expect((await s1.post(`/v1/cycles/${s1.cycleId}/decisions`, as.boardHead(), decisionBody(state), 403)).code).toBe(
          'FORBIDDEN_ACTOR',
        );
        await s1.decideAll(state);
        await s1.waitForPhase(Phase.COMPLETED);
        await expectInboxes({});
      }
    },
    STORY_TIMEOUT,
  );

  function decisionBody(state: CycleState) {
    return {
      decisionNumber: '125/QĐ-UBND',
      decisionDate: ctx.s1.dates.decision,
      items: state.nominees
        .filter((n) => n.status === NomineeStatus.AWAITING_DECISION)
        .map((n) => ({ nomineeId: n.id, approve: true })),
    };
  }
});
