import { NomineeStatus, Phase, type BoxedPaper, type CycleState } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { as } from './support/actors';
import { useS1Harness, type Harness } from './support/harness';
import { recordHistory } from './support/histories';

describe('Scenario S1 (Bắc Kạn FY2020, Khối MTTQ và các đoàn thể) through the HTTP API', () => {
  const ctx = useS1Harness();

  it('given the six units, when the whole cycle is driven through the API, should end with the published awards and leadership, and refuse to start the bloc and year again', async () => {
    const { h, s1 } = ctx;
    const started = await s1.start();
    expect(started.phase).toBe(Phase.LAUNCH);
    expect(started.leaderUnit).toBe(s1.u('HLHPN'));

    const launched = await s1.launch();
    expect(launched.phase).toBe(Phase.PLEDGE);

    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);

    // One unit is returned for revision and resubmits in a second round.
    await s1.submitAssessment(
      'MTTQ',
      s1.scores('MTTQ').map((s) => ({ ...s, points: s.criterionCode === 'TC1' ? 20 : s.points })),
    );
    await s1.approveAssessment('MTTQ');
    const returned = await s1.reviewAssessment('MTTQ', 'RETURN', 'Thiếu minh chứng cho điểm tiêu chí 1');
    expect(returned.status).toBe('RETURNED');
    await s1.submitAssessment('MTTQ');
    await s1.approveAssessment('MTTQ');
    const accepted = await s1.reviewAssessment('MTTQ', 'ACCEPT');
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.rounds).toHaveLength(2);
    await s1.assessAll(['HLHPN', 'LDLD', 'HCCB', 'HND', 'DTN']);

    const atConference = await s1.waitForPhase(Phase.CONFERENCE);
    expect(atConference.assessments[s1.u('MTTQ')]).toMatchObject({ status: 'ACCEPTED', total: 84, rounds: 2 });

    const opened = await s1.openConference();
    expect(opened.conference?.quorum.met).toBe(true);
    expect(opened.conference?.ranking[0]).toMatchObject({ unitCode: s1.u('HLHPN'), total: 95, rank: 1 });
    await s1.openBallot();
    await s1.castAll();
    const closed = await s1.closeBallot();
    await expectSecretAndReproducibleBallot(h, s1.cycleId, closed, { nextLeader: s1.u('LDLD'), nextDeputy: s1.u('DTN') });
    expect(closed.phase).toBe(Phase.CONFERENCE);
    expect(closed.nextLeader).toBe(s1.u('LDLD'));
    expect(closed.nextDeputy).toBe(s1.u('DTN'));
    expect(closed.minutes?.voteCount).toMatchObject({ ballotsIssued: 6, ballotsReturned: 6, ballotsValid: 6, ballotsInvalid: 0 });
    const flagTally = closed.minutes?.voteCount.awards.find((a) => a.award === AwardType.CO_THI_DUA_TINH);
    expect(flagTally?.candidates.find((c) => c.unitCode === s1.u('HLHPN'))).toMatchObject({
      votes: 5,
      required: 5,
      selected: true,
    });
    expect(closed.nominees.map((n) => n.id).sort()).toEqual(
      [`BANG_KHEN_CHU_TICH:${s1.u('DTN')}`, `BANG_KHEN_CHU_TICH:${s1.u('HND')}`, `CO_THI_DUA_TINH:${s1.u('HLHPN')}`].sort(),
    );

    await s1.waitForPhase(Phase.SUBMISSION);
    // The board returns the dossier once for a missing document; the leader resubmits.
    await s1.submitDossier();
    const back = await s1.reviewDossier('RETURN', 'Thiếu biên bản kiểm phiếu có chữ ký');
    expect(back.dossier).toMatchObject({ status: 'RETURNED', round: 1 });
    const resubmitted = await s1.submitDossier();
    expect(resubmitted.dossier).toMatchObject({ status: 'SUBMITTED', round: 2 });
    // The dossier was complete on 31/12/2020 (received on paper). The NĐ 91-era rule set gives 25 working days
    // (older provincial TTHC): 1/1/2021 is a holiday, so 4/1–5/2/2021 counts 25, before Tết (12/2). That
    // date is long past, so the durable timer marks the appraisal overdue.
    // Dates out of order are refused naming both (the tờ trình is dated 30/12/2020), and nothing is recorded.
    const historyLength = async () => (await ctx.h.client.workflow.getHandle(s1.cycleId).fetchHistory()).events?.length;
    const before = await historyLength();
    const early = await s1.post(
      `/v1/cycles/${s1.cycleId}/dossier/review`,
      as.specialist(s1.demo.provinceCode),
      { decision: 'ACCEPT', completeOn: '2020-12-29' },
      422,
    );
    expect(early).toMatchObject({
      code: 'DATE_OUT_OF_ORDER',
      detail: 'completeOn: the complete dossier on 29/12/2020 cannot come before the tờ trình on 30/12/2020',
    });
    expect(await historyLength()).toBe(before);
    const inAppraisal = await s1.reviewDossier('ACCEPT', undefined, '2020-12-31');
    expect(inAppraisal.phase).toBe(Phase.APPRAISAL);
    expect(inAppraisal.dossier?.appraisalDueDate).toBe('2021-02-05');
    const overdue = await s1.waitForEvent('APPRAISAL_OVERDUE');
    expect(overdue.data).toEqual({ appraisalDueDate: '2021-02-05' });

    const appraised = await s1.appraiseAll(inAppraisal);
    expect(appraised.nominees.find((n) => n.award === AwardType.CO_THI_DUA_TINH)?.status).toBe('AWAITING_COUNCIL');
    expect(
      appraised.nominees
        .filter((n) => n.award === AwardType.BANG_KHEN_CHU_TICH)
        .every((n) => n.status === NomineeStatus.AWAITING_DECISION),
    ).toBe(true);
    // The council verifies Hội LHPN's sheet one point lower on criterion 1; the self score stays on record.
    const adjusted = s1.scores('HLHPN').map((sc) => (sc.criterionCode === 'TC1' ? { ...sc, points: sc.points - 1 } : sc));
    const councilTooEarly = await s1.post(
      `/v1/cycles/${s1.cycleId}/council-vote`,
      as.boardHead(s1.demo.provinceCode),
      {
        sessionDate: '2020-12-29',
        membersTotal: 15,
        membersPresent: 13,
        votes: [{ nomineeId: appraised.nominees[0].id, votesFor: 13 }],
      },
      422,
    );
    expect(councilTooEarly.detail).toBe(
      'sessionDate: the council session on 29/12/2020 cannot come before the tờ trình on 30/12/2020',
    );
    const voted = await s1.councilVote(appraised, {
      scoreAdjustments: [{ unitCode: s1.u('HLHPN'), scores: adjusted, reason: 'Hội đồng xác minh lại minh chứng tiêu chí 1' }],
    });
    expect(voted.phase).toBe(Phase.DECISION);
    expect(voted.council?.scoreAdjustments?.[0]).toMatchObject({ unitCode: s1.u('HLHPN'), total: 94, previousTotal: 95 });
    const decisionTooEarly = await s1.post(
      `/v1/cycles/${s1.cycleId}/decisions`,
      as.chairman(s1.demo.provinceCode),
      { decisionNumber: '125/QĐ-UBND', decisionDate: '2021-01-10', items: [{ nomineeId: voted.nominees[0].id, approve: true }] },
      422,
    );
    expect(decisionTooEarly).toMatchObject({
      code: 'DATE_OUT_OF_ORDER',
      detail: 'decisionDate: the decision on 10/01/2021 cannot come before the council session on 12/01/2021',
    });
    const decided = await s1.decideAll(voted);
    expect(decided.nominees.every((n) => n.status === NomineeStatus.APPROVED)).toBe(true);

    const done = await s1.waitForPhase(Phase.COMPLETED);
    expect(done.nextLeader).toBe(s1.u('LDLD'));

    const sheets = await s1.get(`/v1/cycles/${s1.cycleId}/units/${s1.u('HLHPN')}/assessment`);
    expect(sheets.rounds[0]).toMatchObject({ selfTotal: 95, verifiedTotal: 95, councilTotal: 94 });

    const flag = await s1.get(`/v1/units/${s1.u('HLHPN')}/awards`);
    expect(flag.awards).toEqual([
      expect.objectContaining({
        year: 2020,
        award: AwardType.CO_THI_DUA_TINH,
        awardName: 'Cờ thi đua của UBND tỉnh',
        decisionNumber: '125/QĐ-UBND',
      }),
    ]);
    for (const key of ['DTN', 'HND'] as const) {
      const history = await s1.get(`/v1/units/${s1.u(key)}/awards`);
      expect(history.awards).toEqual([expect.objectContaining({ year: 2020, award: AwardType.BANG_KHEN_CHU_TICH })]);
    }
    for (const key of ['LDLD', 'MTTQ', 'HCCB'] as const) {
      expect((await s1.get(`/v1/units/${s1.u(key)}/awards`)).awards).toEqual([]);
    }

    const blocs = await s1.get(`/v1/blocs?provinceCode=${h.demo.provinceCode}`);
    expect(blocs[0].leaderships).toEqual([
      expect.objectContaining({ year: 2020, leaderUnit: s1.u('HLHPN'), deputyUnit: s1.u('LDLD'), source: 'SEEDED' }),
      expect.objectContaining({ year: 2021, leaderUnit: s1.u('LDLD'), deputyUnit: s1.u('DTN'), source: 'ELECTED' }),
    ]);
    expect(blocs[0].leaderships[1].handedOverAt).not.toBeNull();

    const approved = await s1.get(`/v1/nominations?provinceCode=${h.demo.provinceCode}&status=APPROVED`);
    expect(approved.items).toHaveLength(3);
    expect(approved.total).toBe(3);
    const flags = await s1.get(`/v1/nominations?provinceCode=${h.demo.provinceCode}&award=CO_THI_DUA_TINH`);
    expect(flags.items).toEqual([
      expect.objectContaining({ unitCode: s1.u('HLHPN'), councilVotes: 13, decisionNumber: '125/QĐ-UBND' }),
    ]);

    const completed = await s1.get(`/v1/cycles?provinceCode=${h.demo.provinceCode}&status=COMPLETED`);
    expect(completed).toEqual([expect.objectContaining({ cycleId: s1.cycleId, phase: Phase.COMPLETED, year: 2020 })]);

    const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
    const types: string[] = timeline.events.map((e: { type: string }) => e.type);
    for (const type of [
      'CYCLE_STARTED',
      'LAUNCHED',
      'PLEDGE_SIGNED',
      'PLEDGE_CLOSED',
      'ASSESSMENT_RETURNED',
      'CONFERENCE_OPENED',
      'BALLOT_CLOSED',
      'DOSSIER_RETURNED',
      'DOSSIER_ACCEPTED',
      'COUNCIL_VOTED',
      'DECIDED',
      'CYCLE_COMPLETED',
    ]) {
      expect(types).toContain(type);
    }
    expect(types.indexOf('LAUNCHED')).toBeLessThan(types.indexOf('BALLOT_CLOSED'));
    // The dossier as it stood at any past instant, for complaints and inspections.
    const returnedAt = timeline.events.find((e: { type: string }) => e.type === 'DOSSIER_RETURNED').at as string;
    const then = await s1.get(`/v1/cycles/${s1.cycleId}/as-of?at=${encodeURIComponent(returnedAt)}`, as.specialist());
    expect(then.state).toMatchObject({ phase: Phase.SUBMISSION, dossier: { status: 'RETURNED', round: 1 } });
    const now = await s1.get(
      `/v1/cycles/${s1.cycleId}/as-of?at=${encodeURIComponent(new Date().toISOString())}`,
      as.specialist(),
    );
    expect(now.state.phase).toBe(Phase.COMPLETED);
    await s1.get(`/v1/cycles/${s1.cycleId}/as-of?at=${encodeURIComponent(returnedAt)}`, as.head(s1.u('MTTQ'))).then(
      () => {
        throw new Error('a unit head must not read past states of the dossier');
      },
      (err: Error) => expect(err.message).toContain('got 403'),
    );

    const decidedEvent = timeline.events.find((e: { type: string }) => e.type === 'DECIDED');
    expect(decidedEvent).toMatchObject({
      phase: Phase.DECISION,
      actor: { userId: `chutich.${h.demo.provinceCode.toLowerCase()}`, role: 'CHAIRMAN' },
    });
    expect(decidedEvent.summary).toContain('Chủ tịch UBND tỉnh');
    expect(decidedEvent.label).toBe('Quyết định khen thưởng');

    // A nominee's own history: what the unit did and what concerns it, nothing of the other units.
    const ownTimeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline?unitCode=${s1.u('DTN')}`);
    const own = ownTimeline.events as { type: string; actor: { unitCode?: string } | null }[];
    expect(own.filter((e) => e.type === 'PLEDGE_SIGNED').map((e) => e.actor?.unitCode)).toEqual([s1.u('DTN')]);
    expect(own.map((e) => e.type)).toEqual(expect.arrayContaining(['ASSESSMENT_ACCEPTED', 'BALLOT_CLOSED', 'DECIDED']));
    expect(own.length).toBeLessThan(timeline.events.length);
    expect(decidedEvent.summary).toBe(decidedEvent.summary.normalize('NFC'));

    // Typed search attributes let the Web UI and `temporal workflow list` filter cycles.
    const query = `ThiduaProvince = '${h.demo.provinceCode}' AND ThiduaYear = 2020 AND ThiduaPhase = 'COMPLETED'`;
    let listed: string[] = [];
    for (let i = 0; i < 50 && listed.length === 0; i++) {
      listed = [];
      for await (const wf of h.client.workflow.list({ query })) listed.push(wf.workflowId);
      if (listed.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(listed).toEqual([s1.cycleId]);

    // lean-history: the cycle ends with its summary (the read model holds the view), and each unit's sheet runs as
    // unitSheetWorkflow (sheet-projections-in-order), whose history has no patch marker and no search-attribute upsert.
    const handle = h.client.workflow.getHandle(s1.cycleId);
    const result = await handle.result();
    expect(result).toEqual({ cycleId: s1.cycleId, phase: Phase.COMPLETED, version: expect.any(Number) });
    const sheet = await h.client.workflow.getHandle(`${s1.cycleId}.assessment.${s1.u('MTTQ')}`).fetchHistory();
    const events = sheet.events ?? [];
    expect(events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name).toBe('unitSheetWorkflow');
    const markers = events.map((e) => e.markerRecordedEventAttributes?.markerName).filter(Boolean);
    expect(markers.length).toBeGreaterThan(0);
    expect(markers.filter((m) => m !== 'core_local_activity')).toEqual([]);
    expect(events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toEqual([]);

    const tag = process.env.RECORD_HISTORIES;
    if (tag) {
      recordHistory(tag, s1.cycleId, 'cycle-s1');
      recordHistory(tag, `${s1.cycleId}.assessment.${s1.u('MTTQ')}`, 'assessment-s1-mttq');
    }

    // The completed cycle's workflow has closed; the bloc and year still cannot be started again. Part of this test (not
    // one of its own) because it needs the completed cycle this story leaves.
    const again = await s1.post(
      '/v1/cycles',
      as.boardHead(),
      { provinceCode: h.demo.provinceCode, blocCode: h.demo.blocCode, year: 2020 },
      409,
    );
    expect(again.code).toBe('CYCLE_ALREADY_EXISTS');
    // The start itself sent again (a client that lost the answer, or was told 202) is answered as the first was.
    const resent = await s1.post(
      '/v1/cycles',
      { ...as.boardHead(), 'x-request-id': s1.startRequestId },
      { provinceCode: h.demo.provinceCode, blocCode: h.demo.blocCode, year: 2020 },
      201,
    );
    expect(resent).toMatchObject({ cycleId: s1.cycleId, phase: Phase.COMPLETED });
  });
});

/**
 * The secret ballot: no stored record links a voter to a paper. No table holds a paper; the workflow history's
 * vote updates carry the voter and only a sealed paper; the close carries the opened papers sorted by receipt
 * (not by arrival), as the minutes publish them; and the tally is reproducible from the published papers alone.
 */
async function expectSecretAndReproducibleBallot(
  h: Harness,
  cycleId: string,
  closed: CycleState,
  expected: { nextLeader: string; nextDeputy: string },
): Promise<void> {
  const boxes: unknown[] = await h.dataSource.query(`SELECT 1 FROM ballot_boxes WHERE cycle_id = $1`, [cycleId]);
  expect(boxes).toHaveLength(0);
  const papers = closed.minutes?.voteCount.papers ?? [];
  expect(papers).toHaveLength(6);
  for (const paper of papers)
    expect(Object.keys(paper).sort()).toEqual(['choices', 'nextDeputy', 'nextLeader', 'receipt', 'valid']);
  const receipts = papers.map((p) => p.receipt);
  expect(receipts).toEqual([...receipts].sort());

  const history = await h.client.workflow.getHandle(cycleId).fetchHistory();
  const updates = (history.events ?? []).flatMap((e) => {
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
    if (!accepted) return [];
    const payload = accepted.args?.payloads?.[0]?.data;
    return [
      {
        name: accepted.name,
        args: payload ? (JSON.parse(Buffer.from(payload).toString('utf8')) as Record<string, unknown>) : {},
      },
    ];
  });
  const votes = updates.filter((u) => u.name === 'castBallot');
  expect(votes).toHaveLength(6);
  for (const vote of votes) {
    // Beside the voter, only the sealed paper and the API's seal (which workflow, update and id it was made for, and its expiry).
    expect(Object.keys(vote.args).sort()).toEqual(['actor', 'seal', 'sealed']);
    expect(Object.keys(vote.args.seal as object).sort()).toEqual(['expiresAt', 'name', 'updateId', 'workflowId']);
  }
  const close = updates.find((u) => u.name === 'closeBallot');
  expect((close?.args.papers as BoxedPaper[]).map((p) => p.receipt)).toEqual(receipts);

  // Recount by hand from the published papers alone (not with the tally under test): every valid paper's mark for
  // each award and each seat, compared with the minutes; who is elected is the real 2020 result (domain.md §8, S1).
  const minutes = closed.minutes?.voteCount;
  const marks = (pick: (p: (typeof papers)[number]) => (string | undefined)[]): Record<string, number> => {
    const counted: Record<string, number> = {};
    for (const paper of papers.filter((p) => p.valid))
      for (const unit of pick(paper)) if (unit) counted[unit] = (counted[unit] ?? 0) + 1;
    return counted;
  };
  const withVotes = (candidates: { unitCode: string; votes: number }[] = []) =>
    Object.fromEntries(candidates.filter((c) => c.votes > 0).map((c) => [c.unitCode, c.votes]));
  expect(minutes?.awards.length).toBeGreaterThan(0);
  for (const award of minutes?.awards ?? [])
    expect(withVotes(award.candidates)).toEqual(marks((p) => p.choices[award.award] ?? []));
  expect(withVotes(minutes?.leaderElection.candidates)).toEqual(marks((p) => [p.nextLeader]));
  expect(withVotes(minutes?.deputyElection.candidates)).toEqual(marks((p) => [p.nextDeputy]));
  expect(minutes?.leaderElection.elected).toBe(expected.nextLeader);
  expect(minutes?.deputyElection.elected).toBe(expected.nextDeputy);
}
