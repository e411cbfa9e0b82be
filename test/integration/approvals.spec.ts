import request from 'supertest';
import { identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import { type ChainDefinition, type ChainState, type LevelDefinition } from '../../src/shared/approval';
import { chainStateQuery } from '../../src/shared/approval-messages';
import { as, grantRole, type Headers } from './support/actors';
import { useS1Harness } from './support/harness';
import { recordHistoryIfAsked } from './support/histories';
import { waitFor } from './support/wait';
import { createProvince } from './support/organisation';

type View = ChainState & {
  status: string;
  tasks: { userId: string; levelCode: string; itemIds: string[]; actingFor?: { userId: string } }[];
};

/**
 * Issue 4: approval chains as data, through the HTTP API against the real Temporal server and PostgreSQL.
 */
describe('Approval chains', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());
  const P = () => ctx.h.demo.provinceCode;
  const U = (key: Parameters<typeof ctx.h.demo.unit>[0]) => ctx.h.demo.unit(key);
  const user = (role: Role, scope: string) => identityUsername(role, scope);
  const council = (n: number) => user(Role.COUNCIL_MEMBER, `${P()}.${n}`);

  const level = (
    code: string,
    role: Role,
    mode: 'ALL' | 'ANY' | 'QUORUM',
    extra: Partial<LevelDefinition> = {},
  ): LevelDefinition => ({ code, name: `Cấp ${code}`, approvers: { role, label: code }, mode, ...extra }) as LevelDefinition;
  const chain = (levels: LevelDefinition[], extra: Partial<ChainDefinition> = {}): ChainDefinition => ({
    code: 'THU',
    name: 'Quy trình thử',
    levels,
    maxReturnRounds: 2,
    afterMaxRounds: 'REJECT',
    ...extra,
  });
  const nominees = () => [
    { itemId: 'CO:HLHPN', title: 'Cờ thi đua – Hội LHPN', subjectUnitCode: U('HLHPN') },
    { itemId: 'BK:DTN', title: 'Bằng khen – Tỉnh đoàn', subjectUnitCode: U('DTN') },
    { itemId: 'BK:HND', title: 'Bằng khen – Hội Nông dân', subjectUnitCode: U('HND') },
  ];

  // Ad-hoc definitions are the admin's (and, within the board's authority, the board head's): the admin submits them here.
  const submitter = () => as.admin();
  async function start(definition: ChainDefinition, items = nominees(), headers: Headers = submitter()): Promise<View> {
    const res = await http()
      .post('/v1/approvals')
      .set(headers)
      .send({ definition, provinceCode: P(), title: 'Hồ sơ đề nghị khen thưởng năm 2020', items });
    if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as View;
  }
  const decide = (chainId: string, headers: Headers, body: object, requestId?: string) =>
    http()
      .post(`/v1/approvals/${chainId}/decisions`)
      .set({ ...headers, ...(requestId ? { 'x-request-id': requestId } : {}) })
      .send(body);
  function ok(res: request.Response): View {
    if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as View;
  }
  const statusOf = (view: View) =>
    Object.fromEntries(Object.values(view.items).map((i) => [i.itemId, `${i.status}@${i.levelIndex}/r${i.round}`]));
  const inbox = async (headers: Headers, query = '') =>
    (
      (await http().get(`/v1/inbox${query}`).set(headers)).body as {
        items: {
          chainId: string;
          levelCode: string;
          items: { itemId: string }[];
          overdue: boolean;
          actingFor?: { userId: string };
        }[];
      }
    ).items;
  const workflowState = (chainId: string) => ctx.h.client.workflow.getHandle(chainId).query(chainStateQuery);

  describe('levels, line items and rounds', () => {
    it('given a dossier of three nominees through four sequential levels, should decide each nominee on its own', async () => {
      const def = chain([
        level('CV', Role.BOARD_SPECIALIST, 'ANY'),
        level('TP', Role.BOARD_HEAD, 'ANY'),
        level('HD', Role.COUNCIL_MEMBER, 'QUORUM', { quorum: { count: 3 } }),
        level('CT', Role.CHAIRMAN, 'ANY'),
      ]);
      const started = await start(def);
      expect(started.status).toBe('IN_PROGRESS');
      // Approvers resolved from the roles held today: the board specialist of the province.
      expect(started.tasks).toEqual([expect.objectContaining({ userId: user(Role.BOARD_SPECIALIST, P()), levelCode: 'CV' })]);
      const id = started.chainId;

      const noReason = await decide(id, as.specialist(), { decision: 'RETURN', itemIds: ['BK:HND'] });
      expect({ status: noReason.status, code: noReason.body.code }).toEqual({ status: 422, code: 'REASON_REQUIRED' });

      ok(await decide(id, as.specialist(), { decision: 'APPROVE', itemIds: ['CO:HLHPN', 'BK:DTN'] }));
      let view = ok(
        await decide(id, as.specialist(), {
          decision: 'RETURN',
          itemIds: ['BK:HND'],
          reason: 'Thiếu báo cáo thành tích có xác nhận',
        }),
      );
      expect(statusOf(view)).toEqual({ 'CO:HLHPN': 'PENDING@1/r1', 'BK:DTN': 'PENDING@1/r1', 'BK:HND': 'RETURNED@0/r2' });

      // The Trưởng khối supplements the returned nominee; it restarts at the first level in round 2.
      view = ok(
        await http()
          .post(`/v1/approvals/${id}/resubmit`)
          .set(submitter())
          .send({ itemIds: ['BK:HND'], note: 'Đã bổ sung' }),
      );
      expect(statusOf(view)['BK:HND']).toBe('PENDING@0/r2');
      ok(await decide(id, as.specialist(), { decision: 'APPROVE', itemIds: ['BK:HND'] }));
      ok(await decide(id, as.boardHead(), { decision: 'APPROVE', itemIds: ['CO:HLHPN', 'BK:DTN', 'BK:HND'] }));

      // Council, 3 of 5: passes as soon as three approve; fails as soon as three reject.
      for (const n of [1, 2]) ok(await decide(id, as.council(n), { decision: 'APPROVE', itemIds: ['CO:HLHPN', 'BK:HND'] }));
      ok(await decide(id, as.council(3), { decision: 'REJECT', itemIds: ['CO:HLHPN'], reason: 'Chưa đủ tiêu chuẩn' }));
      view = ok(await decide(id, as.council(4), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }));
      expect(statusOf(view)['CO:HLHPN']).toBe('PENDING@3/r1');
      for (const n of [1, 2])
        ok(await decide(id, as.council(n), { decision: 'REJECT', itemIds: ['BK:DTN'], reason: 'Thành tích chưa tiêu biểu' }));
      expect(statusOf(ok(await decide(id, as.council(3), { decision: 'APPROVE', itemIds: ['BK:HND'] })))['BK:HND']).toBe(
        'PENDING@3/r2',
      );
      view = ok(
        await decide(id, as.council(5), { decision: 'REJECT', itemIds: ['BK:DTN'], reason: 'Thành tích chưa tiêu biểu' }),
      );
      expect(statusOf(view)['BK:DTN']).toBe('REJECTED@2/r1');

      // The chairman approves part of the list and rejects the rest.
      ok(await decide(id, as.chairman(), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }));
      view = ok(
        await decide(id, as.chairman(), { decision: 'REJECT', itemIds: ['BK:HND'], reason: 'Đã được khen thưởng năm trước' }),
      );
      expect(view.status).toBe('COMPLETE');
      expect(statusOf(view)).toEqual({ 'CO:HLHPN': 'APPROVED@3/r1', 'BK:DTN': 'REJECTED@2/r1', 'BK:HND': 'REJECTED@3/r2' });
      const got = (await http().get(`/v1/approvals/${id}`).set(as.auditor())).body as View;
      expect(got.log.map((e) => e.type)).toEqual(
        expect.arrayContaining(['ITEM_RETURNED', 'ITEM_RESUBMITTED', 'ITEM_REJECTED', 'ITEM_APPROVED', 'CHAIN_COMPLETED']),
      );
      expect(got.items['BK:HND'].outcomes.find((o) => o.decision === 'RETURN')).toMatchObject({
        reason: 'Thiếu báo cáo thành tích có xác nhận',
        round: 1,
      });
    });

    it('given an ALL level, should need every approval, and one rejection should reject', async () => {
      const view = await start(chain([level('HD', Role.COUNCIL_MEMBER, 'ALL')]), nominees().slice(0, 2));
      for (const n of [1, 2, 3, 4]) ok(await decide(view.chainId, as.council(n), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }));
      expect(statusOf((await http().get(`/v1/approvals/${view.chainId}`).set(as.admin())).body as View)['CO:HLHPN']).toBe(
        'PENDING@0/r1',
      );
      const done = ok(await decide(view.chainId, as.council(5), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }));
      expect(statusOf(done)['CO:HLHPN']).toBe('APPROVED@0/r1');
      const rejected = ok(
        await decide(view.chainId, as.council(2), { decision: 'REJECT', itemIds: ['BK:DTN'], reason: 'Không đạt' }),
      );
      expect(statusOf(rejected)['BK:DTN']).toBe('REJECTED@0/r1');
    });

    it('given a QUORUM by percentage, should pass at the threshold and fail once it cannot be met', async () => {
      const view = await start(
        chain([level('HD', Role.COUNCIL_MEMBER, 'QUORUM', { quorum: { percent: 60 } })]),
        nominees().slice(0, 2),
      );
      for (const n of [1, 2]) ok(await decide(view.chainId, as.council(n), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }));
      expect(
        statusOf(ok(await decide(view.chainId, as.council(3), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] })))['CO:HLHPN'],
      ).toBe('APPROVED@0/r1');
      for (const n of [1, 2])
        ok(await decide(view.chainId, as.council(n), { decision: 'REJECT', itemIds: ['BK:DTN'], reason: 'Không đạt' }));
      expect(
        statusOf(ok(await decide(view.chainId, as.council(3), { decision: 'REJECT', itemIds: ['BK:DTN'], reason: 'Không đạt' })))[
          'BK:DTN'
        ],
      ).toBe('REJECTED@0/r1');
    });

    it('given returns beyond the cap, should reject under REJECT and escalate under ESCALATE', async () => {
      for (const afterMaxRounds of ['REJECT', 'ESCALATE'] as const) {
        const view = await start(
          chain([level('CV', Role.BOARD_SPECIALIST, 'ANY')], { maxReturnRounds: 1, afterMaxRounds }),
          nominees().slice(0, 1),
        );
        ok(await decide(view.chainId, as.specialist(), { decision: 'RETURN', itemIds: ['CO:HLHPN'], reason: 'Bổ sung lần 1' }));
        ok(
          await http()
            .post(`/v1/approvals/${view.chainId}/resubmit`)
            .set(submitter())
            .send({ itemIds: ['CO:HLHPN'] }),
        );
        const last = ok(
          await decide(view.chainId, as.specialist(), { decision: 'RETURN', itemIds: ['CO:HLHPN'], reason: 'Bổ sung lần 2' }),
        );
        expect(last.items['CO:HLHPN'].status).toBe(afterMaxRounds === 'REJECT' ? 'REJECTED' : 'ESCALATED');
      }
    });

    it('given a withdrawal, should allow it before the level acts and refuse it after, and only from the submitter', async () => {
      const view = await start(chain([level('HD', Role.COUNCIL_MEMBER, 'ALL')]), nominees().slice(0, 2));
      const byOther = await http()
        .post(`/v1/approvals/${view.chainId}/withdraw`)
        .set(as.head(U('DTN')))
        .send({ itemIds: ['BK:DTN'] });
      expect({ status: byOther.status, code: byOther.body.code }).toEqual({ status: 403, code: 'NOT_SUBMITTER' });
      const withdrawn = ok(
        await http()
          .post(`/v1/approvals/${view.chainId}/withdraw`)
          .set(submitter())
          .send({ itemIds: ['BK:DTN'], reason: 'Rút để đề nghị năm sau' }),
      );
      expect(withdrawn.items['BK:DTN'].status).toBe('WITHDRAWN');
      ok(await decide(view.chainId, as.council(1), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }));
      const late = await http()
        .post(`/v1/approvals/${view.chainId}/withdraw`)
        .set(submitter())
        .send({ itemIds: ['CO:HLHPN'] });
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'WITHDRAW_TOO_LATE' });
    });

    it('given comments and evidence, should record them with their author in the chain’s timeline and the audit chain', async () => {
      const view = await start(chain([level('CV', Role.BOARD_SPECIALIST, 'ANY')]), nominees().slice(0, 1));
      ok(
        await http()
          .post(`/v1/approvals/${view.chainId}/comments`)
          .set(as.specialist())
          .send({ text: 'Đề nghị bổ sung số liệu năm 2020', itemIds: ['CO:HLHPN'] }),
      );
      const after = ok(
        await http()
          .post(`/v1/approvals/${view.chainId}/evidence`)
          .set(submitter())
          .send({
            references: [{ title: 'Báo cáo thành tích', url: 'https://vanban.example.gov.vn/bctt-2020.pdf' }],
            itemIds: ['CO:HLHPN'],
          }),
      );
      expect(after.log.find((e) => e.type === 'COMMENTED')).toMatchObject({
        text: 'Đề nghị bổ sung số liệu năm 2020',
        actor: { userId: user(Role.BOARD_SPECIALIST, P()) },
      });
      expect(after.evidence).toEqual([expect.objectContaining({ title: 'Báo cáo thành tích', addedBy: 'admin' })]);
      const audit: { type: string }[] = await ctx.h.dataSource.query(
        `SELECT type FROM audit_log WHERE event_id LIKE $1 ORDER BY seq`,
        [`${view.chainId}:%`],
      );
      expect(audit.map((a) => a.type)).toEqual([
        'APPROVAL_CHAIN_SUBMITTED',
        'APPROVAL_LEVEL_ACTIVATED',
        'APPROVAL_COMMENTED',
        'APPROVAL_EVIDENCE_ATTACHED',
      ]);
    });
  });

  describe('who may decide', () => {
    it('given the submitter among the approvers, should refuse with FOUR_EYES and raise an incident when nobody else can decide', async () => {
      const view = await start(chain([level('TP', Role.BOARD_HEAD, 'ANY')]), nominees().slice(0, 1), as.boardHead());
      const own = await decide(view.chainId, as.boardHead(), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] });
      expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'FOUR_EYES' });
      expect(own.body.detail).toContain('submitted this chain');
      const incidents = (await http().get('/v1/incidents').set(as.admin())).body as { chainId: string; reason: string }[];
      expect(incidents).toEqual(
        expect.arrayContaining([expect.objectContaining({ chainId: view.chainId, reason: 'NO_ELIGIBLE_APPROVER' })]),
      );
    });

    it('given a council member who heads a nominated unit, should recuse them from that nominee only', async () => {
      const head = user(Role.UNIT_HEAD, U('HLHPN'));
      const users = (await http().get('/v1/admin/users').set(as.admin())).body as { id: string; username: string }[];
      const id = users.find((u) => u.username === head)?.id as string;
      await grantRole(ctx.h.app, id, { role: 'COUNCIL_MEMBER', provinceCode: P() });
      const view = await start(
        chain([level('HD', Role.COUNCIL_MEMBER, 'QUORUM', { quorum: { count: 3 } })]),
        nominees().slice(0, 2),
      );
      const asCouncil = { ...as.head(U('HLHPN')), 'x-acting-role': 'COUNCIL_MEMBER' };
      const own = await decide(view.chainId, asCouncil, { decision: 'APPROVE', itemIds: ['CO:HLHPN'] });
      expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'RECUSED' });
      expect(own.body.detail).toContain(U('HLHPN'));
      ok(await decide(view.chainId, asCouncil, { decision: 'APPROVE', itemIds: ['BK:DTN'] }));
    });

    it('given a level whose role nobody holds, should show an incident that an admin’s reassignment resolves', async () => {
      const other = `X${P()}`;
      await createProvince(ctx.h.app, other, 'Tỉnh chưa có Chủ tịch trên hệ thống');
      const res = await http()
        .post('/v1/approvals')
        .set(as.admin())
        .send({
          definition: chain([level('CT', Role.CHAIRMAN, 'ANY')]),
          provinceCode: other,
          title: 'Hồ sơ thử',
          // A start names only units of its own province: this one's item is about none.
          items: [{ itemId: 'CO:HLHPN', title: 'Cờ thi đua – Hội LHPN' }],
        });
      expect(res.status).toBe(201);
      const chainId = (res.body as View).chainId;
      const open = (await http().get('/v1/incidents').set(as.admin())).body as {
        chainId: string;
        reason: string;
        role: string;
      }[];
      expect(open).toEqual(
        expect.arrayContaining([expect.objectContaining({ chainId, reason: 'NO_APPROVER', role: 'CHAIRMAN' })]),
      );
      const noReason = await http()
        .post(`/v1/approvals/${chainId}/reassign`)
        .set(as.admin())
        .send({ levelCode: 'CT', toUsername: 'chutich.x' });
      expect(noReason.status).toBe(400);
      const fixed = ok(
        await http()
          .post(`/v1/approvals/${chainId}/reassign`)
          .set(as.admin())
          .send({
            levelCode: 'CT',
            toUsername: user(Role.CHAIRMAN, P()),
            reason: 'Chủ tịch tỉnh sáp nhập xử lý theo Quyết định 01/QĐ',
          }),
      );
      expect(fixed.incidents.every((i) => i.resolvedAt)).toBe(true);
      expect(fixed.log.find((e) => e.type === 'REASSIGNED')).toMatchObject({
        reason: 'Chủ tịch tỉnh sáp nhập xử lý theo Quyết định 01/QĐ',
        actor: { userId: 'admin' },
      });
      const stillOpen = (await http().get('/v1/incidents').set(as.admin())).body as { chainId: string }[];
      expect(stillOpen.some((i) => i.chainId === chainId)).toBe(false);
      expect((await inbox(as.chairman())).some((t) => t.chainId === chainId)).toBe(true);
      const byOther = await http()
        .post(`/v1/approvals/${chainId}/reassign`)
        .set(as.boardHead())
        .send({ levelCode: 'CT', toUsername: 'admin', reason: 'x' });
      expect(byOther.status).toBe(403);
      await recordHistoryIfAsked(chainId, 'approval-chain-reassigned');
    });

    it('given a delegation, should assign the delegate acting for the holder, without cascading, and show both on the timeline', async () => {
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const chairman = user(Role.CHAIRMAN, P());
      const boardHead = user(Role.BOARD_HEAD, P());
      const d1 = await http().post('/v1/delegations').set(as.chairman()).send({
        toUsername: boardHead,
        validFrom: today,
        validTo: today,
        kind: 'OUT_OF_OFFICE',
        reason: 'Đi công tác Trung ương',
      });
      expect(d1.status).toBe(201);
      // The board head delegating onwards changes nothing: a delegate cannot pass on borrowed authority.
      const d2 = await http()
        .post('/v1/delegations')
        .set(as.boardHead())
        .send({ toUsername: user(Role.BOARD_SPECIALIST, P()), validFrom: today, validTo: today, reason: 'Nghỉ phép' });
      expect(d2.status).toBe(201);
      const view = await start(chain([level('CT', Role.CHAIRMAN, 'ANY')]), nominees().slice(0, 1));
      expect(view.tasks).toEqual([
        expect.objectContaining({ userId: boardHead, actingFor: expect.objectContaining({ userId: chairman }) }),
      ]);
      expect((await inbox(as.boardHead())).find((t) => t.chainId === view.chainId)?.actingFor).toMatchObject({
        userId: chairman,
      });
      expect((await inbox(as.chairman())).some((t) => t.chainId === view.chainId)).toBe(false);
      const byHolder = await decide(view.chainId, as.chairman(), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] });
      expect(byHolder.body.code).toBe('NOT_ASSIGNED');
      const done = ok(await decide(view.chainId, as.boardHead(), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }));
      expect(done.log.find((e) => e.type === 'ITEM_APPROVED')).toMatchObject({
        actor: { userId: boardHead },
        actingFor: { userId: chairman },
      });
      const [audit] = await ctx.h.dataSource.query(
        `SELECT summary_vi FROM audit_log WHERE event_id LIKE $1 AND type = 'APPROVAL_ITEM_APPROVED'`,
        [`${view.chainId}:%`],
      );
      expect(audit.summary_vi).toContain('thay mặt');
      // Ended, they no longer apply to tasks assigned from now on.
      expect((await http().post(`/v1/delegations/${d1.body.id}/end`).set(as.chairman())).body.endedAt).not.toBeNull();
      expect((await http().post(`/v1/delegations/${d2.body.id}/end`).set(as.boardHead())).status).toBe(200);
      const after = await start(chain([level('CT', Role.CHAIRMAN, 'ANY')]), nominees().slice(0, 1));
      expect(after.tasks).toEqual([expect.objectContaining({ userId: chairman })]);
      expect(after.tasks[0].actingFor).toBeUndefined();
    });
  });

  describe('time', () => {
    // The durable timers (reminder, escalations to a role, to the Trưởng khối and to the next level) are checked on the
    // time-skipping server (test/timeskip/deadlines.spec.ts), which also records their histories. The inbox's
    // `overdue` flag is the API's clock against the task's due instant, so it is checked here, on a level due in the
    // shortest time a definition allows (1 s) beside one due in an hour.
    it('given a level past its due instant and one due in an hour, should list only the first as overdue', async () => {
      const past = await start(
        chain([level('CV', Role.BOARD_SPECIALIST, 'ANY', { due: { seconds: 1 } })]),
        nominees().slice(0, 1),
      );
      const later = await start(
        chain([level('CV', Role.BOARD_SPECIALIST, 'ANY', { due: { seconds: 3600 } })]),
        nominees().slice(1, 2),
      );
      const notDue = await waitFor('the task not yet due', async () =>
        (await inbox(as.specialist(), '?overdue=false')).find((t) => t.chainId === later.chainId),
      );
      expect(notDue.overdue).toBe(false);
      expect((await inbox(as.specialist(), '?overdue=true')).some((t) => t.chainId === later.chainId)).toBe(false);
      const overdue = await waitFor('overdue', async () =>
        (await inbox(as.specialist(), '?overdue=true')).find((t) => t.chainId === past.chainId),
      );
      expect(overdue.overdue).toBe(true);
      expect((await inbox(as.specialist(), '?overdue=false')).some((t) => t.chainId === past.chainId)).toBe(false);
      for (const [chainId, itemId] of [
        [past.chainId, 'CO:HLHPN'],
        [later.chainId, 'BK:DTN'],
      ]) {
        expect(ok(await decide(chainId, as.specialist(), { decision: 'APPROVE', itemIds: [itemId] })).status).toBe('COMPLETE');
      }
    });
  });

  describe('many items, retries and races', () => {
    it('given a bulk request across chains, should answer per item and apply every allowed decision', async () => {
      const a = await start(chain([level('CV', Role.BOARD_SPECIALIST, 'ANY')]), nominees().slice(0, 2));
      const b = await start(chain([level('TP', Role.BOARD_HEAD, 'ANY')]), nominees().slice(2));
      const res = await http()
        .post('/v1/approvals/bulk')
        .set(as.specialist())
        .send({
          decisions: [
            { chainId: a.chainId, decision: 'APPROVE', itemIds: ['CO:HLHPN', 'BK:DTN'] },
            { chainId: b.chainId, decision: 'APPROVE', itemIds: ['BK:HND'] },
            { chainId: 'approval.NOPE.00000000-0000-4000-8000-000000000000', decision: 'APPROVE', itemIds: ['X'] },
          ],
        });
      expect(res.status).toBe(200);
      const results = res.body.results as { chainId: string; itemId: string; ok: boolean; code?: string }[];
      expect(results.map((r) => [r.itemId, r.ok, r.code])).toEqual([
        ['CO:HLHPN', true, undefined],
        ['BK:DTN', true, undefined],
        ['BK:HND', false, 'NOT_ASSIGNED'],
        ['X', false, 'APPROVAL_CHAIN_NOT_FOUND'],
      ]);
      expect((await http().get(`/v1/approvals/${a.chainId}`).set(as.admin())).body.status).toBe('COMPLETE');
      await recordHistoryIfAsked(a.chainId, 'approval-chain-bulk');
    });

    it('given a retried decision, should answer the first result; two different decisions at once: one wins, the other is told who', async () => {
      const view = await start(chain([level('HD', Role.COUNCIL_MEMBER, 'ANY')]), nominees().slice(0, 2));
      const first = ok(
        await decide(view.chainId, as.council(1), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }, 'retry-test-0001'),
      );
      const retried = ok(
        await decide(view.chainId, as.council(1), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }, 'retry-test-0001'),
      );
      expect(retried.log.length).toBe(first.log.length);
      expect((await workflowState(view.chainId)).log.length).toBe(first.log.length);

      const [x, y] = await Promise.all([
        decide(view.chainId, as.council(2), { decision: 'APPROVE', itemIds: ['BK:DTN'] }),
        decide(view.chainId, as.council(3), { decision: 'REJECT', itemIds: ['BK:DTN'], reason: 'Không đạt' }),
      ]);
      const statuses = [x.status, y.status].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = x.status === 409 ? x : y;
      const winner = x.status === 409 ? council(3) : council(2);
      expect(loser.body.code).toBe('TASK_ALREADY_DECIDED');
      expect(loser.body.winner).toMatchObject({ userId: winner });
      expect(loser.body.message).toContain('đã được');
    });

    it('given a run of mixed decisions, should keep every inbox equal to the workflow’s open tasks', async () => {
      const def = chain([
        level('CV', Role.BOARD_SPECIALIST, 'ANY'),
        level('HD', Role.COUNCIL_MEMBER, 'QUORUM', { quorum: { count: 2 } }),
      ]);
      const view = await start(def);
      ok(await decide(view.chainId, as.specialist(), { decision: 'APPROVE', itemIds: ['CO:HLHPN', 'BK:HND'] }));
      ok(await decide(view.chainId, as.specialist(), { decision: 'RETURN', itemIds: ['BK:DTN'], reason: 'Bổ sung' }));
      ok(await decide(view.chainId, as.council(1), { decision: 'APPROVE', itemIds: ['CO:HLHPN'] }));
      ok(await decide(view.chainId, as.council(2), { decision: 'REJECT', itemIds: ['BK:HND'], reason: 'Không đạt' }));
      // Worked out from the rules, not from the workflow's state: the specialist's level holds nothing (two items
      // passed, one went back to the submitter); at the council (2 approvals pass, 2 rejections fail) Hội LHPN has one
      // approval and Hội Nông dân one rejection, so both wait — for everyone who has not yet voted on them.
      const expected: [string, Headers, string[]][] = [
        [user(Role.BOARD_SPECIALIST, P()), as.specialist(), []],
        [council(1), as.council(1), ['BK:HND']],
        [council(2), as.council(2), ['CO:HLHPN']],
        ...[3, 4, 5].map((n): [string, Headers, string[]] => [council(n), as.council(n), ['BK:HND', 'CO:HLHPN']]),
      ];
      for (const [username, headers, items] of expected) {
        const fromInbox = (await inbox(headers)).filter((t) => t.chainId === view.chainId);
        expect({
          username,
          tasks: fromInbox.map((t) => ({ level: t.levelCode, items: t.items.map((i) => i.itemId).sort() })),
        }).toEqual({ username, tasks: items.length ? [{ level: 'HD', items }] : [] });
      }
    });
  });
});
