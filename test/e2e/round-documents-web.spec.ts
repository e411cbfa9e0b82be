import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import PizZip from 'pizzip';
import request from 'supertest';
import type { RoundView } from '../../src/domain/round/types';
import { identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import { NomineeStatus, Phase } from '../../src/shared/cycle-types';
import { as, TEST_PASSWORD, type Headers } from '../integration/support/actors';
import { useS1Harness } from '../integration/support/harness';
import { buildWebApp, launchBrowser, Person, see, serve } from './support/browser';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The round's documents page and the admin's templates page in a real browser: the board's head sees which of the
 * round's papers exist, downloads the decision as Word and previews it as PDF on the page; the admin downloads a
 * template, sees a changed one with an unknown placeholder refused by name, and uploads a good one as version 1.
 */
describe('The web application: the round’s documents and the province’s templates in the browser', () => {
  const ctx = useS1Harness();
  let browser: Browser;
  let base: string;
  let roundId = '';

  const http = () => request(ctx.h.app.getHttpServer());
  const ok = async (path: string, headers: Headers, body: object = {}, status = 200) => {
    const res = await http().post(path).set(headers).send(body);
    if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as RoundView;
  };

  beforeAll(async () => {
    buildWebApp();
    base = await serve(ctx.h);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('given a decided round, when the board’s head opens its documents, should list them, download the decision and preview its PDF', async () => {
    const { h, s1 } = ctx;
    const province = h.demo.provinceCode;
    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.assessAll();
    await s1.conferenceToDossier();
    await s1.reviewDossier('ACCEPT');
    const council = (n: number) => identityUsername(Role.COUNCIL_MEMBER, `${province}.${n}`);
    for (const [n, role] of [
      [1, 'CHU_TICH'],
      [2, 'UY_VIEN'],
      [3, 'THU_KY'],
    ] as const) {
      await ok(
        '/v1/council-members',
        as.boardHead(),
        {
          provinceCode: province,
          userId: council(n),
          name: `Thành viên Hội đồng số ${n}`,
          councilRole: role,
          validFrom: '2020-01-01',
        },
        201,
      );
    }
    let round = await ok('/v1/rounds', as.boardHead(), { provinceCode: province, year: 2020 }, 201);
    roundId = round.roundId;
    await ok(`/v1/rounds/${roundId}/appraisal`, as.specialist(), {
      opinions: round.items.map((i) => ({ itemId: i.id, recommend: true })),
    });
    round = await ok(`/v1/rounds/${roundId}/appraisal/review`, as.boardHead(), { decision: 'APPROVE' });
    await ok(`/v1/rounds/${roundId}/sessions`, as.boardHead(), { sessionDate: '2021-01-15', present: [1, 2, 3].map(council) });
    round = await ok(`/v1/rounds/${roundId}/sessions/S1/votes`, as.council(3), {
      tallies: round.items
        .filter((i) => i.status === NomineeStatus.AWAITING_COUNCIL)
        .map((i) => ({ itemId: i.id, votesFor: 3, votesAgainst: 0, invalid: 0 })),
    });
    await ok(`/v1/rounds/${roundId}/sessions/S1/end`, as.boardHead(), { end: 'CLOSE' });
    await ok(`/v1/rounds/${roundId}/decisions`, as.chairman(), {
      decisionNumber: '125/QĐ-UBND',
      decisionDate: '2021-01-20',
      items: round.items.map((i) => ({ itemId: i.id, approve: true })),
    });

    const head = await Person.open(browser, base, 'Trưởng phòng');
    try {
      await head.login(identityUsername(Role.BOARD_HEAD, province), TEST_PASSWORD);
      await head.go(`/rounds/${encodeURIComponent(roundId)}/documents`);
      const page = head.page;
      await page.getByRole('heading', { level: 1, name: 'Văn bản của đợt xét khen thưởng' }).waitFor();
      await see(page.locator('#document-bien-ban-hop-hoi-dong'), 'Phiên 1, ngày 15/01/2021 (bế mạc)');
      await see(page.locator('#document-to-trinh-co-thi-dua-chinh-phu'), 'Chưa có: văn bản có sau khi Sở Nội vụ gửi hồ sơ');
      const decision = page.locator('[data-document="quyet-dinh-khen-thuong/125/QĐ-UBND"]');
      await see(decision, 'Quyết định số 125/QĐ-UBND ngày 20/01/2021');
      const [word] = await Promise.all([
        page.waitForEvent('download'),
        decision.getByRole('button', { name: 'Tải Word' }).click(),
      ]);
      expect(word.suggestedFilename()).toBe('quyet-dinh-khen-thuong-125-QD-UBND.docx');
      const xml = new PizZip(readFileSync(await word.path())).file('word/document.xml')!.asText();
      expect(xml).toContain('Số: 125/QĐ-UBND');
      expect(xml).toContain('Bắc Kạn, ngày 20 tháng 01 năm 2021');
      // The PDF shows on the page, from a blob the page fetched with the session's token.
      await decision.getByRole('button', { name: 'Xem trước' }).click();
      const frame = page.locator('iframe.document-preview');
      await frame.waitFor({ timeout: 90_000 });
      expect(await frame.getAttribute('title')).toBe(
        'Quyết định khen thưởng của Chủ tịch UBND tỉnh (đợt xét của tỉnh): Quyết định số 125/QĐ-UBND ngày 20/01/2021',
      );
      expect(await frame.getAttribute('src')).toMatch(/^blob:/);
      await head.screenshot('round-documents');
    } finally {
      await head.close();
    }
  }, 300_000);

  it('given the admin’s templates page, should download a template, refuse a changed one naming its unknown placeholder, and store a good one as version 1', async () => {
    const admin = await Person.open(browser, base, 'Quản trị');
    try {
      await admin.login('admin', TEST_PASSWORD);
      await admin.go('/admin/templates');
      const page = admin.page;
      const row = page.locator('[data-template="quyet-dinh-khen-thuong"]');
      await see(row, 'Mẫu mặc định của hệ thống');
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Tải mẫu' }).click()]);
      const original = readFileSync(await download.path());
      const edit = (change: (xml: string) => string) => {
        const zip = new PizZip(original);
        zip.file('word/document.xml', change(zip.file('word/document.xml')!.asText()));
        return zip.generate({ type: 'nodebuffer' });
      };
      const input = row.getByLabel('Tải lên mẫu đã sửa (.docx)');
      await input.setInputFiles({
        name: 'mau-sai.docx',
        mimeType: DOCX,
        buffer: edit((x) => x.replace('{proposer}', '{nguoiKy}')),
      });
      await see(row, 'Trường trộn {nguoiKy} không có trong loại văn bản này.');
      const stored = async () =>
        Number((await ctx.h.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM document_templates`))[0].n);
      expect(await stored()).toBe(0);
      await admin.screenshot('admin-templates-refused');

      await input.setInputFiles({
        name: 'mau-quyet-dinh.docx',
        mimeType: DOCX,
        buffer: edit((x) => x.replace('Quyết định này có hiệu lực kể từ ngày ký.', 'Quyết định có hiệu lực từ ngày ký.')),
      });
      await see(row, 'Đã lưu phiên bản mới của mẫu.');
      await see(row, 'Phiên bản 1 (mau-quyet-dinh.docx)');
      expect(await stored()).toBe(1);
      // The round's decision is now generated from the province's version.
      const res = await http()
        .get(`/v1/rounds/${encodeURIComponent(roundId)}/documents/quyet-dinh-khen-thuong`)
        .set(as.boardHead())
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(new PizZip(res.body as Buffer).file('word/document.xml')!.asText()).toContain('Quyết định có hiệu lực từ ngày ký.');
    } finally {
      await admin.close();
    }
  }, 120_000);
});
