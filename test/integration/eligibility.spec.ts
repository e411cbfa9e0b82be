import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { EligibilityService } from '../../src/api/eligibility/eligibility.service';
import { EligibilityRule, type EligibilityCheck } from '../../src/shared/eligibility';
import { AwardType } from '../../src/shared/rules';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';

/** A 2020 cycle is decided under the rule set of NĐ 91/2017: its checks cite that period, never NĐ 152/2025. */
const NĐ91 = 'Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP (điều khoản chưa xác minh)';
const OLD_FLAG_CRITERION = 'Luật TĐKT 2003 (sửa đổi 2013), tiêu chuẩn Cờ thi đua cấp tỉnh (điều khoản chưa xác minh)';
const AS_OF = '2020-12-29';

/** Conditions and ratings recorded through the API decide eligibility, with the clause of every check. */
describe('Eligibility: suspension, negative lists and the flag rating', () => {
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

  const eligibility = async (unitCode: string, award: AwardType, asOf = AS_OF) => {
    const res = await http().get(`/v1/units/${unitCode}/eligibility`).query({ year: 2020, award, asOf }).set(as.head(unitCode));
    expect(res.status).toBe(200);
    return res.body as { eligible: boolean; checks: EligibilityCheck[] };
  };

  const recordCondition = (unitCode: string, body: object) =>
    http().post(`/v1/units/${unitCode}/conditions`).set(as.specialist()).send(body);

  it('given an open investigation, should fail with the clause of the rule set in force (NĐ 91/2017) until it is resolved', async () => {
    const unit = h.demo.unit('HLHPN');
    const recorded = await recordCondition(unit, {
      kind: 'INVESTIGATION',
      sourceAgency: 'Cơ quan Cảnh sát điều tra Công an tỉnh',
      description: 'Xác minh dấu hiệu vi phạm trong quản lý tài chính',
      reference: '07/QĐ-CSĐT',
      fromDate: '2020-09-01',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      unitCode: unit,
      kind: 'INVESTIGATION',
      toDate: null,
      resolvedAt: null,
      recordedBy: `chuyenvien.${h.demo.provinceCode.toLowerCase()}`,
    });

    const suspended = await eligibility(unit, AwardType.BANG_KHEN_CHU_TICH);
    expect(suspended.eligible).toBe(false);
    const failing = suspended.checks.find((c) => !c.passed);
    expect(failing).toMatchObject({ rule: EligibilityRule.NOT_SUSPENDED, clause: NĐ91 });
    expect(failing?.requirement).toMatch(/^Chưa xét khen thưởng đối với tập thể đang bị xem xét kỷ luật, điều tra/);
    expect(failing?.detail).toContain('07/QĐ-CSĐT');

    const resolve = (resolvedOn: string) =>
      http()
        .post(`/v1/units/${unit}/conditions/${recorded.body.id}/resolve`)
        .set(as.boardHead())
        .send({ resolvedOn, note: 'Kết luận số 12/KL-CSĐT: không có vi phạm' });
    expect((await resolve('2020-08-31')).body.code).toBe('VALIDATION_FAILED');
    const resolved = await resolve('2020-12-10');
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      resolvedOn: '2020-12-10',
      resolvedBy: `truongphong.${h.demo.provinceCode.toLowerCase()}`,
    });

    const cleared = await eligibility(unit, AwardType.BANG_KHEN_CHU_TICH);
    expect(cleared.eligible).toBe(true);
    expect(cleared.checks.find((c) => c.rule === EligibilityRule.NOT_SUSPENDED)).toMatchObject({
      passed: true,
      clause: NĐ91,
      detail: expect.stringContaining('resolved on 2020-12-10'),
    });
    // Before the resolution the unit was still suspended.
    expect((await eligibility(unit, AwardType.BANG_KHEN_CHU_TICH, '2020-12-09')).eligible).toBe(false);

    const again = await resolve('2020-12-11');
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CONDITION_ALREADY_RESOLVED' });

    const list = await http().get(`/v1/units/${unit}/conditions`).set(as.specialist());
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({ id: recorded.body.id, resolutionNote: expect.stringContaining('12/KL-CSĐT') }),
    ]);
  });

  it('given a negative list from Công an tỉnh, should block the nomination naming the agency', async () => {
    const unit = h.demo.unit('LDLD');
    // Typed with combining marks: stored and shown in NFC.
    const agency = 'Công an tỉnh';
    const res = await recordCondition(unit, {
      kind: 'NEGATIVE_LIST',
      sourceAgency: agency.normalize('NFD'),
      description: 'Cán bộ vi phạm trật tự an toàn giao thông',
      reference: 'Danh sách 215/CAT-PV01',
      fromDate: '2020-10-02',
    });
    expect(res.status).toBe(201);
    expect(res.body.sourceAgency).toBe(agency);

    const result = await eligibility(unit, AwardType.BANG_KHEN_CHU_TICH);
    expect(result.eligible).toBe(false);
    expect(result.checks.find((c) => !c.passed)).toMatchObject({
      rule: EligibilityRule.NOT_ON_NEGATIVE_LIST,
      clause: 'Quy chế Thi đua, khen thưởng của tỉnh (danh sách của Công an tỉnh)',
      detail: expect.stringContaining('Công an tỉnh'),
    });
  });

  it("given a rating of HTTNV, should fail the flag on the old Law's flag criterion but leave the Bằng khen eligible", async () => {
    const unit = h.demo.unit('HND');
    // The demo seed rates every unit; this unit's rating is taken away to see a missing one.
    await h.dataSource.query(`DELETE FROM unit_ratings WHERE unit_code = $1`, [unit]);
    const missing = await eligibility(unit, AwardType.CO_THI_DUA_TINH);
    expect(missing.checks.find((c) => c.rule === EligibilityRule.EXCELLENT_RATING)).toMatchObject({
      passed: false,
      detail: expect.stringContaining('no task-completion rating recorded for 2020'),
    });

    const put = (rating: string) =>
      http().put(`/v1/units/${unit}/ratings/2020`).set(as.specialist()).send({ rating, basis: 'QĐ 45-QĐ/ĐU của Đảng ủy Khối' });
    const rated = await put('HTTNV');
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ unitCode: unit, year: 2020, rating: 'HTTNV', ratingName: 'hoàn thành tốt nhiệm vụ' });

    const flag = await eligibility(unit, AwardType.CO_THI_DUA_TINH);
    expect(flag.eligible).toBe(false);
    expect(flag.checks.find((c) => !c.passed)).toMatchObject({
      rule: EligibilityRule.EXCELLENT_RATING,
      clause: OLD_FLAG_CRITERION,
      detail: expect.stringContaining('HTTNV'),
    });
    const bangKhen = await eligibility(unit, AwardType.BANG_KHEN_CHU_TICH);
    expect(bangKhen.eligible).toBe(true);
    expect(bangKhen.checks.map((c) => c.rule)).not.toContain(EligibilityRule.EXCELLENT_RATING);

    expect((await put('HTXSNV')).status).toBe(200);
    expect((await eligibility(unit, AwardType.CO_THI_DUA_TINH)).eligible).toBe(true);
  });

  it('given units and awards, when a ballot asks the service, should answer every pair in order', async () => {
    const service = h.app.get(EligibilityService);
    const results = await service.evaluate(
      [h.demo.unit('MTTQ'), h.demo.unit('LDLD')],
      [AwardType.CO_THI_DUA_TINH, AwardType.BANG_KHEN_CHU_TICH],
      2020,
      AS_OF,
    );
    expect(results.map((r) => [r.unitCode, r.award, r.eligible])).toEqual([
      [h.demo.unit('MTTQ'), AwardType.CO_THI_DUA_TINH, true],
      [h.demo.unit('MTTQ'), AwardType.BANG_KHEN_CHU_TICH, true],
      [h.demo.unit('LDLD'), AwardType.CO_THI_DUA_TINH, false],
      [h.demo.unit('LDLD'), AwardType.BANG_KHEN_CHU_TICH, false],
    ]);
  });

  it('given a unit head, should refuse recording conditions and ratings with FORBIDDEN_ACTOR', async () => {
    const unit = h.demo.unit('HCCB');
    const condition = await http().post(`/v1/units/${unit}/conditions`).set(as.head(unit)).send({
      kind: 'COMPLAINT',
      sourceAgency: 'Thanh tra tỉnh',
      description: 'Đơn khiếu nại',
      reference: 'KN-1',
      fromDate: '2020-05-01',
    });
    expect({ status: condition.status, code: condition.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ACTOR' });
    const rating = await http().put(`/v1/units/${unit}/ratings/2020`).set(as.head(unit)).send({ rating: 'HTXSNV', basis: 'x' });
    expect(rating.status).toBe(403);
    expect((await http().get(`/v1/units/${unit}/conditions`).set(as.admin())).body).toEqual([]);
  });

  it('given bad input, should refuse with a code and record nothing', async () => {
    const unit = h.demo.unit('DTN');
    const base = { kind: 'AUDIT', sourceAgency: 'Kiểm toán Nhà nước', description: 'Kiểm toán', reference: 'KT-1' };
    for (const body of [
      { ...base, fromDate: '2020-06-01', toDate: '2020-05-31' },
      { ...base, fromDate: '2020-02-30' },
      { ...base, kind: 'GOSSIP', fromDate: '2020-06-01' },
      { ...base, sourceAgency: '   ', fromDate: '2020-06-01' },
    ]) {
      const res = await recordCondition(unit, body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await http().get(`/v1/units/${unit}/conditions`).set(as.admin())).body).toEqual([]);
    const badQuery = await http().get(`/v1/units/${unit}/eligibility`).query({ year: 2020, award: 'MEDAL' }).set(as.admin());
    expect(badQuery.body.code).toBe('VALIDATION_FAILED');
    const unknownCondition = await http()
      .post(`/v1/units/${unit}/conditions/00000000-0000-4000-8000-000000000000/resolve`)
      .set(as.admin())
      .send({ resolvedOn: '2020-06-01', note: 'x' });
    expect({ status: unknownCondition.status, code: unknownCondition.body.code }).toEqual({
      status: 404,
      code: 'CONDITION_NOT_FOUND',
    });
  });

  it('given an unknown unit, should answer 404 UNIT_NOT_FOUND', async () => {
    const read = await http()
      .get('/v1/units/XX-NOWHERE/eligibility')
      .query({ year: 2020, award: 'CO_THI_DUA_TINH' })
      .set(as.admin());
    expect({ status: read.status, code: read.body.code }).toEqual({ status: 404, code: 'UNIT_NOT_FOUND' });
    const write = await recordCondition('XX-NOWHERE', {
      kind: 'INSPECTION',
      sourceAgency: 'Thanh tra tỉnh',
      description: 'Thanh tra',
      reference: 'TT-1',
      fromDate: '2020-06-01',
    });
    expect({ status: write.status, code: write.body.code }).toEqual({ status: 404, code: 'UNIT_NOT_FOUND' });
  });

  it('given the OpenAPI document, should describe the eligibility routes', async () => {
    const paths = Object.keys((await http().get('/docs/openapi.json')).body.paths as object);
    for (const p of [
      '/v1/units/{unitCode}/conditions',
      '/v1/units/{unitCode}/conditions/{conditionId}/resolve',
      '/v1/units/{unitCode}/ratings/{year}',
      '/v1/units/{unitCode}/eligibility',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
