import {
  blocAuthorities,
  isValidAt,
  resolveActingRole,
  type HeldRole,
  type LeadershipInOffice,
} from '../../src/domain/authority';
import { BlocCapacity, Role } from '../../src/shared/actors';
import { ErrorCode } from '../../src/shared/errors';

const held = (role: Role, over: Partial<HeldRole> = {}): HeldRole => ({
  assignmentId: `${role}-${over.unitCode ?? over.provinceCode ?? ''}`,
  role,
  provinceCode: 'BK',
  unitCode: null,
  validFrom: '2020-01-01T00:00:00.000Z',
  validTo: null,
  ...over,
});
const NOW = '2021-06-01T03:00:00.000Z';

describe('isValidAt', () => {
  it('given the bounds, should include the start and exclude the end', () => {
    const role = held(Role.BOARD_HEAD, { validFrom: NOW, validTo: '2021-07-01T00:00:00.000Z' });
    expect(isValidAt(role, NOW)).toBe(true);
    expect(isValidAt(role, '2021-07-01T00:00:00.000Z')).toBe(false);
    expect(isValidAt(role, '2021-05-31T23:59:59.999Z')).toBe(false);
  });
});

describe('resolveActingRole', () => {
  it('given one role in force, should act in it with its unit and province', () => {
    const result = resolveActingRole('head.bk-ldld', [held(Role.UNIT_HEAD, { unitCode: 'BK-LDLD' })], NOW, {});
    expect(result).toMatchObject({
      ok: true,
      actor: { userId: 'head.bk-ldld', role: Role.UNIT_HEAD, unitCode: 'BK-LDLD', provinceCode: 'BK' },
    });
  });

  it('given roles ended or not yet begun only, should refuse with NO_ROLE', () => {
    const roles = [
      held(Role.BOARD_HEAD, { validTo: '2021-01-01T00:00:00.000Z' }),
      held(Role.CHAIRMAN, { validFrom: '2022-01-01T00:00:00.000Z' }),
    ];
    expect(resolveActingRole('x', roles, NOW, {})).toMatchObject({ ok: false, code: ErrorCode.NO_ROLE });
  });

  it('given several roles and no choice, should refuse to guess and list them', () => {
    const roles = [held(Role.UNIT_HEAD, { unitCode: 'BK-HCCB' }), held(Role.COUNCIL_MEMBER)];
    const result = resolveActingRole('x', roles, NOW, {});
    expect(result).toMatchObject({ ok: false, code: ErrorCode.ROLE_SELECTION_REQUIRED });
    expect(!result.ok && result.detail).toContain('UNIT_HEAD:BK-HCCB, COUNCIL_MEMBER:BK');
    expect(resolveActingRole('x', roles, NOW, { role: Role.COUNCIL_MEMBER })).toMatchObject({
      ok: true,
      actor: { role: Role.COUNCIL_MEMBER, provinceCode: 'BK' },
    });
  });

  it('given a unit the person does not serve, should refuse with FORBIDDEN_ACTOR', () => {
    const result = resolveActingRole('x', [held(Role.UNIT_HEAD, { unitCode: 'BK-HND' })], NOW, { unitCode: 'BK-DTN' });
    expect(result).toMatchObject({ ok: false, code: ErrorCode.FORBIDDEN_ACTOR });
  });

  it('given a system-wide role, should carry no province', () => {
    const result = resolveActingRole('admin', [held(Role.ADMIN, { provinceCode: null })], NOW, {});
    expect(result.ok && result.actor).toEqual({ userId: 'admin', role: Role.ADMIN });
  });
});

describe('blocAuthorities', () => {
  const inOffice: LeadershipInOffice[] = [
    { provinceCode: 'BK', blocCode: 'MTTQ-DT', year: 2021, leaderUnitCode: 'BK-LDLD', deputyUnitCode: 'BK-DTN', since: NOW },
    { provinceCode: 'BK', blocCode: 'VHXH', year: 2021, leaderUnitCode: 'BK-SVH', deputyUnitCode: 'BK-LDLD', since: NOW },
  ];

  it('given the head of a unit in office, should give each seat it holds', () => {
    expect(blocAuthorities({ userId: 'h', role: Role.UNIT_HEAD, unitCode: 'BK-LDLD' }, inOffice)).toEqual([
      { blocCode: 'MTTQ-DT', capacity: BlocCapacity.LEADER, year: 2021, since: NOW },
      { blocCode: 'VHXH', capacity: BlocCapacity.DEPUTY, year: 2021, since: NOW },
    ]);
  });

  it('given the focal person of the leading unit, or the head of a unit holding no seat, should give none', () => {
    expect(blocAuthorities({ userId: 'f', role: Role.UNIT_FOCAL, unitCode: 'BK-LDLD' }, inOffice)).toEqual([]);
    expect(blocAuthorities({ userId: 'h', role: Role.UNIT_HEAD, unitCode: 'BK-HLHPN' }, inOffice)).toEqual([]);
  });
});
