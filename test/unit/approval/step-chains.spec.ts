import {
  cancelChain,
  chainDefinitionProblems,
  chainStatus,
  levelsToOpen,
  openTasks,
  startChain,
  SYSTEM,
} from '../../../src/domain/approval';
import { Role } from '../../../src/shared/actors';
import { type ChainDefinition, ItemStatus, LevelMode, type StartChainInput } from '../../../src/shared/approval';
import { ErrorCode } from '../../../src/shared/errors';
import { actor, chain, deepFreeze, items, later, level, ok, person, refused, Sim, SUBMITTER, T0 } from './chain.fixtures';

const twoLevels = (extra: Partial<ChainDefinition> = {}) =>
  chain(
    [
      level('CV', Role.BOARD_SPECIALIST, LevelMode.ANY, { due: { workingDays: 5 } }),
      level('TP', Role.BOARD_HEAD, LevelMode.ANY, { due: { workingDays: 3 } }),
    ],
    extra,
  );
const people = { CV: [person('cv')], TP: [person('tp')] };

/** A step's chain: its returns go back to the step, which opens the next round's chain. */
const stepChain = (definition = twoLevels(), itemIds = ['A'], firstRound?: number) =>
  new Sim(definition, items(...itemIds), people, {
    start: { returnsEndChain: true, ...(firstRound === undefined ? {} : { firstRound }) },
  });

/** The unit head of the unit whose self-assessment it is, then the Trưởng khối of the bloc. */
const selfAssessment = (): ChainDefinition =>
  chain([
    {
      ...level('TT', Role.UNIT_HEAD, LevelMode.ANY),
      approvers: { role: Role.UNIT_HEAD, scope: 'SUBJECT_UNIT', label: 'Thủ trưởng đơn vị' },
    },
    { ...level('TK', Role.UNIT_HEAD, LevelMode.ANY), approvers: { role: 'BLOC_LEADER', label: 'Trưởng khối' } },
  ]);

const startInput = (extra: Partial<StartChainInput> = {}): StartChainInput => ({
  chainId: 'chain-x',
  definition: twoLevels(),
  subject: { provinceCode: 'BK', title: 'Bảng tự chấm điểm năm 2025' },
  submittedBy: { userId: 'dau-moi', unitCode: 'DTN' },
  items: items('A'),
  ...extra,
});

describe('returnsEndChain: a return goes back to the step that submitted the chain', () => {
  it('given a return, should close the item as RETURNED in its round and complete the chain', () => {
    const sim = stepChain();
    expect(sim.state.returnsEndChain).toBe(true);
    sim.at(later(T0, 60));
    const done = sim.returnItems('cv', ['A'], 'Thiếu minh chứng tiêu chí 2');
    expect(sim.item('A')).toMatchObject({ status: ItemStatus.RETURNED, round: 1, closedAt: sim.now, levelIndex: 0 });
    expect(done.events.map((e) => e.type)).toEqual(['ITEM_RETURNED', 'CHAIN_COMPLETED']);
    expect(done.events[0]).toMatchObject({
      actor: { userId: 'cv' },
      itemIds: ['A'],
      levelCode: 'CV',
      round: 1,
      reason: 'Thiếu minh chứng tiêu chí 2',
      detail: "back to the submitter's step; its resubmission is round 2",
    });
    expect(done.events[1].detail).toBe('0 APPROVED, 0 REJECTED, 1 RETURNED, 0 WITHDRAWN, 0 ESCALATED');
    expect(chainStatus(sim.state)).toBe('COMPLETE');
    expect(sim.state.completedAt).toBe(sim.now);
    expect(sim.item('A').outcomes).toEqual([
      expect.objectContaining({ decision: 'RETURN', levelCode: 'CV', round: 1, userId: 'cv' }),
    ]);
    // Nothing waits in the chain any more: no clock runs, no level to open, no task in anyone's inbox.
    expect(sim.state.levels[0].clocks.at(-1)?.closedAt).toBe(sim.now);
    expect(levelsToOpen(sim.state)).toEqual([]);
    expect(openTasks(sim.state)).toEqual([]);
  });

  it('given a chain started without it, should leave the flag out and keep a returned item waiting in the chain', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    expect(sim.state).not.toHaveProperty('returnsEndChain');
    sim.returnItems('cv', ['A']);
    expect(sim.item('A')).toMatchObject({ status: ItemStatus.RETURNED, round: 2 });
    expect(sim.item('A').closedAt).toBeUndefined();
    expect(chainStatus(sim.state)).toBe('IN_PROGRESS');
  });

  it('given two items and one returned, should complete the chain only once the other is settled', () => {
    const sim = stepChain(twoLevels(), ['A', 'B']);
    sim.returnItems('cv', ['A']);
    expect(chainStatus(sim.state)).toBe('IN_PROGRESS');
    expect(sim.state.completedAt).toBeUndefined();
    sim.approve('cv', ['B']);
    const done = sim.approve('tp', ['B']);
    expect(done.events.map((e) => e.type)).toEqual(['VOTE_APPROVE', 'ITEM_APPROVED', 'CHAIN_COMPLETED']);
    expect(done.events.at(-1)?.detail).toBe('1 APPROVED, 0 REJECTED, 1 RETURNED, 0 WITHDRAWN, 0 ESCALATED');
    expect([sim.where('A'), sim.where('B')]).toEqual(['RETURNED@CV#1', 'APPROVED@TP#1']);
  });

  it('given a return at a later level, should close the item there', () => {
    const sim = stepChain();
    sim.approve('cv', ['A']);
    sim.returnItems('tp', ['A']);
    expect(sim.item('A')).toMatchObject({ status: ItemStatus.RETURNED, levelIndex: 1, round: 1, closedAt: sim.now });
    expect(chainStatus(sim.state)).toBe('COMPLETE');
  });

  it('given RESUBMIT of the returned item, should refuse with WRONG_STATE: the step resubmits in a new chain', () => {
    const sim = stepChain();
    sim.returnItems('cv', ['A']);
    const before = sim.state;
    const refusal = sim.refusal({ type: 'RESUBMIT', actor: SUBMITTER, itemIds: ['A'] });
    expect(refusal).toMatchObject({ code: ErrorCode.WRONG_STATE, itemId: 'A' });
    expect(refusal.detail).toBe(
      'item A went back to the step that submitted chain chain-1: resubmit there, which opens a new chain',
    );
    expect(sim.state).toBe(before);
  });

  it('given WITHDRAW of the returned item, should refuse it as already decided, naming who returned it', () => {
    const sim = stepChain();
    sim.returnItems('cv', ['A']);
    expect(sim.refusal({ type: 'WITHDRAW', actor: SUBMITTER, itemIds: ['A'] })).toMatchObject({
      code: ErrorCode.TASK_ALREADY_DECIDED,
      itemId: 'A',
      winner: { userId: 'cv', decision: 'RETURN', levelCode: 'CV' },
    });
  });

  it.each([
    ['APPROVE', { type: 'APPROVE' as const }],
    ['REJECT', { type: 'REJECT' as const, reason: 'Không đạt' }],
    ['RETURN', { type: 'RETURN' as const, reason: 'Bổ sung' }],
  ])('given %s of the returned item by an assignee, should refuse with TASK_ALREADY_DECIDED', (_label, command) => {
    const sim = stepChain();
    sim.approve('cv', ['A']);
    sim.returnItems('tp', ['A']);
    for (const userId of ['cv', 'tp']) {
      expect(sim.refusal({ ...command, actor: actor(userId, Role.BOARD_SPECIALIST), itemIds: ['A'] })).toMatchObject({
        code: ErrorCode.TASK_ALREADY_DECIDED,
        itemId: 'A',
        winner: { userId: 'tp', decision: 'RETURN', levelCode: 'TP' },
      });
    }
  });

  it('given the last return the cap allows (round 2 of maxReturnRounds 2), should still return the item', () => {
    const sim = stepChain(twoLevels({ maxReturnRounds: 2 }), ['A'], 2);
    sim.returnItems('cv', ['A']);
    expect(sim.item('A')).toMatchObject({ status: ItemStatus.RETURNED, round: 2 });
    expect(sim.log.find((e) => e.type === 'ITEM_RETURNED')?.detail).toBe(
      "back to the submitter's step; its resubmission is round 3",
    );
  });

  it.each([
    ['REJECT' as const, ItemStatus.REJECTED, 'ITEM_REJECTED'],
    ['ESCALATE' as const, ItemStatus.ESCALATED, 'ITEM_ESCALATED'],
  ])('given a return beyond the cap with afterMaxRounds %s, should close the item as %s, not RETURNED', (how, status, type) => {
    const sim = stepChain(twoLevels({ maxReturnRounds: 2, afterMaxRounds: how }), ['A'], 3);
    const done = sim.returnItems('cv', ['A'], 'Lần thứ ba');
    expect(sim.item('A')).toMatchObject({ status, round: 3, closedAt: sim.now });
    expect(done.events.map((e) => e.type)).toEqual([type, 'CHAIN_COMPLETED']);
    expect(done.events[0]).toMatchObject({
      reason: 'Lần thứ ba',
      round: 3,
      detail: `return number 3 exceeds maxReturnRounds 2 (afterMaxRounds ${how})`,
    });
    expect(sim.types()).not.toContain('ITEM_RETURNED');
  });

  it('given maxReturnRounds 0, should reject the first return instead of sending it back', () => {
    const sim = stepChain(twoLevels({ maxReturnRounds: 0 }));
    sim.returnItems('cv', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.REJECTED);
  });
});

describe('firstRound: the round a step’s chain starts in', () => {
  it('given firstRound 3, should start the items, the submission event, the votes and the tasks in round 3', () => {
    const sim = new Sim(twoLevels({ maxReturnRounds: 5 }), items('A', 'B'), people, { start: { firstRound: 3 } });
    expect([sim.where('A'), sim.where('B')]).toEqual(['PENDING@CV#3', 'PENDING@CV#3']);
    expect(sim.log[0]).toMatchObject({ type: 'CHAIN_SUBMITTED', round: 3, itemIds: ['A', 'B'] });
    expect(openTasks(sim.state).map((t) => [t.userId, t.round])).toEqual([['cv', 3]]);
    sim.approve('cv', ['A']);
    expect(sim.item('A').outcomes[0]).toMatchObject({ decision: 'APPROVE', round: 3 });
    expect(sim.log.find((e) => e.type === 'LEVEL_PASSED')?.round).toBe(3);
    // Without returnsEndChain a return still opens the next round in this chain.
    sim.returnItems('cv', ['B']);
    expect(sim.where('B')).toBe('RETURNED@CV#4');
  });

  it('given no firstRound, should start in round 1', () => {
    const started = ok(startChain(startInput(), T0));
    expect(started.state.items.A.round).toBe(1);
    expect(started.events[0]).toMatchObject({ type: 'CHAIN_SUBMITTED', round: 1 });
  });

  it.each([0, 1.5, -1])('given firstRound %p, should refuse the chain with VALIDATION_FAILED', (firstRound) => {
    expect(refused(startChain(startInput({ firstRound }), T0))).toEqual({
      ok: false,
      code: ErrorCode.VALIDATION_FAILED,
      detail: `firstRound must be a whole number >= 1: ${firstRound}`,
    });
  });

  it('given firstRound 3 and maxReturnRounds 2, should reject on the first return: the cap counts rounds across chains', () => {
    const sim = new Sim(twoLevels({ maxReturnRounds: 2 }), items('A'), people, { start: { firstRound: 3 } });
    sim.returnItems('cv', ['A'], 'Vẫn thiếu minh chứng');
    expect(sim.item('A')).toMatchObject({ status: ItemStatus.REJECTED, round: 3 });
    expect(sim.log.find((e) => e.type === 'ITEM_REJECTED')?.detail).toBe(
      'return number 3 exceeds maxReturnRounds 2 (afterMaxRounds REJECT)',
    );
    expect(chainStatus(sim.state)).toBe('COMPLETE');
  });
});

describe('cancelChain', () => {
  /** A: at TP; B: at CV; C: returned, awaiting resubmission; D: approved. */
  function midway(): Sim {
    const sim = new Sim(twoLevels(), items('A', 'B', 'C', 'D'), people);
    sim.approve('cv', ['A', 'D']);
    sim.approve('tp', ['D']);
    sim.returnItems('cv', ['C']);
    return sim;
  }

  it('given open items, should withdraw each by the system with the reason and complete the chain', () => {
    const sim = midway();
    expect(openTasks(sim.state)).not.toEqual([]);
    const now = later(T0, 60 * 24);
    const reason = 'Hết hạn tự chấm điểm';
    const done = ok(cancelChain(deepFreeze(sim.state), reason, now));
    expect(done.events.map((e) => [e.type, e.actor?.userId, e.itemIds, e.levelCode, e.round, e.reason])).toEqual([
      ['ITEM_WITHDRAWN', SYSTEM.userId, ['A'], 'TP', 1, reason],
      ['ITEM_WITHDRAWN', SYSTEM.userId, ['B'], 'CV', 1, reason],
      ['ITEM_WITHDRAWN', SYSTEM.userId, ['C'], 'CV', 2, reason],
      ['CHAIN_COMPLETED', undefined, ['A', 'B', 'C', 'D'], undefined, undefined, undefined],
    ]);
    expect(done.events[0].actor).toEqual(SYSTEM);
    expect(done.events.at(-1)?.detail).toBe('1 APPROVED, 0 REJECTED, 0 RETURNED, 3 WITHDRAWN, 0 ESCALATED');
    const { state } = done;
    expect(['A', 'B', 'C', 'D'].map((id) => state.items[id].status)).toEqual([
      ItemStatus.WITHDRAWN,
      ItemStatus.WITHDRAWN,
      ItemStatus.WITHDRAWN,
      ItemStatus.APPROVED,
    ]);
    expect(state.items.B.closedAt).toBe(now);
    expect(state.items.C.outcomes.at(-1)).toEqual({
      userId: SYSTEM.userId,
      displayName: SYSTEM.displayName,
      decision: 'WITHDRAW',
      at: now,
      levelCode: 'CV',
      round: 2,
      reason,
    });
    expect(chainStatus(state)).toBe('COMPLETE');
    expect(state.completedAt).toBe(now);
    expect(openTasks(state)).toEqual([]);
    expect(levelsToOpen(state)).toEqual([]);
    expect(state.levels.map((l) => l.clocks.at(-1)?.closedAt)).toEqual([now, now]);
    // The input is untouched.
    expect(sim.item('A').status).toBe(ItemStatus.PENDING);
  });

  it('given a complete chain, should be a no-op: the same state and no events', () => {
    const sim = new Sim(twoLevels(), items('A'), people);
    sim.reject('cv', ['A']);
    expect(chainStatus(sim.state)).toBe('COMPLETE');
    const result = ok(cancelChain(deepFreeze(sim.state), 'Kết thúc', later(sim.now, 5)));
    expect(result.state).toBe(sim.state);
    expect(result.events).toEqual([]);
  });

  it('given a step chain whose only item was returned, should be a no-op: the chain is already complete', () => {
    const sim = stepChain();
    sim.returnItems('cv', ['A']);
    const result = ok(cancelChain(sim.state, 'Kết thúc', later(sim.now, 5)));
    expect(result.state).toBe(sim.state);
    expect(result.events).toEqual([]);
    expect(result.state.items.A.status).toBe(ItemStatus.RETURNED);
  });

  it('given a level blocked by a NO_APPROVER incident, should resolve the incident with the cancellation', () => {
    const sim = new Sim(twoLevels(), items('A'), { CV: [] });
    expect(sim.state.incidents).toEqual([expect.objectContaining({ reason: 'NO_APPROVER', levelCode: 'CV' })]);
    const now = later(sim.now, 30);
    const done = ok(cancelChain(sim.state, 'Hủy quy trình', now));
    expect(done.events.map((e) => e.type)).toEqual(['ITEM_WITHDRAWN', 'INCIDENT_RESOLVED', 'CHAIN_COMPLETED']);
    expect(done.state.incidents[0].resolvedAt).toBe(now);
    expect(done.state.incidents[0].resolution).toBe('chain cancelled: Hủy quy trình');
  });

  it('given a blank reason, should record a default one rather than an empty reason', () => {
    const sim = new Sim(twoLevels(), items('A'), { CV: [] });
    const done = ok(cancelChain(sim.state, '  ', later(sim.now, 5)));
    expect(done.state.items.A.outcomes.at(-1)?.reason).toBe('the step this chain served ended');
  });
});

describe('approvers of the subject unit and the bloc leader', () => {
  const unitLevel = (role: Role, scope?: string) =>
    level('L', role, LevelMode.ANY, {
      approvers: { role, label: 'Người duyệt', ...(scope === undefined ? {} : { scope: scope as 'SUBJECT_UNIT' }) },
    });

  it('given BLOC_LEADER as approver role and a SUBJECT_UNIT unit head, should accept the definition', () => {
    expect(chainDefinitionProblems(selfAssessment())).toEqual([]);
    expect(chainDefinitionProblems(chain([unitLevel(Role.UNIT_FOCAL, 'SUBJECT_UNIT')]))).toEqual([]);
  });

  it.each([Role.UNIT_HEAD, Role.UNIT_FOCAL])('given %s without a scope, should require SUBJECT_UNIT', (role) => {
    expect(chainDefinitionProblems(chain([unitLevel(role)]))).toEqual([
      `levels[0].approvers.scope SUBJECT_UNIT is required for ${role} (the holders of the chain's own unit)`,
    ]);
  });

  it.each([Role.BOARD_SPECIALIST, Role.CHAIRMAN, 'BLOC_LEADER' as const])(
    'given a SUBJECT_UNIT scope on %s, should refuse it',
    (role) => {
      const definition = chain([
        { ...unitLevel(Role.BOARD_HEAD), approvers: { role, scope: 'SUBJECT_UNIT', label: 'Người duyệt' } },
      ]);
      expect(chainDefinitionProblems(definition)).toEqual(['levels[0].approvers.scope is only for UNIT_HEAD and UNIT_FOCAL']);
    },
  );

  it.each([
    [Role.UNIT_HEAD, 'OWN_UNIT'],
    [Role.BOARD_HEAD, 'PROVINCE'],
  ])('given %s with the unknown scope %s, should refuse the scope', (role, scope) => {
    expect(chainDefinitionProblems(chain([unitLevel(role, scope)]))).toEqual([
      `levels[0].approvers.scope must be SUBJECT_UNIT: ${scope}`,
    ]);
  });

  it.each([undefined, '  '])('given a SUBJECT_UNIT level and subject.unitCode %p, should refuse to start', (unitCode) => {
    const input = startInput({
      definition: selfAssessment(),
      subject: { provinceCode: 'BK', title: 'Bảng tự chấm điểm', ...(unitCode === undefined ? {} : { unitCode }) },
    });
    expect(refused(startChain(input, T0))).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      detail: 'subject.unitCode is required: a level takes its approvers from the subject unit',
    });
  });

  it('given the subject unit, should ask for the unit head of that unit, then for the bloc leader without a scope', () => {
    const subject = { provinceCode: 'BK', title: 'Bảng tự chấm điểm', unitCode: 'DTN' };
    const started = ok(startChain(startInput({ definition: selfAssessment(), subject }), T0));
    expect(levelsToOpen(started.state)).toEqual([
      { levelIndex: 0, levelCode: 'TT', role: Role.UNIT_HEAD, scope: 'SUBJECT_UNIT', activated: false },
    ]);
    const sim = new Sim(selfAssessment(), items('A'), { TT: [person('thu-truong', 'DTN')] }, { start: { unitCode: 'DTN' } });
    expect(sim.state.subject.unitCode).toBe('DTN');
    sim.approve('thu-truong', ['A']);
    expect(levelsToOpen(sim.state)).toEqual([{ levelIndex: 1, levelCode: 'TK', role: 'BLOC_LEADER', activated: false }]);
  });
});
