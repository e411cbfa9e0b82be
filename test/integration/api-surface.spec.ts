import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';

describe('API surface: docs, health, identity, limits', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
  });

  afterAll(async () => {
    await h?.close();
  });

  const http = () => request(h.app.getHttpServer());

  it('given the OpenAPI document, should describe every step and read with its refusals', async () => {
    const res = await http().get('/docs/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths as object);
    for (const p of [
      '/v1/cycles',
      '/v1/cycles/{cycleId}/launch',
      '/v1/cycles/{cycleId}/pledges',
      '/v1/cycles/{cycleId}/units/{unitCode}/assessment',
      '/v1/cycles/{cycleId}/units/{unitCode}/assessment/approval',
      '/v1/cycles/{cycleId}/units/{unitCode}/assessment/review',
      '/v1/cycles/{cycleId}/self-assessment/close',
      '/v1/cycles/{cycleId}/conference',
      '/v1/cycles/{cycleId}/ballot',
      '/v1/cycles/{cycleId}/ballot/votes',
      '/v1/cycles/{cycleId}/ballot/close',
      '/v1/cycles/{cycleId}/ballot/restart',
      '/v1/cycles/{cycleId}/dossier',
      '/v1/cycles/{cycleId}/dossier/review',
      '/v1/cycles/{cycleId}/appraisal',
      '/v1/cycles/{cycleId}/appraisal/approval',
      '/v1/cycles/{cycleId}/council-vote',
      '/v1/cycles/{cycleId}/decisions',
      '/v1/cycles/{cycleId}/timeline',
      '/v1/cycles/{cycleId}/late-units',
      '/v1/nominations',
      '/v1/reports/nominations',
      '/v1/reports/nominations/export',
      '/v1/units/{unitCode}/awards',
      '/v1/units/{unitCode}/nominations',
      '/v1/health',
    ]) {
      expect(paths).toContain(p);
    }
    expect(res.body.paths['/v1/cycles/{cycleId}/launch'].post.responses['409']).toBeDefined();
    expect((await http().get('/docs')).status).toBe(200);
  });

  it('given the running API, should serve exactly the committed contract the web application is typed from', async () => {
    const res = await http().get('/docs/openapi.json');
    const committed = JSON.parse(await readFile(path.resolve(__dirname, '../../web/src/api/openapi.json'), 'utf8'));
    expect(res.body).toEqual(committed);
  });

  it('given no identity, should answer health but refuse reads with UNAUTHENTICATED', async () => {
    expect((await http().get('/v1/health')).body).toEqual({ status: 'ok', postgres: 'ok', temporal: 'ok', worker: 'ok' });
    const res = await http().get('/v1/cycles');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Chưa xác định được người thực hiện.' });
  });

  it('given an acting role the user does not hold, or an unknown one, should refuse and name the problem', async () => {
    const asRole = (role: string) => ({ ...as.head(h.demo.unit('LDLD')), 'x-acting-role': role });
    const notHeld = await http().get('/v1/cycles').set(asRole('CHAIRMAN'));
    expect(notHeld.status).toBe(403);
    expect(notHeld.body.code).toBe('FORBIDDEN_ACTOR');
    expect(notHeld.body.detail).toContain('UNIT_HEAD');
    const unknown = await http().get('/v1/cycles').set(asRole('KING'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
  });

  it('given a unit head, when starting a cycle, should refuse with FORBIDDEN_ACTOR', async () => {
    const res = await http()
      .post('/v1/cycles')
      .set(as.head(h.demo.unit('HLHPN')))
      .send({ provinceCode: h.demo.provinceCode, blocCode: h.demo.blocCode, year: 2020 });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN_ACTOR');
  });

  it('given a bloc with no leadership recorded for the year, should refuse to start with NO_LEADERSHIP', async () => {
    const res = await http()
      .post('/v1/cycles')
      .set(as.admin())
      .send({ provinceCode: h.demo.provinceCode, blocCode: h.demo.blocCode, year: 2031 });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NO_LEADERSHIP');
  });

  it('given an unknown route or cycle, should answer 404 with a code', async () => {
    expect((await http().get('/v1/nowhere').set(as.admin())).body.code).toBe('ROUTE_NOT_FOUND');
    expect((await http().get('/v1/cycles/cycle.XX.YY.2020').set(as.admin())).body.code).toBe('CYCLE_NOT_FOUND');
    const launch = await http().post('/v1/cycles/cycle.XX.YY.2020/pledges').set(as.admin());
    expect({ status: launch.status, code: launch.body.code }).toEqual({ status: 404, code: 'CYCLE_NOT_FOUND' });
  });

  it('given a body over the size limit, should refuse with PAYLOAD_TOO_LARGE', async () => {
    const res = await http()
      .post('/v1/cycles/cycle.XX.YY.2020/launch')
      .set(as.head(h.demo.unit('HLHPN')))
      .send({ plan: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
