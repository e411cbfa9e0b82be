import type { InboxItem } from '../../../web/src/api/types';
import { decorate, sortTasks } from '../../../web/src/lib/inbox';

describe("web inbox (decoration and order of the server's rows)", () => {
  it("given the server's rows, should link each to its page and mark the bulk-decidable ones", () => {
    const rows: InboxItem[] = [
      {
        id: 'a',
        kind: 'APPROVAL',
        action: 'APPROVAL_DECISION',
        title: 'Hồ sơ',
        provinceCode: 'BK',
        chainId: 'c.1',
        items: [],
        overdue: false,
      },
      {
        id: 'b',
        kind: 'CYCLE_STEP',
        action: 'CLOSE_BALLOT',
        title: 'Kiểm phiếu',
        provinceCode: 'BK',
        cycleId: 'x.1',
        overdue: false,
      },
      {
        id: 'c',
        kind: 'CYCLE_STEP',
        action: 'REVIEW_ASSESSMENT',
        title: 'Xem xét',
        provinceCode: 'BK',
        cycleId: 'x.1',
        overdue: true,
        dueAt: '2020-01-01T00:00:00Z',
      },
    ];
    const tasks = sortTasks(decorate(rows));
    expect(tasks.map((t) => [t.id, t.href, t.bulk])).toEqual([
      ['c', '/cycles/x.1/bloc/assessments', 'ACCEPT_ASSESSMENT'],
      ['a', '/approvals/c.1', 'APPROVAL'],
      ['b', '/cycles/x.1/bloc/conference', undefined],
    ]);
  });
});
