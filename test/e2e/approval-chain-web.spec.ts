import type { Browser } from 'playwright-core';
import request from 'supertest';
import { Role } from '../../src/shared/actors';
import { NomineeStatus, Phase } from '../../src/shared/cycle-types';
import { S1_UNITS } from '../../src/seed/demo-province';
import { identityUsername } from '../../src/seed/identities';
import { as, TEST_PASSWORD } from '../integration/support/actors';
import { S1_APPRAISAL_CHAIN } from '../integration/support/chains';
import { useS1Harness } from '../integration/support/harness';
import { buildWebApp, launchBrowser, Person, see, serve } from './support/browser';

const NAME = Object.fromEntries(S1_UNITS.map((u) => [u.key, u.name])) as Record<(typeof S1_UNITS)[number]['key'], string>;

/**
 * The appraisal as a multi-level approval chain (the province's rule set configures it), decided in the browser:
 * the specialist approves two nominees and returns one from the inbox, the Trưởng khối resubmits it on the chain's
 * page, the head of the board approves in bulk with per-item results, three council members approve two and reject
 * one, the chairman decides. The cycle up to the accepted dossier is set up through the API (the S1 spec covers
 * those pages).
 */
describe('The web application: an appraisal chain decided in the browser (approve, return, resubmit, bulk, reject)', () => {
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

  it('given a dossier in a three-level chain, when each level decides on its pages, should hand the approved nominees to the chairman', async () => {
    const { h, s1 } = ctx;
    const province = h.demo.provinceCode;
    const http = () => request(h.app.getHttpServer());
    const rulesPath = `/v1/provinces/${province}/rule-sets/${province}-ND91-2017`;
    const stored = (await http().get(rulesPath).set(as.admin())).body as Record<string, unknown> & {
      rules: Record<string, unknown>;
    };
    const { createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...body } = stored;
    delete body.rules.rulesVersion;
    delete body.rules.legalBasis;
    const configured = await http()
      .put(rulesPath)
      .set(as.admin())
      .send({ ...body, rules: { ...body.rules, approvalChains: { appraisal: S1_APPRAISAL_CHAIN } } });
    expect(configured.status).toBe(200);
    await s1.toConference();
    await s1.openBallot();
    await s1.castAll();
    await s1.closeBallot();
    await s1.waitForPhase(Phase.SUBMISSION);
    await s1.submitDossier();
    await s1.reviewDossier('ACCEPT', undefined, '2020-12-31');
    const chainId = `${s1.cycleId}.appraisal`;
    const flag = `Cờ thi đua của UBND tỉnh – ${NAME.HLHPN}`;
    const hnd = `Bằng khen của Chủ tịch UBND tỉnh – ${NAME.HND}`;

    // The specialist: two nominees agreed, one returned with its reason, from the inbox row's context.
    const specialist = await Person.open(browser, base, 'Chuyên viên');
    await specialist.login(identityUsername(Role.BOARD_SPECIALIST, province), TEST_PASSWORD);
    const row = specialist.task('Chuyên viên thẩm định');
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: /^Mở:/ }).click();
    await see(row, flag);
    await row.getByLabel(hnd).uncheck();
    await specialist.screenshot('inbox-approval-context');
    await row.getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await see(specialist.page, 'Đã xử lý: Thẩm định hồ sơ');
    // The row stays open with what is left to decide: the returned certificate alone.
    await row.getByLabel(flag).waitFor({ state: 'detached' });
    await row.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await row.getByLabel('Lý do trả lại').fill('Thiếu xác nhận của cơ quan thuế');
    await row.getByRole('button', { name: 'Xác nhận trả lại' }).click();
    await row.waitFor({ state: 'detached' });

    // The Trưởng khối (the chain's submitter) answers the return on the chain's page, reached from the dossier tab.
    const leader = await Person.open(browser, base, 'Trưởng khối');
    await leader.login(identityUsername(Role.UNIT_HEAD, s1.u('HLHPN')), TEST_PASSWORD);
    await leader.go(`/cycles/${encodeURIComponent(s1.cycleId)}/bloc/dossier`);
    await leader.page.getByRole('link', { name: /trình lại nội dung bị trả lại/ }).click();
    const returned = leader.page.getByRole('region', { name: 'Nội dung bị trả lại' });
    await see(returned, 'Thiếu xác nhận của cơ quan thuế');
    await returned.getByLabel('Nội dung đã bổ sung').fill('Đã bổ sung xác nhận của Cục Thuế tỉnh');
    await leader.screenshot('chain-resubmit');
    await returned.getByRole('button', { name: 'Trình lại' }).click();
    await see(leader.page, 'Đã trình lại.');

    // The specialist agrees on the chain's page this time; its timeline shows what happened, in Vietnamese.
    await specialist.go(`/approvals/${encodeURIComponent(chainId)}`);
    const mine = specialist.page.getByRole('region', { name: /Ý kiến của bạn/ });
    await mine.getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await see(specialist.page, 'Đã ghi nhận ý kiến.');
    await see(specialist.page, 'Trình lại sau khi bổ sung');

    // The head of the board: everything waiting at that level in one bulk approval, one result per nominee.
    const boardHead = await Person.open(browser, base, 'Trưởng phòng');
    await boardHead.login(identityUsername(Role.BOARD_HEAD, province), TEST_PASSWORD);
    const headRow = boardHead.task('Trưởng phòng duyệt');
    await headRow.getByRole('checkbox').check();
    await boardHead.page.getByRole('button', { name: 'Phê duyệt các mục đã chọn (1)' }).click();
    await see(boardHead.page, 'Kết quả phê duyệt: 3/3 mục thành công');
    await boardHead.screenshot('inbox-approval-bulk');

    // Three council members: the flag and one certificate agreed, the other certificate refused with a reason.
    for (const n of [1, 2, 3]) {
      const member = await Person.open(browser, base, `Hội đồng ${n}`);
      await member.login(identityUsername(Role.COUNCIL_MEMBER, `${province}.${n}`), TEST_PASSWORD);
      const task = member.task('Hội đồng TĐKT tỉnh');
      await task.getByRole('button', { name: /^Mở:/ }).click();
      await task.getByLabel(hnd).uncheck();
      await task.getByRole('button', { name: 'Đồng ý', exact: true }).click();
      await see(member.page, 'Đã xử lý: Thẩm định hồ sơ');
      await task.getByLabel(flag).waitFor({ state: 'detached' });
      await task.getByRole('button', { name: 'Không đồng ý', exact: true }).click();
      await task.getByLabel('Lý do không đồng ý').fill('Chưa tiêu biểu');
      await task.getByRole('button', { name: 'Xác nhận không đồng ý' }).click();
      await task.waitFor({ state: 'detached' });
      if (n === 3) {
        await member.go(`/approvals/${encodeURIComponent(chainId)}`);
        await see(member.page, 'Hoàn thành quy trình phê duyệt', 30_000);
        await member.screenshot('chain-page');
      }
      await member.close();
    }

    const inDecision = await s1.waitForPhase(Phase.DECISION);
    expect(Object.fromEntries(inDecision.nominees.map((n) => [n.unitCode, n.status]))).toEqual({
      [s1.u('HLHPN')]: NomineeStatus.AWAITING_DECISION,
      [s1.u('DTN')]: NomineeStatus.AWAITING_DECISION,
      [s1.u('HND')]: NomineeStatus.COUNCIL_REJECTED,
    });

    // The board page links the chain; a specialist cannot use the fixed appraisal step meanwhile (nothing offers it).
    await specialist.go(`/cycles/${encodeURIComponent(s1.cycleId)}/board`);
    await see(specialist.page, 'Mở quy trình phê duyệt');
    expect(await specialist.page.getByRole('button', { name: 'Gửi kết quả thẩm định' }).count()).toBe(0);

    const chairman = await Person.open(browser, base, 'Chủ tịch');
    await chairman.login(identityUsername(Role.CHAIRMAN, province), TEST_PASSWORD);
    await chairman.go(`/cycles/${encodeURIComponent(s1.cycleId)}/board`);
    const decision = chairman.page.getByRole('region', { name: 'Quyết định khen thưởng của Chủ tịch UBND tỉnh' });
    await decision.getByLabel('Số quyết định').fill('125/QĐ-UBND');
    await decision.getByLabel('Ngày quyết định').fill('20/01/2021');
    await decision.getByRole('group', { name: NAME.DTN }).getByLabel('Không khen thưởng').check();
    // A refusal without its reason is stopped in the page; with the reason, the server takes it.
    expect(await decision.getByRole('button', { name: 'Ban hành quyết định' }).isDisabled()).toBe(true);
    await decision.getByLabel('Lý do không khen thưởng').fill('Đã được khen thưởng cùng hình thức năm trước');
    // The others are not preselected either: each is chosen, then the summary is confirmed.
    const awardRadios = decision.getByRole('radio', { name: 'Khen thưởng', exact: true });
    const nominees = await awardRadios.count();
    expect(await decision.locator('#decision-unchosen').textContent()).toBe(
      `Còn ${nominees - 1}/${nominees} đề nghị chưa chọn khen thưởng hay không khen thưởng.`,
    );
    expect(await decision.getByRole('button', { name: 'Ban hành quyết định' }).isDisabled()).toBe(true);
    for (const radio of await awardRadios.all())
      if (!(await radio.isChecked()) && !(await radio.isDisabled())) await radio.check();
    await decision.getByRole('group', { name: NAME.DTN }).getByLabel('Không khen thưởng').check();
    await decision.getByRole('button', { name: 'Ban hành quyết định' }).click();
    const confirm = decision.locator('#decision-confirm');
    expect(await confirm.locator('#decision-confirm-title').textContent()).toBe(
      `Ban hành Quyết định số 125/QĐ-UBND ngày 20/01/2021: khen thưởng ${nominees - 1} đề nghị, không khen thưởng 1 đề nghị.`,
    );
    await see(confirm, `Không khen thưởng: ${NAME.DTN}`);
    await chairman.screenshot('board-decision-confirm');
    await confirm.getByRole('button', { name: 'Xác nhận ban hành' }).click();
    const done = await s1.waitForPhase(Phase.COMPLETED);
    expect(done.nominees.find((n) => n.unitCode === s1.u('HLHPN'))?.status).toBe(NomineeStatus.APPROVED);
    expect(done.nominees.find((n) => n.unitCode === s1.u('DTN'))).toMatchObject({
      status: NomineeStatus.REJECTED,
      decision: { approve: false, reason: 'Đã được khen thưởng cùng hình thức năm trước' },
    });
    await chairman.screenshot('board-decided-chain');
  });
});
