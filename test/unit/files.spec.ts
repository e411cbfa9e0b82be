import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { FileTooLargeError, LocalFileStore } from '../../src/files/file-store';
import { contentDisposition, sanitiseFileName } from '../../src/files/file-name';
import { ALLOWED_TYPES, detectType } from '../../src/files/file-type';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A zip of stored entries. */
function zip(entries: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, n, data);
    dir.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const d = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(dir.length / 2, 8);
  end.writeUInt16LE(dir.length / 2, 10);
  end.writeUInt32LE(d.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, d, end]);
}

const types = (main: string) =>
  `<Types><Override PartName="/x.xml" ContentType="application/vnd.openxmlformats-officedocument.${main}"/></Types>`;

const detect = (content: Buffer) =>
  detectType(content.subarray(0, 64), content.length, (start, length) =>
    Promise.resolve(content.subarray(start, start + length)),
  );

describe('detectType: the type of an upload from its content only', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n…'), ALLOWED_TYPES.PDF],
    ['a PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ALLOWED_TYPES.PNG],
    ['a JPEG', Buffer.from('ffd8ffe000104a464946', 'hex'), ALLOWED_TYPES.JPEG],
    ['a DOCX', zip({ '[Content_Types].xml': types('wordprocessingml.document.main+xml') }), ALLOWED_TYPES.DOCX],
    ['an XLSX', zip({ 'a.xml': '<a/>', '[Content_Types].xml': types('spreadsheetml.sheet.main+xml') }), ALLOWED_TYPES.XLSX],
  ])('given %s, should name its type', async (_, content, contentType) => {
    expect(await detect(content)).toEqual({ ok: true, contentType });
  });

  it.each([
    ['a Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), /executable/],
    ['an old or encrypted Office file', Buffer.from('d0cf11e0a1b11ae1', 'hex'), /old Office/],
    ['a macro-enabled workbook', zip({ '[Content_Types].xml': types('spreadsheetml.sheet.macroEnabled.main+xml') }), /neither/],
    ['a plain zip', zip({ 'readme.txt': 'hello' }), /no \[Content_Types\]\.xml/],
    [
      'a truncated zip',
      zip({ '[Content_Types].xml': types('wordprocessingml.document.main+xml') }).subarray(0, 40),
      /end of central/,
    ],
    ['text', Buffer.from('Tờ trình'), /not a PDF/],
  ])('given %s, should refuse it with the reason', async (_, content, reason) => {
    const found = await detect(content);
    expect(found.ok).toBe(false);
    expect(found.ok ? '' : found.reason).toMatch(reason);
  });
});

describe('sanitiseFileName', () => {
  it.each([
    ['../../etc/passwd', ALLOWED_TYPES.PDF, 'passwd.pdf'],
    ['C:\\Users\\a\\Báo cáo.docx', ALLOWED_TYPES.DOCX, 'Báo cáo.docx'],
    ['Tờ trình'.normalize('NFD') + '\u0007\u202e.pdf', ALLOWED_TYPES.PDF, 'Tờ trình.pdf'],
    ['a<b>:c|d?.png', ALLOWED_TYPES.PNG, 'a_b__c_d_.png'],
    ['..', ALLOWED_TYPES.JPEG, 'tep.jpg'],
    ['anh.JPEG', ALLOWED_TYPES.JPEG, 'anh.JPEG'],
    ['bang-diem.xlsx.exe', ALLOWED_TYPES.XLSX, 'bang-diem.xlsx.exe.xlsx'],
  ])('given %j as %s, should keep %j', (raw, type, expected) => {
    expect(sanitiseFileName(raw, type)).toBe(expected);
  });

  it('given a very long name, should cut it to 200 characters keeping the extension', () => {
    const name = sanitiseFileName(`${'ư'.repeat(300)}.pdf`, ALLOWED_TYPES.PDF);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('given a Vietnamese name, should give an ASCII fallback and the exact UTF-8 name in Content-Disposition', () => {
    expect(contentDisposition('inline', 'Tờ trình "số" 15.pdf')).toBe(
      `inline; filename="To trinh _so_ 15.pdf"; filename*=UTF-8''${encodeURIComponent('Tờ trình "số" 15.pdf')}`,
    );
  });
});

describe('LocalFileStore: content-addressed, nothing half-stored', () => {
  let dir: string;
  let store: LocalFileStore;
  const staging = () => readdirSync(path.join(dir, 'tmp'));

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'thidua-store-'));
    store = new LocalFileStore(dir);
    await store.init();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a file staged and committed twice, should keep it once under sha256/ab/cd/<hash>', async () => {
    const content = Buffer.from('%PDF-1.4 một tệp');
    for (let i = 0; i < 2; i++) {
      const staged = await store.stage(Readable.from([content.subarray(0, 5), content.subarray(5)]));
      expect({ sha256: staged.sha256, size: staged.size }).toEqual({ sha256: sha(content), size: content.length });
      await staged.commit();
    }
    const file = path.join(dir, 'sha256', sha(content).slice(0, 2), sha(content).slice(2, 4), sha(content));
    expect(readFileSync(file)).toEqual(content);
    expect(await store.read(sha(content))).toEqual(content);
    expect(staging()).toEqual([]);
  });

  it('given a stream that fails midway, should leave no staging file and nothing stored', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('%PDF-1.4 half'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.stage(failing)).rejects.toThrow('client went away');
    expect(staging()).toEqual([]);
    expect(readdirSync(path.join(dir, 'sha256'))).toEqual([]);
  });

  it('given more bytes than the limit, should refuse with FileTooLargeError and keep nothing', async () => {
    await expect(store.stage(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000)).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    expect(staging()).toEqual([]);
  });

  it('given a staged file discarded, and a stale staging file from a crash, should remove both', async () => {
    const staged = await store.stage(Readable.from([Buffer.from('x')]));
    await staged.discard();
    expect(staging()).toEqual([]);
    const stale = path.join(dir, 'tmp', 'upload-crashed');
    writeFileSync(stale, 'half');
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(stale, old, old);
    await new LocalFileStore(dir).init();
    expect(existsSync(stale)).toBe(false);
    expect(await store.read(sha(Buffer.from('x')))).toBeUndefined();
  });
});
