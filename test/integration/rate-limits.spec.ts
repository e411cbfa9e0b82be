import request from 'supertest';
import { ERROR_SPECS, ErrorCode } from '../../src/shared/errors';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';

/**
 * Issue 18, Limits: the expensive routes (the audit chain's verification, a cycle's evidence bundle, the
 * organisation workbook's preview, apply and export, bulk approvals) are limited per user and per kind; over the
 * limit they answer 429 RATE_LIMITED with a Vietnamese message and Retry-After, and other routes and users are not
 * affected. Limits here: 2 per kind per minute.
 */
describe('Rate limits of the expensive routes', () => {
  let h: Harness;
  const http = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await createHarness({ bundle: await bundleWorkflows(), withoutWorker: true, rateLimits: { audit: 2, bulk: 2 } });
  });

  afterAll(async () => {
    await h?.close();
  });

  it("given an auditor's third chain verification within the window, should answer 429 RATE_LIMITED with Retry-After, and count per user", async () => {
    for (let i = 0; i < 2; i++) expect((await http().get('/v1/audit/verify').set(as.auditor())).status).toBe(200);
    const refused = await http().get('/v1/audit/verify').set(as.auditor());
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      code: ErrorCode.RATE_LIMITED,
      status: 429,
      message: ERROR_SPECS[ErrorCode.RATE_LIMITED].messageVi,
      retryAfterSeconds: expect.any(Number),
    });
    expect(refused.body.message).toBe(refused.body.message.normalize('NFC'));
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The same kind: the evidence bundle of the same auditor is refused before it is even looked up.
    const evidence = await http().get('/v1/cycles/cycle.none.none.2020/evidence').set(as.auditor());
    expect({ status: evidence.status, code: evidence.body.code }).toEqual({ status: 429, code: ErrorCode.RATE_LIMITED });
    // Another user has a count of their own; the auditor's other reads are not limited.
    expect((await http().get('/v1/audit/verify').set(as.admin())).status).toBe(200);
    expect((await http().get('/v1/cycles').set(as.auditor())).status).toBe(200);
  });

  it("given a board head's third bulk-kind request, should refuse that kind's routes (export, bulk approvals, preview) to them, not to another user", async () => {
    const exportPath = `/v1/provinces/${h.demo.provinceCode}/workbook/export`;
    for (let i = 0; i < 2; i++) expect((await http().get(exportPath).set(as.boardHead())).status).toBe(200);
    const refused = await http().get(exportPath).set(as.boardHead());
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 429, code: ErrorCode.RATE_LIMITED });
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    // Bulk approvals and the workbook preview share the bulk count: refused before the body or the upload is read.
    const bulk = await http().post('/v1/approvals/bulk').set(as.boardHead()).send({ decisions: [] });
    expect({ status: bulk.status, code: bulk.body.code }).toEqual({ status: 429, code: ErrorCode.RATE_LIMITED });
    const preview = await http().post(`/v1/provinces/${h.demo.provinceCode}/workbook/preview`).set(as.boardHead());
    expect({ status: preview.status, code: preview.body.code }).toEqual({ status: 429, code: ErrorCode.RATE_LIMITED });
    // Another kind, another count: the admin exports the same workbook.
    expect((await http().get(exportPath).set(as.admin())).status).toBe(200);
  });

  it('given no token, should answer 401 before counting (anonymous requests never reach the limited handlers)', async () => {
    const anonymous = await http().get('/v1/audit/verify');
    expect({ status: anonymous.status, code: anonymous.body.code }).toEqual({ status: 401, code: ErrorCode.UNAUTHENTICATED });
  });
});
