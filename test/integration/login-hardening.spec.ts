import type { INestApplication } from '@nestjs/common';
import { decodeJwt, SignJWT } from 'jose';
import request from 'supertest';
import { AuthService } from '../../src/api/auth/auth.service';
import { createApp } from '../../src/api/bootstrap';
import { PAGE_MAX } from '../../src/api/common/page.dto';
import type { AppConfig } from '../../src/config/config';
import { Role } from '../../src/shared/actors';
import { as, login, provisionAccounts, TEST_PASSWORD } from './support/actors';
import { useS1Harness } from './support/harness';

/**
 * Issue 11 items 4, 5 and 8 and its Low list, issue 12 item 8: login throttling that parallel requests cannot
 * overrun and an attacker cannot turn against the owner, security headers, access-token shape, password policy,
 * bounded lists and bulk requests, and the absolute session lifetime.
 */
describe('Login hardening and request bounds', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());

  /** An app behind a trusted proxy (X-Forwarded-For names the client) with its own login limits. */
  async function appWith(auth: Partial<AppConfig['auth']>): Promise<INestApplication> {
    const app = await createApp(
      { ...ctx.h.config, trustProxy: 'loopback', auth: { ...ctx.h.config.auth, ...auth } },
      { logger: false },
    );
    await app.init();
    return app;
  }
  const from = (app: INestApplication, ip: string, username: string, password: string) =>
    request(app.getHttpServer()).post('/v1/auth/login').set('x-forwarded-for', ip).send({ username, password });
  const attempts = async (username: string, outcome: string): Promise<number> =>
    Number(
      (
        await ctx.h.dataSource.query(`SELECT count(*)::int AS n FROM login_attempts WHERE username = $1 AND outcome = $2`, [
          username,
          outcome,
        ])
      )[0].n,
    );
  const newAccount = async (username: string) =>
    provisionAccounts(ctx.h.app, ctx.h.dataSource, [{ username, displayName: 'Người thử', role: Role.AUDITOR }]);

  describe('throttling', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await appWith({ maxLoginsPerMinutePerIp: 30, accountSlowAfter: 12, accountSlowSeconds: 600 });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('given 100 parallel wrong-password logins of one account from one address, should check only 5 passwords and answer the rest 429 with Retry-After', async () => {
      await newAccount('song.song');
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          request(ctx.h.app.getHttpServer())
            .post('/v1/auth/login')
            .send({ username: 'song.song', password: `sai-${i}` }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(95);
      expect(await attempts('song.song', 'BAD_CREDENTIALS')).toBe(5);
      const throttled = answers.find((a) => a.status === 429);
      expect(throttled?.body.code).toBe('LOGIN_THROTTLED');
      expect(Number(throttled?.headers['retry-after'])).toBeGreaterThan(0);
      expect(throttled?.body.message).toMatch(/thử lại sau \d+ giây/);
    });

    it('given 100 parallel logins from one address to many accounts, should check at most the per-address limit', async () => {
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => from(app, '203.0.113.50', `khong.co.${i}`, 'sai mật khẩu 1')),
      );
      expect(answers.filter((a) => a.status === 401)).toHaveLength(30);
      const throttled = answers.filter((a) => a.status === 429);
      expect(throttled).toHaveLength(70);
      expect(throttled[0].body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      expect(Number(throttled[0].headers['retry-after'])).toBeGreaterThan(0);
      const [{ n }] = await ctx.h.dataSource.query(`SELECT count(*)::int AS n FROM login_attempts WHERE ip = '203.0.113.50'`);
      expect(n).toBe(30);
    });

    it('given an attacker failing from many addresses, should never stop the owner logging in from an address they used before; a new address is slowed, not locked', async () => {
      await newAccount('chu.tai.khoan');
      expect((await from(app, '198.51.100.1', 'chu.tai.khoan', TEST_PASSWORD)).status).toBe(200);
      for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
        for (let i = 0; i < 6; i++) await from(app, ip, 'chu.tai.khoan', `đoán-${i}`);
      }
      const attacker = await from(app, '192.0.2.1', 'chu.tai.khoan', TEST_PASSWORD);
      expect(attacker.status).toBe(429);
      expect(attacker.body.code).toBe('LOGIN_THROTTLED');

      const owner = await from(app, '198.51.100.1', 'chu.tai.khoan', TEST_PASSWORD);
      expect(owner.status).toBe(200);

      const newPlace = await from(app, '198.51.100.99', 'chu.tai.khoan', TEST_PASSWORD);
      expect(newPlace.status).toBe(429);
      expect(newPlace.body.code).toBe('LOGIN_THROTTLED');
      expect(Number(newPlace.headers['retry-after'])).toBeGreaterThan(0);
      expect(newPlace.body.message).toMatch(/làm chậm; vui lòng thử lại sau \d+ (phút|giây)/);
    });

    it('given five wrong passwords from one address, should make only that address wait, say how long, and let an admin clear it', async () => {
      await newAccount('bi.khoa');
      for (let i = 0; i < 5; i++) expect((await from(app, '203.0.113.9', 'bi.khoa', `sai ${i}`)).status).toBe(401);
      const waiting = await from(app, '203.0.113.9', 'bi.khoa', TEST_PASSWORD);
      expect(waiting.status).toBe(429);
      expect(waiting.headers['retry-after']).toBe(String(waiting.body.retryAfterSeconds));
      expect(waiting.body.message).toBe(`Đăng nhập sai nhiều lần; vui lòng thử lại sau ${waiting.body.retryAfterSeconds} giây.`);
      expect((await from(app, '203.0.113.10', 'bi.khoa', TEST_PASSWORD)).status).toBe(200);

      const users = (await http().get('/v1/admin/users').set(as.admin())).body as {
        id: string;
        username: string;
        lockedForSeconds: number;
      }[];
      const account = users.find((u) => u.username === 'bi.khoa');
      expect(account?.lockedForSeconds).toBeGreaterThan(0);
      const unlocked = await http().patch(`/v1/admin/users/${account?.id}`).set(as.admin()).send({ unlock: true });
      expect(unlocked.body.lockedForSeconds).toBe(0);
      expect((await from(app, '203.0.113.9', 'bi.khoa', TEST_PASSWORD)).status).toBe(200);
    });

    it('given attempts older than they count, should prune them', async () => {
      await ctx.h.dataSource.query(
        `INSERT INTO login_attempts (username, ip, outcome, at) VALUES
           ('cu.qua', '192.0.2.77', 'BAD_CREDENTIALS', now() - interval '2 days'),
           ('cu.qua', '192.0.2.77', 'OK', now() - interval '2 days'),
           ('cu.qua', '192.0.2.77', 'OK', now() - interval '60 days')`,
      );
      expect(await ctx.h.app.get(AuthService).pruneLoginAttempts()).toBeGreaterThanOrEqual(2);
      expect(await attempts('cu.qua', 'BAD_CREDENTIALS')).toBe(0);
      expect(await attempts('cu.qua', 'OK')).toBe(1);
    });
  });

  describe('sessions and tokens', () => {
    it('given a session older than SESSION_MAX_SECONDS, should refuse its refresh with 401 SESSION_EXPIRED', async () => {
      const old = (await login(ctx.h.app, 'admin')).body;
      const fresh = (await login(ctx.h.app, 'admin')).body;
      const sid = decodeJwt(old.accessToken).sid as string;
      await ctx.h.dataSource.query(`UPDATE refresh_tokens SET created_at = now() - interval '13 hours' WHERE family_id = $1`, [
        sid,
      ]);
      const refused = await http().post('/v1/auth/refresh').send({ refreshToken: old.refreshToken });
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('SESSION_EXPIRED');
      expect((await http().post('/v1/auth/refresh').send({ refreshToken: fresh.refreshToken })).status).toBe(200);
    });

    it('given a signed token without exp, or with a malformed sub or sid, should answer 401 UNAUTHENTICATED', async () => {
      const key = new TextEncoder().encode(ctx.h.config.auth.jwtSecret);
      const admin = decodeJwt((await login(ctx.h.app, 'admin')).body.accessToken);
      const sign = (claims: { sub: string; sid: string }, exp: boolean) => {
        const jwt = new SignJWT({ sid: claims.sid })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(claims.sub)
          .setIssuer('thidua')
          .setAudience('thidua-api')
          .setIssuedAt();
        return (exp ? jwt.setExpirationTime('10m') : jwt).sign(key);
      };
      const good = { sub: String(admin.sub), sid: String(admin.sid) };
      expect(
        (
          await http()
            .get('/v1/auth/me')
            .set('authorization', `Bearer ${await sign(good, true)}`)
        ).status,
      ).toBe(200);
      for (const token of [
        await sign(good, false),
        await sign({ ...good, sid: 'not-a-session' }, true),
        await sign({ ...good, sub: 'admin' }, true),
      ]) {
        const res = await http().get('/v1/auth/me').set('authorization', `Bearer ${token}`);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      }
    });
  });

  describe('headers', () => {
    it('given an API, docs or token answer, should send the security headers and no X-Powered-By', async () => {
      const token = await login(ctx.h.app, 'admin');
      expect(token.headers['cache-control']).toBe('no-store');
      for (const res of [token, await http().get('/v1/cycles').set(as.admin()), await http().get('/docs/')]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });
  });

  describe('password policy', () => {
    const create = (username: string, password: string, displayName = 'Phạm Văn Thử') =>
      http().post('/v1/admin/users').set(as.admin()).send({ username, displayName, password });

    it('given a common, breached-list or username-derived password, should refuse it with WEAK_PASSWORD and the reason', async () => {
      const cases: [string, string, RegExp][] = [
        ['mk.pho.bien', 'password123', /phổ biến/],
        ['mk.gan.giong', 'Password2024', /phổ biến/],
        ['nguyen.van.an', 'nguyen.van.an2026', /tên đăng nhập/],
        ['mk.ngan', 'abc123', /ít nhất 10 ký tự/],
      ];
      for (const [username, password, reason] of cases) {
        const res = await create(username, password);
        expect({ username, status: res.status, code: res.body.code }).toEqual({ username, status: 422, code: 'WEAK_PASSWORD' });
        expect(res.body.message).toMatch(reason);
      }
      const created = await create('mk.tot', TEST_PASSWORD);
      expect(created.status).toBe(201);
      const reset = await http().patch(`/v1/admin/users/${created.body.id}`).set(as.admin()).send({ password: 'qwertyuiop1' });
      expect({ status: reset.status, code: reset.body.code }).toEqual({ status: 422, code: 'WEAK_PASSWORD' });
      expect(
        (await http().patch(`/v1/admin/users/${created.body.id}`).set(as.admin()).send({ password: 'thidua-demo-2026' })).status,
      ).toBe(200);
    });

    it('given a person changing their own password, should check the current one and the policy, and end their other sessions', async () => {
      await newAccount('doi.mat.khau');
      const other = (await login(ctx.h.app, 'doi.mat.khau')).body;
      const session = (await login(ctx.h.app, 'doi.mat.khau')).body;
      const change = (currentPassword: string, newPassword: string) =>
        http()
          .post('/v1/auth/password')
          .set('authorization', `Bearer ${session.accessToken}`)
          .send({ currentPassword, newPassword });
      expect((await change('sai mật khẩu 1', 'một-mật-khẩu-mới-2026')).body.code).toBe('INVALID_CREDENTIALS');
      const weak = await change(TEST_PASSWORD, 'doi.mat.khau.2026');
      expect({ status: weak.status, code: weak.body.code }).toEqual({ status: 422, code: 'WEAK_PASSWORD' });
      expect((await change(TEST_PASSWORD, 'một-mật-khẩu-mới-2026')).status).toBe(204);
      expect((await login(ctx.h.app, 'doi.mat.khau', 'một-mật-khẩu-mới-2026')).status).toBe(200);
      expect((await http().post('/v1/auth/refresh').send({ refreshToken: other.refreshToken })).status).toBe(401);
      expect((await http().post('/v1/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(200);
    });
  });

  describe('bounds', () => {
    it('given limit and offset, should page the lists; a limit over the maximum is refused', async () => {
      const all = (await http().get('/v1/admin/users').set(as.admin())).body as { username: string }[];
      expect(all.length).toBeGreaterThan(3);
      const page = (await http().get('/v1/admin/users?limit=2&offset=1').set(as.admin())).body as { username: string }[];
      expect(page.map((u) => u.username)).toEqual(all.slice(1, 3).map((u) => u.username));
      for (const path of ['/v1/admin/users', '/v1/cycles', '/v1/nominations', '/v1/approvals', '/v1/incidents']) {
        const over = await http()
          .get(`${path}?limit=${PAGE_MAX + 1}`)
          .set(as.admin());
        expect({ path, status: over.status, code: over.body.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
        const ok = await http().get(`${path}?limit=1&offset=0`).set(as.admin());
        expect({ path, status: ok.status }).toEqual({ path, status: 200 });
        // /v1/nominations pages its items beside the totals of the whole filter (NominationPageView).
        const rows = path === '/v1/nominations' ? (ok.body as { items: unknown[] }).items : (ok.body as unknown[]);
        expect(rows.length).toBeLessThanOrEqual(1);
      }
    });

    it('given a bulk request over its bounds, should refuse it whole with 400 TOO_MANY_ITEMS', async () => {
      const decision = (chainId: string) => ({ chainId, decision: 'APPROVE', itemIds: ['X'] });
      for (const decisions of [
        Array.from({ length: 101 }, () => decision('approval.none')),
        Array.from({ length: 51 }, (_, i) => decision(`approval.none.${i}`)),
      ]) {
        const res = await http().post('/v1/approvals/bulk').set(as.specialist()).send({ decisions });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'TOO_MANY_ITEMS' });
        expect(res.body.message).toContain('tối đa');
      }
    });
  });
});
