import {
  canReadChain,
  canReadCycle,
  canReadProvince,
  canReadScoreSheet,
  canReadUnit,
  provinceOf,
  readScopeOf,
  scoresArePublic,
  seesAllScoresOf,
  timelineUnitOf,
  type ChainRef,
  type CycleRef,
  type ScoreSheetRef,
  type UnitRef,
} from '../../src/domain/read-scope';
import { BlocCapacity, Role, type Actor } from '../../src/shared/actors';

const since = '2020-01-01T00:00:00.000Z';
const head = (unitCode: string, provinceCode = 'BK'): Actor => ({
  userId: `head.${unitCode}`,
  role: Role.UNIT_HEAD,
  unitCode,
  provinceCode,
});
const focal = (unitCode: string, provinceCode = 'BK'): Actor => ({
  userId: `focal.${unitCode}`,
  role: Role.UNIT_FOCAL,
  unitCode,
  provinceCode,
});
const leader = (unitCode: string, blocCode = 'MTTQ-DT', capacity = BlocCapacity.LEADER): Actor => ({
  ...head(unitCode),
  leads: [{ blocCode, capacity, year: 2020, since }],
});
const board = (role: Role, provinceCode = 'BK'): Actor => ({ userId: `${role}.${provinceCode}`, role, provinceCode });
const admin: Actor = { userId: 'admin', role: Role.ADMIN };
const auditor: Actor = { userId: 'kiemtoan', role: Role.AUDITOR };

const cycle = (phase = 'SELF_ASSESSMENT', overrides: Partial<CycleRef> = {}): CycleRef => ({
  provinceCode: 'BK',
  blocCode: 'MTTQ-DT',
  memberUnits: ['HLHPN', 'LDLD', 'MTTQ'],
  leaderUnit: 'HLHPN',
  deputyUnit: 'LDLD',
  phase,
  ...overrides,
});
const read = (actor: Actor) => readScopeOf(actor);

describe('readScopeOf', () => {
  it('given an admin or auditor without a province, should be system-wide', () => {
    expect(read(admin)).toEqual({ kind: 'SYSTEM' });
    expect(read(auditor)).toEqual({ kind: 'SYSTEM' });
  });

  it('given an admin or auditor assigned to a province, should be confined to it', () => {
    expect(read({ ...admin, provinceCode: 'BK' })).toEqual({ kind: 'PROVINCE', provinceCode: 'BK' });
    expect(read({ ...auditor, provinceCode: 'SL' })).toEqual({ kind: 'PROVINCE', provinceCode: 'SL' });
  });

  it.each([Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.COUNCIL_MEMBER, Role.CHAIRMAN])(
    'given %s of a province, should be that province',
    (role) => {
      expect(read(board(role))).toEqual({ kind: 'PROVINCE', provinceCode: 'BK' });
    },
  );

  it('given a deciding role without a province, should read nothing scoped', () => {
    expect(read({ userId: 'x', role: Role.CHAIRMAN })).toEqual({ kind: 'NONE' });
    expect(provinceOf(read({ userId: 'x', role: Role.CHAIRMAN }))).toBeNull();
  });

  it('given a unit head whose unit leads a bloc, should carry the bloc; a focal person carries no seat', () => {
    expect(read(leader('HLHPN'))).toMatchObject({ kind: 'UNIT', unitCode: 'HLHPN', head: true, leads: ['MTTQ-DT'] });
    expect(
      read({ ...focal('HLHPN'), leads: [{ blocCode: 'MTTQ-DT', capacity: BlocCapacity.LEADER, year: 2020, since }] }),
    ).toMatchObject({
      kind: 'UNIT',
      head: false,
      leads: [],
    });
  });

  it('given a unit role without its unit, should read nothing scoped', () => {
    expect(read({ userId: 'x', role: Role.UNIT_HEAD, provinceCode: 'BK' })).toEqual({ kind: 'NONE' });
  });
});

describe('canReadProvince', () => {
  it('given any role of the province, should pass; of another province, should not; system-wide, always', () => {
    expect(canReadProvince(read(focal('MTTQ')), 'BK')).toBe(true);
    expect(canReadProvince(read(board(Role.CHAIRMAN)), 'BK')).toBe(true);
    expect(canReadProvince(read(board(Role.CHAIRMAN, 'SL')), 'BK')).toBe(false);
    expect(canReadProvince(read(head('SL-MTTQ', 'SL')), 'BK')).toBe(false);
    expect(canReadProvince(read(admin), 'BK')).toBe(true);
    expect(canReadProvince(read({ userId: 'x', role: Role.CHAIRMAN }), 'BK')).toBe(false);
  });
});

describe('canReadCycle', () => {
  it("given the province's board, council, chairman, admin or auditor, should see it; of another province, not", () => {
    for (const role of [Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.COUNCIL_MEMBER, Role.CHAIRMAN, Role.ADMIN, Role.AUDITOR]) {
      expect(canReadCycle(read(board(role)), cycle())).toBe(true);
      expect(canReadCycle(read(board(role, 'SL')), cycle())).toBe(false);
    }
    expect(canReadCycle(read(admin), cycle())).toBe(true);
  });

  it("given a member unit's head or focal person, should see it; a unit outside the cycle's own list, not", () => {
    expect(canReadCycle(read(head('MTTQ')), cycle())).toBe(true);
    expect(canReadCycle(read(focal('MTTQ')), cycle())).toBe(true);
    expect(canReadCycle(read(head('HND')), cycle())).toBe(false);
  });

  it('given a unit of the same code in another province, should not see it', () => {
    expect(canReadCycle(read(head('MTTQ', 'SL')), cycle())).toBe(false);
  });

  it('given the Trưởng khối in office of the bloc, should see its cycles even where his unit is not in the list', () => {
    expect(canReadCycle(read(leader('HND')), cycle('SELF_ASSESSMENT', { leaderUnit: 'X', deputyUnit: 'Y' }))).toBe(true);
    expect(canReadCycle(read(leader('HND', 'OTHER')), cycle('SELF_ASSESSMENT', { leaderUnit: 'X', deputyUnit: 'Y' }))).toBe(
      false,
    );
  });
});

describe('canReadScoreSheet', () => {
  const sheet = (unitCode: string, phase = 'SELF_ASSESSMENT', extra: Partial<ScoreSheetRef> = {}): ScoreSheetRef => ({
    cycle: cycle(phase),
    unitCode,
    crossScorers: [],
    ...extra,
  });

  it("given the unit's own head or focal person, should pass", () => {
    expect(canReadScoreSheet(read(head('MTTQ')), sheet('MTTQ'))).toBe(true);
    expect(canReadScoreSheet(read(focal('MTTQ')), sheet('MTTQ'))).toBe(true);
  });

  it("given a competing member during the self-assessment, should not see another unit's sheet", () => {
    expect(canReadScoreSheet(read(head('MTTQ')), sheet('LDLD'))).toBe(false);
    expect(canReadScoreSheet(read(focal('MTTQ')), sheet('LDLD', 'PLEDGE'))).toBe(false);
  });

  it('given the Trưởng khối or the Phó khối (the reviewers), should see every sheet of the bloc', () => {
    expect(canReadScoreSheet(read(leader('HLHPN')), sheet('MTTQ'))).toBe(true);
    expect(canReadScoreSheet(read(leader('LDLD', 'MTTQ-DT', BlocCapacity.DEPUTY)), sheet('HLHPN'))).toBe(true);
    // The cycle's own seats keep reading its sheets after the handover.
    expect(canReadScoreSheet(read(head('HLHPN')), sheet('MTTQ'))).toBe(true);
  });

  it("given the focal person of the leading unit, should not see the other units' sheets (the seat is the head's)", () => {
    expect(canReadScoreSheet(read(focal('HLHPN')), sheet('MTTQ'))).toBe(false);
  });

  it('given the head of a unit assigned to cross-score, should see the sheet only once his own unit handed in its own', () => {
    const assigned = (status: string | null) =>
      sheet('LDLD', 'SELF_ASSESSMENT', { crossScorers: ['MTTQ'], readerUnitStatus: status });
    expect(canReadScoreSheet(read(head('MTTQ')), assigned('DRAFT'))).toBe(false);
    expect(canReadScoreSheet(read(head('MTTQ')), assigned('RETURNED'))).toBe(false);
    expect(canReadScoreSheet(read(head('MTTQ')), assigned(null))).toBe(false);
    expect(canReadScoreSheet(read(head('MTTQ')), assigned('SUBMITTED'))).toBe(true);
    expect(canReadScoreSheet(read(head('MTTQ')), assigned('ACCEPTED'))).toBe(true);
    expect(canReadScoreSheet(read(focal('MTTQ')), assigned('ACCEPTED'))).toBe(false);
  });

  it('given a member once the self-assessment has closed (the conference ranks the verified totals), should see every sheet', () => {
    for (const phase of ['CONFERENCE', 'SUBMISSION', 'APPRAISAL', 'DECISION', 'COMPLETED']) {
      expect(canReadScoreSheet(read(focal('MTTQ')), sheet('LDLD', phase))).toBe(true);
    }
  });

  it('given someone outside the cycle, should never see a sheet, whatever the phase', () => {
    expect(canReadScoreSheet(read(head('HND')), sheet('LDLD', 'COMPLETED'))).toBe(false);
    expect(canReadScoreSheet(read(board(Role.CHAIRMAN, 'SL')), sheet('LDLD', 'COMPLETED'))).toBe(false);
  });

  it("given the province's readers, should see every sheet", () => {
    expect(canReadScoreSheet(read(board(Role.COUNCIL_MEMBER)), sheet('LDLD'))).toBe(true);
    expect(canReadScoreSheet(read(auditor), sheet('LDLD'))).toBe(true);
  });
});

describe('the cycle view and its timeline', () => {
  it('given a member before the conference, should show only its own scores; after, all', () => {
    expect(scoresArePublic(cycle('SELF_ASSESSMENT'))).toBe(false);
    expect(seesAllScoresOf(read(head('MTTQ')), cycle('SELF_ASSESSMENT'))).toBe(false);
    expect(seesAllScoresOf(read(head('MTTQ')), cycle('CONFERENCE'))).toBe(true);
    expect(seesAllScoresOf(read(leader('HLHPN')), cycle('SELF_ASSESSMENT'))).toBe(true);
    expect(seesAllScoresOf(read(board(Role.BOARD_HEAD)), cycle('SELF_ASSESSMENT'))).toBe(true);
  });

  it("given a member unit's people, should confine the timeline to their unit; the leader and the board see it whole", () => {
    expect(timelineUnitOf(read(focal('MTTQ')), cycle())).toBe('MTTQ');
    expect(timelineUnitOf(read(leader('HLHPN')), cycle())).toBeNull();
    expect(timelineUnitOf(read(board(Role.CHAIRMAN)), cycle())).toBeNull();
  });
});

describe('canReadUnit', () => {
  const unit: UnitRef = { code: 'MTTQ', provinceCode: 'BK', blocs: ['MTTQ-DT'] };

  it("given the unit's own people, should see awards, eligibility and conditions", () => {
    for (const record of ['AWARDS', 'ELIGIBILITY', 'CONDITIONS'] as const) {
      expect(canReadUnit(read(focal('MTTQ')), unit, record)).toBe(true);
    }
  });

  it('given another unit of the bloc, should see none of them', () => {
    for (const record of ['AWARDS', 'ELIGIBILITY', 'CONDITIONS'] as const) {
      expect(canReadUnit(read(head('LDLD')), unit, record)).toBe(false);
    }
  });

  it("given the bloc's Trưởng khối, should see awards and eligibility but not the conditions (people under investigation)", () => {
    expect(canReadUnit(read(leader('HLHPN')), unit, 'AWARDS')).toBe(true);
    expect(canReadUnit(read(leader('HLHPN')), unit, 'ELIGIBILITY')).toBe(true);
    expect(canReadUnit(read(leader('HLHPN')), unit, 'CONDITIONS')).toBe(false);
    expect(canReadUnit(read(leader('HLHPN', 'OTHER')), unit, 'AWARDS')).toBe(false);
  });

  it("given the province's readers, should see everything; another province's, nothing", () => {
    expect(canReadUnit(read(board(Role.BOARD_SPECIALIST)), unit, 'CONDITIONS')).toBe(true);
    expect(canReadUnit(read(board(Role.BOARD_SPECIALIST, 'SL')), unit, 'AWARDS')).toBe(false);
    expect(canReadUnit(read(head('MTTQ', 'SL')), unit, 'AWARDS')).toBe(false);
  });
});

describe('canReadChain', () => {
  const chain = (extra: Partial<ChainRef> = {}): ChainRef => ({
    provinceCode: 'BK',
    blocCode: 'MTTQ-DT',
    subjectUnits: ['DTN'],
    participants: ['chuyenvien.bk'],
    ...extra,
  });

  it("given the province's readers, should see it; another province's, not", () => {
    expect(canReadChain(read(board(Role.COUNCIL_MEMBER)), chain())).toBe(true);
    expect(canReadChain(read(board(Role.COUNCIL_MEMBER, 'SL')), chain())).toBe(false);
    expect(canReadChain(read(admin), chain())).toBe(true);
  });

  it('given the subject unit, the submitting unit or a participant, should see it; another member unit, not', () => {
    expect(canReadChain(read(focal('DTN')), chain())).toBe(true);
    expect(canReadChain(read(focal('HND')), chain({ submitterUnit: 'HND' }))).toBe(true);
    expect(canReadChain(read(focal('HND')), chain({ participants: ['focal.HND'] }))).toBe(true);
    expect(canReadChain(read(focal('HND')), chain())).toBe(false);
  });

  it("given the Trưởng khối of the chain's bloc, should see it", () => {
    expect(canReadChain(read(leader('HLHPN')), chain())).toBe(true);
    expect(canReadChain(read(leader('HLHPN')), chain({ blocCode: undefined }))).toBe(false);
  });
});
