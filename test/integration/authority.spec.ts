import request from 'supertest';
import { CHAIN_STARTS_PER_MINUTE } from '../../src/api/approvals/approvals.service';
import { identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import type { ChainDefinition, ChainState } from '../../src/shared/approval';
import { as, grantRole, login, provisionAccounts, TEST_PASSWORD, type Headers } from './support/actors';
import { uniqueSuffix, useS1Harness } from './support/harness';
import { waitFor } from './support/wait';
import { createProvince } from './support/organisation';

type View = ChainState & { tasks: { userId: string; actingFor?: { userId: string } }[] };
type InboxRow = {
  chainId?: string;
  origin?: { kind: string; startedBy: { userId: string } };
};

/**
 * Issue 11, items 6 and 7: authority cannot be imitated (who may start which approval chain, with references that exist
 * in the caller's scope, at a bounded rate, and marked with their origin in the inbox) nor rewritten (deciding roles
 * granted by two admins and never backdated; delegates eligible for the seat and recused like anyone from their units).
 */
describe('Authority cannot be rewritten or imitated', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());
  const P = () => ctx.h.demo.provinceCode;
  const U = (key: Parameters<typeof ctx.h.demo.unit>[0]) => ctx.h.demo.unit(key);
  const foreignProvince = `Y${uniqueSuffix().toUpperCase()}`;
  const foreignBoardHead = identityUsername(Role.BOARD_HEAD, foreignProvince);
  const count = async (table: string) => Number((await ctx.h.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const userId = async (username: string) =>
    ((await http().get('/v1/admin/users').set(as.admin())).body as { id: string; username: string }[]).find(
      (u) => u.username === username,
    )?.id as string;
  const inbox = async (headers: Headers) => ((await http().get('/v1/inbox').set(headers)).body as { items: InboxRow[] }).items;

  const chairmanChain: ChainDefinition = {
    code: 'PHE_DUYET_NHANH',
    name: 'Chủ tịch phê duyệt',
    levels: [
      { code: 'CT', name: 'Chủ tịch UBND tỉnh quyết định', approvers: { role: Role.CHAIRMAN, label: 'Chủ tịch' }, mode: 'ANY' },
    ],
    maxReturnRounds: 2,
    afterMaxRounds: 'REJECT',
  } as ChainDefinition;
  const dossierTitle = 'Hồ sơ đề nghị khen thưởng năm 2020 – Khối MTTQ và các đoàn thể';
  const items = () => [{ itemId: `BK:${U('DTN')}`, title: 'Bằng khen – Tỉnh đoàn', subjectUnitCode: U('DTN') }];
  const startChain = (headers: Headers, body: object) => http().post('/v1/approvals').set(headers).send(body);

  beforeAll(async () => {
    await createProvince(ctx.h.app, foreignProvince, 'Tỉnh khác');
    await provisionAccounts(ctx.h.app, ctx.h.dataSource, [
      { username: foreignBoardHead, displayName: 'Trưởng phòng tỉnh khác', role: Role.BOARD_HEAD, provinceCode: foreignProvince },
    ]);
    await ctx.s1.start();
    await waitFor('the cycle in the read model', async () => {
      const rows: unknown[] = await ctx.h.dataSource.query(`SELECT 1 FROM cycles WHERE id = $1`, [ctx.s1.cycleId]);
      return rows.length > 0 ? true : undefined;
    });
  });

  describe('who may start which approval chain (item 6)', () => {
    it('given the focal person’s look-alike of a real dossier, should refuse it and every start naming what is not the caller’s, recording nothing', async () => {
      const chains = await count('approval_chains');
      const audit = await count('audit_log');
      const real = {
        provinceCode: P(),
        blocCode: ctx.h.demo.blocCode,
        cycleId: ctx.s1.cycleId,
        title: dossierTitle,
        items: items(),
      };
      const refusals: [string, Headers, object, number, string][] = [
        ['own CHAIRMAN chain', as.focal(U('DTN')), { ...real, definition: chairmanChain }, 403, 'CHAIN_START_FORBIDDEN'],
        [
          'catalog chain',
          as.focal(U('DTN')),
          { ...real, definitionCode: 'THAM_DINH_HO_SO_CAP_TINH' },
          403,
          'CHAIN_START_FORBIDDEN',
        ],
        // A unit head who does not lead the bloc is no Trưởng khối.
        [
          'not the leader',
          as.head(U('DTN')),
          { ...real, definitionCode: 'THAM_DINH_HO_SO_CAP_TINH' },
          403,
          'CHAIN_START_FORBIDDEN',
        ],
        // The head of the board writes ad-hoc chains, but never to levels above the board.
        ['above the board', as.boardHead(), { ...real, definition: chairmanChain }, 403, 'CHAIN_START_FORBIDDEN'],
        [
          'unknown cycle',
          as.boardHead(),
          { ...real, definitionCode: 'THAM_DINH_HO_SO_CAP_TINH', cycleId: `cycle.${P()}.${ctx.h.demo.blocCode}.1999` },
          404,
          'CYCLE_NOT_FOUND',
        ],
        [
          'another province’s cycle',
          as.user(foreignBoardHead),
          {
            ...real,
            provinceCode: foreignProvince,
            blocCode: undefined,
            items: [{ itemId: 'X', title: 'X' }],
            definitionCode: 'THAM_DINH_HO_SO_CAP_TINH',
          },
          404,
          'CYCLE_NOT_FOUND',
        ],
        [
          'unknown unit',
          as.boardHead(),
          {
            ...real,
            definitionCode: 'THAM_DINH_HO_SO_CAP_TINH',
            items: [{ itemId: 'X', title: 'X', subjectUnitCode: 'KHONG-CO' }],
          },
          404,
          'UNIT_NOT_FOUND',
        ],
      ];
      for (const [name, headers, body, status, code] of refusals) {
        const res = await startChain(headers, body);
        expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code });
        expect(res.body.message).toMatch(/\p{L}/u);
      }
      expect(await count('approval_chains')).toBe(chains);
      expect(await count('audit_log')).toBe(audit);
    });

    it('given the Trưởng khối’s dossier for his bloc’s cycle, should start it; the inbox should say who started which chain, and how', async () => {
      const started = await startChain(ctx.s1.leader, {
        definitionCode: 'THAM_DINH_HO_SO_CAP_TINH',
        provinceCode: P(),
        blocCode: ctx.h.demo.blocCode,
        cycleId: ctx.s1.cycleId,
        title: dossierTitle,
        items: items(),
      });
      expect(started.status).toBe(201);
      const chainId = (started.body as View).chainId;
      const task = (await inbox(as.specialist())).find((t) => t.chainId === chainId);
      expect(task?.origin).toEqual({
        kind: 'FREE_STANDING',
        startedBy: expect.objectContaining({ userId: identityUsername(Role.UNIT_HEAD, U('HLHPN')) }),
      });

      const byAdmin = await startChain(as.admin(), {
        definition: chairmanChain,
        provinceCode: P(),
        title: dossierTitle,
        items: items(),
      });
      expect(byAdmin.status).toBe(201);
      const look = (await inbox(as.chairman())).find((t) => t.chainId === (byAdmin.body as View).chainId);
      expect(look?.origin).toEqual({ kind: 'FREE_STANDING', startedBy: expect.objectContaining({ userId: 'admin' }) });
    });

    it(`given more than ${CHAIN_STARTS_PER_MINUTE} starts a minute by one person, should answer 429 with Retry-After`, async () => {
      const body = { definitionCode: 'THAM_DINH_HO_SO_CAP_TINH', provinceCode: P(), title: dossierTitle, items: items() };
      for (let i = 0; i < CHAIN_STARTS_PER_MINUTE; i++) {
        expect((await startChain(as.focal(U('HND')), body)).status).toBe(403);
      }
      const throttled = await startChain(as.focal(U('HND')), body);
      expect({ status: throttled.status, code: throttled.body.code }).toEqual({ status: 429, code: 'TOO_MANY_CHAIN_STARTS' });
      const retryAfter = Number(throttled.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Counted per person: another is not held back.
      expect((await startChain(as.focal(U('MTTQ')), body)).status).toBe(403);
    });
  });

  describe('grants of deciding roles take two admins (item 7a)', () => {
    it('given an admin granting himself CHAIRMAN backdated to 2019, should refuse it and record nothing', async () => {
      const audit = await count('audit_log');
      const grants = await count('role_grants');
      const admin = await userId('admin');
      const res = await http()
        .post(`/v1/admin/users/${admin}/roles`)
        .set(as.admin())
        .send({ role: 'CHAIRMAN', provinceCode: P(), validFrom: '2019-01-01T00:00:00+07:00' });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'GRANT_IN_THE_PAST' });
      expect(await count('audit_log')).toBe(audit);
      expect(await count('role_grants')).toBe(grants);
    });

    it('given a proposed CHAIRMAN grant, should not be in force; its proposer and its beneficiary cannot approve it; a second admin decides', async () => {
      const admin = await userId('admin');
      // This test's audit entries are those after the chain's head at its start.
      const head = Number((await ctx.h.dataSource.query(`SELECT coalesce(max(seq), 0) AS n FROM audit_log`))[0].n);
      const proposed = await http()
        .post(`/v1/admin/users/${admin}/roles`)
        .set(as.admin())
        .send({ role: 'CHAIRMAN', provinceCode: P() });
      expect(proposed.status).toBe(201);
      const grant = (proposed.body.pendingGrants as { id: string; role: string }[]).find((g) => g.role === 'CHAIRMAN');
      expect(grant).toBeDefined();
      // Not in force: acting as chairman is refused.
      const asChairman = await http()
        .get('/v1/inbox')
        .set({ ...as.admin(), 'x-acting-role': 'CHAIRMAN' });
      expect({ status: asChairman.status, code: asChairman.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ACTOR' });
      const own = await http().post(`/v1/admin/role-grants/${grant?.id}/approve`).set(as.admin());
      expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'GRANT_SELF_APPROVAL' });
      const refused = await http()
        .post(`/v1/admin/role-grants/${grant?.id}/refuse`)
        .set(as.admin2())
        .send({ reason: 'Không có quyết định bổ nhiệm' });
      expect(refused.status).toBe(200);
      expect(refused.body.pendingGrants).toEqual([]);
      expect((refused.body.roles as { role: string }[]).some((r) => r.role === 'CHAIRMAN')).toBe(false);
      const late = await http().post(`/v1/admin/role-grants/${grant?.id}/approve`).set(as.admin2());
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'ROLE_GRANT_NOT_PENDING' });

      // A grant to oneself is never approved by oneself, whoever proposed it.
      const forAdmin = await http()
        .post(`/v1/admin/users/${admin}/roles`)
        .set(as.admin2())
        .send({ role: 'COUNCIL_MEMBER', provinceCode: P() });
      const council = (forAdmin.body.pendingGrants as { id: string; role: string }[]).find((g) => g.role === 'COUNCIL_MEMBER');
      const selfGrant = await http().post(`/v1/admin/role-grants/${council?.id}/approve`).set(as.admin());
      expect({ status: selfGrant.status, code: selfGrant.body.code }).toEqual({ status: 403, code: 'GRANT_SELF_APPROVAL' });

      const audit: { type: string; actor_user_id: string }[] = await ctx.h.dataSource.query(
        `SELECT type, actor_user_id FROM audit_log WHERE type LIKE 'ROLE_GRANT_%' AND seq > $1 ORDER BY seq`,
        [head],
      );
      expect(audit).toEqual([
        { type: 'ROLE_GRANT_PROPOSED', actor_user_id: 'admin' },
        { type: 'ROLE_GRANT_REFUSED', actor_user_id: 'admin2' },
        { type: 'ROLE_GRANT_PROPOSED', actor_user_id: 'admin2' },
      ]);
    });

    it('given a council seat proposed for a new account, should let it decide only once a second admin approves', async () => {
      const created = await http()
        .post('/v1/admin/users')
        .set(as.admin())
        .send({ username: 'uyvien.moi', displayName: 'Phạm Văn Uỷ', password: TEST_PASSWORD });
      const proposed = await http()
        .post(`/v1/admin/users/${created.body.id}/roles`)
        .set(as.admin())
        .send({ role: 'COUNCIL_MEMBER', provinceCode: P() });
      const token = (await login(ctx.h.app, 'uyvien.moi')).body.accessToken as string;
      const before = await http()
        .get('/v1/inbox')
        .set({ authorization: `Bearer ${token}` });
      expect(before.body.code).toBe('NO_ROLE');
      const approved = await http().post(`/v1/admin/role-grants/${proposed.body.pendingGrants[0].id}/approve`).set(as.admin2());
      expect(approved.status).toBe(200);
      expect(approved.body.roles).toEqual([
        expect.objectContaining({ role: 'COUNCIL_MEMBER', current: true, grantedBy: 'admin' }),
      ]);
      expect(
        (
          await http()
            .get('/v1/inbox')
            .set({ authorization: `Bearer ${token}` })
        ).status,
      ).toBe(200);
    });
  });

  describe('delegates are eligible and recused like anyone (item 7b)', () => {
    it('given a council member delegating her seat to the head of a competing unit, should refuse it and record nothing', async () => {
      const delegations = await count('delegations');
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const res = await http()
        .post('/v1/delegations')
        .set(as.council(1))
        .send({
          toUsername: identityUsername(Role.UNIT_HEAD, U('DTN')),
          validFrom: today,
          validTo: today,
          reason: 'Đi công tác',
        });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'DELEGATE_NOT_ELIGIBLE' });
      expect(res.body.detail).toContain('COUNCIL_MEMBER');
      expect(await count('delegations')).toBe(delegations);
    });

    it('given a delegate who has lost the role that made him eligible, should give the task to the holder herself', async () => {
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const created = await http()
        .post('/v1/admin/users')
        .set(as.admin())
        .send({ username: 'uyvien.nghihuu', displayName: 'Ngô Văn Hưu', password: TEST_PASSWORD });
      const granted = await grantRole(ctx.h.app, created.body.id as string, { role: 'COUNCIL_MEMBER', provinceCode: P() });
      const holder = identityUsername(Role.COUNCIL_MEMBER, `${P()}.3`);
      const delegated = await http()
        .post('/v1/delegations')
        .set(as.council(3))
        .send({ toUsername: 'uyvien.nghihuu', validFrom: today, validTo: today, reason: 'Đi học' });
      expect(delegated.status).toBe(201);
      const ended = await http()
        .post(`/v1/admin/users/${created.body.id}/roles/${granted.roles[0].id}/end`)
        .set(as.admin())
        .send({ reason: 'Nghỉ hưu' });
      expect(ended.status).toBe(201);
      const started = await startChain(as.admin(), {
        definition: {
          ...chairmanChain,
          code: 'HOI_DONG_XET',
          levels: [
            { code: 'HD', name: 'Hội đồng xét', approvers: { role: Role.COUNCIL_MEMBER, label: 'Hội đồng' }, mode: 'ANY' },
          ],
        },
        provinceCode: P(),
        title: dossierTitle,
        items: items(),
      });
      const tasks = (started.body as View).tasks;
      expect(tasks.some((t) => t.userId === 'uyvien.nghihuu')).toBe(false);
      expect(tasks).toEqual(expect.arrayContaining([expect.objectContaining({ userId: holder })]));
      expect(tasks.find((t) => t.userId === holder)?.actingFor).toBeUndefined();
    });

    it('given an eligible delegate who has since become head of a nominated unit, should recuse him from it in whatever role he acts', async () => {
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const created = await http()
        .post('/v1/admin/users')
        .set(as.admin())
        .send({ username: 'uyvien.kiemnhiem', displayName: 'Đỗ Thị Kiêm', password: TEST_PASSWORD });
      await grantRole(ctx.h.app, created.body.id as string, { role: 'COUNCIL_MEMBER', provinceCode: P() });
      const delegated = await http()
        .post('/v1/delegations')
        .set(as.council(2))
        .send({ toUsername: 'uyvien.kiemnhiem', validFrom: today, validTo: today, reason: 'Nghỉ phép' });
      expect(delegated.status).toBe(201);
      const chain: ChainDefinition = {
        ...chairmanChain,
        code: 'HOI_DONG_XET',
        levels: [
          {
            code: 'HD',
            name: 'Hội đồng xét',
            approvers: { role: Role.COUNCIL_MEMBER, label: 'Hội đồng' },
            mode: 'QUORUM',
            quorum: { count: 3 },
          },
        ],
      } as ChainDefinition;
      const started = await startChain(as.admin(), {
        definition: chain,
        provinceCode: P(),
        title: dossierTitle,
        items: [...items(), { itemId: `BK:${U('HND')}`, title: 'Bằng khen – Hội Nông dân', subjectUnitCode: U('HND') }],
      });
      expect(started.status).toBe(201);
      const view = started.body as View;
      expect(view.tasks).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            userId: 'uyvien.kiemnhiem',
            actingFor: expect.objectContaining({ userId: identityUsername(Role.COUNCIL_MEMBER, `${P()}.2`) }),
          }),
        ]),
      );
      // After the task was assigned he becomes head of one of the nominated units.
      await grantRole(ctx.h.app, created.body.id as string, { role: 'UNIT_HEAD', unitCode: U('DTN') });
      const token = (await login(ctx.h.app, 'uyvien.kiemnhiem')).body.accessToken as string;
      const asCouncil = { authorization: `Bearer ${token}`, 'x-acting-role': 'COUNCIL_MEMBER' };
      const decide = (itemId: string, actingFor?: string) =>
        http()
          .post(`/v1/approvals/${view.chainId}/decisions`)
          .set(asCouncil)
          .send({ decision: 'APPROVE', itemIds: [itemId], ...(actingFor ? { actingFor } : {}) });
      const forHer = await decide(`BK:${U('DTN')}`, identityUsername(Role.COUNCIL_MEMBER, `${P()}.2`));
      expect({ status: forHer.status, code: forHer.body.code }).toEqual({ status: 403, code: 'RECUSED' });
      expect(forHer.body.detail).toContain(U('DTN'));
      const own = await decide(`BK:${U('DTN')}`);
      expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'RECUSED' });
      // Nothing recorded; the other unit's item he may decide.
      const state = (await http().get(`/v1/approvals/${view.chainId}`).set(as.admin())).body as View;
      expect(state.items[`BK:${U('DTN')}`].votes).toEqual([]);
      expect((await decide(`BK:${U('HND')}`, identityUsername(Role.COUNCIL_MEMBER, `${P()}.2`))).status).toBe(200);
    });
  });
});
