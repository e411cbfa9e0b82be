import type { Browser } from 'playwright-core';
import request from 'supertest';
import { identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import type { ChainDefinition } from '../../src/shared/approval';
import { Phase } from '../../src/shared/cycle-types';
import { ERROR_SPECS, ErrorCode } from '../../src/shared/errors';
import { as, TEST_PASSWORD } from '../integration/support/actors';
import { useS1Harness } from '../integration/support/harness';
import { createProvince } from '../integration/support/organisation';
import { CRITERIA } from '../integration/support/s1-scenario';
import { alertText, buildWebApp, launchBrowser, Person, see, serve } from './support/browser';

/**
 * The administration pages doing, not only reading, in a real browser at phone width: an incident (a chain level
 * whose role nobody holds in a province) resolved by reassignment; an account disabled, re-enabled and one of its
 * roles ended; a rule set edited (refused with the problem listed, then saved) and a new one copied from another.
 * The chain page's comment, evidence and withdrawal ride along with the incident; last, a unit head cross-scores
 * the approved sheet of the unit they were assigned at launch, from their unit page. The organisation page shows the
 * province as a tree and creates a unit in a bloc.
 */
describe('The web application: administration (incidents, accounts, rule sets) in the browser', () => {
  const ctx = useS1Harness();
  let browser: Browser;
  let base: string;
  let admin: Person;

  const http = () => request(ctx.h.app.getHttpServer());
  const province = () => ctx.h.demo.provinceCode;

  beforeAll(async () => {
    buildWebApp();
    base = await serve(ctx.h);
    browser = await launchBrowser();
    admin = await Person.open(browser, base, 'Quản trị', { phone: true });
    await admin.login('admin', TEST_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    await browser?.close();
  });

  it('given a chain level whose role nobody holds in a province, when the admin reassigns it on the incidents page, should show the incident resolved', async () => {
    const other = `X${province()}`;
    await createProvince(ctx.h.app, other, 'Tỉnh chưa có Chủ tịch trên hệ thống');
    const title = `Hồ sơ thử của tỉnh ${other}`;
    const definition = {
      code: 'THU',
      name: 'Quy trình thử',
      levels: [{ code: 'CT', name: 'Chủ tịch phê duyệt', approvers: { role: Role.CHAIRMAN, label: 'Chủ tịch' }, mode: 'ANY' }],
      maxReturnRounds: 2,
      afterMaxRounds: 'REJECT',
    } as ChainDefinition;
    const started = await http()
      .post('/v1/approvals')
      .set(as.admin())
      .send({
        definition,
        provinceCode: other,
        title,
        // A start names only units of its own province: this one's item is about none.
        items: [{ itemId: 'CO:HLHPN', title: 'Cờ thi đua – Hội LHPN' }],
      });
    expect(started.status).toBe(201);
    const chainId = (started.body as { chainId: string }).chainId;

    await admin.go('/admin/incidents');
    const row = admin.page.locator('#incidents tr', { hasText: title });
    await see(row, 'Chưa khắc phục');
    const form = admin.page.getByRole('group', { name: `Giao lại người xử lý: ${title} (cấp CT)` });
    // The reason is mandatory: the page says so before sending anything.
    await form.getByLabel('Tên đăng nhập người được giao').fill(identityUsername(Role.CHAIRMAN, province()));
    await form.getByRole('button', { name: 'Giao lại người xử lý' }).click();
    await see(form, 'Phải nêu rõ lý do (căn cứ giao lại).');
    // An unknown person: the server refuses with USER_NOT_FOUND, and exactly its Vietnamese message is shown.
    await form.getByLabel('Tên đăng nhập người được giao').fill('khong.co.nguoi.nay');
    await form.getByLabel('Lý do giao lại').fill('Chủ tịch tỉnh sáp nhập xử lý theo Quyết định 01/QĐ');
    await form.getByRole('button', { name: 'Giao lại người xử lý' }).click();
    expect(await alertText(admin.page)).toBe(ERROR_SPECS[ErrorCode.USER_NOT_FOUND].messageVi);
    await admin.screenshot('admin-incident-refused');
    await form.getByLabel('Tên đăng nhập người được giao').fill(identityUsername(Role.CHAIRMAN, province()));
    await form.getByRole('button', { name: 'Giao lại người xử lý' }).click();
    await see(admin.page, 'sự cố đã được khắc phục');
    await see(row, 'Đã khắc phục');
    expect(await form.count()).toBe(0);
    await admin.screenshot('admin-incident-resolved');

    const open = (await http().get('/v1/incidents').set(as.admin())).body as { chainId: string }[];
    expect(open.some((i) => i.chainId === chainId)).toBe(false);
    // The chain's page shows the reassignment in its timeline, in Vietnamese.
    await admin.go(`/approvals/${encodeURIComponent(chainId)}`);
    await see(admin.page, 'Giao lại người xử lý');
    await see(admin.page, 'Khắc phục sự cố người xử lý');

    // The admin submitted this chain: a comment, an evidence reference, then the item withdrawn before the chairman acts.
    const notes = admin.page.getByRole('region', { name: 'Ý kiến và tài liệu minh chứng' });
    await notes.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await see(notes, 'Nhập nội dung ý kiến.');
    await notes.getByLabel('Ý kiến').fill('Đề nghị Chủ tịch tỉnh mới xem xét sớm');
    await notes.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await see(notes, 'Đã ghi ý kiến.');
    await notes.getByLabel('Tên tài liệu').fill('Quyết định 01/QĐ giao nhiệm vụ');
    await notes.getByLabel('Đường dẫn tài liệu').fill('vanban/01-qd');
    await notes.getByRole('button', { name: 'Bổ sung minh chứng' }).click();
    await see(notes, 'Nhập đường dẫn đầy đủ');
    await notes.getByLabel('Đường dẫn tài liệu').fill('https://vanban.example.gov.vn/01-qd.pdf');
    await notes.getByRole('button', { name: 'Bổ sung minh chứng' }).click();
    await see(notes, 'Đã bổ sung tài liệu minh chứng.');
    const timeline = admin.page.getByRole('region', { name: 'Diễn biến' });
    await see(timeline, 'Đề nghị Chủ tịch tỉnh mới xem xét sớm');
    await see(timeline, 'Bổ sung tài liệu minh chứng');
    await see(admin.page.getByRole('region', { name: 'Tài liệu minh chứng' }), 'Quyết định 01/QĐ giao nhiệm vụ');
    const withdraw = admin.page.getByRole('region', { name: 'Rút nội dung đã trình' });
    await withdraw.getByLabel('Cờ thi đua – Hội LHPN').check();
    await withdraw.getByLabel('Lý do rút (không bắt buộc)').fill('Đơn vị xin rút để bổ sung hồ sơ');
    await withdraw.getByRole('button', { name: 'Rút nội dung đã chọn' }).click();
    await see(timeline, 'Rút hồ sơ');
    await see(timeline, 'Đơn vị xin rút để bổ sung hồ sơ');
    await admin.screenshot('chain-comment-evidence-withdraw');
  });

  it('given an account, when the admin disables and re-enables it and ends one of its roles, should show each change and refuse its login while disabled', async () => {
    const username = identityUsername(Role.UNIT_FOCAL, ctx.h.demo.unit('HND'));
    await admin.go('/admin/users');
    const row = admin.page.locator('#users tr', { hasText: username });
    await see(row, 'Đang hiệu lực');
    await row.getByRole('button', { name: `Quản lý tài khoản ${username}` }).click();
    const manage = admin.page.getByRole('region', { name: `Quản lý tài khoản ${username}` });
    // Focus moves to the account's panel.
    await admin.page.locator('#manage-user-title:focus').waitFor();
    await manage.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await see(manage, 'Đã khóa tài khoản.');
    await see(row, 'Đã khóa');

    // Disabled, not locked out: the right password is refused as bad credentials (not LOGIN_THROTTLED, whose wait is
    // another badge), and the same login goes through once the account is enabled again.
    const person = await Person.open(browser, base, 'Cán bộ đầu mối');
    await person.go('/');
    await person.page.getByLabel('Tên đăng nhập').fill(username);
    await person.page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await person.page.getByRole('button', { name: 'Đăng nhập' }).click();
    expect(await alertText(person.page)).toBe(ERROR_SPECS[ErrorCode.INVALID_CREDENTIALS].messageVi);

    await manage.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
    await see(manage, 'Đã mở khóa tài khoản.');
    await see(row, 'Hoạt động');
    // The row was read again after the change: the refused login left no login wait on the account.
    expect(await row.getByText('Đang chờ do đăng nhập sai').count()).toBe(0);
    await person.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await person.page.getByRole('heading', { level: 1, name: 'Việc chờ xử lý' }).waitFor();
    await person.close();

    const end = manage.getByRole('group', { name: /^Kết thúc vai trò Cán bộ đầu mối/ });
    await end.getByRole('button', { name: 'Kết thúc vai trò' }).click();
    await see(end, 'Phải nêu rõ lý do kết thúc vai trò.');
    await end.getByLabel('Lý do kết thúc').fill('Chuyển công tác theo Quyết định 12/QĐ-HND');
    await end.getByRole('button', { name: 'Kết thúc vai trò' }).click();
    await see(row, 'Hết hiệu lực');
    await see(manage, 'Căn cứ:');
    await admin.screenshot('admin-user-managed');

    const user = (await http().get('/v1/admin/users').set(as.admin())).body as {
      username: string;
      disabled: boolean;
      roles: { current: boolean; validTo: string | null }[];
    }[];
    const focal = user.find((u) => u.username === username);
    expect(focal?.disabled).toBe(false);
    // Its one role is still listed, ended: not an empty list, which would pass any `every`.
    expect(focal?.roles).toEqual([expect.objectContaining({ current: false, validTo: expect.any(String) })]);
  });

  it('given a council seat proposed by one admin, should show it pending, refuse his own approval, and put it in force once a second admin approves', async () => {
    const unit = ctx.h.demo.unit('HCCB');
    const username = identityUsername(Role.UNIT_FOCAL, unit);
    await admin.go('/admin/users');
    const assign = admin.page.getByRole('region', { name: 'Giao vai trò' });
    await assign.getByLabel('Tài khoản').selectOption({ label: `${username} – Cán bộ đầu mối – ${unit}` });
    await assign.getByLabel('Vai trò').selectOption('COUNCIL_MEMBER');
    await assign.getByLabel('Tỉnh', { exact: true }).selectOption(province());
    await assign.getByRole('button', { name: 'Giao vai trò' }).click();
    await see(assign, 'chỉ có hiệu lực khi một quản trị viên khác phê duyệt');
    const row = admin.page.locator('#users tr', { hasText: username });
    await see(row, 'Chờ phê duyệt');
    const pending = admin.page.locator('#pending-grants tr', { hasText: username });
    const approve = new RegExp(`^Phê duyệt: Thành viên Hội đồng .* cho ${username.replace(/\./g, '\\.')}$`);
    await pending.getByRole('button', { name: approve }).click();
    await see(pending, 'Không được tự phê duyệt');
    await admin.screenshot('admin-grant-own-approval-refused');

    const second = await Person.open(browser, base, 'Quản trị thứ hai', { phone: true });
    await second.login('admin2', TEST_PASSWORD);
    await second.go('/admin/users');
    await second.page.locator('#pending-grants tr', { hasText: username }).getByRole('button', { name: approve }).click();
    const approved = second.page.locator('#users tr', { hasText: username });
    await see(approved, 'Thành viên Hội đồng Thi đua – Khen thưởng tỉnh');
    await approved.locator('li', { hasText: 'Thành viên Hội đồng' }).getByText('Đang hiệu lực').waitFor();
    await second.screenshot('admin-grant-approved');
    await second.close();
  });

  it('given the organisation page, should show the province as a tree with each unit’s memberships, and create a unit in a bloc from the form', async () => {
    await admin.go('/organisation');
    const provinceSelect = admin.page.getByLabel('Tỉnh', { exact: true });
    if ((await provinceSelect.count()) > 0) await provinceSelect.selectOption(province());
    const tree = admin.page.getByRole('tree');
    await see(tree, 'Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh');
    const hlhpn = tree.locator('li.org-unit', { hasText: ctx.h.demo.unit('HLHPN') });
    await hlhpn.locator('summary').click();
    await see(hlhpn, `${ctx.h.demo.blocCode}): từ 01/01/2020 đến nay`);
    // Opened, the unit shows its award history (loaded then).
    await see(hlhpn, 'Khen thưởng:');
    await admin.screenshot('organisation-tree');

    const form = admin.page.getByRole('region', { name: 'Thêm đơn vị' });
    const code = `${province()}-HCTD`;
    // A code with Vietnamese letters is refused by the server, field by field, in Vietnamese.
    await form.getByLabel('Mã đơn vị').fill('Hội chữ thập đỏ');
    await form.getByLabel(/^Tên đơn vị/).fill('Hội Chữ thập đỏ tỉnh');
    await form.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await see(form, 'Mã chỉ gồm chữ cái không dấu');
    await form.getByLabel('Mã đơn vị').fill(code);
    await form.getByLabel('Loại tổ chức').selectOption('HOI');
    await form.getByLabel('Tham gia khối, cụm').selectOption(ctx.h.demo.blocCode);
    await form.getByLabel('Tham gia từ ngày').fill('01/01/2021');
    await form.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await see(form, 'Đã tạo đơn vị.');
    const created = tree.locator('li.org-unit', { hasText: code });
    await see(created, 'Hội Chữ thập đỏ tỉnh');
    await created.locator('summary').click();
    await see(created, 'từ 01/01/2021 đến nay');
    await admin.screenshot('organisation-unit-created');
    const stored = await http().get(`/v1/provinces/${province()}/units/${code}`).set(as.admin());
    expect(stored.body).toMatchObject({
      code,
      kind: 'HOI',
      memberships: [{ blocCode: ctx.h.demo.blocCode, validFrom: '2021-01-01' }],
    });
  });

  it('given repeated wrong passwords on the login page, should say how long to wait and hold the button until then', async () => {
    const person = await Person.open(browser, base, 'Người nhập sai');
    await person.go('/');
    await person.page.getByLabel('Tên đăng nhập').fill('nhap.sai.nhieu.lan');
    const button = person.page.getByRole('button', { name: 'Đăng nhập' });
    for (let i = 0; i < 6; i++) {
      await person.page.getByLabel('Mật khẩu').fill(`sai mật khẩu ${i}`);
      await button.click();
      await person.page.locator('.action-status .alert').waitFor();
    }
    await see(person.page.locator('.action-status'), /Đăng nhập sai nhiều lần; vui lòng thử lại sau \d+ giây\./);
    await see(person.page.locator('main'), /Có thể đăng nhập lại sau \d+ giây\./);
    // Held by the wait, not by a request still in flight (a busy button is disabled too, labelled "Đang đăng nhập…").
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('aria-busy')).toBeNull();
    expect(await button.textContent()).toBe('Đăng nhập');
    await person.screenshot('login-throttled');
    await person.close();
  });

  it('given a rule set, when the admin edits it with an invalid threshold, should list the field problem, then save the fix and copy a new set', async () => {
    const p = province();
    const nd152 = `${p}-ND152-2025`;
    await admin.go('/admin/rule-sets');
    await admin.page.getByRole('button', { name: `Sửa bộ quy tắc ${nd152}` }).click();
    const editor = admin.page.getByRole('region', { name: `Sửa bộ quy tắc ${nd152}` });
    const json = editor.getByLabel('Nội dung quy tắc (JSON)');
    await json.waitFor();
    const rules = JSON.parse(await json.inputValue()) as { awards: Record<string, { threshold: number }> };
    rules.awards.CO_THI_DUA_TINH.threshold = 1.5;
    await json.fill(JSON.stringify(rules, null, 2));
    await editor.getByRole('button', { name: 'Lưu bộ quy tắc' }).click();
    const problems = editor.getByRole('list', { name: 'Các lỗi cần sửa' });
    await see(problems, 'rules.awards.CO_THI_DUA_TINH.threshold');
    await see(editor, 'Bộ quy tắc thi đua không hợp lệ');
    await admin.screenshot('admin-rule-set-refused');

    // Broken JSON is caught in the page.
    await json.fill('{ "awards": ');
    await see(editor, 'JSON không hợp lệ');
    rules.awards.CO_THI_DUA_TINH.threshold = 0.85;
    await json.fill(JSON.stringify(rules, null, 2));
    await editor.getByRole('button', { name: 'Lưu bộ quy tắc' }).click();
    await see(admin.page, `Đã lưu bộ quy tắc ${nd152}`);
    const saved = (await http().get(`/v1/provinces/${p}/rule-sets/${nd152}`).set(as.admin())).body as {
      rules: { awards: Record<string, { threshold: number }> };
      updatedBy: string;
    };
    expect(saved.rules.awards.CO_THI_DUA_TINH.threshold).toBe(0.85);

    // A new set copied from the first one, under a new version and a period no other set covers.
    const copy = `${p}-THU-2010`;
    await admin.page.getByRole('button', { name: `Tạo bộ quy tắc mới từ ${p}-ND91-2017` }).click();
    const creator = admin.page.getByRole('region', { name: `Tạo bộ quy tắc mới (sao chép từ ${p}-ND91-2017)` });
    await creator.getByLabel('Phiên bản mới').fill(copy);
    await creator.getByLabel('Hiệu lực từ ngày').fill('01/01/2010');
    await creator.getByLabel('Hiệu lực đến ngày').fill('31/12/2010');
    await admin.screenshot('admin-rule-set-copy');
    await creator.getByRole('button', { name: 'Tạo bộ quy tắc' }).click();
    await see(admin.page, `Đã tạo bộ quy tắc ${copy}`);
    await see(admin.page.getByRole('region', { name: `Bộ quy tắc ${copy}` }), 'Hiệu lực từ 01/01/2010 đến 31/12/2010');
    const sets = (await http().get(`/v1/provinces/${p}/rule-sets`).set(as.admin())).body as { version: string }[];
    expect(sets.map((s) => s.version)).toContain(copy);
  });

  it('given a head assigned to cross-score another unit, when that unit has approved its sheet, should cross-score it on the unit page', async () => {
    const { s1 } = ctx;
    const DAY = 86_400_000;
    await s1.start();
    await s1.post(`/v1/cycles/${s1.cycleId}/launch`, s1.leader, {
      plan: 'Kế hoạch thi đua năm 2020 của Khối thi đua MTTQ và các đoàn thể tỉnh',
      pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ chính trị năm 2020',
      criteria: CRITERIA,
      crossScoring: [{ scorer: s1.u('MTTQ'), scored: s1.u('DTN') }],
      pledgeDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
      selfAssessmentDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
    });
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.submitAssessment('DTN');
    await s1.approveAssessment('DTN');
    // A competitor's sheet is given to cross-score once the scorer's own unit has handed in its own.
    await s1.submitAssessment('MTTQ');

    const head = await Person.open(browser, base, 'Thủ trưởng MTTQ', { phone: true });
    await head.login(identityUsername(Role.UNIT_HEAD, s1.u('MTTQ')), TEST_PASSWORD);
    await head.task(/Chấm chéo/).waitFor();
    await head.go(`/cycles/${encodeURIComponent(s1.cycleId)}/unit`);
    const card = head.page.getByRole('region', { name: 'Chấm chéo' });
    const sheet = card.getByRole('form', { name: `Bảng chấm chéo: ${s1.u('DTN')}` });
    for (const [code, points] of [
      ['TC1', '36'],
      ['TC2', '26'],
      ['TC3', '45'],
    ]) {
      await sheet
        .getByRole('group', { name: new RegExp(`^${code}\\.`) })
        .getByLabel('Điểm chấm chéo')
        .fill(points);
    }
    // More than the maximum is caught while typing, on that criterion, and holds the form; the total runs as points are entered.
    const tc3 = sheet.getByRole('group', { name: /^TC3\./ });
    await see(tc3.locator('.field-error'), 'Điểm không được vượt quá 30.');
    expect(await tc3.getByLabel('Điểm chấm chéo').getAttribute('aria-invalid')).toBe('true');
    expect(await sheet.getByRole('button', { name: 'Gửi kết quả chấm chéo' }).isDisabled()).toBe(true);
    await tc3.getByLabel('Điểm chấm chéo').fill('25');
    await tc3.locator('.field-error').waitFor({ state: 'detached' });
    await sheet
      .getByRole('group', { name: /^TC1\./ })
      .getByLabel(/Minh chứng/)
      .fill('bien-ban-kiem-tra-dtn-2020.pdf');
    await see(sheet, 'Tổng điểm chấm chéo: 87');
    await head.screenshot('unit-cross-score-phone');
    await sheet.getByRole('button', { name: 'Gửi kết quả chấm chéo' }).click();
    await see(card, 'Đã gửi kết quả chấm chéo:');
    await sheet.waitFor({ state: 'detached' });
    const inbox = (await s1.get('/v1/inbox', as.head(s1.u('MTTQ')))) as { items: { action?: string }[] };
    expect(inbox.items.some((i) => i.action === 'CROSS_SCORE')).toBe(false);
    await head.close();
  });
});
