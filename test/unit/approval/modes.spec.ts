import {
  chainStatus,
  levelsToOpen,
  openTasks,
  PROVINCIAL_DOSSIER_APPRAISAL_CHAIN,
  quorumThreshold,
} from '../../../src/domain/approval';
import { Role } from '../../../src/shared/actors';
import { ItemStatus, LevelMode } from '../../../src/shared/approval';
import { ErrorCode } from '../../../src/shared/errors';
import { actor, chain, items, level, person, Sim } from './chain.fixtures';

const council = (n: number) => Array.from({ length: n }, (_, i) => person(`tv${i + 1}`));

describe('sequential levels', () => {
  const people = {
    CHUYEN_VIEN: [person('cv1'), person('cv2')],
    TRUONG_PHONG: [person('tp')],
    HOI_DONG: council(5),
    CHU_TICH: [person('ct')],
  };

  it('given the demo chain, should carry an item through all four levels and complete the chain', () => {
    const sim = new Sim(PROVINCIAL_DOSSIER_APPRAISAL_CHAIN, items('A'), people);
    expect(sim.where('A')).toBe('PENDING@CHUYEN_VIEN#1');
    sim.approve('cv2', ['A']);
    expect(sim.where('A')).toBe('PENDING@TRUONG_PHONG#1');
    sim.approve('tp', ['A']);
    expect(sim.where('A')).toBe('PENDING@HOI_DONG#1');
    ['tv1', 'tv2', 'tv3', 'tv4'].forEach((tv) => sim.approve(tv, ['A']));
    expect(sim.where('A')).toBe('PENDING@CHU_TICH#1');
    sim.approve('ct', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.APPROVED);
    expect(chainStatus(sim.state)).toBe('COMPLETE');
    expect(sim.state.completedAt).toBe(sim.now);
    expect(sim.types().filter((t) => t !== 'VOTE_APPROVE')).toEqual([
      'CHAIN_SUBMITTED',
      'LEVEL_ACTIVATED',
      'LEVEL_PASSED',
      'LEVEL_ACTIVATED',
      'LEVEL_PASSED',
      'LEVEL_ACTIVATED',
      'LEVEL_PASSED',
      'LEVEL_ACTIVATED',
      'ITEM_APPROVED',
      'CHAIN_COMPLETED',
    ]);
    expect(sim.log.map((e) => e.seq)).toEqual(sim.log.map((_, i) => i + 1));
    expect(sim.item('A').outcomes.map((o) => `${o.levelCode}:${o.decision}:${o.userId}`)).toEqual([
      'CHUYEN_VIEN:APPROVE:cv2',
      'TRUONG_PHONG:APPROVE:tp',
      'HOI_DONG:APPROVE:tv4',
      'CHU_TICH:APPROVE:ct',
    ]);
  });

  it('given a level not yet reached, should neither activate it nor let its people decide', () => {
    const sim = new Sim(PROVINCIAL_DOSSIER_APPRAISAL_CHAIN, items('A'), people);
    expect(sim.state.levels.map((l) => l.activatedAt !== undefined)).toEqual([true, false, false, false]);
    expect(sim.refusal({ type: 'APPROVE', actor: actor('tp', Role.BOARD_HEAD), itemIds: ['A'] }).code).toBe(
      ErrorCode.NOT_ASSIGNED,
    );
  });

  it('given the workflow has not resolved the next level yet, should list it in levelsToOpen', () => {
    const sim = new Sim(PROVINCIAL_DOSSIER_APPRAISAL_CHAIN, items('A'), { CHUYEN_VIEN: [person('cv1')] });
    sim.approve('cv1', ['A']);
    expect(levelsToOpen(sim.state)).toEqual([
      { levelIndex: 1, levelCode: 'TRUONG_PHONG', role: Role.BOARD_HEAD, activated: false },
    ]);
  });
});

describe('mode ALL', () => {
  const def = chain([level('L', Role.BOARD_SPECIALIST, LevelMode.ALL)]);

  it('given every assignee approves, should pass only at the last approval', () => {
    const sim = new Sim(def, items('A'), { L: [person('a'), person('b'), person('c')] });
    sim.approve('a', ['A']);
    sim.approve('b', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.PENDING);
    sim.approve('c', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.APPROVED);
  });

  it('given one rejection, should reject the item at once with its reason', () => {
    const sim = new Sim(def, items('A'), { L: [person('a'), person('b'), person('c')] });
    sim.approve('a', ['A']);
    sim.reject('b', ['A'], 'Chưa đạt tiêu chí 3');
    expect(sim.item('A').status).toBe(ItemStatus.REJECTED);
    expect(sim.log.find((e) => e.type === 'ITEM_REJECTED')).toMatchObject({
      reason: 'Chưa đạt tiêu chí 3',
      actor: { userId: 'b' },
    });
  });

  it('given the same assignee votes twice, should refuse the second with ALREADY_DECIDED', () => {
    const sim = new Sim(def, items('A'), { L: [person('a'), person('b')] });
    sim.approve('a', ['A']);
    const second = sim.refusal({ type: 'REJECT', actor: actor('a', Role.BOARD_SPECIALIST), itemIds: ['A'], reason: 'đổi ý' });
    expect(second.code).toBe(ErrorCode.ALREADY_DECIDED);
    expect(second.detail).toContain('already voted APPROVE');
  });
});

describe('mode ANY', () => {
  const def = chain([level('L', Role.BOARD_SPECIALIST, LevelMode.ANY)]);

  it('given the first approval, should pass the item', () => {
    const sim = new Sim(def, items('A'), { L: [person('a'), person('b')] });
    sim.approve('b', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.APPROVED);
  });

  it('given the first decision is a rejection, should reject the item (one "không đồng ý" settles it)', () => {
    const sim = new Sim(def, items('A'), { L: [person('a'), person('b')] });
    sim.reject('a', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.REJECTED);
  });
});

describe('mode QUORUM', () => {
  it('given count 3 of 5, should pass at the third approval without waiting for the others', () => {
    const sim = new Sim(chain([level('HD', Role.COUNCIL_MEMBER, LevelMode.QUORUM, { quorum: { count: 3 } })]), items('A'), {
      HD: council(5),
    });
    sim.approve('tv1', ['A']);
    sim.reject('tv2', ['A']);
    sim.approve('tv3', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.PENDING);
    sim.approve('tv5', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.APPROVED);
    expect(openTasks(sim.state)).toEqual([]);
  });

  it('given count 3 of 5, should fail at the third rejection, when 3 approvals are out of reach', () => {
    const sim = new Sim(chain([level('HD', Role.COUNCIL_MEMBER, LevelMode.QUORUM, { quorum: { count: 3 } })]), items('A'), {
      HD: council(5),
    });
    sim.reject('tv1', ['A']);
    sim.approve('tv2', ['A']);
    sim.reject('tv3', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.PENDING);
    sim.reject('tv4', ['A'], 'Không đủ phiếu');
    expect(sim.item('A').status).toBe(ItemStatus.REJECTED);
    expect(sim.item('A').outcomes.at(-1)).toMatchObject({ decision: 'REJECT', userId: 'tv4', reason: 'Không đủ phiếu' });
  });

  it('given the demo council (80% of all members) of 7, should need 6 approvals and fail at the second rejection', () => {
    const councilLevel = PROVINCIAL_DOSSIER_APPRAISAL_CHAIN.levels[2];
    expect(quorumThreshold(councilLevel, 7)).toBe(6);
    const def = chain([councilLevel]);
    const passing = new Sim(def, items('A'), { HOI_DONG: council(7) });
    ['tv1', 'tv2', 'tv3', 'tv4', 'tv5'].forEach((tv) => passing.approve(tv, ['A']));
    passing.reject('tv6', ['A']);
    expect(passing.item('A').status).toBe(ItemStatus.PENDING);
    passing.approve('tv7', ['A']);
    expect(passing.item('A').status).toBe(ItemStatus.APPROVED);

    const failing = new Sim(def, items('A'), { HOI_DONG: council(7) });
    failing.reject('tv1', ['A']);
    expect(failing.item('A').status).toBe(ItemStatus.PENDING);
    failing.reject('tv2', ['A']);
    expect(failing.item('A').status).toBe(ItemStatus.REJECTED);
  });

  it('given percent 50 of 5, should round the threshold up to 3', () => {
    const half = level('HD', Role.COUNCIL_MEMBER, LevelMode.QUORUM, { quorum: { percent: 50 } });
    expect(quorumThreshold(half, 5)).toBe(3);
    expect(quorumThreshold(half, 4)).toBe(2);
    const sim = new Sim(chain([half]), items('A'), { HD: council(5) });
    sim.approve('tv1', ['A']);
    sim.approve('tv2', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.PENDING);
    sim.approve('tv3', ['A']);
    expect(sim.item('A').status).toBe(ItemStatus.APPROVED);
  });

  it('given percent 2/3 of 3, should not demand a fourth vote through float rounding', () => {
    expect(quorumThreshold(level('HD', Role.COUNCIL_MEMBER, LevelMode.QUORUM, { quorum: { percent: 200 / 3 } }), 3)).toBe(2);
  });
});
