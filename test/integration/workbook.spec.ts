import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { MAX_WORKBOOK_BYTES } from '../../src/api/organisation/workbook.service';
import { SHEETS } from '../../src/domain/workbook/format';
import { Role } from '../../src/shared/actors';
import { sampleRows } from '../../src/workbook/sample';
import { writeWorkbook, type SheetRows } from '../../src/workbook/writer';
import { as, login, provisionAccounts } from './support/actors';
import { uniqueSuffix, useS1Harness } from './support/harness';

const FIXTURES = path.join(__dirname, '../fixtures/workbook');

/** A workbook written cell by cell: the inputs a board's spreadsheet may hold and our writer never produces. */
async function handmade(
  rows: Partial<Record<string, unknown[][]>>,
  options: { omit?: string[]; headers?: Record<string, string[]> } = {},
) {
  const wb = new ExcelJS.Workbook();
  for (const spec of SHEETS) {
    if (options.omit?.includes(spec.key)) continue;
    const ws = wb.addWorksheet(spec.name);
    ws.addRow(options.headers?.[spec.key] ?? spec.columns.map((c) => c.header));
    for (const r of rows[spec.key] ?? []) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** exceljs' parser for binary answers (supertest buffers only known binary types by default). */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('Organisation workbook through the API: preview, apply, round trip, refusals', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());
  const P = `W${uniqueSuffix().toUpperCase()}`;
  const base = `/v1/provinces/${P}/workbook`;
  const boardHead = () => as.user(`truongphong.${P.toLowerCase()}`);
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await ctx.h.dataSource.query<{ n: string }[]>(sql, params))[0].n);
  /** Everything an import may write, counted. */
  const footprint = async () => ({
    blocs: await count(`SELECT count(*) AS n FROM blocs WHERE province_code = $1`, [P]),
    units: await count(`SELECT count(*) AS n FROM units WHERE province_code = $1`, [P]),
    memberships: await count(
      `SELECT count(*) AS n FROM bloc_memberships m JOIN blocs b ON b.id = m.bloc_id WHERE b.province_code = $1`,
      [P],
    ),
    leaderships: await count(
      `SELECT count(*) AS n FROM bloc_leaderships l JOIN blocs b ON b.id = l.bloc_id WHERE b.province_code = $1`,
      [P],
    ),
    users: await count(`SELECT count(*) AS n FROM users`),
    roles: await count(`SELECT count(*) AS n FROM role_assignments`),
    grants: await count(`SELECT count(*) AS n FROM role_grants`),
    invitations: await count(`SELECT count(*) AS n FROM account_invitations`),
    audit: await count(`SELECT count(*) AS n FROM audit_log`),
  });
  const preview = (file: Buffer, headers = as.admin(), name = 'to-chuc.xlsx') =>
    http().post(`${base}/preview`).set(headers).attach('file', file, name);
  const apply = (previewToken: string, headers = as.admin()) => http().post(`${base}/apply`).set(headers).send({ previewToken });
  const sample = (): SheetRows => sampleRows(P, { blocs: 2, units: 8, accounts: 6 });

  beforeAll(async () => {
    expect((await http().post('/v1/provinces').set(as.admin()).send({ code: P, name: 'Tỉnh Nhập Tệp' })).status).toBe(201);
    await provisionAccounts(ctx.h.app, ctx.h.dataSource, [
      { username: `truongphong.${P.toLowerCase()}`, displayName: 'Trưởng phòng TĐKT', role: Role.BOARD_HEAD, provinceCode: P },
    ]);
  });

  it('given the template, should be an .xlsx with the five sheets, Vietnamese headers and a guide', async () => {
    const res = await http().get(`${base}/template`).set(as.admin()).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Hướng dẫn',
      'Khối-Cụm',
      'Đơn vị',
      'Thành viên khối',
      'Lãnh đạo khối',
      'Tài khoản',
    ]);
  });

  it("given a new province's workbook, the preview writes nothing, the apply writes exactly it, and the same file again changes nothing", async () => {
    const file = await writeWorkbook(sample());
    const before = await footprint();
    const previewed = await preview(file, boardHead());
    expect(previewed.status).toBe(200);
    expect(previewed.body).toMatchObject({ provinceCode: P, problemCount: 0, problems: [] });
    expect(previewed.body.summary).toEqual({
      blocs: { CREATE: 2, CHANGE: 0, END: 0 },
      units: { CREATE: 8, CHANGE: 0, END: 0 },
      memberships: { CREATE: 8, CHANGE: 0, END: 0 },
      leaderships: { CREATE: 2, CHANGE: 0, END: 0 },
      accounts: { CREATE: 6, CHANGE: 0, END: 0 },
    });
    expect(await footprint()).toEqual(before);

    const applied = await apply(previewed.body.previewToken, boardHead());
    expect({ status: applied.status, body: applied.status === 200 ? undefined : applied.body }).toEqual({ status: 200 });
    expect(applied.body).toMatchObject({ provinceCode: P, pendingGrants: 1, invitations: { count: 6 } });
    const after = await footprint();
    expect(after).toMatchObject({ blocs: 2, units: 8, memberships: 8, leaderships: 2, users: before.users + 6 });
    expect(after.roles - before.roles).toBe(5);
    expect(after.grants - before.grants).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    const [entry] = await ctx.h.dataSource.query(`SELECT type, summary_vi, payload FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(entry.type).toBe('WORKBOOK_APPLIED');
    expect(entry.summary_vi).toContain('đơn vị: thêm 8');
    const leadership = await ctx.h.dataSource.query(
      `SELECT l.source, l.leader_unit_code FROM bloc_leaderships l JOIN blocs b ON b.id = l.bloc_id WHERE b.province_code = $1 ORDER BY b.code`,
      [P],
    );
    expect(leadership).toEqual([
      { source: 'INITIAL', leader_unit_code: `${P}-U0002` }, // the cụm C002
      { source: 'INITIAL', leader_unit_code: `${P}-U0001` }, // the khối K001
    ]);
    // No password is stored: the new accounts wait for their invitation.
    expect(
      await count(`SELECT count(*) AS n FROM users WHERE username LIKE $1 AND password_hash IS NOT NULL`, [
        `${P.toLowerCase()}.%`,
      ]),
    ).toBe(0);

    const again = await preview(file, boardHead());
    expect(again.body).toMatchObject({ problemCount: 0, changes: [] });
    const reapplied = await apply(again.body.previewToken, boardHead());
    expect(reapplied.status).toBe(200);
    expect(reapplied.body.invitations).toMatchObject({ count: 0, sheetBase64: null });
    expect(await footprint()).toEqual({ ...after, audit: after.audit + 1 });

    const used = await apply(previewed.body.previewToken, boardHead());
    expect(used.status).toBe(409);
    expect(used.body.code).toBe('WORKBOOK_PREVIEW_USED');
  });

  it('given the export of the stored data, importing it back changes nothing (round trip)', async () => {
    const exported = await http().get(`${base}/export`).set(as.admin()).buffer(true).parse(binary);
    expect(exported.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as ArrayBuffer);
    expect(wb.getWorksheet('Đơn vị')!.rowCount).toBe(9);
    // The six imported accounts and the board head's own role in the province.
    expect(wb.getWorksheet('Tài khoản')!.rowCount).toBe(8);
    const back = await preview(exported.body as Buffer);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ problemCount: 0, changes: [] });
  });

  it("given an invitation from the apply's sheet, the person sets a password once and signs in; the link then no longer works", async () => {
    const file = await writeWorkbook({
      ...sample(),
      accounts: [{ username: `${P.toLowerCase()}.moi`, displayName: 'Lò Thị Mới', unitCode: `${P}-U0003`, role: 'UNIT_FOCAL' }],
    });
    const previewed = await preview(file);
    expect(previewed.body.summary.accounts).toEqual({ CREATE: 1, CHANGE: 0, END: 0 });
    const applied = await apply(previewed.body.previewToken);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(Buffer.from(applied.body.invitations.sheetBase64 as string, 'base64') as unknown as ArrayBuffer);
    const row = sheet.worksheets[0].getRow(2).values as unknown[];
    expect(row[1]).toBe(`${P.toLowerCase()}.moi`);
    const link = String(row[5]);
    expect(link).toMatch(/^\/app\/kich-hoat#[A-Za-z0-9_-]{43}$/);
    const token = link.split('#')[1];
    const stored = await ctx.h.dataSource.query(
      `SELECT token_hash FROM account_invitations i JOIN users u ON u.id = i.user_id WHERE u.username = $1`,
      [`${P.toLowerCase()}.moi`],
    );
    expect(stored[0].token_hash).not.toContain(token);

    const weak = await http().post('/v1/invitations/accept').send({ token, password: '12345678' });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    const accepted = await http().post('/v1/invitations/accept').send({ token, password: 'Sơn La mùa hoa ban nở 2026!' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({
      username: `${P.toLowerCase()}.moi`,
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
    });
    // The link signed the person in: the session it answered is theirs, and it refreshes as a login's does.
    const me = await http().get('/v1/auth/me').set('authorization', `Bearer ${accepted.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(`${P.toLowerCase()}.moi`);
    const refreshed = await http().post('/v1/auth/refresh').send({ refreshToken: accepted.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await login(ctx.h.app, `${P.toLowerCase()}.moi`, 'Sơn La mùa hoa ban nở 2026!')).status).toBe(200);
    const twice = await http().post('/v1/invitations/accept').send({ token, password: 'Một mật khẩu khác hẳn 2027?' });
    expect(twice.status).toBe(400);
    expect(twice.body.code).toBe('INVITATION_INVALID');
  });

  it('given NFD, mixed-case and padded cells, stores them normalised, and the same cells again change nothing', async () => {
    const file = await handmade({
      units: [
        [
          ` ${P.toLowerCase()}-u0009 `,
          '  Hội   Nông dân tỉnh '.normalize('NFD'),
          null,
          'HỘI'.normalize('NFD'),
          null,
          30,
          45.5,
          new Date('2026-01-01T00:00:00Z'),
          null,
          null,
        ],
      ],
      memberships: [[`${P}-k001`.toLowerCase(), `${P}-U0009`, new Date('2026-01-01T00:00:00Z'), null]],
    });
    const previewed = await preview(file);
    expect(previewed.body).toMatchObject({ problemCount: 0 });
    expect(previewed.body.summary.units.CREATE).toBe(1);
    expect((await apply(previewed.body.previewToken)).status).toBe(200);
    const [unit] = await ctx.h.dataSource.query(`SELECT name, kind, women_ratio FROM units WHERE code = $1`, [`${P}-U0009`]);
    expect(unit).toEqual({ name: 'Hội Nông dân tỉnh', kind: 'HOI', women_ratio: '0.4550' });
    expect((await preview(file)).body).toMatchObject({ problemCount: 0, changes: [] });
  });

  it('given data changed after a preview, the apply is refused (409) and writes nothing', async () => {
    const rename = (name: string) =>
      writeWorkbook({
        ...sample(),
        units: [...(sample().units as Iterable<Record<string, unknown>>)].map((u, i) => (i === 0 ? { ...u, name } : u)),
      });
    const first = await preview(await rename('Sở Nội vụ (tên mới A)'));
    expect(first.body.summary.units).toEqual({ CREATE: 0, CHANGE: 1, END: 0 });
    const second = await preview(await rename('Sở Nội vụ (tên mới B)'));
    expect((await apply(second.body.previewToken)).status).toBe(200);
    const before = await footprint();
    const stale = await apply(first.body.previewToken);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'WORKBOOK_STALE' });
    expect(stale.body.message).toContain('Không có gì được ghi');
    expect(await footprint()).toEqual(before);
    const [unit] = await ctx.h.dataSource.query(`SELECT name FROM units WHERE code = $1`, [`${P}-U0001`]);
    expect(unit.name).toBe('Sở Nội vụ (tên mới B)');
  });

  const D = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const unitRow = (code: string, extra: Partial<Record<number, unknown>> = {}) => {
    const row: unknown[] = [code, `Đơn vị ${code}`, null, 'Hội', null, null, null, D('2026-01-01'), null, null];
    for (const [i, v] of Object.entries(extra)) row[Number(i)] = v;
    return row;
  };
  const BAD_FILES: [string, () => Promise<Buffer>, string[]][] = [
    ['a missing sheet', () => handmade({}, { omit: ['accounts'] }), ['Tài khoản!0:SHEET_MISSING']],
    [
      'a missing header',
      () => handmade({}, { headers: { blocs: ['Mã khối/cụm', 'Tên', 'Loại', 'Từ năm', 'Đến năm'] } }),
      ['Khối-Cụm!1:HEADER_MISSING'],
    ],
    ['a number as text', () => handmade({ units: [unitRow('X1', { 5: '12' })] }), ['Đơn vị!2:WRONG_TYPE']],
    [
      'a formula instead of a value',
      () => handmade({ units: [unitRow('X1', { 1: { formula: '"Hội "&A2', result: 'Hội X1' } })] }),
      ['Đơn vị!2:FORMULA'],
    ],
    ['a date as text', () => handmade({ units: [unitRow('X1', { 7: '01/01/2026' })] }), ['Đơn vị!2:DATE_AS_TEXT']],
    ['a duplicate code', () => handmade({ units: [unitRow('X1'), unitRow('x1 ')] }), ['Đơn vị!3:DUPLICATE']],
    [
      'an unknown bloc',
      () => handmade({ units: [unitRow('X1')], memberships: [['KHONG-CO', 'X1', D('2026-01-01'), null]] }),
      ['Thành viên khối!2:UNKNOWN_BLOC'],
    ],
    [
      'an unknown unit',
      () => handmade({ accounts: [['nguoi.a', 'Người A', 'KHONG-CO', 'Thủ trưởng đơn vị']] }),
      ['Tài khoản!2:UNKNOWN_UNIT'],
    ],
    [
      'a unit in two blocs on one date',
      async () => handmade({ memberships: [[`${P}-C002`, `${P}-U0001`, D('2026-06-01'), null]] }),
      ['Thành viên khối!2:OVERLAPPING_MEMBERSHIP'],
    ],
    [
      "another province's unit",
      async () => handmade({ memberships: [[`${P}-K001`, ctx.h.demo.unit('HLHPN'), D('2026-01-01'), null]] }),
      ['Thành viên khối!2:OTHER_PROVINCE'],
    ],
  ];

  it.each(BAD_FILES)(
    'given %s, the preview names it and the apply is refused (422), writing nothing',
    async (_, make, expected) => {
      const before = await footprint();
      const previewed = await preview(await make());
      expect(previewed.status).toBe(200);
      expect(
        (previewed.body.problems as { sheet: string; row: number; code: string }[]).map((p) => `${p.sheet}!${p.row}:${p.code}`),
      ).toEqual(expected);
      const refused = await apply(previewed.body.previewToken);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('WORKBOOK_HAS_PROBLEMS');
      expect(await footprint()).toEqual(before);
      const sheet = await http()
        .get(`${base}/previews/${previewed.body.previewToken}/problems`)
        .set(as.admin())
        .buffer(true)
        .parse(binary);
      expect(sheet.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(sheet.body as ArrayBuffer);
      expect(wb.worksheets[0].rowCount).toBe(1 + expected.length);
    },
  );

  const BAD_UPLOADS: [string, () => request.Test, number, string][] = [
    ['a text file', () => preview(Buffer.from('Mã,Tên\nK1,Khối 1\n'), as.admin(), 'to-chuc.csv'), 400, 'WORKBOOK_NOT_XLSX'],
    [
      'a password-protected workbook',
      () => preview(readFileSync(path.join(FIXTURES, 'password-protected.xlsx'))),
      400,
      'WORKBOOK_ENCRYPTED',
    ],
    [
      'a corrupt (truncated) workbook',
      () => preview(readFileSync(path.join(FIXTURES, 'truncated.xlsx'))),
      400,
      'WORKBOOK_CORRUPT',
    ],
    ['a file over the size limit', () => preview(Buffer.alloc(MAX_WORKBOOK_BYTES + 1, 0x50)), 413, 'WORKBOOK_TOO_LARGE'],
    ['no file', () => http().post(`${base}/preview`).set(as.admin()).field('x', '1'), 400, 'VALIDATION_FAILED'],
    ['an empty request', () => http().post(`${base}/preview`).set(as.admin()), 400, 'WORKBOOK_FILE_MISSING'],
    ['an unknown preview token', () => apply('00000000-0000-4000-8000-000000000000'), 404, 'WORKBOOK_PREVIEW_NOT_FOUND'],
    [
      'a unit head',
      () =>
        http()
          .get(`${base}/export`)
          .set(as.head(ctx.h.demo.unit('HLHPN'))),
      403,
      'FORBIDDEN_ACTOR',
    ],
    [
      'the board head of another province',
      () => http().get(`${base}/export`).set(as.boardHead(ctx.h.demo.provinceCode)),
      404,
      'PROVINCE_NOT_FOUND',
    ],
  ];

  it.each(BAD_UPLOADS)('given %s, answers precisely and writes nothing', async (_, send, status, code) => {
    const before = await footprint();
    const previews = await count(`SELECT count(*) AS n FROM workbook_previews`);
    const res = await send();
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(typeof res.body.message).toBe('string');
    expect(await footprint()).toEqual(before);
    expect(await count(`SELECT count(*) AS n FROM workbook_previews`)).toBe(previews);
  });
});
