import { chainStatus, levelsToOpen } from '../../../src/domain/approval';
import { Role } from '../../../src/shared/actors';
import { ItemStatus, LevelMode } from '../../../src/shared/approval';
import { ErrorCode } from '../../../src/shared/errors';
import { actor, chain, items, later, level, person, Sim, SUBMITTER } from './chain.fixtures';

const twoLevels = (extra = {}) =>
  chain(
    [
      level('CV', Role.BOARD_SPECIALIST, LevelMode.ANY, { due: { workingDays: 5 } }),
      level('TP', Role.BOARD_HEAD, LevelMode.ANY, { due: { workingDays: 3 } }),
    ],
    extra,
  );
const people = { CV: [person('cv')], TP: [person('tp')] };

describe('line items decided differently', () => {
  it('given one dossier, should approve some, return some with reasons and reject others, each on its own', () => {
    const sim = new Sim(twoLevels(), items('A', 'B', 'C', 'D'), people);
    sim.approve('cv', ['A', 'B']);
    sim.returnItems('cv', ['C'], 'Thiếu xác nhận của cơ quan thuế');
    sim.reject('cv', ['D'], 'Đơn vị đang bị xem xét kỷ luật');
    expect(['A', 'B', 'C', 'D'].map((id) => sim.where(id))).toEqual([
      'PENDING@TP#1',
      'PENDING@TP#1',
      'RETURNED@CV#2',
      'REJECTED@CV#1',
    ]);
    expect(sim.log.find((e) => e.type === 'ITEM_RETURNED')).toMatchObject({
      itemIds: ['C'],
      reason: 'Thiếu xác nhận của cơ quan thuế',
      round: 1,
      actor: { userId: 'cv' },
    });
    expect(chainStatus(sim.state)).toBe('IN_PROGRESS');
  });

  it('given a returned item resubmitted, should restart it at level 0 in its own round while the others stay ahead', () => {
    const sim = new Sim(twoLevels(), items('A', 'C'), people);
    sim.approve('cv', ['A']);
    sim.returnItems('cv', ['C']);
    sim.at(later(sim.now, 60 * 24 * 3)).resubmit(['C']);
    expect([sim.where('A'), sim.where('C')]).toEqual(['PENDING@TP#1', 'PENDING@CV#2']);
    // The specialist decides C again in round 2; their round-1 return does not count as a vote now.
    sim.approve('cv', ['C']);
    expect(sim.where('C')).toBe('PENDING@TP#2');
    sim.approve('tp', ['A', 'C']);
    expect(chainStatus(sim.state)).toBe('COMPLETE');
    expect(sim.item('C').outcomes.map((o) => `${o.levelCode}:${o.decision}:r${o.round}`)).toEqual([
      'CV:RETURN:r1',
      'CV:APPROVE:r2',
      'TP:APPROVE:r2',
    ]);
  });

  it('given a resubmission to a level that had emptied, should give it a fresh time limit (a new clock)', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    const firstDue = sim.state.levels[0].clocks[0].dueAt;
    sim.returnItems('cv', ['A']);
    expect(sim.state.levels[0].clocks[0].closedAt).toBe(sim.now);
    sim.at('2025-12-15T02:00:00.000Z').resubmit(['A']);
    expect(sim.state.levels[0].clocks).toHaveLength(2);
    expect(firstDue).toBe('2025-12-08T10:00:00.000Z');
    expect(sim.state.levels[0].clocks[1]).toMatchObject({
      openedAt: '2025-12-15T02:00:00.000Z',
      dueAt: '2025-12-22T10:00:00.000Z',
    });
    expect(sim.types()).toContain('LEVEL_REOPENED');
    expect(levelsToOpen(sim.state)).toEqual([]);
  });

  it('given RESUBMIT of an item that was not returned, should refuse with WRONG_STATE', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    expect(sim.refusal({ type: 'RESUBMIT', actor: SUBMITTER, itemIds: ['A'] })).toMatchObject({
      code: ErrorCode.WRONG_STATE,
      itemId: 'A',
    });
  });

  it('given RESUBMIT by someone other than the submitter, should refuse with NOT_SUBMITTER', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    sim.returnItems('cv', ['A']);
    expect(sim.refusal({ type: 'RESUBMIT', actor: actor('cv', Role.BOARD_SPECIALIST), itemIds: ['A'] }).code).toBe(
      ErrorCode.NOT_SUBMITTER,
    );
  });

  it.each([
    ['REJECT', { type: 'REJECT' as const, reason: '   ' }],
    ['RETURN', { type: 'RETURN' as const, reason: '' }],
  ])('given %s with a blank reason, should refuse with REASON_REQUIRED', (_label, command) => {
    const sim = new Sim(twoLevels(), items('A'), people);
    expect(sim.refusal({ ...command, actor: actor('cv', Role.BOARD_SPECIALIST), itemIds: ['A'] }).code).toBe(
      ErrorCode.REASON_REQUIRED,
    );
  });

  it('given an unknown or repeated item, should refuse the whole command and change nothing', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    const before = sim.state;
    expect(sim.refusal({ type: 'APPROVE', actor: actor('cv', Role.BOARD_SPECIALIST), itemIds: ['A', 'Z'] })).toMatchObject({
      code: ErrorCode.APPROVAL_ITEM_NOT_FOUND,
      itemId: 'Z',
    });
    expect(sim.refusal({ type: 'APPROVE', actor: actor('cv', Role.BOARD_SPECIALIST), itemIds: ['A', 'A'] }).code).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
    expect(sim.state).toBe(before);
  });
});

describe('return cap', () => {
  function returnedTimes(def: ReturnType<typeof twoLevels>, times: number): Sim {
    const sim = new Sim(def, items('A'), people);
    for (let i = 0; i < times; i++) {
      sim.returnItems('cv', ['A'], `Lần ${i + 1}`);
      if (sim.item('A').status === ItemStatus.RETURNED) sim.resubmit(['A']);
    }
    return sim;
  }

  it('given maxReturnRounds 2, should allow two returns and reject on the third (afterMaxRounds REJECT)', () => {
    const twice = returnedTimes(twoLevels(), 2);
    expect(twice.where('A')).toBe('PENDING@CV#3');
    const thrice = returnedTimes(twoLevels(), 3);
    expect(thrice.item('A').status).toBe(ItemStatus.REJECTED);
    expect(thrice.item('A').round).toBe(3);
    expect(thrice.log.at(-2)).toMatchObject({
      type: 'ITEM_REJECTED',
      reason: 'Lần 3',
      detail: 'return number 3 exceeds maxReturnRounds 2 (afterMaxRounds REJECT)',
    });
    expect(thrice.types().at(-1)).toBe('CHAIN_COMPLETED');
  });

  it('given afterMaxRounds ESCALATE, should close the item as ESCALATED instead', () => {
    const sim = returnedTimes(twoLevels({ afterMaxRounds: 'ESCALATE' }), 3);
    expect(sim.item('A').status).toBe(ItemStatus.ESCALATED);
    expect(sim.types()).toContain('ITEM_ESCALATED');
    expect(chainStatus(sim.state)).toBe('COMPLETE');
  });

  it('given maxReturnRounds 0, should reject on the first return', () => {
    expect(returnedTimes(twoLevels({ maxReturnRounds: 0 }), 1).item('A').status).toBe(ItemStatus.REJECTED);
  });

  it('given items in different rounds, should count each item’s returns separately', () => {
    const sim = new Sim(twoLevels({ maxReturnRounds: 1 }), items('A', 'B'), people);
    sim.returnItems('cv', ['A']);
    sim.resubmit(['A']);
    sim.returnItems('cv', ['A', 'B']);
    expect([sim.where('A'), sim.where('B')]).toEqual(['REJECTED@CV#2', 'RETURNED@CV#2']);
  });
});

describe('withdraw', () => {
  it('given the item’s current level has not acted, should withdraw it (also after passing earlier levels)', () => {
    const sim = new Sim(twoLevels(), items('A', 'B'), people);
    sim.approve('cv', ['A']);
    const done = sim.must({ type: 'WITHDRAW', actor: SUBMITTER, itemIds: ['A', 'B'], reason: 'Đơn vị xin rút' });
    expect([sim.where('A'), sim.where('B')]).toEqual(['WITHDRAWN@TP#1', 'WITHDRAWN@CV#1']);
    expect(done.events.map((e) => e.type)).toEqual(['ITEM_WITHDRAWN', 'ITEM_WITHDRAWN', 'CHAIN_COMPLETED']);
    expect(sim.state.levels.map((l) => l.clocks.at(-1)?.closedAt)).toEqual([sim.now, sim.now]);
  });

  it('given the current level has voted, should refuse with WITHDRAW_TOO_LATE naming the vote', () => {
    const sim = new Sim(chain([level('HD', Role.COUNCIL_MEMBER, LevelMode.ALL)]), items('A'), { HD: [person('a'), person('b')] });
    sim.approve('a', ['A']);
    const refusal = sim.refusal({ type: 'WITHDRAW', actor: SUBMITTER, itemIds: ['A'] });
    expect(refusal).toMatchObject({ code: ErrorCode.WITHDRAW_TOO_LATE, itemId: 'A' });
    expect(refusal.detail).toBe(`level HD has acted on item A: APPROVE by a at ${sim.now}`);
    expect(refusal.messageVi).toBe('Không thể rút "Đề nghị A": Ông/bà a đã cho ý kiến.');
  });

  it('given an item already decided, should refuse naming who decided it', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    sim.reject('cv', ['A']);
    expect(sim.refusal({ type: 'WITHDRAW', actor: SUBMITTER, itemIds: ['A'] })).toMatchObject({
      code: ErrorCode.TASK_ALREADY_DECIDED,
      winner: { userId: 'cv', decision: 'REJECT' },
    });
  });

  it('given a returned item, should allow withdrawing it instead of resubmitting', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    sim.returnItems('cv', ['A']);
    sim.must({ type: 'WITHDRAW', actor: SUBMITTER, itemIds: ['A'] });
    expect(sim.item('A').status).toBe(ItemStatus.WITHDRAWN);
  });

  it('given someone other than the submitter, should refuse with NOT_SUBMITTER', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    expect(sim.refusal({ type: 'WITHDRAW', actor: actor('cv', Role.BOARD_SPECIALIST), itemIds: ['A'] }).code).toBe(
      ErrorCode.NOT_SUBMITTER,
    );
  });
});

describe('comments and evidence', () => {
  it('given the submitter and an assignee, should record both comments; a stranger is refused', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    sim.must({ type: 'COMMENT', actor: SUBMITTER, text: ' Đã bổ sung biên bản họp khối ' });
    sim.must({ type: 'COMMENT', actor: actor('cv', Role.BOARD_SPECIALIST), text: 'Đã nhận', itemIds: ['A'] });
    expect(sim.log.filter((e) => e.type === 'COMMENTED').map((e) => [e.actor?.userId, e.text, e.itemIds])).toEqual([
      ['truong-khoi', 'Đã bổ sung biên bản họp khối', undefined],
      ['cv', 'Đã nhận', ['A']],
    ]);
    expect(sim.refusal({ type: 'COMMENT', actor: actor('tp', Role.BOARD_HEAD), text: 'x' }).code).toBe(ErrorCode.NOT_ASSIGNED);
    expect(sim.refusal({ type: 'COMMENT', actor: SUBMITTER, text: '  ' }).code).toBe(ErrorCode.VALIDATION_FAILED);
  });

  it('given evidence references, should keep them with the event that added them', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    const done = sim.must({
      type: 'ATTACH_EVIDENCE',
      actor: SUBMITTER,
      itemIds: ['A'],
      references: [{ title: 'Báo cáo thành tích', url: 'https://files.example/bc-a.pdf' }],
    });
    expect(sim.state.evidence).toEqual([
      {
        title: 'Báo cáo thành tích',
        url: 'https://files.example/bc-a.pdf',
        seq: done.events[0].seq,
        itemIds: ['A'],
        addedBy: 'truong-khoi',
        at: sim.now,
      },
    ]);
    expect(sim.refusal({ type: 'ATTACH_EVIDENCE', actor: SUBMITTER, references: [{ title: 'x', url: ' ' }] }).detail).toBe(
      'references[0] needs a title and a url',
    );
  });
});
