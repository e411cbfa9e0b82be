import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/api/bootstrap';
import type { AppConfig } from '../../src/config/config';
import { as } from './support/actors';
import { requireEnv, uniqueSuffix, useS1Harness } from './support/harness';
import { CRITERIA } from './support/s1-scenario';

const DAY = 86_400_000;

/**
 * Issue 11 item 5: an outage says so. A stopped database answers 503 SERVICE_UNAVAILABLE with Retry-After (not 500),
 * readiness names what fails, and a decision whose workflow does not answer (no worker) gets 202 REQUEST_IN_PROGRESS
 * within the bounded wait; re-sending it with the same request id once the worker is back returns the result.
 */
describe('Outages', () => {
  const ctx = useS1Harness();
  const extraApps: INestApplication[] = [];
  async function appWith(config: Partial<AppConfig>): Promise<INestApplication> {
    const app = await createApp({ ...ctx.h.config, ...config }, { logger: false });
    await app.init();
    extraApps.push(app);
    return app;
  }
  afterAll(async () => {
    for (const app of extraApps) await app.close();
  });

  describe('with the worker stopped', () => {
    it('given a decision, should answer 202 REQUEST_IN_PROGRESS within the bounded wait; re-sent with the same request id after the worker is back, should return the result', async () => {
      const app = await appWith({ updateWaitSeconds: 2 });
      await ctx.s1.start();
      await ctx.h.stopWorker();
      const requestId = `outage-launch-${uniqueSuffix()}`;
      const launch = () =>
        request(app.getHttpServer())
          .post(`/v1/cycles/${ctx.s1.cycleId}/launch`)
          .set(ctx.s1.leader)
          .set('x-request-id', requestId)
          .send({
            plan: 'Kế hoạch thi đua năm 2020 của Khối thi đua',
            pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ chính trị năm 2020',
            criteria: CRITERIA,
            pledgeDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
            selfAssessmentDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
          });
      const pending = await launch();
      expect(pending.status).toBe(202);
      expect(pending.body).toMatchObject({ code: 'REQUEST_IN_PROGRESS', requestId, status: 202 });
      expect(Number(pending.headers['retry-after'])).toBeGreaterThan(0);

      await ctx.h.startWorker();
      // The client polls: re-sends the same request until it is no longer in progress.
      let answer = await launch();
      for (let i = 0; i < 30 && answer.status === 202; i++) answer = await launch();
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ cycleId: ctx.s1.cycleId, phase: 'PLEDGE' });
      // Decided once: the same request id answers the same result again.
      const repeated = await launch();
      expect(repeated.status).toBe(200);
      expect(repeated.body.phase).toBe('PLEDGE');
    });

    it('given Prefer: wait, should answer 202 after the wait asked for instead of the server’s, and hold a re-send with a longer wait until the workflow answers', async () => {
      const app = await appWith({ updateWaitSeconds: 4 });
      await ctx.h.stopWorker();
      const requestId = `outage-pledge-${uniqueSuffix()}`;
      const sign = (prefer: string) =>
        request(app.getHttpServer())
          .post(`/v1/cycles/${ctx.s1.cycleId}/pledges`)
          .set(as.head(ctx.s1.u('HND')))
          .set('x-request-id', requestId)
          .set('prefer', prefer)
          .send({});
      const t0 = Date.now();
      const pending = await sign('wait=1');
      expect(pending.status).toBe(202);
      expect(pending.body).toMatchObject({ code: 'REQUEST_IN_PROGRESS', requestId });
      // Its own 1 s, not the server's 4 s.
      expect(Date.now() - t0).toBeLessThan(3500);

      // Re-sent willing to wait 20 s; the worker comes back after longer than the server's 4 s. One request answers.
      const t1 = Date.now();
      const held = sign('respond-async, wait=20');
      await new Promise((resolve) => setTimeout(resolve, 5000));
      await ctx.h.startWorker();
      const answer = await held;
      expect(answer.status).toBe(200);
      expect(Date.now() - t1).toBeGreaterThan(5000);
      expect(answer.body.pledges[ctx.s1.u('HND')]).toBeDefined();
    });

    it('given no worker polling the task queue, should answer readiness 503 naming the worker; liveness stays 200', async () => {
      const app = await appWith({ temporal: { ...ctx.h.config.temporal, taskQueue: `nobody-polls-${uniqueSuffix()}` } });
      const ready = await request(app.getHttpServer()).get('/v1/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', postgres: 'ok', temporal: 'ok', failing: ['worker'] });
      expect(ready.body.worker).toContain('no worker has polled');
      expect(ready.headers['retry-after']).toBeDefined();
      expect((await request(app.getHttpServer()).get('/v1/health')).status).toBe(503);
      expect((await request(app.getHttpServer()).get('/v1/health/live')).status).toBe(200);
      expect((await request(ctx.h.app.getHttpServer()).get('/v1/health/ready')).body).toEqual({
        status: 'ok',
        postgres: 'ok',
        temporal: 'ok',
        worker: 'ok',
      });
    });
  });

  describe('with the database refusing connections', () => {
    let admin: DataSource;
    let database: string;
    const allowConnections = (allow: boolean) => admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS ${allow}`);
    beforeAll(async () => {
      database = new URL(ctx.h.config.databaseUrl).pathname.slice(1);
      admin = new DataSource({ type: 'postgres', url: requireEnv('TEST_DATABASE_URL') });
      await admin.initialize();
      await allowConnections(false);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
        database,
      ]);
    });
    afterAll(async () => {
      await allowConnections(true);
      await admin.destroy();
    });
    const http = () => request(ctx.h.app.getHttpServer());

    it('given readiness, should answer 503 naming the database; liveness stays 200', async () => {
      const ready = await http().get('/v1/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.failing).toEqual(['postgres']);
      // PostgreSQL's refusal of a new connection, or its end of one the pool held when the backends were terminated.
      expect(ready.body.postgres).toMatch(
        /not currently accepting connections|terminating connection due to administrator command/,
      );
      expect((await http().get('/v1/health/live')).body).toEqual({ status: 'ok' });
    });

    it('given a read or a login, should answer 503 SERVICE_UNAVAILABLE with Retry-After, not 500', async () => {
      for (const res of [
        await http().get('/v1/cycles').set(as.admin()),
        await http().get('/v1/admin/users').set(as.admin()),
        await http().post('/v1/auth/login').send({ username: 'admin', password: 'mật-khẩu-thử-2026' }),
      ]) {
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
        expect(res.body.message).toContain('tạm thời gián đoạn');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    });

    it('given the database back, should be ready and answer again', async () => {
      await allowConnections(true);
      expect((await http().get('/v1/health/ready')).status).toBe(200);
      expect((await http().get('/v1/cycles').set(as.admin())).status).toBe(200);
    });
  });
});
