import { startOfVietnamDay } from '../../../src/api/auth/users.service';
import {
  CHAIN_START_PERMISSIONS,
  checkDelegateEligible,
  checkInlineLevels,
  checkMayStart,
  checkSeparationOfDuties,
  PROVINCIAL_DOSSIER_APPRAISAL_CHAIN,
} from '../../../src/domain/approval';
import { PASS } from '../../../src/domain/outcome';
import { BlocCapacity, DECIDING_ROLES, Role, TWO_PERSON_GRANT_ROLES, type Actor } from '../../../src/shared/actors';
import { LevelMode } from '../../../src/shared/approval';
import { ErrorCode } from '../../../src/shared/errors';
import { refusal } from '../check.helpers';
import { actor, chain, level, person, Sim } from './chain.fixtures';

const CATALOG = PROVINCIAL_DOSSIER_APPRAISAL_CHAIN.code;
const leader: Actor = {
  ...actor('truong-khoi', Role.UNIT_HEAD, 'HLHPN'),
  leads: [{ blocCode: 'MTTQ', capacity: BlocCapacity.LEADER, year: 2025, since: '2025-01-01T00:00:00+07:00' }],
};

describe('checkMayStart: who may start which chain', () => {
  it('given the catalog chain, should let the board and the admin start it, and a unit head only as Trưởng khối of the named bloc', () => {
    for (const role of [Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.ADMIN]) {
      expect(checkMayStart(actor('x', role), CATALOG, undefined)).toEqual(PASS);
    }
    expect(checkMayStart(leader, CATALOG, 'MTTQ')).toEqual(PASS);
    expect(refusal(checkMayStart(leader, CATALOG, 'KINH_TE')).code).toBe(ErrorCode.CHAIN_START_FORBIDDEN);
    expect(refusal(checkMayStart(leader, CATALOG, undefined)).detail).toContain('Trưởng khối');
    expect(refusal(checkMayStart(actor('h', Role.UNIT_HEAD, 'DTN'), CATALOG, 'MTTQ')).code).toBe(ErrorCode.CHAIN_START_FORBIDDEN);
  });

  it('given a focal person, a council member or the chairman, should refuse the catalog chain and ad-hoc definitions', () => {
    for (const role of [Role.UNIT_FOCAL, Role.COUNCIL_MEMBER, Role.CHAIRMAN, Role.AUDITOR]) {
      const who = actor('x', role, role === Role.UNIT_FOCAL ? 'DTN' : undefined);
      expect(refusal(checkMayStart(who, CATALOG, 'MTTQ')).detail).toContain('allowed: UNIT_HEAD (Trưởng khối)');
      expect(refusal(checkMayStart(who, undefined, 'MTTQ')).code).toBe(ErrorCode.CHAIN_START_FORBIDDEN);
    }
    expect(checkMayStart(actor('tp', Role.BOARD_HEAD), undefined, undefined)).toEqual(PASS);
  });

  it('given a code missing from the permissions, should let nobody start it', () => {
    expect(refusal(checkMayStart(actor('a', Role.ADMIN), 'KHONG_CO', undefined)).detail).toContain('allowed: nobody');
    expect(Object.keys(CHAIN_START_PERMISSIONS)).toEqual([CATALOG]);
  });
});

describe('checkInlineLevels: an ad-hoc chain stays within its starter’s authority', () => {
  const board = chain([level('CV', Role.BOARD_SPECIALIST, LevelMode.ANY), level('TP', Role.BOARD_HEAD, LevelMode.ANY)]);
  const toChairman = chain([level('CT', Role.CHAIRMAN, LevelMode.ANY)]);
  const escalatesUp = chain([
    level('CV', Role.BOARD_SPECIALIST, LevelMode.ANY, {
      due: { seconds: 1 },
      escalation: { after: { seconds: 1 }, to: Role.COUNCIL_MEMBER },
    }),
  ]);

  it('given the head of the board, should allow the board’s levels and refuse a level or escalation above it', () => {
    const head = actor('tp', Role.BOARD_HEAD);
    expect(checkInlineLevels(head, board, [CATALOG])).toEqual(PASS);
    expect(refusal(checkInlineLevels(head, toChairman, [CATALOG]))).toEqual({
      code: ErrorCode.CHAIN_START_FORBIDDEN,
      detail: "level CT goes to CHAIRMAN, above the starter's role BOARD_HEAD",
    });
    expect(refusal(checkInlineLevels(head, escalatesUp, [CATALOG])).detail).toContain('COUNCIL_MEMBER');
  });

  it('given the admin, should allow any level, but never a definition borrowing a catalog code', () => {
    expect(checkInlineLevels(actor('admin', Role.ADMIN), toChairman, [CATALOG])).toEqual(PASS);
    const lookAlike = { ...toChairman, code: CATALOG };
    expect(refusal(checkInlineLevels(actor('admin', Role.ADMIN), lookAlike, [CATALOG])).code).toBe(
      ErrorCode.APPROVAL_CHAIN_INVALID,
    );
  });
});

describe('checkDelegateEligible: who may stand in for whom', () => {
  const council = { role: Role.COUNCIL_MEMBER, provinceCode: 'BK', unitCode: null };
  const unitHead = (unitCode: string) => ({ role: Role.UNIT_HEAD, provinceCode: 'BK', unitCode });

  it('given a council seat, should accept another deciding role of the province and refuse a unit head or another province', () => {
    for (const role of DECIDING_ROLES)
      expect(checkDelegateEligible([council], [{ role, provinceCode: 'BK', unitCode: null }])).toEqual(PASS);
    expect(refusal(checkDelegateEligible([council], [unitHead('DTN')]))).toEqual({
      code: ErrorCode.DELEGATE_NOT_ELIGIBLE,
      detail:
        'to stand in for COUNCIL_MEMBER of BK the delegate must hold BOARD_SPECIALIST or BOARD_HEAD or COUNCIL_MEMBER or CHAIRMAN of BK in force',
    });
    expect(refusal(checkDelegateEligible([council], [{ ...council, provinceCode: 'HN' }])).code).toBe(
      ErrorCode.DELEGATE_NOT_ELIGIBLE,
    );
  });

  it('given a unit head, should accept only a head of the same unit; and every task-bearing role of the delegator counts', () => {
    expect(checkDelegateEligible([unitHead('DTN')], [unitHead('DTN')])).toEqual(PASS);
    expect(refusal(checkDelegateEligible([unitHead('DTN')], [unitHead('HND')])).code).toBe(ErrorCode.DELEGATE_NOT_ELIGIBLE);
    expect(refusal(checkDelegateEligible([council, unitHead('DTN')], [council])).detail).toContain('UNIT_HEAD of DTN');
  });

  it('given a delegator with no task-bearing role, should refuse: there is nothing to delegate', () => {
    const admin = { role: Role.ADMIN, provinceCode: null, unitCode: null };
    expect(refusal(checkDelegateEligible([admin], [admin])).detail).toBe('the delegator holds no role with tasks to delegate');
  });
});

describe('recusal over every unit the decider serves', () => {
  const sim = new Sim(
    chain([level('HD', Role.COUNCIL_MEMBER, LevelMode.ANY)]),
    [{ itemId: 'DTN', title: 'Bằng khen: Tỉnh đoàn', subjectUnitCode: 'DTN' }],
    { HD: [person('tv1')] },
  );

  it('given a council member who also heads the nominated unit, acting as council member, should recuse him', () => {
    const asCouncil: Actor = { ...actor('tv1', Role.COUNCIL_MEMBER), otherUnits: ['DTN'] };
    expect(refusal(checkSeparationOfDuties(asCouncil, sim.state, ['DTN']))).toEqual({
      code: ErrorCode.RECUSED,
      detail: 'user tv1: tv1 belongs to unit DTN, the subject of item DTN',
    });
    expect(checkSeparationOfDuties(actor('tv1', Role.COUNCIL_MEMBER), sim.state, ['DTN'])).toEqual(PASS);
  });

  it('given a delegate, should check his own units and those of the holder he acts for', () => {
    const delegate = { userId: 'pho', otherUnits: ['DTN'] };
    expect(refusal(checkSeparationOfDuties(delegate, sim.state, ['DTN'], { userId: 'tv1' })).detail).toBe(
      'user pho: pho belongs to unit DTN, the subject of item DTN',
    );
    expect(refusal(checkSeparationOfDuties({ userId: 'pho' }, sim.state, ['DTN'], { userId: 'tv1', unitCode: 'DTN' })).code).toBe(
      ErrorCode.RECUSED,
    );
  });
});

describe('grants', () => {
  it('should need two admins for every deciding role and for ADMIN, not for unit roles or the auditor', () => {
    expect([...TWO_PERSON_GRANT_ROLES].sort()).toEqual(['ADMIN', 'BOARD_HEAD', 'BOARD_SPECIALIST', 'CHAIRMAN', 'COUNCIL_MEMBER']);
  });

  it('given any instant, should start the grantable period at 00:00 of that day in Vietnam', () => {
    expect(startOfVietnamDay(new Date('2026-03-01T16:59:59Z')).toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(startOfVietnamDay(new Date('2026-03-01T17:00:00Z')).toISOString()).toBe('2026-03-01T17:00:00.000Z');
  });
});
