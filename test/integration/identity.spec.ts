import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/api/bootstrap';
import { identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import { Phase } from '../../src/shared/cycle-types';
import { as, grantRole, login, provisionAccounts } from './support/actors';
import { useS1Harness } from './support/harness';
import { CRITERIA } from './support/s1-scenario';
import { createProvince } from './support/organisation';

/**
 * Issue 5, identity and access: password login, refresh rotation, logout, lockout and rate limiting; admin
 * management of accounts and dated roles; and the authority rules (unit, leader, board, chairman, auditor).
 */
describe('Identity and access', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const auditLength = async () => Number((await ctx.h.dataSource.query(`SELECT count(*) AS n FROM audit_log`))[0].n);

  describe('login, refresh, logout', () => {
    it('given the right password, should issue tokens whose holder sees their roles and units', async () => {
      const username = identityUsername(Role.UNIT_HEAD, ctx.h.demo.unit('DTN'));
      const res = await login(ctx.h.app, username.toUpperCase());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
      const me = await http().get('/v1/auth/me').set(bearer(res.body.accessToken));
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ username, disabled: false, lockedForSeconds: 0 });
      expect(me.body.roles).toEqual([
        expect.objectContaining({
          role: 'UNIT_HEAD',
          unitCode: ctx.h.demo.unit('DTN'),
          current: true,
          labelVi: expect.stringContaining('Thủ trưởng đơn vị'),
        }),
      ]);
      expect(JSON.stringify(me.body)).not.toContain('argon2');
    });

    it('given a wrong password or an unknown user, should answer the same 401 INVALID_CREDENTIALS', async () => {
      const wrong = await login(ctx.h.app, 'admin', 'not the password 1');
      const unknown = await login(ctx.h.app, 'nobody.here', 'not the password 1');
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
      }
      expect(wrong.body.detail).toBe(unknown.body.detail);
    });

    it('given a refresh token, should rotate it; reusing the old one should end the whole session', async () => {
      const first = (await login(ctx.h.app, 'admin')).body;
      const second = await http().post('/v1/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await http().get('/v1/auth/me').set(bearer(second.body.accessToken))).status).toBe(200);

      const replayed = await http().post('/v1/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(replayed.status).toBe(401);
      expect(replayed.body.code).toBe('INVALID_REFRESH_TOKEN');
      // The thief's replay revoked the family: the legitimate newer tokens are dead too.
      expect((await http().post('/v1/auth/refresh').send({ refreshToken: second.body.refreshToken })).status).toBe(401);
      expect((await http().get('/v1/auth/me').set(bearer(second.body.accessToken))).status).toBe(401);
    });

    it('given a logout, should refuse the access and refresh tokens of that session only', async () => {
      const session = (await login(ctx.h.app, 'admin')).body;
      const other = (await login(ctx.h.app, 'admin')).body;
      expect((await http().post('/v1/auth/logout').set(bearer(session.accessToken))).status).toBe(204);
      const after = await http().get('/v1/cycles').set(bearer(session.accessToken));
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('UNAUTHENTICATED');
      expect((await http().post('/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
      expect((await http().get('/v1/cycles').set(bearer(other.accessToken))).status).toBe(200);
    });

    it('given five wrong passwords, should make the address wait (not lock the account) and say for how long, until an admin clears it', async () => {
      const username = identityUsername(Role.UNIT_FOCAL, ctx.h.demo.unit('MTTQ'));
      for (let i = 0; i < 5; i++) expect((await login(ctx.h.app, username, `sai mật khẩu ${i}`)).status).toBe(401);
      const waiting = await login(ctx.h.app, username);
      expect(waiting.status).toBe(429);
      expect(waiting.body.code).toBe('LOGIN_THROTTLED');
      expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
      expect(waiting.body.message).toMatch(/^Đăng nhập sai nhiều lần; vui lòng thử lại sau \d+ giây\.$/);
      // An unknown username waits the same way, so the answers do not reveal which accounts exist.
      for (let i = 0; i < 5; i++) await login(ctx.h.app, 'khong.ton.tai', `sai ${i}`);
      expect((await login(ctx.h.app, 'khong.ton.tai', 'sai 6')).body.code).toBe('LOGIN_THROTTLED');

      const users = (await http().get('/v1/admin/users').set(as.admin())).body as {
        id: string;
        username: string;
        lockedForSeconds: number;
      }[];
      const account = users.find((u) => u.username === username);
      expect(account?.lockedForSeconds).toBeGreaterThan(0);
      const unlocked = await http().patch(`/v1/admin/users/${account?.id}`).set(as.admin()).send({ unlock: true });
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.lockedForSeconds).toBe(0);
      expect((await login(ctx.h.app, username)).status).toBe(200);
    });

    describe('with a low per-address limit behind a trusted proxy', () => {
      let limited: INestApplication;
      beforeAll(async () => {
        limited = await createApp(
          { ...ctx.h.config, trustProxy: 'loopback', auth: { ...ctx.h.config.auth, maxLoginsPerMinutePerIp: 3 } },
          { logger: false },
        );
        await limited.init();
      });
      afterAll(async () => {
        await limited?.close();
      });

      it('given a fourth attempt in a minute from one address, should answer 429; another address is not affected', async () => {
        const from = (ip: string) =>
          request(limited.getHttpServer())
            .post('/v1/auth/login')
            .set('x-forwarded-for', ip)
            .send({ username: 'admin', password: 'x' });
        for (let i = 0; i < 3; i++) expect((await from('203.0.113.7')).status).toBe(401);
        const throttled = await from('203.0.113.7');
        expect(throttled.status).toBe(429);
        expect(throttled.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
        expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
        expect((await from('198.51.100.20')).status).toBe(401);
      });
    });
  });

  describe('administration of accounts and dated roles', () => {
    it('given an admin, should create an account, grant a dated role, and record both in the verified audit chain', async () => {
      const before = await auditLength();
      const created = await http()
        .post('/v1/admin/users')
        .set(as.admin())
        .send({ username: 'Chuyenvien.Moi', displayName: 'Nguyễn Thị Hoa', password: 'mật-khẩu-mới-2026' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username: 'chuyenvien.moi', displayName: 'Nguyễn Thị Hoa', roles: [] });
      // No role yet: logged in, but refused everything but its own profile.
      const token = (await login(ctx.h.app, 'chuyenvien.moi', 'mật-khẩu-mới-2026')).body.accessToken as string;
      const noRole = await http().get('/v1/cycles').set(bearer(token));
      expect(noRole.status).toBe(403);
      expect(noRole.body.code).toBe('NO_ROLE');

      // A deciding role is only proposed by one admin: not in force until a second admin approves it.
      const proposed = await http()
        .post(`/v1/admin/users/${created.body.id}/roles`)
        .set(as.admin())
        .send({ role: 'BOARD_SPECIALIST', provinceCode: ctx.h.demo.provinceCode, reason: 'Quyết định số 12/QĐ-SNV' });
      expect(proposed.status).toBe(201);
      expect(proposed.body.roles).toEqual([]);
      expect(proposed.body.pendingGrants).toEqual([
        expect.objectContaining({ role: 'BOARD_SPECIALIST', status: 'PENDING', proposedBy: 'admin' }),
      ]);
      expect((await http().get('/v1/cycles').set(bearer(token))).body.code).toBe('NO_ROLE');
      const granted = await http().post(`/v1/admin/role-grants/${proposed.body.pendingGrants[0].id}/approve`).set(as.admin2());
      expect(granted.status).toBe(200);
      expect(granted.body.roles).toEqual([
        expect.objectContaining({ role: 'BOARD_SPECIALIST', current: true, grantedBy: 'admin' }),
      ]);
      expect(granted.body.pendingGrants).toEqual([]);
      expect((await http().get('/v1/cycles').set(bearer(token))).status).toBe(200);

      const entries: { type: string; actor_user_id: string; cycle_id: string | null }[] = await ctx.h.dataSource.query(
        `SELECT type, actor_user_id, cycle_id FROM audit_log ORDER BY seq DESC LIMIT 3`,
      );
      expect(entries.map((e) => e.type)).toEqual(['ROLE_GRANT_APPROVED', 'ROLE_GRANT_PROPOSED', 'USER_CREATED']);
      expect(entries.map((e) => e.actor_user_id)).toEqual(['admin2', 'admin', 'admin']);
      expect(entries.every((e) => e.cycle_id === null)).toBe(true);
      expect(await auditLength()).toBe(before + 3);
      const verified = await http().get('/v1/audit/verify').set(as.auditor());
      expect(verified.body).toMatchObject({ ok: true });
    });

    it('given a role not yet in force or already ended, should not count it', async () => {
      const created = await http()
        .post('/v1/admin/users')
        .set(as.admin())
        .send({ username: 'truongphong.sap.nhan', displayName: 'Trần Văn Bình', password: 'mật-khẩu-mới-2026' });
      const id = created.body.id as string;
      const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
      await grantRole(ctx.h.app, id, { role: 'BOARD_HEAD', provinceCode: ctx.h.demo.provinceCode, validFrom: future });
      const token = (await login(ctx.h.app, 'truongphong.sap.nhan', 'mật-khẩu-mới-2026')).body.accessToken as string;
      expect((await http().get('/v1/cycles').set(bearer(token))).body.code).toBe('NO_ROLE');

      const current = await http().post(`/v1/admin/users/${id}/roles`).set(as.admin()).send({ role: 'AUDITOR' });
      expect((await http().get('/v1/cycles').set(bearer(token))).status).toBe(200);
      const assignment = (current.body.roles as { id: string; role: string }[]).find((r) => r.role === 'AUDITOR');
      const ended = await http()
        .post(`/v1/admin/users/${id}/roles/${assignment?.id}/end`)
        .set(as.admin())
        .send({ reason: 'Chuyển công tác' });
      expect(ended.status).toBe(201);
      expect(ended.body.roles.find((r: { id: string }) => r.id === assignment?.id)).toMatchObject({ current: false });
      expect((await http().get('/v1/cycles').set(bearer(token))).body.code).toBe('NO_ROLE');
    });

    it('given bad input, should refuse with a clear code and store nothing', async () => {
      const before = await auditLength();
      const weak = await http()
        .post('/v1/admin/users')
        .set(as.admin())
        .send({ username: 'yeu.qua', displayName: 'A', password: 'short' });
      expect({ status: weak.status, code: weak.body.code }).toEqual({ status: 422, code: 'WEAK_PASSWORD' });
      const taken = await http()
        .post('/v1/admin/users')
        .set(as.admin())
        .send({ username: 'ADMIN', displayName: 'B', password: 'mật-khẩu-mới-2026' });
      expect({ status: taken.status, code: taken.body.code }).toEqual({ status: 409, code: 'USER_EXISTS' });
      const users = (await http().get('/v1/admin/users').set(as.admin())).body as { id: string; username: string }[];
      const admin = users.find((u) => u.username === 'admin');
      const unitRoleWithoutUnit = await http()
        .post(`/v1/admin/users/${admin?.id}/roles`)
        .set(as.admin())
        .send({ role: 'UNIT_HEAD' });
      expect(unitRoleWithoutUnit.status).toBe(400);
      const foreignUnit = await http()
        .post(`/v1/admin/users/${admin?.id}/roles`)
        .set(as.admin())
        .send({ role: 'UNIT_HEAD', unitCode: 'NO-SUCH-UNIT' });
      expect(foreignUnit.body.code).toBe('UNIT_NOT_FOUND');
      expect(await auditLength()).toBe(before);
      expect(users.some((u) => u.username === 'yeu.qua')).toBe(false);
    });

    it('given a non-admin, should refuse every account administration with FORBIDDEN_ACTOR', async () => {
      for (const headers of [as.boardHead(), as.head(ctx.h.demo.unit('HLHPN'))]) {
        const list = await http().get('/v1/admin/users').set(headers);
        const create = await http()
          .post('/v1/admin/users')
          .set(headers)
          .send({ username: 'x.y.z', displayName: 'X', password: 'mật-khẩu-mới-2026' });
        expect([list.status, create.status]).toEqual([403, 403]);
      }
      // The auditor reads accounts and their roles (who held which authority when) but changes none.
      expect((await http().get('/v1/admin/users').set(as.auditor())).status).toBe(200);
      const byAuditor = await http()
        .post('/v1/admin/users')
        .set(as.auditor())
        .send({ username: 'x.y.z', displayName: 'X', password: 'mật-khẩu-mới-2026' });
      expect(byAuditor.status).toBe(403);
    });

    it('given a person holding two roles, should ask which one they act in, and act in the one named', async () => {
      const created = await http()
        .post('/v1/admin/users')
        .set(as.admin())
        .send({ username: 'kiem.nhiem', displayName: 'Lê Thị Kiêm Nhiệm', password: 'mật-khẩu-mới-2026' });
      for (const role of [
        { role: 'UNIT_FOCAL', unitCode: ctx.h.demo.unit('HCCB') },
        { role: 'COUNCIL_MEMBER', provinceCode: ctx.h.demo.provinceCode },
      ]) {
        await grantRole(ctx.h.app, created.body.id as string, role);
      }
      const token = (await login(ctx.h.app, 'kiem.nhiem', 'mật-khẩu-mới-2026')).body.accessToken as string;
      const ambiguous = await http().get('/v1/cycles').set(bearer(token));
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.code).toBe('ROLE_SELECTION_REQUIRED');
      expect(ambiguous.body.detail).toContain('COUNCIL_MEMBER');
      const chosen = await http()
        .get('/v1/cycles')
        .set({ ...bearer(token), 'x-acting-role': 'COUNCIL_MEMBER' });
      expect(chosen.status).toBe(200);
      // Who am I, and logging out, need no choice of role.
      const me = await http().get('/v1/auth/me').set(bearer(token));
      expect(me.status).toBe(200);
      expect((me.body.roles as { role: string }[]).map((r) => r.role).sort()).toEqual(['COUNCIL_MEMBER', 'UNIT_FOCAL']);
      expect((await http().post('/v1/auth/logout').set(bearer(token))).status).toBe(204);
    });
  });

  describe('authority over the cycle (checked at the API and again by the workflow)', () => {
    // One cycle, one test: each section acts on the cycle the section before left (PLEDGE, then the auditor on that
    // cycle, then on to the decision), so they are sections of a single test rather than tests that could not run alone.
    it('given one cycle from PLEDGE to the chairman’s decision, should hold each actor to their own unit, role and province at every step', async () => {
      // 1. Given the cycle in PLEDGE: unit A’s head cannot act for unit B, a member cannot act as Trưởng khối, another province cannot act at all.
      {
        const { h, s1 } = ctx;
        await s1.start();
        await s1.launch();
        const hnd = as.head(h.demo.unit('HND'));
        const actingForB = await http()
          .post(`/v1/cycles/${s1.cycleId}/pledges`)
          .set({ ...hnd, 'x-acting-unit': h.demo.unit('DTN') });
        expect({ status: actingForB.status, code: actingForB.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ACTOR' });
        await s1.signAll();
        await s1.waitForPhase(Phase.SELF_ASSESSMENT);
        await s1.submitAssessment('DTN');
        const approveForB = await http()
          .post(`/v1/cycles/${s1.cycleId}/units/${h.demo.unit('DTN')}/assessment/approval`)
          .set(hnd);
        expect({ status: approveForB.status, code: approveForB.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ACTOR' });

        const memberAsLeader = await http()
          .post(`/v1/cycles/${s1.cycleId}/self-assessment/close`)
          .set(as.head(h.demo.unit('LDLD')));
        expect({ status: memberAsLeader.status, code: memberAsLeader.body.code }).toEqual({ status: 403, code: 'NOT_LEADER' });

        await createProvince(h.app, 'GL-X', 'Tỉnh khác');
        await provisionAccounts(h.app, h.dataSource, [
          { username: 'truongphong.gl-x', displayName: 'Trưởng phòng tỉnh khác', role: Role.BOARD_HEAD, provinceCode: 'GL-X' },
        ]);
        const foreign = await http()
          .post(`/v1/cycles/${s1.cycleId}/units/${h.demo.unit('DTN')}/assessment/approval`)
          .set(as.user('truongphong.gl-x'));
        expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
        const foreignStart = await http()
          .post('/v1/cycles')
          .set(as.user('truongphong.gl-x'))
          .send({ provinceCode: h.demo.provinceCode, blocCode: h.demo.blocCode, year: 2031 });
        expect(foreignStart.body.code).toBe('OUT_OF_SCOPE');
      }

      // 2. Given the auditor, should read every read route and be refused every write, recording nothing.
      {
        const { h, s1 } = ctx;
        const doc = (await http().get('/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
        const values: Record<string, string> = {
          cycleId: s1.cycleId,
          unitCode: h.demo.unit('DTN'),
          provinceCode: h.demo.provinceCode,
          version: `${h.demo.provinceCode}-ND91-2017`,
          conditionId: '00000000-0000-4000-8000-000000000001',
          userId: '00000000-0000-4000-8000-000000000002',
          assignmentId: '00000000-0000-4000-8000-000000000003',
          year: String(h.demo.year),
        };
        const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
        const before = {
          audit: await auditLength(),
          history: (await h.client.workflow.getHandle(s1.cycleId).fetchHistory()).events?.length,
        };
        const wrong: string[] = [];
        let reads = 0;
        for (const [path, ops] of Object.entries(doc.paths)) {
          for (const method of Object.keys(ops)) {
            if (path.startsWith('/v1/auth/')) continue; // the auditor's own session
            // The board's report is of the caller's own province, for board roles only (read-scope.spec.ts); the auditor
            // reads the same nominations through /v1/nominations.
            if (path.startsWith('/v1/reports/')) continue;
            const url = fill(path);
            if (method === 'get') {
              const res = await http().get(url).set(as.auditor());
              reads++;
              if (res.status === 401 || res.status === 403) wrong.push(`GET ${path} -> ${res.status} ${res.body.code}`);
            } else if (['post', 'put', 'patch', 'delete'].includes(method)) {
              const res = await http()[method as 'post'](url).set(as.auditor()).send({});
              if (res.status < 400 || res.status >= 500) wrong.push(`${method.toUpperCase()} ${path} -> ${res.status}`);
            }
          }
        }
        expect(reads).toBeGreaterThan(10);
        expect(wrong).toEqual([]);
        expect(await auditLength()).toBe(before.audit);
        expect((await h.client.workflow.getHandle(s1.cycleId).fetchHistory()).events?.length).toBe(before.history);
      }

      // 3. Given the chairman’s decision: a board specialist is refused; after the handover the former leader is refused and the new one leads.
      {
        const { h, s1 } = ctx;
        await s1.assessAll(['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND']);
        await s1.approveAssessment('DTN');
        await s1.reviewAssessment('DTN', 'ACCEPT');
        await s1.conferenceToDossier();
        const inAppraisal = await s1.reviewDossier('ACCEPT', undefined, '2020-12-31');
        const voted = await s1.councilVote(await s1.appraiseAll(inAppraisal));
        expect(voted.phase).toBe(Phase.DECISION);

        const bySpecialist = await http()
          .post(`/v1/cycles/${s1.cycleId}/decisions`)
          .set(as.specialist())
          .send({
            decisionNumber: '125/QĐ-UBND',
            decisionDate: s1.dates.decision,
            items: [{ nomineeId: voted.nominees[0].id, approve: true }],
          });
        expect({ status: bySpecialist.status, code: bySpecialist.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ACTOR' });

        const hlhpn = as.head(h.demo.unit('HLHPN'));
        const before = (await http().get('/v1/auth/me').set(hlhpn)).body;
        expect(before.blocAuthorities).toEqual([
          expect.objectContaining({ capacity: 'LEADER', blocCode: h.demo.blocCode, year: 2020 }),
        ]);
        await s1.decideAll(voted);
        await s1.waitForPhase(Phase.COMPLETED);

        // Handover: Hội LHPN's head no longer holds Trưởng khối; LĐLĐ's head does, from the handover on.
        const after = (await http().get('/v1/auth/me').set(hlhpn)).body;
        expect(after.blocAuthorities).toEqual([]);
        const ldld = as.head(h.demo.unit('LDLD'));
        const incoming = (await http().get('/v1/auth/me').set(ldld)).body;
        expect(incoming.blocAuthorities).toEqual([
          expect.objectContaining({
            capacity: 'LEADER',
            blocCode: h.demo.blocCode,
            year: 2021,
            labelVi: expect.stringContaining('Trưởng khối'),
          }),
        ]);

        const next = await http()
          .post('/v1/cycles')
          .set(as.boardHead())
          .send({ provinceCode: h.demo.provinceCode, blocCode: h.demo.blocCode, year: 2021 });
        expect(next.status).toBe(201);
        expect(next.body.leaderUnit).toBe(h.demo.unit('LDLD'));
        const launchBody = {
          plan: 'Kế hoạch thi đua năm 2021',
          pledgeText: 'Giao ước thi đua năm 2021',
          criteria: CRITERIA,
          pledgeDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          selfAssessmentDeadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
        };
        const byFormer = await http().post(`/v1/cycles/${next.body.cycleId}/launch`).set(hlhpn).send(launchBody);
        expect({ status: byFormer.status, code: byFormer.body.code }).toEqual({ status: 403, code: 'NOT_LEADER' });
        const byIncoming = await http().post(`/v1/cycles/${next.body.cycleId}/launch`).set(ldld).send(launchBody);
        expect(byIncoming.status).toBe(200);
      }
    });
  });
});
