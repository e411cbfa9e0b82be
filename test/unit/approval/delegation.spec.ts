import { resolveAssignees } from '../../../src/domain/approval';
import type { Delegation } from '../../../src/shared/approval';

const holders = [
  { userId: 'cv-an', displayName: 'Nguyễn Văn An', unitCode: 'SNV' },
  { userId: 'cv-binh', displayName: 'Trần Thị Bình', unitCode: 'SNV' },
];

const delegation = (fromUserId: string, toUserId: string, validFrom: string, validTo: string): Delegation => ({
  fromUserId,
  toUserId,
  toDisplayName: `Delegate ${toUserId}`,
  toUnitCode: 'SNV',
  validFrom,
  validTo,
});

describe('resolveAssignees', () => {
  it('given no delegation, should assign each holder in their own right', () => {
    expect(resolveAssignees(holders, [], '2025-12-01')).toEqual([
      { userId: 'cv-an', displayName: 'Nguyễn Văn An', unitCode: 'SNV', source: 'ROLE' },
      { userId: 'cv-binh', displayName: 'Trần Thị Bình', unitCode: 'SNV', source: 'ROLE' },
    ]);
  });

  it('given a delegation in force, should replace the holder by the delegate acting for them', () => {
    const [an] = resolveAssignees(holders, [delegation('cv-an', 'cv-cuong', '2025-11-28', '2025-12-05')], '2025-12-01');
    expect(an).toEqual({
      userId: 'cv-cuong',
      displayName: 'Delegate cv-cuong',
      unitCode: 'SNV',
      actingFor: { userId: 'cv-an', displayName: 'Nguyễn Văn An', unitCode: 'SNV' },
      source: 'DELEGATION',
    });
  });

  it.each([
    ['the day before', '2025-11-27', 'cv-an'],
    ['the first day', '2025-11-28', 'cv-cuong'],
    ['the last day', '2025-12-05', 'cv-cuong'],
    ['the day after', '2025-12-06', 'cv-an'],
  ])('given a time-bound delegation, on %s should assign %s', (_label, date, expected) => {
    const [an] = resolveAssignees(holders, [delegation('cv-an', 'cv-cuong', '2025-11-28', '2025-12-05')], date);
    expect(an.userId).toBe(expected);
  });

  it('given the delegate delegated in turn, should stop at the first delegate (no cascade)', () => {
    const chain = [
      delegation('cv-an', 'cv-cuong', '2025-12-01', '2025-12-31'),
      delegation('cv-cuong', 'cv-dung', '2025-12-01', '2025-12-31'),
    ];
    const [an] = resolveAssignees(holders, chain, '2025-12-10');
    expect(an.userId).toBe('cv-cuong');
    expect(an.actingFor?.userId).toBe('cv-an');
  });

  it('given a delegation to oneself, should ignore it', () => {
    expect(resolveAssignees(holders, [delegation('cv-an', 'cv-an', '2025-12-01', '2025-12-31')], '2025-12-10')[0]).toEqual({
      ...holders[0],
      source: 'ROLE',
    });
  });

  it('given an out-of-office record, should treat it as a delegation', () => {
    const away: Delegation = { ...delegation('cv-binh', 'cv-an', '2025-12-08', '2025-12-12'), kind: 'OUT_OF_OFFICE' };
    const assignees = resolveAssignees(holders, [away], '2025-12-09');
    // cv-an now holds two tasks: their own and Bình's, in two capacities.
    expect(assignees.map((a) => `${a.userId}:${a.actingFor?.userId ?? '-'}`)).toEqual(['cv-an:-', 'cv-an:cv-binh']);
  });

  it('given two overlapping delegations, should use the one that started last', () => {
    const both = [
      delegation('cv-an', 'cv-cuong', '2025-12-01', '2025-12-31'),
      delegation('cv-an', 'cv-dung', '2025-12-08', '2025-12-12'),
    ];
    expect(resolveAssignees(holders, both, '2025-12-10')[0].userId).toBe('cv-dung');
    expect(resolveAssignees(holders, both, '2025-12-15')[0].userId).toBe('cv-cuong');
  });

  it('given a holder listed twice, should assign them once', () => {
    expect(resolveAssignees([holders[0], holders[0]], [], '2025-12-01')).toHaveLength(1);
  });
});
