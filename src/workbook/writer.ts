import { PassThrough } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { excel } from './excel';
import {
  columnLetter,
  SHEET_BY_KEY,
  SHEETS,
  type ColumnSpec,
  type Problem,
  type SheetKey,
  type SheetSpec,
} from '../domain/workbook/format';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type CellValue = string | number | Date | null;

/** Rows to write, per sheet, keyed by column; values as stored (codes of enums, ISO dates, percent 0–100). */
export type SheetRows = Partial<Record<SheetKey, AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>>>;

const GUIDE: readonly string[] = [
  'Tệp tổ chức của tỉnh: khối/cụm thi đua, đơn vị, thành viên khối theo ngày, lãnh đạo khối theo năm và tài khoản.',
  'Mỗi trang tính giữ nguyên dòng tiêu đề (dòng 1); có thể đổi thứ tự cột. Dòng trống được bỏ qua.',
  'Ô ngày phải là kiểu ngày của Excel (ví dụ 01/01/2026), không phải chữ. Ô số phải là số. Không dùng công thức: dán giá trị.',
  'Mã khối/cụm, mã đơn vị: chữ Latinh không dấu, chữ số, dấu gạch ngang; không phân biệt chữ hoa, chữ thường.',
  'Khoảng trắng thừa được bỏ; chữ tiếng Việt được chuẩn hóa Unicode (NFC).',
  '"Đến ngày (không tính ngày này)": ngày đầu tiên đơn vị không còn thuộc khối. Để trống nếu vẫn còn thuộc khối.',
  'Kết thúc một đơn vị, một khối hoặc một thành viên bằng cách ghi ngày/năm kết thúc; xóa một dòng khỏi tệp không xóa gì.',
  'Lãnh đạo khối: chỉ ghi cho năm chưa có hội nghị bầu; Trưởng khối và Phó khối phải là thành viên của khối trong năm đó.',
  'Tài khoản: mỗi dòng một người với một vai trò; vai trò của đơn vị cần mã đơn vị, vai trò cấp tỉnh để trống mã đơn vị.',
  'Tài khoản mới nhận liên kết kích hoạt dùng một lần (trả về một lần sau khi nhập); người dùng tự đặt mật khẩu.',
  'Vai trò quyết định (chuyên viên, trưởng phòng, thành viên Hội đồng, Chủ tịch) chỉ là đề xuất, chờ một quản trị viên khác phê duyệt.',
  'Nhập tệp gồm hai bước: xem trước (không ghi gì, liệt kê mọi lỗi và các thay đổi), rồi áp dụng đúng các thay đổi đã xem.',
  'Các dòng ví dụ (chữ nghiêng, màu xám) trong tệp mẫu cần được xóa hoặc thay bằng dữ liệu thật trước khi nhập.',
];

/**
 * Writes the workbook through exceljs' streaming writer (rows are committed as they are written, so memory stays
 * flat for an export of thousands of rows). `template` adds one example row per sheet and the guide.
 */
export async function writeWorkbook(rows: SheetRows, options: { template?: boolean } = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'thidua';
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 140 }];
  guide.addRow(['Hướng dẫn điền tệp tổ chức']).font = { bold: true, size: 14 };
  for (const line of GUIDE) guide.addRow([line]).commit();
  guide.commit();
  for (const spec of SHEETS) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({
      key: c.key,
      width: c.width,
      style: c.type.endsWith('ate') ? { numFmt: 'dd/mm/yyyy' } : {},
    }));
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    addValidations(ws, spec);
    if (options.template) {
      const example = ws.addRow(spec.columns.map((c) => example_(c)));
      example.font = { italic: true, color: { argb: 'FF808080' } };
      example.commit();
    }
    const source = rows[spec.key];
    if (source) {
      for await (const record of source) ws.addRow(spec.columns.map((c) => cellOf(c, record[c.key]))).commit();
    }
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function example_(column: ColumnSpec): CellValue {
  return column.example;
}

function cellOf(column: ColumnSpec, raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return raw;
  const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (column.type === 'enum') return column.options?.find((o) => o.value === value)?.label ?? value;
  if (column.type === 'date' || column.type === 'optionalDate') return new Date(`${value}T00:00:00Z`);
  return value;
}

const MAX_VALIDATED_ROW = 20_001;

/** exceljs' typings leave out the sheet's validations, which both writers have (addresses as ranges). */
type Validated = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function addValidations(sheet: ExcelJS.Worksheet, spec: SheetSpec): void {
  const ws = sheet as unknown as Validated;
  spec.columns.forEach((column, index) => {
    const letter = columnLetter(index);
    const range = `${letter}2:${letter}${MAX_VALIDATED_ROW}`;
    if (column.type === 'enum') {
      ws.dataValidations.add(range, {
        type: 'list',
        allowBlank: false,
        formulae: [`"${(column.options ?? []).map((o) => o.label).join(',')}"`],
        showErrorMessage: true,
        errorTitle: column.header,
        error: `Chọn một giá trị trong danh sách.`,
      });
    }
    const ref = referenceOf(spec.key, column.key);
    if (ref) {
      ws.dataValidations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${SHEET_BY_KEY[ref].name}'!$A$2:$A$${MAX_VALIDATED_ROW}`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: column.header,
        error: 'Mã này chưa có trong trang tương ứng của tệp (có thể đã lưu trước đó).',
      });
    }
    if (column.type === 'date' || column.type === 'optionalDate') {
      ws.dataValidations.add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: column.type === 'optionalDate',
        formulae: [new Date('1945-01-01T00:00:00Z')],
        showErrorMessage: true,
        errorTitle: column.header,
        error: 'Nhập một ngày (kiểu ngày của Excel).',
      });
    }
  });
}

function referenceOf(sheet: SheetKey, key: string): SheetKey | null {
  if (key === 'blocCode') return 'blocs';
  if (['unitCode', 'leaderUnitCode', 'deputyUnitCode', 'parentCode'].includes(key) && sheet !== 'units') return 'units';
  return null;
}

/** The problems of a preview as a sheet the board can sort and filter. */
export async function writeProblems(problems: Problem[]): Promise<Buffer> {
  return writeTable(
    'Lỗi',
    ['Trang tính', 'Dòng', 'Cột', 'Giá trị', 'Mã lỗi', 'Nội dung'],
    [28, 8, 30, 30, 24, 90],
    problems.map((p) => [p.sheet, p.row, p.column, p.value, p.code, p.messageVi]),
  );
}

/** A one-sheet workbook: header row, then rows. */
export async function writeTable(name: string, headers: string[], widths: number[], rows: CellValue[][]): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = 'thidua';
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 20 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
