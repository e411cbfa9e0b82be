import {
  checkAssessmentReviewer,
  checkCrossScorer,
  checkLeader,
  checkProvince,
  checkRole,
  checkUnitActor,
} from '../../src/domain/authorization';
import { PASS } from '../../src/domain/outcome';
import { BlocCapacity, Role, type Actor } from '../../src/shared/actors';
import { ErrorCode } from '../../src/shared/errors';
import { refusal } from './check.helpers';

const MEMBERS = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'];
const head = (unitCode: string): Actor => ({ userId: `head-${unitCode}`, role: Role.UNIT_HEAD, unitCode });
const focal = (unitCode: string): Actor => ({ userId: `focal-${unitCode}`, role: Role.UNIT_FOCAL, unitCode });
const specialist: Actor = { userId: 'cv-1', role: Role.BOARD_SPECIALIST };

describe('checkRole', () => {
  it('given an actor holding one of the allowed roles, should pass', () => {
    expect(checkRole(specialist, Role.BOARD_HEAD, Role.BOARD_SPECIALIST)).toEqual(PASS);
  });

  it('given an actor holding none of the allowed roles, should refuse with FORBIDDEN_ACTOR naming the roles', () => {
    const refused = refusal(checkRole(focal('LDLD'), Role.BOARD_HEAD, Role.CHAIRMAN));
    expect(refused.code).toBe(ErrorCode.FORBIDDEN_ACTOR);
    expect(refused.detail).toContain('UNIT_FOCAL');
    expect(refused.detail).toContain('BOARD_HEAD, CHAIRMAN');
  });
});

describe('checkLeader', () => {
  const since = '2020-01-01T00:00:00.000Z';
  const leading = (capacity: BlocCapacity, blocCode = 'MTTQ-DT'): Actor => ({
    ...head('HLHPN'),
    leads: [{ blocCode, capacity, year: 2020, since }],
  });

  it('given the head of the leading unit while its leadership is in office, should pass', () => {
    expect(checkLeader(leading(BlocCapacity.LEADER), 'HLHPN', 'MTTQ-DT')).toEqual(PASS);
  });

  it('given the head of the unit the cycle names after the handover (no Trưởng khối seat held now), should refuse', () => {
    const refused = refusal(checkLeader(head('HLHPN'), 'HLHPN', 'MTTQ-DT'));
    expect(refused.code).toBe(ErrorCode.NOT_LEADER);
    expect(refused.detail).toContain('handed over');
  });

  it('given the head holding only the deputy seat, or the leader seat of another bloc, should refuse', () => {
    expect(refusal(checkLeader(leading(BlocCapacity.DEPUTY), 'HLHPN', 'MTTQ-DT')).code).toBe(ErrorCode.NOT_LEADER);
    expect(refusal(checkLeader(leading(BlocCapacity.LEADER, 'VHXH'), 'HLHPN', 'MTTQ-DT')).code).toBe(ErrorCode.NOT_LEADER);
  });

  it.each([
    ['the focal person of the leading unit', focal('HLHPN')],
    ['the head of another member unit', head('LDLD')],
    ['a board specialist with no unit', specialist],
    ['an admin', { userId: 'admin', role: Role.ADMIN } satisfies Actor],
  ])('given %s, should refuse with NOT_LEADER', (_label, actor) => {
    expect(refusal(checkLeader(actor, 'HLHPN', 'MTTQ-DT')).code).toBe(ErrorCode.NOT_LEADER);
  });
});

describe('checkProvince', () => {
  it('given a role of the same province, or a system-wide role, should pass', () => {
    expect(checkProvince({ ...specialist, provinceCode: 'BK' }, 'BK')).toEqual(PASS);
    expect(checkProvince({ userId: 'admin', role: Role.ADMIN }, 'BK')).toEqual(PASS);
    expect(checkProvince({ userId: 'kt', role: Role.AUDITOR }, 'BK')).toEqual(PASS);
  });

  it("given an admin or auditor assigned to a province, should pass in it and refuse another province's", () => {
    for (const role of [Role.ADMIN, Role.AUDITOR]) {
      expect(checkProvince({ userId: 'qt', role, provinceCode: 'BK' }, 'BK')).toEqual(PASS);
      expect(refusal(checkProvince({ userId: 'qt', role, provinceCode: 'GL' }, 'BK')).code).toBe(ErrorCode.OUT_OF_SCOPE);
    }
  });

  it('given a role of another province, should refuse with OUT_OF_SCOPE naming both', () => {
    const refused = refusal(checkProvince({ ...head('GL-X'), provinceCode: 'GL' }, 'BK'));
    expect(refused.code).toBe(ErrorCode.OUT_OF_SCOPE);
    expect(refused.detail).toContain('GL');
    expect(refused.detail).toContain('BK');
  });
});

describe('checkUnitActor', () => {
  it('given the focal person of a member unit acting for that unit, should pass', () => {
    expect(checkUnitActor(focal('DTN'), 'DTN', MEMBERS, Role.UNIT_FOCAL)).toEqual(PASS);
  });

  it('given a role that is not allowed, should refuse with FORBIDDEN_ACTOR before looking at the unit', () => {
    expect(refusal(checkUnitActor(focal('DTN'), 'DTN', MEMBERS, Role.UNIT_HEAD)).code).toBe(ErrorCode.FORBIDDEN_ACTOR);
  });

  it('given a unit that is not in the bloc, should refuse with NOT_MEMBER naming it', () => {
    const refused = refusal(checkUnitActor(head('SO-GDDT'), 'SO-GDDT', MEMBERS, Role.UNIT_HEAD));
    expect(refused.code).toBe(ErrorCode.NOT_MEMBER);
    expect(refused.detail).toContain('SO-GDDT');
  });

  it('given an actor without a unit, should refuse with NOT_MEMBER', () => {
    const noUnit: Actor = { userId: 'x', role: Role.UNIT_HEAD };
    expect(refusal(checkUnitActor(noUnit, 'DTN', MEMBERS, Role.UNIT_HEAD)).code).toBe(ErrorCode.NOT_MEMBER);
  });

  it('given a member acting for another member unit, should refuse with FORBIDDEN_ACTOR', () => {
    const refused = refusal(checkUnitActor(head('LDLD'), 'DTN', MEMBERS, Role.UNIT_HEAD));
    expect(refused.code).toBe(ErrorCode.FORBIDDEN_ACTOR);
    expect(refused.detail).toContain('DTN');
  });
});

describe('checkCrossScorer', () => {
  it('given the head of the unit assigned to cross-score, should pass', () => {
    expect(checkCrossScorer(head('DTN'), 'HLHPN', ['DTN'], MEMBERS)).toEqual(PASS);
  });

  it('given the head of a member unit not assigned to it, should refuse with FORBIDDEN_ACTOR naming the scored unit', () => {
    const refused = refusal(checkCrossScorer(head('LDLD'), 'HLHPN', ['DTN'], MEMBERS));
    expect(refused.code).toBe(ErrorCode.FORBIDDEN_ACTOR);
    expect(refused.detail).toContain('HLHPN');
  });

  it('given the focal person of the assigned unit, should refuse: only its head scores', () => {
    expect(refusal(checkCrossScorer(focal('DTN'), 'HLHPN', ['DTN'], MEMBERS)).code).toBe(ErrorCode.FORBIDDEN_ACTOR);
  });

  it('given a unit outside the bloc, should refuse with NOT_MEMBER', () => {
    expect(refusal(checkCrossScorer(head('SO-GDDT'), 'HLHPN', ['SO-GDDT'], MEMBERS)).code).toBe(ErrorCode.NOT_MEMBER);
  });
});

describe('checkAssessmentReviewer', () => {
  const since = '2020-01-01T00:00:00.000Z';
  const seat = (unitCode: string, capacity: BlocCapacity): Actor => ({
    ...head(unitCode),
    leads: [{ blocCode: 'MTTQ-DT', capacity, year: 2020, since }],
  });
  const leader = seat('HLHPN', BlocCapacity.LEADER);
  const deputy = seat('LDLD', BlocCapacity.DEPUTY);
  const seats = { leaderUnit: 'HLHPN', deputyUnit: 'LDLD', blocCode: 'MTTQ-DT' };

  it("given another unit's sheet, should let the Trưởng khối review it and not the Phó khối", () => {
    expect(checkAssessmentReviewer(leader, 'DTN', seats)).toEqual(PASS);
    expect(refusal(checkAssessmentReviewer(deputy, 'DTN', seats)).code).toBe(ErrorCode.NOT_LEADER);
  });

  it("given the Trưởng khối's own unit, should recuse him, naming the Phó khối who reviews it", () => {
    const refused = refusal(checkAssessmentReviewer(leader, 'HLHPN', seats));
    expect(refused).toEqual({
      code: ErrorCode.RECUSED,
      detail: "the Trưởng khối (HLHPN) does not review his own unit's score sheet; the Phó khối (LDLD) reviews it",
    });
    expect(checkAssessmentReviewer(deputy, 'HLHPN', seats)).toEqual(PASS);
  });

  it('given the deputy seat handed over or another head, should refuse with NOT_LEADER', () => {
    expect(refusal(checkAssessmentReviewer(head('LDLD'), 'HLHPN', seats)).detail).toContain('handed over');
    expect(refusal(checkAssessmentReviewer(head('DTN'), 'HLHPN', seats)).code).toBe(ErrorCode.NOT_LEADER);
  });

  it('given a cycle started before the deputy reached the unit workflows, should keep the leader as reviewer', () => {
    expect(checkAssessmentReviewer(leader, 'HLHPN', { leaderUnit: 'HLHPN', blocCode: 'MTTQ-DT' })).toEqual(PASS);
  });
});
