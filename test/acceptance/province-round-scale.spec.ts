import { generateKeyPairSync, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { RoundItem, RoundView } from '../../src/domain/round/types';
import { demoRuleSets } from '../../src/domain/rule-sets';
import { identityUsername, provinceIdentities } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import { NomineeStatus, Phase, type CycleState } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { GROUP_SHEETS, ITEMS_SHEET, ITEM_COLUMNS, TOTALS_ROW } from '../../src/workbook/nomination-report';
import { writeWorkbook } from '../../src/workbook/writer';
import { as, provisionAccounts, type Headers } from '../integration/support/actors';
import { bundleWorkflows, createHarness, uniqueSuffix, type Harness } from '../integration/support/harness';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN, CO_THI_DUA_CHINH_PHU: CO_CP } = AwardType;

type Group = { key: string; name: string; total: number; outcomes: Record<string, number> };
type ReportItem = { id: string; unitCode: string; award: string; status: string; reasons: { stage: string; text: string }[] };
type Report = { groups: Group[]; totals: Group; items: ReportItem[] };

const YEAR = 2025;
const BLOCS = 30;
/** Blocs 1–15 propose two flags (the province's quy chế allows two per bloc), 16–30 one; every bloc two Bằng khen. */
const twoFlags = (b: number) => b < 15;
const CRITERIA = [
  { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxPoints: 40, evidenceRequired: true },
  { code: 'TC2', name: 'Công tác xây dựng tổ chức, đoàn kết nội bộ', maxPoints: 30, evidenceRequired: false },
  { code: 'TC3', name: 'Tham gia hoạt động chung của khối', maxPoints: 30, evidenceRequired: false },
];
const DAY = 86_400_000;
const NOT_RECOMMENDED_NOTE = 'Báo cáo thành tích chưa có xác nhận của cơ quan quản lý cấp trên';
const COUNCIL_REASON = 'Hội đồng không thống nhất đề nghị: thành tích chưa tiêu biểu trong khối';
const DECISION_REASON = 'Đơn vị có cán bộ chủ chốt bị kỷ luật trong năm';
const CENTRAL_REASON = 'Chưa đủ tiêu chuẩn Cờ thi đua của Chính phủ theo Điều 25 Luật Thi đua, khen thưởng';

/**
 * Done-when of issue 15 at a province's scale: 30 blocs and clusters, built from one organisation workbook, whose
 * live cycles reach the appraisal through the API (every unit's pledge, sheet and ballot paper) and hand themselves
 * to the open round: 45 flags and 60 Bằng khen proposed by their conferences, 8 direct proposals of agencies outside
 * any bloc. The board appraises, the council sits twice (the first adjourned below quorum) and approves 31 flags and
 * 52 Bằng khen, the chairman decides, four Cờ CP candidates go upward and two come back decided. The board's report
 * and its Excel export count exactly what was decided, and each unit refused sees why on its own page.
 */
describe('The province round at the scale of a province', () => {
  let h: Harness;
  const P = `RS${uniqueSuffix().toUpperCase()}`;
  const http = () => request(h.app.getHttpServer());
  const unitOf = (b: number, u: number) => `${P}-B${String(b + 1).padStart(2, '0')}-U${u + 1}`;
  const blocCode = (b: number) => `${b % 3 === 2 ? 'CUM' : 'KHOI'}-${String(b + 1).padStart(2, '0')}`;
  const agency = (n: number) => `${P}-CQ${n + 1}`;
  const AGENCIES = ['Sở Tài chính', 'Sở Y tế', 'Sở Tư pháp', 'Sở Xây dựng', 'Sở Công Thương', 'Sở Khoa học và Công nghệ'];
  const AGENCY_NAMES = [...AGENCIES, 'Ban Quản lý các khu công nghiệp', 'Văn phòng UBND'].map((n) => `${n} tỉnh`);

  beforeAll(async () => {
    h = await createHarness({ bundle: await bundleWorkflows(), demo: { provinceCode: `RSD-${uniqueSuffix().toUpperCase()}` } });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A POST by its entitled actor; a 202 (the workflow slow to answer on two busy cores) is re-sent with its request id. */
  async function post<T>(path: string, headers: Headers, body: object = {}, status = 200): Promise<T> {
    let res = await http().post(path).set(headers).send(body);
    for (let retry = 0; res.status === 202 && res.body?.requestId && retry < 20; retry++) {
      await new Promise((r) => setTimeout(r, 1_000 * Number(res.body.retryAfterSeconds ?? 1)));
      res = await http()
        .post(path)
        .set({ ...headers, 'x-request-id': String(res.body.requestId) })
        .send(body);
    }
    if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }
  async function get<T>(path: string, headers: Headers = as.admin()): Promise<T> {
    const res = await http().get(path).set(headers);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }
  async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, items.length) }, async () => {
        while (next < items.length) {
          const i = next++;
          await fn(items[i], i);
        }
      }),
    );
  }

  /** One bloc's live year to the board's acceptance of its dossier, each step by the person entitled to it. */
  async function driveBloc(b: number): Promise<void> {
    const units = [0, 1, 2, 3].map((u) => unitOf(b, u));
    const [u1, u2, u3, u4] = units;
    const head = (u: string) => as.head(u);
    const leader = head(u1);
    const started = await post<CycleState>(
      '/v1/cycles',
      as.boardHead(P),
      { provinceCode: P, blocCode: blocCode(b), year: YEAR },
      201,
    );
    const c = `/v1/cycles/${started.cycleId}`;
    const waitPhase = async (phase: Phase) => {
      for (const until = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 100))) {
        const state = await get<CycleState>(c);
        if (state.phase === phase) return state;
        if (Date.now() > until) throw new Error(`${c}: no ${phase} (phase ${state.phase})`);
      }
    };
    await post(`${c}/launch`, leader, {
      plan: `Kế hoạch thi đua năm ${YEAR} của khối ${blocCode(b)}`,
      pledgeText: `Các đơn vị thành viên cam kết thực hiện thắng lợi nhiệm vụ chính trị năm ${YEAR}`,
      criteria: CRITERIA,
      pledgeDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
      selfAssessmentDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
    });
    await Promise.all(units.map((u) => post(`${c}/pledges`, head(u))));
    await waitPhase(Phase.SELF_ASSESSMENT);
    await Promise.all(
      units.map(async (u, i) => {
        const a = `${c}/units/${u}/assessment`;
        // The unit's head sends its own sheet (a focal person may too), approves it; the Trưởng khối accepts.
        await post(a, head(u), {
          scores: CRITERIA.map((k, n) => ({
            criterionCode: k.code,
            points: [38 - i, 28, 27][n],
            evidenceRefs: k.evidenceRequired ? [`bao-cao-tu-cham-${u.toLowerCase()}.pdf`] : [],
          })),
        });
        await post(`${a}/approval`, head(u));
        await post(`${a}/review`, u === u1 ? head(u2) : leader, { decision: 'ACCEPT' });
      }),
    );
    await waitPhase(Phase.CONFERENCE);
    await post(`${c}/conference`, leader, {
      heldOn: `${YEAR}-12-${String(10 + (b % 15)).padStart(2, '0')}`,
      location: `Hội trường đơn vị ${u1}`,
      presentUnits: units,
    });
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const choices = { [CO_TINH]: twoFlags(b) ? [u1, u2] : [u1], [BANG_KHEN]: [u3, u4] };
    await post(`${c}/ballot`, leader, {
      tellerKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      candidates: choices,
      leaderCandidates: [u2],
      deputyCandidates: [u3],
    });
    await Promise.all(
      units.map((u) =>
        post(`${c}/ballot/votes`, head(u), {
          choices,
          nextLeader: u2,
          nextDeputy: u3,
          receiptSecret: randomBytes(16).toString('base64url'),
        }),
      ),
    );
    const closed = await post<CycleState>(`${c}/ballot/close`, leader, {
      tellerPrivateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    });
    expect(closed.nominees).toHaveLength(twoFlags(b) ? 4 : 3);
    await waitPhase(Phase.SUBMISSION);
    await post(`${c}/dossier`, leader, {
      toTrinh: { number: `${b + 1}/TTr-KTĐ`, date: `${YEAR}-12-26`, documentRef: `to-trinh-${b + 1}.pdf` },
      achievementReports: closed.nominees.map((n) => ({
        unitCode: n.unitCode,
        title: `Báo cáo thành tích năm ${YEAR} của đơn vị ${n.unitCode}`,
        documentRef: `bao-cao-thanh-tich-${n.unitCode.toLowerCase()}.pdf`,
      })),
    });
    await post(`${c}/dossier/review`, as.specialist(P), { decision: 'ACCEPT' });
  }

  it('runs a round of 30 blocs and 8 direct proposals to decisions that the report and its export count exactly', async () => {
    const t0 = Date.now();
    const lap = (what: string) =>
      console.log(`province round at scale: ${what} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // ---- The province from one organisation workbook; the people of its round log in.
    expect((await http().post('/v1/provinces').set(as.admin()).send({ code: P, name: 'Tỉnh xét khen quy mô' })).status).toBe(201);
    // The province's quy chế: two flags per bloc, and the council votes the Bằng khen as well (its own choice).
    for (const set of demoRuleSets(P)) {
      const awards = {
        ...set.rules.awards,
        [CO_TINH]: { ...set.rules.awards[CO_TINH], maxPerBloc: 2 },
        [BANG_KHEN]: { ...set.rules.awards[BANG_KHEN], requiresCouncil: true },
      };
      await post(`/v1/provinces/${P}/rule-sets`, as.admin(), { ...set, rules: { ...set.rules, awards } }, 201);
    }
    const blocs = Array.from({ length: BLOCS }, (_, b) => b);
    const units = [
      ...blocs.flatMap((b) => [0, 1, 2, 3].map((u) => ({ code: unitOf(b, u), name: `Đơn vị ${u + 1} của khối số ${b + 1}` }))),
      ...AGENCY_NAMES.map((name, n) => ({ code: agency(n), name })),
    ];
    const file = await writeWorkbook({
      blocs: blocs.map((b) => ({
        code: blocCode(b),
        name: `${b % 3 === 2 ? 'Cụm' : 'Khối'} thi đua số ${b + 1}`,
        kind: b % 3 === 2 ? 'CUM' : 'KHOI',
        fromYear: YEAR,
        toYear: null,
      })),
      units: units.map((u) => ({ code: u.code, name: u.name, kind: 'NHA_NUOC', validFrom: `${YEAR}-01-01` })),
      memberships: blocs.flatMap((b) =>
        [0, 1, 2, 3].map((u) => ({ blocCode: blocCode(b), unitCode: unitOf(b, u), validFrom: `${YEAR}-01-01`, validTo: null })),
      ),
      leaderships: blocs.map((b) => ({
        blocCode: blocCode(b),
        year: YEAR,
        leaderUnitCode: unitOf(b, 0),
        deputyUnitCode: unitOf(b, 1),
      })),
      accounts: [],
    });
    const preview = await http().post(`/v1/provinces/${P}/workbook/preview`).set(as.admin()).attach('file', file, 'to-chuc.xlsx');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      problemCount: 0,
      summary: { blocs: { CREATE: 30 }, units: { CREATE: 128 }, memberships: { CREATE: 120 }, leaderships: { CREATE: 30 } },
    });
    const applied = await http()
      .post(`/v1/provinces/${P}/workbook/apply`)
      .set(as.admin())
      .send({ previewToken: preview.body.previewToken });
    expect(applied.status).toBe(200);
    // The accounts that act: the board, the chairman, the council and each unit's head (who sends its own sheet).
    await provisionAccounts(
      h.app,
      h.dataSource,
      provinceIdentities(P, units).filter((p) => ![Role.UNIT_FOCAL, Role.ADMIN, Role.AUDITOR].includes(p.role)),
    );
    await pool(units, 4, async (u) => {
      const res = await http()
        .put(`/v1/units/${u.code}/ratings/${YEAR}`)
        .set(as.specialist(P))
        .send({ rating: 'HTXSNV', basis: 'Xếp loại tổ chức đảng và đoàn thể của đơn vị (dữ liệu thử)' });
      expect(res.status).toBe(200);
    });
    const council = (n: number) => identityUsername(Role.COUNCIL_MEMBER, `${P}.${n}`);
    for (const n of [1, 2, 3, 4, 5]) {
      const councilRole = n === 1 ? 'CHU_TICH' : n === 2 ? 'PHO_CHU_TICH' : n === 5 ? 'THU_KY' : 'UY_VIEN';
      await post(
        '/v1/council-members',
        as.boardHead(P),
        { provinceCode: P, userId: council(n), name: `Thành viên Hội đồng số ${n}`, councilRole, validFrom: `${YEAR}-01-01` },
        201,
      );
    }
    lap('province built');

    // ---- The round opens; every bloc's live year runs to the acceptance of its dossier, which hands it to the round.
    const opened = await post<RoundView>(
      '/v1/rounds',
      as.boardHead(P),
      { provinceCode: P, year: YEAR, targets: { [CO_TINH]: 31, [BANG_KHEN]: 52, [CO_CP]: 4 } },
      201,
    );
    const roundId = opened.roundId;
    const r = `/v1/rounds/${roundId}`;
    await pool(blocs, 10, (b) => driveBloc(b));
    lap('30 dossiers accepted');
    let round = opened;
    for (const until = Date.now() + 60_000; round.items.length < 105 && Date.now() < until;) {
      await new Promise((res) => setTimeout(res, 250));
      round = await get<RoundView>(r, as.boardHead(P));
    }
    expect(round.items).toHaveLength(105);
    expect(round.items.filter((i) => i.award === CO_TINH)).toHaveLength(45);
    expect(round.items.filter((i) => i.award === BANG_KHEN)).toHaveLength(60);
    expect(new Set(round.items.map((i) => i.blocCode)).size).toBe(30);

    // ---- Eight agencies outside any bloc propose directly: four Cờ CP, two flags, two Bằng khen.
    const directAwards = [CO_CP, CO_CP, CO_CP, CO_CP, CO_TINH, CO_TINH, BANG_KHEN, BANG_KHEN];
    const direct = directAwards.map((award, n) => ({ proposer: AGENCY_NAMES[n], unitCode: agency(n), award }));
    for (const proposal of direct.slice(0, 4)) round = await post<RoundView>(`${r}/direct`, as.specialist(P), proposal);
    // The other four as one list: a list naming an unknown unit is refused whole and records nothing.
    const unknown = await http()
      .post(`${r}/direct/batch`)
      .set(as.specialist(P))
      .send({ proposals: [...direct.slice(4), { proposer: 'Sở Nội vụ', unitCode: `${P}-KHONG-CO`, award: BANG_KHEN }] });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'UNIT_NOT_FOUND' });
    expect((await get<RoundView>(r, as.boardHead(P))).version).toBe(round.version);
    round = await post<RoundView>(`${r}/direct/batch`, as.specialist(P), { proposals: direct.slice(4) });
    expect(round.items).toHaveLength(113);
    lap('113 items in the round');

    // ---- Appraisal: four bloc flags and two bloc Bằng khen not recommended, each with its note; the list approved.
    const blocItems = (award: AwardType) => round.items.filter((i) => i.source === 'BLOC' && i.award === award);
    const notRecommended = new Set([...blocItems(CO_TINH).slice(0, 4), ...blocItems(BANG_KHEN).slice(0, 2)].map((i) => i.id));
    await post(`${r}/appraisal`, as.specialist(P), {
      opinions: round.items.map((i) =>
        notRecommended.has(i.id)
          ? { itemId: i.id, recommend: false, note: NOT_RECOMMENDED_NOTE }
          : { itemId: i.id, recommend: true, note: 'Đủ điều kiện, tiêu chuẩn' },
      ),
    });
    round = await post<RoundView>(`${r}/appraisal/review`, as.boardHead(P), { decision: 'APPROVE' });
    const forCouncil = round.items.filter((i) => i.status === NomineeStatus.AWAITING_COUNCIL);
    expect(forCouncil).toHaveLength(107);

    // ---- Council: the first session three of five (four needed) adjourns; the second, all five, votes.
    await post(`${r}/sessions`, as.boardHead(P), { sessionDate: '2026-01-12', present: [1, 2, 5].map(council) });
    const early = await http()
      .post(`${r}/sessions/S1/votes`)
      .set(as.council(5, P))
      .send({ tallies: forCouncil.map((i) => ({ itemId: i.id, votesFor: 3, votesAgainst: 0, invalid: 0 })) });
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'COUNCIL_QUORUM_NOT_MET' });
    await post(`${r}/sessions/S1/end`, as.boardHead(P), { end: 'ADJOURN', reason: 'Không đủ 80% thành viên dự họp' });
    await post(`${r}/sessions`, as.boardHead(P), { sessionDate: '2026-01-15', present: [1, 2, 3, 4, 5].map(council) });
    const flags = forCouncil.filter((i) => i.award === CO_TINH);
    const certificates = forCouncil.filter((i) => i.award === BANG_KHEN);
    const passes = new Set(
      [...flags.slice(0, 31), ...certificates.slice(0, 52), ...forCouncil.filter((i) => i.award === CO_CP)].map((i) => i.id),
    );
    expect([flags.length, certificates.length, passes.size]).toEqual([43, 60, 87]);
    round = await post<RoundView>(`${r}/sessions/S2/votes`, as.council(5, P), {
      tallies: forCouncil.map((i) =>
        passes.has(i.id)
          ? { itemId: i.id, votesFor: 5, votesAgainst: 0, invalid: 0 }
          : { itemId: i.id, votesFor: 2, votesAgainst: 3, invalid: 0, reason: COUNCIL_REASON },
      ),
    });
    await post(`${r}/sessions/S2/end`, as.boardHead(P), { end: 'CLOSE' });
    const approvedBy = (award: AwardType) =>
      round.items.filter((i) => i.award === award && i.status === NomineeStatus.AWAITING_DECISION);
    expect([approvedBy(CO_TINH).length, approvedBy(BANG_KHEN).length, approvedBy(CO_CP).length]).toEqual([31, 52, 4]);
    lap('council voted');

    // ---- The chairman: the flags (one refused, with its reason) and the Cờ CP forwarded; then the Bằng khen.
    const refusedFlag = approvedBy(CO_TINH)[0].id;
    round = await post<RoundView>(`${r}/decisions`, as.chairman(P), {
      decisionNumber: '25/QĐ-UBND',
      decisionDate: '2026-01-20',
      quotaOverride: { reason: 'Đơn vị dẫn đầu phong trào thi đua chuyên đề của tỉnh', documentRef: 'Công văn 88/UBND-NC' },
      items: [...approvedBy(CO_TINH), ...approvedBy(CO_CP)].map((i) =>
        i.id === refusedFlag ? { itemId: i.id, approve: false, reason: DECISION_REASON } : { itemId: i.id, approve: true },
      ),
    });
    round = await post<RoundView>(`${r}/decisions`, as.chairman(P), {
      decisionNumber: '26/QĐ-UBND',
      decisionDate: '2026-01-21',
      items: approvedBy(BANG_KHEN).map((i) => ({ itemId: i.id, approve: true })),
    });
    const forwarded = round.items.filter((i) => i.status === NomineeStatus.FORWARDED).map((i) => i.id);
    expect(forwarded).toHaveLength(4);

    // ---- Upward: the four Cờ CP in one tờ trình; the centre decides two (one granted, one refused), two still wait.
    round = await post<RoundView>(`${r}/upward`, as.boardHead(P), {
      toTrinh: { number: '45/TTr-UBND', date: '2026-02-01' },
      sentOn: '2026-02-02',
      itemIds: forwarded,
    });
    round = await post<RoundView>(`${r}/upward/U1/decision`, as.boardHead(P), {
      number: '300/QĐ-TTg',
      date: '2026-05-10',
      items: [
        { itemId: forwarded[0], approve: true },
        { itemId: forwarded[1], approve: false, reason: CENTRAL_REASON },
      ],
    });
    lap('decided');
    // Each bloc's cycle hears its nominees' outcomes from the round and completes (none of them went upward).
    for (const until = Date.now() + 120_000; ; await new Promise((res) => setTimeout(res, 250))) {
      const cycles = await get<{ phase: string }[]>(`/v1/cycles?provinceCode=${P}&year=${YEAR}&limit=100`);
      if (cycles.length === 30 && cycles.every((c) => c.phase === 'COMPLETED')) break;
      if (Date.now() > until) throw new Error(`cycles not completed: ${JSON.stringify(cycles.map((c) => c.phase))}`);
    }
    lap('30 cycles completed');

    // ---- What was decided, counted from the round itself: the reference for the report.
    const outcomeOf = (i: RoundItem) =>
      i.status === NomineeStatus.APPROVED ? 'AWARDED' : i.status === NomineeStatus.FORWARDED ? 'FORWARDED' : 'REFUSED';
    const count = (pred: (i: RoundItem) => boolean) => round.items.filter(pred).length;
    const expected = {
      [CO_TINH]: { total: 47, AWARDED: 30, FORWARDED: 0, REFUSED: 17, PENDING: 0 },
      [BANG_KHEN]: { total: 62, AWARDED: 52, FORWARDED: 0, REFUSED: 10, PENDING: 0 },
      [CO_CP]: { total: 4, AWARDED: 1, FORWARDED: 2, REFUSED: 1, PENDING: 0 },
    };
    for (const [award, e] of Object.entries(expected)) {
      for (const outcome of ['AWARDED', 'FORWARDED', 'REFUSED'] as const)
        expect({ award, outcome, n: count((i) => String(i.award) === award && outcomeOf(i) === outcome) }).toEqual({
          award,
          outcome,
          n: e[outcome],
        });
    }
    // The decisions' own counts: 30 + 4 granted and one refused, then 52.
    expect(round.decisions.map((d) => [d.number, d.approved, d.rejected])).toEqual([
      ['25/QĐ-UBND', 34, 1],
      ['26/QĐ-UBND', 52, 0],
    ]);

    // ---- The board's report, by award: every count equals the decisions.
    const byAward = await get<Report>(`/v1/reports/nominations?year=${YEAR}&groupBy=award`, as.boardHead(P));
    expect(byAward.totals).toMatchObject({
      total: 113,
      outcomes: { PENDING: 0, AWARDED: 83, FORWARDED: 2, REFUSED: 28 },
    });
    for (const [award, e] of Object.entries(expected)) {
      const g = byAward.groups.find((x) => x.key === award);
      expect({ award, total: g?.total, outcomes: g?.outcomes }).toEqual({
        award,
        total: e.total,
        outcomes: { PENDING: e.PENDING, AWARDED: e.AWARDED, FORWARDED: e.FORWARDED, REFUSED: e.REFUSED },
      });
    }
    // By bloc: each bloc's proposals, the direct ones apart; by status: the statuses the round holds.
    const byBloc = await get<Report>(`/v1/reports/nominations?year=${YEAR}&groupBy=bloc`, as.boardHead(P));
    expect(byBloc.groups).toHaveLength(31);
    for (const b of blocs) {
      const g = byBloc.groups.find((x) => x.key === blocCode(b));
      const mine = round.items.filter((i) => i.blocCode === blocCode(b));
      expect({ bloc: blocCode(b), total: g?.total, awarded: g?.outcomes.AWARDED }).toEqual({
        bloc: blocCode(b),
        total: twoFlags(b) ? 4 : 3,
        awarded: mine.filter((i) => outcomeOf(i) === 'AWARDED').length,
      });
    }
    expect(byBloc.groups.find((x) => x.key === '')?.total).toBe(8);
    const byStatus = await get<Report>(`/v1/reports/nominations?year=${YEAR}&groupBy=status`, as.boardHead(P));
    const statusCounts = new Map<string, number>();
    for (const i of round.items) statusCounts.set(i.status, (statusCounts.get(i.status) ?? 0) + 1);
    expect(new Map(byStatus.groups.map((g) => [g.key, g.total]))).toEqual(statusCounts);
    expect(Object.fromEntries(statusCounts)).toEqual({
      [NomineeStatus.NOT_RECOMMENDED]: 6,
      [NomineeStatus.COUNCIL_REJECTED]: 20,
      [NomineeStatus.REJECTED]: 2,
      [NomineeStatus.APPROVED]: 83,
      [NomineeStatus.FORWARDED]: 2,
    });

    // ---- The Excel export, read back: the same counts on every sheet, one row per nomination.
    const res = await http()
      .get(`/v1/reports/nominations/export?year=${YEAR}`)
      .set(as.boardHead(P))
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    for (const { by, sheet } of GROUP_SHEETS) {
      const ws = wb.getWorksheet(sheet) as ExcelJS.Worksheet;
      const report = await get<Report>(`/v1/reports/nominations?year=${YEAR}&groupBy=${by}`, as.boardHead(P));
      const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      const line = (g: Group) => [g.total, g.outcomes.PENDING, g.outcomes.AWARDED, g.outcomes.FORWARDED, g.outcomes.REFUSED];
      expect(report.groups.map((_, i) => values(i + 2))).toEqual(report.groups.map((g) => [g.name, ...line(g)]));
      expect(values(report.groups.length + 2)).toEqual([TOTALS_ROW, 113, 0, 83, 2, 28]);
      expect(ws.actualRowCount).toBe(report.groups.length + 2);
    }
    const awardSheet = wb.getWorksheet(GROUP_SHEETS.find((s) => s.by === 'award')?.sheet) as ExcelJS.Worksheet;
    const awardRows = new Map(
      Array.from({ length: awardSheet.actualRowCount - 1 }, (_, i) =>
        (awardSheet.getRow(i + 2).values as unknown[]).slice(1),
      ).map((v) => [String(v[0]), v.slice(1)]),
    );
    expect(awardRows.get('Cờ thi đua của UBND tỉnh')).toEqual([47, 0, 30, 0, 17]);
    expect(awardRows.get('Bằng khen của Chủ tịch UBND tỉnh')).toEqual([62, 0, 52, 0, 10]);
    expect(awardRows.get('Cờ thi đua của Chính phủ')).toEqual([4, 0, 1, 2, 1]);
    const items = wb.getWorksheet(ITEMS_SHEET) as ExcelJS.Worksheet;
    expect(items.actualRowCount - 1).toBe(113);
    const column = (name: string) => ITEM_COLUMNS.findIndex((c) => c.header === name) + 1;
    const reasonsInSheet = new Map<string, number>();
    for (let row = 2; row <= items.actualRowCount; row++) {
      const reason = items.getRow(row).getCell(column('Lý do')).text;
      if (reason) reasonsInSheet.set(reason, (reasonsInSheet.get(reason) ?? 0) + 1);
    }
    expect(Object.fromEntries(reasonsInSheet)).toEqual({
      [NOT_RECOMMENDED_NOTE]: 6,
      [COUNCIL_REASON]: 20,
      [DECISION_REASON]: 1,
      [CENTRAL_REASON]: 1,
    });

    // ---- Every refused nominee's unit sees the reason on its own page.
    const refused = round.items.filter((i) => outcomeOf(i) === 'REFUSED');
    expect(refused).toHaveLength(28);
    const reasonOf = (i: RoundItem) =>
      i.status === NomineeStatus.NOT_RECOMMENDED
        ? NOT_RECOMMENDED_NOTE
        : i.status === NomineeStatus.COUNCIL_REJECTED
          ? COUNCIL_REASON
          : i.central
            ? CENTRAL_REASON
            : DECISION_REASON;
    await pool(refused, 4, async (i) => {
      const page = await get<{ nominations: ReportItem[] }>(`/v1/units/${i.unitCode}/nominations`, as.head(i.unitCode));
      const row = page.nominations.find((n) => n.award === String(i.award));
      expect({ unit: i.unitCode, award: i.award, status: row?.status, reasons: row?.reasons.map((x) => x.text) }).toEqual({
        unit: i.unitCode,
        award: i.award,
        status: i.status,
        reasons: expect.arrayContaining([reasonOf(i)]),
      });
    });
    lap('report, export and units’ pages checked');
  }, 600_000);
});
