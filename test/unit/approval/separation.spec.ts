import { checkSeparationOfDuties, openTasks } from '../../../src/domain/approval';
import { PASS } from '../../../src/domain/outcome';
import { Role } from '../../../src/shared/actors';
import { type AssigneeInput, type ItemInput, ItemStatus, LevelMode } from '../../../src/shared/approval';
import { ErrorCode } from '../../../src/shared/errors';
import { refusal } from '../check.helpers';
import { actor, chain, level, person, Sim, SUBMITTER } from './chain.fixtures';

const nominees: ItemInput[] = [
  { itemId: 'LDLD', title: 'Cờ thi đua: Liên đoàn Lao động tỉnh', subjectUnitCode: 'LDLD' },
  { itemId: 'CSTD', title: 'Chiến sĩ thi đua: bà Hoa', subjectUnitCode: 'HND', subjectUserId: 'hoa' },
];
const delegate = (userId: string, unitCode: string, forUser: string, forUnit: string): AssigneeInput => ({
  ...person(userId, unitCode),
  actingFor: { userId: forUser, unitCode: forUnit },
  source: 'DELEGATION',
});
const anyLevel = chain([level('HD', Role.COUNCIL_MEMBER, LevelMode.ANY)]);

describe('checkSeparationOfDuties', () => {
  const sim = new Sim(anyLevel, nominees, { HD: [person('tv1')] });

  it('given an unrelated person, should pass', () => {
    expect(checkSeparationOfDuties(actor('tv1', Role.COUNCIL_MEMBER, 'SNV'), sim.state, ['LDLD', 'CSTD'])).toEqual(PASS);
  });

  it('given the submitter, should refuse with FOUR_EYES', () => {
    const refused = refusal(checkSeparationOfDuties(SUBMITTER, sim.state, ['LDLD']));
    expect(refused).toEqual({ code: ErrorCode.FOUR_EYES, detail: 'user truong-khoi: truong-khoi submitted this chain' });
  });

  it('given a delegate acting for the submitter, should refuse with FOUR_EYES naming both', () => {
    const refused = refusal(checkSeparationOfDuties({ userId: 'pho' }, sim.state, ['LDLD'], { userId: 'truong-khoi' }));
    expect(refused).toEqual({
      code: ErrorCode.FOUR_EYES,
      detail: 'user pho acting for truong-khoi: truong-khoi submitted this chain',
    });
  });

  it('given the head of the nominee’s unit, should refuse with RECUSED for that item only', () => {
    const head = actor('ct-ldld', Role.UNIT_HEAD, 'LDLD');
    expect(refusal(checkSeparationOfDuties(head, sim.state, ['CSTD', 'LDLD']))).toEqual({
      code: ErrorCode.RECUSED,
      detail: 'user ct-ldld: ct-ldld belongs to unit LDLD, the subject of item LDLD',
    });
    expect(checkSeparationOfDuties(head, sim.state, ['CSTD'])).toEqual(PASS);
  });

  it('given the nominated person themself, should refuse with RECUSED', () => {
    expect(refusal(checkSeparationOfDuties({ userId: 'hoa' }, sim.state, ['CSTD'])).detail).toBe(
      'user hoa: hoa is the subject of item CSTD',
    );
  });

  it('given a delegate acting for a recused holder, should refuse although the delegate is unrelated', () => {
    const refused = refusal(
      checkSeparationOfDuties({ userId: 'pho', unitCode: 'SNV' }, sim.state, ['LDLD'], { userId: 'ct-ldld', unitCode: 'LDLD' }),
    );
    expect(refused.code).toBe(ErrorCode.RECUSED);
    expect(refused.detail).toBe('user pho acting for ct-ldld: ct-ldld belongs to unit LDLD, the subject of item LDLD');
  });
});

describe('separation of duties on every decision path', () => {
  it('given the submitter also holds a task, should refuse their approval with FOUR_EYES', () => {
    const sim = new Sim(anyLevel, nominees, { HD: [person('tv1'), person('truong-khoi', 'HLHPN')] });
    const refused = sim.refusal({ type: 'APPROVE', actor: SUBMITTER, itemIds: ['LDLD'] });
    expect(refused.code).toBe(ErrorCode.FOUR_EYES);
    expect(sim.refusal({ type: 'RETURN', actor: SUBMITTER, itemIds: ['LDLD'], reason: 'x' }).code).toBe(ErrorCode.FOUR_EYES);
  });

  it('given a council member who heads the nominee’s unit, should refuse them on that item and accept them on another', () => {
    const sim = new Sim(anyLevel, nominees, { HD: [person('tv1', 'SNV'), person('ct-ldld', 'LDLD')] });
    const head = actor('ct-ldld', Role.COUNCIL_MEMBER, 'LDLD');
    expect(sim.refusal({ type: 'APPROVE', actor: head, itemIds: ['LDLD'] })).toMatchObject({
      code: ErrorCode.RECUSED,
      itemId: 'LDLD',
    });
    sim.must({ type: 'APPROVE', actor: head, itemIds: ['CSTD'] });
    expect(sim.item('CSTD').status).toBe(ItemStatus.APPROVED);
    expect(openTasks(sim.state).map((t) => [t.userId, t.itemIds])).toEqual([['tv1', ['LDLD']]]);
  });

  it('given the unit comes only from the assignment (the token carries none), should still recuse', () => {
    const sim = new Sim(anyLevel, nominees, { HD: [person('tv1'), person('ct-ldld', 'LDLD')] });
    expect(sim.refusal({ type: 'APPROVE', actor: actor('ct-ldld', Role.COUNCIL_MEMBER), itemIds: ['LDLD'] }).code).toBe(
      ErrorCode.RECUSED,
    );
  });

  it('given a delegate acting for a recused member, should refuse the delegate on that item', () => {
    const sim = new Sim(anyLevel, nominees, { HD: [person('tv1'), delegate('pho', 'SNV', 'ct-ldld', 'LDLD')] });
    const refused = sim.refusal({ type: 'APPROVE', actor: actor('pho', Role.COUNCIL_MEMBER, 'SNV'), itemIds: ['LDLD'] });
    expect(refused.code).toBe(ErrorCode.RECUSED);
    expect(refused.detail).toContain('acting for ct-ldld');
  });

  it('given ALL, should leave a recused member out of the item’s electorate rather than block it', () => {
    const sim = new Sim(chain([level('HD', Role.COUNCIL_MEMBER, LevelMode.ALL)]), nominees.slice(0, 1), {
      HD: [person('tv1'), person('tv2'), person('ct-ldld', 'LDLD')],
    });
    sim.approve('tv1', ['LDLD']);
    sim.approve('tv2', ['LDLD']);
    expect(sim.item('LDLD').status).toBe(ItemStatus.APPROVED);
  });

  it('given everybody at the level is recused from an item, should open a NO_ELIGIBLE_APPROVER incident for it', () => {
    const sim = new Sim(anyLevel, nominees, { HD: [person('ct-ldld', 'LDLD')] });
    expect(sim.state.incidents).toEqual([
      expect.objectContaining({ levelCode: 'HD', reason: 'NO_ELIGIBLE_APPROVER', itemIds: ['LDLD'], role: Role.COUNCIL_MEMBER }),
    ]);
    expect(sim.types()).toContain('INCIDENT_OPENED');
  });

  it('given QUORUM counted on all members and a recusal leaving too few, should open QUORUM_UNREACHABLE, not reject', () => {
    const def = chain([level('HD', Role.COUNCIL_MEMBER, LevelMode.QUORUM, { quorum: { count: 3 } })]);
    const sim = new Sim(def, nominees.slice(0, 1), { HD: [person('tv1'), person('tv2'), person('ct-ldld', 'LDLD')] });
    sim.approve('tv1', ['LDLD']);
    expect(sim.item('LDLD').status).toBe(ItemStatus.PENDING);
    expect(sim.state.incidents.map((i) => [i.reason, i.itemIds])).toEqual([['QUORUM_UNREACHABLE', ['LDLD']]]);
  });
});
