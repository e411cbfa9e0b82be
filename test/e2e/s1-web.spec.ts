import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import PizZip from 'pizzip';
import { Role } from '../../src/shared/actors';
import { NomineeStatus, Phase, type CycleState } from '../../src/shared/cycle-types';
import { ERROR_SPECS, ErrorCode } from '../../src/shared/errors';
import { cycleWorkflowId } from '../../src/shared/ids';
import { S1_UNITS, type S1UnitKey } from '../../src/seed/demo-province';
import { identityUsername } from '../../src/seed/identities';
import request from 'supertest';
import { as, TEST_PASSWORD } from '../integration/support/actors';
import { ALL_UNITS, newTellerKey, S1_BALLOTS, S1_SCORES } from '../integration/support/s1-scenario';
import { useS1Harness } from '../integration/support/harness';
import { alertText, buildWebApp, launchBrowser, Person, see, serve } from './support/browser';

/**
 * Scenario S1 (Bắc Kạn FY2020, Khối MTTQ và các đoàn thể; shared/domain.md §8) through the web pages only: every
 * person in a browser context of their own, from the start of the cycle to the chairman's decision. The API is called
 * directly only to read the state the assertions check.
 */
const NAME = Object.fromEntries(S1_UNITS.map((u) => [u.key, u.name])) as Record<S1UnitKey, string>;

/** A one-page PDF (with its cross-reference table), as a clerk's scanner or Word would produce. */
function onePagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 18 Tf 72 760 Td (To trinh 15) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
const STEP_TIMEOUT = 60_000;
const HND_REJECTION = 'Đơn vị chưa hoàn thành chỉ tiêu phát triển hội viên năm 2020';
/** A hang guard for the whole story (its steps take some minutes on two cores), not a timing assertion. */
const STORY_TIMEOUT = 1_200_000;

describe('The web application: scenario S1 in a real browser (Chromium, six units, board, chairman, admin)', () => {
  const ctx = useS1Harness();
  let browser: Browser;
  let base: string;
  let cycleId: string;
  const heads = {} as Record<S1UnitKey, Person>;
  let focalDtn: Person;
  let specialist: Person;
  let boardHead: Person;
  let chairman: Person;
  let admin: Person;

  const unit = (key: S1UnitKey) => ctx.h.demo.unit(key);
  const user = (role: Role, scope: string) => identityUsername(role, scope);
  const province = () => ctx.h.demo.provinceCode;
  const cyclePath = (rest: string) => `/cycles/${encodeURIComponent(cycleId)}${rest}`;
  const state = async (): Promise<CycleState> => (await ctx.s1.get(`/v1/cycles/${cycleId}`)) as CycleState;

  beforeAll(async () => {
    buildWebApp();
    base = await serve(ctx.h);
    browser = await launchBrowser();
    cycleId = cycleWorkflowId(province(), ctx.h.demo.blocCode, 2020);
    ctx.s1.cycleId = cycleId;
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  // One story, one test: each step acts on the cycle the step before left (a year of one bloc, start to decision),
  // so the steps are sections of a single test rather than tests that could not run alone.
  it(
    'given scenario S1, when each person does their step on their own page, should run the cycle from its start to the chairman’s decision, on a phone too, and show it to the admin',
    async () => {
      // 1. The board head starts the cycle from the board page; it shows at the launch.
      {
        boardHead = await Person.open(browser, base, 'Trưởng phòng TĐKT');
        await boardHead.login(user(Role.BOARD_HEAD, province()), TEST_PASSWORD);
        await boardHead.go('/board');
        const start = boardHead.page.getByRole('region', { name: 'Khởi tạo chu kỳ thi đua' });
        expect(await start.getByLabel('Năm thi đua').inputValue()).toBe('2020');
        // 2020 is over: it is entered as the record of that year, each step dated as it happened.
        expect(await start.getByLabel('Loại chu kỳ').inputValue()).toBe('RECORD');
        await start.getByRole('button', { name: 'Khởi tạo chu kỳ' }).click();
        await see(boardHead.page, 'Đã khởi tạo chu kỳ thi đua');
        await boardHead.page.locator('#phase-matrix td.cell-current').first().waitFor();
        await boardHead.screenshot('board-start');
        expect(await state()).toMatchObject({ phase: Phase.LAUNCH, mode: 'RECORD' });
      }

      // 2. The Trưởng khối launches from the inbox (a date out of order is refused first) and every head signs.
      {
        for (const key of ALL_UNITS) {
          heads[key] = await Person.open(browser, base, `Thủ trưởng ${key}`, { phone: key === 'MTTQ' });
          await heads[key].login(user(Role.UNIT_HEAD, unit(key)), TEST_PASSWORD);
        }
        const leader = heads.HLHPN;
        await see(leader.page, 'Trưởng khối');
        // The header names the acting unit, not its code.
        await see(leader.page.locator('.role-label'), NAME.HLHPN);
        expect(await leader.page.locator('.role-label').textContent()).toBe(`Thủ trưởng đơn vị – ${NAME.HLHPN}`);
        const launchTask = leader.task('Phát động thi đua năm 2020');
        await launchTask.waitFor();
        // The bloc by its name, not its code.
        await see(launchTask.locator('.task-meta'), (await state()).blocName);
        expect(await launchTask.locator('.task-meta').textContent()).not.toContain(ctx.h.demo.blocCode);
        await leader.screenshot('inbox-leader');
        await launchTask.getByRole('link', { name: /^Trang xử lý/ }).click();
        await leader.page.getByRole('heading', { level: 1, name: 'Trưởng khối: Phát động' }).waitFor();
        await leader.screenshot('bloc-launch-form');
        // The record's launch day and its year's deadlines, long past: no timer closes the pledge phase.
        const launchDay = leader.page.getByLabel('Ngày thực hiện');
        expect(await launchDay.inputValue()).toBe('15/01/2020');
        await launchDay.fill('15/01/2021');
        await leader.page.getByRole('button', { name: 'Phát động thi đua' }).click();
        expect(await alertText(leader.page)).toBe(ERROR_SPECS[ErrorCode.DATE_OUT_OF_ORDER].messageVi);
        expect((await state()).phase).toBe(Phase.LAUNCH);
        await launchDay.fill('15/01/2020');
        await leader.page.getByRole('button', { name: 'Phát động thi đua' }).click();
        await see(leader.page, 'Đã phát động ngày 15/01/2020');
        expect((await state()).phase).toBe(Phase.PLEDGE);

        // Two heads sign from the inbox (the pledge text is the row's context), the others on their unit page.
        for (const key of ['LDLD', 'HCCB'] as const) {
          const page = heads[key].page;
          await page.reload();
          const row = heads[key].task('Ký giao ước thi đua năm 2020');
          await row.getByRole('button', { name: /^Mở:/ }).click();
          await see(row, 'Các đơn vị thành viên');
          if (key === 'LDLD') await heads[key].screenshot('inbox-sign-pledge');
          await row.getByRole('button', { name: 'Ký giao ước', exact: true }).click();
          await see(page, 'Đã xử lý: Ký giao ước thi đua năm 2020');
        }
        for (const key of ['MTTQ', 'HND', 'DTN'] as const) {
          await heads[key].go(cyclePath('/unit'));
          await heads[key].page.getByRole('button', { name: 'Ký giao ước', exact: true }).click();
          await see(heads[key].page, 'Đơn vị đã ký giao ước ngày 15/01/2020');
        }
        await heads.MTTQ.screenshot('unit-pledge-phone');
        await leader.go(cyclePath('/bloc/pledges'));
        await see(leader.page, 'Đơn vị của bạn chưa ký giao ước.');
        await leader.screenshot('bloc-pledges');
        await leader.page.getByRole('button', { name: 'Ký giao ước', exact: true }).click();
        await ctx.s1.waitForPhase(Phase.SELF_ASSESSMENT);
        await see(leader.page, '6/6', STEP_TIMEOUT);
      }

      // 3. The score sheets: validated as typed, one returned to the focal person, one returned by the Trưởng khối, one adjusted, all accepted.
      {
        focalDtn = await Person.open(browser, base, 'Cán bộ đầu mối DTN');
        await focalDtn.login(user(Role.UNIT_FOCAL, unit('DTN')), TEST_PASSWORD);
        await focalDtn.go(cyclePath('/unit'));
        const page = focalDtn.page;
        const tc1 = criterion(page, 'TC1');
        await tc1.getByLabel('Điểm tự chấm').waitFor({ timeout: STEP_TIMEOUT });
        await tc1.getByLabel('Điểm tự chấm').fill('45');
        await see(tc1, 'Điểm không được vượt quá 40.');
        await tc1.getByLabel('Điểm tự chấm').fill('38');
        await see(tc1, 'Tiêu chí này bắt buộc có minh chứng.');
        expect(await page.getByRole('button', { name: 'Nộp bảng tự chấm điểm' }).isDisabled()).toBe(true);
        await tc1.getByLabel(/Minh chứng/).fill('https://tinhdoan.backan.gov.vn/bao-cao-2020.pdf');
        // An uploaded evidence file joins the references as sha256:…, shown by its name.
        await tc1
          .getByLabel('Tải tệp minh chứng')
          .setInputFiles({ name: 'bao-cao-tong-ket-2020.pdf', mimeType: 'application/pdf', buffer: onePagePdf() });
        await see(tc1, 'Đã tải lên: bao-cao-tong-ket-2020.pdf');
        expect(await tc1.getByLabel(/Minh chứng/).inputValue()).toMatch(/\nsha256:[0-9a-f]{64}$/);
        await criterion(page, 'TC2').getByLabel('Điểm tự chấm').fill('27');
        await criterion(page, 'TC3').getByLabel('Điểm tự chấm').fill('27');
        expect(await page.locator('output.running-total').textContent()).toContain('92');
        await focalDtn.screenshot('unit-score-sheet');
        await page.getByRole('button', { name: 'Nộp bảng tự chấm điểm' }).click();
        await see(page, 'Chờ thủ trưởng đơn vị phê duyệt');
        await see(page, 'Bảng điểm lần nộp thứ 1');
        expect(await page.getByText('Đơn vị chưa nộp bảng tự chấm điểm').count()).toBe(0);

        // MTTQ's first sheet claims 20 points on TC1 with no real evidence; it is returned and resubmitted.
        await submitSheet(heads.MTTQ, [20, 25, 25]);
        for (const key of ['HLHPN', 'LDLD', 'HCCB', 'HND'] as const) await submitSheet(heads[key], S1_SCORES[key]);
        // HND's head sends the sheet back to the unit's focal person with a reason; it is corrected and submitted again.
        const hnd = heads.HND.page;
        await hnd.getByRole('button', { name: 'Trả lại cán bộ đầu mối', exact: true }).click();
        await hnd.getByLabel('Lý do trả lại cán bộ đầu mối').fill('Bổ sung minh chứng tiêu chí 1');
        await hnd.getByRole('button', { name: 'Xác nhận trả lại', exact: true }).click();
        // The action's own notice goes with the approval buttons once the page reloads: what stays is the state and the reason.
        await see(hnd, 'Bị trả lại, cần nộp lại');
        await see(hnd, 'cho cán bộ đầu mối: Bổ sung minh chứng tiêu chí 1');
        await heads.HND.screenshot('unit-returned-to-focal');
        await submitSheet(heads.HND, S1_SCORES.HND, false);
        for (const key of ALL_UNITS) await approveSheet(heads[key]);

        const leader = heads.HLHPN;
        await leader.go(cyclePath('/bloc/assessments'));
        await leader.page.getByRole('button', { name: `Xem xét ${NAME.MTTQ}` }).click();
        await leader.page.getByRole('button', { name: 'Trả lại' }).click();
        await leader.page.getByLabel('Lý do trả lại').fill('Thiếu minh chứng cho điểm tiêu chí 1');
        await leader.page.getByRole('button', { name: 'Xác nhận trả lại', exact: true }).click();
        await see(leader.page, `Đã trả lại bảng điểm của ${NAME.MTTQ}.`);
        await leader.screenshot('bloc-assessments');

        // HCCB's sheet is verified one point lower on TC1: the form asks the reason, refuses to send without it, and the
        // unit sees it beside its score.
        await leader.page.getByRole('button', { name: `Xem xét ${NAME.HCCB}` }).click();
        const hccbReview = leader.page.getByRole('region', { name: `Bảng điểm của ${NAME.HCCB}` });
        await hccbReview.getByRole('button', { name: 'Chấp nhận với điểm điều chỉnh' }).click();
        await hccbReview.getByLabel('Điểm xác nhận TC1').fill(String(S1_SCORES.HCCB[0] - 1));
        const reason = hccbReview.getByLabel('Lý do điều chỉnh TC1');
        // Only the changed criterion asks a reason: checked once TC1's field is there, so the form has rendered the change.
        await reason.waitFor();
        expect(await hccbReview.getByLabel('Lý do điều chỉnh TC2').count()).toBe(0);
        await hccbReview.getByRole('button', { name: 'Chấp nhận với điểm đã điều chỉnh' }).click();
        expect(
          await reason.evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing),
        ).toBe(true);
        expect(((await ctx.s1.get(`/v1/cycles/${cycleId}/units/${unit('HCCB')}/assessment`)) as { status: string }).status).toBe(
          'UNIT_APPROVED',
        );
        await reason.fill('Thiếu minh chứng hoạt động quý IV');
        await hccbReview.getByRole('button', { name: 'Chấp nhận với điểm đã điều chỉnh' }).click();
        await see(leader.page, `Đã chấp nhận bảng điểm của ${NAME.HCCB}.`);
        await heads.HCCB.go(cyclePath('/unit'));
        await see(heads.HCCB.page, 'Lý do điều chỉnh: Thiếu minh chứng hoạt động quý IV', STEP_TIMEOUT);

        await heads.MTTQ.page.reload();
        await see(heads.MTTQ.page, 'Thiếu minh chứng cho điểm tiêu chí 1', STEP_TIMEOUT);
        await submitSheet(heads.MTTQ, S1_SCORES.MTTQ, false);
        await approveSheet(heads.MTTQ);

        // The other four at once from the inbox, each with its own result; his own unit's sheet is not his to review.
        await leader.go('/inbox');
        const reviews = leader.page.locator('li.task', { hasText: 'Xem xét bảng tự chấm điểm' });
        await waitForCount(reviews, 4);
        expect(
          await leader.page.locator('li.task', { hasText: `Xem xét bảng tự chấm điểm năm 2020 của ${NAME.HLHPN}` }).count(),
        ).toBe(0);
        for (const key of ['LDLD', 'HND', 'DTN'] as const) {
          await leader.task(NAME[key]).getByRole('checkbox').check();
        }
        // A record's acceptance carries the day it happened on paper.
        expect(await leader.page.getByRole('button', { name: 'Phê duyệt các mục đã chọn (3)' }).isDisabled()).toBe(true);
        await leader.page.getByLabel('Ngày thực hiện').fill('20/12/2020');
        await leader.page.getByRole('button', { name: 'Phê duyệt các mục đã chọn (3)' }).click();
        await see(leader.page, 'Kết quả phê duyệt: 3/3 mục thành công');

        // The Phó khối reviews the Trưởng khối's own sheet.
        const deputy = heads.LDLD;
        await deputy.go('/inbox');
        const own = deputy.task(NAME.HLHPN);
        await own.getByRole('button', { name: /^Mở:/ }).click();
        await own.getByRole('button', { name: 'Chấp nhận bảng điểm', exact: true }).click();
        await see(deputy.page, `Đã xử lý: `);
        await leader.screenshot('inbox-bulk-results');
        const mttq = leader.task(NAME.MTTQ);
        await mttq.getByRole('button', { name: /^Mở:/ }).click();
        await mttq.getByRole('button', { name: 'Chấp nhận bảng điểm', exact: true }).click();
        await see(leader.page, `Đã xử lý: `);

        const atConference = await ctx.s1.waitForPhase(Phase.CONFERENCE);
        expect(atConference.assessments[unit('MTTQ')]).toMatchObject({ status: 'ACCEPTED', total: 84, rounds: 2 });
        expect(atConference.assessments[unit('DTN')]).toMatchObject({ status: 'ACCEPTED', total: 92 });
      }

      // 4. The conference: every present unit votes from its own session; the tally stays hidden until the Trưởng khối closes the ballot.
      {
        const leader = heads.HLHPN;
        await leader.go(cyclePath('/bloc/conference'));
        const page = leader.page;
        await page.getByLabel('Ngày họp').fill('29/12/2020');
        await page.getByLabel('Địa điểm').fill('Hội trường UBMTTQ tỉnh');
        await page.getByRole('button', { name: 'Khai mạc hội nghị' }).click();
        await see(page, 'Đủ số lượng');
        await checkUnits(page, 'Đề cử Cờ thi đua của UBND tỉnh', ['HLHPN', 'LDLD']);
        await checkUnits(page, 'Đề cử Bằng khen của Chủ tịch UBND tỉnh', ['DTN', 'HND', 'HCCB', 'MTTQ']);
        await checkUnits(page, 'Ứng cử Trưởng khối năm 2021', ['LDLD', 'MTTQ']);
        await checkUnits(page, 'Ứng cử Phó khối năm 2021', ['DTN', 'HCCB']);
        await page.getByRole('button', { name: 'Mở bỏ phiếu' }).click();
        await see(page, 'Đơn vị đã bỏ phiếu: 0/6');
        expect(await page.locator('#ballot-tally').count()).toBe(0);

        // LĐLĐ's head has the ballot open in a second tab too: the paper from the stale tab is refused.
        const ldld = heads.LDLD;
        const stale = await ldld.secondTab(user(Role.UNIT_HEAD, unit('LDLD')), TEST_PASSWORD);
        await ldld.go(cyclePath('/unit'), stale);
        await fillBallot(stale, S1_BALLOTS.find((b) => b.voter === 'LDLD') ?? S1_BALLOTS[1]);

        for (const ballot of S1_BALLOTS) {
          const voter = heads[ballot.voter];
          await voter.go(cyclePath('/unit'));
          await fillBallot(voter.page, ballot);
          if (ballot.voter === 'HND') await voter.screenshot('unit-ballot');
          await voter.page.getByRole('button', { name: 'Gửi phiếu bầu' }).click();
          await see(voter.page, 'Đơn vị đã bỏ phiếu');
          await see(voter.page, 'Mã biên nhận phiếu vòng 1');
          expect(await voter.page.locator('#ballot-tally').count()).toBe(0);
        }
        await see(stale, 'Hệ thống ghi nhận đơn vị đã bỏ phiếu vòng này', STEP_TIMEOUT);
        await stale.getByRole('button', { name: 'Gửi phiếu bầu' }).click();
        expect(await alertText(stale)).toBe(ERROR_SPECS[ErrorCode.ALREADY_VOTED].messageVi);
        await ldld.screenshot('refusal-vote-twice', stale);
        await stale.close();

        // The Trưởng khối voted from the unit page too; back on the conference page, the count has no results yet.
        await leader.go(cyclePath('/bloc/conference'));
        await see(page, 'Đơn vị đã bỏ phiếu: 6/6');
        expect(await page.locator('#ballot-tally').count()).toBe(0);
        await leader.screenshot('bloc-ballot-open');

        // A member unit (LĐLĐ, the Phó khối) tries the Trưởng khối's step: the server refuses, the page shows its message.
        await ldld.go(cyclePath('/bloc/conference'));
        await see(ldld.page, 'Đơn vị của bạn là Phó khối');
        // Its browser holds no teller key; it pastes a key of its own, and the server refuses it before opening anything.
        await ldld.page.getByLabel('Khóa kiểm phiếu').fill(newTellerKey().privateKey);
        await ldld.page.getByRole('button', { name: 'Kết thúc bỏ phiếu và kiểm phiếu' }).click();
        expect(await alertText(ldld.page)).toBe(ERROR_SPECS[ErrorCode.NOT_LEADER].messageVi);
        await ldld.screenshot('refusal-not-leader');
        expect(await ldld.page.locator('#ballot-tally').count()).toBe(0);

        await page.getByRole('button', { name: 'Kết thúc bỏ phiếu và kiểm phiếu' }).click();
        const tally = page.locator('#ballot-tally');
        await tally.waitFor();
        expect(await tally.textContent()).toContain(`Trưởng khối năm 2021: ${NAME.LDLD}`);
        expect(await tally.textContent()).toContain(`Phó khối: ${NAME.DTN}`);
        await see(page, 'Biên bản hội nghị tổng kết');
        await leader.screenshot('bloc-tally-minutes');
        // The minutes exist once the ballot has closed: the vote-count minutes download as Word, with the units' names.
        const [countMinutes] = await Promise.all([
          page.waitForEvent('download'),
          page.locator('[data-document="bien-ban-kiem-phieu.docx"]').click(),
        ]);
        expect(countMinutes.suggestedFilename()).toBe('bien-ban-kiem-phieu.docx');
        const countXml = new PizZip(readFileSync(await countMinutes.path())).file('word/document.xml')!.asText();
        expect(countXml).toContain('BIÊN BẢN KIỂM PHIẾU');
        expect(countXml).toContain(NAME.LDLD);
        // The teller key opened the count and is forgotten; members see the count and find their receipt in it.
        const keysLeft = "Object.keys(sessionStorage).filter((k) => k.startsWith('thidua.khoa-kiem-phieu'))";
        expect(await page.evaluate(keysLeft)).toEqual([]);
        await heads.HND.page.locator('#ballot-tally').waitFor({ timeout: STEP_TIMEOUT });
        await see(heads.HND.page, 'Có trong kết quả kiểm phiếu', STEP_TIMEOUT);

        const closed = await ctx.s1.waitForPhase(Phase.SUBMISSION);
        expect(closed.nextLeader).toBe(unit('LDLD'));
        expect(closed.nominees.map((n) => n.id).sort()).toEqual(
          [`BANG_KHEN_CHU_TICH:${unit('DTN')}`, `BANG_KHEN_CHU_TICH:${unit('HND')}`, `CO_THI_DUA_TINH:${unit('HLHPN')}`].sort(),
        );
      }

      // 5. The dossier goes through the specialist, the head of the board and the council; the chairman decides.
      {
        const leader = heads.HLHPN;
        await leader.go(cyclePath('/bloc/dossier'));
        const page = leader.page;
        await page.getByLabel('Số tờ trình').fill('15/TTr-KTĐ');
        await page.getByLabel('Ngày tờ trình').fill('30/12/2020');
        await page.getByLabel('Tài liệu tờ trình').fill('to-trinh-15.pdf');
        await page
          .getByLabel('Tệp tờ trình')
          .setInputFiles({ name: 'to-trinh-15.pdf', mimeType: 'application/pdf', buffer: onePagePdf() });
        await see(page, 'Đã tải lên: to-trinh-15.pdf');
        for (const key of ['HLHPN', 'DTN', 'HND'] as const) {
          await page
            .getByRole('group', { name: `Báo cáo thành tích: ${NAME[key]}` })
            .getByLabel('Tài liệu báo cáo')
            .fill(`bao-cao-thanh-tich-${key.toLowerCase()}.pdf`);
        }
        await leader.screenshot('bloc-dossier-form');
        await page.getByRole('button', { name: 'Trình hồ sơ' }).click();
        await see(page, 'Đã trình, chờ kiểm tra');
        // The submitted tờ trình is the uploaded file: previewed inline from the API (re-hashed there) in a frame.
        await page.locator('.dossier .file-link').first().getByRole('button', { name: 'Xem', exact: true }).click();
        const preview = page.locator('.dossier iframe.file-preview');
        await preview.waitFor();
        expect(await preview.getAttribute('src')).toMatch(/^blob:/);
        expect(await preview.getAttribute('title')).toBe('Xem trước: to-trinh-15.pdf');
        await leader.screenshot('bloc-dossier-preview');
        expect((await state()).dossier?.toTrinh).toMatchObject({
          documentRef: 'to-trinh-15.pdf',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        });

        // The specialist returns it once from the inbox; the Trưởng khối supplements and resubmits.
        specialist = await Person.open(browser, base, 'Chuyên viên');
        await specialist.login(user(Role.BOARD_SPECIALIST, province()), TEST_PASSWORD);
        const review = specialist.task('Kiểm tra hồ sơ');
        await review.getByRole('button', { name: /^Mở:/ }).click();
        await see(review, '15/TTr-KTĐ');
        await review.getByRole('button', { name: 'Trả lại để bổ sung', exact: true }).click();
        await review.getByLabel('Lý do trả lại').fill('Thiếu biên bản kiểm phiếu có chữ ký');
        await review.getByRole('button', { name: 'Xác nhận trả lại', exact: true }).click();
        await see(specialist.page, 'Đã xử lý: Kiểm tra hồ sơ');

        await page.reload();
        await see(page, 'Thiếu biên bản kiểm phiếu có chữ ký', STEP_TIMEOUT);
        await page.getByRole('button', { name: 'Trình hồ sơ' }).click();
        await see(page, 'Lần trình thứ 2');

        await specialist.go(cyclePath('/board'));
        await specialist.page.getByLabel('Ngày thực hiện').fill('31/12/2020');
        await specialist.page.getByLabel('Ngày nhận đủ hồ sơ').fill('31/12/2020');
        await specialist.page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
        await see(specialist.page, 'Ý kiến thẩm định từng đề nghị', STEP_TIMEOUT);
        for (const note of await specialist.page.getByLabel('Ghi chú thẩm định').all())
          await note.fill('Đủ tiêu chuẩn, hồ sơ đầy đủ');
        await specialist.screenshot('board-appraisal');
        await specialist.page.getByRole('button', { name: 'Gửi kết quả thẩm định' }).click();
        await see(specialist.page, 'Đã thẩm định, chờ Trưởng phòng duyệt');

        // The head of the board approves the appraisal from the inbox, then records the council's vote.
        await boardHead.go('/inbox');
        const approval = boardHead.task('Duyệt kết quả thẩm định');
        await approval.getByRole('button', { name: /^Mở:/ }).click();
        await approval.getByRole('button', { name: 'Duyệt kết quả thẩm định', exact: true }).click();
        await see(boardHead.page, 'Đã xử lý: Duyệt kết quả thẩm định');
        await boardHead.go(cyclePath('/board'));
        const council = boardHead.page.getByRole('region', { name: 'Kết quả bỏ phiếu của Hội đồng Thi đua – Khen thưởng tỉnh' });
        await council.getByLabel('Ngày họp Hội đồng').fill('12/01/2021');
        await council.getByLabel('Tổng số thành viên Hội đồng').fill('15');
        await council.getByLabel('Số thành viên có mặt').fill('13');
        await council.getByLabel(`Số phiếu đồng ý: ${NAME.HLHPN}`).fill('13');
        await boardHead.screenshot('board-council');
        await council.getByRole('button', { name: 'Ghi kết quả Hội đồng' }).click();
        const hlhpnRow = boardHead.page.locator('#nominees tr', { hasText: NAME.HLHPN });
        await see(hlhpnRow, /^13 phiếu \(cần \d+\), thông qua$/);
        const session = boardHead.page.locator('#council-session');
        await see(session, '12/01/2021');
        expect(await session.locator('dd').allTextContents()).toEqual([
          '12/01/2021',
          '13/15 thành viên',
          expect.stringMatching(/^Đủ \(cần tối thiểu \d+ thành viên\)$/),
        ]);

        chairman = await Person.open(browser, base, 'Chủ tịch UBND tỉnh', { phone: true });
        await chairman.login(user(Role.CHAIRMAN, province()), TEST_PASSWORD);
        await chairman
          .task('Quyết định khen thưởng')
          .getByRole('link', { name: /^Trang xử lý/ })
          .click();
        const decision = chairman.page.getByRole('region', { name: 'Quyết định khen thưởng của Chủ tịch UBND tỉnh' });
        await decision.getByLabel('Số quyết định').fill('125/QĐ-UBND');
        await decision.getByLabel('Ngày quyết định').fill('20/01/2021');
        // Nothing is preselected: each nominee must be chosen before the decision can be issued (the three nominees' choices
        // are on the page first, so "none checked" is not "none rendered yet").
        const awardRadios = decision.getByRole('radio', { name: 'Khen thưởng', exact: true });
        await waitForCount(awardRadios, 3);
        expect(await decision.getByRole('radio', { checked: true }).count()).toBe(0);
        expect(await decision.locator('#decision-unchosen').textContent()).toBe(
          'Còn 3/3 đề nghị chưa chọn khen thưởng hay không khen thưởng.',
        );
        expect(await decision.getByRole('button', { name: 'Ban hành quyết định' }).isDisabled()).toBe(true);
        // Hội Nông dân's Bằng khen is not awarded, with its reason; the other two are.
        const hndChoice = decision.getByRole('group', { name: new RegExp(NAME.HND) });
        for (const radio of await awardRadios.all()) await radio.check();
        await hndChoice.getByRole('radio', { name: 'Không khen thưởng', exact: true }).check();
        await hndChoice.getByLabel('Lý do không khen thưởng').fill(HND_REJECTION);
        await chairman.screenshot('board-decision-form');
        await decision.getByRole('button', { name: 'Ban hành quyết định' }).click();
        const confirm = decision.locator('#decision-confirm');
        expect(await confirm.locator('#decision-confirm-title').textContent()).toBe(
          'Ban hành Quyết định số 125/QĐ-UBND ngày 20/01/2021: khen thưởng 2 đề nghị, không khen thưởng 1 đề nghị.',
        );
        expect(await confirm.locator('li').count()).toBe(3);
        await chairman.screenshot('board-decision-confirm-phone');
        expect((await state()).phase).toBe(Phase.DECISION);
        await confirm.getByRole('button', { name: 'Xác nhận ban hành' }).click();
        await waitForCount(chairman.page.locator('#nominees').getByText('Được khen thưởng'), 2);
        await chairman.screenshot('board-decided');
        // The decision exists once issued: its PDF downloads from the board's page.
        const [decisionPdf] = await Promise.all([
          chairman.page.waitForEvent('download', { timeout: STEP_TIMEOUT }),
          chairman.page.locator('[data-document="quyet-dinh.pdf"]').click({ timeout: STEP_TIMEOUT }),
        ]);
        expect(decisionPdf.suggestedFilename()).toBe('quyet-dinh.pdf');
        expect(
          readFileSync(await decisionPdf.path())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');

        const done = await ctx.s1.waitForPhase(Phase.COMPLETED);
        expect(Object.fromEntries(done.nominees.map((n) => [n.unitCode, n.status]))).toEqual({
          [unit('HLHPN')]: NomineeStatus.APPROVED,
          [unit('DTN')]: NomineeStatus.APPROVED,
          [unit('HND')]: NomineeStatus.REJECTED,
        });
        expect(done.nominees.find((n) => n.unitCode === unit('HLHPN'))?.decision).toMatchObject({
          number: '125/QĐ-UBND',
          date: '2021-01-20',
        });
        expect(done.dossier).toMatchObject({ status: 'ACCEPTED', round: 2, completeAt: expect.stringContaining('2020-12-31') });

        await leader.go(`/units/${encodeURIComponent(unit('HLHPN'))}/awards`);
        await see(leader.page.locator('#award-history'), 'Cờ thi đua của UBND tỉnh');
        expect(await leader.page.locator('#award-history').textContent()).toContain('20/01/2021');
        await leader.screenshot('unit-awards');

        // Hội Nông dân's page lists its rejected nomination with the chairman's reason, exactly.
        const hnd = heads.HND;
        await hnd.go(`/units/${encodeURIComponent(unit('HND'))}/awards`);
        const nominations = hnd.page.locator('#unit-nominations tbody tr');
        await waitForCount(nominations, 1);
        expect(await nominations.first().locator('th, td').allTextContents()).toEqual([
          '2020',
          'Bằng khen của Chủ tịch UBND tỉnh',
          (await state()).blocName,
          'Không được khen thưởng (Quyết định 125/QĐ-UBND ngày 20/01/2021)',
          HND_REJECTION,
        ]);
        await hnd.screenshot('unit-nominations-rejected');

        await boardHead.go('/board');
        await see(boardHead.page.locator('#phase-matrix'), 'Đã hoàn thành');
        await see(boardHead.page, 'Bằng khen của Chủ tịch UBND tỉnh (2)');
        await boardHead.screenshot('board-matrix-nominations');
      }

      // 6. At phone width: the menu wraps and wide tables scroll in their frame; the former Trưởng khối keeps the bloc pages he led.
      {
        // The board's pages at 390 px: every menu entry on screen, nothing wider than the screen but the tables' frames.
        const phone = await Person.open(browser, base, 'Trưởng phòng TĐKT (điện thoại)', { phone: true });
        await phone.login(user(Role.BOARD_HEAD, province()), TEST_PASSWORD);
        await phone.go('/board');
        await phone.page.locator('#phase-matrix').waitFor();
        await expectFitsPhone(phone.page);
        const blocHeader = phone.page.locator('#phase-matrix tbody th').first();
        expect((await blocHeader.boundingBox())?.width).toBeGreaterThanOrEqual(150);
        await phone.screenshot('board-matrix-phone');
        await phone.go(cyclePath('/board'));
        await phone.page.locator('#council-session').waitFor();
        await expectFitsPhone(phone.page);
        await phone.screenshot('board-cycle-phone');
        await phone.close();

        // The cycle is over and LDLD leads the bloc in 2021: HLHPN's head still reads the 2020 bloc pages, read-only.
        const former = await Person.open(browser, base, 'Thủ trưởng HLHPN (điện thoại)', { phone: true });
        await former.login(user(Role.UNIT_HEAD, unit('HLHPN')), TEST_PASSWORD);
        await former.page
          .getByRole('navigation', { name: 'Chức năng chính' })
          .getByRole('link', { name: 'Khối thi đua' })
          .click();
        const notice = former.page.locator('#former-leader');
        await notice.waitFor();
        expect(await notice.textContent()).toBe(
          'Đơn vị của bạn là Trưởng khối của chu kỳ năm 2020, nay không còn giữ vai trò này: bạn chỉ xem được các trang của khối.',
        );
        expect(former.page.url()).toContain(`${cyclePath('/bloc')}/dossier`);
        await expectFitsPhone(former.page);
        await former.screenshot('bloc-former-leader-phone');
        await former.close();
        // The same at desktop width, in the session the head had while leading (the menu is read again on reload).
        const leader = heads.HLHPN;
        await leader.go('/inbox');
        await leader.page
          .getByRole('navigation', { name: 'Chức năng chính' })
          .getByRole('link', { name: 'Khối thi đua' })
          .click();
        await see(leader.page.locator('#former-leader'), 'nay không còn giữ vai trò này');
      }

      // 7. The admin: the timeline in Vietnamese, an intact audit chain, incidents, rule sets, and a new account with two roles.
      {
        admin = await Person.open(browser, base, 'Quản trị');
        await admin.login('admin', TEST_PASSWORD);
        await admin.go(`/admin/cycles/${encodeURIComponent(cycleId)}`);
        const timeline = admin.page.locator('#timeline');
        await see(timeline, 'Quyết định khen thưởng');
        const text = (await timeline.textContent()) ?? '';
        for (const label of [
          'Khởi tạo chu kỳ thi đua',
          'Phát động thi đua',
          'Trưởng khối trả lại bảng điểm',
          'Kiểm phiếu, công bố kết quả',
        ]) {
          expect(text).toContain(label);
        }
        // A record's events show the day they happened on paper, as people write it, beside when they were entered.
        const launched = timeline.locator('tr', { hasText: 'Phát động thi đua' }).first();
        expect(await launched.locator('td').first().textContent()).toMatch(
          /^15\/01\/2020nhập lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
        );
        const opened = timeline.locator('tr', { hasText: 'Khai mạc hội nghị' }).first();
        expect(await opened.locator('td').first().textContent()).toMatch(/^29\/12\/2020nhập lúc /);
        expect(text).toBe(text.normalize('NFC'));
        // Dates as dd/mm/yyyy and names instead of codes, in the summaries and in who acted.
        const summaries = await timeline.locator('tbody tr > :nth-child(5)').allTextContents();
        const actors = await timeline.locator('tbody tr > :nth-child(4)').allTextContents();
        for (const line of summaries) {
          expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/);
          for (const key of ALL_UNITS) expect(line).not.toContain(unit(key));
          expect(line).not.toContain(ctx.h.demo.blocCode);
          expect(line).not.toContain(`Tỉnh ${province()}`);
        }
        expect(summaries.some((line) => /hạn \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/.test(line))).toBe(true);
        expect(actors.some((a) => a.includes(NAME.HLHPN))).toBe(true);
        for (const a of actors) for (const key of ALL_UNITS) expect(a).not.toContain(unit(key));
        await admin.screenshot('admin-timeline');
        await admin.go('/admin/audit');
        await see(admin.page.locator('#audit-result'), 'Toàn vẹn');
        expect(await admin.page.locator('#audit-algorithm').textContent()).toBe(
          'Cách kiểm tra: mỗi bản ghi được băm SHA-256 cùng mã băm của bản ghi liền trước, nên sửa, xóa, chèn hay đổi thứ tự một bản ghi đều làm đứt chuỗi.',
        );
        await admin.screenshot('admin-audit');
        await admin.go('/admin/incidents');
        await see(admin.page, /Không có sự cố nào|Danh sách sự cố/);
        await admin.screenshot('admin-incidents');
        await admin.go('/admin/rule-sets');
        await see(admin.page, 'Căn cứ');
        await admin.screenshot('admin-rule-sets');
        await admin.go('/admin/users');
        await see(admin.page.locator('#users'), user(Role.CHAIRMAN, province()));

        // A new account with two roles: the person picks the one they act in from the header.
        const create = admin.page.getByRole('region', { name: 'Tạo tài khoản' });
        await create.getByLabel('Tên đăng nhập').fill('nguyen.hoa');
        await create.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
        await create.getByLabel('Mật khẩu ban đầu').fill('hoa-mat-khau-2026');
        await create.getByRole('button', { name: 'Tạo tài khoản' }).click();
        await see(create, 'Đã tạo tài khoản.');
        const assign = admin.page.getByRole('region', { name: 'Giao vai trò' });
        for (const [role, unitCode] of [
          ['UNIT_FOCAL', unit('DTN')],
          ['BOARD_SPECIALIST', undefined],
        ] as const) {
          await assign.getByLabel('Tài khoản').selectOption({ label: 'nguyen.hoa – Nguyễn Thị Hoa' });
          await assign.getByLabel('Vai trò').selectOption(role);
          await assign.getByLabel('Tỉnh', { exact: true }).selectOption(province());
          if (unitCode) await assign.getByLabel('Đơn vị', { exact: true }).selectOption(unitCode);
          await assign.getByRole('button', { name: 'Giao vai trò' }).click();
          await see(
            admin.page.locator('#users tr', { hasText: 'nguyen.hoa' }),
            role === 'UNIT_FOCAL' ? 'Cán bộ đầu mối' : 'Chuyên viên',
          );
        }
        const row = admin.page.locator('#users tr', { hasText: 'nguyen.hoa' });
        await see(row, 'Chuyên viên Phòng Thi đua – Khen thưởng');
        // A deciding role is only proposed by one admin: the second admin approves it.
        await see(row, 'Chờ phê duyệt');
        const grants = (await request(ctx.h.app.getHttpServer()).get('/v1/admin/role-grants').set(as.admin2())).body as {
          id: string;
          username: string;
        }[];
        const grant = grants.find((g) => g.username === 'nguyen.hoa');
        expect(
          (await request(ctx.h.app.getHttpServer()).post(`/v1/admin/role-grants/${grant?.id}/approve`).set(as.admin2())).status,
        ).toBe(200);
        await admin.page.reload();
        await see(admin.page.locator('#users tr', { hasText: 'nguyen.hoa' }), 'Đang hiệu lực');
        await see(row, 'Cán bộ đầu mối thi đua');
        await admin.screenshot('admin-users');

        const hoa = await Person.open(browser, base, 'Nguyễn Thị Hoa');
        await hoa.login('nguyen.hoa', 'hoa-mat-khau-2026');
        const switcher = hoa.page.getByLabel('Vai trò đang thực hiện');
        const nav = hoa.page.getByRole('navigation', { name: 'Chức năng chính' });
        for (const [label, entry] of [
          ['Chuyên viên', 'Theo dõi các khối'],
          ['Cán bộ đầu mối', 'Đơn vị của tôi'],
        ]) {
          const option = (await switcher.locator('option').allTextContents()).find((o) => o.startsWith(label));
          await switcher.selectOption({ label: option ?? label });
          await nav.getByRole('link', { name: entry }).waitFor();
        }
        await hoa.screenshot('role-switcher');
      }
    },
    STORY_TIMEOUT,
  );

  it('given the head of the board, when delegating from the inbox, should record the delegation and list it', async () => {
    // Needs no cycle: the board head in a session of their own.
    const boardHead = await Person.open(browser, base, 'Trưởng phòng TĐKT (ủy quyền)');
    await boardHead.login(user(Role.BOARD_HEAD, province()), TEST_PASSWORD);
    await boardHead.go('/inbox');
    await boardHead.page.getByRole('button', { name: 'Ủy quyền xử lý' }).click();
    const form = boardHead.page.getByRole('region', { name: 'Ủy quyền xử lý' });
    await form.getByLabel('Tên đăng nhập người được ủy quyền').fill(user(Role.BOARD_SPECIALIST, province()));
    await form.getByLabel('Lý do').fill('Đi công tác Hà Nội');
    await form.getByRole('button', { name: 'Ghi nhận ủy quyền' }).click();
    await see(form, 'Đã ghi nhận ủy quyền.');
    await see(boardHead.page.locator('#delegations'), user(Role.BOARD_SPECIALIST, province()));
    await boardHead.screenshot('inbox-delegation');
    await boardHead.close();
  });

  /** A criterion's fieldset on the score sheet. */
  function criterion(page: Page, code: string): Locator {
    return page.getByRole('group', { name: new RegExp(`^${code}\\.`) });
  }

  async function submitSheet(person: Person, [a, b, c]: readonly number[], navigate = true): Promise<void> {
    if (navigate) await person.go(cyclePath('/unit'));
    const page = person.page;
    const points = criterion(page, 'TC1').getByLabel('Điểm tự chấm');
    await points.waitFor({ timeout: STEP_TIMEOUT });
    await points.fill(String(a));
    await criterion(page, 'TC1')
      .getByLabel(/Minh chứng/)
      .fill(`bao-cao-${person.label.split(' ').pop()?.toLowerCase()}-2020.pdf`);
    await criterion(page, 'TC2').getByLabel('Điểm tự chấm').fill(String(b));
    await criterion(page, 'TC3').getByLabel('Điểm tự chấm').fill(String(c));
    await page.getByRole('button', { name: 'Nộp bảng tự chấm điểm' }).click();
    await page.getByRole('button', { name: 'Phê duyệt bảng tự chấm điểm' }).waitFor();
    // Right after the submission: the submitted sheet under the new status, never "not submitted" beside "submitted".
    await see(page, 'Đã nộp, chờ thủ trưởng phê duyệt');
    await see(page, /^Bảng điểm lần nộp thứ \d$/);
    expect(await page.getByText('Đơn vị chưa nộp bảng tự chấm điểm').count()).toBe(0);
  }

  async function approveSheet(person: Person): Promise<void> {
    await person.go(cyclePath('/unit'));
    await person.page.getByRole('button', { name: 'Phê duyệt bảng tự chấm điểm' }).click();
    await see(person.page, 'Chờ Trưởng khối xem xét');
  }

  async function checkUnits(page: Page, legend: string, keys: S1UnitKey[]): Promise<void> {
    const group = page.getByRole('group', { name: legend });
    for (const key of keys) await group.getByLabel(NAME[key]).check();
  }

  async function fillBallot(page: Page, ballot: (typeof S1_BALLOTS)[number]): Promise<void> {
    await page.getByRole('form', { name: 'Phiếu bầu' }).waitFor({ timeout: STEP_TIMEOUT });
    const flag = page.getByRole('group', { name: /^Cờ thi đua của UBND tỉnh/ });
    for (const key of ballot.flag) await flag.getByLabel(NAME[key]).check();
    const bk = page.getByRole('group', { name: /^Bằng khen của Chủ tịch UBND tỉnh/ });
    for (const key of ballot.bk) await bk.getByLabel(NAME[key]).check();
    await page.getByRole('group', { name: 'Trưởng khối năm 2021' }).getByLabel(NAME[ballot.leader]).check();
    await page.getByRole('group', { name: 'Phó khối năm 2021' }).getByLabel(NAME[ballot.deputy]).check();
  }
});

/** At phone width: the page is no wider than the screen (wide tables scroll in their frame) and every menu entry is on it. */
async function expectFitsPhone(page: Page): Promise<void> {
  // Evaluated in the page (a string: the tests are compiled without the DOM's types).
  const layout = await page.evaluate<{ width: number; scrollWidth: number; menuRight: number }>(`({
    width: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    menuRight: Math.max(...[...document.querySelectorAll('.main-nav a')].map((a) => a.getBoundingClientRect().right)),
  })`);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
  expect(layout.menuRight).toBeLessThanOrEqual(layout.width);
}

async function waitForCount(locator: Locator, count: number, timeoutMs = STEP_TIMEOUT): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await locator.count()) < count) {
    if (Date.now() > until) throw new Error(`expected ${count} of ${String(locator)}, found ${await locator.count()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
