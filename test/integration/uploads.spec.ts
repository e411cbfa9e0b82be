import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { verifyBundle, type EvidenceBundle } from '../../src/audit/evidence-bundle';
import { createApp } from '../../src/api/bootstrap';
import { Phase } from '../../src/shared/cycle-types';
import { fileRef } from '../../src/shared/file-refs';
import { as, type Headers } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { waitFor } from './support/wait';
import { ALL_UNITS, S1Driver } from './support/s1-scenario';

/**
 * Uploaded files against the real API, PostgreSQL and Temporal: stored once by SHA-256 in a store directory of this
 * file's own, typed from their content, named safely, limited in size, never half-stored; referred to by hash in the
 * score sheets and the dossier, whose audit entries record the hashes, so that a changed byte in the store is found by
 * /v1/audit/verify and by the offline verifier of the evidence bundle.
 */

const STORE = mkdtempSync(path.join(tmpdir(), 'thidua-files-'));
const MAX_FILE = 64 * 1024;
const FILE_ENV = { FILE_STORE_DIR: STORE, FILE_MAX_BYTES: String(MAX_FILE), FILE_MAX_DOSSIER_BYTES: String(4 * MAX_FILE) };

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const blobPath = (hash: string) => path.join(STORE, 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
const staging = () => (existsSync(path.join(STORE, 'tmp')) ? readdirSync(path.join(STORE, 'tmp')) : []);

function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0 minimal'),
  Buffer.from([0xff, 0xd9]),
]);

/** A zip of stored (uncompressed) entries: enough for an Office package's [Content_Types].xml. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const DOCX = zip({
  '[Content_Types].xml':
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<w:document/>',
});

describe('Uploaded files: stored by SHA-256, typed from content, scoped, and proven by the audit chain', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  let s1: S1Driver;

  const http = () => request(h.app.getHttpServer());
  const upload = (headers: Headers, content: Buffer, name: string, scope: { unitCode?: string } = {}) =>
    http()
      .post('/v1/files')
      .query({ cycleId: s1.cycleId, ...scope })
      .set(headers)
      .attach('file', content, { filename: name, contentType: 'application/octet-stream' });
  const rowsOf = async (hash: string): Promise<{ name: string; unit_code: string }[]> =>
    h.dataSource.query(`SELECT name, unit_code FROM files WHERE sha256 = $1 ORDER BY uploaded_at`, [hash]);

  const savedEnv = Object.fromEntries(Object.keys(FILE_ENV).map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    // The harness reads the files' settings from the environment, as the API does in production.
    Object.assign(process.env, FILE_ENV);
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
    s1 = new S1Driver(h.app, h.demo);
    await s1.start();
    await s1.launch();
    await s1.signAll();
  });

  afterAll(async () => {
    await h?.close();
    rmSync(STORE, { recursive: true, force: true });
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('given a PDF, DOCX, XLSX, JPEG and PNG, should store each under its SHA-256 with the type read from its content', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Điểm').addRow(['TC1', 38.5]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const unit = s1.u('MTTQ');
    const cases: [Buffer, string, string][] = [
      // A browser sends a Vietnamese name as raw UTF-8 in filename="…".
      [pdf('bao cao'), 'Báo cáo tổng kết.pdf', 'application/pdf'],
      [DOCX, 'bao-cao.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [xlsx, 'bang-diem.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [JPEG, 'anh.jpg', 'image/jpeg'],
      [PNG, 'anh.png', 'image/png'],
    ];
    for (const [content, name, contentType] of cases) {
      const res = await upload(as.focal(unit), content, name, { unitCode: unit });
      expect({ status: res.status, body: res.body }).toMatchObject({
        status: 201,
        body: { sha256: sha(content), size: content.length, contentType, name, cycleId: s1.cycleId, unitCode: unit },
      });
      expect(existsSync(blobPath(sha(content)))).toBe(true);
    }
  });

  it('given an executable renamed .pdf, a plain zip or text, should refuse each with FILE_TYPE_NOT_ALLOWED and keep nothing', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const plainZip = zip({ 'readme.txt': 'not an office file' });
    for (const [content, name] of [
      [exe, 'to-trinh.pdf'],
      [plainZip, 'bao-cao.docx'],
      [Buffer.from('chỉ là chữ'), 'ghi-chu.pdf'],
    ] as const) {
      const res = await upload(s1.leader, content, name);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: 'FILE_TYPE_NOT_ALLOWED' });
      expect(existsSync(blobPath(sha(content)))).toBe(false);
      expect(await rowsOf(sha(content))).toEqual([]);
    }
    expect(staging()).toEqual([]);
  });

  it('given names with paths, control characters and decomposed Vietnamese, should keep only a clean NFC file name', async () => {
    const cases: [string, string][] = [
      ['../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\Windows\\to-trinh.pdf', 'to-trinh.pdf'],
      [`Tờ trình\u0000\u001b[31m\u202e\t khen thưởng.pdf`.normalize('NFD'), 'Tờ trình[31m khen thưởng.pdf'],
      ['...', 'tep.pdf'],
      ['bao-cao.exe', 'bao-cao.exe.pdf'],
    ];
    for (const [i, [raw, expected]] of cases.entries()) {
      // The name as RFC 5987 (filename*), which carries any character, as a hostile client may send it.
      const boundary = 'thidua-boundary';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(raw)}\r\n\r\n`,
        ),
        pdf(`name ${i}`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await http()
        .post('/v1/files')
        .query({ cycleId: s1.cycleId })
        .set(s1.leader)
        .set('content-type', `multipart/form-data; boundary=${boundary}`)
        .send(body);
      expect(res.status).toBe(201);
      expect(res.body.name).toBe(expected);
      expect(res.body.name).toBe(res.body.name.normalize('NFC'));
    }
  });

  it('given a file over FILE_MAX_BYTES, should refuse it with FILE_TOO_LARGE and store nothing of it', async () => {
    const big = Buffer.concat([pdf('lon'), Buffer.alloc(MAX_FILE, 0x20)]);
    const res = await upload(s1.leader, big, 'lon.pdf');
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
    expect(existsSync(blobPath(sha(big)))).toBe(false);
    expect(await rowsOf(sha(big))).toEqual([]);
    expect(staging()).toEqual([]);
  });

  it('given the same file uploaded twice and for two scopes, should store its bytes once and record each scope once', async () => {
    const content = pdf('trung lap');
    const unit = s1.u('HND');
    const first = await upload(s1.leader, content, 'lan-1.pdf');
    const again = await upload(s1.leader, content, 'lan-2.pdf');
    const forUnit = await upload(as.head(unit), content, 'minh-chung.pdf', { unitCode: unit });
    expect([first.status, again.status, forUnit.status]).toEqual([201, 201, 201]);
    expect(new Set([first.body.sha256, again.body.sha256, forUnit.body.sha256])).toEqual(new Set([sha(content)]));
    expect(readdirSync(path.dirname(blobPath(sha(content))))).toEqual([sha(content)]);
    expect(await rowsOf(sha(content))).toEqual([
      { name: 'lan-1.pdf', unit_code: '' },
      { name: 'minh-chung.pdf', unit_code: unit },
    ]);
  });

  it('given an upload aborted midway, should leave no stored file, no staging file and no row', async () => {
    const content = Buffer.concat([pdf('dang do'), Buffer.alloc(48 * 1024, 0x41)]);
    const boundary = 'thidua-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dang-do.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const server = h.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/v1/files?cycleId=${encodeURIComponent(s1.cycleId)}`,
      headers: {
        ...s1.leader,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + content.length + tail.length),
      },
    });
    req.on('error', () => undefined);
    req.write(Buffer.concat([head, content.subarray(0, content.length / 2)]));
    // The server has begun storing the part: a staging file exists. Then the client goes away.
    await waitFor('the upload to reach the store', () => Promise.resolve(staging().length > 0 ? true : undefined));
    req.destroy();
    await waitFor('the staging file to be removed', () => Promise.resolve(staging().length === 0 ? true : undefined));
    expect(existsSync(blobPath(sha(content)))).toBe(false);
    expect(await rowsOf(sha(content))).toEqual([]);
  });

  it('given a focal person, should refuse a file of the cycle, and another unit’s sheet before the conference as missing', async () => {
    const own = s1.u('DTN');
    const cycleFile = await upload(as.focal(own), pdf('focal'), 'x.pdf');
    expect({ status: cycleFile.status, code: cycleFile.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ACTOR' });
    const other = await upload(as.focal(own), pdf('focal'), 'x.pdf', { unitCode: s1.u('HCCB') });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 404, code: 'UNIT_NOT_FOUND' });
    expect(await rowsOf(sha(pdf('focal')))).toEqual([]);
  });

  it('given a unit’s evidence, should serve it to that unit and the board, and answer FILE_NOT_FOUND to a competitor', async () => {
    const unit = s1.u('LDLD');
    const content = pdf('minh chung LDLD');
    expect((await upload(as.focal(unit), content, 'minh-chung.pdf', { unitCode: unit })).status).toBe(201);
    for (const headers of [as.focal(unit), s1.leader, as.specialist(h.demo.provinceCode), as.auditor()]) {
      const res = await http()
        .get(`/v1/files/${sha(content)}`)
        .set(headers)
        .buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`inline; filename="minh-chung.pdf"; filename*=UTF-8''minh-chung.pdf`);
      expect(Buffer.from(res.body as Buffer)).toEqual(content);
    }
    const competitor = await http()
      .get(`/v1/files/${sha(content)}`)
      .set(as.focal(s1.u('HCCB')));
    expect({ status: competitor.status, code: competitor.body.code }).toEqual({ status: 404, code: 'FILE_NOT_FOUND' });
    const unknown = await http()
      .get(`/v1/files/${'0'.repeat(64)}`)
      .set(as.admin());
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'FILE_NOT_FOUND' });
  });

  it('given a new API instance on the same store and database, should serve the files uploaded before', async () => {
    const content = pdf('truoc khi khoi dong lai');
    expect((await upload(s1.leader, content, 'truoc.pdf')).status).toBe(201);
    const restarted = await createApp(h.config, { logger: false });
    await restarted.init();
    try {
      const res = await request(restarted.getHttpServer())
        .get(`/v1/files/${sha(content)}`)
        .set(s1.leader)
        .buffer(true);
      expect(res.status).toBe(200);
      expect(Buffer.from(res.body as Buffer)).toEqual(content);
    } finally {
      await restarted.close();
    }
  });

  describe('in the steps', () => {
    const evidence = pdf('bao cao tong ket MTTQ 2020');
    const toTrinh = pdf('to trinh 15');
    const report = pdf('bao cao thanh tich HLHPN');
    const scan = PNG;

    it('given a score sheet citing an uploaded file, should refuse a file of another unit and record the hash in its audit entry', async () => {
      const unit = s1.u('MTTQ');
      const foreign = pdf('minh chung cua HND');
      expect((await upload(as.head(s1.u('HND')), foreign, 'hnd.pdf', { unitCode: s1.u('HND') })).status).toBe(201);
      expect((await upload(as.focal(unit), evidence, 'bao-cao-tong-ket.pdf', { unitCode: unit })).status).toBe(201);
      const scores = s1.scores('MTTQ');
      const refused = await http()
        .post(`/v1/cycles/${s1.cycleId}/units/${unit}/assessment`)
        .set(as.focal(unit))
        .send({ scores: [{ ...scores[0], evidenceRefs: [fileRef(sha(foreign))] }, scores[1], scores[2]] });
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'FILE_NOT_UPLOADED' });

      // An old free-text reference next to the uploaded file: both kept, only the file's hash is a proof.
      await s1.submitAssessment('MTTQ', [
        { ...scores[0], evidenceRefs: ['bao-cao-mttq-2020.pdf', fileRef(sha(evidence))] },
        scores[1],
        scores[2],
      ]);
      const entry = await waitFor('the submission in the audit log', async () => {
        const rows: { payload: { files?: unknown } }[] = await h.dataSource.query(
          `SELECT payload FROM audit_log WHERE cycle_id = $1 AND type = 'ASSESSMENT_SUBMITTED' AND actor_unit_code = $2`,
          [s1.cycleId, unit],
        );
        return rows[0];
      });
      expect(entry.payload.files).toEqual([{ sha256: sha(evidence), use: 'EVIDENCE', criterionCode: 'TC1', unitCode: unit }]);
    });

    it('given a dossier naming uploaded files, should check them and the dossier limit, and record their hashes in the DOSSIER_SUBMITTED entry', async () => {
      for (const key of ALL_UNITS) {
        if (key !== 'MTTQ') await s1.submitAssessment(key);
        await s1.approveAssessment(key);
        await s1.reviewAssessment(key, 'ACCEPT');
      }
      await s1.waitForPhase(Phase.CONFERENCE);
      await s1.openConference();
      await s1.openBallot();
      await s1.castAll();
      await s1.closeBallot();
      const state = await s1.waitForPhase(Phase.SUBMISSION);
      const nominees = [...new Set(state.nominees.map((n) => n.unitCode))];

      expect((await upload(s1.leader, toTrinh, 'to-trinh-15.pdf')).status).toBe(201);
      expect((await upload(as.head(s1.u('HLHPN')), report, 'bao-cao-thanh-tich.pdf', { unitCode: s1.u('HLHPN') })).status).toBe(
        201,
      );
      expect((await upload(s1.leader, scan, 'to-trinh-da-ky.png')).status).toBe(201);

      const body = (files: { toTrinh?: string }) => ({
        toTrinh: { number: '15/TTr-KTĐ', date: s1.dates.toTrinh, documentRef: 'to-trinh-15.pdf', sha256: files.toTrinh },
        achievementReports: nominees.map((unitCode) => ({
          unitCode,
          title: `Báo cáo thành tích năm 2020 của ${unitCode}`,
          documentRef: 'bao-cao-thanh-tich.pdf',
          ...(unitCode === s1.u('HLHPN') ? { sha256: sha(report) } : {}),
        })),
        signedScans: [{ sha256: sha(scan), name: 'Tờ trình đã ký (bản quét)' }],
      });
      const unknown = await http()
        .post(`/v1/cycles/${s1.cycleId}/dossier`)
        .set(s1.leader)
        .send(body({ toTrinh: sha(pdf('never uploaded')) }));
      expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 422, code: 'FILE_NOT_UPLOADED' });

      // Five scans of 60 kB each are each under FILE_MAX_BYTES, together over FILE_MAX_DOSSIER_BYTES (256 kB).
      const heavy = [];
      for (let i = 0; i < 5; i++) {
        const content = Buffer.concat([pdf(`ban quet ${i}`), Buffer.alloc(60 * 1024, 0x20)]);
        expect((await upload(s1.leader, content, `ban-quet-${i}.pdf`)).status).toBe(201);
        heavy.push({ sha256: sha(content), name: `Bản quét ${i}` });
      }
      const tooMuch = await http()
        .post(`/v1/cycles/${s1.cycleId}/dossier`)
        .set(s1.leader)
        .send({ ...body({ toTrinh: sha(toTrinh) }), signedScans: heavy });
      expect({ status: tooMuch.status, code: tooMuch.body.code }).toEqual({ status: 413, code: 'DOSSIER_FILES_TOO_LARGE' });

      const submitted = await s1.post(`/v1/cycles/${s1.cycleId}/dossier`, s1.leader, body({ toTrinh: sha(toTrinh) }));
      expect(submitted.dossier).toMatchObject({
        toTrinh: { sha256: sha(toTrinh) },
        signedScans: [{ sha256: sha(scan), name: 'Tờ trình đã ký (bản quét)' }],
      });
      const entry = await waitFor('the dossier in the audit log', async () => {
        const rows: { payload: { files?: unknown } }[] = await h.dataSource.query(
          `SELECT payload FROM audit_log WHERE cycle_id = $1 AND type = 'DOSSIER_SUBMITTED'`,
          [s1.cycleId],
        );
        return rows[0];
      });
      expect(entry.payload.files).toEqual([
        { sha256: sha(toTrinh), use: 'TO_TRINH' },
        { sha256: sha(report), use: 'ACHIEVEMENT_REPORT', unitCode: s1.u('HLHPN') },
        { sha256: sha(scan), use: 'SIGNED_SCAN' },
      ]);

      const verified = await http().get('/v1/audit/verify').set(as.auditor());
      expect(verified.body).toMatchObject({ ok: true, files: { checked: 4, broken: [] } });
      const exported = (await http().get(`/v1/cycles/${s1.cycleId}/evidence`).set(as.auditor())).body as EvidenceBundle;
      expect(exported.files?.map((f) => f.sha256).sort()).toEqual([sha(evidence), sha(toTrinh), sha(report), sha(scan)].sort());
      expect(verifyBundle(exported)).toMatchObject({ ok: true, filesVerified: 4 });
    });

    it('given a stored file overwritten on disk, should be found by /v1/audit/verify, the download and the offline verifier', async () => {
      writeFileSync(blobPath(sha(toTrinh)), pdf('to trinh 15 da bi sua'));

      const verified = await http().get('/v1/audit/verify').set(as.auditor());
      expect(verified.body).toMatchObject({
        ok: false,
        files: { checked: 4, broken: [{ sha256: sha(toTrinh), problem: 'TAMPERED' }] },
      });
      expect(verified.body.firstBroken).toBeUndefined();

      const download = await http()
        .get(`/v1/files/${sha(toTrinh)}`)
        .set(s1.leader);
      expect({ status: download.status, code: download.body.code }).toEqual({ status: 409, code: 'FILE_TAMPERED' });

      const exported = (await http().get(`/v1/cycles/${s1.cycleId}/evidence`).set(as.auditor())).body as EvidenceBundle;
      expect(verifyBundle(exported)).toMatchObject({ ok: false, firstBroken: { reason: 'FILE_HASH_MISMATCH' } });

      // Restored, the store verifies again; a bundle whose file was dropped after export does not.
      writeFileSync(blobPath(sha(toTrinh)), toTrinh);
      const repaired = (await http().get(`/v1/cycles/${s1.cycleId}/evidence`).set(as.auditor())).body as EvidenceBundle;
      expect(verifyBundle(repaired)).toMatchObject({ ok: true, filesVerified: 4 });
      const withoutReport = structuredClone(repaired);
      withoutReport.files = withoutReport.files?.filter((f) => f.sha256 !== sha(report));
      expect(verifyBundle(withoutReport)).toMatchObject({ ok: false, firstBroken: { reason: 'FILE_MISSING' } });

      rmSync(blobPath(sha(scan)));
      const missing = await http().get('/v1/audit/verify').set(as.auditor());
      expect(missing.body).toMatchObject({ ok: false, files: { broken: [{ sha256: sha(scan), problem: 'MISSING' }] } });
      writeFileSync(blobPath(sha(scan)), scan);
    });
  });
});
