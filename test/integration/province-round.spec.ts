import request from 'supertest';
import type { RoundView } from '../../src/domain/round/types';
import { Role } from '../../src/shared/actors';
import { NomineeStatus, Phase } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { identityUsername } from '../../src/seed/identities';
import { as, type Headers } from './support/actors';
import { useS1Harness } from './support/harness';
import { s1DriverForYear } from './support/s1-scenario';
import { recordHistoryIfAsked } from './support/histories';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN, CO_THI_DUA_CHINH_PHU: CO_CP } = AwardType;

/**
 * The province's award round through the public API, against real Temporal and PostgreSQL: a bloc's accepted dossier
 * and two direct proposals in one round; the board's appraisal; a session adjourned below quorum; a second session
 * that approves a subset (the rejected with their reasons); two decisions; the Cờ CP sent upward, returned once and
 * decided centrally; the nominations rows and the award history; and each refusal of bad input, which records nothing.
 */
describe('The province round', () => {
  const ctx = useS1Harness();

  const call = async (method: 'get' | 'post', path: string, headers: Headers, body?: object) => {
    const req = request(ctx.h.app.getHttpServer())[method](path).set(headers);
    const res = method === 'post' ? await req.send(body ?? {}) : await req;
    return res;
  };
  const ok = async (path: string, headers: Headers, body: object = {}, status = 200) => {
    const res = await call('post', path, headers, body);
    if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as RoundView;
  };
  /** A refusal: its status and code, and the round's version unchanged (nothing recorded). */
  const refused = async (path: string, headers: Headers, body: object, status: number, code: string) => {
    const before = (await call('get', `/v1/rounds/${roundId}`, as.admin())).body as RoundView;
    const res = await call('post', path, headers, body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    const after = (await call('get', `/v1/rounds/${roundId}`, as.admin())).body as RoundView;
    expect(after.version).toBe(before.version);
    return res.body as { code: string; detail: string; messageVi?: string };
  };

  let roundId = '';

  it('runs one round over a bloc’s dossier and direct proposals, from appraisal to the central decision', async () => {
    const { h, s1 } = ctx;
    const province = h.demo.provinceCode;
    const council = (n: number) => identityUsername(Role.COUNCIL_MEMBER, `${province}.${n}`);

    // A bloc's cycle reaches the appraisal (its dossier accepted).
    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.assessAll();
    await s1.conferenceToDossier();
    const accepted = await s1.reviewDossier('ACCEPT');
    expect(accepted.nominees.every((n) => n.status === NomineeStatus.IN_APPRAISAL)).toBe(true);

    // Two agencies outside any bloc.
    for (const [code, name] of [
      ['RT-STC', 'Sở Tài chính tỉnh'],
      ['RT-SYT', 'Sở Y tế tỉnh'],
    ]) {
      const res = await call('post', `/v1/provinces/${province}/units`, as.admin(), { code, name, validFrom: '2000-01-01' });
      expect(res.status).toBe(201);
    }

    // The council: four members with accounts (the fourth its secretary) and one without.
    for (const [n, role] of [
      [1, 'CHU_TICH'],
      [2, 'PHO_CHU_TICH'],
      [3, 'UY_VIEN'],
      [4, 'THU_KY'],
    ] as const) {
      await ok(
        '/v1/council-members',
        as.boardHead(),
        { provinceCode: province, userId: council(n), name: `Thành viên ${n}`, councilRole: role, validFrom: '2020-01-01' },
        201,
      );
    }
    await ok(
      '/v1/council-members',
      as.boardHead(),
      {
        provinceCode: province,
        name: 'Nguyễn Thị Én',
        title: 'Giám đốc Sở Tư pháp',
        councilRole: 'UY_VIEN',
        validFrom: '2020-01-01',
      },
      201,
    );
    const members = (await call('get', `/v1/council-members?provinceCode=${province}&on=2021-01-12`, as.boardHead())).body as {
      userId: string | null;
      id: string;
    }[];
    expect(members).toHaveLength(5);
    const memberE = members.find((m) => m.userId === null)?.id as string;

    const opened = await ok(
      '/v1/rounds',
      as.boardHead(),
      { provinceCode: province, year: 2020, targets: { [CO_TINH]: 1, [BANG_KHEN]: 2 } },
      201,
    );
    roundId = opened.roundId;
    expect(roundId).toBe(`round:${province}:2020:1`);
    expect((await call('post', '/v1/rounds', as.boardHead(), { provinceCode: province, year: 2020 })).body.code).toBe(
      'ROUND_ALREADY_EXISTS',
    );

    // Opening gathered the bloc's cycle sitting in appraisal; its own appraisal steps now name the round.
    let round = opened;
    expect(round.items.map((i) => i.id).sort()).toEqual(accepted.nominees.map((n) => `${s1.cycleId}:${n.id}`).sort());
    const ownStep = await call('post', `/v1/cycles/${s1.cycleId}/appraisal`, as.specialist(), {
      opinions: accepted.nominees.map((n) => ({ nomineeId: n.id, recommend: true })),
    });
    expect({ status: ownStep.status, code: ownStep.body.code }).toEqual({ status: 409, code: 'WRONG_STATE' });
    expect(ownStep.body.detail).toContain(roundId);
    // Items: an unknown bloc's cycle and a duplicate are refused; two direct proposals.
    await refused(
      `/v1/rounds/${roundId}/items`,
      as.boardHead(),
      { cycleId: `cycle.${province}.KHONG-CO.2020` },
      404,
      'CYCLE_NOT_FOUND',
    );
    await refused(`/v1/rounds/${roundId}/items`, as.boardHead(), { cycleId: s1.cycleId }, 409, 'ITEM_DUPLICATE');
    await refused(
      `/v1/rounds/${roundId}/direct`,
      as.specialist(),
      { proposer: 'Sở Nội vụ', unitCode: 'KHONG-CO', award: BANG_KHEN },
      404,
      'UNIT_NOT_FOUND',
    );
    await ok(`/v1/rounds/${roundId}/direct`, as.specialist(), { proposer: 'Sở Tài chính', unitCode: 'RT-STC', award: BANG_KHEN });
    round = await ok(`/v1/rounds/${roundId}/direct`, as.specialist(), { proposer: 'Sở Y tế', unitCode: 'RT-SYT', award: CO_CP });
    const direct = round.items.filter((i) => i.source === 'DIRECT');
    expect(direct.map((i) => [i.unitCode, i.award])).toEqual([
      ['RT-STC', BANG_KHEN],
      ['RT-SYT', CO_CP],
    ]);

    // Appraisal: one Bằng khen of the bloc not recommended, with its note; the head approves the list.
    const bloc = round.items.filter((i) => i.source === 'BLOC');
    const notRecommended = bloc.find((i) => i.award === BANG_KHEN)?.id as string;
    await refused(
      `/v1/rounds/${roundId}/appraisal`,
      as.specialist(),
      { opinions: [{ itemId: notRecommended, recommend: false }] },
      422,
      'REASON_REQUIRED',
    );
    await ok(`/v1/rounds/${roundId}/appraisal`, as.specialist(), {
      opinions: round.items.map((i) => ({
        itemId: i.id,
        recommend: i.id !== notRecommended,
        note: i.id === notRecommended ? 'Báo cáo thành tích chưa có xác nhận của cơ quan quản lý' : 'Đủ điều kiện',
      })),
    });
    round = await ok(`/v1/rounds/${roundId}/appraisal/review`, as.boardHead(), { decision: 'APPROVE' });
    const awaitingCouncil = round.items.filter((i) => i.status === NomineeStatus.AWAITING_COUNCIL);
    expect(awaitingCouncil.map((i) => i.award).sort()).toEqual(expect.arrayContaining([CO_TINH, CO_CP]));

    // Session 1: three of five present (four needed): no vote, no close; adjourned with its reason.
    await ok(`/v1/rounds/${roundId}/sessions`, as.boardHead(), {
      sessionDate: '2021-01-12',
      present: [council(1), council(2), council(4)],
    });
    const tallyAll = (votesFor: (i: { award: string }) => number) => ({
      tallies: awaitingCouncil.map((i) => ({ itemId: i.id, votesFor: votesFor(i), votesAgainst: 0, invalid: 0 })),
    });
    await refused(
      `/v1/rounds/${roundId}/sessions/S1/votes`,
      as.council(4),
      tallyAll(() => 3),
      422,
      'COUNCIL_QUORUM_NOT_MET',
    );
    await refused(`/v1/rounds/${roundId}/sessions/S1/end`, as.boardHead(), { end: 'CLOSE' }, 422, 'COUNCIL_QUORUM_NOT_MET');
    await ok(`/v1/rounds/${roundId}/sessions/S1/end`, as.boardHead(), {
      end: 'ADJOURN',
      reason: 'Không đủ 80% thành viên dự họp',
    });

    // Session 2: four present, member 3 absent with a written vote.
    await ok(`/v1/rounds/${roundId}/sessions`, as.boardHead(), {
      sessionDate: '2021-01-15',
      present: [council(1), council(2), council(4), memberE],
      writtenVotes: [council(3)],
    });
    await refused(
      `/v1/rounds/${roundId}/sessions/S2/votes`,
      as.council(5),
      tallyAll(() => 5),
      403,
      'COUNCIL_NOT_MEMBER',
    );
    await refused(
      `/v1/rounds/${roundId}/sessions/S2/votes`,
      as.council(3),
      tallyAll(() => 5),
      403,
      'COUNCIL_MEMBER_ABSENT',
    );
    // The flags pass, a Bằng khen of the council (if any) too; every other award of the council fails except the Cờ CP.
    const flag = awaitingCouncil.find((i) => i.award === CO_TINH)?.id as string;
    const cp = awaitingCouncil.find((i) => i.award === CO_CP)?.id as string;
    const rejected = awaitingCouncil.filter((i) => i.id !== flag && i.id !== cp).map((i) => i.id);
    round = await ok(`/v1/rounds/${roundId}/sessions/S2/votes`, as.council(4), {
      tallies: awaitingCouncil.map((i) => ({
        itemId: i.id,
        votesFor: rejected.includes(i.id) ? 2 : 5,
        votesAgainst: rejected.includes(i.id) ? 3 : 0,
        invalid: 0,
        ...(rejected.includes(i.id) ? { reason: 'Hội đồng không thống nhất đề nghị' } : {}),
      })),
    });
    await ok(`/v1/rounds/${roundId}/sessions/S2/end`, as.boardHead(), { end: 'CLOSE' });
    const minutes = (await call('get', `/v1/rounds/${roundId}/sessions/S2/minutes`, as.chairman())).body;
    expect(minutes.attendance.map((a: { presence: string }) => a.presence).sort()).toEqual([
      'PRESENT',
      'PRESENT',
      'PRESENT',
      'PRESENT',
      'WRITTEN_VOTE',
    ]);
    expect(minutes.votes.find((v: { itemId: string }) => v.itemId === flag)).toMatchObject({
      passed: true,
      required: 4,
      votesFor: 5,
    });
    const s1Minutes = (await call('get', `/v1/rounds/${roundId}/sessions/S1/minutes`, as.chairman())).body;
    expect(s1Minutes).toMatchObject({ status: 'ADJOURNED', adjournReason: 'Không đủ 80% thành viên dự họp', votes: [] });

    // Decisions: bad input refused, then the flags with the Cờ CP (over quota, documented), then the Bằng khen.
    const awaitingDecision = round.items.filter((i) => i.status === NomineeStatus.AWAITING_DECISION);
    const certificates = awaitingDecision.filter((i) => i.award === BANG_KHEN).map((i) => i.id);
    expect(certificates.length).toBeGreaterThanOrEqual(2);
    const decision1 = {
      decisionNumber: '125/QĐ-UBND',
      decisionDate: '2021-01-20',
      items: [
        { itemId: flag, approve: true },
        { itemId: cp, approve: true },
      ],
    };
    await refused(
      `/v1/rounds/${roundId}/decisions`,
      as.chairman(),
      { ...decision1, decisionDate: '2021-01-14' },
      422,
      'DATE_OUT_OF_ORDER',
    );
    await refused(`/v1/rounds/${roundId}/decisions`, as.chairman(), decision1, 422, 'GOVERNMENT_FLAG_QUOTA_EXCEEDED');
    await refused(`/v1/rounds/${roundId}/decisions`, as.boardHead(), decision1, 403, 'FORBIDDEN_ACTOR');
    await refused(
      `/v1/rounds/${roundId}/decisions`,
      as.chairman(),
      { ...decision1, items: [{ itemId: notRecommended, approve: true }] },
      409,
      'ITEM_NOT_APPROVED',
    );
    for (const id of rejected) {
      await refused(
        `/v1/rounds/${roundId}/decisions`,
        as.chairman(),
        { ...decision1, items: [{ itemId: id, approve: true }] },
        409,
        'ITEM_NOT_APPROVED',
      );
    }
    await ok(`/v1/rounds/${roundId}/decisions`, as.chairman(), {
      ...decision1,
      quotaOverride: { reason: 'Đơn vị dẫn đầu phong trào thi đua chuyên đề 5 năm', documentRef: 'Công văn 123/UBND-NC' },
    });
    await refused(
      `/v1/rounds/${roundId}/decisions`,
      as.chairman(),
      { ...decision1, decisionNumber: '126/QĐ-UBND' },
      409,
      'ALREADY_DECIDED',
    );
    round = await ok(`/v1/rounds/${roundId}/decisions`, as.chairman(), {
      decisionNumber: '126/QĐ-UBND',
      decisionDate: '2021-01-21',
      items: certificates.map((id) => ({ itemId: id, approve: true })),
    });
    expect(round.decisions.map((d) => [d.number, d.approved])).toEqual([
      ['125/QĐ-UBND', 2],
      ['126/QĐ-UBND', certificates.length],
    ]);
    // The annex of the Bằng khen decision spans the bloc and the direct proposal.
    const annex = round.items.filter((i) => i.decision?.number === '126/QĐ-UBND');
    expect(new Set(annex.map((i) => i.source))).toEqual(new Set(['BLOC', 'DIRECT']));

    // Upward: the Cờ CP sent, returned once for supplement, resent, decided centrally.
    await refused(
      `/v1/rounds/${roundId}/upward`,
      as.boardHead(),
      { toTrinh: { number: '45/TTr-UBND', date: '2021-02-01' }, sentOn: '2021-02-02', itemIds: [flag] },
      409,
      'WRONG_STATE',
    );
    await ok(`/v1/rounds/${roundId}/upward`, as.boardHead(), {
      toTrinh: { number: '45/TTr-UBND', date: '2021-02-01' },
      sentOn: '2021-02-02',
      itemIds: [cp],
    });
    await ok(`/v1/rounds/${roundId}/upward/U1/return`, as.boardHead(), {
      reason: 'Bổ sung biên bản họp Hội đồng',
      returnedOn: '2021-03-01',
    });
    const central = { number: '300/QĐ-TTg', date: '2021-05-10', items: [{ itemId: cp, approve: true }] };
    await refused(`/v1/rounds/${roundId}/upward/U1/decision`, as.boardHead(), central, 409, 'WRONG_STATE');
    await ok(`/v1/rounds/${roundId}/upward/U1/resend`, as.boardHead(), { sentOn: '2021-03-05' });
    round = await ok(`/v1/rounds/${roundId}/upward/U1/decision`, as.boardHead(), central);
    await refused(`/v1/rounds/${roundId}/upward/U1/decision`, as.boardHead(), central, 409, 'ALREADY_DECIDED');
    expect(round.submissions[0]).toMatchObject({ status: 'DECIDED', returns: [{ reason: 'Bổ sung biên bản họp Hội đồng' }] });
    expect(round.items.find((i) => i.id === cp)).toMatchObject({
      status: NomineeStatus.APPROVED,
      central: { number: '300/QĐ-TTg' },
    });

    round = await ok(`/v1/rounds/${roundId}/close`, as.boardHead());
    expect(round.status).toBe('CLOSED');

    // The nominations rows are the round's line items with their outcomes and reasons.
    const rows: {
      id: string;
      status: string;
      reason: string | null;
      round_id: string;
      source: string;
      decision_number: string | null;
    }[] = await h.dataSource.query(
      `SELECT id, status, reason, round_id, source, decision_number FROM nominations WHERE round_id = $1 ORDER BY id`,
      [roundId],
    );
    expect(rows).toHaveLength(round.items.length);
    for (const item of round.items) {
      const row = rows.find((r) => r.id === item.id);
      expect(row).toMatchObject({ status: item.status, source: item.source, decision_number: item.decision?.number ?? null });
    }
    expect(rows.find((r) => r.id === notRecommended)?.reason).toContain('chưa có xác nhận');
    for (const id of rejected) expect(rows.find((r) => r.id === id)?.reason).toBe('Hội đồng không thống nhất đề nghị');

    // The awards enter the units' histories with the decision's number; the Cờ CP with the central decision's.
    const flagUnit = round.items.find((i) => i.id === flag)?.unitCode as string;
    const flagHistory = (await call('get', `/v1/units/${flagUnit}/awards`, as.admin())).body;
    expect(flagHistory.awards).toEqual(
      expect.arrayContaining([expect.objectContaining({ award: CO_TINH, decisionNumber: '125/QĐ-UBND' })]),
    );
    const cpHistory = (await call('get', `/v1/units/RT-SYT/awards`, as.admin())).body;
    expect(cpHistory.awards).toEqual([expect.objectContaining({ award: CO_CP, decisionNumber: '300/QĐ-TTg' })]);

    const events = (await call('get', `/v1/rounds/${roundId}/events`, as.auditor())).body as {
      type: string;
      summaryVi: string;
    }[];
    expect(events[0].type).toBe('ROUND_OPENED');
    expect(events.map((e) => e.type)).toContain('UPWARD_RETURNED');
    // Replay (RECORD_HISTORIES=v11): the round itself, and a cycle the round's opening gathered.
    await recordHistoryIfAsked(roundId, 'province-round');
    await recordHistoryIfAsked(s1.cycleId, 'cycle-round-gathered');
  });

  it('takes the nominees of a cycle whose dossier is accepted while the round is open, and completes the cycle with their outcomes', async () => {
    const { h } = ctx;
    const province = h.demo.provinceCode;
    const s2 = await s1DriverForYear(h.app, h.demo, 2022);
    const opened = await ok('/v1/rounds', as.boardHead(), { provinceCode: province, year: 2022 }, 201);
    expect(opened.items).toEqual([]);
    await s2.start();
    await s2.launch();
    await s2.signAll();
    await s2.waitForPhase(Phase.SELF_ASSESSMENT);
    await s2.assessAll();
    await s2.conferenceToDossier();
    await s2.reviewDossier('ACCEPT');
    let round = opened;
    for (const until = Date.now() + 20_000; round.items.length === 0 && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 200));
      round = (await call('get', `/v1/rounds/${opened.roundId}`, as.boardHead())).body as RoundView;
    }
    expect(round.items.length).toBeGreaterThan(0);
    expect(new Set(round.items.map((i) => i.cycleId))).toEqual(new Set([s2.cycleId]));

    const id = opened.roundId;
    await ok(`/v1/rounds/${id}/appraisal`, as.specialist(), {
      opinions: round.items.map((i) => ({ itemId: i.id, recommend: true })),
    });
    round = await ok(`/v1/rounds/${id}/appraisal/review`, as.boardHead(), { decision: 'APPROVE' });
    const council = (n: number) => identityUsername(Role.COUNCIL_MEMBER, `${province}.${n}`);
    const memberE = (
      (await call('get', `/v1/council-members?provinceCode=${province}&on=2023-01-12`, as.boardHead())).body as {
        userId: string | null;
        id: string;
      }[]
    ).find((m) => m.userId === null)?.id as string;
    await ok(`/v1/rounds/${id}/sessions`, as.boardHead(), {
      sessionDate: '2023-01-12',
      present: [1, 2, 3, 4].map(council).concat(memberE),
    });
    const forCouncil = round.items.filter((i) => i.status === NomineeStatus.AWAITING_COUNCIL);
    round = await ok(`/v1/rounds/${id}/sessions/S1/votes`, as.council(4), {
      tallies: forCouncil.map((i) => ({ itemId: i.id, votesFor: 5, votesAgainst: 0, invalid: 0 })),
    });
    await ok(`/v1/rounds/${id}/sessions/S1/end`, as.boardHead(), { end: 'CLOSE' });
    await ok(`/v1/rounds/${id}/decisions`, as.chairman(), {
      decisionNumber: '15/QĐ-UBND',
      decisionDate: '2023-01-20',
      items: round.items.map((i) => ({ itemId: i.id, approve: true })),
    });
    const completed = await s2.waitForPhase(Phase.COMPLETED);
    expect(completed.nominees.every((n) => n.status === NomineeStatus.APPROVED && n.decision?.number === '15/QĐ-UBND')).toBe(
      true,
    );
    const history = (await call('get', `/v1/units/${s2.u('HLHPN')}/awards`, as.admin())).body;
    expect(history.awards).toEqual(
      expect.arrayContaining([expect.objectContaining({ year: 2022, award: CO_TINH, decisionNumber: '15/QĐ-UBND' })]),
    );
    // Replay (RECORD_HISTORIES=v11): a cycle that handed itself over (patched province-round-handoff).
    await recordHistoryIfAsked(s2.cycleId, 'cycle-round-handoff');
  });

  it('hides a round from a unit and from another province’s board, and refuses its steps to them', async () => {
    const { s1 } = ctx;
    const res = await call('get', `/v1/rounds/${roundId}`, as.head(s1.u('HLHPN')));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'ROUND_NOT_FOUND' });
    const listed = (await call('get', '/v1/rounds', as.head(s1.u('HLHPN')))).body;
    expect(listed).toEqual([]);
    const step = await call('post', `/v1/rounds/round:XX:2020:1/close`, as.boardHead(), {});
    expect(step.body.code).toBe('OUT_OF_SCOPE');
  });
});
