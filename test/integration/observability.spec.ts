import request from 'supertest';
import { createApp } from '../../src/api/bootstrap';
import { Role } from '../../src/shared/actors';
import { as, TEST_PASSWORD } from './support/actors';
import { useS1Harness } from './support/harness';
import { newReceiptSecret } from './support/s1-scenario';

/** The API's JSON log lines, as its pino destination received them. */
const written: string[] = [];
const logStream = { write: (chunk: string) => void written.push(chunk) };
const lines = () =>
  written
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
/** Log lines are written after the answer has gone: wait for the one with this request id. */
async function lineOf(requestId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const found = lines().find((l) => l.reqId === requestId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no log line with reqId ${requestId}; lines: ${written.join('').slice(-2000)}`);
}

/** The value of one series in the Prometheus text format (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.indexOf('}'));
    const parts = inside.split(',');
    if (wanted.every((w) => parts.includes(w)) && parts.length === wanted.length) return Number(line.split(' ').pop());
  }
  return 0;
}

describe('Operating it: JSON logs without secrets, Prometheus metrics', () => {
  const ctx = useS1Harness({ logStream });
  const http = () => request(ctx.h.app.getHttpServer());

  describe('given a login, a refresh and a vote', () => {
    const secrets: string[] = [TEST_PASSWORD];
    let choices: string[] = [];
    let receiptSecret = '';
    let voterId = '';

    beforeAll(async () => {
      const { s1 } = ctx;
      await s1.toConference();
      await s1.openBallot();
      const logged = await http()
        .post('/v1/auth/login')
        .set('x-request-id', 'obs-login-0001')
        .send({ username: 'admin', password: TEST_PASSWORD });
      expect(logged.status).toBe(200);
      const refreshed = await http()
        .post('/v1/auth/refresh')
        .set('x-request-id', 'obs-refresh-0001')
        .send({ refreshToken: logged.body.refreshToken });
      expect(refreshed.status).toBe(200);
      secrets.push(logged.body.accessToken, logged.body.refreshToken, refreshed.body.accessToken, refreshed.body.refreshToken);
      secrets.push(as.head(s1.u('HLHPN')).authorization.replace('Bearer ', ''));
      const paper = s1.paperOf({ voter: 'HLHPN', flag: ['HLHPN'], bk: ['DTN', 'HND'], leader: 'LDLD', deputy: 'DTN' });
      choices = [s1.u('HLHPN'), s1.u('DTN'), s1.u('HND')];
      receiptSecret = newReceiptSecret();
      await s1.vote(as.head(s1.u('HLHPN')), paper, 200, 'obs-vote-0001', receiptSecret);
      const me = await http()
        .get('/v1/auth/me')
        .set(as.head(s1.u('HLHPN')));
      voterId = me.body.id ?? me.body.userId;
    });

    it('when the lines are read, should hold none of the password, the tokens, the receipt secret or the choices', async () => {
      await lineOf('obs-vote-0001');
      const text = written.join('');
      for (const secret of [...secrets, receiptSecret]) expect(text).not.toContain(secret);
      for (const unit of choices) expect(text).not.toContain(unit);
      expect(text).not.toContain('"choices"');
      expect(text).not.toContain('mật-khẩu');
    });

    it('when the lines are read, should name each request by its id, route template, status and duration', async () => {
      expect(await lineOf('obs-login-0001')).toMatchObject({ route: '/v1/auth/login', res: { statusCode: 200 }, level: 'info' });
      expect(await lineOf('obs-refresh-0001')).toMatchObject({ route: '/v1/auth/refresh', res: { statusCode: 200 } });
      const vote = await lineOf('obs-vote-0001');
      expect(vote).toMatchObject({
        route: '/v1/cycles/:cycleId/ballot/votes',
        method: 'POST',
        res: { statusCode: 200 },
        userId: voterId,
        role: Role.UNIT_HEAD,
      });
      expect(typeof vote.durationMs).toBe('number');
      expect(typeof vote.time).toBe('string');
      expect(vote).not.toHaveProperty('req.headers');
    });

    it('given no or an unusable x-request-id, should generate one, answer it in X-Request-Id and log it', async () => {
      const kept = await http().get('/v1/health/live').set('x-request-id', 'obs-live-0001');
      expect(kept.headers['x-request-id']).toBe('obs-live-0001');
      for (const offered of [undefined, 'spaces are not a token', 'x'.repeat(200)]) {
        const call = http().get('/v1/health/live');
        const res = await (offered === undefined ? call : call.set('x-request-id', offered));
        const id = res.headers['x-request-id'];
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(await lineOf(id)).toMatchObject({ route: '/v1/health/live', res: { statusCode: 200 } });
      }
    });
  });

  describe('given /metrics', () => {
    it('when requests were answered, should count them by route template and status, with the latency histogram', async () => {
      const before = (await http().get('/metrics')).text;
      const labels = { method: 'GET', route: '/v1/cycles/:cycleId', status: '200' };
      const missing = { method: 'GET', route: '/v1/cycles/:cycleId', status: '404' };
      for (let i = 0; i < 3; i++) expect((await http().get(`/v1/cycles/${ctx.s1.cycleId}`).set(as.admin())).status).toBe(200);
      expect((await http().get('/v1/cycles/cycle.NONE.NONE.1999').set(as.admin())).status).toBe(404);
      const scraped = await http().get('/metrics');
      expect(scraped.status).toBe(200);
      expect(scraped.headers['content-type']).toContain('text/plain');
      const after = scraped.text;
      expect(sample(after, 'thidua_http_requests_total', labels) - sample(before, 'thidua_http_requests_total', labels)).toBe(3);
      expect(sample(after, 'thidua_http_requests_total', missing) - sample(before, 'thidua_http_requests_total', missing)).toBe(
        1,
      );
      expect(
        sample(after, 'thidua_http_request_duration_seconds_count', labels) -
          sample(before, 'thidua_http_request_duration_seconds_count', labels),
      ).toBe(3);
      expect(after).toContain('thidua_api_process_resident_memory_bytes');
    });

    it('when scraped, should report the cycles by phase and the open tasks read at scrape time', async () => {
      const province = ctx.h.demo.provinceCode;
      const text = (await http().get('/metrics')).text;
      expect(text).toMatch(/^thidua_domain_metrics_up 1$/m);
      expect(sample(text, 'thidua_cycles', { province, phase: 'CONFERENCE' })).toBe(1);
      expect(sample(text, 'thidua_cycles', { province, phase: 'COMPLETED' })).toBe(0);
      expect(text).toContain(`thidua_cycles{province="${province}",phase="COMPLETED"} 0`);
      const [{ n }] = await ctx.h.dataSource.query(`SELECT count(*)::int AS n FROM approval_tasks WHERE province_code = $1`, [
        province,
      ]);
      expect(sample(text, 'thidua_open_tasks', { province })).toBe(n);
    });

    it('given METRICS_TOKEN, should refuse a scrape without the bearer token and answer one with it', async () => {
      const token = 'metrics-token-for-the-test-0123456789';
      const app = await createApp({ ...ctx.h.config, metricsToken: token }, { logger: false });
      await app.init();
      try {
        const refused = await request(app.getHttpServer()).get('/metrics');
        expect(refused.status).toBe(401);
        expect(refused.text).not.toContain('thidua_http_requests_total');
        const wrong = await request(app.getHttpServer()).get('/metrics').set('authorization', 'Bearer nope');
        expect(wrong.status).toBe(401);
        const answered = await request(app.getHttpServer()).get('/metrics').set('authorization', `Bearer ${token}`);
        expect(answered.status).toBe(200);
        expect(answered.text).toContain('thidua_http_requests_total');
      } finally {
        await app.close();
      }
    });
  });
});
