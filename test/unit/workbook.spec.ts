import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SHEETS, type Problem } from '../../src/domain/workbook/format';
import { planImport, summarise, type StoredState } from '../../src/domain/workbook/plan';
import { readWorkbook, sniff, utf8Cut } from '../../src/workbook/reader';
import { sampleRows } from '../../src/workbook/sample';
import { writeWorkbook, type SheetRows } from '../../src/workbook/writer';

const FIXTURES = path.join(__dirname, '../fixtures/workbook');

const empty = (provinceCode = 'TT'): StoredState => ({
  provinceCode,
  blocs: [],
  units: [],
  memberships: [],
  leaderships: [],
  accounts: [],
  users: [],
  foreignUnits: [],
  cycles: [],
});

const small = (): SheetRows => sampleRows('TT', { blocs: 3, units: 12, accounts: 20 });

async function read(file: Buffer) {
  const result = await readWorkbook(file);
  if (!result.ok) throw new Error(`${result.refusal}: ${result.detail}`);
  return result;
}

/** A workbook built cell by cell, for the inputs the writer would never produce. */
async function handmade(edit: (sheets: Record<string, ExcelJS.Worksheet>) => void, omit: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheets: Record<string, ExcelJS.Worksheet> = {};
  for (const spec of SHEETS) {
    if (omit.includes(spec.name)) continue;
    const ws = wb.addWorksheet(spec.name);
    ws.addRow(spec.columns.map((c) => c.header));
    sheets[spec.key] = ws;
  }
  edit(sheets);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip of one stored (uncompressed) entry, CRC left at 0: enough for the reader's directory lookup. */
function storedZip(name: string, content: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const data = Buffer.from(content, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const localPart = Buffer.concat([local, nameBytes, data]);
  const centralPart = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

const codes = (problems: Problem[]) => problems.map((p) => `${p.sheet}!${p.row}:${p.column.split(' ')[0]}:${p.code}`);

describe('organisation workbook: format, streaming reader, plan', () => {
  it('reads back what the writer wrote: every row, no problem, and a diff that creates each row', async () => {
    const file = await writeWorkbook(small());
    const read_ = await read(file);
    expect(read_.problems).toEqual([]);
    expect(read_.sheets.units).toHaveLength(12);
    const plan = planImport(read_.sheets, read_.positions, empty(), read_.problems);
    expect(plan.problems).toEqual([]);
    const summary = summarise(plan.diff);
    expect(summary.blocs.CREATE).toBe(3);
    expect(summary.units.CREATE).toBe(12);
    expect(summary.memberships.CREATE).toBe(12);
    expect(summary.leaderships.CREATE).toBe(3);
    expect(summary.accounts.CREATE).toBe(20);
    const unit = plan.records.units[0];
    expect(unit).toMatchObject({ code: 'TT-U0001', validFrom: '2026-01-01', validTo: null, kind: 'NHA_NUOC', headCount: 10 });
  });

  it('keeps every Vietnamese letter whole, however the XML is chunked (inline and shared strings)', async () => {
    const rows = sampleRows('TT', { blocs: 13, units: 141, accounts: 2_000 });
    const names = [...(rows.accounts as Iterable<Record<string, unknown>>)].map((a) => a.displayName);
    const streamed = await read(await writeWorkbook(rows));
    expect(streamed.sheets.accounts.map((r) => r.values.displayName)).toEqual(names);
    const shared = await handmade((s) => {
      for (const a of rows.accounts as Iterable<Record<string, unknown>>)
        s.accounts.addRow([a.username, a.displayName, null, 'Cán bộ đầu mối']);
    });
    const fromShared = await read(shared);
    expect(fromShared.sheets.accounts.map((r) => r.values.displayName)).toEqual(names);
    expect(fromShared.problems.filter((p) => p.code !== 'SHEET_MISSING')).toEqual([]);
    // 2,000 accounts written and read twice: well under a second alone, longer under command 2's load.
  }, 30_000);

  it('cuts UTF-8 only between characters', () => {
    const text = Buffer.from('aĐ ố𝄞', 'utf8'); // 1, 2, 1, 3 and 4 bytes
    expect(utf8Cut(text)).toBe(text.length);
    expect(utf8Cut(text.subarray(0, text.length - 1))).toBe(text.length - 4);
    expect(utf8Cut(text.subarray(0, 2))).toBe(1);
    expect(utf8Cut(text.subarray(0, 5))).toBe(4);
  });

  it('the template has every sheet with its Vietnamese headers, an example row and drop-down lists', async () => {
    const file = await writeWorkbook({}, { template: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hướng dẫn', ...SHEETS.map((s) => s.name)]);
    const units = wb.getWorksheet('Đơn vị')!;
    expect(units.getRow(1).values).toEqual([undefined, ...SHEETS[1].columns.map((c) => c.header)]);
    expect(units.getCell('A2').value).toBe('HLHPN');
    const kind = units.getCell('D2').dataValidation;
    expect(kind.type).toBe('list');
    expect(kind.formulae[0]).toContain('Mặt trận – đoàn thể');
    const accounts = wb.getWorksheet('Tài khoản')!;
    expect(accounts.getCell('D5').dataValidation.formulae[0]).toContain('Thủ trưởng đơn vị');
    expect(accounts.getCell('C5').dataValidation.formulae[0]).toBe(`'Đơn vị'!$A$2:$A$20001`);
  });

  it('a second import of the same rows against what the first stored changes nothing', async () => {
    const first = await read(await writeWorkbook(small()));
    const plan = planImport(first.sheets, first.positions, empty(), first.problems);
    const r = plan.records;
    const stored: StoredState = {
      ...empty(),
      blocs: r.blocs.map(({ row: _, ...b }) => b),
      units: r.units.map(({ row: _, ...u }) => u),
      memberships: r.memberships.map(({ row: _, ...m }) => m),
      leaderships: r.leaderships.map(({ row: _, ...l }) => ({ ...l, source: 'INITIAL' })),
      accounts: r.accounts.map(({ row: _, ...a }) => ({ ...a, status: 'ACTIVE' as const })),
      users: r.accounts.map((a) => ({ username: a.username, displayName: a.displayName, elsewhere: false })),
    };
    const again = planImport(first.sheets, first.positions, stored, first.problems);
    expect(again.problems).toEqual([]);
    expect(again.diff).toEqual([]);
    // Ending a unit is a date in its column: an END, nothing else.
    const ended = {
      ...first.sheets,
      units: first.sheets.units.map((u, i) => (i === 0 ? { ...u, values: { ...u.values, validTo: '2027-01-01' } } : u)),
    };
    const end = planImport(ended, first.positions, stored);
    expect(end.diff.map((d) => `${d.sheet}:${d.op}:${d.key}:${d.fields.join(',')}`)).toEqual(['units:END:TT-U0001:validTo']);
  });

  it('normalises NFD, mixed case and stray spaces, so they match what is stored', async () => {
    const nfd = 'Hội Liên hiệp Phụ nữ'.normalize('NFD');
    const file = await handmade((s) => {
      s.blocs.addRow(['  khoi-1 ', `  Khối   ${'thi đua'.normalize('NFD')} `, 'KHỐI'.normalize('NFD'), 2026, null]);
      s.units.addRow([' tt-a ', ` ${nfd} `, null, 'hội', null, null, null, new Date('2026-01-01T00:00:00Z'), null, null]);
      s.memberships.addRow(['Khoi-1', 'TT-a', new Date('2026-01-01T00:00:00Z'), null]);
      s.accounts.addRow(['  Nguyen.A ', 'Nguyễn Văn A'.normalize('NFD'), 'tt-a', 'cán bộ đầu mối'.normalize('NFD')]);
    });
    const r = await read(file);
    expect(r.problems).toEqual([]);
    const plan = planImport(r.sheets, r.positions, empty());
    expect(plan.problems).toEqual([]);
    expect(plan.records.blocs[0]).toMatchObject({ code: 'KHOI-1', name: 'Khối thi đua', kind: 'KHOI' });
    expect(plan.records.units[0]).toMatchObject({ code: 'TT-A', name: 'Hội Liên hiệp Phụ nữ'.normalize('NFC'), kind: 'HOI' });
    expect(plan.records.units[0].name).toBe(plan.records.units[0].name.normalize('NFC'));
    expect(plan.records.memberships[0]).toMatchObject({ blocCode: 'KHOI-1', unitCode: 'TT-A' });
    expect(plan.records.accounts[0]).toMatchObject({ username: 'nguyen.a', displayName: 'Nguyễn Văn A', role: 'UNIT_FOCAL' });
  });

  it('names every bad cell by sheet, row, column and value, with a Vietnamese message', async () => {
    const file = await handmade((s) => {
      s.blocs.addRow(['K0', 'Khối 0', 'Khối', '2026', null]); // year as text
      s.blocs.addRow(['K1', 'Khối 1', 'Khối', 2026, null]);
      s.blocs.addRow(['K1', 'Khối 1 bis', 'Khối', 2026, null]); // duplicate code
      s.blocs.addRow(['K2', 'Cụm 2', 'Cụm', 2026, null]);
      s.blocs.addRow(['K3', 'Khối 3', 'Nhóm', 2026, null]); // unknown kind
      s.units.addRow(['U1', 'Đơn vị 1', null, 'Hội', null, null, null, '01/01/2026', null, null]); // date as text
      s.units.addRow([
        'U2',
        { formula: 'A2&"x"', result: 'U1x' },
        null,
        'Hội',
        null,
        null,
        null,
        new Date('2026-01-01'),
        null,
        null,
      ]);
      s.units.addRow(['U3', 'Đơn vị 3', null, 'Hội', null, 12.5, 130, new Date('2026-01-01'), null, null]); // 12.5 people, 130 %
      s.units.addRow(['U 4', 'Đơn vị 4', null, 'Hội', null, null, null, new Date('2026-01-01'), null, null]); // bad code
      s.units.addRow(['U5', 'Đơn vị 5', null, 'Hội', null, null, null, new Date('2026-01-01'), null, null]);
      s.units.addRow(['U6', 'Đơn vị 6', null, 'Hội', null, null, null, new Date('2026-01-01'), null, null]);
      s.memberships.addRow(['K9', 'U5', new Date('2026-01-01'), null]); // unknown bloc
      s.memberships.addRow(['K1', 'U5', new Date('2026-01-01'), null]);
      s.memberships.addRow(['K2', 'U5', new Date('2026-06-01'), null]); // U5 in two blocs from June
      s.memberships.addRow(['K1', 'U99', new Date('2026-01-01'), null]); // unknown unit
      s.memberships.addRow(['K1', 'X1', new Date('2026-01-01'), null]); // another province's unit
      s.leaderships.addRow(['K1', 2026, 'U5', 'U5']); // leader is deputy
      s.leaderships.addRow(['K1', 2027, 'U5', 'U6']); // U6 not a member
      s.accounts.addRow(['ab', 'Người A', 'U5', 'Thủ trưởng đơn vị']); // username too short
      s.accounts.addRow(['nguoi.b', 'Người B', null, 'Thủ trưởng đơn vị']); // unit role without unit
      s.accounts.addRow(['nguoi.c', 'Người C', 'U5', 'Chủ tịch UBND tỉnh']); // province role with unit
    });
    const r = await read(file);
    const plan = planImport(
      r.sheets,
      r.positions,
      { ...empty(), foreignUnits: [{ code: 'X1', provinceCode: 'KHAC' }] },
      r.problems,
    );
    expect(codes(plan.problems)).toEqual([
      'Đơn vị!2:H:DATE_AS_TEXT',
      'Đơn vị!3:B:FORMULA',
      'Đơn vị!4:F:NOT_AN_INTEGER',
      'Đơn vị!4:G:OUT_OF_RANGE',
      'Đơn vị!5:A:BAD_CODE',
      'Khối-Cụm!2:D:WRONG_TYPE',
      'Khối-Cụm!4:A:DUPLICATE',
      'Khối-Cụm!6:C:UNKNOWN_OPTION',
      'Lãnh đạo khối!2:D:LEADER_IS_DEPUTY',
      'Lãnh đạo khối!3:D:NOT_A_MEMBER',
      'Tài khoản!2:A:BAD_USERNAME',
      'Tài khoản!3:C:UNIT_ROLE_NEEDS_UNIT',
      'Tài khoản!4:C:PROVINCE_ROLE_HAS_UNIT',
      'Thành viên khối!2:A:UNKNOWN_BLOC',
      'Thành viên khối!4:C:OVERLAPPING_MEMBERSHIP',
      'Thành viên khối!5:B:UNKNOWN_UNIT',
      'Thành viên khối!6:B:OTHER_PROVINCE',
    ]);
    const dateAsText = plan.problems.find((p) => p.code === 'DATE_AS_TEXT')!;
    expect(dateAsText).toMatchObject({ sheet: 'Đơn vị', row: 2, column: 'H (Hiệu lực từ ngày)', value: '01/01/2026' });
    expect(dateAsText.messageVi).toMatch(/kiểu ngày của Excel/);
    expect(plan.problems.find((p) => p.code === 'FORMULA')!.value).toBe('=A2&"x"');
    for (const p of plan.problems) expect(p.messageVi).toBe(p.messageVi.normalize('NFC'));
  });

  it('one bad cell is one problem: rows that refer to its row do not cascade', async () => {
    const file = await handmade((s) => {
      s.blocs.addRow(['K1', 'Khối 1', 'Khối', '2026', null]); // year as text
      s.units.addRow(['U1', 'Đơn vị 1', null, 'Hội', null, null, null, '01/01/2026', null, null]); // date as text
      s.units.addRow(['U2', 'Đơn vị 2', null, 'Hội', null, null, null, new Date('2026-01-01'), null, null]);
      s.memberships.addRow(['K1', 'U1', new Date('2026-01-01'), null]);
      s.memberships.addRow(['K1', 'U2', '01/01/2026', null]); // date as text
      s.leaderships.addRow(['K1', 2026, 'U1', 'U2']);
      s.accounts.addRow(['nguoi.a', 'Người A', 'U1', 'Thủ trưởng đơn vị']);
    });
    const r = await read(file);
    const plan = planImport(r.sheets, r.positions, empty(), r.problems, r.partial);
    expect(codes(plan.problems)).toEqual([
      'Đơn vị!2:H:DATE_AS_TEXT',
      'Khối-Cụm!2:D:WRONG_TYPE',
      'Thành viên khối!3:C:DATE_AS_TEXT',
    ]);
  });

  it('a missing sheet and a missing header are problems of the sheet', async () => {
    const file = await handmade(
      (s) => {
        s.units.getRow(1).getCell(2).value = 'Tên';
      },
      ['Tài khoản'],
    );
    const r = await read(file);
    expect(codes(r.problems)).toEqual(['Đơn vị!1::HEADER_MISSING', 'Tài khoản!0::SHEET_MISSING']);
    expect(r.problems[0].messageVi).toBe('Thiếu cột "Tên đầy đủ" ở dòng tiêu đề.');
  });

  // exceljs' stream lost the shared-strings entry after spooled worksheets for about 1 file in 25, depending on the
  // file's bytes (every text cell then came back as {sharedString: n}, and every header was "missing"): 200 files
  // that differ only in their creation date fail that with near certainty.
  it('reads every header of 200 files that differ only in their creation date', async () => {
    const misread: number[] = [];
    for (let i = 0; i < 200; i++) {
      const file = await handmade(
        (sheets) => {
          sheets.blocs.workbook.created = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
        },
        ['Tài khoản'],
      );
      const r = await read(file);
      if (codes(r.problems).join() !== 'Tài khoản!0::SHEET_MISSING') misread.push(i);
    }
    expect(misread).toEqual([]);
    // A generous limit: 200 writes and reads take 2–3 s alone, more while the rest of command 2 loads the machine.
  }, 60_000);

  it('refuses what is not an .xlsx: a text file, a password-protected workbook, a truncated zip', async () => {
    expect(sniff(Buffer.from('Mã,Tên\nK1,Khối 1\n'))).toMatchObject({ ok: false, refusal: 'WORKBOOK_NOT_XLSX' });
    // Encrypted with msoffcrypto-tool 6.1.0 (ECMA-376 agile encryption), the way Excel saves with a password.
    const encrypted = readFileSync(path.join(FIXTURES, 'password-protected.xlsx'));
    expect(await readWorkbook(encrypted)).toMatchObject({ ok: false, refusal: 'WORKBOOK_ENCRYPTED' });
    // An Excel 97–2003 file: a compound file like an encrypted one, but without its EncryptionInfo stream.
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(sniff(xls)).toMatchObject({ ok: false, refusal: 'WORKBOOK_NOT_XLSX' });
    // A zip that is no workbook (a .docx, say).
    expect(await readWorkbook(storedZip('word/document.xml', '<w:document/>'))).toMatchObject({
      ok: false,
      refusal: 'WORKBOOK_NOT_XLSX',
    });
    // A zip bomb: its directory declares 4 GB unpacked.
    const bomb = storedZip('xl/worksheets/sheet1.xml', '<worksheet/>');
    bomb.writeUInt32LE(0xfffffff0, bomb.readUInt32LE(bomb.length - 22 + 16) + 24);
    expect(await readWorkbook(bomb)).toMatchObject({ ok: false, refusal: 'WORKBOOK_TOO_LARGE' });
    const truncated = readFileSync(path.join(FIXTURES, 'truncated.xlsx'));
    expect(await readWorkbook(truncated)).toMatchObject({ ok: false, refusal: 'WORKBOOK_CORRUPT' });
  });
});
