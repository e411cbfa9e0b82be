import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import PizZip from 'pizzip';
import request from 'supertest';
import { S1_UNITS } from '../../src/seed/demo-province';
import { identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import { Phase, type CycleState } from '../../src/shared/cycle-types';
import { as, type Headers } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { S1Driver } from './support/s1-scenario';

const OUT = path.resolve(__dirname, '../../test-results/documents');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The visible text of a .docx: word/document.xml without its tags, one line per paragraph. */
function docxText(body: Buffer): string {
  const xml = new PizZip(body).file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** pdftotext of a PDF (reading order: each table cell whole), and its first page as PNG for a person to look at. */
function pdfText(body: Buffer, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-doc-test-'));
  try {
    const file = path.join(dir, `${name}.pdf`);
    writeFileSync(file, body);
    mkdirSync(OUT, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, path.join(OUT, name)]);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pages = (body: Buffer): number => {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-doc-test-'));
  try {
    writeFileSync(path.join(dir, 'd.pdf'), body);
    const info = execFileSync('pdfinfo', [path.join(dir, 'd.pdf')], { encoding: 'utf8' });
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const UNIT_NAMES = Object.fromEntries(S1_UNITS.map((u) => [u.key, u.name.normalize('NFC')]));

describe('Documents of the S1 cycle, generated as DOCX and PDF in the format of Nghị định 30/2020/NĐ-CP', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  let s1: S1Driver;
  let decided: CycleState;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
    s1 = new S1Driver(h.app, h.demo);
  });

  afterAll(async () => {
    await h?.close();
  });

  const http = () => request(h.app.getHttpServer());
  const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const fetchDoc = (kind: string, format: 'docx' | 'pdf', headers: Headers = s1.leader, query: Record<string, string> = {}) =>
    http()
      .get(`/v1/cycles/${s1.cycleId}/documents/${kind}`)
      .query({ format, ...query })
      .set(headers)
      .buffer(true)
      .parse(binary);
  const both = async (kind: string, query: Record<string, string> = {}, name = kind) => {
    const docx = await fetchDoc(kind, 'docx', s1.leader, query);
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain(DOCX);
    const pdf = await fetchDoc(kind, 'pdf', s1.leader, query);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const docxBody = docx.body as Buffer;
    const pdfBody = pdf.body as Buffer;
    return { docx: docxText(docxBody), pdf: pdfText(pdfBody, name), pdfBody, docxBody };
  };
  /** Both renderings say it (the PDF's text may wrap a long line, so it is compared without line breaks). */
  const sayBoth = (doc: { docx: string; pdf: string }, ...facts: string[]) => {
    const flat = doc.pdf.replace(/\s+/g, ' ');
    for (const fact of facts) {
      expect(doc.docx).toContain(fact);
      expect(flat).toContain(fact.replace(/\s+/g, ' '));
    }
  };

  it('given a pledged cycle, should list the pledge as the only document and refuse the minutes with 409 DOCUMENT_NOT_AVAILABLE', async () => {
    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    const list = await http().get(`/v1/cycles/${s1.cycleId}/documents`).set(s1.leader);
    expect(list.status).toBe(200);
    const available = (list.body as { kind: string; available: boolean }[]).filter((d) => d.available).map((d) => d.kind);
    expect(available).toEqual(['giao-uoc']);
    const early = await http().get(`/v1/cycles/${s1.cycleId}/documents/bien-ban-hoi-nghi`).set(s1.leader);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('DOCUMENT_NOT_AVAILABLE');
    expect(early.body.message).toContain('sau khi kết thúc bỏ phiếu');
    const unknown = await http().get(`/v1/cycles/${s1.cycleId}/documents/bien-ban-khac`).set(s1.leader);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('DOCUMENT_KIND_NOT_FOUND');

    const pledge = await both('giao-uoc');
    sayBoth(
      pledge,
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BẢN GIAO ƯỚC THI ĐUA',
      'TM. KHỐI THI ĐUA',
    );
    for (const name of Object.values(UNIT_NAMES)) sayBoth(pledge, name);
    expect(pledge.docx).toMatch(/Bắc Kạn, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(pledge.docx).toContain('6/6 đơn vị');
  });

  it('given the whole S1 cycle, should generate every document with its facts in the DOCX and the PDF', async () => {
    // The people who sign, named as persons (the test accounts' names carry unit codes, which no paper may print).
    for (const [username, name] of [
      [identityUsername(Role.CHAIRMAN, h.demo.provinceCode), 'Phạm Đức Thịnh'],
      [identityUsername(Role.UNIT_HEAD, h.demo.unit('HLHPN')), 'Hà Thị Lan Anh'],
    ]) {
      const [user] = await h.dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE username = $1`, [username]);
      expect((await http().patch(`/v1/admin/users/${user.id}`).set(as.admin()).send({ displayName: name })).status).toBe(200);
    }
    await s1.assessAll();
    const submitted = await s1.conferenceToDossier();
    expect(submitted.phase).toBe(Phase.SUBMISSION);
    await s1.reviewDossier('ACCEPT');
    const appraised = await s1.appraiseAll(await s1.get(`/v1/cycles/${s1.cycleId}`));
    const voted = await s1.councilVote(appraised);
    decided = await s1.decideAll(voted);
    const state = (await s1.get(`/v1/cycles/${s1.cycleId}`)) as CycleState;
    const minutes = state.minutes!;
    const rounds = minutes.rounds?.length ? minutes.rounds : [minutes.voteCount];

    const list = await http().get(`/v1/cycles/${s1.cycleId}/documents`).set(s1.leader);
    expect((list.body as { available: boolean }[]).every((d) => d.available)).toBe(true);

    const conference = await both('bien-ban-hoi-nghi');
    sayBoth(conference, 'BIÊN BẢN', 'ngày 29 tháng 12 năm 2020', 'có mặt: 6 đơn vị', `qua ${rounds.length} vòng`);
    sayBoth(conference, `Đơn vị Trưởng khối năm 2021: ${UNIT_NAMES.LDLD}`, `đơn vị Phó khối năm 2021: ${UNIT_NAMES.DTN}`);
    for (const name of Object.values(UNIT_NAMES)) sayBoth(conference, name);
    // The ranking, highest verified total first: HLHPN 95, ĐTN 92.
    expect(conference.docx.indexOf(`1\n${UNIT_NAMES.HLHPN}\n95`)).toBeLessThan(
      conference.docx.indexOf(`2\n${UNIT_NAMES.DTN}\n92`),
    );
    expect(conference.docx).toContain(`1\n${UNIT_NAMES.HLHPN}\n95`);
    expect(conference.docx).toContain(`2\n${UNIT_NAMES.DTN}\n92`);

    const count = await both('bien-ban-kiem-phieu');
    expect(count.docx.match(/VÒNG BỎ PHIẾU THỨ/g)).toHaveLength(rounds.length);
    sayBoth(
      count,
      'BIÊN BẢN KIỂM PHIẾU',
      'Số phiếu phát ra: 6; số phiếu thu về: 6; số phiếu hợp lệ: 6; số phiếu không hợp lệ: 0',
    );
    sayBoth(count, 'TRƯỞNG BAN', 'THÀNH VIÊN BAN KIỂM PHIẾU');
    for (const award of rounds[0].awards) {
      for (const c of award.candidates) {
        const name = state.units.find((u) => u.code === c.unitCode)!.name;
        expect(count.docx).toMatch(new RegExp(`${name.replace(/[()]/g, '\\$&')}\n${c.votes}\n`));
      }
    }
    sayBoth(count, `${UNIT_NAMES.LDLD}: 5 phiếu`, `Bầu đơn vị Phó khối năm 2021: ${UNIT_NAMES.DTN} trúng cử`);

    const toTrinh = await both('to-trinh');
    sayBoth(toTrinh, 'TỜ TRÌNH', 'Số: 15/TTr-KTĐ', 'ngày 30 tháng 12 năm 2020', 'Cờ thi đua', 'Bằng khen');
    for (const key of ['HLHPN', 'DTN', 'HND'] as const) sayBoth(toTrinh, UNIT_NAMES[key]);
    expect(toTrinh.docx).not.toContain(h.demo.unit('HLHPN'));

    const report = await both('bao-cao-thanh-tich', { unitCode: h.demo.unit('DTN') }, 'bao-cao-thanh-tich-dtn');
    sayBoth(report, 'BÁO CÁO THÀNH TÍCH', UNIT_NAMES.DTN.toLocaleUpperCase('vi-VN'), 'Thực hiện nhiệm vụ chính trị được giao');
    // A 2020 cycle applies the NĐ 91/2017 rule set: its report follows that decree's form.
    sayBoth(report, 'Tổng điểm thẩm định: 92', 'xếp thứ 2/6', 'Phụ lục ban hành kèm theo Nghị định 91/2017/NĐ-CP');
    const notNominee = await http()
      .get(`/v1/cycles/${s1.cycleId}/documents/bao-cao-thanh-tich`)
      .query({ unitCode: h.demo.unit('MTTQ') })
      .set(s1.leader);
    expect(notNominee.status).toBe(404);

    const decision = await both('quyet-dinh');
    const awardees = decided.nominees.filter((n) => n.decision?.approve);
    sayBoth(decision, 'QUYẾT ĐỊNH', 'Số: 125/QĐ-UBND', 'Bắc Kạn, ngày 20 tháng 01 năm 2021', 'ỦY BAN NHÂN DÂN TỈNH BẮC KẠN');
    sayBoth(decision, 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC KẠN', 'PHỤ LỤC', `Tặng thưởng cho ${awardees.length} tập thể`);
    sayBoth(decision, '(Kèm theo Quyết định số 125/QĐ-UBND ngày 20 tháng 01 năm 2021');
    for (const key of ['HLHPN', 'DTN', 'HND'] as const) sayBoth(decision, UNIT_NAMES[key]);
    // One annex row per awardee: the numbered rows of the annex table.
    const annex = decision.docx.slice(decision.docx.indexOf('PHỤ LỤC'));
    expect(annex.match(/\n\d+\n(Hội|Tỉnh|Liên|Ủy)/g)).toHaveLength(awardees.length);
    expect(pages(decision.pdfBody)).toBe(2);
    // Who acted signs: the chairman who decided, the Trưởng khối who chaired the conference and submitted the dossier.
    const nameOf = async (username: string) =>
      (
        await h.dataSource.query<{ display_name: string }[]>(`SELECT display_name FROM users WHERE username = $1`, [username])
      )[0].display_name.normalize('NFC');
    const chairman = await nameOf(identityUsername(Role.CHAIRMAN, h.demo.provinceCode));
    const leader = await nameOf(identityUsername(Role.UNIT_HEAD, h.demo.unit('HLHPN')));
    const escape = (x: string) => x.replace(/[()]/g, '\\$&');
    expect(decision.docx).toMatch(new RegExp(`CHỦ TỊCH\\n\\n\\(Ký, ghi rõ họ tên, đóng dấu\\)\\n${escape(chairman)}\\n`));
    expect(conference.docx).toMatch(new RegExp(`CHỦ TRÌ HỘI NGHỊ\\n\\(Ký, ghi rõ họ tên\\)\\n${escape(leader)}\\n`));
    expect(toTrinh.docx).toMatch(new RegExp(`TRƯỞNG KHỐI\\n\\(Ký, ghi rõ họ tên, đóng dấu\\)\\n${escape(leader)}\\n`));
    // Every name as written, NFC.
    for (const doc of [conference, count, toTrinh, report, decision]) expect(doc.docx).toBe(doc.docx.normalize('NFC'));
  });

  it('given no LibreOffice, should answer 503 PDF_CONVERTER_UNAVAILABLE for a PDF and still give the DOCX', async () => {
    const saved = h.config.documents;
    h.config.documents = { soffice: '/nonexistent/soffice', pdfTimeoutMs: 10_000 };
    try {
      const pdf = await http().get(`/v1/cycles/${s1.cycleId}/documents/quyet-dinh`).query({ format: 'pdf' }).set(s1.leader);
      expect(pdf.status).toBe(503);
      expect(pdf.body.code).toBe('PDF_CONVERTER_UNAVAILABLE');
      expect(pdf.body.message).toContain('LibreOffice');
      const docx = await fetchDoc('quyet-dinh', 'docx');
      expect(docx.status).toBe(200);
    } finally {
      h.config.documents = saved;
    }
  });

  describe('templates as province data', () => {
    const admin = () => as.admin();
    const base = () => `/v1/provinces/${h.demo.provinceCode}/document-templates`;
    const template = async (): Promise<Buffer> => {
      const res = await http().get(`${base()}/quyet-dinh`).set(admin()).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      return res.body as Buffer;
    };
    const edit = (docx: Buffer, change: (xml: string) => string): Buffer => {
      const zip = new PizZip(docx);
      zip.file('word/document.xml', change(zip.file('word/document.xml')!.asText()));
      return zip.generate({ type: 'nodebuffer' });
    };
    const upload = (file: Buffer, name = 'quyet-dinh.docx') =>
      http().post(`${base()}/quyet-dinh`).set(admin()).attach('file', file, name).field('effectiveFrom', '2020-01-01');
    const stored = async () =>
      Number((await h.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM document_templates`))[0].n);

    it('given a template with an unknown placeholder, unbalanced tags or a missing required one, should refuse it naming the placeholder and store nothing', async () => {
      const original = await template();
      const unknown = await upload(edit(original, (x) => x.replace('{proposer}', '{nguoiDeNghi}')));
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('TEMPLATE_INVALID');
      expect(unknown.body.message).toContain('{nguoiDeNghi}');
      expect(JSON.stringify(unknown.body.problems)).toContain('UNKNOWN_PLACEHOLDER');

      const unbalanced = await upload(edit(original, (x) => x.replace('{#annex}', '')));
      expect(unbalanced.status).toBe(422);
      expect(unbalanced.body.code).toBe('TEMPLATE_INVALID');
      expect(unbalanced.body.message).toContain('annex');

      const missing = await upload(edit(original, (x) => x.replace('{dateText}', '')));
      expect(missing.status).toBe(422);
      expect(missing.body.message).toContain('{dateText}');
      expect(JSON.stringify(missing.body.problems)).toContain('MISSING_PLACEHOLDER');

      const notDocx = await upload(Buffer.from('không phải tệp Word'), 'x.docx');
      expect(notDocx.status).toBe(422);
      expect(await stored()).toBe(0);
    });

    it('given an edited template, should store it as version 1 and generate the decision with the new wording', async () => {
      const original = await template();
      const edited = edit(original, (x) =>
        x.replace('Quyết định này có hiệu lực kể từ ngày ký.', 'Quyết định có hiệu lực từ ngày ký.'),
      );
      const res = await upload(edited, 'mẫu quyết định.docx');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'quyet-dinh', version: 1, effectiveFrom: '2020-01-01' });
      const list = await http().get(base()).set(admin());
      expect(list.body).toHaveLength(1);
      const decision = await fetchDoc('quyet-dinh', 'docx');
      expect(docxText(decision.body as Buffer)).toContain('Quyết định có hiệu lực từ ngày ký.');
      const outsider = await http()
        .post(`${base()}/quyet-dinh`)
        .set(as.head(h.demo.unit('HLHPN')))
        .attach('file', edited, 'x.docx');
      expect(outsider.status).toBe(403);
    });
  });
});
