import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import request from 'supertest';
import type { RoundView } from '../../src/domain/round/types';
import { Role } from '../../src/shared/actors';
import { NomineeStatus, Phase, type CycleState } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { identityUsername } from '../../src/seed/identities';
import { as, type Headers } from './support/actors';
import { useS1Harness } from './support/harness';

const { CO_THI_DUA_TINH: CO_TINH, BANG_KHEN_CHU_TICH: BANG_KHEN, CO_THI_DUA_CHINH_PHU: CO_CP } = AwardType;
const OUT = path.resolve(__dirname, '../../test-results/round-documents');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The visible text of a .docx: word/document.xml without its tags, one line per paragraph or table cell. */
function docxText(body: Buffer): string {
  const xml = new PizZip(body).file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** pdftotext of a PDF, and its first page as PNG into test-results/round-documents for a person to look at. */
function pdfText(body: Buffer, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-round-doc-'));
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

// Names as a clerk might type them, decomposed (NFD): the papers must print them composed (NFC).
const BOARD_HEAD_NAME = 'Đặng Thị Thu Hà';
const CHAIRMAN_NAME = 'Phạm Đức Thịnh';
const MEMBERS = [
  { n: 1, role: 'CHU_TICH', name: 'Hoàng Văn Thắng', title: 'Phó Chủ tịch UBND tỉnh' },
  { n: 2, role: 'PHO_CHU_TICH', name: 'Lý Thị Hồng Nhung', title: 'Giám đốc Sở Nội vụ' },
  { n: 3, role: 'UY_VIEN', name: 'Triệu Văn Đức', title: 'Chủ tịch Liên đoàn Lao động tỉnh' },
  { n: 4, role: 'THU_KY', name: 'Nông Thị Huyền', title: 'Trưởng phòng Thi đua - Khen thưởng' },
] as const;
const ABSENT_MEMBER = { name: 'Nguyễn Thị Én', title: 'Giám đốc Sở Tư pháp' };

/**
 * The papers of the province's award round, through the public API against real Temporal and PostgreSQL: a bloc's
 * accepted dossier and two direct proposals; the board's tờ trình after the appraisal is approved; the council's
 * minutes of an adjourned and of a closed session; two decisions with their annexes across blocs; the tờ trình upward
 * for the Cờ thi đua của Chính phủ. Each is read back from its DOCX (XML) and its PDF (pdftotext).
 */
describe('Documents of the province round (NĐ 30/2020/NĐ-CP format)', () => {
  const ctx = useS1Harness();
  const http = () => request(ctx.h.app.getHttpServer());
  const call = async (method: 'get' | 'post' | 'patch', p: string, headers: Headers, body?: object) => {
    const req = http()[method](p).set(headers);
    return method === 'get' ? await req : await req.send(body ?? {});
  };
  const ok = async (p: string, headers: Headers, body: object = {}, status = 200) => {
    const res = await call('post', p, headers, body);
    if (res.status !== status) throw new Error(`POST ${p}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as RoundView;
  };
  const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const fetchDoc = (kind: string, format: 'docx' | 'pdf', query: Record<string, string> = {}, headers = as.boardHead()) =>
    http()
      .get(`/v1/rounds/${encodeURIComponent(roundId)}/documents/${kind}`)
      .query({ format, ...query })
      .set(headers)
      .buffer(true)
      .parse(binary);
  const both = async (kind: string, query: Record<string, string> = {}, name = kind) => {
    const docx = await fetchDoc(kind, 'docx', query);
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain(DOCX);
    const pdf = await fetchDoc(kind, 'pdf', query);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = docxText(docx.body as Buffer);
    expect(text).toBe(text.normalize('NFC'));
    return { docx: text, pdf: pdfText(pdf.body as Buffer, name) };
  };
  /** Both renderings say it (the PDF's text may wrap a long line, so it is compared with whitespace collapsed). */
  const sayBoth = (doc: { docx: string; pdf: string }, ...facts: string[]) => {
    const flat = doc.pdf.replace(/\s+/g, ' ');
    for (const fact of facts) {
      expect(doc.docx).toContain(fact);
      expect(flat).toContain(fact.replace(/\s+/g, ' '));
    }
  };
  const listOf = async () => {
    const res = await call('get', `/v1/rounds/${encodeURIComponent(roundId)}/documents`, as.chairman());
    expect(res.status).toBe(200);
    return res.body as { kind: string; available: boolean; parameter?: string; instances: { id: string; labelVi: string }[] }[];
  };
  const refusal = async (kind: string, query: Record<string, string>, status: number, code: string) => {
    const res = await http()
      .get(`/v1/rounds/${encodeURIComponent(roundId)}/documents/${kind}`)
      .query(query)
      .set(as.boardHead());
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    return res.body as { message: string };
  };

  let roundId = '';
  let cycle: CycleState;
  let round: RoundView;
  const council = (n: number) => identityUsername(Role.COUNCIL_MEMBER, `${ctx.h.demo.provinceCode}.${n}`);
  const nameOf = (itemId: string) => round.items.find((i) => i.id === itemId)?.unitName as string;

  it('given a round whose appraisal the head approved, should list the board’s tờ trình alone and print it with the proposals grouped by award and the head’s name', async () => {
    const { h, s1 } = ctx;
    const province = h.demo.provinceCode;
    // The people who sign, named as the province wrote them (decomposed on purpose).
    for (const [username, name] of [
      [identityUsername(Role.BOARD_HEAD, province), BOARD_HEAD_NAME],
      [identityUsername(Role.CHAIRMAN, province), CHAIRMAN_NAME],
    ]) {
      const [user] = await h.dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE username = $1`, [username]);
      const res = await call('patch', `/v1/admin/users/${user.id}`, as.admin(), { displayName: name.normalize('NFD') });
      expect(res.status).toBe(200);
    }

    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.assessAll();
    await s1.conferenceToDossier();
    cycle = await s1.reviewDossier('ACCEPT');
    for (const [code, name] of [
      ['RT-STC', 'Sở Tài chính tỉnh'],
      ['RT-SYT', 'Sở Y tế tỉnh'],
    ]) {
      expect(
        (await call('post', `/v1/provinces/${province}/units`, as.admin(), { code, name, validFrom: '2000-01-01' })).status,
      ).toBe(201);
    }
    for (const m of MEMBERS) {
      await ok(
        '/v1/council-members',
        as.boardHead(),
        {
          provinceCode: province,
          userId: council(m.n),
          name: m.name.normalize('NFD'),
          title: m.title,
          councilRole: m.role,
          validFrom: '2020-01-01',
        },
        201,
      );
    }
    await ok(
      '/v1/council-members',
      as.boardHead(),
      { provinceCode: province, ...ABSENT_MEMBER, councilRole: 'UY_VIEN', validFrom: '2020-01-01' },
      201,
    );

    round = await ok('/v1/rounds', as.boardHead(), { provinceCode: province, year: 2020, targets: { [CO_TINH]: 1 } }, 201);
    roundId = round.roundId;
    // Nothing exists before the appraisal is approved.
    expect((await listOf()).filter((d) => d.available)).toEqual([]);
    const early = await refusal('to-trinh-de-nghi-khen-thuong', {}, 409, 'DOCUMENT_NOT_AVAILABLE');
    expect(early.message).toContain('duyệt kết quả thẩm định');

    await ok(`/v1/rounds/${roundId}/direct`, as.specialist(), { proposer: 'Sở Tài chính', unitCode: 'RT-STC', award: BANG_KHEN });
    round = await ok(`/v1/rounds/${roundId}/direct`, as.specialist(), { proposer: 'Sở Y tế', unitCode: 'RT-SYT', award: CO_CP });
    const notRecommended = round.items.find((i) => i.source === 'BLOC' && i.award === BANG_KHEN)?.id as string;
    await ok(`/v1/rounds/${roundId}/appraisal`, as.specialist(), {
      opinions: round.items.map((i) => ({
        itemId: i.id,
        recommend: i.id !== notRecommended,
        note: i.id === notRecommended ? 'Báo cáo thành tích chưa có xác nhận của cơ quan quản lý' : 'Đủ điều kiện',
      })),
    });
    round = await ok(`/v1/rounds/${roundId}/appraisal/review`, as.boardHead(), { decision: 'APPROVE' });

    const list = await listOf();
    expect(list.filter((d) => d.available).map((d) => d.kind)).toEqual(['to-trinh-de-nghi-khen-thuong']);
    await refusal('bien-ban-hop-hoi-dong', {}, 409, 'DOCUMENT_NOT_AVAILABLE');
    await refusal('bien-ban-khac', {}, 404, 'DOCUMENT_KIND_NOT_FOUND');
    // A cycle's kind is not a round's.
    await refusal('giao-uoc', {}, 404, 'DOCUMENT_KIND_NOT_FOUND');

    const toTrinh = await both('to-trinh-de-nghi-khen-thuong');
    sayBoth(
      toTrinh,
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ NỘI VỤ',
      'TỜ TRÌNH',
      'Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn',
    );
    sayBoth(toTrinh, 'TL. GIÁM ĐỐC', 'TRƯỞNG PHÒNG THI ĐUA - KHEN THƯỞNG', BOARD_HEAD_NAME);
    const proposed = round.items.filter((i) => i.id !== notRecommended);
    // Grouped by award: each group's heading gives its count, the flags before the certificates before the Cờ CP.
    const count = (award: AwardType) => proposed.filter((i) => i.award === award).length;
    sayBoth(toTrinh, `Cờ thi đua của UBND tỉnh: ${count(CO_TINH)} tập thể (chỉ tiêu của tỉnh: 1)`);
    sayBoth(toTrinh, `Bằng khen của Chủ tịch UBND tỉnh: ${count(BANG_KHEN)} tập thể (không giao chỉ tiêu)`);
    sayBoth(toTrinh, `Cờ thi đua của Chính phủ: ${count(CO_CP)} tập thể`);
    expect(toTrinh.docx.indexOf('Cờ thi đua của UBND tỉnh:')).toBeLessThan(
      toTrinh.docx.indexOf('Bằng khen của Chủ tịch UBND tỉnh:'),
    );
    sayBoth(toTrinh, `khen thưởng cho ${proposed.length} tập thể (thuộc 1 khối thi đua`, cycle.blocName);
    for (const item of proposed) sayBoth(toTrinh, item.unitName as string);
    sayBoth(toTrinh, `${nameOf(notRecommended)} (Bằng khen của Chủ tịch UBND tỉnh): Báo cáo thành tích chưa có xác nhận`);
    expect(toTrinh.docx).not.toContain(BOARD_HEAD_NAME.normalize('NFD'));
  });

  it('given an adjourned and a closed session, should print each session’s minutes with attendance, quorum, the votes per item, the reasons and the signers’ names', async () => {
    const awaitingCouncil = round.items.filter((i) => i.status === NomineeStatus.AWAITING_COUNCIL);
    const memberE = (
      (await call('get', `/v1/council-members?provinceCode=${ctx.h.demo.provinceCode}&on=2021-01-12`, as.boardHead())).body as {
        userId: string | null;
        id: string;
      }[]
    ).find((m) => m.userId === null)?.id as string;
    await ok(`/v1/rounds/${roundId}/sessions`, as.boardHead(), {
      sessionDate: '2021-01-12',
      present: [council(1), council(2), council(4)],
    });
    await ok(`/v1/rounds/${roundId}/sessions/S1/end`, as.boardHead(), {
      end: 'ADJOURN',
      reason: 'Không đủ 80% thành viên dự họp',
    });
    await ok(`/v1/rounds/${roundId}/sessions`, as.boardHead(), {
      sessionDate: '2021-01-15',
      present: [council(1), council(2), council(4), memberE],
      writtenVotes: [council(3)],
    });
    // An open session has no minutes yet.
    await refusal('bien-ban-hop-hoi-dong', { sessionId: 'S2' }, 409, 'DOCUMENT_NOT_AVAILABLE');
    const flag = awaitingCouncil.find((i) => i.award === CO_TINH)?.id as string;
    const cp = awaitingCouncil.find((i) => i.award === CO_CP)?.id as string;
    const rejected = awaitingCouncil.filter((i) => i.id !== flag && i.id !== cp).map((i) => i.id);
    round = await ok(`/v1/rounds/${roundId}/sessions/S2/votes`, as.council(4), {
      tallies: awaitingCouncil.map((i) => ({
        itemId: i.id,
        votesFor: rejected.includes(i.id) ? 2 : 5,
        votesAgainst: rejected.includes(i.id) ? 3 : 0,
        invalid: 0,
        ...(rejected.includes(i.id) ? { reason: 'Hội đồng không thống nhất đề nghị' } : {}),
      })),
    });
    await ok(`/v1/rounds/${roundId}/sessions/S2/end`, as.boardHead(), { end: 'CLOSE' });

    const minutes = (await listOf()).find((d) => d.kind === 'bien-ban-hop-hoi-dong');
    expect(minutes).toMatchObject({ available: true, parameter: 'sessionId' });
    expect(minutes?.instances.map((i) => i.id)).toEqual(['S1', 'S2']);
    // Two sessions: the parameter is required; an unknown one is refused.
    await refusal('bien-ban-hop-hoi-dong', {}, 400, 'VALIDATION_FAILED');
    await refusal('bien-ban-hop-hoi-dong', { sessionId: 'S9' }, 404, 'SESSION_NOT_FOUND');
    await refusal('bien-ban-hop-hoi-dong', { sessionId: 'S1', submissionId: 'U1' }, 400, 'VALIDATION_FAILED');

    const adjourned = await both('bien-ban-hop-hoi-dong', { sessionId: 'S1' }, 'bien-ban-hop-hoi-dong-S1');
    // The header's narrow cell breaks the council's name at its dash, which pdftotext drops: the DOCX says it whole.
    expect(adjourned.docx).toContain('HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG');
    expect(adjourned.docx).not.toContain('Số đề nghị được thông qua');
    sayBoth(adjourned, 'ngày 12 tháng 01 năm 2021', 'có mặt: 3; vắng mặt có phiếu bằng văn bản: 0; vắng mặt: 2');
    sayBoth(adjourned, 'Phiên họp không đủ điều kiện tiến hành', 'Phiên họp hoãn. Lý do: Không đủ 80% thành viên dự họp.');
    sayBoth(adjourned, `${ABSENT_MEMBER.name}, ${ABSENT_MEMBER.title}, Ủy viên`);

    const closed = await both('bien-ban-hop-hoi-dong', { sessionId: 'S2' }, 'bien-ban-hop-hoi-dong-S2');
    sayBoth(
      closed,
      'BIÊN BẢN',
      'ngày 15 tháng 01 năm 2021',
      'Tổng số thành viên Hội đồng: 5; có mặt: 4; vắng mặt có phiếu bằng văn bản: 1; vắng mặt: 0',
    );
    sayBoth(closed, `Chủ trì: ${MEMBERS[0].name}, Chủ tịch Hội đồng. Thư ký: ${MEMBERS[3].name}.`);
    for (const m of MEMBERS) sayBoth(closed, `${m.name}, ${m.title}`);
    sayBoth(closed, `${MEMBERS[2].name}, ${MEMBERS[2].title}, Ủy viên (vắng mặt, có phiếu bằng văn bản)`);
    sayBoth(closed, 'Số thành viên dự họp: 4/5 (80%)', 'Đề nghị được Hội đồng thông qua khi có từ 4 phiếu đồng ý trở lên.');
    sayBoth(closed, `Số đề nghị được thông qua: 2; không được thông qua: ${rejected.length}.`);
    // The votes per item: name, then its counts and result, in the table's cells.
    expect(closed.docx).toContain(`${nameOf(flag)}\nCờ thi đua của UBND tỉnh\n${cycle.blocName}\n5\n0\n0\nThông qua`);
    expect(closed.docx).toContain(`${nameOf(cp)}\nCờ thi đua của Chính phủ\nSở Y tế\n5\n0\n0\nThông qua`);
    for (const id of rejected) {
      expect(closed.docx).toMatch(
        new RegExp(`${nameOf(id).replace(/[()]/g, '\\$&')}\\n[^\\n]+\\n[^\\n]+\\n2\\n3\\n0\\nKhông thông qua`),
      );
      sayBoth(closed, `${nameOf(id)} (`, 'Hội đồng không thống nhất đề nghị');
    }
    // The signature blocks carry the secretary's and the chairman's names.
    sayBoth(closed, 'THƯ KÝ HỘI ĐỒNG', 'CHỦ TỊCH HỘI ĐỒNG');
    expect(closed.docx).toMatch(new RegExp(`THƯ KÝ HỘI ĐỒNG\\n\\(Ký, ghi rõ họ tên\\)\\n${MEMBERS[3].name}\\n`));
    expect(closed.docx).toMatch(new RegExp(`CHỦ TỊCH HỘI ĐỒNG\\n\\(Ký, ghi rõ họ tên\\)\\n${MEMBERS[0].name}\\n`));
  });

  it('given two decisions, should print each with its number, date, rules version, the chairman’s name and one annex row per awardee across blocs', async () => {
    const flag = round.items.find((i) => i.award === CO_TINH && i.status === NomineeStatus.AWAITING_DECISION)?.id as string;
    const cp = round.items.find((i) => i.award === CO_CP)?.id as string;
    const certificates = round.items.filter((i) => i.award === BANG_KHEN && i.status === NomineeStatus.AWAITING_DECISION);
    await ok(`/v1/rounds/${roundId}/decisions`, as.chairman(), {
      decisionNumber: '125/QĐ-UBND',
      decisionDate: '2021-01-20',
      items: [
        { itemId: flag, approve: true },
        { itemId: cp, approve: true },
      ],
      quotaOverride: { reason: 'Đơn vị dẫn đầu phong trào thi đua chuyên đề 5 năm', documentRef: 'Công văn 123/UBND-NC' },
    });
    round = await ok(`/v1/rounds/${roundId}/decisions`, as.chairman(), {
      decisionNumber: '126/QĐ-UBND',
      decisionDate: '2021-02-05',
      items: certificates.map((i) => ({ itemId: i.id, approve: true })),
    });
    expect(new Set(certificates.map((i) => i.source))).toEqual(new Set(['BLOC', 'DIRECT']));
    const decisions = (await listOf()).find((d) => d.kind === 'quyet-dinh-khen-thuong');
    expect(decisions?.instances.map((i) => i.id)).toEqual(['125/QĐ-UBND', '126/QĐ-UBND']);
    await refusal('quyet-dinh-khen-thuong', {}, 400, 'VALIDATION_FAILED');
    await refusal('quyet-dinh-khen-thuong', { decisionNumber: '999/QĐ-UBND' }, 409, 'DOCUMENT_NOT_AVAILABLE');

    const annexRows = (docx: string) =>
      docx
        .slice(docx.indexOf('PHỤ LỤC'))
        .split('\n')
        .filter((line) => /^\d+$/.test(line)).length;
    const rulesVersion = round.decisions[0].rulesVersion;

    const first = await both('quyet-dinh-khen-thuong', { decisionNumber: '125/QĐ-UBND' }, 'quyet-dinh-khen-thuong-125');
    sayBoth(first, 'ỦY BAN NHÂN DÂN TỈNH BẮC KẠN', 'QUYẾT ĐỊNH', 'Số: 125/QĐ-UBND', 'Bắc Kạn, ngày 20 tháng 01 năm 2021');
    sayBoth(first, 'Tặng thưởng cho 1 tập thể', `Áp dụng Bộ quy tắc ${rulesVersion}`, 'PHỤ LỤC');
    sayBoth(first, '(Kèm theo Quyết định số 125/QĐ-UBND ngày 20 tháng 01 năm 2021 của Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn)');
    // The Cờ CP is proposed to the Prime Minister, not awarded: outside the annex.
    sayBoth(first, 'Đề nghị Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho các tập thể:', `1. ${nameOf(cp)} (Sở Y tế);`);
    expect(annexRows(first.docx)).toBe(1);
    expect(first.docx.slice(first.docx.indexOf('PHỤ LỤC'))).toContain(
      `1\n${nameOf(flag)}\nCờ thi đua của UBND tỉnh\n${cycle.blocName}`,
    );
    expect(first.docx).toMatch(new RegExp(`CHỦ TỊCH\\n\\n\\(Ký, ghi rõ họ tên, đóng dấu\\)\\n${CHAIRMAN_NAME}\\n`));
    sayBoth(first, CHAIRMAN_NAME);

    const second = await both('quyet-dinh-khen-thuong', { decisionNumber: '126/QĐ-UBND' }, 'quyet-dinh-khen-thuong-126');
    sayBoth(second, 'Số: 126/QĐ-UBND', 'Bắc Kạn, ngày 05 tháng 02 năm 2021', `Tặng thưởng cho ${certificates.length} tập thể`);
    sayBoth(second, `Bằng khen của Chủ tịch UBND tỉnh: ${certificates.length} tập thể (thuộc 1 khối thi đua`);
    expect(annexRows(second.docx)).toBe(certificates.length);
    const annex = second.docx.slice(second.docx.indexOf('PHỤ LỤC'));
    for (const item of certificates) {
      expect(annex).toContain(
        `${item.unitName}\nBằng khen của Chủ tịch UBND tỉnh\n${item.source === 'BLOC' ? cycle.blocName : 'Sở Tài chính'}`,
      );
    }
    expect(second.docx).not.toContain('Đề nghị Thủ tướng Chính phủ');
  });

  it('given the Cờ CP sent upward, should print the tờ trình to the Prime Minister with its number, date and candidates', async () => {
    await refusal('to-trinh-co-thi-dua-chinh-phu', {}, 409, 'DOCUMENT_NOT_AVAILABLE');
    const cp = round.items.find((i) => i.award === CO_CP)?.id as string;
    await ok(`/v1/rounds/${roundId}/upward`, as.boardHead(), {
      toTrinh: { number: '45/TTr-UBND', date: '2021-02-01' },
      sentOn: '2021-02-02',
      itemIds: [cp],
    });
    expect((await listOf()).filter((d) => d.available).map((d) => d.kind)).toEqual([
      'to-trinh-de-nghi-khen-thuong',
      'bien-ban-hop-hoi-dong',
      'quyet-dinh-khen-thuong',
      'to-trinh-co-thi-dua-chinh-phu',
    ]);
    await refusal('to-trinh-co-thi-dua-chinh-phu', { submissionId: 'U7' }, 404, 'SUBMISSION_NOT_FOUND');
    const upward = await both('to-trinh-co-thi-dua-chinh-phu');
    sayBoth(upward, 'ỦY BAN NHÂN DÂN TỈNH BẮC KẠN', 'Số: 45/TTr-UBND', 'Bắc Kạn, ngày 01 tháng 02 năm 2021');
    sayBoth(upward, 'Kính gửi: Thủ tướng Chính phủ (qua Bộ Nội vụ - Ban Thi đua - Khen thưởng Trung ương)');
    sayBoth(upward, 'Căn cứ Quyết định số 125/QĐ-UBND ngày 20 tháng 01 năm 2021', 'cho 1 tập thể dẫn đầu phong trào thi đua');
    expect(upward.docx).toContain(`1\n${nameOf(cp)}\nSở Y tế\n5 (cần 4)\n125/QĐ-UBND ngày 20/01/2021`);
    sayBoth(upward, 'TM. ỦY BAN NHÂN DÂN', CHAIRMAN_NAME);
  });

  it('given a reader outside the province’s board, should answer the round’s documents as missing', async () => {
    const { s1 } = ctx;
    const unit = await call('get', `/v1/rounds/${encodeURIComponent(roundId)}/documents`, as.head(s1.u('HLHPN')));
    expect({ status: unit.status, code: unit.body.code }).toEqual({ status: 404, code: 'ROUND_NOT_FOUND' });
    const doc = await http()
      .get(`/v1/rounds/${encodeURIComponent(roundId)}/documents/quyet-dinh-khen-thuong`)
      .query({ decisionNumber: '125/QĐ-UBND' })
      .set(as.head(s1.u('HLHPN')));
    expect({ status: doc.status, code: doc.body.code }).toEqual({ status: 404, code: 'ROUND_NOT_FOUND' });
    const other = await call('get', `/v1/rounds/round:XX:2020:1/documents`, as.boardHead());
    expect(other.body.code).toBe('ROUND_NOT_FOUND');
  });

  it('given the bloc’s cycle, should print the Trưởng khối’s name under the signature of the pledge and the tờ trình', async () => {
    const { h, s1 } = ctx;
    const leader = identityUsername(Role.UNIT_HEAD, h.demo.unit('HLHPN'));
    const [{ display_name: leaderName }] = await h.dataSource.query<{ display_name: string }[]>(
      `SELECT display_name FROM users WHERE username = $1`,
      [leader],
    );
    for (const kind of ['giao-uoc', 'to-trinh']) {
      const res = await http()
        .get(`/v1/cycles/${s1.cycleId}/documents/${kind}`)
        .query({ format: 'docx' })
        .set(s1.leader)
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      expect(docxText(res.body as Buffer)).toMatch(
        new RegExp(
          `TRƯỞNG KHỐI\\n\\(Ký, ghi rõ họ tên, đóng dấu\\)\\n${leaderName.normalize('NFC').replace(/[()]/g, '\\$&')}\\n`,
        ),
      );
    }
  });
});
