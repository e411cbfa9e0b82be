import { decide, decideBulk, openTasks } from '../../../src/domain/approval';
import { Role } from '../../../src/shared/actors';
import { ItemStatus, LevelMode } from '../../../src/shared/approval';
import { ErrorCode } from '../../../src/shared/errors';
import { actor, chain, deepFreeze, items, later, level, person, refused, Sim, SUBMITTER } from './chain.fixtures';

const twoSpecialists = () =>
  new Sim(
    chain([
      level('CV', Role.BOARD_SPECIALIST, LevelMode.ANY, { due: { workingDays: 5 } }),
      level('TP', Role.BOARD_HEAD, LevelMode.ANY, { due: { workingDays: 3 } }),
    ]),
    items('A', 'B', 'C', 'D'),
    { CV: [{ ...person('cv1'), displayName: 'Nguyễn Văn An' }, person('cv2', 'HND')], TP: [person('tp')] },
  );

describe('race on an ANY level', () => {
  it('given a second, different decision after the first settled the item, should refuse it naming the winner', () => {
    const sim = twoSpecialists();
    sim.approve('cv1', ['A']);
    const second = sim.at(later(sim.now, 2)).refusal({
      type: 'REJECT',
      actor: actor('cv2', Role.BOARD_SPECIALIST),
      itemIds: ['A'],
      reason: 'Chưa đủ hồ sơ',
    });
    expect(second).toEqual({
      ok: false,
      code: ErrorCode.TASK_ALREADY_DECIDED,
      detail: 'item A was already settled at level CV: APPROVE by cv1 at 2025-12-01T02:00:00.000Z',
      itemId: 'A',
      winner: {
        userId: 'cv1',
        displayName: 'Nguyễn Văn An',
        decision: 'APPROVE',
        at: '2025-12-01T02:00:00.000Z',
        levelCode: 'CV',
      },
      messageVi: '"Đề nghị A" đã được Nguyễn Văn An quyết định (đồng ý) lúc 09:00 ngày 01/12/2025.',
    });
    expect(sim.where('A')).toBe('PENDING@TP#1');
  });

  it('given the winner returned the item, should name the return even after the resubmission moved it on', () => {
    const sim = twoSpecialists();
    sim.returnItems('cv1', ['A']);
    expect(sim.refusal({ type: 'APPROVE', actor: actor('cv2', Role.BOARD_SPECIALIST), itemIds: ['A'] }).winner?.decision).toBe(
      'RETURN',
    );
    sim.resubmit(['A']);
    sim.approve('cv2', ['A']);
    const late = sim.refusal({ type: 'APPROVE', actor: actor('cv1', Role.BOARD_SPECIALIST), itemIds: ['A'] });
    expect(late.winner).toMatchObject({ userId: 'cv2', decision: 'APPROVE' });
  });

  it('given a later level’s person on an item still at an earlier level, should refuse with WRONG_STATE', () => {
    const sim = twoSpecialists();
    sim.approve('cv1', ['A']);
    sim.returnItems('tp', ['A']);
    sim.resubmit(['A']);
    const early = sim.refusal({ type: 'APPROVE', actor: actor('tp', Role.BOARD_HEAD), itemIds: ['A'] });
    expect(early).toMatchObject({ code: ErrorCode.WRONG_STATE, detail: 'item A is PENDING at level CV (round 2)' });
  });
});

describe('decideBulk', () => {
  it('given mixed commands, should apply each item on its own and report per item', () => {
    const sim = twoSpecialists();
    const state = deepFreeze(sim.state);
    const cv1 = actor('cv1', Role.BOARD_SPECIALIST);
    const {
      state: next,
      results,
      events,
    } = decideBulk(
      state,
      [
        { type: 'APPROVE', actor: cv1, itemIds: ['A', 'Z', 'B'] },
        { type: 'RETURN', actor: cv1, itemIds: ['C'], reason: '' },
        { type: 'RETURN', actor: cv1, itemIds: ['C'], reason: 'Bổ sung minh chứng' },
        { type: 'REJECT', actor: actor('cv2', Role.BOARD_SPECIALIST), itemIds: ['A', 'D'], reason: 'Không đạt' },
        { type: 'COMMENT', actor: SUBMITTER, text: 'Đã xem' },
      ],
      sim.now,
    );
    expect(results).toEqual([
      { commandIndex: 0, itemId: 'A', ok: true },
      { commandIndex: 0, itemId: 'Z', ok: false, code: ErrorCode.APPROVAL_ITEM_NOT_FOUND, detail: 'no item Z in chain chain-1' },
      { commandIndex: 0, itemId: 'B', ok: true },
      { commandIndex: 1, itemId: 'C', ok: false, code: ErrorCode.REASON_REQUIRED, detail: 'a reason is required to return' },
      { commandIndex: 2, itemId: 'C', ok: true },
      expect.objectContaining({
        commandIndex: 3,
        itemId: 'A',
        ok: false,
        code: ErrorCode.TASK_ALREADY_DECIDED,
        winner: expect.objectContaining({ userId: 'cv1' }),
      }),
      { commandIndex: 3, itemId: 'D', ok: true },
      { commandIndex: 4, ok: true },
    ]);
    expect(['A', 'B', 'C', 'D'].map((id) => next.items[id].status)).toEqual([
      ItemStatus.PENDING,
      ItemStatus.PENDING,
      ItemStatus.RETURNED,
      ItemStatus.REJECTED,
    ]);
    expect(events.map((e) => e.seq)).toEqual(next.log.slice(state.log.length).map((e) => e.seq));
    expect(state.items.A.status).toBe(ItemStatus.PENDING);
    expect(state.items.A.levelIndex).toBe(0);
  });
});

describe('openTasks', () => {
  it('given items spread over levels and votes, should list what each person still has to do', () => {
    const sim = twoSpecialists();
    sim.approve('cv1', ['A']);
    expect(openTasks(sim.state).map((t) => [t.levelCode, t.userId, t.itemIds, t.round])).toEqual([
      ['CV', 'cv1', ['B', 'C', 'D'], 1],
      ['CV', 'cv2', ['B', 'C', 'D'], 1],
      ['TP', 'tp', ['A'], 1],
    ]);
    sim.returnItems('cv2', ['B']);
    sim.resubmit(['B']);
    expect(openTasks(sim.state)[0]).toMatchObject({ userId: 'cv1', itemIds: ['B', 'C', 'D'], round: 2 });
  });

  it('given decide is called directly on a frozen state, should leave the input untouched', () => {
    const sim = twoSpecialists();
    const frozen = deepFreeze(sim.state);
    const json = JSON.stringify(frozen);
    decide(frozen, { type: 'APPROVE', actor: actor('cv1', Role.BOARD_SPECIALIST), itemIds: ['A', 'B'] }, sim.now);
    refused(decide(frozen, { type: 'APPROVE', actor: actor('tp', Role.BOARD_HEAD), itemIds: ['A'] }, sim.now));
    expect(JSON.stringify(frozen)).toBe(json);
  });
});
