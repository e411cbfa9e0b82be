import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { sampleRows } from '../../src/workbook/sample';
import { writeWorkbook } from '../../src/workbook/writer';
import { TEST_PASSWORD } from '../integration/support/actors';
import { uniqueSuffix, useS1Harness } from '../integration/support/harness';
import { createProvince } from '../integration/support/organisation';
import { buildWebApp, launchBrowser, Person, see, serve } from './support/browser';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The import wizard in a real browser: a file with a date typed as text is previewed with its problem (and the list
 * downloads as a sheet), a good one is previewed and applied, and the new account's one-time link, from the sheet the
 * apply hands back, lets its person set a password and sign in.
 */
describe('The web application: importing the organisation workbook', () => {
  const ctx = useS1Harness();
  let browser: Browser;
  let base: string;
  let admin: Person;
  const P = `WW${uniqueSuffix().toUpperCase()}`;

  beforeAll(async () => {
    buildWebApp();
    base = await serve(ctx.h);
    browser = await launchBrowser();
    await createProvince(ctx.h.app, P, 'Tỉnh nhập tệp trên web');
    admin = await Person.open(browser, base, 'Quản trị');
    await admin.login('admin', TEST_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    await browser?.close();
  });

  it('previews a bad file with its problem, applies a good one, and the invited person sets a password and signs in', async () => {
    const page = admin.page;
    await admin.go('/organisation');
    await page.getByRole('button', { name: /Nhập, xuất tệp Excel/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhập, xuất tệp tổ chức' }).waitFor();
    await page.getByLabel('Tỉnh').selectOption(P);

    const bad = await writeWorkbook({
      ...sampleRows(P, { blocs: 1, units: 2, accounts: 2 }),
      memberships: [{ blocCode: 'KHONG-CO', unitCode: `${P}-U0001`, validFrom: '2026-01-01', validTo: null }],
    });
    await page
      .getByLabel('Tệp Excel (.xlsx, tối đa 10 MB)')
      .setInputFiles({ name: 'to-chuc-loi.xlsx', mimeType: XLSX, buffer: bad });
    await page.getByRole('button', { name: 'Xem trước' }).click();
    // The unknown bloc, and so the leadership's two units are no members of the bloc.
    await see(page, '3 lỗi');
    await see(page.getByRole('region', { name: 'Lỗi của tệp' }), 'Không có khối/cụm mã KHONG-CO.');
    await admin.screenshot('workbook-preview-problems');
    const [problems] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải danh sách lỗi (.xlsx)' }).click(),
    ]);
    expect(problems.suggestedFilename()).toBe(`loi-nhap-${P}.xlsx`);
    expect(await page.getByRole('button', { name: 'Áp dụng các thay đổi' }).count()).toBe(0);

    const good = await writeWorkbook(sampleRows(P, { blocs: 1, units: 2, accounts: 2 }));
    await page
      .getByLabel('Tệp Excel (.xlsx, tối đa 10 MB)')
      .setInputFiles({ name: 'to-chuc.xlsx', mimeType: XLSX, buffer: good });
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await see(page, 'Không có lỗi');
    await page.getByRole('button', { name: 'Áp dụng các thay đổi' }).click();
    await see(page, 'Đã áp dụng các thay đổi.');
    await see(page, 'vai trò quyết định đang chờ');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải danh sách liên kết kích hoạt (.xlsx)' }).click(),
    ]);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const rows = (sheet.worksheets[0].getSheetValues().slice(2) as string[][]).filter((r) => r[4] === 'Thủ trưởng đơn vị');
    expect(rows).toHaveLength(1);
    const [, username, , , , link] = rows[0];
    await admin.screenshot('workbook-applied');

    const invitee = await Person.open(browser, base, 'Người được mời', { phone: true });
    try {
      await invitee.page.goto(`${base}${link}`);
      await invitee.page.getByRole('heading', { level: 1, name: 'Kích hoạt tài khoản' }).waitFor();
      const password = 'Cao nguyên Mộc Châu mùa mận chín 2026!';
      await invitee.page.getByLabel('Mật khẩu mới').fill(password);
      await invitee.page.getByLabel('Nhập lại mật khẩu').fill(password);
      await invitee.page.getByRole('button', { name: 'Kích hoạt' }).click();
      await see(invitee.page, `Tài khoản ${username} đã được kích hoạt và bạn đã đăng nhập.`);
      await invitee.screenshot('workbook-invitation-accepted');
      // The link signed the person in: their inbox opens without a login.
      await invitee.page.getByRole('button', { name: 'Vào trang làm việc' }).click();
      await invitee.page.getByRole('heading', { level: 1, name: 'Việc chờ xử lý' }).waitFor();
      // And the password just set logs in (a second tab has its own session).
      await invitee.secondTab(username, password);
    } finally {
      await invitee.close();
    }
  });
});
