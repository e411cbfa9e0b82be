import type { CycleView, InboxItem } from '../../../web/src/api/types';
import { cycleTasks, decorate, filterTasks, sortTasks } from '../../../web/src/lib/inbox';

const NOW = new Date('2020-06-01T00:00:00Z');

function cycle(patch: Partial<CycleView>): CycleView {
  return {
    cycleId: 'cycle.BK.MTTQ-DT.2020',
    provinceCode: 'BK',
    blocCode: 'MTTQ-DT',
    blocName: 'Khối MTTQ',
    year: 2020,
    phase: 'PLEDGE',
    status: 'ACTIVE',
    version: 3,
    units: [
      { code: 'BK-HLHPN', name: 'Hội LHPN' },
      { code: 'BK-LDLD', name: 'LĐLĐ' },
    ],
    leaderUnit: 'BK-HLHPN',
    deputyUnit: 'BK-LDLD',
    rulesVersion: 'v1',
    pledges: {},
    lateUnits: {},
    assessments: {},
    nominees: [],
    unitProgress: [],
    launch: {
      plan: 'Kế hoạch',
      pledgeText: 'Giao ước',
      criteria: [],
      pledgeDeadline: '2020-05-01T00:00:00Z',
      selfAssessmentDeadline: '2020-11-30T00:00:00Z',
      launchedAt: '2020-03-01T00:00:00Z',
      launchedBy: 'head.bk-hlhpn',
    },
    ...patch,
  };
}

describe('web inbox (fallback derivation, decoration, filters)', () => {
  it('given the pledge phase, should ask each head who has not signed, overdue after the deadline', () => {
    const tasks = cycleTasks(cycle({}), { role: 'UNIT_HEAD', unitCode: 'BK-LDLD', provinceCode: 'BK' }, NOW);
    expect(tasks.map((t) => [t.action, t.overdue, t.href])).toEqual([
      ['SIGN_PLEDGE', true, '/cycles/cycle.BK.MTTQ-DT.2020/unit'],
    ]);
    expect(
      cycleTasks(
        cycle({ pledges: { 'BK-LDLD': { signedAt: '', signedBy: '' } } }),
        { role: 'UNIT_HEAD', unitCode: 'BK-LDLD' },
        NOW,
      ),
    ).toEqual([]);
  });

  it('given sheets approved by their units, should give the Trưởng khối one review per unit, decidable in bulk', () => {
    const progress = (unitCode: string, assessmentStatus: 'UNIT_APPROVED' | 'SUBMITTED') => ({
      unitCode,
      unitName: unitCode,
      pledgeSignedAt: null,
      pledgeLate: false,
      assessmentStatus,
      assessmentLate: false,
      assessmentRounds: 1,
      verifiedTotal: null,
    });
    const c = cycle({
      phase: 'SELF_ASSESSMENT',
      unitProgress: [progress('BK-HLHPN', 'UNIT_APPROVED'), progress('BK-LDLD', 'SUBMITTED')],
    });
    const leader = cycleTasks(c, { role: 'UNIT_HEAD', unitCode: 'BK-HLHPN' }, NOW);
    expect(leader.filter((t) => t.action === 'REVIEW_ASSESSMENT').map((t) => [t.unitCode, t.bulk])).toEqual([
      ['BK-HLHPN', 'ACCEPT_ASSESSMENT'],
    ]);
    const member = cycleTasks(c, { role: 'UNIT_HEAD', unitCode: 'BK-LDLD' }, NOW);
    expect(member.map((t) => t.action)).toEqual(['APPROVE_ASSESSMENT']);
  });

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
    expect(filterTasks(tasks, { overdueOnly: true }).map((t) => t.id)).toEqual(['c']);
    expect(filterTasks(tasks, { dueBefore: '2019-12-31' })).toEqual([]);
  });
});
