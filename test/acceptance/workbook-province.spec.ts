import ExcelJS from 'exceljs';
import request from 'supertest';
import { seedRuleSets } from '../../src/seed/demo-province';
import { identityUsername, provinceIdentities } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import { Phase } from '../../src/shared/cycle-types';
import { TaskRating } from '../../src/shared/eligibility';
import { AwardType } from '../../src/shared/rules';
import { writeWorkbook } from '../../src/workbook/writer';
import { as, provisionIdentities, TEST_PASSWORD } from '../integration/support/actors';
import { bundleWorkflows, createHarness, uniqueSuffix, type Harness } from '../integration/support/harness';
import { defineCycle, STANDARD_CRITERIA, type BallotPaperFixture } from './fixtures/cycle-fixture';
import { CycleDriver } from './support/cycle-driver';
import { fixtureRuleSets, type SeededBloc } from './support/seed-bloc';

const { BANG_KHEN_CHU_TICH: BANG_KHEN } = AwardType;

const KEYS = Array.from({ length: 24 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`);
type Key = (typeof KEYS)[number];
const ASSOCIATIONS = [
  'Hội Nhà báo',
  'Liên hiệp các Hội Văn học nghệ thuật',
  'Liên hiệp các Hội Khoa học và Kỹ thuật',
  'Hội Chữ thập đỏ',
  'Hội Người cao tuổi',
  'Hội Luật gia',
  'Hội Khuyến học',
  'Hội Cựu thanh niên xung phong',
  'Hội Người mù',
  'Hội Đông y',
  'Hội Nạn nhân chất độc da cam/dioxin',
  'Hội Bảo trợ người khuyết tật và trẻ mồ côi',
  'Liên hiệp các tổ chức hữu nghị',
  'Hội Kiến trúc sư',
  'Hội Cựu tù chính trị cách mạng',
  'Hội Làm vườn',
  'Hội Sinh vật cảnh',
  'Hội Cựu giáo chức',
  'Hội Y học cổ truyền',
  'Hội Doanh nhân trẻ',
  'Hội Thầy thuốc trẻ',
  'Hội Người khuyết tật',
  'Hội Tù yêu nước',
  'Hội Hữu nghị Việt – Lào',
];

/**
 * A 24-unit bloc of associations, invented for this test (no press report is reproduced): A01 leads 2025 with A02
 * as deputy, as the workbook says; the conference elects A07 Trưởng khối and A08 Phó khối for 2026 (20 of 24 papers),
 * and proposes the Bằng khen of the chairman for A05 and A06, which the chairman grants.
 */
const W24 = defineCycle({
  id: 'W24',
  sources: ['invented'],
  province: { code: 'W24', name: 'Tỉnh nhập từ tệp' },
  bloc: { code: 'KHOI-HOI', name: 'Khối thi đua các hội đặc thù' },
  year: 2025,
  units: KEYS.map((key, i) => ({ key, name: `${ASSOCIATIONS[i]} tỉnh` })),
  leadership: { leader: 'A01', deputy: 'A02' },
  criteria: STANDARD_CRITERIA,
  scores: Object.fromEntries(KEYS.map((key, i) => [key, [39 - (i % 10), 29 - Math.floor(i / 10), 28]])),
  conference: { heldOn: '2025-12-22', location: 'Hội trường Hội Nhà báo tỉnh', present: KEYS },
  ballot: {
    candidates: { [BANG_KHEN]: ['A05', 'A06', 'A09'] },
    leaderCandidates: ['A07', 'A03'],
    deputyCandidates: ['A08', 'A04'],
    papers: KEYS.map((voter, i): BallotPaperFixture<Key> => ({
      voter,
      choices: { [BANG_KHEN]: i < 18 ? ['A05', 'A06'] : ['A09'] },
      nextLeader: i < 20 ? 'A07' : 'A03',
      nextDeputy: i < 20 ? 'A08' : 'A04',
    })),
  },
  dossier: { toTrinhNumber: '07/TTr-KHĐT', toTrinhDate: '2025-12-29' },
  appraisal: {
    [BANG_KHEN]: {
      A05: { recommend: true, note: 'Đủ điều kiện, tiêu chuẩn; hồ sơ đầy đủ theo quy định' },
      A06: { recommend: true, note: 'Đủ điều kiện, tiêu chuẩn; hồ sơ đầy đủ theo quy định' },
    },
  },
  decision: { number: '31/QĐ-UBND', date: '2026-01-15' },
  published: {
    summary: 'Invented for the workbook test: a 24-unit bloc of associations, its first year in the system.',
    awards: { [BANG_KHEN]: ['A05', 'A06'] },
    nextLeader: 'A07',
    nextDeputy: 'A08',
  },
});

/**
 * Done-when of issue 13: a new province built from a workbook through the API (its bloc, 24 units, memberships, the
 * first year's Trưởng khối and Phó khối, and every person's account), whose bloc then runs its whole year through
 * the API to the chairman's decision and elects as next Trưởng khối a unit that was neither leader nor deputy.
 */
describe('A new province from a workbook runs its first year', () => {
  let h: Harness;
  const P = `W24${uniqueSuffix().toUpperCase()}`;
  const unit = (key: Key) => `${P}-${key}`;
  const http = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await createHarness({ bundle: await bundleWorkflows(), demo: { provinceCode: `WBD-${uniqueSuffix().toUpperCase()}` } });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('builds the province from the workbook, runs the year to the decision and elects a new Trưởng khối', async () => {
    expect((await http().post('/v1/provinces').set(as.admin()).send({ code: P, name: W24.province.name })).status).toBe(201);
    await h.dataSource.transaction((m) => seedRuleSets(m, P, fixtureRuleSets(P)));

    const people = provinceIdentities(
      P,
      W24.units.map((u) => ({ code: unit(u.key), name: u.name })),
    ).filter((p) => p.role !== Role.ADMIN && p.role !== Role.AUDITOR);
    const file = await writeWorkbook({
      blocs: [{ code: W24.bloc.code, name: W24.bloc.name, kind: 'KHOI', fromYear: 2025, toYear: null }],
      units: W24.units.map((u) => ({ code: unit(u.key), name: u.name, kind: 'HOI', validFrom: '2025-01-01' })),
      memberships: W24.units.map((u) => ({
        blocCode: W24.bloc.code,
        unitCode: unit(u.key),
        validFrom: '2025-01-01',
        validTo: null,
      })),
      leaderships: [{ blocCode: W24.bloc.code, year: 2025, leaderUnitCode: unit('A01'), deputyUnitCode: unit('A02') }],
      accounts: people.map((p) => ({
        username: p.username,
        displayName: p.displayName,
        unitCode: p.unitCode ?? null,
        role: p.role,
      })),
    });

    const preview = await http().post(`/v1/provinces/${P}/workbook/preview`).set(as.admin()).attach('file', file, 'to-chuc.xlsx');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ problemCount: 0 });
    expect(preview.body.summary).toMatchObject({
      blocs: { CREATE: 1 },
      units: { CREATE: 24 },
      memberships: { CREATE: 24 },
      leaderships: { CREATE: 1 },
      accounts: { CREATE: people.length },
    });
    const applied = await http()
      .post(`/v1/provinces/${P}/workbook/apply`)
      .set(as.admin())
      .send({ previewToken: preview.body.previewToken });
    expect(applied.status).toBe(200);
    // Specialist, board head, chairman and five council members: deciding roles wait for a second admin.
    expect(applied.body).toMatchObject({ pendingGrants: 8, invitations: { count: people.length } });

    const grants = await http().get('/v1/admin/role-grants').set(as.admin2());
    for (const grant of (grants.body as { id: string; provinceCode: string | null }[]).filter((g) => g.provinceCode === P)) {
      expect((await http().post(`/v1/admin/role-grants/${grant.id}/approve`).set(as.admin2())).status).toBe(200);
    }

    // Every person opens the link handed back once in the apply's sheet and sets a password.
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(Buffer.from(applied.body.invitations.sheetBase64 as string, 'base64') as unknown as ArrayBuffer);
    const links = sheet.worksheets[0].getSheetValues().slice(2) as unknown[][];
    expect(links).toHaveLength(people.length);
    for (const row of links) {
      const accepted = await http()
        .post('/v1/invitations/accept')
        .send({ token: String(row[5]).split('#')[1], password: TEST_PASSWORD });
      expect({ user: row[1], status: accepted.status }).toEqual({ user: row[1], status: 200 });
    }
    // Logs everyone in (the accounts exist: nothing is created; this only keeps their tokens for the driver).
    await provisionIdentities(
      h.app,
      h.dataSource,
      P,
      W24.units.map((u) => unit(u.key)),
    );
    // The units' ratings for the year are test data, as in every acceptance fixture (not master data).
    for (const u of W24.units) {
      await h.dataSource.query(
        `INSERT INTO unit_ratings (unit_code, year, rating, basis, recorded_by) VALUES ($1, 2025, $2, $3, 'test')`,
        [unit(u.key), TaskRating.HTXSNV, 'Dữ liệu kiểm thử (W24): xếp loại tổ chức đảng và đoàn thể của đơn vị'],
      );
    }

    const bloc: SeededBloc<Key> = {
      provinceCode: P,
      blocCode: W24.bloc.code,
      year: 2025,
      unit,
      keyOf: (code) => {
        const key = KEYS.find((k) => unit(k) === code);
        if (!key) throw new Error(`${code} is not a unit of W24`);
        return key;
      },
      ruleSetVersions: [],
    };
    const outcome = await new CycleDriver(h.app, W24, bloc).run();

    expect(outcome.cycle).toMatchObject({ phase: Phase.COMPLETED, status: 'COMPLETED', year: 2025 });
    expect(outcome.cycle.units).toHaveLength(24);
    const awarded = KEYS.filter((k) => outcome.awards[k].some((a) => a.award === String(BANG_KHEN)));
    expect(awarded).toEqual(['A05', 'A06']);
    for (const k of ['A05', 'A06'] as const)
      expect(outcome.awards[k][0]).toMatchObject({ year: 2025, decisionNumber: '31/QĐ-UBND' });

    const y2025 = outcome.leaderships.find((l) => l.year === 2025);
    const y2026 = outcome.leaderships.find((l) => l.year === 2026);
    expect(y2025).toMatchObject({ leaderUnit: unit('A01'), deputyUnit: unit('A02'), source: 'INITIAL' });
    expect(y2026).toMatchObject({ leaderUnit: unit('A07'), deputyUnit: unit('A08'), source: 'ELECTED' });
    expect([unit('A01'), unit('A02')]).not.toContain(y2026?.leaderUnit);
    expect(identityUsername(Role.UNIT_HEAD, unit('A07'))).toBe(`head.${unit('A07').toLowerCase()}`);
  });
});
