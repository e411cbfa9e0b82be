import { inflateRawSync } from 'node:zlib';

/**
 * The type of an uploaded file, decided from its content, never from its name or the browser's claim: PDF, JPEG
 * and PNG by their magic numbers; DOCX and XLSX as zip packages whose [Content_Types].xml declares the main part of
 * a Word document or an Excel workbook (a macro-enabled one is refused). Anything else is refused.
 */
export const ALLOWED_TYPES = {
  PDF: 'application/pdf',
  DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
} as const;

export type AllowedContentType = (typeof ALLOWED_TYPES)[keyof typeof ALLOWED_TYPES];

/** The extension a stored file's download name gets when its own name does not end in one of its type. */
export const EXTENSIONS: Record<AllowedContentType, string[]> = {
  [ALLOWED_TYPES.PDF]: ['.pdf'],
  [ALLOWED_TYPES.DOCX]: ['.docx'],
  [ALLOWED_TYPES.XLSX]: ['.xlsx'],
  [ALLOWED_TYPES.JPEG]: ['.jpg', '.jpeg'],
  [ALLOWED_TYPES.PNG]: ['.png'],
};

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const EXCEL_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

/** Reads `length` bytes at `start` of the content. */
export type RangeReader = (start: number, length: number) => Promise<Buffer>;

const startsWith = (head: Buffer, bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/** The content type, or a reason why the content is none of the allowed types. */
export async function detectType(
  head: Buffer,
  size: number,
  read: RangeReader,
): Promise<{ ok: true; contentType: AllowedContentType } | { ok: false; reason: string }> {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, contentType: ALLOWED_TYPES.PDF };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, contentType: ALLOWED_TYPES.PNG };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, contentType: ALLOWED_TYPES.JPEG };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const types = await zipEntry(size, read, '[Content_Types].xml');
    if (typeof types !== 'string') return { ok: false, reason: `a zip file that is not an Office document (${types.reason})` };
    if (types.includes(WORD_MAIN)) return { ok: true, contentType: ALLOWED_TYPES.DOCX };
    if (types.includes(EXCEL_MAIN)) return { ok: true, contentType: ALLOWED_TYPES.XLSX };
    return { ok: false, reason: 'a zip package that is neither a Word document (.docx) nor an Excel workbook (.xlsx)' };
  }
  if (startsWith(head, [0x4d, 0x5a])) return { ok: false, reason: 'a Windows executable' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]))
    return { ok: false, reason: 'an old Office file (.doc/.xls) or an encrypted one' };
  return { ok: false, reason: 'not a PDF, DOCX, XLSX, JPEG or PNG file' };
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** [Content_Types].xml is small; a larger one is not an Office package worth reading. */
const MAX_TYPES_BYTES = 1 << 20;

/** One entry of a zip file, read from its central directory; no zip64, no encryption. */
async function zipEntry(size: number, read: RangeReader, name: string): Promise<string | { reason: string }> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await read(size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { reason: 'no end of central directory' };
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || dirOffset + dirSize > size) return { reason: 'a zip64 or truncated directory' };
  const dir = await read(dirOffset, dirSize);
  let at = 0;
  for (let i = 0; i < count && at + 46 <= dir.length; i++) {
    if (dir.readUInt32LE(at) !== CENTRAL) return { reason: 'a corrupt central directory' };
    const flags = dir.readUInt16LE(at + 8);
    const method = dir.readUInt16LE(at + 10);
    const compressed = dir.readUInt32LE(at + 20);
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const localOffset = dir.readUInt32LE(at + 42);
    const entryName = dir.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;
    if (flags & 1) return { reason: 'an encrypted entry' };
    if (compressed > MAX_TYPES_BYTES) return { reason: `${name} is too large` };
    const local = await read(localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) return { reason: 'a corrupt local header' };
    const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const data = await read(dataStart, compressed);
    try {
      if (method === 0) return data.toString('utf8');
      if (method === 8) return inflateRawSync(data, { maxOutputLength: MAX_TYPES_BYTES }).toString('utf8');
    } catch {
      return { reason: `${name} does not inflate` };
    }
    return { reason: `compression method ${method}` };
  }
  return { reason: `no ${name}` };
}
