import request from 'supertest';
import { CYCLE_STEP_CHAINS } from '../../src/domain/approval';
import { demoRuleSets } from '../../src/domain/rule-sets';
import type { ChainView } from '../../src/api/approvals/approvals.service';
import type { ChainState } from '../../src/shared/approval';
import {
  appraisalChainId,
  assessmentChainId,
  assessmentWorkflowId,
  dossierChainId,
  leadershipChainId,
} from '../../src/shared/ids';
import { NomineeStatus, Phase, type CycleState } from '../../src/shared/cycle-types';
import { LeaderSelection } from '../../src/shared/rules';
import { as, type Headers } from './support/actors';
import { S1_APPRAISAL_CHAIN } from './support/chains';
import { uniqueSuffix, useS1Harness } from './support/harness';
import { recordHistory, recordHistoryIfAsked } from './support/histories';
import type { S1UnitKey } from '../../src/seed/demo-province';
import { ALL_UNITS, CRITERIA } from './support/s1-scenario';
import { waitFor } from './support/wait';

const {
  selfAssessment: SELF_ASSESSMENT_CHAIN,
  dossierReview: DOSSIER_REVIEW_CHAIN,
  leadershipApproval: LEADERSHIP_CHAIN,
} = CYCLE_STEP_CHAINS;

/**
 * A province whose rule sets run every approval step of the cycle as an approval chain (rules.approvalChains): each
 * unit's self-assessment, the board's review of the dossier, the appraisal and the approval of the elected leadership.
 * Everything through the HTTP API against the real Temporal server and PostgreSQL.
 */
describe('A cycle whose approval steps all run as approval chains', () => {
  const provinceCode = `C${uniqueSuffix().toUpperCase()}`;
  const ruleSets = demoRuleSets(provinceCode).map((set) => ({
    ...set,
    rules: {
      ...set.rules,
      leaderSelection: LeaderSelection.ELECTED_THEN_APPROVED,
      approvalChains: {
        selfAssessment: SELF_ASSESSMENT_CHAIN,
        dossierReview: DOSSIER_REVIEW_CHAIN,
        appraisal: S1_APPRAISAL_CHAIN,
        leadershipApproval: LEADERSHIP_CHAIN,
      },
    },
  }));
  const ctx = useS1Harness({ demo: { provinceCode, ruleSets } });
  const http = () => request(ctx.h.app.getHttpServer());

  const decide = async (chainId: string, headers: Headers, decision: string, itemIds: string[], reason?: string) => {
    const res = await http().post(`/v1/approvals/${chainId}/decisions`).set(headers).send({ decision, itemIds, reason });
    if (res.status !== 200) throw new Error(`${decision} ${chainId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as ChainState;
  };
  /** The chain's open task in this person's inbox, once the chain has projected it. */
  const taskIn = (headers: Headers, chainId: string) =>
    waitFor(`a task of ${chainId}`, async () => {
      const res = await http().get('/v1/inbox').set(headers);
      return (res.body.items as { chainId?: string; items: { itemId: string }[] }[]).find((i) => i.chainId === chainId);
    });
  /** The unit's self-assessment as the read model has it: status and the sheets of each round. */
  const assessment = async (
    unit: string,
  ): Promise<{ status: string; rounds: { round: number; verifiedTotal: number | null }[] }> =>
    (await http().get(`/v1/cycles/${ctx.s1.cycleId}/units/${unit}/assessment`).set(as.admin())).body;
  const reviewChain = (unit: string, round: number) => assessmentChainId(ctx.s1.cycleId, unit, round);

  it('given every step configured as a chain, should run the cycle from the first self-assessment to the handover through the chains', async () => {
    const { h, s1 } = ctx;
    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);

    // ---- Self-assessment: each submission opens its chain; the unit's own head, then the Trưởng khối ----
    for (const key of ALL_UNITS) await s1.submitAssessment(key);
    const dtn = s1.u('DTN');
    await waitFor('DTN in approval', async () => ((await assessment(dtn)).status === 'IN_APPROVAL' ? true : undefined));
    const fixed = await http().post(`/v1/cycles/${s1.cycleId}/units/${dtn}/assessment/approval`).set(as.head(dtn));
    expect({ status: fixed.status, code: fixed.body.code }).toEqual({ status: 409, code: 'WRONG_STATE' });
    expect(fixed.body.detail).toContain(reviewChain(dtn, 1));

    // The head of DTN gets DTN's task only: the level takes the heads of the subject unit.
    expect((await taskIn(as.head(dtn), reviewChain(dtn, 1))).items.map((i) => i.itemId)).toEqual(['tu-cham-diem-1']);
    const others = await http()
      .get('/v1/inbox')
      .set(as.head(s1.u('LDLD')));
    expect((others.body.items as { chainId?: string }[]).some((i) => i.chainId === reviewChain(dtn, 1))).toBe(false);

    for (const key of ALL_UNITS) {
      const unit = s1.u(key);
      await taskIn(as.head(unit), reviewChain(unit, 1));
      await decide(reviewChain(unit, 1), as.head(unit), 'APPROVE', ['tu-cham-diem-1']);
      await taskIn(s1.leader, reviewChain(unit, 1));
      if (key === 'DTN')
        await decide(reviewChain(unit, 1), s1.leader, 'RETURN', ['tu-cham-diem-1'], 'Thiếu minh chứng tiêu chí 2');
      else await decide(reviewChain(unit, 1), s1.leader, 'APPROVE', ['tu-cham-diem-1']);
    }
    await waitFor('DTN returned', async () => ((await assessment(dtn)).status === 'RETURNED' ? true : undefined));
    const firstChain = (
      await http()
        .get(`/v1/approvals/${reviewChain(dtn, 1)}`)
        .set(as.admin())
    ).body as ChainView;
    expect(firstChain.completedAt).toEqual(expect.any(String));
    expect(firstChain.items['tu-cham-diem-1']).toMatchObject({ status: 'RETURNED', round: 1 });
    expect(firstChain.log.find((e) => e.type === 'ITEM_RETURNED')).toMatchObject({ label: 'Trả lại để bổ sung, hoàn thiện' });
    expect(firstChain.items['tu-cham-diem-1'].outcomes.at(-1)).toMatchObject({
      decision: 'RETURN',
      levelCode: 'TRUONG_KHOI',
      reason: 'Thiếu minh chứng tiêu chí 2',
    });
    // The return went back to the unit: the chain is complete, and resubmitting there is refused.
    const inChain = await http()
      .post(`/v1/approvals/${reviewChain(dtn, 1)}/resubmit`)
      .set(as.focal(dtn))
      .send({ itemIds: ['tu-cham-diem-1'] });
    expect({ status: inChain.status, code: inChain.body.code }).toEqual({ status: 409, code: 'WRONG_STATE' });
    // A late decision on the complete chain still hears who settled the item.
    const late = await http()
      .post(`/v1/approvals/${reviewChain(dtn, 1)}/decisions`)
      .set(as.head(dtn))
      .send({ decision: 'APPROVE', itemIds: ['tu-cham-diem-1'] });
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'TASK_ALREADY_DECIDED' });
    expect(late.body.winner).toMatchObject({ decision: 'RETURN', levelCode: 'TRUONG_KHOI' });
    const lateBulk = await http()
      .post('/v1/approvals/bulk')
      .set(as.head(dtn))
      .send({ decisions: [{ chainId: reviewChain(dtn, 1), decision: 'APPROVE', itemIds: ['tu-cham-diem-1'] }] });
    expect(lateBulk.status).toBe(200);
    expect(lateBulk.body.results).toEqual([
      expect.objectContaining({ itemId: 'tu-cham-diem-1', ok: false, code: 'TASK_ALREADY_DECIDED' }),
    ]);
    await s1.submitAssessment('DTN');
    await taskIn(as.head(dtn), reviewChain(dtn, 2));
    const second = await decide(reviewChain(dtn, 2), as.head(dtn), 'APPROVE', ['tu-cham-diem-2']);
    expect(second.items['tu-cham-diem-2']).toMatchObject({ round: 2, levelIndex: 1 });
    await taskIn(s1.leader, reviewChain(dtn, 2));
    await decide(reviewChain(dtn, 2), s1.leader, 'APPROVE', ['tu-cham-diem-2']);

    const conference = await s1.waitForPhase(Phase.CONFERENCE);
    expect(Object.values(conference.assessments).map((a) => a.status)).toEqual(ALL_UNITS.map(() => 'ACCEPTED'));
    expect(conference.assessments[dtn].rounds).toBe(2);
    const accepted = await assessment(dtn);
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(accepted.rounds[1].verifiedTotal).toEqual(expect.any(Number));

    // ---- Conference; the election awaits the superior's approval in its chain ----
    await s1.openConference();
    await s1.openBallot();
    await s1.castAll();
    const closed = await s1.closeBallot();
    const leadershipChain = leadershipChainId(s1.cycleId);
    expect(closed.leadershipApproval).toMatchObject({ status: 'PENDING', chainId: leadershipChain });
    const fixedLeadership = await http()
      .post(`/v1/cycles/${s1.cycleId}/leadership/approval`)
      .set(as.boardHead(provinceCode))
      .send({ decisionRef: 'QĐ 1' });
    expect({ status: fixedLeadership.status, code: fixedLeadership.body.code }).toEqual({ status: 409, code: 'WRONG_STATE' });
    const seats = await taskIn(as.boardHead(provinceCode), leadershipChain);
    expect(seats.items.map((i) => i.itemId)).toEqual(['TRUONG_KHOI', 'PHO_KHOI']);
    await decide(leadershipChain, as.boardHead(provinceCode), 'APPROVE', ['TRUONG_KHOI', 'PHO_KHOI']);

    // ---- The dossier: the specialist returns it in its chain; the Trưởng khối's new submission opens the next ----
    await s1.waitForPhase(Phase.SUBMISSION);
    const submitted = await s1.submitDossier();
    const dossierChain = (round: number) => dossierChainId(s1.cycleId, round);
    expect(submitted.dossier).toMatchObject({ status: 'SUBMITTED', chainId: dossierChain(1) });
    const fixedReview = await http()
      .post(`/v1/cycles/${s1.cycleId}/dossier/review`)
      .set(as.specialist(provinceCode))
      .send({ decision: 'ACCEPT' });
    expect({ status: fixedReview.status, code: fixedReview.body.code }).toEqual({ status: 409, code: 'WRONG_STATE' });
    await taskIn(as.specialist(provinceCode), dossierChain(1));
    await decide(dossierChain(1), as.specialist(provinceCode), 'RETURN', ['ho-so'], 'Thiếu báo cáo thành tích có xác nhận');
    const back = await waitFor('dossier returned', async () => {
      const state = (await s1.get(`/v1/cycles/${s1.cycleId}`)) as CycleState;
      return state.dossier?.status === 'RETURNED' ? state : undefined;
    });
    expect(back.dossier?.returns[0]).toMatchObject({ round: 1, reason: 'Thiếu báo cáo thành tích có xác nhận' });
    const again = await s1.submitDossier();
    expect(again.dossier).toMatchObject({ status: 'SUBMITTED', round: 2, chainId: dossierChain(2) });
    await taskIn(as.specialist(provinceCode), dossierChain(2));
    await decide(dossierChain(2), as.specialist(provinceCode), 'APPROVE', ['ho-so']);

    // ---- The appraisal chain, then the chairman's decision ----
    const appraisal = await s1.waitForPhase(Phase.APPRAISAL);
    expect(appraisal.dossier).toMatchObject({ status: 'ACCEPTED', completeAt: expect.any(String) });
    const appraisalChain = appraisalChainId(s1.cycleId);
    const nominees = appraisal.nominees.map((n) => n.id);
    await taskIn(as.specialist(provinceCode), appraisalChain);
    await decide(appraisalChain, as.specialist(provinceCode), 'APPROVE', nominees);
    await taskIn(as.boardHead(provinceCode), appraisalChain);
    await decide(appraisalChain, as.boardHead(provinceCode), 'APPROVE', nominees);
    for (const n of [1, 2, 3]) {
      await taskIn(as.council(n, provinceCode), appraisalChain);
      await decide(appraisalChain, as.council(n, provinceCode), 'APPROVE', nominees);
    }
    const inDecision = await s1.waitForPhase(Phase.DECISION);
    expect(inDecision.nominees.every((n) => n.status === NomineeStatus.AWAITING_DECISION)).toBe(true);
    await s1.decideAll(inDecision);
    const done = await s1.waitForPhase(Phase.COMPLETED);
    expect(done.leadershipApproval).toMatchObject({ status: 'APPROVED', decisionRef: `Quy trình phê duyệt ${leadershipChain}` });
    expect(done).toMatchObject({ nextLeader: closed.nextLeader, nextDeputy: closed.nextDeputy });

    // Nobody is left waiting on any chain of the cycle, and every chain is complete in PostgreSQL.
    const open: { n: string }[] = await h.dataSource.query(`SELECT count(*) AS n FROM approval_tasks WHERE cycle_id = $1`, [
      s1.cycleId,
    ]);
    expect(Number(open[0].n)).toBe(0);
    const chains: { chain_id: string; status: string }[] = await h.dataSource.query(
      `SELECT chain_id, status FROM approval_chains WHERE cycle_id = $1 ORDER BY chain_id`,
      [s1.cycleId],
    );
    expect(chains).toHaveLength(ALL_UNITS.length + 1 + 2 + 1 + 1);
    expect(chains.every((c) => c.status === 'COMPLETE')).toBe(true);
    const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
    const types = (timeline.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['ASSESSMENT_RETURNED', 'DOSSIER_RETURNED', 'DOSSIER_ACCEPTED', 'LEADERSHIP_APPROVED']),
    );

    const tag = process.env.RECORD_HISTORIES;
    if (tag) {
      recordHistory(tag, s1.cycleId, 'cycle-all-chains');
      recordHistory(tag, assessmentWorkflowId(s1.cycleId, dtn), 'assessment-chain');
      recordHistory(tag, reviewChain(dtn, 1), 'approval-chain-returned');
    }
    // The second dossier chain: its escalation timer started, then cancelled by the specialist's approval.
    await recordHistoryIfAsked(dossierChainId(s1.cycleId, 2), 'approval-chain-timer-cancelled');
  });
});

describe('A self-assessment chain cut short by the close of the period', () => {
  const provinceCode = `D${uniqueSuffix().toUpperCase()}`;
  const ruleSets = demoRuleSets(provinceCode).map((set) => ({
    ...set,
    rules: { ...set.rules, approvalChains: { selfAssessment: SELF_ASSESSMENT_CHAIN } },
  }));
  const closing = useS1Harness({ demo: { provinceCode, ruleSets } });
  const closingChain = (unit: string) => assessmentChainId(closing.s1.cycleId, unit, 1);

  it('given the self-assessment closed while a unit’s chain is deciding, should withdraw its open items and leave no task behind', async () => {
    const { s1 } = closing;
    await s1.start();
    const launchedAt = Date.now();
    await s1.post(`/v1/cycles/${s1.cycleId}/launch`, s1.leader, {
      plan: 'Kế hoạch thi đua',
      pledgeText: 'Giao ước thi đua',
      criteria: CRITERIA,
      pledgeDeadline: new Date(launchedAt + 10_000).toISOString(),
      selfAssessmentDeadline: new Date(launchedAt + 12_000).toISOString(),
    });
    // The six sign at once, so the 12 s before the self-assessment deadline hold one round trip, not six.
    await Promise.all(ALL_UNITS.map((k) => s1.signAll([k])));
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    const key: S1UnitKey = 'HND';
    const unit = s1.u(key);
    await s1.submitAssessment(key);
    await waitFor('the head’s task', async () => {
      const res = await request(closing.h.app.getHttpServer()).get('/v1/inbox').set(as.head(unit));
      return (res.body.items as { chainId?: string }[]).find((i) => i.chainId === closingChain(unit));
    });
    // The deadline has passed once the durable timers of the units that never submitted flag them late.
    await waitFor('the self-assessment deadline', async () => {
      const late: { unitCode: string }[] = await s1.get(`/v1/cycles/${s1.cycleId}/late-units?phase=SELF_ASSESSMENT`);
      return late.length > 0 ? late : undefined;
    });
    await s1.post(`/v1/cycles/${s1.cycleId}/self-assessment/close`, s1.leader);

    const conference = await s1.waitForPhase(Phase.CONFERENCE);
    expect(conference.lateUnits[Phase.SELF_ASSESSMENT]).toEqual(expect.arrayContaining([unit]));
    const chain = await waitFor('the cancelled chain projected', async () => {
      const res = await request(closing.h.app.getHttpServer())
        .get(`/v1/approvals/${closingChain(unit)}`)
        .set(as.admin());
      return res.body?.completedAt ? (res.body as ChainState) : undefined;
    });
    expect(chain.items['tu-cham-diem-1']).toMatchObject({ status: 'WITHDRAWN' });
    expect(chain.items['tu-cham-diem-1'].outcomes.at(-1)).toMatchObject({
      userId: 'system',
      reason: 'Kết thúc giai đoạn tự chấm điểm',
    });
    const inbox = await request(closing.h.app.getHttpServer()).get('/v1/inbox').set(as.head(unit));
    expect((inbox.body.items as { chainId?: string }[]).some((i) => i.chainId === closingChain(unit))).toBe(false);
    await recordHistoryIfAsked(assessmentWorkflowId(s1.cycleId, unit), 'assessment-chain-cancelled');
    await recordHistoryIfAsked(closingChain(unit), 'approval-chain-cancelled');
  });
});

describe('A leadership chain that does not approve a seat', () => {
  const provinceCode = `E${uniqueSuffix().toUpperCase()}`;
  const ruleSets = demoRuleSets(provinceCode).map((set) => ({
    ...set,
    rules: {
      ...set.rules,
      leaderSelection: LeaderSelection.ELECTED_THEN_APPROVED,
      approvalChains: { leadershipApproval: LEADERSHIP_CHAIN },
    },
  }));
  const ctx = useS1Harness({ demo: { provinceCode, ruleSets } });

  it('given the Phó khối seat rejected in the chain, should have the superior designate that seat by decision', async () => {
    const { h, s1 } = ctx;
    const http = () => request(h.app.getHttpServer());
    await s1.toConference();
    await s1.openBallot();
    await s1.castAll();
    const closed = await s1.closeBallot();
    const chainId = leadershipChainId(s1.cycleId);
    expect(closed.leadershipApproval).toMatchObject({ chainId, elected: { leader: s1.u('LDLD'), deputy: s1.u('DTN') } });
    await waitFor('the seats in the board head’s inbox', async () => {
      const res = await http().get('/v1/inbox').set(as.boardHead(provinceCode));
      return (res.body.items as { chainId?: string }[]).find((i) => i.chainId === chainId);
    });
    const decide = (decision: string, itemIds: string[], reason?: string) =>
      http().post(`/v1/approvals/${chainId}/decisions`).set(as.boardHead(provinceCode)).send({ decision, itemIds, reason });
    expect((await decide('APPROVE', ['TRUONG_KHOI'])).status).toBe(200);
    expect((await decide('REJECT', ['PHO_KHOI'], 'Đơn vị đang bị thanh tra')).status).toBe(200);

    const pending = await waitFor('the chain result', async () => {
      const state = (await s1.get(`/v1/cycles/${s1.cycleId}`)) as CycleState;
      return state.leadershipApproval?.chainResult ? state : undefined;
    });
    expect(pending.leadershipApproval).toMatchObject({
      status: 'PENDING',
      chainResult: { leader: 'APPROVED', deputy: 'REJECTED', reasons: [expect.stringContaining('Đơn vị đang bị thanh tra')] },
    });
    const url = `/v1/cycles/${s1.cycleId}/leadership/approval`;
    const unnamed = await http().post(url).set(as.boardHead(provinceCode)).send({ decisionRef: 'QĐ 12/QĐ-SNV' });
    expect({ status: unnamed.status, code: unnamed.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(unnamed.body.detail).toContain('deputyUnit');
    const designated = (await s1.post(url, as.boardHead(provinceCode), {
      decisionRef: 'QĐ 12/QĐ-SNV',
      deputyUnit: s1.u('HCCB'),
    })) as CycleState;
    expect(designated.leadershipApproval).toMatchObject({ status: 'APPROVED', decisionRef: 'QĐ 12/QĐ-SNV' });
    expect(designated).toMatchObject({ nextLeader: s1.u('LDLD'), nextDeputy: s1.u('HCCB') });
    const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
    expect((timeline.events as { type: string }[]).map((e) => e.type)).toContain('LEADERSHIP_NOT_APPROVED');
  });
});
