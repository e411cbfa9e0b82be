import { escalate, fireReminder, openTasks, PROVINCIAL_DOSSIER_APPRAISAL_CHAIN } from '../../../src/domain/approval';
import { Role } from '../../../src/shared/actors';
import { ItemStatus, LevelMode } from '../../../src/shared/approval';
import { ErrorCode } from '../../../src/shared/errors';
import { ADMIN, actor, chain, items, later, level, person, refused, Sim } from './chain.fixtures';

/** Friday 25/4/2025, 09:00 in Hà Nội: the clock of CHUYEN_VIEN runs over the worked Saturday and the 30/4–4/5 break. */
const FRI = '2025-04-25T02:00:00.000Z';
const REMIND = '2025-04-29T10:00:00.000Z';
const DUE = '2025-05-06T10:00:00.000Z';
const ESCALATE = '2025-05-08T10:00:00.000Z';

const demo = () =>
  new Sim(
    PROVINCIAL_DOSSIER_APPRAISAL_CHAIN,
    items('A', 'B'),
    { CHUYEN_VIEN: [person('cv1'), person('cv2')], TRUONG_PHONG: [person('tp')] },
    { now: FRI },
  );

describe('the clock of the demo chain’s first level, in working days', () => {
  it('given activation on 25/4/2025, should schedule due, reminder and escalation over the holiday', () => {
    expect(demo().state.levels[0].clocks).toEqual([
      { openedAt: FRI, dueAt: DUE, remindAt: [REMIND], escalateAt: ESCALATE, remindersFired: [] },
    ]);
  });

  it('given the reminder instant, should record one REMINDER listing who still has to act on what, once', () => {
    const sim = demo();
    const early = fireReminder(sim.state, 'CHUYEN_VIEN', 0, later(REMIND, -1));
    expect(early).toEqual({ ok: true, state: sim.state, events: [] });
    sim.at(REMIND).apply((state) => fireReminder(state, 'CHUYEN_VIEN', 0, REMIND));
    expect(sim.log.at(-1)).toMatchObject({
      type: 'REMINDER',
      levelCode: 'CHUYEN_VIEN',
      itemIds: ['A', 'B'],
      assignees: [{ userId: 'cv1' }, { userId: 'cv2' }],
      detail: `reminder 1 of 1; due ${DUE}`,
    });
    const twice = fireReminder(sim.state, 'CHUYEN_VIEN', 0, later(REMIND, 5));
    expect(twice.ok && twice.events).toEqual([]);
    expect(twice.ok && twice.state).toBe(sim.state);
  });

  it('given a reminder index the level does not have, should refuse', () => {
    expect(refused(fireReminder(demo().state, 'CHUYEN_VIEN', 3, REMIND)).code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refused(fireReminder(demo().state, 'NOPE', 0, REMIND)).code).toBe(ErrorCode.APPROVAL_LEVEL_NOT_FOUND);
  });

  it('given the level has no pending item any more, should neither remind nor escalate', () => {
    const sim = demo();
    sim.approve('cv1', ['A', 'B']);
    const reminder = fireReminder(sim.state, 'CHUYEN_VIEN', 0, REMIND);
    const escalation = escalate(sim.state, 'CHUYEN_VIEN', [person('tp')], ESCALATE);
    expect([reminder.ok && reminder.events, escalation.ok && escalation.events]).toEqual([[], []]);
  });

  it('given openTasks with now, should flag overdue only after the due instant', () => {
    const sim = demo();
    expect(openTasks(sim.state, DUE).map((t) => [t.userId, t.dueAt, t.overdue])).toEqual([
      ['cv1', DUE, false],
      ['cv2', DUE, false],
    ]);
    expect(openTasks(sim.state, later(DUE, 1))[0]).toMatchObject({
      overdue: true,
      levelName: 'Chuyên viên Phòng Thi đua – Khen thưởng thẩm định',
    });
    expect(openTasks(sim.state)[0].overdue).toBeUndefined();
  });
});

describe('escalation to a role (CHUYEN_VIEN → BOARD_HEAD)', () => {
  it('given the escalation instant, should add the head as an ESCALATION assignee who decides alone, once', () => {
    const sim = demo();
    expect(escalate(sim.state, 'CHUYEN_VIEN', [person('tp')], later(ESCALATE, -1))).toEqual({
      ok: true,
      state: sim.state,
      events: [],
    });
    sim.at(ESCALATE).apply((state) => escalate(state, 'CHUYEN_VIEN', [person('tp')], ESCALATE));
    expect(sim.state.levels[0].assignments.at(-1)).toMatchObject({ userId: 'tp', source: 'ESCALATION', capacity: 'ESCALATION' });
    expect(sim.log.at(-1)).toMatchObject({ type: 'LEVEL_ESCALATED', itemIds: ['A', 'B'], assignees: [{ userId: 'tp' }] });
    const again = escalate(sim.state, 'CHUYEN_VIEN', [person('tp2')], later(ESCALATE, 60));
    expect(again.ok && again.events).toEqual([]);
    sim.must({ type: 'RETURN', actor: actor('tp', Role.BOARD_HEAD), itemIds: ['B'], reason: 'Thiếu biên bản' });
    sim.must({ type: 'APPROVE', actor: actor('tp', Role.BOARD_HEAD), itemIds: ['A'] });
    expect([sim.where('A'), sim.where('B')]).toEqual(['PENDING@TRUONG_PHONG#1', 'RETURNED@CHUYEN_VIEN#2']);
  });

  it('given the late visit ended, should close the superior’s task so that a resubmitted item goes to the specialists', () => {
    const sim = demo();
    sim.at(ESCALATE).apply((state) => escalate(state, 'CHUYEN_VIEN', [person('tp')], ESCALATE));
    sim.must({ type: 'RETURN', actor: actor('tp', Role.BOARD_HEAD), itemIds: ['A', 'B'], reason: 'Thiếu biên bản' });
    expect(sim.state.levels[0].assignments.at(-1)).toMatchObject({ userId: 'tp', closedAt: ESCALATE });
    const resubmitted = '2025-05-12T02:00:00.000Z';
    sim.at(resubmitted).resubmit(['B']);
    const refusal = sim.refusal({ type: 'APPROVE', actor: actor('tp', Role.BOARD_HEAD), itemIds: ['B'] });
    expect(refusal).toMatchObject({ code: ErrorCode.NOT_ASSIGNED, detail: expect.stringContaining('escalation ends') });
    const nextEscalation = sim.state.levels[0].clocks[1].escalateAt ?? '';
    sim.at(nextEscalation).apply((state) => escalate(state, 'CHUYEN_VIEN', [person('tp')], nextEscalation));
    expect(sim.state.incidents).toEqual([]);
    sim.must({ type: 'APPROVE', actor: actor('tp', Role.BOARD_HEAD), itemIds: ['B'] });
    expect(sim.where('B')).toBe('PENDING@TRUONG_PHONG#2');
  });

  it('given no holder of the role resolves, should open a NO_ESCALATION_APPROVER incident that an added superior clears', () => {
    const sim = demo();
    sim.at(ESCALATE).apply((state) => escalate(state, 'CHUYEN_VIEN', [], ESCALATE));
    expect(sim.state.incidents).toEqual([
      expect.objectContaining({
        reason: 'NO_ESCALATION_APPROVER',
        role: Role.BOARD_HEAD,
        itemIds: ['A', 'B'],
        openedAt: ESCALATE,
      }),
    ]);
    sim.must({
      type: 'REASSIGN',
      actor: ADMIN,
      levelCode: 'CHUYEN_VIEN',
      toUser: person('pho-phong'),
      reason: 'Phó phòng phụ trách',
      capacity: 'ESCALATION',
    });
    expect(sim.state.incidents[0].resolvedAt).toBe(ESCALATE);
    sim.must({ type: 'APPROVE', actor: actor('pho-phong', Role.BOARD_HEAD), itemIds: ['A', 'B'] });
    expect(sim.where('A')).toBe('PENDING@TRUONG_PHONG#1');
  });
});

describe('a clock in seconds with escalation to the next level', () => {
  const urgent = chain([
    level('L1', Role.BOARD_SPECIALIST, LevelMode.ALL, {
      due: { seconds: 60 },
      remindBefore: [{ seconds: 30 }],
      escalation: { after: { seconds: 0 }, to: 'NEXT_LEVEL' },
    }),
    level('L2', Role.BOARD_HEAD, LevelMode.ANY),
  ]);
  const T = '2025-12-06T15:00:00.000Z';
  const seconds = (n: number) => new Date(Date.parse(T) + n * 1000).toISOString();

  it('given the due passes, should move the pending items on, marked escalated, with the system as decider', () => {
    const sim = new Sim(urgent, items('A', 'B'), { L1: [person('a'), person('b')], L2: [person('tp')] }, { now: T });
    sim.approve('a', ['A', 'B']);
    sim.at(seconds(30)).apply((state) => fireReminder(state, 'L1', 0, seconds(30)));
    expect(sim.log.at(-1)).toMatchObject({ type: 'REMINDER', assignees: [{ userId: 'b' }] });
    sim.at(seconds(60)).apply((state) => escalate(state, 'L1', [], seconds(60)));
    expect([sim.where('A'), sim.where('B')]).toEqual(['PENDING@L2#1', 'PENDING@L2#1']);
    expect(sim.item('A')).toMatchObject({
      escalatedLevels: ['L1'],
      outcomes: [{ decision: 'ESCALATE', userId: 'system', levelCode: 'L1' }],
    });
    expect(sim.item('A').votes).toHaveLength(1);
    const late = sim.refusal({ type: 'APPROVE', actor: actor('b', Role.BOARD_SPECIALIST), itemIds: ['A'] });
    expect(late).toMatchObject({ code: ErrorCode.TASK_ALREADY_DECIDED, winner: { userId: 'system', decision: 'ESCALATE' } });
    sim.approve('tp', ['A', 'B']);
    expect(sim.item('B').status).toBe(ItemStatus.APPROVED);
  });

  it('given a timer of an earlier clock of the level firing late, should do nothing to the new clock', () => {
    const sim = new Sim(urgent, items('A'), { L1: [person('a'), person('b')] }, { now: T });
    sim.returnItems('a', ['A']);
    sim.at(seconds(20)).resubmit(['A']);
    expect(sim.state.levels[0].clocks[1]).toMatchObject({
      openedAt: seconds(20),
      remindAt: [seconds(50)],
      escalateAt: seconds(80),
    });
    const stale = [fireReminder(sim.state, 'L1', 0, seconds(30)), escalate(sim.state, 'L1', [], seconds(60))];
    expect(stale.map((r) => r.ok && r.events)).toEqual([[], []]);
    expect(sim.item('A').status).toBe(ItemStatus.PENDING);
  });
});
