import { DEFAULT_RULES } from '../../../src/domain/default-rules';
import { councilGroups } from '../../../src/domain/round/council';
import { Role } from '../../../src/shared/actors';
import { NomineeStatus } from '../../../src/shared/cycle-types';
import { AwardType } from '../../../src/shared/rules';
import {
  A,
  appraisedRound,
  B,
  board,
  boardHead,
  chairman,
  incoming,
  inSecondSession,
  itemId,
  MEMBERS,
  memberIds,
  newRound,
  PROVINCE,
  ROUND_ID,
  refusal,
  secretary,
  specialist,
  take,
} from './builder';

const system = () => board(Role.ADMIN, 'system');
const FLAG_U1 = itemId(A, 'U1', AwardType.CO_THI_DUA_TINH);
const CP_U1 = itemId(A, 'U1', AwardType.CO_THI_DUA_CHINH_PHU);
const BK_U2 = itemId(A, 'U2', AwardType.BANG_KHEN_CHU_TICH);
const FLAG_U3 = itemId(B, 'U3', AwardType.CO_THI_DUA_TINH);
const FLAG_U4 = itemId(B, 'U4', AwardType.CO_THI_DUA_TINH);
const DIRECT = 'round:BK:2025:1:direct:1';

const status = (m: ReturnType<typeof newRound>, id: string) => m.view.items.find((i) => i.id === id)?.status;

/** The second session votes: U1's flag and Cờ CP pass, U3's flag fails. */
function voted() {
  const m = inSecondSession();
  take(m, 'voteTallies', {
    actor: secretary(),
    sessionId: 'S2',
    tallies: [
      { itemId: FLAG_U1, votesFor: 9, votesAgainst: 1, invalid: 0 },
      { itemId: CP_U1, votesFor: 8, votesAgainst: 2, invalid: 0 },
      { itemId: FLAG_U3, votesFor: 5, votesAgainst: 5, invalid: 0 },
    ],
  });
  return m;
}

describe('the round: line items', () => {
  it('adds the blocs items and a direct proposal in appraisal', () => {
    const m = appraisedRound();
    expect(m.view.items.map((i) => i.id)).toEqual([FLAG_U1, CP_U1, BK_U2, FLAG_U3, FLAG_U4, DIRECT]);
    expect(m.view.items.find((i) => i.id === DIRECT)).toMatchObject({ source: 'DIRECT', proposer: 'Sở Tài chính' });
  });

  it('refuses an item of another province, a duplicate, and a direct proposal without its agency', () => {
    const m = newRound();
    expect(
      refusal(m, 'addItems', { actor: system(), items: [incoming(A, 'U1', AwardType.CO_THI_DUA_TINH, { provinceCode: 'HN' })] }),
    ).toBe('ITEM_WRONG_PROVINCE');
    take(m, 'addItems', { actor: system(), items: [incoming(A, 'U1', AwardType.CO_THI_DUA_TINH)] });
    expect(refusal(m, 'addItems', { actor: system(), items: [incoming(A, 'U1', AwardType.CO_THI_DUA_TINH)] })).toBe(
      'ITEM_DUPLICATE',
    );
    const direct = {
      actor: specialist(),
      provinceCode: PROVINCE,
      proposer: 'Sở Y tế',
      unitCode: 'U1',
      award: AwardType.CO_THI_DUA_TINH,
    };
    expect(refusal(m, 'proposeDirect', direct)).toBe('ITEM_DUPLICATE');
    expect(refusal(m, 'proposeDirect', { ...direct, unitCode: 'D9', proposer: ' ' })).toBe('VALIDATION_FAILED');
    expect(refusal(m, 'proposeDirect', { ...direct, unitCode: 'D9', provinceCode: 'HN' })).toBe('ITEM_WRONG_PROVINCE');
    expect(refusal(m, 'proposeDirect', { ...direct, unitCode: 'D9', actor: chairman() })).toBe('FORBIDDEN_ACTOR');
  });

  it('takes many direct proposals in one step, each checked as a single one is, numbered on from the single ones', () => {
    const m = newRound();
    const one = { proposer: 'Sở Y tế', unitCode: 'D1', award: AwardType.BANG_KHEN_CHU_TICH };
    take(m, 'proposeDirect', { actor: specialist(), provinceCode: PROVINCE, ...one });
    const batch = (proposals: { proposer: string; unitCode: string; award: AwardType }[], actor = specialist()) => ({
      actor,
      provinceCode: PROVINCE,
      proposals,
    });
    const more = [
      { proposer: 'Sở Tài chính', unitCode: 'D2', award: AwardType.BANG_KHEN_CHU_TICH },
      { proposer: 'Sở Tư pháp', unitCode: 'D3', award: AwardType.CO_THI_DUA_TINH },
    ];
    // One bad proposal refuses the whole list, which records nothing.
    expect(refusal(m, 'proposeDirectBatch', batch([...more, one]))).toBe('ITEM_DUPLICATE');
    expect(refusal(m, 'proposeDirectBatch', batch([...more, more[0]]))).toBe('ITEM_DUPLICATE');
    expect(refusal(m, 'proposeDirectBatch', batch([...more, { ...more[0], unitCode: 'D4', proposer: ' ' }]))).toBe(
      'VALIDATION_FAILED',
    );
    expect(refusal(m, 'proposeDirectBatch', batch([]))).toBe('VALIDATION_FAILED');
    expect(refusal(m, 'proposeDirectBatch', { ...batch(more), provinceCode: 'HN' })).toBe('ITEM_WRONG_PROVINCE');
    expect(refusal(m, 'proposeDirectBatch', batch(more, chairman()))).toBe('FORBIDDEN_ACTOR');
    expect(m.view.items).toHaveLength(1);
    take(m, 'proposeDirectBatch', batch(more));
    expect(m.view.items.map((i) => [i.id, i.unitCode, i.source, i.proposer])).toEqual([
      [`${ROUND_ID}:direct:1`, 'D1', 'DIRECT', 'Sở Y tế'],
      [`${ROUND_ID}:direct:2`, 'D2', 'DIRECT', 'Sở Tài chính'],
      [`${ROUND_ID}:direct:3`, 'D3', 'DIRECT', 'Sở Tư pháp'],
    ]);
    take(m, 'proposeDirect', { actor: specialist(), provinceCode: PROVINCE, ...one, unitCode: 'D5' });
    expect(m.view.items[3].id).toBe(`${ROUND_ID}:direct:4`);
  });
});

describe('the round: appraisal', () => {
  it('keeps the note on the item and approves the list into council and decision', () => {
    const m = appraisedRound();
    expect(status(m, FLAG_U1)).toBe(NomineeStatus.AWAITING_COUNCIL);
    expect(status(m, BK_U2)).toBe(NomineeStatus.AWAITING_DECISION);
    expect(status(m, DIRECT)).toBe(NomineeStatus.AWAITING_DECISION);
    const u4 = m.view.items.find((i) => i.id === FLAG_U4);
    expect(u4).toMatchObject({ status: NomineeStatus.NOT_RECOMMENDED, reason: expect.stringContaining('Chưa đủ điều kiện') });
    expect(u4?.appraisal?.note).toContain('Chưa đủ điều kiện');
    expect(m.view.appraisal.approvals).toHaveLength(1);
  });

  it('refuses an unappraised list, a not-recommended item without a note, and a return without a reason', () => {
    const m = newRound();
    take(m, 'addItems', { actor: system(), items: [incoming(A, 'U1', AwardType.CO_THI_DUA_TINH)] });
    expect(refusal(m, 'reviewList', { actor: boardHead(), decision: 'APPROVE' })).toBe('WRONG_STATE');
    expect(refusal(m, 'appraiseItems', { actor: specialist(), opinions: [{ itemId: FLAG_U1, recommend: false }] })).toBe(
      'REASON_REQUIRED',
    );
    expect(refusal(m, 'appraiseItems', { actor: specialist(), opinions: [{ itemId: 'nope', recommend: true }] })).toBe(
      'UNKNOWN_ITEM',
    );
    expect(refusal(m, 'appraiseItems', { actor: boardHead(), opinions: [{ itemId: FLAG_U1, recommend: true }] })).toBe(
      'FORBIDDEN_ACTOR',
    );
    take(m, 'appraiseItems', { actor: specialist(), opinions: [{ itemId: FLAG_U1, recommend: true }] });
    expect(refusal(m, 'reviewList', { actor: boardHead(), decision: 'RETURN' })).toBe('REASON_REQUIRED');
    const events = take(m, 'reviewList', { actor: boardHead(), decision: 'RETURN', reason: 'Bổ sung báo cáo thành tích' });
    expect(events.map((e) => e.type)).toEqual(['LIST_RETURNED']);
    expect(m.view.appraisal).toMatchObject({ status: 'RETURNED', returns: [{ reason: 'Bổ sung báo cáo thành tích' }] });
    expect(status(m, FLAG_U1)).toBe(NomineeStatus.IN_APPRAISAL);
  });
});

describe('the round: council sessions', () => {
  it('records a session below quorum, refuses its votes and its close, and adjourns it into the minutes', () => {
    const m = appraisedRound();
    take(m, 'openSession', { actor: boardHead(), sessionDate: '2025-12-22', members: MEMBERS, present: memberIds(7) });
    expect(m.view.sessions[0].quorum).toMatchObject({ met: false, required: 8, present: 7 });
    const tally = {
      actor: secretary(),
      sessionId: 'S1',
      tallies: [{ itemId: FLAG_U1, votesFor: 7, votesAgainst: 0, invalid: 0 }],
    };
    expect(refusal(m, 'voteTallies', tally)).toBe('COUNCIL_QUORUM_NOT_MET');
    expect(refusal(m, 'endSession', { actor: boardHead(), sessionId: 'S1', end: 'CLOSE' })).toBe('COUNCIL_QUORUM_NOT_MET');
    expect(refusal(m, 'endSession', { actor: boardHead(), sessionId: 'S1', end: 'ADJOURN' })).toBe('REASON_REQUIRED');
    expect(
      refusal(m, 'openSession', { actor: boardHead(), sessionDate: '2025-12-23', members: MEMBERS, present: memberIds(9) }),
    ).toBe('WRONG_STATE');
    take(m, 'endSession', { actor: boardHead(), sessionId: 'S1', end: 'ADJOURN', reason: 'Không đủ 80% thành viên' });
    expect(m.view.sessions[0]).toMatchObject({ status: 'ADJOURNED', adjournReason: 'Không đủ 80% thành viên', votes: [] });
  });

  it('refuses attendance of a non-member, a written vote of one present, written votes the rules do not count, and a date before the last session', () => {
    const m = inSecondSession();
    take(m, 'endSession', { actor: boardHead(), sessionId: 'S2', end: 'CLOSE' });
    const open = { actor: boardHead(), sessionDate: '2025-12-28', members: MEMBERS, present: memberIds(9) };
    expect(refusal(m, 'openSession', { ...open, present: ['x1'] })).toBe('COUNCIL_NOT_MEMBER');
    expect(refusal(m, 'openSession', { ...open, writtenVotes: ['m10'] })).toBe('VALIDATION_FAILED');
    expect(refusal(m, 'openSession', { ...open, writtenVotes: ['x1'] })).toBe('COUNCIL_NOT_MEMBER');
    expect(refusal(m, 'openSession', { ...open, sessionDate: '2025-12-25' })).toBe('DATE_OUT_OF_ORDER');
    const strict = newRound({ ...DEFAULT_RULES, council: { ...DEFAULT_RULES.council, allowAbsentWrittenVote: false } });
    expect(refusal(strict, 'openSession', { ...open, writtenVotes: ['m1'] })).toBe('VALIDATION_FAILED');
  });

  it('takes tallies only from the present secretary, within the ballots present and written', () => {
    const m = inSecondSession();
    const tally = (votesFor: number) => [{ itemId: FLAG_U1, votesFor, votesAgainst: 0, invalid: 0 }];
    expect(refusal(m, 'voteTallies', { actor: board(Role.COUNCIL_MEMBER, 'x1'), sessionId: 'S2', tallies: tally(8) })).toBe(
      'COUNCIL_NOT_MEMBER',
    );
    expect(refusal(m, 'voteTallies', { actor: board(Role.COUNCIL_MEMBER, 'm1'), sessionId: 'S2', tallies: tally(8) })).toBe(
      'COUNCIL_MEMBER_ABSENT',
    );
    expect(refusal(m, 'voteTallies', { actor: board(Role.COUNCIL_MEMBER, 'm5'), sessionId: 'S2', tallies: tally(8) })).toBe(
      'FORBIDDEN_ACTOR',
    );
    expect(refusal(m, 'voteTallies', { actor: secretary(), sessionId: 'S2', tallies: tally(11) })).toBe('VALIDATION_FAILED');
    expect(refusal(m, 'voteTallies', { actor: secretary(), sessionId: 'S9', tallies: tally(8) })).toBe('SESSION_NOT_FOUND');
    expect(
      refusal(m, 'voteTallies', {
        actor: secretary(),
        sessionId: 'S2',
        tallies: [{ itemId: BK_U2, votesFor: 9, votesAgainst: 0, invalid: 0 }],
      }),
    ).toBe('WRONG_STATE');
    expect(refusal(m, 'voteTallies', { actor: chairman(), sessionId: 'S2', tallies: tally(8) })).toBe('FORBIDDEN_ACTOR');
  });

  it('passes an item at the threshold of all members, rejects the rest with a reason, and keeps the minutes', () => {
    const m = voted();
    expect(status(m, FLAG_U1)).toBe(NomineeStatus.AWAITING_DECISION);
    expect(status(m, CP_U1)).toBe(NomineeStatus.AWAITING_DECISION);
    const u3 = m.view.items.find((i) => i.id === FLAG_U3);
    expect(u3).toMatchObject({ status: NomineeStatus.COUNCIL_REJECTED, council: { votesFor: 5, required: 8, passed: false } });
    expect(u3?.reason).toContain('Không đạt số phiếu');
    expect(m.view.sessions[1].votes.map((v) => [v.itemId, v.passed])).toEqual([
      [FLAG_U1, true],
      [CP_U1, true],
      [FLAG_U3, false],
    ]);
    const flags = councilGroups(m.view).find((g) => g.award === AwardType.CO_THI_DUA_TINH);
    expect(flags).toMatchObject({ target: 2, proposed: 3, approved: 1 });
    expect(flags?.ranking.map((r) => r.itemId)).toEqual([FLAG_U1, FLAG_U3, FLAG_U4]);
    expect(
      refusal(m, 'voteTallies', {
        actor: secretary(),
        sessionId: 'S2',
        tallies: [{ itemId: FLAG_U3, votesFor: 9, votesAgainst: 0, invalid: 0 }],
      }),
    ).toBe('WRONG_STATE');
  });

  it('votes an undecided item in a later session', () => {
    const m = inSecondSession();
    take(m, 'voteTallies', {
      actor: secretary(),
      sessionId: 'S2',
      tallies: [{ itemId: FLAG_U1, votesFor: 9, votesAgainst: 0, invalid: 0 }],
    });
    take(m, 'endSession', { actor: boardHead(), sessionId: 'S2', end: 'CLOSE' });
    take(m, 'openSession', { actor: boardHead(), sessionDate: '2026-01-05', members: MEMBERS, present: memberIds(10) });
    take(m, 'voteTallies', {
      actor: secretary(),
      sessionId: 'S3',
      tallies: [{ itemId: FLAG_U3, votesFor: 8, votesAgainst: 2, invalid: 0 }],
    });
    expect(m.view.items.find((i) => i.id === FLAG_U3)?.council).toMatchObject({ sessionId: 'S3', passed: true });
  });
});

describe('the round: decisions', () => {
  const decide = (items: { itemId: string; approve: boolean; reason?: string }[], extra = {}) => ({
    actor: chairman(),
    decisionNumber: '123/QĐ-UBND',
    decisionDate: '2025-12-30',
    items,
    ...extra,
  });

  it('refuses a rejected item, a date before its session, a rejection without reason, and anyone but the chairman', () => {
    const m = voted();
    expect(refusal(m, 'decideRound', decide([{ itemId: FLAG_U3, approve: true }]))).toBe('ITEM_NOT_APPROVED');
    expect(refusal(m, 'decideRound', decide([{ itemId: FLAG_U4, approve: true }]))).toBe('ITEM_NOT_APPROVED');
    expect(refusal(m, 'decideRound', decide([{ itemId: FLAG_U1, approve: true }], { decisionDate: '2025-12-25' }))).toBe(
      'DATE_OUT_OF_ORDER',
    );
    expect(refusal(m, 'decideRound', decide([{ itemId: FLAG_U1, approve: false }]))).toBe('REASON_REQUIRED');
    expect(refusal(m, 'decideRound', { ...decide([{ itemId: FLAG_U1, approve: true }]), actor: boardHead() })).toBe(
      'FORBIDDEN_ACTOR',
    );
    expect(refusal(m, 'decideRound', decide([]))).toBe('VALIDATION_FAILED');
  });

  it('decides in several numbered decisions, each item once, awards to history with the rule set', () => {
    const m = voted();
    take(m, 'decideRound', decide([{ itemId: FLAG_U1, approve: true }]));
    expect(refusal(m, 'decideRound', decide([{ itemId: FLAG_U1, approve: true }], { decisionNumber: '124/QĐ-UBND' }))).toBe(
      'ALREADY_DECIDED',
    );
    expect(refusal(m, 'decideRound', decide([{ itemId: BK_U2, approve: true }]))).toBe('VALIDATION_FAILED');
    take(
      m,
      'decideRound',
      decide(
        [
          { itemId: BK_U2, approve: true },
          { itemId: DIRECT, approve: false, reason: 'Thành tích chưa tiêu biểu' },
        ],
        { decisionNumber: '124/QĐ-UBND', decisionDate: '2025-12-31' },
      ),
    );
    expect(m.view.decisions.map((d) => [d.number, d.approved, d.rejected])).toEqual([
      ['123/QĐ-UBND', 1, 0],
      ['124/QĐ-UBND', 1, 1],
    ]);
    expect(m.view.items.find((i) => i.id === FLAG_U1)?.decision).toMatchObject({
      number: '123/QĐ-UBND',
      rulesVersion: 'DEMO-2025.1',
    });
    expect(m.view.items.find((i) => i.id === DIRECT)).toMatchObject({
      status: NomineeStatus.REJECTED,
      reason: 'Thành tích chưa tiêu biểu',
    });
  });

  it('refuses the Cờ CP over quota without a documented override and records the override', () => {
    const m = voted();
    const quota = { blocLeaders: 4, alreadyForwarded: 0, limit: 0, basis: 'CV 5007/BNV-TĐKT' };
    expect(refusal(m, 'decideRound', decide([{ itemId: CP_U1, approve: true }], { governmentFlagQuota: quota }))).toBe(
      'GOVERNMENT_FLAG_QUOTA_EXCEEDED',
    );
    take(
      m,
      'decideRound',
      decide([{ itemId: CP_U1, approve: true }], {
        governmentFlagQuota: quota,
        quotaOverride: { reason: 'Phong trào chuyên đề', documentRef: 'CV 12/BTĐKT' },
      }),
    );
    expect(m.view.items.find((i) => i.id === CP_U1)).toMatchObject({
      status: NomineeStatus.FORWARDED,
      decision: { quotaOverride: { reason: 'Phong trào chuyên đề', quota } },
    });
  });
});

describe('the round: upward and close', () => {
  function forwarded() {
    const m = voted();
    take(m, 'decideRound', {
      actor: chairman(),
      decisionNumber: '123/QĐ-UBND',
      decisionDate: '2025-12-30',
      items: [
        { itemId: FLAG_U1, approve: true },
        { itemId: CP_U1, approve: true },
        { itemId: BK_U2, approve: true },
        { itemId: DIRECT, approve: true },
      ],
    });
    return m;
  }
  const toTrinh = { number: '45/TTr-UBND', date: '2026-01-10' };

  it('sends the Cờ CP upward, takes it back returned, resends and records the central decision', () => {
    const m = forwarded();
    expect(refusal(m, 'submitUpward', { actor: boardHead(), toTrinh, sentOn: '2026-01-11', itemIds: [FLAG_U1] })).toBe(
      'WRONG_STATE',
    );
    expect(refusal(m, 'submitUpward', { actor: boardHead(), toTrinh, sentOn: '2026-01-09', itemIds: [CP_U1] })).toBe(
      'DATE_OUT_OF_ORDER',
    );
    take(m, 'submitUpward', { actor: boardHead(), toTrinh, sentOn: '2026-01-11', itemIds: [CP_U1] });
    expect(refusal(m, 'submitUpward', { actor: boardHead(), toTrinh, sentOn: '2026-01-11', itemIds: [CP_U1] })).toBe(
      'WRONG_STATE',
    );
    expect(refusal(m, 'returnUpward', { actor: boardHead(), submissionId: 'U1', reason: '', returnedOn: '2026-02-01' })).toBe(
      'REASON_REQUIRED',
    );
    take(m, 'returnUpward', {
      actor: boardHead(),
      submissionId: 'U1',
      reason: 'Bổ sung biên bản Hội đồng',
      returnedOn: '2026-02-01',
    });
    const central = {
      actor: boardHead(),
      submissionId: 'U1',
      number: '200/QĐ-TTg',
      date: '2026-04-01',
      items: [{ itemId: CP_U1, approve: true }],
    };
    expect(refusal(m, 'centralDecision', central)).toBe('WRONG_STATE');
    take(m, 'resendUpward', { actor: boardHead(), submissionId: 'U1', sentOn: '2026-02-05' });
    expect(refusal(m, 'closeRound', { actor: boardHead() })).toBe('WRONG_STATE');
    take(m, 'centralDecision', central);
    expect(refusal(m, 'centralDecision', central)).toBe('ALREADY_DECIDED');
    expect(m.view.submissions[0]).toMatchObject({
      status: 'DECIDED',
      sends: [{ sentOn: '2026-01-11' }, { sentOn: '2026-02-05' }],
    });
    expect(m.view.items.find((i) => i.id === CP_U1)).toMatchObject({
      status: NomineeStatus.APPROVED,
      central: { number: '200/QĐ-TTg' },
    });
  });

  it('closes only when every item is settled and no session is open', () => {
    const m = forwarded();
    take(m, 'submitUpward', { actor: boardHead(), toTrinh, sentOn: '2026-01-11', itemIds: [CP_U1] });
    take(m, 'centralDecision', {
      actor: boardHead(),
      submissionId: 'U1',
      number: '200/QĐ-TTg',
      date: '2026-04-01',
      items: [{ itemId: CP_U1, approve: false, reason: 'Không đủ chỉ tiêu' }],
    });
    expect(refusal(m, 'closeRound', { actor: boardHead() })).toBe('WRONG_STATE');
    take(m, 'endSession', { actor: boardHead(), sessionId: 'S2', end: 'CLOSE' });
    take(m, 'closeRound', { actor: boardHead() });
    expect(m.view.status).toBe('CLOSED');
    expect(
      refusal(m, 'proposeDirect', {
        actor: specialist(),
        provinceCode: PROVINCE,
        proposer: 'Sở Y tế',
        unitCode: 'D5',
        award: AwardType.BANG_KHEN_CHU_TICH,
      }),
    ).toBe('WRONG_STATE');
  });
});
