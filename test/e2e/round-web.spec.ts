import type { Browser } from 'playwright-core';
import request from 'supertest';
import type { RoundView } from '../../src/domain/round/types';
import { Role } from '../../src/shared/actors';
import { NomineeStatus, Phase, type CycleState } from '../../src/shared/cycle-types';
import { ERROR_SPECS, ErrorCode } from '../../src/shared/errors';
import { AwardType } from '../../src/shared/rules';
import { S1_UNITS } from '../../src/seed/demo-province';
import { identityUsername } from '../../src/seed/identities';
import { as, TEST_PASSWORD } from '../integration/support/actors';
import { useS1Harness } from '../integration/support/harness';
import { alertText, buildWebApp, launchBrowser, Person, see, serve } from './support/browser';

const NAME = Object.fromEntries(S1_UNITS.map((u) => [u.key, u.name])) as Record<(typeof S1_UNITS)[number]['key'], string>;
const AGENCY = 'Sở Tài chính tỉnh';
const HEALTH = 'Sở Y tế tỉnh';
const SUPPLEMENT = 'Bổ sung biên bản họp Hội đồng';
const NOTE = 'Báo cáo thành tích chưa có xác nhận của cơ quan quản lý';
const COUNCIL_REASON = 'Hội đồng không thống nhất đề nghị';

/**
 * The province's award round through its pages, each person in a browser of their own: the specialist adds two direct
 * proposals and appraises the items grouped by bloc (a rejection without its note refused by the server); the head of
 * the board approves the list, opens a session below quorum (closing refused, adjourned with its reason) and a second
 * one with its attendance; a member who is not the secretary gets no tally form; the secretary enters the tallies (one
 * rejected with the council's reason, each with its threshold); the head closes the session; the chairman issues a
 * numbered decision (a date before the session, then the Cờ CP over quota, refused first) whose annex names the
 * awardees across the bloc and the agencies; the head tracks the Cờ CP upward (sent, returned, resent, decided) and
 * closes the round. A bloc's accepted dossier, the agencies, the council's members and the round itself are set up
 * through the API, as test/integration/province-round.spec.ts does.
 */
describe('The web application: the province round decided in the browser (appraisal, council, decision)', () => {
  const ctx = useS1Harness();
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    buildWebApp();
    base = await serve(ctx.h);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('given a round over a bloc’s accepted dossier, when each role acts on the round’s pages, should end with the awardees in the chairman’s decision', async () => {
    const { h, s1 } = ctx;
    const province = h.demo.provinceCode;
    const http = () => request(h.app.getHttpServer());
    const round = async (): Promise<RoundView> => (await http().get(`/v1/rounds/${roundId}`).set(as.admin())).body as RoundView;
    const council = (n: number) => identityUsername(Role.COUNCIL_MEMBER, `${province}.${n}`);

    // Preconditions through the API: the bloc's dossier accepted, an agency outside the blocs, the council, the round.
    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.assessAll();
    await s1.conferenceToDossier();
    const accepted = await s1.reviewDossier('ACCEPT');
    const blocName = ((await s1.get(`/v1/cycles/${s1.cycleId}`)) as CycleState).blocName;
    for (const [code, name] of [
      ['RW-STC', AGENCY],
      ['RW-SYT', HEALTH],
    ]) {
      const res = await http()
        .post(`/v1/provinces/${province}/units`)
        .set(as.admin())
        .send({ code, name, validFrom: '2000-01-01' });
      expect(res.status).toBe(201);
    }
    for (const [n, role] of [
      [1, 'CHU_TICH'],
      [2, 'PHO_CHU_TICH'],
      [3, 'UY_VIEN'],
      [4, 'THU_KY'],
    ] as const) {
      const res = await http()
        .post('/v1/council-members')
        .set(as.boardHead())
        .send({
          provinceCode: province,
          userId: council(n),
          name: `Thành viên ${n}`,
          councilRole: role,
          validFrom: '2020-01-01',
        });
      expect(res.status).toBe(201);
    }
    const withoutAccount = await http().post('/v1/council-members').set(as.boardHead()).send({
      provinceCode: province,
      name: 'Nguyễn Thị Én',
      title: 'Giám đốc Sở Tư pháp',
      councilRole: 'UY_VIEN',
      validFrom: '2020-01-01',
    });
    expect(withoutAccount.status).toBe(201);
    const opened = await http()
      .post('/v1/rounds')
      .set(as.boardHead())
      .send({
        provinceCode: province,
        year: 2020,
        targets: { [AwardType.CO_THI_DUA_TINH]: 1, [AwardType.BANG_KHEN_CHU_TICH]: 2 },
      });
    expect(opened.status).toBe(201);
    const roundId = (opened.body as RoundView).roundId;
    expect((opened.body as RoundView).items).toHaveLength(accepted.nominees.length);
    const roundPath = `/rounds/${encodeURIComponent(roundId)}`;

    // 1. The specialist reaches the round from the navigation: the bloc's items under the bloc's name, units by name.
    const specialist = await Person.open(browser, base, 'Chuyên viên');
    await specialist.login(identityUsername(Role.BOARD_SPECIALIST, province), TEST_PASSWORD);
    await specialist.page
      .getByRole('navigation', { name: 'Chức năng chính' })
      .getByRole('link', { name: 'Đợt xét khen thưởng' })
      .click();
    await specialist.page.getByRole('link', { name: 'Đợt 1 năm 2020' }).click();
    await specialist.page.getByRole('heading', { level: 2, name: 'Thẩm định các đề nghị' }).waitFor();
    const blocTable = specialist.page.getByRole('region', { name: blocName });
    await see(blocTable, NAME.HLHPN);
    expect(await blocTable.locator('tbody tr').count()).toBe(accepted.nominees.length);
    expect(await blocTable.textContent()).not.toContain(s1.u('HLHPN'));
    expect(await specialist.page.getByRole('link', { name: 'Văn bản' }).getAttribute('href')).toBe(`/app${roundPath}/documents`);

    // Two direct proposals of agencies outside the blocs, each unit chosen by its name.
    const direct = specialist.page.getByRole('region', { name: 'Thêm đề nghị trực tiếp' });
    const directTable = specialist.page.getByRole('region', { name: 'Đề nghị trực tiếp của cơ quan, đơn vị' });
    for (const [proposer, unit, award] of [
      ['Sở Tài chính', AGENCY, AwardType.CO_THI_DUA_TINH],
      ['Sở Y tế', HEALTH, AwardType.CO_THI_DUA_CHINH_PHU],
    ] as const) {
      await direct.getByLabel('Cơ quan đề nghị').fill(proposer);
      await direct.getByLabel('Đơn vị được đề nghị').selectOption({ label: unit });
      await direct.getByLabel('Hình thức khen thưởng').selectOption(award);
      await direct.getByRole('button', { name: 'Thêm đề nghị' }).click();
      await see(directTable.getByRole('row', { name: new RegExp(unit) }), proposer);
    }
    await see(direct, 'Đã thêm đề nghị trực tiếp vào đợt xét.');
    let state = await round();
    const award = (id: string) => state.items.find((i) => i.id === id)?.awardName as string;
    const label = (id: string) => `${state.items.find((i) => i.id === id)?.unitName} – ${award(id)}`;
    const agencyFlag = state.items.find((i) => i.source === 'DIRECT' && i.award === AwardType.CO_THI_DUA_TINH)?.id as string;
    const cp = state.items.find((i) => i.source === 'DIRECT' && i.award === AwardType.CO_THI_DUA_CHINH_PHU)?.id as string;
    const blocFlag = state.items.find((i) => i.source === 'BLOC' && i.award === AwardType.CO_THI_DUA_TINH)?.id as string;
    const notRecommended = state.items.find((i) => i.source === 'BLOC' && i.award === AwardType.BANG_KHEN_CHU_TICH)?.id as string;
    expect([agencyFlag, cp, blocFlag, notRecommended].every(Boolean)).toBe(true);

    // Appraisal: one certificate not recommended; without its note the server refuses, with its message on the page.
    const appraisal = specialist.page.getByRole('region', { name: 'Thẩm định các đề nghị' });
    await see(appraisal, blocName);
    const appraisalGroup = appraisal.getByRole('group', { name: label(notRecommended) });
    await appraisalGroup.getByLabel('Không đề xuất').check();
    await appraisal.getByRole('button', { name: 'Lưu ý kiến thẩm định' }).click();
    expect(await alertText(specialist.page)).toBe(ERROR_SPECS[ErrorCode.REASON_REQUIRED].messageVi);
    expect((await round()).items.every((i) => !i.appraisal)).toBe(true);
    await appraisalGroup.getByLabel('Ý kiến thẩm định').fill(NOTE);
    await appraisal.getByRole('button', { name: 'Lưu ý kiến thẩm định' }).click();
    await see(appraisal, 'Đã lưu ý kiến thẩm định; danh sách chờ Trưởng phòng duyệt.');
    await see(blocTable, `Không đề xuất: ${NOTE}`);
    await specialist.screenshot('round-appraisal');
    // Nothing for the specialist to approve: the head's review is not offered.
    expect(await specialist.page.getByRole('button', { name: 'Duyệt danh sách' }).count()).toBe(0);

    // 2. The head of the board approves the appraised list; the certificate stops there with its note as the reason.
    const boardHead = await Person.open(browser, base, 'Trưởng phòng');
    await boardHead.login(identityUsername(Role.BOARD_HEAD, province), TEST_PASSWORD);
    await boardHead.go(roundPath);
    const review = boardHead.page.getByRole('region', { name: 'Trưởng phòng duyệt danh sách thẩm định' });
    await see(review, `Đã thẩm định ${state.items.length}/${state.items.length} đề nghị; không đề xuất 1 đề nghị.`);
    await review.getByRole('button', { name: 'Duyệt danh sách' }).click();
    await review.waitFor({ state: 'detached' });
    const headBloc = boardHead.page.getByRole('region', { name: blocName });
    const certificateRow = headBloc.getByRole('row', { name: new RegExp(`Không được đề xuất`) });
    await see(certificateRow, NOTE);
    await see(boardHead.page, 'Trưởng phòng duyệt danh sách');
    state = await round();
    expect(state.items.find((i) => i.id === notRecommended)).toMatchObject({
      status: NomineeStatus.NOT_RECOMMENDED,
      reason: NOTE,
    });
    const atCouncil = state.items.filter((i) => i.status === NomineeStatus.AWAITING_COUNCIL).map((i) => i.id);
    expect(atCouncil).toEqual(expect.arrayContaining([blocFlag, agencyFlag, cp]));

    // The head opens a session with three of five present: below quorum, it can only be adjourned, with its reason.
    await boardHead.page.getByRole('link', { name: 'Hội đồng TĐKT tỉnh' }).click();
    const openForm = boardHead.page.getByRole('region', { name: 'Khai mạc phiên họp Hội đồng' });
    await openForm.getByLabel('Ngày họp').fill('12/01/2021');
    for (const absent of [/^Thành viên 3/, /^Nguyễn Thị Én/])
      await openForm.getByRole('group', { name: absent }).getByLabel('Vắng mặt', { exact: true }).check();
    await openForm.getByRole('button', { name: 'Khai mạc phiên họp' }).click();
    const first = boardHead.page.getByRole('region', { name: 'Phiên họp thứ 1 – ngày 12/01/2021' });
    await see(first, 'Có mặt 3/5 thành viên, cần tối thiểu 4: không đủ điều kiện họp, chỉ có thể hoãn.');
    await first.getByRole('button', { name: 'Bế mạc phiên họp' }).click();
    expect(await alertText(boardHead.page)).toBe(ERROR_SPECS[ErrorCode.COUNCIL_QUORUM_NOT_MET].messageVi);
    await first.getByRole('button', { name: 'Hoãn phiên họp' }).click();
    await first.getByLabel('Lý do hoãn phiên họp').fill('Không đủ 80% thành viên dự họp');
    await first.getByRole('button', { name: 'Xác nhận hoãn' }).click();
    await see(first, 'Lý do hoãn: Không đủ 80% thành viên dự họp');
    await see(first, 'Đã hoãn');

    // A second session: its date and its attendance, recorded once (a member absent with a written vote).
    await openForm.getByLabel('Ngày họp').fill('15/01/2021');
    await openForm
      .getByRole('group', { name: /^Nguyễn Thị Én/ })
      .getByLabel('Vắng mặt, có phiếu bằng văn bản')
      .check();
    await openForm.getByRole('button', { name: 'Khai mạc phiên họp' }).click();
    const sessionCard = boardHead.page.getByRole('region', { name: 'Phiên họp thứ 2 – ngày 15/01/2021' });
    await see(sessionCard, 'Đang họp');
    await see(sessionCard, 'Có mặt 4/5 thành viên');
    const attendance = sessionCard.getByRole('region', { name: 'Thành phần dự họp – Phiên họp thứ 2' });
    expect(await attendance.getByRole('row', { name: /Nguyễn Thị Én, Giám đốc Sở Tư pháp/ }).textContent()).toContain(
      'Vắng mặt, có phiếu bằng văn bản',
    );
    expect(await attendance.getByRole('row', { name: /Thành viên 3/ }).textContent()).toContain('Có mặt');
    expect(await attendance.getByRole('row', { name: /Thành viên 4/ }).textContent()).toContain('Thư ký Hội đồng');

    // 3. A council member who is not its secretary reads the session but is offered no tally form.
    const chair = await Person.open(browser, base, 'Chủ tịch Hội đồng');
    await chair.login(council(1), TEST_PASSWORD);
    await chair.go(roundPath);
    const chairView = chair.page.getByRole('region', { name: 'Phiên họp thứ 2 – ngày 15/01/2021' });
    await see(chairView, 'Thư ký Hội đồng có mặt tại phiên họp ghi kết quả kiểm phiếu.');
    expect(await chairView.getByRole('button', { name: 'Ghi kết quả kiểm phiếu' }).count()).toBe(0);
    await chair.close();

    // The council's secretary enters the tallies: the bloc's flag passes, the agency's flag fails with the reason.
    const secretary = await Person.open(browser, base, 'Thư ký Hội đồng');
    await secretary.login(council(4), TEST_PASSWORD);
    await secretary.page
      .getByRole('navigation', { name: 'Chức năng chính' })
      .getByRole('link', { name: 'Đợt xét khen thưởng' })
      .click();
    await secretary.page.getByRole('link', { name: 'Đợt 1 năm 2020' }).click();
    const votes = secretary.page.locator('form.vote-form');
    await votes.waitFor();
    for (const id of atCouncil) {
      const group = votes.getByRole('group', { name: label(id) });
      const rejected = id === agencyFlag;
      await group.getByLabel('Phiếu đồng ý').fill(rejected ? '1' : '5');
      await group.getByLabel('Phiếu không đồng ý').fill(rejected ? '4' : '0');
      if (rejected) await group.getByLabel('Lý do không thông qua (nếu có)').fill(COUNCIL_REASON);
    }
    await votes.getByRole('button', { name: 'Ghi kết quả kiểm phiếu' }).click();
    const results = secretary.page.getByRole('region', { name: 'Kết quả bỏ phiếu – Phiên họp thứ 2' });
    const agencyRow = results.getByRole('row', { name: new RegExp(AGENCY) });
    await see(agencyRow, COUNCIL_REASON);
    expect(await agencyRow.textContent()).toContain('Không thông qua');
    const flagRow = results.getByRole('row', { name: new RegExp(NAME.HLHPN) });
    await see(flagRow, 'Thông qua');
    state = await round();
    const required = state.sessions[1].votes.find((v) => v.itemId === blocFlag)?.required as number;
    expect(required).toBeGreaterThan(0);
    expect(await flagRow.locator('td').nth(5).textContent()).toBe(String(required));
    expect(await flagRow.locator('td').nth(0).textContent()).toBe(award(blocFlag));
    expect(await flagRow.locator('td').nth(1).textContent()).toBe(blocName);
    await secretary.screenshot('round-council-votes');

    // The head closes the session.
    await boardHead.page.reload();
    const closing = boardHead.page.getByRole('region', { name: 'Phiên họp thứ 2 – ngày 15/01/2021' });
    await closing.getByRole('button', { name: 'Bế mạc phiên họp' }).click();
    await see(closing, 'Đã bế mạc');
    expect((await round()).sessions.map((x) => [x.status, x.adjournReason])).toEqual([
      ['ADJOURNED', 'Không đủ 80% thành viên dự họp'],
      ['CLOSED', undefined],
    ]);

    // 4. The chairman: a date before the session, then the Cờ CP over the province's quota without its documented
    // grounds, are refused with the server's messages; then the decision is issued.
    const chairman = await Person.open(browser, base, 'Chủ tịch');
    await chairman.login(identityUsername(Role.CHAIRMAN, province), TEST_PASSWORD);
    await chairman.go(roundPath);
    const form = chairman.page.getByRole('region', { name: 'Ban hành quyết định khen thưởng' });
    const awaiting = (await round()).items.filter((i) => i.status === NomineeStatus.AWAITING_DECISION);
    expect(awaiting.map((i) => i.id)).toEqual(expect.arrayContaining([blocFlag, cp]));
    expect(awaiting.map((i) => i.id)).not.toContain(agencyFlag);
    await form.getByLabel('Số quyết định').fill('125/QĐ-UBND');
    await form.getByLabel('Ngày quyết định').fill('10/01/2021');
    for (const item of awaiting)
      await form
        .getByRole('group', { name: label(item.id) })
        .getByLabel('Khen thưởng', { exact: true })
        .check();
    await form.getByRole('button', { name: 'Ban hành quyết định' }).click();
    await chairman.page.locator('#round-decision-confirm').getByRole('button', { name: 'Xác nhận ban hành' }).click();
    expect(await alertText(chairman.page)).toBe(ERROR_SPECS[ErrorCode.DATE_OUT_OF_ORDER].messageVi);
    expect((await round()).decisions).toEqual([]);
    await form.getByLabel('Ngày quyết định').fill('20/01/2021');
    await form.getByRole('button', { name: 'Ban hành quyết định' }).click();
    await chairman.page.locator('#round-decision-confirm').getByRole('button', { name: 'Xác nhận ban hành' }).click();
    expect(await alertText(chairman.page)).toBe(ERROR_SPECS[ErrorCode.GOVERNMENT_FLAG_QUOTA_EXCEEDED].messageVi);
    expect((await round()).decisions).toEqual([]);
    await form.getByLabel('Đề nghị vượt tỷ lệ, có căn cứ').check();
    await form.getByLabel('Căn cứ đề nghị vượt tỷ lệ').fill('Đơn vị dẫn đầu phong trào thi đua chuyên đề 5 năm');
    await form.getByLabel('Văn bản căn cứ').fill('Công văn 123/UBND-NC');
    await form.getByRole('button', { name: 'Ban hành quyết định' }).click();
    expect(await chairman.page.locator('#round-decision-confirm-title').textContent()).toBe(
      `Ban hành Quyết định số 125/QĐ-UBND ngày 20/01/2021: khen thưởng ${awaiting.length} đề nghị, không khen thưởng 0 đề nghị.`,
    );
    await chairman.page.locator('#round-decision-confirm').getByRole('button', { name: 'Xác nhận ban hành' }).click();

    // 5. The decision with its number and date, and its annex naming the awardees (names, not codes).
    const decision = chairman.page.getByRole('region', { name: 'Quyết định số 125/QĐ-UBND ngày 20/01/2021' });
    await see(decision, `Khen thưởng ${awaiting.length} đề nghị, không khen thưởng 0 đề nghị.`);
    const annex = decision.getByRole('region', { name: 'Phụ lục Quyết định số 125/QĐ-UBND' });
    const awardee = annex.getByRole('row', { name: new RegExp(NAME.HLHPN) });
    await see(awardee, award(blocFlag));
    expect(await awardee.textContent()).toContain(blocName);
    expect(await annex.locator('tbody tr').count()).toBe(awaiting.length);
    // The annex spans the bloc and the direct proposals; the Cờ CP goes on to the Prime Minister.
    const cpRow = annex.getByRole('row', { name: new RegExp(HEALTH) });
    await see(cpRow, 'Trình Thủ tướng Chính phủ');
    expect(await cpRow.textContent()).toContain('Đề nghị trực tiếp: Sở Y tế');
    expect(await annex.textContent()).not.toContain(AGENCY);
    expect(await annex.textContent()).not.toContain(s1.u('HLHPN'));
    await chairman.screenshot('round-decision');
    state = await round();
    expect(state.items.find((i) => i.id === blocFlag)).toMatchObject({
      status: NomineeStatus.APPROVED,
      decision: { number: '125/QĐ-UBND', date: '2021-01-20', approve: true },
    });
    expect(state.items.find((i) => i.id === agencyFlag)).toMatchObject({
      status: NomineeStatus.COUNCIL_REJECTED,
      reason: COUNCIL_REASON,
    });

    // The board sees the outcome on its own tab: the awardee approved, the rejection with the council's reason.
    await boardHead.go(`${roundPath}/tham-dinh`);
    await see(boardHead.page.getByRole('region', { name: blocName }).getByRole('row', { name: /Được khen thưởng/ }), NAME.HLHPN);
    await see(
      boardHead.page
        .getByRole('region', { name: 'Đề nghị trực tiếp của cơ quan, đơn vị' })
        .getByRole('row', { name: new RegExp(AGENCY) }),
      COUNCIL_REASON,
    );

    // 6. The submission upward: sent with its tờ trình, returned for supplement, resent, decided centrally.
    await boardHead.go(`${roundPath}/trinh-trung-uong`);
    const send = boardHead.page.getByRole('region', { name: 'Gửi tờ trình đề nghị Trung ương khen thưởng' });
    expect(await send.getByLabel(label(cp)).isChecked()).toBe(true);
    await send.getByLabel('Số tờ trình').fill('45/TTr-UBND');
    await send.getByLabel('Ngày tờ trình').fill('01/02/2021');
    await send.getByLabel('Ngày gửi').fill('02/02/2021');
    await send.getByRole('button', { name: 'Gửi tờ trình' }).click();
    const submission = boardHead.page.getByRole('region', { name: 'Tờ trình số 45/TTr-UBND ngày 01/02/2021' });
    await see(submission, 'Đã gửi, chờ Trung ương');
    await see(submission, '02/02/2021: Gửi tờ trình số 45/TTr-UBND');
    await submission.getByLabel('Nội dung cần bổ sung').fill(SUPPLEMENT);
    await submission.getByLabel('Ngày trả lại').fill('01/03/2021');
    await submission.getByRole('button', { name: 'Ghi nhận trả lại' }).click();
    await see(submission, 'Bị trả lại để bổ sung');
    await see(submission, `01/03/2021: Trung ương trả lại để bổ sung: ${SUPPLEMENT}`);
    await submission.getByLabel('Ngày gửi lại').fill('05/03/2021');
    await submission.getByRole('button', { name: 'Gửi lại', exact: true }).click();
    await see(submission, '05/03/2021: Gửi lại hồ sơ đã bổ sung (tờ trình số 45/TTr-UBND)');
    await submission.getByLabel('Số quyết định của Trung ương').fill('300/QĐ-TTg');
    await submission.getByLabel('Ngày quyết định của Trung ương').fill('10/05/2021');
    await submission.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await see(submission, 'Trung ương đã quyết định');
    await see(
      submission,
      `${label(cp)} (Đề nghị trực tiếp: Sở Y tế) – được khen thưởng theo Quyết định 300/QĐ-TTg ngày 10/05/2021`,
    );
    await boardHead.screenshot('round-upward');
    state = await round();
    expect(state.submissions[0]).toMatchObject({
      status: 'DECIDED',
      returns: [{ reason: SUPPLEMENT, returnedOn: '2021-03-01' }],
    });
    expect(state.items.find((i) => i.id === cp)).toMatchObject({
      status: NomineeStatus.APPROVED,
      central: { number: '300/QĐ-TTg', date: '2021-05-10', approve: true },
    });

    // Every item has its outcome: the head ends the round.
    await boardHead.page.getByRole('button', { name: 'Kết thúc đợt xét khen thưởng' }).click();
    await see(boardHead.page.locator('.page-sub'), 'Đã kết thúc ngày');
    expect((await round()).status).toBe('CLOSED');
    for (const person of [specialist, boardHead, secretary, chairman]) await person.close();
  });
});
