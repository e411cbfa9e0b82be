import { cycleStepsFor, endOfVietnamDay, type CycleStepFacts } from '../../src/domain/cycle-steps';
import { Role, type Actor } from '../../src/shared/actors';
import { ItemStatus } from '../../src/shared/approval';
import { NomineeStatus, Phase, type CycleState, type DossierState, type Nominee } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { blocActors } from './support/bloc-actors';

const P = 'BK';
const BLOC = 'MTTQ-DT';
const MEMBERS = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'];
const NOW = new Date('2020-06-15T03:00:00.000Z');
const PLEDGE_DUE = '2020-07-01T10:00:00.000Z';
const SA_DUE = '2020-11-30T10:00:00.000Z';

const { head, leader, deputy, focal, board } = blocActors(P, BLOC);

function cycle(phase: Phase, extra: Partial<CycleState> = {}): CycleState {
  return {
    cycleId: `cycle.${P}.${BLOC}.2020`,
    provinceCode: P,
    blocCode: BLOC,
    blocName: 'Khối thi đua MTTQ và các đoàn thể',
    year: 2020,
    phase,
    version: 7,
    units: MEMBERS.map((code) => ({ code, name: `Đơn vị ${code}` })),
    leaderUnit: 'HLHPN',
    deputyUnit: 'LDLD',
    rulesVersion: 'BK-ND91-2017',
    pledges: {},
    lateUnits: {},
    assessments: {},
    nominees: [],
    ...(phase !== Phase.LAUNCH
      ? {
          launch: {
            plan: 'Kế hoạch',
            pledgeText: 'Giao ước',
            criteria: [{ code: 'TC1', name: 'Nhiệm vụ', maxPoints: 100, evidenceRequired: false }],
            pledgeDeadline: PLEDGE_DUE,
            selfAssessmentDeadline: SA_DUE,
            launchedAt: '2020-06-01T00:00:00.000Z',
            launchedBy: 'head.HLHPN',
          },
        }
      : {}),
    ...extra,
  };
}

const actions = (state: CycleState, actor: Actor, facts?: CycleStepFacts, now = NOW) =>
  cycleStepsFor(state, actor, facts, now).map((s) => (s.unitCode ? `${s.action}:${s.unitCode}` : s.action));

const nominee = (unitCode: string, status: NomineeStatus, award = AwardType.BANG_KHEN_CHU_TICH): Nominee => ({
  id: `${award}:${unitCode}`,
  unitCode,
  award,
  status,
  ballotVotes: 5,
});

describe('cycleStepsFor: LAUNCH and PLEDGE', () => {
  it('given the cycle in LAUNCH, should list LAUNCH for the Trưởng khối in office only', () => {
    const state = cycle(Phase.LAUNCH);
    const [launch] = cycleStepsFor(state, leader(), {}, NOW);
    expect(launch).toEqual({
      id: `${state.cycleId}/LAUNCH`,
      kind: 'CYCLE_STEP',
      action: 'LAUNCH',
      title: 'Phát động thi đua năm 2020: kế hoạch, tiêu chí, giao ước – Khối thi đua MTTQ và các đoàn thể',
      provinceCode: P,
      blocCode: BLOC,
      cycleId: state.cycleId,
      phase: Phase.LAUNCH,
      overdue: false,
    });
    // The head of the leading unit after the handover (no seat held now), a member's head, the board: nothing.
    expect(actions(state, head('HLHPN'))).toEqual([]);
    expect(actions(state, head('LDLD'))).toEqual([]);
    expect(actions(state, board(Role.BOARD_HEAD))).toEqual([]);
  });

  it('given the cycle in PLEDGE, should list SIGN_PLEDGE for each head whose unit has not signed, due at the pledge deadline', () => {
    const state = cycle(Phase.PLEDGE, { pledges: { LDLD: { signedAt: '2020-06-02T00:00:00Z', signedBy: 'head.LDLD' } } });
    const [step] = cycleStepsFor(state, head('DTN'), {}, NOW);
    expect(step).toMatchObject({
      id: `${state.cycleId}/SIGN_PLEDGE/DTN`,
      action: 'SIGN_PLEDGE',
      title: 'Ký giao ước thi đua năm 2020 – Khối thi đua MTTQ và các đoàn thể',
      unitCode: 'DTN',
      dueAt: PLEDGE_DUE,
      overdue: false,
    });
    expect(actions(state, leader())).toEqual(['SIGN_PLEDGE:HLHPN']);
    expect(actions(state, head('LDLD'))).toEqual([]);
    expect(actions(state, focal('DTN'))).toEqual([]);
    expect(actions(state, head('OUTSIDER'))).toEqual([]);
    expect(cycleStepsFor(state, head('DTN'), {}, new Date('2020-07-02T00:00:00Z'))[0].overdue).toBe(true);
  });

  it('given the RECORD of a past year, should list its steps with their deadlines but never as overdue', () => {
    const state = { ...cycle(Phase.PLEDGE), mode: 'RECORD' as const };
    const [step] = cycleStepsFor(state, head('DTN'), {}, new Date('2026-12-06T00:00:00Z'));
    expect(step).toMatchObject({ action: 'SIGN_PLEDGE', dueAt: PLEDGE_DUE, overdue: false });
  });

  it('given an actor of another province, an admin, an auditor or a completed cycle, should list nothing', () => {
    const state = cycle(Phase.PLEDGE);
    expect(actions(state, head('DTN', { provinceCode: 'HY' }))).toEqual([]);
    expect(actions(state, { userId: 'admin', role: Role.ADMIN })).toEqual([]);
    expect(actions(state, { userId: 'kiemtoan', role: Role.AUDITOR })).toEqual([]);
    expect(actions(cycle(Phase.COMPLETED), head('DTN'))).toEqual([]);
  });
});

describe('cycleStepsFor: SELF_ASSESSMENT', () => {
  const facts = (statuses: Record<string, string | null>, extra: CycleStepFacts = {}): CycleStepFacts => ({
    assessments: Object.fromEntries(
      Object.entries(statuses).map(([code, status]) => [code, { status: status as never, rounds: status ? 1 : 0 }]),
    ),
    unitHasFocal: true,
    ...extra,
  });

  it('given a DRAFT or RETURNED sheet, should list SUBMIT_ASSESSMENT for the focal person (not the head who has one)', () => {
    const state = cycle(Phase.SELF_ASSESSMENT);
    const f = facts({ DTN: 'DRAFT', HND: 'RETURNED', MTTQ: null });
    expect(cycleStepsFor(state, focal('DTN'), f, NOW)[0]).toMatchObject({
      action: 'SUBMIT_ASSESSMENT',
      unitCode: 'DTN',
      dueAt: SA_DUE,
      title: expect.stringContaining('Nộp bảng tự chấm điểm năm 2020'),
    });
    expect(cycleStepsFor(state, focal('HND'), f, NOW)[0].title).toContain('Nộp lại');
    // Not yet projected: the unit's child workflow already takes the sheet.
    expect(actions(state, focal('MTTQ'), f)).toEqual(['SUBMIT_ASSESSMENT:MTTQ']);
    expect(actions(state, head('DTN'), f)).toEqual([]);
    // A unit with no focal person: its head prepares the sheet.
    expect(actions(state, head('DTN'), { ...f, unitHasFocal: false })).toEqual(['SUBMIT_ASSESSMENT:DTN']);
  });

  it('given a SUBMITTED sheet, should list APPROVE_ASSESSMENT for its head only; the focal person has nothing', () => {
    const state = cycle(Phase.SELF_ASSESSMENT);
    const f = facts({ DTN: 'SUBMITTED' });
    expect(actions(state, head('DTN'), f)).toEqual(['APPROVE_ASSESSMENT:DTN']);
    expect(actions(state, focal('DTN'), f)).toEqual([]);
    expect(actions(state, head('HND'), f)).toEqual([]);
  });

  it('given sheets approved by their heads, should list REVIEW_ASSESSMENT per unit for the Trưởng khối', () => {
    const state = cycle(Phase.SELF_ASSESSMENT);
    const f = facts({ HLHPN: 'ACCEPTED', DTN: 'UNIT_APPROVED', HND: 'UNIT_APPROVED', MTTQ: 'SUBMITTED' });
    expect(actions(state, leader(), f)).toEqual(['REVIEW_ASSESSMENT:HND', 'REVIEW_ASSESSMENT:DTN']);
    const [review] = cycleStepsFor(state, leader(), f, NOW);
    expect(review).toMatchObject({ id: `${state.cycleId}/REVIEW_ASSESSMENT/HND`, title: expect.stringContaining('Đơn vị HND') });
    expect(actions(state, deputy(), f)).toEqual([]);
  });

  it("given the Trưởng khối's own sheet approved, should list its review for the Phó khối and not for him", () => {
    const state = cycle(Phase.SELF_ASSESSMENT);
    const f = facts({ HLHPN: 'UNIT_APPROVED', DTN: 'UNIT_APPROVED' });
    expect(actions(state, leader(), f)).toEqual(['REVIEW_ASSESSMENT:DTN']);
    expect(actions(state, deputy(), f)).toEqual(['REVIEW_ASSESSMENT:HLHPN']);
  });

  it('given cross-scoring assignments, should list CROSS_SCORE for the assigned head until it has scored this round', () => {
    const base = cycle(Phase.SELF_ASSESSMENT);
    const launch = base.launch as NonNullable<CycleState['launch']>;
    const state = cycle(Phase.SELF_ASSESSMENT, {
      launch: { ...launch, crossScoring: [{ scorer: 'MTTQ', scored: 'DTN' }] },
    });
    const f = facts({ DTN: 'UNIT_APPROVED', MTTQ: 'ACCEPTED' });
    expect(actions(state, head('MTTQ'), f)).toEqual(['CROSS_SCORE:DTN']);
    expect(actions(state, head('HND'), f)).not.toContain('CROSS_SCORE:DTN');
    expect(actions(state, focal('MTTQ'), f)).toEqual([]);
    const scored = { ...f, crossScored: [{ scorerUnit: 'MTTQ', unitCode: 'DTN', round: 1 }] };
    expect(actions(state, head('MTTQ'), scored)).toEqual([]);
    // A new round (returned, resubmitted, approved again) is scored again.
    const round2 = { ...scored, assessments: { ...scored.assessments, DTN: { status: 'UNIT_APPROVED' as const, rounds: 2 } } };
    expect(actions(state, head('MTTQ'), round2)).toEqual(['CROSS_SCORE:DTN']);
    expect(actions(state, head('MTTQ'), facts({ DTN: 'SUBMITTED' }))).toEqual([]);
  });

  it("given the assigned head's own sheet not handed in yet, should list no CROSS_SCORE until it is", () => {
    const base = cycle(Phase.SELF_ASSESSMENT);
    const launch = base.launch as NonNullable<CycleState['launch']>;
    const state = cycle(Phase.SELF_ASSESSMENT, { launch: { ...launch, crossScoring: [{ scorer: 'MTTQ', scored: 'DTN' }] } });
    for (const own of ['DRAFT', 'RETURNED']) {
      expect(actions(state, head('MTTQ'), facts({ DTN: 'UNIT_APPROVED', MTTQ: own }))).not.toContain('CROSS_SCORE:DTN');
    }
    expect(actions(state, head('MTTQ'), facts({ DTN: 'UNIT_APPROVED', MTTQ: 'SUBMITTED' }))).toContain('CROSS_SCORE:DTN');
  });

  it('given the deadline passed with unfinished units, should list CLOSE_SELF_ASSESSMENT for the Trưởng khối, overdue sheets too', () => {
    const state = cycle(Phase.SELF_ASSESSMENT);
    const after = new Date('2020-12-01T00:00:00Z');
    const f = facts(Object.fromEntries(MEMBERS.map((c) => [c, c === 'DTN' ? 'DRAFT' : 'ACCEPTED'])));
    expect(actions(state, leader(), f, after)).toEqual(['CLOSE_SELF_ASSESSMENT']);
    expect(actions(state, leader(), f, NOW)).toEqual([]);
    expect(cycleStepsFor(state, focal('DTN'), f, after)[0]).toMatchObject({ action: 'SUBMIT_ASSESSMENT', overdue: true });
    const done = facts(Object.fromEntries(MEMBERS.map((c) => [c, 'ACCEPTED'])));
    expect(actions(state, leader(), done, after)).toEqual([]);
  });

  it('given a sheet deciding in its approval chain (IN_APPROVAL), should list no APPROVE_ASSESSMENT and no review', () => {
    const state = cycle(Phase.SELF_ASSESSMENT);
    expect(actions(state, head('DTN'), facts({ DTN: 'SUBMITTED' }))).toEqual(['APPROVE_ASSESSMENT:DTN']);
    const inChain = facts({ DTN: 'IN_APPROVAL', HND: 'IN_APPROVAL' });
    expect(actions(state, head('DTN'), inChain)).toEqual([]);
    expect(actions(state, focal('DTN'), inChain)).toEqual([]);
    expect(actions(state, leader(), inChain)).toEqual([]);
  });

  it('given a sheet IN_APPROVAL, should list CROSS_SCORE for the assigned head until it has scored this round', () => {
    const base = cycle(Phase.SELF_ASSESSMENT);
    const launch = base.launch as NonNullable<CycleState['launch']>;
    const state = cycle(Phase.SELF_ASSESSMENT, { launch: { ...launch, crossScoring: [{ scorer: 'MTTQ', scored: 'DTN' }] } });
    const f = facts({ DTN: 'IN_APPROVAL', MTTQ: 'ACCEPTED' });
    expect(actions(state, head('MTTQ'), f)).toEqual(['CROSS_SCORE:DTN']);
    expect(actions(state, head('HND'), f)).toEqual([]);
    expect(actions(state, head('MTTQ'), { ...f, crossScored: [{ scorerUnit: 'MTTQ', unitCode: 'DTN', round: 1 }] })).toEqual([]);
    // Once the chain has decided, there is nothing left to score.
    for (const status of ['ACCEPTED', 'REJECTED', 'RETURNED']) {
      expect(actions(state, head('MTTQ'), facts({ DTN: status, MTTQ: 'ACCEPTED' }))).toEqual([]);
    }
  });

  it('given the deadline passed, should count a sheet IN_APPROVAL as unfinished and a REJECTED one as finished', () => {
    const state = cycle(Phase.SELF_ASSESSMENT);
    const after = new Date('2020-12-01T00:00:00Z');
    const allBut = (status: string) => facts(Object.fromEntries(MEMBERS.map((c) => [c, c === 'DTN' ? status : 'ACCEPTED'])));
    expect(actions(state, leader(), allBut('IN_APPROVAL'), after)).toEqual(['CLOSE_SELF_ASSESSMENT']);
    expect(actions(state, leader(), allBut('REJECTED'), after)).toEqual([]);
  });

  it('given the close requested, should list no self-assessment step at all', () => {
    const state = cycle(Phase.SELF_ASSESSMENT);
    const f = facts({ DTN: 'DRAFT', HND: 'UNIT_APPROVED' }, { selfAssessmentCloseRequested: true });
    expect(actions(state, focal('DTN'), f)).toEqual([]);
    expect(actions(state, leader(), f, new Date('2020-12-01T00:00:00Z'))).toEqual([]);
  });
});

describe('cycleStepsFor: CONFERENCE', () => {
  const conference = {
    openedAt: '2020-12-29T02:00:00Z',
    heldOn: '2020-12-29',
    present: ['DTN', 'HCCB', 'HLHPN', 'HND', 'LDLD'],
    quorum: { required: 4, present: 5, base: 6, ratio: 2 / 3, met: true },
    ranking: [],
  };
  const ballot = (extra: Partial<NonNullable<CycleState['ballot']>> = {}): NonNullable<CycleState['ballot']> => ({
    status: 'OPEN',
    round: 1,
    candidates: { [AwardType.CO_THI_DUA_TINH]: ['HLHPN'] },
    leaderCandidates: ['LDLD'],
    deputyCandidates: ['DTN'],
    voted: [],
    ...extra,
  });

  it('should lead the Trưởng khối from opening the conference to opening the ballot', () => {
    expect(actions(cycle(Phase.CONFERENCE), leader())).toEqual(['OPEN_CONFERENCE']);
    expect(actions(cycle(Phase.CONFERENCE, { conference }), leader())).toEqual(['OPEN_BALLOT']);
    expect(actions(cycle(Phase.CONFERENCE), head('DTN'))).toEqual([]);
  });

  it('given an open ballot, should list CAST_BALLOT for present heads that have not voted, and CLOSE_BALLOT once one has', () => {
    const open = cycle(Phase.CONFERENCE, { conference, ballot: ballot() });
    expect(actions(open, leader())).toEqual(['CAST_BALLOT:HLHPN']);
    expect(actions(open, head('DTN'))).toEqual(['CAST_BALLOT:DTN']);
    expect(actions(open, head('MTTQ'))).toEqual([]);
    expect(actions(open, head('MTTQ'), { allowAbsentWrittenVote: true })).toEqual(['CAST_BALLOT:MTTQ']);
    expect(actions(open, focal('DTN'))).toEqual([]);

    const voting = cycle(Phase.CONFERENCE, { conference, ballot: ballot({ voted: ['DTN', 'HLHPN'], round: 2 }) });
    expect(actions(voting, head('DTN'))).toEqual([]);
    expect(actions(voting, head('HND'))).toEqual(['CAST_BALLOT:HND']);
    expect(cycleStepsFor(voting, head('HND'), {}, NOW)[0].title).toContain('vòng 2');
    const [close] = cycleStepsFor(voting, leader(), {}, NOW);
    expect(close).toMatchObject({ action: 'CLOSE_BALLOT', title: expect.stringContaining('(2/5 đơn vị đã bỏ phiếu)') });
  });

  it('should never reveal anything of the papers: a step carries whether the unit voted, not how', () => {
    const open = cycle(Phase.CONFERENCE, { conference, ballot: ballot({ voted: ['DTN'] }) });
    const all = [leader(), head('DTN'), head('HND')].flatMap((a) => cycleStepsFor(open, a, {}, NOW));
    expect(JSON.stringify(all)).not.toMatch(/CO_THI_DUA|choices|nextLeader/);
  });

  it('given a tie after the last round, should ask the Trưởng khối to propose, then the Phó khối to confirm', () => {
    const openTie = { item: AwardType.BANG_KHEN_CHU_TICH, tied: ['HND', 'HCCB'], slots: 1 };
    const tie = cycle(Phase.CONFERENCE, { conference, ballot: ballot({ status: 'AWAITING_TIE_DECISION', openTie }) });
    expect(actions(tie, leader())).toEqual(['DECIDE_TIE']);
    expect(actions(tie, deputy())).toEqual([]);
    const proposed = cycle(Phase.CONFERENCE, {
      conference,
      ballot: ballot({ status: 'AWAITING_TIE_DECISION', openTie, tieProposal: { item: openTie.item, chosen: ['HND'], by: 'x' } }),
    });
    expect(actions(proposed, leader())).toEqual([]);
    expect(actions(proposed, deputy())).toEqual(['DECIDE_TIE']);
    expect(cycleStepsFor(proposed, deputy(), {}, NOW)[0].title).toContain('Xác nhận');
  });
});

describe('cycleStepsFor: SUBMISSION to DECISION', () => {
  const dossier = (status: DossierState['status'], extra: Partial<NonNullable<CycleState['dossier']>> = {}) => ({
    status,
    round: 1,
    toTrinh: { number: '15/TTr', date: '2020-12-30', documentRef: 'x.pdf' },
    achievementReports: [],
    submittedAt: '2020-12-30T00:00:00Z',
    returns: [],
    ...extra,
  });
  const nominees = [
    nominee('HLHPN', NomineeStatus.IN_APPRAISAL, AwardType.CO_THI_DUA_TINH),
    nominee('DTN', NomineeStatus.IN_APPRAISAL),
  ];

  it('should pass the dossier between the Trưởng khối and the board specialist', () => {
    expect(actions(cycle(Phase.SUBMISSION, { nominees }), leader())).toEqual(['SUBMIT_DOSSIER']);
    const submitted = cycle(Phase.SUBMISSION, { nominees, dossier: dossier('SUBMITTED') });
    expect(actions(submitted, leader())).toEqual([]);
    expect(actions(submitted, board(Role.BOARD_SPECIALIST))).toEqual(['REVIEW_DOSSIER']);
    expect(actions(submitted, board(Role.BOARD_SPECIALIST, 'HY'))).toEqual([]);
    expect(actions(submitted, board(Role.BOARD_HEAD))).toEqual([]);
    const returned = cycle(Phase.SUBMISSION, { nominees, dossier: dossier('RETURNED') });
    expect(actions(returned, leader())).toEqual(['SUBMIT_DOSSIER']);
    expect(cycleStepsFor(returned, leader(), {}, NOW)[0].title).toContain('trình lại');
    expect(actions(returned, board(Role.BOARD_SPECIALIST))).toEqual([]);
  });

  it('should list the appraisal for the specialist, then its approval for the head of the board, due at the end of the due day', () => {
    const d = dossier('ACCEPTED', { appraisalDueDate: '2021-01-08' });
    const pending = cycle(Phase.APPRAISAL, { nominees, dossier: d, appraisal: { status: 'PENDING', returns: [] } });
    expect(cycleStepsFor(pending, board(Role.BOARD_SPECIALIST), {}, NOW)).toEqual([
      expect.objectContaining({ action: 'APPRAISE', dueAt: '2021-01-08T16:59:59.999Z', overdue: false }),
    ]);
    expect(endOfVietnamDay('2021-01-08')).toBe('2021-01-08T16:59:59.999Z');
    expect(actions(pending, board(Role.BOARD_HEAD))).toEqual([]);
    const appraised = cycle(Phase.APPRAISAL, { nominees, dossier: d, appraisal: { status: 'APPRAISED', returns: [] } });
    expect(actions(appraised, board(Role.BOARD_SPECIALIST))).toEqual([]);
    const [approve] = cycleStepsFor(appraised, board(Role.BOARD_HEAD), {}, new Date('2021-01-08T17:00:00Z'));
    expect(approve).toMatchObject({ action: 'APPROVE_APPRAISAL', overdue: true });
    const flagged = cycle(Phase.APPRAISAL, {
      nominees,
      dossier: { ...d, appraisalOverdue: true },
      appraisal: { status: 'APPRAISED', returns: [] },
    });
    expect(cycleStepsFor(flagged, board(Role.BOARD_HEAD), {}, NOW)[0].overdue).toBe(true);
  });

  it('given the appraisal run as an approval chain, should list none of the fixed appraisal steps (the chain has its own tasks)', () => {
    const d = dossier('ACCEPTED', { appraisalDueDate: '2021-01-08' });
    const chained = cycle(Phase.APPRAISAL, {
      nominees,
      dossier: d,
      appraisal: { status: 'PENDING', chainId: `cycle.${P}.${BLOC}.2020.appraisal`, returns: [] },
    });
    for (const role of [Role.BOARD_SPECIALIST, Role.BOARD_HEAD, Role.CHAIRMAN]) expect(actions(chained, board(role))).toEqual([]);
  });

  it('should list the council vote while nominees await the council, then the chairman’s decision', () => {
    const approved = cycle(Phase.APPRAISAL, {
      nominees: [nominee('HLHPN', NomineeStatus.AWAITING_COUNCIL), nominee('DTN', NomineeStatus.AWAITING_DECISION)],
      appraisal: { status: 'APPROVED', returns: [] },
    });
    expect(actions(approved, board(Role.BOARD_HEAD))).toEqual(['COUNCIL_VOTE']);
    expect(actions(approved, board(Role.CHAIRMAN))).toEqual([]);
    const deciding = cycle(Phase.DECISION, {
      nominees: [nominee('HLHPN', NomineeStatus.AWAITING_DECISION), nominee('DTN', NomineeStatus.COUNCIL_REJECTED)],
      appraisal: { status: 'APPROVED', returns: [] },
    });
    expect(actions(deciding, board(Role.CHAIRMAN))).toEqual(['DECIDE']);
    expect(cycleStepsFor(deciding, board(Role.CHAIRMAN), {}, NOW)[0].title).toContain('(1 đề nghị)');
    expect(actions(deciding, board(Role.BOARD_HEAD))).toEqual([]);
    expect(actions(deciding, board(Role.CHAIRMAN, 'HY'))).toEqual([]);
    const decided = cycle(Phase.DECISION, { nominees: [nominee('HLHPN', NomineeStatus.APPROVED)] });
    expect(actions(decided, board(Role.CHAIRMAN))).toEqual([]);
  });

  it('given an elected leadership awaiting approval, should list APPROVE_LEADERSHIP for the head of the board and the chairman', () => {
    const state = cycle(Phase.DECISION, {
      leadershipApproval: { status: 'PENDING', elected: { leader: 'LDLD', deputy: 'DTN' } },
    });
    expect(actions(state, board(Role.BOARD_HEAD))).toEqual(['APPROVE_LEADERSHIP']);
    expect(actions(state, board(Role.CHAIRMAN))).toEqual(['APPROVE_LEADERSHIP']);
    expect(cycleStepsFor(state, board(Role.CHAIRMAN), {}, NOW)[0].title).toContain('Đơn vị LDLD');
    expect(actions(state, board(Role.BOARD_SPECIALIST))).toEqual([]);
    const approvedState = cycle(Phase.DECISION, {
      leadershipApproval: { status: 'APPROVED', elected: { leader: 'LDLD', deputy: 'DTN' } },
    });
    expect(actions(approvedState, board(Role.BOARD_HEAD))).toEqual([]);
  });

  it('given the dossier reviewed in an approval chain, should list no REVIEW_DOSSIER (the chain’s task is in the inbox)', () => {
    const chained = cycle(Phase.SUBMISSION, {
      nominees,
      dossier: dossier('SUBMITTED', { chainId: `cycle.${P}.${BLOC}.2020.dossier.1` }),
    });
    for (const role of [Role.BOARD_SPECIALIST, Role.BOARD_HEAD]) expect(actions(chained, board(role))).toEqual([]);
    expect(actions(chained, leader())).toEqual([]);
  });

  it('given a dossier the Trưởng khối withdrew from its chain, should list SUBMIT_DOSSIER for them again', () => {
    const withdrawn = cycle(Phase.SUBMISSION, {
      nominees,
      dossier: dossier('WITHDRAWN', { chainId: `cycle.${P}.${BLOC}.2020.dossier.1` }),
    });
    expect(actions(withdrawn, leader())).toEqual(['SUBMIT_DOSSIER']);
    expect(cycleStepsFor(withdrawn, leader(), {}, NOW)[0].title).toContain('trình lại');
    expect(actions(withdrawn, deputy())).toEqual([]);
    expect(actions(withdrawn, board(Role.BOARD_SPECIALIST))).toEqual([]);
    // A dossier the chain rejected is not submitted again.
    expect(actions(cycle(Phase.SUBMISSION, { nominees, dossier: dossier('REJECTED') }), leader())).toEqual([]);
  });

  it('given the leadership approved in an approval chain, should list APPROVE_LEADERSHIP only once the chain has a result', () => {
    const elected = { leader: 'LDLD', deputy: 'DTN' };
    const chainId = `cycle.${P}.${BLOC}.2020.leadership`;
    const inChain = cycle(Phase.DECISION, {
      leadershipApproval: { status: 'PENDING', elected, chainId, submittedBy: 'head.HLHPN' },
    });
    for (const role of [Role.BOARD_HEAD, Role.CHAIRMAN]) expect(actions(inChain, board(role))).toEqual([]);
    const chainResult = { leader: ItemStatus.REJECTED, deputy: ItemStatus.APPROVED, reasons: ['Chưa đủ tiêu chuẩn'] };
    const designate = cycle(Phase.DECISION, {
      leadershipApproval: { status: 'PENDING', elected, chainId, submittedBy: 'head.HLHPN', chainResult },
    });
    for (const role of [Role.BOARD_HEAD, Role.CHAIRMAN]) expect(actions(designate, board(role))).toEqual(['APPROVE_LEADERSHIP']);
    expect(actions(designate, board(Role.BOARD_SPECIALIST))).toEqual([]);
    const approved = cycle(Phase.DECISION, {
      leadershipApproval: { status: 'APPROVED', elected, chainId, chainResult },
    });
    expect(actions(approved, board(Role.CHAIRMAN))).toEqual([]);
  });
});
