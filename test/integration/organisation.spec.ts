import request from 'supertest';
import { resolveUnitLineage } from '../../src/api/organisation/organisation.service';
import { demoRuleSets } from '../../src/domain/rule-sets';
import { seedRuleSets } from '../../src/seed/demo-province';
import { Role } from '../../src/shared/actors';
import { as, createProvinceAccount, provisionAccounts } from './support/actors';
import { uniqueSuffix, useS1Harness } from './support/harness';
import { waitFor } from './support/wait';

/**
 * The organisation of a new province built over HTTP as its board would: the province, a khối and a cụm, units,
 * memberships by date (a unit moving between blocs), the first leadership, cycles that take the membership in force
 * on 1 January and keep it, ending instead of deleting, a unit succeeded under a new code, refusals by role and
 * province, and the audit entries of every write.
 */
describe('Organisation master data through the API', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());
  const P = `N${uniqueSuffix().toUpperCase()}`;
  const base = `/v1/provinces/${P}`;
  const u = (k: string) => `${P}-${k}`;
  const provinceAdmin = () => as.user(`admin.${P.toLowerCase()}`);
  const boardHead = () => as.user(`truongphong.${P.toLowerCase()}`);
  const auditCount = async (): Promise<number> =>
    Number((await ctx.h.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM audit_log`))[0].n);

  beforeAll(async () => {
    const created = await http().post('/v1/provinces').set(as.admin()).send({ code: P, name: '  Tỉnh Thử Nghiệm  ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: P, name: 'Tỉnh Thử Nghiệm', validTo: null, successorCode: null });
    await createProvinceAccount(ctx.h.app, `admin.${P.toLowerCase()}`, Role.ADMIN, P);
    await provisionAccounts(ctx.h.app, ctx.h.dataSource, [
      { username: `truongphong.${P.toLowerCase()}`, displayName: 'Trưởng phòng TĐKT', role: Role.BOARD_HEAD, provinceCode: P },
    ]);
  });

  it('given a new province, when its admin and board head create a khối, a cụm and units, should store them normalised', async () => {
    const khoi = await http()
      .post(`${base}/blocs`)
      .set(provinceAdmin())
      .send({ code: 'A', name: 'Khối các hội đặc thù', kind: 'KHOI', fromYear: 2024 });
    expect(khoi.status).toBe(201);
    expect(khoi.body).toMatchObject({ code: 'A', kind: 'KHOI', kindLabel: 'Khối thi đua', fromYear: 2024, toYear: null });
    const cum = await http()
      .post(`${base}/blocs`)
      .set(boardHead())
      .send({ code: 'B', name: 'Cụm thi đua số 1', kind: 'cum', fromYear: 2024 });
    expect(cum.status).toBe(201);
    expect(cum.body.kind).toBe('CUM');

    const nfd = 'Hội   Chữ thập đỏ tỉnh '.normalize('NFD');
    for (const [k, name] of [
      ['U1', nfd],
      ['U2', 'Hội Văn học nghệ thuật tỉnh'],
      ['U3', 'Hội Nhà báo tỉnh'],
      ['U4', 'Hội Luật gia tỉnh'],
    ]) {
      const res = await http()
        .post(`${base}/units`)
        .set(provinceAdmin())
        .send({ code: u(k), name, kind: 'HOI', headCount: 12, womenRatio: 0.5 });
      expect(res.status).toBe(201);
    }
    const one = await http()
      .get(`${base}/units/${u('U1')}`)
      .set(boardHead());
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ name: 'Hội Chữ thập đỏ tỉnh', kind: 'HOI', kindLabel: 'Hội đặc thù', womenRatio: 0.5 });
    expect(one.body.name).toBe(one.body.name.normalize('NFC'));

    const duplicate = await http()
      .post(`${base}/units`)
      .set(provinceAdmin())
      .send({ code: u('U1'), name: 'Trùng mã' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('UNIT_EXISTS');

    const page = await http().get(`${base}/units?q=h%E1%BB%99i&limit=2&offset=1`).set(boardHead());
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.body.items.map((i: { code: string }) => i.code)).toEqual([u('U2'), u('U3')]);
  });

  it('given bad fields, should refuse with every problem named, in Vietnamese, and record nothing', async () => {
    const before = await auditCount();
    const res = await http()
      .post(`${base}/units`)
      .set(provinceAdmin())
      .send({ code: 'có dấu', name: ' ', kind: 'XYZ', womenRatio: 1.5, headCount: -1, validFrom: '2025-02-30' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ORGANISATION_INVALID');
    const fields = (res.body.problems as { field: string; messageVi: string }[]).map((p) => p.field).sort();
    expect(fields).toEqual(['code', 'headCount', 'kind', 'name', 'validFrom', 'womenRatio']);
    for (const p of res.body.problems as { messageVi: string }[]) expect(p.messageVi).toBe(p.messageVi.normalize('NFC'));
    expect(await auditCount()).toBe(before);
  });

  it('given memberships by date, should keep a unit in one bloc per day, in the service and in the database', async () => {
    for (const k of ['U1', 'U2', 'U3']) {
      const res = await http()
        .post(`${base}/blocs/A/memberships`)
        .set(provinceAdmin())
        .send({ unitCode: u(k), validFrom: '2024-01-01' });
      expect(res.status).toBe(201);
    }
    const u4 = await http()
      .post(`${base}/blocs/B/memberships`)
      .set(provinceAdmin())
      .send({ unitCode: u('U4'), validFrom: '2024-01-01' });
    expect(u4.status).toBe(201);

    const before = await auditCount();
    const twice = await http()
      .post(`${base}/blocs/B/memberships`)
      .set(provinceAdmin())
      .send({ unitCode: u('U3'), validFrom: '2024-06-01' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('UNIT_IN_TWO_BLOCS');
    expect(await auditCount()).toBe(before);

    // Two writers racing to put one new unit in both blocs: one wins, the other is refused, none fails.
    const racer = await http()
      .post(`${base}/units`)
      .set(provinceAdmin())
      .send({ code: u('U5'), name: 'Hội Khuyến học tỉnh' });
    expect(racer.status).toBe(201);
    const race = await Promise.all(
      ['A', 'B'].map((bloc) =>
        http()
          .post(`${base}/blocs/${bloc}/memberships`)
          .set(bloc === 'A' ? provinceAdmin() : boardHead())
          .send({ unitCode: u('U5'), validFrom: '2030-01-01' }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(race.find((r) => r.status === 409)?.body.code).toBe('UNIT_IN_TWO_BLOCS');

    // The rule is the database's own, so it holds whoever writes: an exclusion over the unit and the dated range.
    const [constraint] = await ctx.h.dataSource.query<{ def: string }[]>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'xc_bloc_memberships_one_bloc'`,
    );
    expect(constraint?.def).toMatch(/^EXCLUDE USING gist \(unit_code WITH =, daterange\(valid_from, valid_to\) WITH &&\)$/);
  });

  it('given a first year, should set the initial leadership from members only', async () => {
    const notMember = await http()
      .put(`${base}/blocs/A/leaderships/2024`)
      .set(boardHead())
      .send({ leaderUnitCode: u('U1'), deputyUnitCode: u('U4') });
    expect(notMember.status).toBe(422);
    expect(notMember.body.problems.map((p: { field: string }) => p.field)).toEqual(['deputyUnitCode']);
    const set = await http()
      .put(`${base}/blocs/A/leaderships/2024`)
      .set(boardHead())
      .send({ leaderUnitCode: u('U1'), deputyUnitCode: u('U2') });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ year: 2024, leaderUnitCode: u('U1'), deputyUnitCode: u('U2'), source: 'INITIAL' });
  });

  it('given a unit that moves to another bloc, should start cycles on the membership in force on 1 January and keep it', async () => {
    await ctx.h.dataSource.transaction((m) => seedRuleSets(m, P, demoRuleSets(P)));
    const started = await http().post('/v1/cycles').set(as.admin()).send({ provinceCode: P, blocCode: 'A', year: 2024 });
    expect(started.status).toBe(201);
    const cycleUnits = (id: string) =>
      waitFor(`units of ${id}`, async () => {
        const rows = await ctx.h.dataSource.query<{ unit_code: string }[]>(
          `SELECT unit_code FROM cycle_units WHERE cycle_id = $1 ORDER BY unit_code`,
          [id],
        );
        return rows.length > 0 ? rows.map((r) => r.unit_code) : undefined;
      });
    expect(await cycleUnits(`cycle.${P}.A.2024`)).toEqual([u('U1'), u('U2'), u('U3')]);

    // U3 moves to the cụm in the middle of 2024: one request ends its membership in A and starts the one in B.
    const moved = await http()
      .post(`${base}/blocs/B/memberships`)
      .set(provinceAdmin())
      .send({ unitCode: u('U3'), validFrom: '2024-07-01', endCurrent: true });
    expect(moved.status).toBe(201);
    const inA = async (on: string) =>
      ((await http().get(`${base}/blocs/A/memberships?on=${on}`).set(boardHead())).body.items as { unitCode: string }[]).map(
        (i) => i.unitCode,
      );
    expect(await inA('2024-03-01')).toEqual([u('U1'), u('U2'), u('U3')]);
    expect(await inA('2024-08-01')).toEqual([u('U1'), u('U2')]);
    // The 2024 cycle keeps the members it started with.
    expect(await cycleUnits(`cycle.${P}.A.2024`)).toEqual([u('U1'), u('U2'), u('U3')]);

    // The cụm's 2025 cycle, started later, has U3.
    const lead = await http()
      .put(`${base}/blocs/B/leaderships/2025`)
      .set(provinceAdmin())
      .send({ leaderUnitCode: u('U4'), deputyUnitCode: u('U3') });
    expect(lead.status).toBe(200);
    const b2025 = await http().post('/v1/cycles').set(as.admin()).send({ provinceCode: P, blocCode: 'B', year: 2025 });
    expect(b2025.status).toBe(201);
    expect(await cycleUnits(`cycle.${P}.B.2025`)).toEqual([u('U3'), u('U4')]);

    const history = await http()
      .get(`${base}/units/${u('U3')}`)
      .set(boardHead());
    expect(
      history.body.memberships.map((m: { blocCode: string; validFrom: string; validTo: string | null }) => [
        m.blocCode,
        m.validFrom,
        m.validTo,
      ]),
    ).toEqual([
      ['A', '2024-01-01', '2024-07-01'],
      ['B', '2024-07-01', null],
    ]);

    // Once the year's cycle has started, its leadership is no longer the board's to set.
    const again = await http()
      .put(`${base}/blocs/A/leaderships/2024`)
      .set(boardHead())
      .send({ leaderUnitCode: u('U2'), deputyUnitCode: u('U1') });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('LEADERSHIP_ALREADY_DECIDED');
  });

  it('given a unit or bloc that ceases, should end it, never delete it', async () => {
    const ended = await http()
      .post(`${base}/units/${u('U2')}/end`)
      .set(provinceAdmin())
      .send({ on: '2026-01-01' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ code: u('U2'), validTo: '2026-01-01' });
    expect(ended.body.memberships.at(-1)).toMatchObject({ blocCode: 'A', validTo: '2026-01-01' });
    const twice = await http()
      .post(`${base}/units/${u('U2')}/end`)
      .set(provinceAdmin())
      .send({ on: '2026-02-01' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_ENDED');
    const current = await http().get(`${base}/units`).set(boardHead());
    expect(current.body.items.map((i: { code: string }) => i.code)).not.toContain(u('U2'));
    const all = await http().get(`${base}/units?includeEnded=true`).set(boardHead());
    expect(all.body.items.map((i: { code: string }) => i.code)).toContain(u('U2'));
    expect(
      (
        await http()
          .delete(`${base}/units/${u('U2')}`)
          .set(provinceAdmin())
      ).status,
    ).toBe(404);
    expect(
      (
        await http()
          .get(`${base}/units/${u('U2')}`)
          .set(boardHead())
      ).status,
    ).toBe(200);

    const bloc = await http().post(`${base}/blocs`).set(provinceAdmin()).send({ code: 'C', name: 'Khối tạm', fromYear: 2024 });
    expect(bloc.status).toBe(201);
    const endBloc = await http().post(`${base}/blocs/C/end`).set(provinceAdmin()).send({ toYear: 2025 });
    expect(endBloc.status).toBe(200);
    expect(endBloc.body.toYear).toBe(2025);
    const in2026 = await http().get(`${base}/blocs?year=2026`).set(boardHead());
    expect(in2026.body.items.map((b: { code: string }) => b.code)).toEqual(['A', 'B']);
  });

  it('given a unit renamed under a new code, should carry its award history and resolve the old code', async () => {
    const created = await http()
      .post(`${base}/units`)
      .set(provinceAdmin())
      .send({ code: u('U1N'), name: 'Hội Chữ thập đỏ tỉnh (mới)', kind: 'HOI' });
    expect(created.status).toBe(201);
    await ctx.h.dataSource.query(
      `INSERT INTO award_history (unit_code, year, award, award_name, decision_number, decision_date, cycle_id, rules_version)
       VALUES ($1, 2024, 'BANG_KHEN_UBND', 'Bằng khen của UBND tỉnh', '12/QĐ-UBND', '2025-01-20', $2, 'v1')`,
      [u('U1'), `cycle.${P}.A.2024`],
    );
    const succeeded = await http()
      .post(`${base}/units/${u('U1')}/end`)
      .set(provinceAdmin())
      .send({ on: '2026-01-01', successorCode: u('U1N') });
    expect(succeeded.status).toBe(200);
    expect(succeeded.body).toMatchObject({ code: u('U1N'), predecessors: [u('U1')] });

    const byOldCode = await http()
      .get(`${base}/units/${u('U1')}`)
      .set(boardHead());
    expect(byOldCode.status).toBe(200);
    expect(byOldCode.body.code).toBe(u('U1N'));
    expect(byOldCode.body.memberships.map((m: { unitCode: string }) => m.unitCode)).toContain(u('U1'));
    expect(byOldCode.body.awards).toEqual([
      {
        unitCode: u('U1'),
        year: 2024,
        award: 'BANG_KHEN_UBND',
        awardName: 'Bằng khen của UBND tỉnh',
        decisionNumber: '12/QĐ-UBND',
        decisionDate: '2025-01-20',
      },
    ]);

    // The read model's award history answers for the successor under either code, each award under the code it went to.
    for (const code of [u('U1'), u('U1N')]) {
      const history = await http().get(`/v1/units/${code}/awards`).set(boardHead());
      expect(history.status).toBe(200);
      expect(history.body).toMatchObject({
        unitCode: u('U1N'),
        unitName: 'Hội Chữ thập đỏ tỉnh (mới)',
        awards: [{ year: 2024, award: 'BANG_KHEN_UBND', awardedTo: u('U1'), decisionNumber: '12/QĐ-UBND' }],
      });
    }

    const lineage = await resolveUnitLineage(ctx.h.dataSource.manager, u('U1'));
    expect(lineage).toEqual({ current: u('U1N'), provinceCode: P, codes: [u('U1'), u('U1N')].sort() });
    const awards = await ctx.h.dataSource.query<{ unit_code: string }[]>(
      `SELECT unit_code, award FROM award_history WHERE unit_code = ANY($1)`,
      [lineage?.codes],
    );
    expect(awards).toEqual([{ unit_code: u('U1'), award: 'BANG_KHEN_UBND' }]);
  });

  it('given people of other provinces or roles, should answer 404 out of scope and 403 to roles that may not write', async () => {
    const demo = ctx.h.demo.provinceCode;
    const before = await auditCount();
    // The demo province's people do not see the new province, nor write to it.
    expect((await http().get(base).set(as.boardHead(demo))).status).toBe(404);
    expect(
      (
        await http()
          .get(`${base}/units`)
          .set(as.head(ctx.h.demo.unit('HLHPN')))
      ).status,
    ).toBe(404);
    // A unit's people see the organisation of their province, but award history only of their own unit.
    const ownUnit = await http()
      .get(`/v1/provinces/${demo}/units/${ctx.h.demo.unit('HLHPN')}`)
      .set(as.head(ctx.h.demo.unit('HLHPN')));
    expect(ownUnit.body.awards).toEqual([]);
    const otherUnit = await http()
      .get(`/v1/provinces/${demo}/units/${ctx.h.demo.unit('LDLD')}`)
      .set(as.head(ctx.h.demo.unit('HLHPN')));
    expect(otherUnit.status).toBe(200);
    expect(otherUnit.body.awards).toBeUndefined();
    const foreign = await http().post(`${base}/units`).set(as.boardHead(demo)).send({ code: 'X-1', name: 'Đơn vị lạ' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('PROVINCE_NOT_FOUND');
    // The new province's admin does not see the demo province; its list shows its own only.
    expect((await http().get(`/v1/provinces/${demo}/blocs`).set(provinceAdmin())).status).toBe(404);
    const list = await http().get('/v1/provinces').set(provinceAdmin());
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual([P]);
    // Nor act there through the older routes: a condition on a demo unit, a cycle of the demo bloc (403, nothing written).
    const condition = await http()
      .post(`/v1/units/${ctx.h.demo.unit('HCCB')}/conditions`)
      .set(provinceAdmin())
      .send({ kind: 'AUDIT', sourceAgency: 'Thanh tra', description: 'x', reference: 'y', fromDate: '2024-03-01' });
    expect({ status: condition.status, code: condition.body.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
    const cycle = await http()
      .post('/v1/cycles')
      .set(provinceAdmin())
      .send({ provinceCode: demo, blocCode: ctx.h.demo.blocCode, year: 2031 });
    expect({ status: cycle.status, code: cycle.body.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
    // Roles that may not write, in their own province.
    const head = await http()
      .post(`/v1/provinces/${demo}/units`)
      .set(as.head(ctx.h.demo.unit('HLHPN')))
      .send({ code: 'X-2', name: 'X' });
    expect(head.status).toBe(403);
    expect(
      (await http().post(`/v1/provinces/${demo}/blocs`).set(as.auditor()).send({ code: 'X', name: 'X', fromYear: 2024 })).status,
    ).toBe(403);
    // Only a system admin creates a province or records a succession.
    expect((await http().post('/v1/provinces').set(provinceAdmin()).send({ code: 'ZZ', name: 'Z' })).status).toBe(403);
    expect(
      (await http().post(`${base}/succession`).set(boardHead()).send({ successorCode: demo, on: '2025-07-01' })).status,
    ).toBe(403);
    // A system-wide auditor reads everything.
    expect(
      (
        await http()
          .get(`${base}/units/${u('U3')}`)
          .set(as.auditor())
      ).status,
    ).toBe(200);
    expect(await auditCount()).toBe(before);
  });

  it('given a province merged into another, should end it on the date and name its successor', async () => {
    const res = await http()
      .post(`${base}/succession`)
      .set(as.admin())
      .send({ successorCode: ctx.h.demo.provinceCode, on: '2025-07-01' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ validTo: '2025-07-01', successorCode: ctx.h.demo.provinceCode });
  });

  it('given the writes above, should have put each in the audit chain with who made it', async () => {
    const rows = await ctx.h.dataSource.query<{ type: string; actor_role: string }[]>(
      `SELECT type, actor_role FROM audit_log WHERE payload::text LIKE $1 ORDER BY seq`,
      [`%${P}%`],
    );
    const types = new Set(rows.map((r) => r.type));
    for (const t of [
      'PROVINCE_CREATED',
      'BLOC_CREATED',
      'UNIT_CREATED',
      'BLOC_MEMBERSHIP_ADDED',
      'BLOC_LEADERSHIP_SET',
      'UNIT_ENDED',
      'UNIT_SUCCEEDED',
      'BLOC_ENDED',
      'PROVINCE_SUCCEEDED',
    ]) {
      expect(types).toContain(t);
    }
    expect(new Set(rows.map((r) => r.actor_role))).toEqual(new Set(['ADMIN', 'BOARD_HEAD']));
    const verify = await http().get('/v1/audit/verify').set(as.auditor());
    expect(verify.body).toMatchObject({ ok: true });
  });
});
