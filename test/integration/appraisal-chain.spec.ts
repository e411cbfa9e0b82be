import request from 'supertest';
import { NomineeStatus, Phase } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { as } from './support/actors';
import { S1_APPRAISAL_CHAIN } from './support/chains';
import { useS1Harness } from './support/harness';
import { recordHistory } from './support/histories';

describe('A cycle whose appraisal runs as an approval chain', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());

  it('given the rule set’s appraisal chain, should decide each nominee level by level and hand the approved ones to the chairman', async () => {
    const { h, s1 } = ctx;
    const base = `/v1/provinces/${h.demo.provinceCode}/rule-sets/${h.demo.provinceCode}-ND91-2017`;
    const stored = (await http().get(base).set(as.admin())).body as Record<string, unknown> & { rules: Record<string, unknown> };
    const { createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...body } = stored;
    delete body.rules.rulesVersion;
    delete body.rules.legalBasis;

    const bad = await http()
      .put(base)
      .set(as.admin())
      .send({ ...body, rules: { ...body.rules, approvalChains: { appraisal: { ...S1_APPRAISAL_CHAIN, levels: [] } } } });
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 422, code: 'RULE_SET_INVALID' });
    expect(bad.body.detail).toContain('rules.approvalChains.appraisal');
    const configured = await http()
      .put(base)
      .set(as.admin())
      .send({ ...body, rules: { ...body.rules, approvalChains: { appraisal: S1_APPRAISAL_CHAIN } } });
    expect(configured.status).toBe(200);

    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.assessAll();
    await s1.conferenceToDossier();
    const accepted = await s1.reviewDossier('ACCEPT', undefined, '2020-12-31');
    const chainId = `${s1.cycleId}.appraisal`;
    expect(accepted.appraisal).toMatchObject({ chainId, status: 'PENDING' });

    const fixedStep = await http()
      .post(`/v1/cycles/${s1.cycleId}/appraisal`)
      .set(as.specialist())
      .send({ opinions: accepted.nominees.map((n) => ({ nomineeId: n.id, recommend: true })) });
    expect({ status: fixedStep.status, code: fixedStep.body.code }).toEqual({ status: 409, code: 'WRONG_STATE' });
    expect(fixedStep.body.detail).toContain(chainId);

    const flag = `${AwardType.CO_THI_DUA_TINH}:${s1.u('HLHPN')}`;
    const dtn = `${AwardType.BANG_KHEN_CHU_TICH}:${s1.u('DTN')}`;
    const hnd = `${AwardType.BANG_KHEN_CHU_TICH}:${s1.u('HND')}`;
    const inbox = async () => {
      const res = await http().get(`/v1/inbox?cycleId=${s1.cycleId}&phase=APPRAISAL`).set(as.specialist());
      return (res.body as { items: { chainId: string; items: { itemId: string }[] }[] }).items.filter(
        (i) => i.chainId === chainId,
      );
    };
    for (let i = 0; i < 80 && (await inbox()).length === 0; i++) await new Promise((r) => setTimeout(r, 250));
    expect((await inbox())[0].items.map((i) => i.itemId).sort()).toEqual([dtn, hnd, flag].sort());

    const decide = async (headers: Record<string, string>, decision: string, itemIds: string[], reason?: string) => {
      const res = await http().post(`/v1/approvals/${chainId}/decisions`).set(headers).send({ decision, itemIds, reason });
      if (res.status !== 200) throw new Error(`${decision} ${itemIds.join(',')}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { items: Record<string, { status: string; round: number }> };
    };
    await decide(as.specialist(), 'APPROVE', [flag, dtn]);
    await decide(as.specialist(), 'RETURN', [hnd], 'Thiếu xác nhận của cơ quan thuế');
    // The Trưởng khối who submitted the dossier answers the return, and may not decide on it (four eyes).
    const byLeader = await http()
      .post(`/v1/approvals/${chainId}/decisions`)
      .set(s1.leader)
      .send({ decision: 'APPROVE', itemIds: [hnd] });
    expect(byLeader.status).toBe(403);
    const resubmitted = await http()
      .post(`/v1/approvals/${chainId}/resubmit`)
      .set(s1.leader)
      .send({ itemIds: [hnd], note: 'Đã bổ sung' });
    expect(resubmitted.body.items[hnd]).toMatchObject({ status: 'PENDING', round: 2 });
    await decide(as.specialist(), 'APPROVE', [hnd]);
    await decide(as.boardHead(), 'APPROVE', [flag, dtn, hnd]);
    for (const n of [1, 2, 3]) await decide(as.council(n), 'APPROVE', [flag, dtn]);
    for (const n of [1, 2, 3]) await decide(as.council(n), 'REJECT', [hnd], 'Chưa tiêu biểu');

    const inDecision = await s1.waitForPhase(Phase.DECISION);
    const statuses = Object.fromEntries(inDecision.nominees.map((n) => [n.id, n.status]));
    expect(statuses).toEqual({
      [flag]: NomineeStatus.AWAITING_DECISION,
      [dtn]: NomineeStatus.AWAITING_DECISION,
      [hnd]: NomineeStatus.COUNCIL_REJECTED,
    });
    await s1.decideAll(inDecision);
    const done = await s1.waitForPhase(Phase.COMPLETED);
    expect(
      done.nominees
        .filter((n) => n.status === NomineeStatus.APPROVED)
        .map((n) => n.id)
        .sort(),
    ).toEqual([dtn, flag].sort());
    const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
    expect(timeline.events.find((e: { type: string }) => e.type === 'APPRAISAL_CHAIN_COMPLETED')).toMatchObject({
      label: 'Hoàn thành quy trình thẩm định nhiều cấp',
    });
    const audit: { n: string }[] = await h.dataSource.query(`SELECT count(*) AS n FROM audit_log WHERE event_id LIKE $1`, [
      `${chainId}:%`,
    ]);
    expect(Number(audit[0].n)).toBeGreaterThan(10);

    const tag = process.env.RECORD_HISTORIES;
    if (tag) {
      recordHistory(tag, s1.cycleId, 'cycle-chain');
      recordHistory(tag, chainId, 'approval-chain');
    }
  });
});
