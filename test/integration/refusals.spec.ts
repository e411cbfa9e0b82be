import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { Phase } from '../../src/shared/cycle-types';
import { ERROR_SPECS, type ErrorCode } from '../../src/shared/errors';
import { AwardType } from '../../src/shared/rules';
import { Role } from '../../src/shared/actors';
import { identityUsername } from '../../src/seed/identities';
import { as, provisionAccounts, type Headers } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { newReceiptSecret, s1DriverForYear, type S1Driver } from './support/s1-scenario';
import { createUnit } from './support/organisation';
import { waitFor } from './support/wait';

/**
 * Refused requests: each gets a 4xx with a stable code and its Vietnamese message, and leaves no trace, neither in the
 * workflow history nor in the read model.
 *
 * Every test runs alone (`-t`): each phase has a cycle of its own (one per year of the demo bloc, built through the
 * API in the describe's beforeAll), which its refusals leave as they found it. A test that must change a cycle (sign,
 * submit, return) either builds its own or changes only a unit no other test of that cycle touches.
 */
describe('Refused steps leave no trace', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  /** A unit of the same province that is not a member of the bloc. */
  const otherUnit = () => `${h.demo.provinceCode}-SGDDT`;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
    await createUnit(h.app, h.demo.provinceCode, { code: otherUnit(), name: 'Sở Giáo dục và Đào tạo', kind: 'NHA_NUOC' });
    await provisionAccounts(h.app, h.dataSource, [
      {
        username: identityUsername(Role.UNIT_HEAD, otherUnit()),
        displayName: 'Giám đốc Sở GD&ĐT',
        role: Role.UNIT_HEAD,
        provinceCode: h.demo.provinceCode,
        unitCode: otherUnit(),
      },
    ]);
  });

  afterAll(async () => {
    await h?.close();
  });

  /** A cycle of the demo bloc for `year` (one per year), started; further steps are the caller's. */
  async function startedCycle(year: number): Promise<S1Driver> {
    const s1 = await s1DriverForYear(h.app, h.demo, year);
    await s1.start();
    return s1;
  }

  /** Started, launched, every pledge signed and every sheet accepted: the cycle waits for its conference to open. */
  async function cycleAtConference(year: number): Promise<S1Driver> {
    const s1 = await startedCycle(year);
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.assessAll();
    await s1.waitForPhase(Phase.CONFERENCE);
    return s1;
  }

  type Trace = { histories: number[]; versions: number[]; timeline: number };

  /**
   * What the cycle and `workflowId` have recorded, once nothing is left in flight: Temporal describes no pending
   * workflow task and no pending activity for either, and the read model holds the event of the version each workflow
   * itself reports (its projection has caught up). An observable condition, not a quiet period.
   */
  function settled(s1: S1Driver, workflowId: string): Promise<Trace> {
    const ids = [...new Set([s1.cycleId, workflowId])];
    return waitFor(`${ids.join(' and ')} to settle`, async () => {
      const histories: number[] = [];
      const versions: number[] = [];
      for (const id of ids) {
        const handle = h.client.workflow.getHandle(id);
        const described = await handle.describe();
        if (described.raw.pendingWorkflowTask || (described.raw.pendingActivities ?? []).length > 0) return undefined;
        const { version } = await handle.query<{ version: number }>(id === s1.cycleId ? 'cycleState' : 'assessmentState');
        // Each version a workflow records is projected as the event `<workflow id>:<version>`.
        const projected: unknown[] = await h.dataSource.query(`SELECT 1 FROM cycle_events WHERE id = $1`, [`${id}:${version}`]);
        if (version > 0 && projected.length === 0) return undefined;
        histories.push(described.historyLength);
        versions.push(version);
      }
      const timeline = ((await s1.get(`/v1/cycles/${s1.cycleId}/timeline`)).events as unknown[]).length;
      return { histories, versions, timeline };
    });
  }

  /** Sends a request that must be refused, and checks the code, the exact message and that nothing changed. */
  async function expectRefused(
    s1: S1Driver,
    send: () => Promise<request.Response>,
    status: number,
    code: ErrorCode | `${ErrorCode}`,
    workflowId = s1.cycleId,
  ): Promise<request.Response> {
    const before = await settled(s1, workflowId);
    const res = await send();
    expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({
      status,
      code,
      message: ERROR_SPECS[code as ErrorCode].messageVi,
    });
    expect(await settled(s1, workflowId)).toEqual(before);
    return res;
  }

  const post = (path: string, headers: Headers, body?: unknown, requestId?: string) => {
    const req = request(h.app.getHttpServer()).post(path).set(headers);
    if (requestId) req.set('x-request-id', requestId);
    return body === undefined ? req.send() : req.send(body as object);
  };
  const url = (s1: S1Driver, suffix: string) => `/v1/cycles/${s1.cycleId}${suffix}`;

  describe('in the LAUNCH phase', () => {
    let s1: S1Driver;
    beforeAll(async () => {
      s1 = await startedCycle(2024);
    });

    it('given the LAUNCH phase, when a member that is not the leader launches, should refuse with NOT_LEADER', async () => {
      const res = await expectRefused(s1, () => post(url(s1, '/launch'), as.head(s1.u('MTTQ')), launchBody()), 403, 'NOT_LEADER');
      expect(res.body.message).toBe('Chỉ Trưởng khối mới được thực hiện thao tác này.');
    });

    it('given the LAUNCH phase, when a unit signs the pledge, should refuse with WRONG_PHASE', async () => {
      await expectRefused(s1, () => post(url(s1, '/pledges'), as.head(s1.u('MTTQ'))), 409, 'WRONG_PHASE');
    });

    it('given no identity headers, should refuse with UNAUTHENTICATED', async () => {
      await expectRefused(s1, () => post(url(s1, '/launch'), {}, launchBody()), 401, 'UNAUTHENTICATED');
    });

    it('given a malformed body, should refuse with VALIDATION_FAILED and name the field', async () => {
      const body = launchBody();
      body.criteria[0] = { ...body.criteria[0], maxPoints: 'bốn mươi' as unknown as number };
      const res = await expectRefused(s1, () => post(url(s1, '/launch'), s1.leader, body), 400, 'VALIDATION_FAILED');
      expect(res.body.detail).toContain('maxPoints');
    });

    it('given an unknown field, should refuse with VALIDATION_FAILED', async () => {
      const res = await expectRefused(
        s1,
        () => post(url(s1, '/launch'), s1.leader, { ...launchBody(), approvedBy: 'x' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.body.detail).toContain('approvedBy');
    });

    it('given a body that is not JSON, should refuse with MALFORMED_JSON', async () => {
      await expectRefused(
        s1,
        () =>
          request(h.app.getHttpServer())
            .post(url(s1, '/launch'))
            .set(s1.leader)
            .set('content-type', 'application/json')
            .send('{"plan": "Kế hoạch",'),
        400,
        'MALFORMED_JSON',
      );
    });

    it('given a control character in a text, should refuse with VALIDATION_FAILED', async () => {
      await expectRefused(
        s1,
        () => post(url(s1, '/launch'), s1.leader, { ...launchBody(), plan: 'Kế hoạch\u0000' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('given criteria with a repeated code, should be refused by the workflow validator with VALIDATION_FAILED', async () => {
      const body = launchBody();
      body.criteria[1] = { ...body.criteria[1], code: 'TC1' };
      await expectRefused(s1, () => post(url(s1, '/launch'), s1.leader, body), 400, 'VALIDATION_FAILED');
    });
  });

  describe('in the PLEDGE phase', () => {
    // Only MTTQ ever signs this cycle (the test that signs twice); the others' refusals do not depend on it.
    let s1: S1Driver;
    beforeAll(async () => {
      s1 = await startedCycle(2025);
      await s1.launch();
    });

    it('given a cycle in PLEDGE, when a unit signs twice, should answer a retry with the same request id and refuse a second signature', async () => {
      const first = await post(url(s1, '/pledges'), as.head(s1.u('MTTQ')), undefined, 'sign-mttq-0001');
      expect(first.status).toBe(200);
      const timelineAfterFirst = (await settled(s1, s1.cycleId)).timeline;
      const retried = await post(url(s1, '/pledges'), as.head(s1.u('MTTQ')), undefined, 'sign-mttq-0001');
      expect(retried.status).toBe(200);
      expect(retried.body.pledges[s1.u('MTTQ')]).toEqual(first.body.pledges[s1.u('MTTQ')]);
      expect((await settled(s1, s1.cycleId)).timeline).toBe(timelineAfterFirst);
      await expectRefused(
        s1,
        () => post(url(s1, '/pledges'), as.head(s1.u('MTTQ')), undefined, 'sign-mttq-0002'),
        409,
        'ALREADY_SIGNED',
      );
    });

    it('given a cycle in PLEDGE, when a focal person or the board signs, should refuse with FORBIDDEN_ACTOR', async () => {
      await expectRefused(s1, () => post(url(s1, '/pledges'), as.focal(s1.u('HND'))), 403, 'FORBIDDEN_ACTOR');
      await expectRefused(s1, () => post(url(s1, '/pledges'), as.specialist()), 403, 'FORBIDDEN_ACTOR');
    });

    it('given a cycle in PLEDGE, when a unit from outside the bloc signs, should refuse with NOT_MEMBER', async () => {
      await expectRefused(s1, () => post(url(s1, '/pledges'), as.head(otherUnit())), 403, 'NOT_MEMBER');
    });

    it('given a cycle in PLEDGE, when scores are submitted, should refuse with WRONG_PHASE', async () => {
      await expectRefused(
        s1,
        () => post(url(s1, `/units/${s1.u('HND')}/assessment`), as.focal(s1.u('HND')), { scores: s1.scores('HND') }),
        409,
        'WRONG_PHASE',
      );
    });

    it('given a cycle in PLEDGE, when the chairman decides, should refuse with WRONG_PHASE', async () => {
      await expectRefused(
        s1,
        () =>
          post(url(s1, '/decisions'), as.chairman(), {
            decisionNumber: '1/QĐ-UBND',
            decisionDate: '2021-01-01',
            items: [{ nomineeId: 'x', approve: true }],
          }),
        409,
        'WRONG_PHASE',
      );
    });
  });

  describe('in self-assessment', () => {
    // Each test works on a unit of its own (HCCB: refused submissions; HND, DTN, HLHPN, MTTQ: one test each), and
    // none accepts all six, so the phase stays open whatever runs before.
    let s1: S1Driver;
    beforeAll(async () => {
      s1 = await startedCycle(2023);
      await s1.launch();
      await s1.signAll();
      await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    });

    const assessmentOf = (key: 'HCCB' | 'HND' | 'DTN' | 'HLHPN' | 'MTTQ') => `${s1.cycleId}.assessment.${s1.u(key)}`;

    it('given a score above the maximum, should refuse with SCORE_OUT_OF_RANGE', async () => {
      const scores = s1.scores('HCCB').map((s) => (s.criterionCode === 'TC2' ? { ...s, points: 31 } : s));
      const res = await expectRefused(
        s1,
        () => post(url(s1, `/units/${s1.u('HCCB')}/assessment`), as.focal(s1.u('HCCB')), { scores }),
        422,
        'SCORE_OUT_OF_RANGE',
        assessmentOf('HCCB'),
      );
      expect(res.body.detail).toContain('TC2');
    });

    it('given a criterion that requires evidence, when none is given, should refuse with EVIDENCE_REQUIRED', async () => {
      const scores = s1.scores('HCCB').map((s) => ({ ...s, evidenceRefs: [] }));
      await expectRefused(
        s1,
        () => post(url(s1, `/units/${s1.u('HCCB')}/assessment`), as.focal(s1.u('HCCB')), { scores }),
        422,
        'EVIDENCE_REQUIRED',
        assessmentOf('HCCB'),
      );
    });

    it('given unit A, when its focal person submits for unit B, should refuse with FORBIDDEN_ACTOR', async () => {
      await expectRefused(
        s1,
        () => post(url(s1, `/units/${s1.u('HCCB')}/assessment`), as.focal(s1.u('DTN')), { scores: s1.scores('HCCB') }),
        403,
        'FORBIDDEN_ACTOR',
        assessmentOf('HCCB'),
      );
    });

    it('given a submission, when the leader returns it without a reason, should refuse with REASON_REQUIRED', async () => {
      await s1.submitAssessment('HND');
      await s1.approveAssessment('HND');
      await expectRefused(
        s1,
        () => post(url(s1, `/units/${s1.u('HND')}/assessment/review`), s1.leader, { decision: 'RETURN', reason: '  ' }),
        422,
        'REASON_REQUIRED',
        assessmentOf('HND'),
      );
    });

    it('given a return reason typed in decomposed Unicode, should store it in NFC', async () => {
      await s1.submitAssessment('DTN');
      await s1.approveAssessment('DTN');
      const nfd = 'Thiếu minh chứng tiêu chí 1'.normalize('NFD');
      const returned = await s1.reviewAssessment('DTN', 'RETURN', nfd);
      expect(returned.rounds[0].review.reason).toBe(nfd.normalize('NFC'));
      const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
      const event = timeline.events.find(
        (e: { type: string; data?: { unitCode?: string } }) =>
          e.type === 'ASSESSMENT_RETURNED' && e.data?.unitCode === s1.u('DTN'),
      );
      expect(event.summary).toContain('Thiếu minh chứng tiêu chí 1'.normalize('NFC'));
    });

    it("given the Trưởng khối's own sheet, when he reviews it, should refuse with RECUSED: the Phó khối reviews it", async () => {
      await s1.submitAssessment('HLHPN');
      await s1.approveAssessment('HLHPN');
      const res = await expectRefused(
        s1,
        () => post(url(s1, `/units/${s1.u('HLHPN')}/assessment/review`), s1.leader, { decision: 'ACCEPT' }),
        403,
        'RECUSED',
        assessmentOf('HLHPN'),
      );
      expect(res.body.detail).toBe(
        `the Trưởng khối (${s1.u('HLHPN')}) does not review his own unit's score sheet; the Phó khối (${s1.u('LDLD')}) reviews it`,
      );
      const accepted = await s1.reviewAssessment('HLHPN', 'ACCEPT');
      expect(accepted.status).toBe('ACCEPTED');
      const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
      const event = timeline.events.find(
        (e: { type: string; data?: { unitCode?: string } }) =>
          e.type === 'ASSESSMENT_ACCEPTED' && e.data?.unitCode === s1.u('HLHPN'),
      );
      expect(event.summary).toMatch(/^Phó khối chấp nhận bảng tự chấm điểm/);
    });

    it('given a submitted sheet, when the unit head returns it to the focal person, should need a reason and reopen it', async () => {
      await s1.submitAssessment('MTTQ');
      const approval = url(s1, `/units/${s1.u('MTTQ')}/assessment/approval`);
      await expectRefused(
        s1,
        () => post(approval, as.head(s1.u('MTTQ')), { decision: 'RETURN', reason: ' ' }),
        422,
        'REASON_REQUIRED',
        assessmentOf('MTTQ'),
      );
      await expectRefused(
        s1,
        () => post(approval, as.focal(s1.u('MTTQ')), { decision: 'RETURN', reason: 'Thiếu minh chứng' }),
        403,
        'FORBIDDEN_ACTOR',
        assessmentOf('MTTQ'),
      );
      const returned = await post(approval, as.head(s1.u('MTTQ')), { decision: 'RETURN', reason: 'Thiếu minh chứng tiêu chí 1' });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ status: 'RETURNED' });
      expect(returned.body.rounds[0].unitReturn).toMatchObject({ reason: 'Thiếu minh chứng tiêu chí 1' });
      expect(returned.body.rounds[0].approvedBy).toBeUndefined();
      const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
      const event = timeline.events.find((e: { type: string }) => e.type === 'ASSESSMENT_RETURNED_BY_UNIT');
      expect(event).toMatchObject({ label: 'Thủ trưởng đơn vị trả lại bảng điểm cho cán bộ đầu mối' });
      expect(event.summary).toContain('cho cán bộ đầu mối: Thiếu minh chứng tiêu chí 1');
    });

    it('given the deadline has not passed, when the leader closes self-assessment, should refuse with DEADLINE_NOT_REACHED', async () => {
      await expectRefused(s1, () => post(url(s1, '/self-assessment/close'), s1.leader), 409, 'DEADLINE_NOT_REACHED');
    });
  });

  describe('at the conference, before it opens', () => {
    let s1: S1Driver;
    beforeAll(async () => {
      s1 = await cycleAtConference(2022);
    });

    it('given 3 of 6 units present, should refuse to open the conference with QUORUM_NOT_MET', async () => {
      const res = await expectRefused(
        s1,
        () =>
          post(url(s1, '/conference'), s1.leader, {
            heldOn: s1.dates.conference,
            presentUnits: [s1.u('HLHPN'), s1.u('LDLD'), s1.u('MTTQ')],
          }),
        422,
        'QUORUM_NOT_MET',
      );
      expect(res.body.detail).toContain('at least 4');
    });
  });

  it('given a candidate under an open complaint, should refuse to open the ballot with NOT_ELIGIBLE and the clause in force in 2020', async () => {
    // A cycle of its own in the demo's year 2020: it opens a conference and records (then resolves) a complaint.
    const s1 = await cycleAtConference(2020);
    await s1.openConference(['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND']);
    const complaint = await post(`/v1/units/${s1.u('MTTQ')}/conditions`, as.specialist(), {
      kind: 'COMPLAINT',
      sourceAgency: 'Thanh tra tỉnh',
      description: 'Đơn khiếu nại đang được xác minh',
      reference: '45/TTr-KN',
      fromDate: '2020-10-01',
    });
    expect(complaint.status).toBe(201);
    const res = await expectRefused(
      s1,
      () =>
        post(url(s1, '/ballot'), s1.leader, {
          tellerKey: s1.teller.publicKey,
          candidates: { [AwardType.BANG_KHEN_CHU_TICH]: [s1.u('MTTQ')] },
          leaderCandidates: [s1.u('LDLD')],
          deputyCandidates: [s1.u('DTN')],
        }),
      422,
      'NOT_ELIGIBLE',
    );
    // A 2020 conference is decided under the rule set of NĐ 91/2017, so that period is cited, not NĐ 152/2025.
    expect(res.body.detail).toContain('Nghị định 91/2017/NĐ-CP');
    expect(res.body.detail).not.toContain('152/2025');
    const resolved = await post(`/v1/units/${s1.u('MTTQ')}/conditions/${complaint.body.id}/resolve`, as.specialist(), {
      resolvedOn: '2020-12-01',
      note: 'Đã giải quyết xong',
    });
    expect(resolved.status).toBe(200);
  });

  describe('with the ballot open, five units present', () => {
    // DTN is absent; MTTQ's paper is only ever refused; HND votes (then again) in one test, HCCB in another.
    let s1: S1Driver;
    beforeAll(async () => {
      s1 = await cycleAtConference(2021);
      await s1.openConference(['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND']);
      await s1.openBallot();
    });

    it('given a conference with 5 present, when the absent unit votes, should refuse with NOT_PRESENT', async () => {
      await expectRefused(
        s1,
        () =>
          post(url(s1, '/ballot/votes'), as.head(s1.u('DTN')), {
            choices: { [AwardType.CO_THI_DUA_TINH]: [s1.u('HLHPN')] },
            receiptSecret: newReceiptSecret(),
          }),
        403,
        'NOT_PRESENT',
      );
    });

    it('given the cap of one flag, when a ballot chooses two, should refuse with TOO_MANY_CHOICES', async () => {
      await expectRefused(
        s1,
        () =>
          post(url(s1, '/ballot/votes'), as.head(s1.u('MTTQ')), {
            choices: { [AwardType.CO_THI_DUA_TINH]: [s1.u('HLHPN'), s1.u('LDLD')] },
            receiptSecret: newReceiptSecret(),
          }),
        422,
        'TOO_MANY_CHOICES',
      );
    });

    it('given a unit that has voted, when it votes again, should refuse with ALREADY_VOTED', async () => {
      const body = {
        choices: { [AwardType.CO_THI_DUA_TINH]: [s1.u('HLHPN')] },
        nextLeader: s1.u('LDLD'),
        nextDeputy: s1.u('DTN'),
      };
      const first = await post(url(s1, '/ballot/votes'), as.head(s1.u('HND')), { ...body, receiptSecret: newReceiptSecret() });
      expect(first.status).toBe(200);
      expect(first.body.ballot.voted).toContain(s1.u('HND'));
      await expectRefused(
        s1,
        () => post(url(s1, '/ballot/votes'), as.head(s1.u('HND')), { ...body, receiptSecret: newReceiptSecret() }),
        409,
        'ALREADY_VOTED',
      );
    });

    it('given an open ballot, should show who voted but never what they voted', async () => {
      // Not a search for a key name (a paper leaked under another key would pass that): a vote may change the
      // public view of the cycle only by adding its voter to `voted` (and the version, with the change mark that follows
      // it step for step), whatever the paper says.
      const before = await s1.get(`/v1/cycles/${s1.cycleId}`);
      const { candidates, leaderCandidates, deputyCandidates } = before.ballot as {
        candidates: Record<string, string[]>;
        leaderCandidates: string[];
        deputyCandidates: string[];
      };
      const vote = await post(url(s1, '/ballot/votes'), as.head(s1.u('HCCB')), {
        choices: Object.fromEntries(Object.entries(candidates).map(([award, units]) => [award, units.slice(-1)])),
        nextLeader: leaderCandidates.at(-1),
        nextDeputy: deputyCandidates.at(-1),
        receiptSecret: newReceiptSecret(),
      });
      expect(vote.status).toBe(200);
      const after = await s1.get(`/v1/cycles/${s1.cycleId}`);
      expect(changedPaths(before, after)).toEqual(['ballot.voted', 'changeMark', 'version']);
      expect(after.changeMark - before.changeMark).toBe(after.version - before.version);
      expect(after.ballot.voted).toEqual([...before.ballot.voted, s1.u('HCCB')].sort());
      expect(after.minutes).toBeUndefined();
    });
  });

  function launchBody() {
    return {
      plan: 'Kế hoạch thi đua năm 2020',
      pledgeText: 'Giao ước thi đua năm 2020',
      criteria: [
        { code: 'TC1', name: 'Nhiệm vụ chính trị', maxPoints: 40, evidenceRequired: true },
        { code: 'TC2', name: 'Xây dựng tổ chức', maxPoints: 30, evidenceRequired: false },
        { code: 'TC3', name: 'Hoạt động chung', maxPoints: 30, evidenceRequired: false },
      ],
      pledgeDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      selfAssessmentDeadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    };
  }
});

/** The paths (dot-separated) whose values differ between two JSON documents; arrays compare whole. */
function changedPaths(a: unknown, b: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}
