import request from 'supertest';
import { createApprovalActivities } from '../../src/activities/approval.activities';
import { startMailSink, type MailSink, type SinkMessage } from '../../src/dev/mail-sink';
import { demoEmail, identityUsername } from '../../src/seed/identities';
import { Role } from '../../src/shared/actors';
import type { ChainDefinition, ChainState, LevelDefinition } from '../../src/shared/approval';
import { chainStateQuery } from '../../src/shared/approval-messages';
import { as, TEST_PASSWORD, type Headers } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { CRITERIA, S1Driver } from './support/s1-scenario';
import { waitFor } from './support/wait';

const BASE = 'http://thidua.test';

/**
 * Issue 18, e-mail: the projections write each event's mails into the outbox in their own transaction, the worker's
 * sender delivers them to a real SMTP server (the project's sink, src/dev/mail-sink.ts), and nothing a decision
 * answers depends on SMTP.
 */
describe('E-mail notifications', () => {
  let sink: MailSink;
  let h: Harness;
  let s1: S1Driver;
  const http = () => request(h.app.getHttpServer());
  const P = () => h.demo.provinceCode;
  const user = (role: Role, scope: string) => identityUsername(role, scope);
  const specialist = () => user(Role.BOARD_SPECIALIST, P());
  const boardHead = () => user(Role.BOARD_HEAD, P());
  const council = (n: number) => user(Role.COUNCIL_MEMBER, `${P()}.${n}`);
  const tokens: string[] = [];

  beforeAll(async () => {
    sink = await startMailSink();
    h = await createHarness({
      bundle: await bundleWorkflows(),
      mail: {
        transport: `smtp://127.0.0.1:${sink.smtpPort}`,
        from: 'Thi đua <no-reply@thidua.invalid>',
        appBaseUrl: BASE,
        pollMs: 200,
      },
    });
    s1 = new S1Driver(h.app, h.demo);
  });
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  });

  const to = (username: string) => (m: SinkMessage) => m.to.includes(demoEmail(username));
  const mailsTo = (username: string, about?: string) =>
    sink.messages().filter((m) => to(username)(m) && (about === undefined || m.text.includes(about)));
  const mailOf = (username: string, subjectPart: string, about?: string) =>
    waitFor(`a mail "${subjectPart}" to ${username}`, () =>
      Promise.resolve(mailsTo(username, about).find((m) => m.subject.includes(subjectPart))),
    );
  /** Every mail in the outbox about an event has been dealt with (sent, folded into a digest or skipped). */
  const outboxSettled = (like: string) =>
    waitFor(`the outbox rows ${like} settled`, async () => {
      const [row]: { open: number }[] = await h.dataSource.query(
        `SELECT count(*)::int AS open FROM mail_outbox WHERE event_key LIKE $1 AND status IN ('PENDING', 'SENDING')`,
        [like],
      );
      return row.open === 0 ? true : undefined;
    });
  const linkOf = (m: SinkMessage) => /Mở việc trên hệ thống: (\S+)/.exec(m.text)?.[1];

  const level = (code: string, role: Role, extra: Partial<LevelDefinition> = {}): LevelDefinition =>
    ({ code, name: `Cấp ${code}`, approvers: { role, label: code }, mode: 'ANY', ...extra }) as LevelDefinition;
  const chain = (levels: LevelDefinition[]): ChainDefinition => ({
    code: 'THU',
    name: 'Quy trình thử',
    levels,
    maxReturnRounds: 2,
    afterMaxRounds: 'REJECT',
  });
  async function start(definition: ChainDefinition, title: string): Promise<ChainState> {
    const res = await http()
      .post('/v1/approvals')
      .set(as.admin())
      .send({
        definition,
        provinceCode: P(),
        title,
        items: [{ itemId: 'CO:HLHPN', title: 'Cờ thi đua – Hội Liên hiệp Phụ nữ', subjectUnitCode: h.demo.unit('HLHPN') }],
      });
    if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as ChainState;
  }
  const setPreference = async (headers: Headers, preference: string, email?: string | null) => {
    const res = await http().put('/v1/me/notifications').set(headers).send({ preference, email });
    expect(res.status).toBe(200);
    return res.body as { email: string | null; preference: string };
  };

  it('given a chain with a reminder and an escalation, should mail the assignee the task, the reminder and the missed deadline, and the superior the escalation', async () => {
    const title = 'Hồ sơ đề nghị khen thưởng năm 2020 – nhắc hạn';
    const view = await start(
      chain([
        level('CV', Role.BOARD_SPECIALIST, {
          due: { seconds: 4 },
          remindBefore: [{ seconds: 2 }],
          escalation: { after: { seconds: 1 }, to: Role.BOARD_HEAD },
        }),
      ]),
      title,
    );
    const link = `${BASE}/app/approvals/${encodeURIComponent(view.chainId)}`;

    const assigned = await mailOf(specialist(), 'Việc mới cần xử lý', title);
    expect(assigned.subject).toBe(`[Thi đua – Khen thưởng] Việc mới cần xử lý: ${title}`);
    expect(assigned.to).toEqual([demoEmail(specialist())]);
    expect(assigned.text).toContain(`Kính gửi Chuyên viên`);
    expect(assigned.text).toContain('Quy trình: Quy trình thử.');
    expect(assigned.text).toContain('Nội dung: Cờ thi đua – Hội Liên hiệp Phụ nữ.');
    expect(assigned.text).toMatch(/Hạn xử lý: \d{2}\/\d{2}\/\d{4}\./);
    expect(linkOf(assigned)).toBe(link);
    expect(assigned.text).toBe(assigned.text.normalize('NFC'));

    const reminder = await mailOf(specialist(), 'Nhắc hạn xử lý', title);
    expect(linkOf(reminder)).toBe(link);
    const missed = await mailOf(specialist(), 'Đã quá hạn xử lý', title);
    expect(missed.text).toContain('Hồ sơ đã được chuyển đến');
    const escalated = await mailOf(boardHead(), 'Chuyển đến đồng chí do quá hạn', title);
    expect(escalated.to).toEqual([demoEmail(boardHead())]);
    expect(linkOf(escalated)).toBe(link);

    await outboxSettled(`chain:${view.chainId}:%`);
    const kinds = sink
      .messages()
      .filter((m) => m.text.includes(title))
      .map((m) => `${m.to[0].split('@')[0]}:${m.subject.split(':')[0].replace('[Thi đua – Khen thưởng] ', '')}`)
      .sort();
    expect(kinds).toEqual(
      [
        `${boardHead()}:Chuyển đến đồng chí do quá hạn`,
        `${specialist()}:Nhắc hạn xử lý`,
        `${specialist()}:Việc mới cần xử lý`,
        `${specialist()}:Đã quá hạn xử lý`,
      ].sort(),
    );
  });

  it('given a projection that fails once after writing its mails, and a send whose SENT mark fails once, should deliver each mail exactly once', async () => {
    // A sequence is not transactional: the first projection to insert into the outbox after this fails and is rolled
    // back whole (its state, inbox rows, audit entries and mails); Temporal retries the activity.
    await h.dataSource.query(`CREATE SEQUENCE mail_fail_once`);
    await h.dataSource.query(`CREATE SEQUENCE mail_mark_fail_once`);
    await h.dataSource.query(`CREATE FUNCTION mail_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF nextval('mail_fail_once') = 1 THEN RAISE EXCEPTION 'test: projection fails once'; END IF; RETURN NEW; END $$`);
    await h.dataSource.query(`CREATE FUNCTION mail_mark_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'SENT' AND nextval('mail_mark_fail_once') = 1 THEN RAISE EXCEPTION 'test: SENT mark fails once'; END IF;
      RETURN NEW; END $$`);
    await h.dataSource.query(
      `CREATE TRIGGER mail_fail_once AFTER INSERT ON mail_outbox FOR EACH ROW EXECUTE FUNCTION mail_fail_once()`,
    );
    await h.dataSource.query(
      `CREATE TRIGGER mail_mark_fail_once BEFORE UPDATE ON mail_outbox FOR EACH ROW EXECUTE FUNCTION mail_mark_fail_once()`,
    );
    const title = 'Hồ sơ thử – thử lại';
    try {
      const view = await start(chain([level('HD', Role.COUNCIL_MEMBER)]), title);
      for (const n of [1, 2, 3, 4, 5]) await mailOf(council(n), 'Việc mới cần xử lý', title);
      await outboxSettled(`chain:${view.chainId}:%`);
      const [{ failed }]: { failed: string }[] = await h.dataSource.query(
        `SELECT (SELECT last_value FROM mail_fail_once) AS failed`,
      );
      expect(Number(failed)).toBeGreaterThanOrEqual(2); // the first attempt failed, a retry wrote them
      const [{ marked }]: { marked: string }[] = await h.dataSource.query(
        `SELECT (SELECT last_value FROM mail_mark_fail_once) AS marked`,
      );
      expect(Number(marked)).toBeGreaterThanOrEqual(2);

      // A retry after a commit (the worker died before reporting it): the same state projected again adds nothing.
      const state = await h.client.workflow.getHandle(view.chainId).query(chainStateQuery);
      await createApprovalActivities(h.dataSource).projectChain(state);
      const [{ rows }]: { rows: number }[] = await h.dataSource.query(
        `SELECT count(*)::int AS rows FROM mail_outbox WHERE event_key LIKE $1`,
        [`chain:${view.chainId}:%`],
      );
      expect(rows).toBe(5);
      for (const n of [1, 2, 3, 4, 5]) expect(mailsTo(council(n), title)).toHaveLength(1);
    } finally {
      await h.dataSource.query(`DROP TRIGGER mail_fail_once ON mail_outbox`);
      await h.dataSource.query(`DROP TRIGGER mail_mark_fail_once ON mail_outbox`);
    }
  });

  it('given a person who turned notifications off, should send them nothing while others still get theirs', async () => {
    const chairman = user(Role.CHAIRMAN, P());
    expect(await setPreference(as.chairman(), 'OFF', demoEmail(chairman))).toEqual({
      email: demoEmail(chairman),
      preference: 'OFF',
    });
    expect((await http().get('/v1/me/notifications').set(as.chairman())).body).toEqual({
      email: demoEmail(chairman),
      preference: 'OFF',
    });
    const title = 'Hồ sơ thử – không nhận thư';
    const view = await start(chain([level('CT', Role.CHAIRMAN), level('TP', Role.BOARD_HEAD)]), title);
    await outboxSettled(`chain:${view.chainId}:%`);
    const rows: { username: string; status: string; last_error: string }[] = await h.dataSource.query(
      `SELECT username, status, last_error FROM mail_outbox WHERE event_key LIKE $1`,
      [`chain:${view.chainId}:%`],
    );
    expect(rows).toEqual([{ username: chairman, status: 'SKIPPED', last_error: 'opted out' }]);
    expect(mailsTo(chairman, title)).toEqual([]);

    // The next level's person has not opted out: the chairman's approval reaches them by mail.
    const decided = await http()
      .post(`/v1/approvals/${view.chainId}/decisions`)
      .set(as.chairman())
      .send({ decision: 'APPROVE', itemIds: ['CO:HLHPN'] });
    expect(decided.status).toBe(200);
    await mailOf(boardHead(), 'Việc mới cần xử lý', title);
    expect(mailsTo(chairman, title)).toEqual([]);
    await setPreference(as.chairman(), 'IMMEDIATE', demoEmail(chairman));
  });

  it('given a person on the daily digest, should hold their mails and send one digest listing the tasks when the digest runs', async () => {
    await setPreference(as.council(1), 'DIGEST', demoEmail(council(1)));
    const titles = ['Hồ sơ thử – tổng hợp thứ nhất', 'Hồ sơ thử – tổng hợp thứ hai'];
    const chains: ChainState[] = [];
    for (const title of titles) chains.push(await start(chain([level('HD', Role.COUNCIL_MEMBER)]), title));
    // Others get theirs at once; council member 1's wait for the digest.
    for (const title of titles) await mailOf(council(2), 'Việc mới cần xử lý', title);
    for (const view of chains) {
      await waitFor('the digest reader’s rows held', async () => {
        const rows: { status: string }[] = await h.dataSource.query(
          `SELECT status FROM mail_outbox WHERE event_key LIKE $1 AND username = $2`,
          [`chain:${view.chainId}:%`, council(1)],
        );
        return rows.length === 1 && rows[0].status === 'PENDING' ? true : undefined;
      });
    }
    expect(titles.flatMap((t) => mailsTo(council(1), t))).toEqual([]);

    // The schedule's workflow, run now (the schedule runs it at 07:00).
    const result = await h.client.workflow.execute('mailDigestWorkflow', {
      taskQueue: h.config.temporal.taskQueue,
      workflowId: `mail-digest.test.${Date.now()}`,
      args: [],
    });
    expect(result).toEqual({ digests: expect.any(Number) });
    const digest = await mailOf(council(1), 'Tổng hợp việc chờ xử lý');
    expect(digest.subject).toMatch(
      /^\[Thi đua – Khen thưởng\] Tổng hợp việc chờ xử lý ngày \d{2}\/\d{2}\/\d{4} \(\d+ thông báo\)$/,
    );
    for (const [i, title] of titles.entries()) {
      expect(digest.text).toContain(`Việc mới cần xử lý: ${title}`);
      expect(digest.text).toContain(`${BASE}/app/approvals/${encodeURIComponent(chains[i].chainId)}`);
    }
    expect(linkOf(digest)).toBeUndefined();
    expect(digest.text).toContain(`Mở "Việc chờ xử lý": ${BASE}/app/inbox`);
    // Run again: nothing held any more, no second digest.
    await h.client.workflow.execute('mailDigestWorkflow', {
      taskQueue: h.config.temporal.taskQueue,
      workflowId: `mail-digest.test.again.${Date.now()}`,
      args: [],
    });
    await outboxSettled('digest:%');
    expect(mailsTo(council(1)).filter((m) => m.subject.includes('Tổng hợp'))).toHaveLength(1);
    await setPreference(as.council(1), 'IMMEDIATE', demoEmail(council(1)));
  });

  it('given the SMTP server down, should take the decision at once and deliver its mail once the server is back', async () => {
    const title = 'Hồ sơ thử – máy chủ thư ngừng';
    const view = await start(chain([level('CV', Role.BOARD_SPECIALIST), level('TP', Role.BOARD_HEAD)]), title);
    await mailOf(specialist(), 'Việc mới cần xử lý', title);
    await sink.down();
    try {
      const decided = await http()
        .post(`/v1/approvals/${view.chainId}/decisions`)
        .set(as.specialist())
        .send({ decision: 'APPROVE', itemIds: ['CO:HLHPN'] });
      expect(decided.status).toBe(200);
      expect((decided.body as { tasks: { userId: string }[] }).tasks).toEqual([expect.objectContaining({ userId: boardHead() })]);
      // The sender tried and failed: the mail waits in the outbox with the error.
      await waitFor('a failed attempt', async () => {
        const rows: { status: string; attempts: number; last_error: string | null }[] = await h.dataSource.query(
          `SELECT status, attempts, last_error FROM mail_outbox WHERE event_key LIKE $1 AND username = $2`,
          [`chain:${view.chainId}:%`, boardHead()],
        );
        return rows[0]?.status === 'PENDING' && rows[0].attempts >= 1 && rows[0].last_error ? rows[0] : undefined;
      });
      expect(mailsTo(boardHead(), title)).toEqual([]);
    } finally {
      await sink.up();
    }
    const late = await mailOf(boardHead(), 'Việc mới cần xử lý', title);
    expect(linkOf(late)).toBe(`${BASE}/app/approvals/${encodeURIComponent(view.chainId)}`);
  });

  it('given a LIVE S1 cycle, should mail each unit head the pledge to sign and, past the deadline, that it was missed', async () => {
    await s1.start();
    const launched = await s1.post(`/v1/cycles/${s1.cycleId}/launch`, s1.leader, {
      plan: 'Kế hoạch thi đua năm 2020',
      pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ năm 2020',
      criteria: CRITERIA,
      pledgeDeadline: new Date(Date.now() + 8000).toISOString(),
      selfAssessmentDeadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    });
    expect(launched.phase).toBe('PLEDGE');
    const cycleLink = `${BASE}/app/cycles/${encodeURIComponent(s1.cycleId)}/unit`;
    const heads = (['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'] as const).map((k) => user(Role.UNIT_HEAD, h.demo.unit(k)));
    for (const head of heads) {
      const pledge = await mailOf(head, 'Việc mới cần xử lý: Ký giao ước thi đua năm 2020');
      expect(linkOf(pledge)).toBe(cycleLink);
      expect(pledge.text).toContain('Hạn: ');
      expect(pledge.text).toMatch(/\nĐơn vị: [^\n\d]+\.\n/); // the unit by its name, not its code
    }
    // One unit signs in time; the others are flagged late by the deadline's timer and told so.
    await s1.post(`/v1/cycles/${s1.cycleId}/pledges`, as.head(h.demo.unit('LDLD')));
    await s1.waitForPhase('SELF_ASSESSMENT');
    for (const head of heads.filter((x) => x !== user(Role.UNIT_HEAD, h.demo.unit('LDLD')))) {
      const missed = await mailOf(head, 'Đã quá hạn ký giao ước thi đua năm 2020');
      expect(missed.text).toMatch(/trước hạn \d{2}\/\d{2}\/\d{4}; đơn vị đã được ghi nhận chậm hạn\./);
      expect(linkOf(missed)).toBe(cycleLink);
    }
    await outboxSettled(`cycle-%${s1.cycleId}%`);
    expect(mailsTo(user(Role.UNIT_HEAD, h.demo.unit('LDLD')), 'Đã quá hạn')).toEqual([]);
    for (const head of heads) expect(mailsTo(head).filter((m) => m.subject.includes('Ký giao ước'))).toHaveLength(1);
  });

  it('should put no password, token or ballot content in any mail', async () => {
    const login = await http().post('/v1/auth/login').send({ username: specialist(), password: TEST_PASSWORD });
    tokens.push(login.body.accessToken as string, login.body.refreshToken as string);
    const all = sink.messages();
    expect(all.length).toBeGreaterThan(10);
    for (const m of all) {
      const text = `${m.subject}\n${m.text}`;
      expect(text).not.toContain(TEST_PASSWORD);
      expect(text).not.toMatch(/password|mật khẩu|Bearer|eyJ[A-Za-z0-9_-]{10,}|phiếu bầu|receipt|teller/i);
      for (const token of tokens) expect(text).not.toContain(token);
      expect(text).toBe(text.normalize('NFC'));
    }
  });
});
