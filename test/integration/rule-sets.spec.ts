import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { DEFAULT_RULES } from '../../src/domain/default-rules';
import { seedDemoProvince } from '../../src/seed/demo-province';
import { CyclesService } from '../../src/api/cycles/cycles.service';
import { as } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { createProvince } from './support/organisation';

/** A JSON body or answer, edited into any shape, valid or not, as a client could send it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are edited into invalid shapes on purpose
type Json = any;

/** An interval no seeded set covers, so a refusal names only the field under test. */
const UNUSED = { validFrom: '2010-01-01', validTo: '2010-12-31' };

/** A rule set as a client sends it: the stored view without its audit fields, rulesVersion left to the server. */
function bodyOf(view: Json, edit: (body: Json) => void = () => undefined): Json {
  const { createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, revision: _r, ...body } = structuredClone(view);
  delete body.rules.rulesVersion;
  delete body.rules.legalBasis;
  edit(body);
  return body;
}

describe('Rule sets: the law as data, per province', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  let code: string;
  let base: string;
  let nd152: Json;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
    code = h.demo.provinceCode;
    base = `/v1/provinces/${code}/rule-sets`;
  });

  afterAll(async () => {
    await h?.close();
  });

  const http = () => request(h.app.getHttpServer());

  it('given the seeded province, when any user lists its rule sets, should see the three legal periods in order', async () => {
    const res = await http()
      .get(base)
      .set(as.head(h.demo.unit('HND')));
    expect(res.status).toBe(200);
    expect(res.body.map((s: Json) => [s.version, s.validFrom, s.validTo])).toEqual([
      [`${code}-ND91-2017`, '2017-07-31', '2023-12-31'],
      [`${code}-ND98-2024`, '2024-01-01', '2025-06-30'],
      [`${code}-ND152-2025`, '2025-07-01', null],
    ]);
    expect(res.body[1].legalBasis).toContain('Nghị định 98/2023/NĐ-CP');
    expect(res.body[0].rules.deadlines.appraisalWorkingDays).toBe(25);
    expect(res.body[2]).toMatchObject({ createdBy: 'seed', updatedBy: 'seed', rules: { rulesVersion: `${code}-ND152-2025` } });
    nd152 = res.body[2];
  });

  it('given a version or province that does not exist, should answer 404 with its code', async () => {
    const one = await http().get(`${base}/${code}-ND98-2024`).set(as.specialist());
    expect({ status: one.status, version: one.body.version }).toEqual({ status: 200, version: `${code}-ND98-2024` });
    expect((await http().get(`${base}/NOPE`).set(as.specialist())).body).toMatchObject({
      status: 404,
      code: 'RULE_SET_NOT_FOUND',
    });
    expect((await http().get('/v1/provinces/ZZ-NONE/rule-sets').set(as.admin())).body).toMatchObject({
      status: 404,
      code: 'PROVINCE_NOT_FOUND',
    });
  });

  it('given a non-admin, when creating or editing a rule set, should refuse with 403 and store nothing', async () => {
    const body = bodyOf(nd152, (b) => ((b.version = `${code}-BOARD`), (b.validFrom = '2030-01-01')));
    const post = await http().post(base).set(as.boardHead()).send(body);
    expect({ status: post.status, code: post.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ACTOR' });
    const put = await http()
      .put(`${base}/${code}-ND152-2025`)
      .set(as.head(h.demo.unit('HLHPN')))
      .send(bodyOf(nd152));
    expect(put.status).toBe(403);
    expect((await http().get(base).set(as.admin())).body).toHaveLength(3);
  });

  it('given a threshold of 1.5, should refuse with RULE_SET_INVALID naming the field', async () => {
    const body = bodyOf(nd152, (b) => {
      Object.assign(b, UNUSED, { version: `${code}-BAD-THRESHOLD` });
      b.rules.awards.CO_THI_DUA_TINH.threshold = 1.5;
    });
    const res = await http().post(base).set(as.admin()).send(body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RULE_SET_INVALID');
    expect(res.body.message).toMatch(/Bộ quy tắc thi đua không hợp lệ/);
    expect(res.body.detail).toBe('rules.awards.CO_THI_DUA_TINH.threshold: must be greater than 0 and at most 1, got 1.5');
  });

  it('given a negative cap, should refuse naming rules.awards.BANG_KHEN_CHU_TICH.maxPerBloc', async () => {
    const body = bodyOf(nd152, (b) => {
      Object.assign(b, UNUSED, { version: `${code}-BAD-CAP` });
      b.rules.awards.BANG_KHEN_CHU_TICH.maxPerBloc = -2;
    });
    const res = await http().post(base).set(as.admin()).send(body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'RULE_SET_INVALID' });
    expect(res.body.detail).toBe('rules.awards.BANG_KHEN_CHU_TICH.maxPerBloc: must be 0 or more, got -2');
  });

  it('given an unknown award, should refuse naming it', async () => {
    const body = bodyOf(nd152, (b) => {
      Object.assign(b, UNUSED, { version: `${code}-BAD-AWARD` });
      b.rules.awards.GIAY_KHEN_HUYEN = { ...b.rules.awards.BANG_KHEN_CHU_TICH };
    });
    const res = await http().post(base).set(as.admin()).send(body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe(
      'rules.awards.GIAY_KHEN_HUYEN: unknown award; one of CO_THI_DUA_TINH, BANG_KHEN_CHU_TICH, CO_THI_DUA_CHINH_PHU',
    );
  });

  it('given a new set from 01/10/2026 while NĐ 152 is open-ended, should refuse the overlap naming the other version', async () => {
    const body = bodyOf(nd152, (b) => ((b.version = `${code}-LUAT2026`), (b.validFrom = '2026-10-01')));
    const res = await http().post(base).set(as.admin()).send(body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain(`validFrom: the interval 2026-10-01 – open-ended overlaps rule set ${code}-ND152-2025`);
  });

  it('given an admin, when closing NĐ 152 on 30/09/2026, should edit it in place and record who did', async () => {
    const res = await http()
      .put(`${base}/${code}-ND152-2025`)
      .set(as.admin())
      .send(bodyOf(nd152, (b) => (b.validTo = '2026-09-30')));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: `${code}-ND152-2025`,
      validTo: '2026-09-30',
      createdBy: 'seed',
      updatedBy: 'admin',
      rules: { rulesVersion: `${code}-ND152-2025` },
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(nd152.updatedAt));
  });

  it('given an edited set, should keep each revision with its content, and decisions should record version@revision', async () => {
    const version = `${code}-ND152-2025`;
    expect(nd152.revision).toBe(1);
    // The edit above changed the content: revision 2, the first kept beside it.
    const revisions = await http().get(`${base}/${version}/revisions`).set(as.specialist());
    expect(revisions.status).toBe(200);
    expect(revisions.body.map((r: Json) => [r.revision, r.decidingVersion, r.validTo, r.createdBy])).toEqual([
      [1, version, null, 'seed'],
      [2, `${version}@2`, '2026-09-30', 'admin'],
    ]);
    const current = await http().get(`${base}/${version}`).set(as.admin());
    expect(current.body.revision).toBe(2);

    // The same content sent again makes no revision; an edit made from an older revision is refused.
    const same = await http()
      .put(`${base}/${version}`)
      .set(as.admin())
      .send({ ...bodyOf(current.body), revision: 2 });
    expect({ status: same.status, revision: same.body.revision }).toEqual({ status: 200, revision: 2 });
    const stale = await http()
      .put(`${base}/${version}`)
      .set(as.admin())
      .send({ ...bodyOf(current.body, (b) => (b.validTo = '2026-09-29')), revision: 1 });
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'RULE_SET_CHANGED' });
    expect(stale.body.detail).toBe(`the edit was made from revision 1; ${version} is at revision 2`);
    expect((await http().get(`${base}/${version}/revisions`).set(as.admin())).body).toHaveLength(2);

    // What a cycle applies: the deciding version names the revision, in the set and in its rules.
    const applied = await h.app.get(CyclesService).ruleSets(code);
    expect(applied.map((s) => [s.version, s.rules.rulesVersion])).toEqual([
      [`${code}-ND91-2017`, `${code}-ND91-2017`],
      [`${code}-ND98-2024`, `${code}-ND98-2024`],
      [`${version}@2`, `${version}@2`],
    ]);
    expect((await http().get(`${base}/NOPE/revisions`).set(as.admin())).body.code).toBe('RULE_SET_NOT_FOUND');
  });

  it('given an edit that renames the version, should refuse: the version is what decisions record', async () => {
    const res = await http()
      .put(`${base}/${code}-ND98-2024`)
      .set(as.admin())
      .send(bodyOf(nd152, (b) => ((b.version = `${code}-ND98-2024b`), (b.validFrom = '2024-01-01'), (b.validTo = '2025-06-30'))));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'RULE_SET_INVALID' });
    expect(res.body.detail).toMatch(/^version: cannot change/);
    expect((await http().put(`${base}/NOPE`).set(as.admin()).send(bodyOf(nd152))).body.code).toBe('RULE_SET_NOT_FOUND');
  });

  it('given the gap after NĐ 152 is closed, should create the new set, in NFC, then refuse it twice with RULE_SET_EXISTS', async () => {
    const version = `${code}-LUAT2026`;
    const decomposed = 'Cờ thi đua của UBND tỉnh'.normalize('NFD');
    const body = bodyOf(nd152, (b) => {
      b.version = version;
      b.validFrom = '2026-10-01';
      b.legalBasis = ['Luật sửa đổi, bổ sung Luật Thi đua, khen thưởng (chưa xác minh)'];
      b.rules.awards.CO_THI_DUA_TINH.displayName = decomposed;
    });
    const res = await http().post(base).set(as.admin()).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version, validFrom: '2026-10-01', validTo: null, createdBy: 'admin', updatedBy: 'admin' });
    expect(res.body.rules).toMatchObject({ rulesVersion: version, legalBasis: body.legalBasis });

    const stored: { name: string }[] = await h.dataSource.query(
      `SELECT rules -> 'awards' -> 'CO_THI_DUA_TINH' ->> 'displayName' AS name FROM rule_sets WHERE province_code = $1 AND version = $2`,
      [code, version],
    );
    expect(stored[0].name).toBe('Cờ thi đua của UBND tỉnh'.normalize('NFC'));

    const again = await http().post(base).set(as.admin()).send(body);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'RULE_SET_EXISTS' });
    expect((await http().get(base).set(as.admin())).body.map((s: Json) => s.version)).toEqual([
      `${code}-ND91-2017`,
      `${code}-ND98-2024`,
      `${code}-ND152-2025`,
      version,
    ]);
  });

  it("given the edits above, when the demo is seeded again, should keep the admin's version of NĐ 152", async () => {
    const again = await seedDemoProvince(h.dataSource, { provinceCode: code });
    expect(again.ruleSetVersions).toEqual([`${code}-ND91-2017`, `${code}-ND98-2024`, `${code}-ND152-2025`]);
    expect(again.ruleSetsSkipped).toEqual([]);
    const kept = await http().get(`${base}/${code}-ND152-2025`).set(as.admin());
    expect(kept.body).toMatchObject({ validTo: '2026-09-30', updatedBy: 'admin' });
  });

  it('given a province whose old rules the migration turned into one open-ended set, should seed around it, not fail', async () => {
    const legacy = `${code}L`;
    await createProvince(h.app, legacy, 'Tỉnh cũ');
    await h.dataSource.query(
      `INSERT INTO rule_sets (province_code, version, legal_basis, valid_from, valid_to, rules, created_by, updated_by)
       VALUES ($1, $2, $3, '1900-01-01', NULL, $4, 'migration:RuleSets', 'migration:RuleSets')`,
      [legacy, DEFAULT_RULES.rulesVersion, JSON.stringify(DEFAULT_RULES.legalBasis), JSON.stringify(DEFAULT_RULES)],
    );
    const seeded = await seedDemoProvince(h.dataSource, { provinceCode: legacy, blocCode: 'LEGACY' });
    expect(seeded.ruleSetVersions).toEqual([]);
    expect(seeded.ruleSetsSkipped.map((s) => s.version)).toEqual([
      `${legacy}-ND91-2017`,
      `${legacy}-ND98-2024`,
      `${legacy}-ND152-2025`,
    ]);
    expect(seeded.ruleSetsSkipped[0].reason).toContain(`overlaps rule set ${DEFAULT_RULES.rulesVersion}`);
  });

  it('given an overlapping row written with plain SQL, should be refused by the exclusion constraint itself', async () => {
    const insert = (version: string, from: string, to: string | null) =>
      h.dataSource.query(
        `INSERT INTO rule_sets (province_code, version, legal_basis, valid_from, valid_to, rules, created_by, updated_by)
         VALUES ($1, $2, '[]', $3, $4, '{}', 'sql', 'sql')`,
        [code, version, from, to],
      );
    await expect(insert('SQL-OVERLAP', '2020-06-01', '2020-06-30')).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23P01', constraint: 'xc_rule_sets_validity' }),
    });
    // Touching intervals are no overlap: a set ending the day before the NĐ 91 set starts is accepted.
    await expect(insert('SQL-BEFORE', '2010-01-01', '2017-07-30')).resolves.toBeDefined();
    // Another province may use the same dates.
    await createProvince(h.app, `${code}X`, 'Tỉnh khác');
    await expect(
      h.dataSource.query(
        `INSERT INTO rule_sets (province_code, version, legal_basis, valid_from, valid_to, rules, created_by, updated_by)
         VALUES ($1, 'SQL-OTHER', '[]', '2020-06-01', NULL, '{}', 'sql', 'sql')`,
        [`${code}X`],
      ),
    ).resolves.toBeDefined();
  });

  it('given the OpenAPI document, should describe the rule-set routes with their refusals', async () => {
    const doc = (await http().get('/docs/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/provinces/{provinceCode}/rule-sets', '/v1/provinces/{provinceCode}/rule-sets/{version}']),
    );
    expect(doc.paths['/v1/provinces/{provinceCode}/rule-sets'].post.responses['422']).toBeDefined();
    expect(doc.paths['/v1/provinces/{provinceCode}/rule-sets/{version}'].put.responses['403']).toBeDefined();
  });
});
