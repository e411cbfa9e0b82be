import { Readable, Transform, type TransformCallback } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import type * as ExcelJS from 'exceljs';
import { excel } from './excel';
import {
  columnLetter,
  headerKey,
  parseCell,
  rawText,
  SHEETS,
  type ParsedRow,
  type Problem,
  type RawCell,
  type SheetKey,
  type SheetSpec,
} from '../domain/workbook/format';

/** More rows than any province has (Sơn La: 1,410 units, 3,000 accounts); past it a sheet is refused, not read on. */
export const MAX_ROWS_PER_SHEET = 20_000;

/** Past this many problems the reader stops listing them: the file needs fixing anyway, and the answer stays small. */
export const MAX_PROBLEMS = 5_000;

export type FileRefusal = 'WORKBOOK_NOT_XLSX' | 'WORKBOOK_ENCRYPTED' | 'WORKBOOK_CORRUPT' | 'WORKBOOK_TOO_LARGE';

export type ReadResult =
  | {
      ok: true;
      sheets: Record<SheetKey, ParsedRow[]>;
      /** Rows with a bad cell, with the cells that did parse: they still name their codes (no cascade of problems). */
      partial: Record<SheetKey, ParsedRow[]>;
      positions: Record<SheetKey, Map<string, number>>;
      problems: Problem[];
    }
  | { ok: false; refusal: FileRefusal; detail: string };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** An encrypted OOXML file is a compound file holding the streams EncryptionInfo and EncryptedPackage. */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

const MAX_PART_BYTES = 4 * 1024 * 1024;

/**
 * One small part of a zip, found through the central directory (not the local headers, which a stream sees in
 * whatever order the writer chose). Null when the part is absent; throws when the zip is damaged.
 */
export function zipPart(file: Buffer, name: string): Buffer | null {
  const entry = zipDirectory(file).find((e) => e.name === name);
  if (!entry) return null;
  if (entry.size > MAX_PART_BYTES) throw new Error(`${name} is too large`);
  const { local, compressed, method } = entry;
  if (local + 30 > file.length || file.readUInt32LE(local) !== 0x04034b50) throw new Error('damaged zip entry');
  const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
  const data = file.subarray(start, start + compressed);
  if (method === 0) return Buffer.from(data);
  if (method === 8) return inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES });
  throw new Error(`unsupported zip compression method ${method}`);
}

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  /** Uncompressed size, as the directory declares it. */
  size: number;
  local: number;
}

/** The zip's central directory; throws when there is none (a truncated file) or it is damaged. */
export function zipDirectory(file: Buffer): ZipEntry[] {
  let end = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 65_535); i--) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no zip central directory (truncated file?)');
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged zip central directory');
    const nameLength = file.readUInt16LE(at + 28);
    entries.push({
      name: file.toString('utf8', at + 46, at + 46 + nameLength),
      method: file.readUInt16LE(at + 10),
      compressed: file.readUInt32LE(at + 20),
      size: file.readUInt32LE(at + 24),
      local: file.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * What the workbook may unpack to. exceljs spools worksheets that come before the shared strings (as Excel writes
 * them) to temporary files, so a small zip that unpacks to gigabytes would fill the disk: refused before reading.
 */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

/** Where a buffer can be cut without splitting a UTF-8 character: after its last complete character. */
export function utf8Cut(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(4, chunk.length); back++) {
    const byte = chunk[chunk.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: the character starts earlier
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return size > back ? chunk.length - back : chunk.length;
  }
  return chunk.length;
}

class UnpackedTooLarge extends Error {
  constructor() {
    super(`a part of the workbook unpacks to over ${MAX_UNPACKED_BYTES} bytes`);
  }
}

/** Re-chunks a byte stream at character boundaries. */
class Utf8Boundaries extends Transform {
  private carry = Buffer.alloc(0);
  private seen = 0;
  override _transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > MAX_UNPACKED_BYTES) return done(new UnpackedTooLarge());
    const all = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = utf8Cut(all);
    this.carry = Buffer.from(all.subarray(cut));
    done(null, all.subarray(0, cut));
  }
  override _flush(done: TransformCallback): void {
    done(null, this.carry);
  }
}

async function* utf8Aligned(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0);
  let seen = 0;
  for await (const chunk of chunks) {
    seen += chunk.length;
    // The directory's sizes are what the file claims; this counts what it really unpacks to.
    if (seen > MAX_UNPACKED_BYTES) throw new UnpackedTooLarge();
    const all = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = utf8Cut(all);
    carry = Buffer.from(all.subarray(cut));
    yield all.subarray(0, cut);
  }
  if (carry.length > 0) yield carry;
}

/**
 * exceljs 4.4's streaming reader decodes each chunk of XML on its own, so a Vietnamese letter (2–3 bytes in UTF-8)
 * split across two chunks turns into U+FFFD. Its worksheet and shared-string parsers are given the bytes re-chunked
 * at character boundaries instead.
 */
function keepCharactersWhole(reader: unknown): void {
  const r = reader as {
    _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
    _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>;
  };
  const sharedStrings = r._parseSharedStrings.bind(reader);
  const worksheet = r._parseWorksheet.bind(reader);
  r._parseSharedStrings = (entry) => sharedStrings(entry.pipe(new Utf8Boundaries()));
  r._parseWorksheet = (iterator, sheetNo) => worksheet(utf8Aligned(iterator), sheetNo);
}

/** What kind of file this is, from its first bytes: only a zip can be an .xlsx. */
export function sniff(file: Buffer): { ok: true } | { ok: false; refusal: FileRefusal; detail: string } {
  if (file.subarray(0, 4).equals(ZIP)) return { ok: true };
  if (file.subarray(0, 8).equals(CFB)) {
    return file.includes(ENCRYPTION_INFO)
      ? { ok: false, refusal: 'WORKBOOK_ENCRYPTED', detail: 'the file is an encrypted (password-protected) Office document' }
      : { ok: false, refusal: 'WORKBOOK_NOT_XLSX', detail: 'the file is an Office 97–2003 compound file (.xls), not .xlsx' };
  }
  return { ok: false, refusal: 'WORKBOOK_NOT_XLSX', detail: 'the file is not a zip container, so not an .xlsx workbook' };
}

type ExcelValue = ExcelJS.CellValue | undefined;

export function toRawCell(value: ExcelValue): RawCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', value };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const f = value as { formula?: string; sharedFormula?: string };
      return { kind: 'formula', formula: f.formula ?? f.sharedFormula ?? '' };
    }
    if ('error' in value) return { kind: 'error', value: String((value as { error: unknown }).error) };
    if ('richText' in value) return { kind: 'string', value: value.richText.map((r) => r.text).join('') };
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') {
      return { kind: 'string', value: (value as { text: string }).text };
    }
  }
  return { kind: 'string', value: JSON.stringify(value) };
}

/**
 * Reads the workbook as a stream (exceljs WorkbookReader): each row is parsed against its sheet's columns as it
 * arrives and only the parsed values are kept, so memory grows with the number of rows, not with the XML.
 */
export async function readWorkbook(file: Buffer): Promise<ReadResult> {
  const kind = sniff(file);
  if (!kind.ok) return kind;
  const problems: Problem[] = [];
  const note = (p: Problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const sheets = Object.fromEntries(SHEETS.map((s) => [s.key, []])) as unknown as Record<SheetKey, ParsedRow[]>;
  const partial = Object.fromEntries(SHEETS.map((s) => [s.key, []])) as unknown as Record<SheetKey, ParsedRow[]>;
  const positions = Object.fromEntries(SHEETS.map((s) => [s.key, new Map<string, number>()])) as Record<
    SheetKey,
    Map<string, number>
  >;
  const seen = new Set<SheetKey>();
  let worksheets = 0;
  try {
    const unpacked = zipDirectory(file).reduce((sum, e) => sum + e.size, 0);
    if (unpacked > MAX_UNPACKED_BYTES) {
      return {
        ok: false,
        refusal: 'WORKBOOK_TOO_LARGE',
        detail: `the workbook unpacks to ${unpacked} bytes; at most ${MAX_UNPACKED_BYTES}`,
      };
    }
    const workbookXml = zipPart(file, 'xl/workbook.xml');
    const relsXml = zipPart(file, 'xl/_rels/workbook.xml.rels');
    const stylesXml = zipPart(file, 'xl/styles.xml');
    const sharedStringsXml = zipPart(file, 'xl/sharedStrings.xml');
    if (!workbookXml || !relsXml) {
      return { ok: false, refusal: 'WORKBOOK_NOT_XLSX', detail: 'the zip has no xl/workbook.xml: not an Excel workbook' };
    }
    const reader = new (excel().stream.xlsx.WorkbookReader)(Readable.from([file]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    // exceljs 4.4 names a worksheet, and knows which cells are dates, only if the workbook and styles parts came before it in the zip (Excel and exceljs' own
    // streaming writer put it after): give the reader those parts first, from the central directory.
    keepCharactersWhole(reader);
    const internals = reader as unknown as {
      _parseRels(entry: Readable): Promise<void>;
      _parseWorkbook(entry: Readable): Promise<void>;
      _parseStyles(entry: Readable): Promise<void>;
      _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
    };
    // Styles too: without them a date cell reads as its serial number.
    if (stylesXml) await internals._parseStyles(Readable.from([stylesXml]));
    await internals._parseRels(Readable.from([relsXml]));
    await internals._parseWorkbook(Readable.from([workbookXml]));
    // The shared strings too. Excel and exceljs write them after the worksheets; exceljs then spools each worksheet to a
    // temporary file and, now and then (about 1 read in 25 here), its zip stream loses the shared-strings entry that
    // follows, leaving every text cell as {sharedString: n}. Read first, the worksheets are parsed as they stream by.
    if (sharedStringsXml) {
      for await (const _ of internals._parseSharedStrings(Readable.from([sharedStringsXml]))) void _;
      internals._parseSharedStrings = async function* () {};
    }
    for await (const worksheet of reader as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name: string }>) {
      worksheets++;
      const spec = SHEETS.find((s) => headerKey(s.name) === headerKey(String(worksheet.name ?? '')));
      if (!spec || seen.has(spec.key)) {
        for await (const _ of worksheet) void _;
        continue;
      }
      seen.add(spec.key);
      await readSheet(worksheet, spec, sheets[spec.key], partial[spec.key], positions[spec.key], note);
    }
  } catch (error) {
    if (error instanceof UnpackedTooLarge) return { ok: false, refusal: 'WORKBOOK_TOO_LARGE', detail: error.message };
    return { ok: false, refusal: 'WORKBOOK_CORRUPT', detail: `the workbook cannot be read: ${(error as Error).message}` };
  }
  if (worksheets === 0) return { ok: false, refusal: 'WORKBOOK_NOT_XLSX', detail: 'the zip holds no worksheet' };
  for (const spec of SHEETS) {
    if (!seen.has(spec.key)) {
      note({
        sheet: spec.name,
        row: 0,
        column: '',
        value: '',
        code: 'SHEET_MISSING',
        messageVi: `Thiếu trang tính "${spec.name}" (tải mẫu để xem đủ các trang).`,
      });
    }
  }
  return { ok: true, sheets, partial, positions, problems };
}

async function readSheet(
  worksheet: AsyncIterable<ExcelJS.Row>,
  spec: SheetSpec,
  out: ParsedRow[],
  failed: ParsedRow[],
  positions: Map<string, number>,
  note: (p: Problem) => void,
): Promise<void> {
  let header = false;
  let rows = 0;
  let skip = false;
  for await (const row of worksheet) {
    // The stream is read to its end even when nothing more is wanted from it: the reader moves on only then.
    if (skip) continue;
    const values = row.values as ExcelValue[];
    if (!header) {
      // The first non-empty row is the header row.
      const texts = values.map((v) => headerKey(rawText(toRawCell(v))));
      if (texts.every((t) => t === '')) continue;
      header = true;
      for (const column of spec.columns) {
        const index = texts.findIndex((t) => t === headerKey(column.header));
        if (index < 1) {
          note({
            sheet: spec.name,
            row: row.number,
            column: '',
            value: '',
            code: 'HEADER_MISSING',
            messageVi: `Thiếu cột "${column.header}" ở dòng tiêu đề.`,
          });
        } else positions.set(column.key, index - 1);
      }
      if (positions.size < spec.columns.length) skip = true;
      continue;
    }
    const cells = spec.columns.map((c) => toRawCell(values[positions.get(c.key)! + 1]));
    if (cells.every((c) => c.kind === 'empty' || (c.kind === 'string' && c.value.trim() === ''))) continue;
    if (++rows > MAX_ROWS_PER_SHEET) {
      skip = true;
      note({
        sheet: spec.name,
        row: row.number,
        column: '',
        value: '',
        code: 'TOO_MANY_ROWS',
        messageVi: `Trang tính có quá ${MAX_ROWS_PER_SHEET} dòng dữ liệu.`,
      });
      continue;
    }
    const parsed: ParsedRow = { row: row.number, values: {} };
    let ok = true;
    spec.columns.forEach((column, i) => {
      const result = parseCell(column, cells[i]);
      if (result.ok) parsed.values[column.key] = result.value;
      else {
        ok = false;
        note({
          sheet: spec.name,
          row: row.number,
          column: `${columnLetter(positions.get(column.key)!)} (${column.header})`,
          value: rawText(cells[i]).slice(0, 200),
          code: result.code,
          messageVi: result.messageVi,
        });
      }
    });
    (ok ? out : failed).push(parsed);
  }
  if (!header) {
    note({
      sheet: spec.name,
      row: 1,
      column: '',
      value: '',
      code: 'HEADER_MISSING',
      messageVi: 'Trang tính không có dòng tiêu đề.',
    });
  }
}
