import { activateLevel, openTasks, reassign } from '../../../src/domain/approval';
import { Role } from '../../../src/shared/actors';
import { ItemStatus, LevelMode } from '../../../src/shared/approval';
import { ErrorCode } from '../../../src/shared/errors';
import { ADMIN, actor, calendar, chain, deepFreeze, items, later, level, ok, person, refused, Sim } from './chain.fixtures';

const anyLevel = chain([level('CV', Role.BOARD_SPECIALIST, LevelMode.ANY)]);

describe('a level without approvers', () => {
  it('given activation with nobody, should open a visible NO_APPROVER incident, and a reassignment should resolve it', () => {
    const sim = new Sim(anyLevel, items('A'), { CV: [] });
    expect(sim.state.incidents).toEqual([
      {
        incidentId: 'chain-1/INC-1',
        levelCode: 'CV',
        reason: 'NO_APPROVER',
        role: Role.BOARD_SPECIALIST,
        itemIds: ['A'],
        detail: 'nobody is assigned to this level',
        openedAt: sim.now,
      },
    ]);
    expect(sim.log.at(-1)).toMatchObject({
      type: 'INCIDENT_OPENED',
      levelCode: 'CV',
      itemIds: ['A'],
      incidentId: 'chain-1/INC-1',
      detail: 'NO_APPROVER: nobody is assigned to this level',
    });
    sim.at(later(sim.now, 30));
    const done = sim.must({
      type: 'REASSIGN',
      actor: ADMIN,
      levelCode: 'CV',
      toUser: person('cv-moi'),
      reason: 'Phân công chuyên viên mới',
    });
    expect(done.events.map((e) => e.type)).toEqual(['REASSIGNED', 'INCIDENT_RESOLVED']);
    expect(sim.state.incidents[0]).toMatchObject({
      resolvedAt: sim.now,
      resolution: 'reassignment by admin: Phân công chuyên viên mới',
    });
    expect(sim.state.levels[0].assignments).toEqual([
      expect.objectContaining({ userId: 'cv-moi', source: 'REASSIGNED', capacity: 'APPROVER', assignedAt: sim.now }),
    ]);
    sim.approve('cv-moi', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.APPROVED);
  });

  it('given activation twice, should refuse the second: assignees are resolved once per level', () => {
    const sim = new Sim(anyLevel, items('A'), { CV: [person('cv')] });
    const again = refused(activateLevel(deepFreeze(sim.state), 0, [person('other')], sim.now, calendar));
    expect(again.code).toBe(ErrorCode.WRONG_STATE);
  });
});

describe('reassign', () => {
  const request = (extra = {}) => ({
    actor: ADMIN,
    levelCode: 'CV',
    fromUserId: 'cv1',
    toUser: person('cv3'),
    reason: 'Nghỉ ốm',
    ...extra,
  });

  it.each([
    ['a non-admin', { actor: actor('tp', Role.BOARD_HEAD) }, ErrorCode.FORBIDDEN_ACTOR],
    ['a blank reason', { reason: ' ' }, ErrorCode.REASON_REQUIRED],
    ['an unknown level', { levelCode: 'XX' }, ErrorCode.APPROVAL_LEVEL_NOT_FOUND],
    ['the submitter as new assignee', { toUser: person('truong-khoi') }, ErrorCode.FOUR_EYES],
    ['someone without a task', { fromUserId: 'nobody' }, ErrorCode.NOT_ASSIGNED],
    ['someone who already holds the task', { toUser: person('cv2') }, ErrorCode.ALREADY_ASSIGNED],
  ])('given %s, should refuse with %s', (_label, extra, code) => {
    const sim = new Sim(anyLevel, items('A'), { CV: [person('cv1'), person('cv2')] });
    expect(refused(reassign(deepFreeze(sim.state), request(extra), sim.now)).code).toBe(code);
  });

  it('given a level not activated yet, should refuse with WRONG_STATE', () => {
    const sim = new Sim(
      chain([level('CV', Role.BOARD_SPECIALIST, LevelMode.ANY), level('TP', Role.BOARD_HEAD, LevelMode.ANY)]),
      items('A'),
      {
        CV: [person('cv1')],
      },
    );
    expect(refused(reassign(sim.state, request({ levelCode: 'TP', fromUserId: undefined }), sim.now)).code).toBe(
      ErrorCode.WRONG_STATE,
    );
  });

  it('given a replacement, should close the old task with the reason and hand its work to the new assignee', () => {
    const sim = new Sim(anyLevel, items('A'), { CV: [person('cv1'), person('cv2')] });
    const done = ok(reassign(deepFreeze(sim.state), request(), sim.now));
    const [cv1, , cv3] = done.state.levels[0].assignments;
    expect(cv1).toMatchObject({ userId: 'cv1', closedAt: sim.now, closedReason: 'Nghỉ ốm' });
    expect(cv3).toMatchObject({ userId: 'cv3', source: 'REASSIGNED', capacity: 'APPROVER' });
    expect(done.events[0]).toMatchObject({
      type: 'REASSIGNED',
      actor: { userId: 'admin' },
      reason: 'Nghỉ ốm',
      detail: 'from Ông/bà cv1 to Ông/bà cv3',
    });
    expect(openTasks(done.state).map((t) => t.userId)).toEqual(['cv2', 'cv3']);
  });

  it('given the replaced person tries to decide afterwards, should refuse with NOT_ASSIGNED naming the reassignment', () => {
    const sim = new Sim(anyLevel, items('A'), { CV: [person('cv1'), person('cv2')] });
    sim.apply((state) => reassign(state, request(), sim.now));
    const refusal = sim.refusal({ type: 'APPROVE', actor: actor('cv1', Role.BOARD_SPECIALIST), itemIds: ['A'] });
    expect(refusal.code).toBe(ErrorCode.NOT_ASSIGNED);
    expect(refusal.detail).toBe('the task of cv1 at CV was closed: Nghỉ ốm');
  });

  it('given the votes of a task reassigned since, should not count them', () => {
    const sim = new Sim(chain([level('CV', Role.BOARD_SPECIALIST, LevelMode.ALL)]), items('A'), {
      CV: [person('cv1'), person('cv2')],
    });
    sim.approve('cv1', ['A']);
    sim.apply((state) => reassign(state, request(), sim.now));
    sim.approve('cv2', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.PENDING);
    sim.approve('cv3', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.APPROVED);
  });

  it('given an admin trying to approve, should refuse: an admin reassigns but never decides', () => {
    const sim = new Sim(anyLevel, items('A'), { CV: [person('admin')] });
    expect(sim.refusal({ type: 'APPROVE', actor: ADMIN, itemIds: ['A'] }).code).toBe(ErrorCode.FORBIDDEN_ACTOR);
  });
});

describe('several tasks at one level', () => {
  const withDelegation = {
    CV: [person('cv1'), { ...person('cv1'), actingFor: { userId: 'cv2' }, source: 'DELEGATION' as const }, person('cv3')],
  };
  const allLevel = chain([level('CV', Role.BOARD_SPECIALIST, LevelMode.ALL)]);

  it('given a person holding their own task and one as delegate, should vote in the capacity asked', () => {
    const sim = new Sim(allLevel, items('A'), withDelegation);
    sim.approve('cv1', ['A']);
    sim.must({ type: 'APPROVE', actor: actor('cv1', Role.BOARD_SPECIALIST), itemIds: ['A'], actingFor: 'cv2' });
    expect(sim.item('A').votes.map((v) => v.actingFor?.userId ?? 'own')).toEqual(['own', 'cv2']);
    sim.approve('cv3', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.APPROVED);
  });

  it('given actingFor for someone they do not stand in for, should refuse with NOT_ASSIGNED', () => {
    const sim = new Sim(allLevel, items('A'), withDelegation);
    const refusal = sim.refusal({
      type: 'APPROVE',
      actor: actor('cv1', Role.BOARD_SPECIALIST),
      itemIds: ['A'],
      actingFor: 'cv9',
    });
    expect(refusal.code).toBe(ErrorCode.NOT_ASSIGNED);
  });
});
