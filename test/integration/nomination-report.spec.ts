import ExcelJS from 'exceljs';
import request from 'supertest';
import { NomineeStatus, Phase, type CycleState } from '../../src/shared/cycle-types';
import { GROUP_SHEETS, ITEMS_SHEET, ITEM_COLUMNS, TOTALS_ROW } from '../../src/workbook/nomination-report';
import { as, type Headers } from './support/actors';
import { useS1Harness } from './support/harness';

type Item = {
  id: string;
  source: string;
  blocCode: string | null;
  blocName: string | null;
  unitCode: string;
  unitName: string;
  award: string;
  awardName: string;
  status: string;
  statusName: string;
  outcome: string;
  decisionDate: string | null;
  reasons: { stage: string; text: string }[];
};
type Group = { key: string; name: string; total: number; outcomes: Record<string, number> };
type Report = { groups: Group[]; totals: Group; items: Item[] };
type Page = {
  items: Item[];
  total: number;
  totals: Record<'byBloc' | 'byAward' | 'byStatus', { key: string; name: string; count: number }[]>;
};

const APPRAISAL_NOTE = 'Hồ sơ thiếu báo cáo thành tích có xác nhận của cơ quan chủ quản';
const DECISION_REASON = 'Đơn vị có cán bộ chủ chốt bị kỷ luật trong năm';
const DIRECT_REASON = 'Không thuộc đối tượng xét tặng Bằng khen theo đề nghị trực tiếp';

/**
 * The board's report over the nominations of the S1 cycle (Hội LHPN's flag approved, Đoàn TN's Bằng khen rejected by
 * the chairman, Hội ND's not recommended at appraisal) and one direct proposal of an agency outside any bloc: every
 * count of the list, the JSON report and the Excel export equals the rows in PostgreSQL.
 */
describe("The board's report over the nominations", () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());
  const province = () => ctx.h.demo.provinceCode;
  const year = 2020;

  async function get<T>(path: string, headers: Headers = as.boardHead(province()), status = 200): Promise<T> {
    const res = await http().get(path).set(headers);
    if (res.status !== status) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** The rows of PostgreSQL, grouped as the report groups them: the reference every count is checked against. */
  async function pgCounts(by: 'bloc_code' | 'award' | 'status' | 'unit_code'): Promise<Map<string, number>> {
    const rows: { key: string | null; count: number }[] = await ctx.h.dataSource.query(
      `SELECT ${by} AS key, count(*)::int AS count FROM nominations WHERE province_code = $1 AND year = $2 GROUP BY ${by}`,
      [province(), year],
    );
    return new Map(rows.map((r) => [r.key ?? '', r.count]));
  }

  beforeAll(async () => {
    const { s1, h } = ctx;
    await s1.toConference();
    await s1.openBallot();
    await s1.castAll();
    await s1.closeBallot();
    await s1.waitForPhase(Phase.SUBMISSION);
    await s1.submitDossier();
    const inAppraisal = await s1.reviewDossier('ACCEPT');
    await s1.post(`/v1/cycles/${s1.cycleId}/appraisal`, as.specialist(province()), {
      opinions: inAppraisal.nominees.map((n) =>
        n.unitCode === s1.u('HND')
          ? { nomineeId: n.id, recommend: false, note: APPRAISAL_NOTE }
          : { nomineeId: n.id, recommend: true, note: 'Đủ tiêu chuẩn' },
      ),
    });
    const approved = (await s1.post(`/v1/cycles/${s1.cycleId}/appraisal/approval`, as.boardHead(province()), {
      decision: 'APPROVE',
    })) as CycleState;
    const voted = await s1.councilVote(approved);
    await s1.post(`/v1/cycles/${s1.cycleId}/decisions`, as.chairman(province()), {
      decisionNumber: '125/QĐ-UBND',
      decisionDate: s1.dates.decision,
      items: voted.nominees
        .filter((n) => n.status === NomineeStatus.AWAITING_DECISION)
        .map((n) =>
          n.unitCode === s1.u('DTN')
            ? { nomineeId: n.id, approve: false, reason: DECISION_REASON }
            : { nomineeId: n.id, approve: true },
        ),
    });
    await s1.waitForPhase(Phase.COMPLETED);
    // A direct proposal of an agency outside any bloc, as the province round's projection writes it.
    await h.dataSource.query(
      `INSERT INTO nominations (id, cycle_id, source, proposer, round_id, reason, nominee_id, province_code, year, unit_code, award,
                                status, ballot_votes, rules_version, updated_at)
       VALUES ($1, NULL, 'DIRECT', 'Sở Nội vụ', $2, $3, 'BANG_KHEN_CHU_TICH:direct', $4, $5, $6, 'BANG_KHEN_CHU_TICH', 'REJECTED', 0, $7, now())`,
      [
        `round.${province()}.${year}:1`,
        `round.${province()}.${year}`,
        DIRECT_REASON,
        province(),
        year,
        s1.u('HCCB'),
        `${province()}-ND91-2017`,
      ],
    );
  }, 300_000);

  it('given every filter of the year, should answer the rows of PostgreSQL with names, reasons and totals that add up to them', async () => {
    const { s1 } = ctx;
    const page = await get<Page>(`/v1/nominations?provinceCode=${province()}&year=${year}`);
    const [pgTotal] = await ctx.h.dataSource.query(
      `SELECT count(*)::int AS n FROM nominations WHERE province_code = $1 AND year = $2`,
      [province(), year],
    );
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(pgTotal.n);
    for (const [key, by] of [
      ['byBloc', 'bloc_code'],
      ['byAward', 'award'],
      ['byStatus', 'status'],
    ] as const) {
      const pg = await pgCounts(by);
      expect(new Map(page.totals[key].map((g) => [g.key, g.count]))).toEqual(pg);
    }
    expect(page.totals.byBloc).toEqual([
      { key: ctx.h.demo.blocCode, name: 'Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh', count: 3 },
      { key: '', name: 'Ngoài khối, cụm (đề nghị trực tiếp)', count: 1 },
    ]);
    const byUnit = new Map(page.items.map((n) => [n.unitCode, n]));
    expect(byUnit.get(s1.u('HND'))).toMatchObject({
      status: NomineeStatus.NOT_RECOMMENDED,
      statusName: 'Không được đề xuất qua thẩm định',
      outcome: 'REFUSED',
      unitName: 'Hội Nông dân tỉnh Bắc Kạn',
      awardName: 'Bằng khen của Chủ tịch UBND tỉnh',
      reasons: [{ stage: 'APPRAISAL', text: APPRAISAL_NOTE }],
    });
    expect(byUnit.get(s1.u('DTN'))).toMatchObject({
      status: NomineeStatus.REJECTED,
      reasons: [{ stage: 'DECISION', text: DECISION_REASON }],
    });
    expect(byUnit.get(s1.u('HLHPN'))).toMatchObject({ status: NomineeStatus.APPROVED, outcome: 'AWARDED', reasons: [] });
    expect(byUnit.get(s1.u('HCCB'))).toMatchObject({
      source: 'DIRECT',
      blocName: null,
      reasons: [{ stage: 'OTHER', text: DIRECT_REASON }],
    });

    const filtered = async (query: string) =>
      (await get<Page>(`/v1/nominations?provinceCode=${province()}&year=${year}&${query}`)).items.map((n) => n.unitCode).sort();
    expect(await filtered(`blocCode=${ctx.h.demo.blocCode}`)).toEqual([s1.u('DTN'), s1.u('HLHPN'), s1.u('HND')].sort());
    expect(await filtered(`unitCode=${s1.u('DTN')}`)).toEqual([s1.u('DTN')]);
    expect(await filtered('source=DIRECT')).toEqual([s1.u('HCCB')]);
    expect(await filtered('outcome=REFUSED')).toEqual([s1.u('DTN'), s1.u('HCCB'), s1.u('HND')].sort());
    expect(await filtered('stage=APPRAISAL')).toEqual([s1.u('HND')]);
    expect(await filtered('award=CO_THI_DUA_TINH')).toEqual([s1.u('HLHPN')]);
    expect(await filtered(`roundId=round.${province()}.${year}`)).toEqual([s1.u('HCCB')]);
  });

  it('given pages of two, should give every row once, and the same totals on each page', async () => {
    const all = await get<Page>(`/v1/nominations?provinceCode=${province()}&year=${year}`);
    const first = await get<Page>(`/v1/nominations?provinceCode=${province()}&year=${year}&limit=2`);
    const second = await get<Page>(`/v1/nominations?provinceCode=${province()}&year=${year}&limit=2&offset=2`);
    expect(first.items).toHaveLength(2);
    expect([...first.items, ...second.items].map((n) => n.id)).toEqual(all.items.map((n) => n.id));
    expect(second.totals).toEqual(all.totals);
    expect(second.total).toBe(4);
  });

  it('given each grouping, should report groups that add up to the totals row and match PostgreSQL', async () => {
    for (const [groupBy, column] of [
      ['bloc', 'bloc_code'],
      ['award', 'award'],
      ['status', 'status'],
      ['unit', 'unit_code'],
    ] as const) {
      const report = await get<Report>(`/v1/reports/nominations?year=${year}&groupBy=${groupBy}`, as.specialist(province()));
      expect(new Map(report.groups.map((g) => [g.key, g.total]))).toEqual(await pgCounts(column));
      expect(report.totals.total).toBe(report.items.length);
      expect(report.groups.reduce((s, g) => s + g.total, 0)).toBe(report.totals.total);
      for (const outcome of ['PENDING', 'AWARDED', 'FORWARDED', 'REFUSED']) {
        expect(report.groups.reduce((s, g) => s + g.outcomes[outcome], 0)).toBe(report.totals.outcomes[outcome]);
      }
    }
    const byStatus = await get<Report>(`/v1/reports/nominations?year=${year}&groupBy=status`);
    expect(byStatus.totals).toEqual({
      key: '*',
      name: 'Tổng cộng',
      total: 4,
      outcomes: { PENDING: 0, AWARDED: 1, FORWARDED: 0, REFUSED: 3 },
    });
  });

  it('given the Excel export, should read back with every count equal to the JSON report and the rows in PostgreSQL', async () => {
    const res = await http()
      .get(`/v1/reports/nominations/export?year=${year}`)
      .set(as.boardHead(province()))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...GROUP_SHEETS.map((s) => s.sheet), ITEMS_SHEET]);

    for (const { by, sheet, header } of GROUP_SHEETS) {
      const ws = wb.getWorksheet(sheet) as ExcelJS.Worksheet;
      const report = await get<Report>(`/v1/reports/nominations?year=${year}&groupBy=${by}`);
      const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      expect(values(1)).toEqual([
        header,
        'Tổng số đề nghị',
        'Đang xét',
        'Được khen thưởng',
        'Đã trình cấp trên',
        'Không được khen thưởng',
      ]);
      const line = (g: Group) => [g.total, g.outcomes.PENDING, g.outcomes.AWARDED, g.outcomes.FORWARDED, g.outcomes.REFUSED];
      const rows = report.groups.map((_, i) => values(i + 2));
      expect(rows).toEqual(report.groups.map((g) => [g.name, ...line(g)]));
      expect(values(report.groups.length + 2)).toEqual([TOTALS_ROW, ...line(report.totals)]);
      expect(ws.actualRowCount).toBe(report.groups.length + 2);
    }
    // Names, not codes: the bloc sheet names the bloc and the direct proposals.
    const blocs = wb.getWorksheet(GROUP_SHEETS[0].sheet) as ExcelJS.Worksheet;
    expect(blocs.getCell('A2').value).toBe('Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh');
    expect(blocs.getCell('A3').value).toBe('Ngoài khối, cụm (đề nghị trực tiếp)');

    const items = wb.getWorksheet(ITEMS_SHEET) as ExcelJS.Worksheet;
    expect((items.getRow(1).values as unknown[]).slice(1)).toEqual(ITEM_COLUMNS.map((c) => c.header));
    const [pg] = await ctx.h.dataSource.query(
      `SELECT count(*)::int AS n FROM nominations WHERE province_code = $1 AND year = $2`,
      [province(), year],
    );
    expect(items.actualRowCount - 1).toBe(pg.n);
    const column = (name: string) => ITEM_COLUMNS.findIndex((c) => c.header === name) + 1;
    const rowOf = (unitName: string) => {
      for (let r = 2; r <= items.actualRowCount; r++)
        if (items.getRow(r).getCell(column('Đơn vị')).value === unitName) return items.getRow(r);
      throw new Error(`no row for ${unitName}`);
    };
    expect(rowOf('Hội Nông dân tỉnh Bắc Kạn').getCell(column('Lý do')).value).toBe(APPRAISAL_NOTE);
    const dtn = rowOf('Tỉnh đoàn Bắc Kạn (Đoàn TNCS Hồ Chí Minh)');
    expect(dtn.getCell(column('Lý do')).value).toBe(DECISION_REASON);
    expect(dtn.getCell(column('Trạng thái')).value).toBe('Không được khen thưởng');
    const date = dtn.getCell(column('Ngày quyết định'));
    expect(date.value).toEqual(new Date(Date.UTC(2021, 0, 20)));
    expect(date.numFmt).toBe('dd/mm/yyyy');
  });

  it('given readers outside the board, should refuse the report, and give a unit its own nominations with reasons only', async () => {
    const { s1 } = ctx;
    for (const headers of [as.chairman(province()), as.head(s1.u('HLHPN')), as.admin()]) {
      const res = await http().get(`/v1/reports/nominations?year=${year}`).set(headers);
      expect(res.status).toBe(403);
    }
    const own = await get<{ unitName: string; nominations: Item[] }>(
      `/v1/units/${s1.u('HND')}/nominations`,
      as.focal(s1.u('HND')),
    );
    expect(own.nominations.map((n) => [n.status, n.reasons.map((r) => r.text)])).toEqual([
      [NomineeStatus.NOT_RECOMMENDED, [APPRAISAL_NOTE]],
    ]);
    // Another unit, even the bloc's Trưởng khối, is answered as for a unit that does not exist.
    await get(`/v1/units/${s1.u('HND')}/nominations`, as.head(s1.u('DTN')), 404);
    await get(`/v1/units/${s1.u('HND')}/nominations`, as.head(s1.u('HLHPN')), 404);
    // In the bloc's list a unit's people see the other members' rows, but not the reasons given against them.
    const seen = await get<Page>(`/v1/nominations?year=${year}`, as.focal(s1.u('HND')));
    expect(seen.items.map((n) => [n.unitCode, n.reasons.length]).sort()).toEqual(
      [
        [s1.u('DTN'), 0],
        [s1.u('HLHPN'), 0],
        [s1.u('HND'), 1],
      ].sort(),
    );
  });
});
