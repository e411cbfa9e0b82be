import { chainMails, cycleMails, digestMail, formatDateVi, renderBody } from '../../src/domain/mail';
import { Role } from '../../src/shared/actors';
import { LevelMode } from '../../src/shared/approval';
import type { CycleState } from '../../src/shared/cycle-types';
import { chain, items, level, person, Sim } from './approval/chain.fixtures';

describe('E-mail texts (src/domain/mail.ts)', () => {
  it('should write dates as dd/mm/yyyy in Vietnam time', () => {
    expect(formatDateVi('2025-12-31T17:30:00.000Z')).toBe('01/01/2026');
    expect(formatDateVi('2025-03-05T02:00:00.000Z')).toBe('05/03/2025');
  });

  it('given a level opened to two people, should write one task mail each, keyed by the event and the person, linking the chain', () => {
    const sim = new Sim(chain([level('CV', Role.BOARD_SPECIALIST, LevelMode.ANY, { due: { workingDays: 3 } })]), items('A'), {
      CV: [
        { ...person('cv1'), displayName: 'Nguyễn Văn A' },
        { ...person('cv2'), displayName: 'Trần Thị B' },
      ],
    });
    const mails = chainMails(sim.state, sim.state.log);
    expect(mails.map((m) => [m.kind, m.username, m.link])).toEqual([
      ['TASK_ASSIGNED', 'cv1', '/app/approvals/chain-1'],
      ['TASK_ASSIGNED', 'cv2', '/app/approvals/chain-1'],
    ]);
    const [first] = mails;
    expect(first.eventKey).toMatch(/^chain:chain-1:\d+:cv1$/);
    expect(first.subject).toBe('[Thi đua – Khen thưởng] Việc mới cần xử lý: Hồ sơ khen thưởng năm 2025');
    expect(first.body).toContain('Kính gửi Nguyễn Văn A,');
    expect(first.body).toContain('Nội dung: Đề nghị A.');
    expect(first.body).toMatch(/Hạn xử lý: \d{2}\/\d{2}\/\d{4}\./);
    expect(first.body).toBe(first.body.normalize('NFC'));
    // The same events again (a retried projection) give the same keys: the outbox's unique key absorbs them.
    expect(chainMails(sim.state, sim.state.log).map((m) => m.eventKey)).toEqual(mails.map((m) => m.eventKey));
    expect(renderBody(first.body, first.link, 'https://thiduakhenthuong.example/')).toContain(
      'Mở việc trên hệ thống: https://thiduakhenthuong.example/app/approvals/chain-1',
    );
  });

  it('given a RECORD cycle, should send nothing', () => {
    const state = { mode: 'RECORD' } as CycleState;
    expect(
      cycleMails(undefined, state, [{ username: 'x', displayName: 'X', role: Role.UNIT_HEAD, unitCode: 'U' }], new Date()),
    ).toEqual([]);
  });

  it('should list the held notifications in one digest with each link made absolute', () => {
    const digest = digestMail(
      { username: 'hd1', displayName: 'Lê Văn C' },
      [
        {
          subject: '[Thi đua – Khen thưởng] Việc mới cần xử lý: Hồ sơ 1',
          link: '/app/approvals/a',
          createdAt: '2025-12-01T02:00:00Z',
        },
        {
          subject: '[Thi đua – Khen thưởng] Nhắc hạn xử lý: Hồ sơ 2',
          link: '/app/approvals/b',
          createdAt: '2025-12-02T02:00:00Z',
        },
      ],
      '42',
      '2025-12-03T00:00:00Z',
    );
    expect(digest.eventKey).toBe('digest:hd1:42');
    expect(digest.subject).toBe('[Thi đua – Khen thưởng] Tổng hợp việc chờ xử lý ngày 03/12/2025 (2 thông báo)');
    const text = renderBody(digest.body, digest.link, 'https://tdkt.example');
    expect(text).toContain('1. Việc mới cần xử lý: Hồ sơ 1 (01/12/2025)\n   https://tdkt.example/app/approvals/a');
    expect(text).toContain('2. Nhắc hạn xử lý: Hồ sơ 2 (02/12/2025)\n   https://tdkt.example/app/approvals/b');
    expect(text).toContain('Mở "Việc chờ xử lý": https://tdkt.example/app/inbox');
  });
});
