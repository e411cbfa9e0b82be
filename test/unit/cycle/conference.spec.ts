import fc from 'fast-check';
import { guardEnvOf, tieDecided } from '../../../src/domain/cycle/conference';
import type { CycleEvent } from '../../../src/domain/cycle/events';
import { acceptedStep, decideStep, mayTake } from '../../../src/domain/cycle/machine';
import type { CycleMachine } from '../../../src/domain/cycle/types';
import { renderCycleEvent } from '../../../src/domain/cycle/wording';
import { LEGACY_PAPER_PAD, paperLength, SEALED_PAPER_OVERHEAD } from '../../../src/domain/ballot-paper';
import type { BallotPaper } from '../../../src/domain/tally';
import { Role } from '../../../src/shared/actors';
import type { BoxedPaper, CastBallotCommand } from '../../../src/shared/cycle-types';
import { ErrorCode } from '../../../src/shared/errors';
import { PATCH_GOVERNMENT_FLAG_CANDIDACY, PATCH_LEADERSHIP_CHAIN } from '../../../src/shared/patches';
import { AwardType, LeaderSelection, type ProvinceRules } from '../../../src/shared/rules';
import {
  applyAll,
  BANG_KHEN,
  CO_TINH,
  conferenceMachine,
  contextOf,
  deputy,
  FLAG_BALLOT,
  head,
  HELD_ON,
  LEADER,
  leader,
  MEMBERS,
  openedBallot,
  openedConference,
  refusal,
  RULES,
  take,
} from './conference-builder';

const CO_CP = AwardType.CO_THI_DUA_CHINH_PHU;
const KEY = 'A'.repeat(120);
/** A sealed paper's bytes at a given padded length (the tests do not open them): the 4 KiB of papers before paperLength. */
const sealedOf = (tag: string, padded = LEGACY_PAPER_PAD) =>
  Buffer.concat([Buffer.from(tag), Buffer.alloc(SEALED_PAPER_OVERHEAD + padded - tag.length, 7)]).toString('base64');
const SEALED = sealedOf('B');
const sentence = (m: CycleMachine, e: CycleEvent) => renderCycleEvent({ type: e.type, data: e.data, actor: e.actor }, m.view);
const vote = (unit: string, paper: BallotPaper): CastBallotCommand => ({ actor: head(unit), ...paper });
const flag = (unit: string, nextLeader = 'MTTQ', nextDeputy = 'HND'): BallotPaper => ({
  choices: { [CO_TINH]: [unit] },
  nextLeader,
  nextDeputy,
});

/** Casts one paper per member; returns the recorded events. */
function castAll(m: CycleMachine, papers: BallotPaper[]): CycleEvent[] {
  return papers.flatMap((paper, i) => take(m, 'castBallot', vote(MEMBERS[i], paper)));
}
const split = (): BallotPaper[] => [flag('MTTQ'), flag('MTTQ'), flag('MTTQ'), flag('HND'), flag('HND'), flag('HND')];

describe('conference machine: opening the conference', () => {
  const open = {
    actor: leader(),
    heldOn: HELD_ON,
    location: 'Hội trường',
    presentUnits: ['HND', 'DTN', 'MTTQ', 'HLHPN', 'LDLD'],
  };

  it('should record the attendance, its quorum and the ranking, with the sentence of before', () => {
    const m = conferenceMachine();
    const [event] = take(m, 'openConference', open);
    expect(event).toMatchObject({ type: 'CONFERENCE_OPENED', on: HELD_ON });
    expect(event.data).toEqual({ present: ['DTN', 'HLHPN', 'HND', 'LDLD', 'MTTQ'], quorum: m.view.conference?.quorum });
    expect(m.view.conference).toMatchObject({ heldOn: HELD_ON, location: 'Hội trường', rulesVersion: RULES.rulesVersion });
    expect(m.view.conference?.ranking.map((r) => r.unitCode)).toEqual([...MEMBERS]);
    expect(m.view.version).toBe(10);
    expect(sentence(m, event)).toBe('Khai mạc hội nghị tổng kết ngày 2020-12-29: 5/6 đơn vị dự, đủ điều kiện biểu quyết');
  });

  it.each([
    ['another unit head', { actor: head('DTN') }, ErrorCode.NOT_LEADER],
    ['a date that is not one', { heldOn: '29/12/2020' }, ErrorCode.VALIDATION_FAILED],
    ['a date on paper in a live year', { occurredOn: HELD_ON }, ErrorCode.VALIDATION_FAILED],
    ['a unit outside the bloc', { presentUnits: ['HND', 'DTN', 'MTTQ', 'HLHPN', 'XYZ'] }, ErrorCode.NOT_MEMBER],
    ['three of six present', { presentUnits: ['HND', 'DTN', 'MTTQ', 'MTTQ'] }, ErrorCode.QUORUM_NOT_MET],
    ['a date before any rule set', { heldOn: '2019-12-29' }, ErrorCode.NO_RULE_SET_IN_FORCE],
  ])('given %s, should refuse it and change nothing', (_what, change, code) => {
    expect(refusal(conferenceMachine(), 'openConference', { ...open, ...change })).toBe(code);
  });

  it('given the conference open already, or the cycle in another phase, should refuse it', () => {
    expect(refusal(openedConference(), 'openConference', open)).toBe(ErrorCode.WRONG_STATE);
    const early = conferenceMachine();
    early.view.phase = 'SELF_ASSESSMENT' as never;
    expect(refusal(early, 'openConference', open)).toBe(ErrorCode.WRONG_PHASE);
  });
});

describe('conference machine: opening the ballot', () => {
  it('should open round 1 with the caps as slots, the sentence naming the awards', () => {
    const m = openedConference();
    const [event] = take(m, 'openBallot', {
      actor: leader(),
      ...FLAG_BALLOT,
      candidates: { [CO_TINH]: ['MTTQ', 'HND'], [BANG_KHEN]: ['DTN'] },
    });
    expect(m.view.ballot).toMatchObject({ status: 'OPEN', round: 1, slots: { [CO_TINH]: 1, [BANG_KHEN]: 2 }, voted: [] });
    expect(m.view.ballot?.tellerKey).toBeUndefined();
    expect(m.hidden.firstItems.leaderCandidates).toEqual(['MTTQ', 'HND']);
    expect(event.data).toMatchObject({ candidates: { [CO_TINH]: ['MTTQ', 'HND'], [BANG_KHEN]: ['DTN'] }, secretBallot: true });
    expect(sentence(m, event)).toBe(
      'Mở bỏ phiếu kín suy tôn. Cờ thi đua của UBND tỉnh: Đơn vị MTTQ, Đơn vị HND; Bằng khen của Chủ tịch UBND tỉnh: Đơn vị DTN',
    );
  });

  it('given the deputy promoted, should elect no Trưởng khối', () => {
    const m = openedConference({ ...RULES, deputyPromotes: true });
    take(m, 'openBallot', { actor: leader(), ...FLAG_BALLOT });
    expect(m.view.ballot?.leaderCandidates).toEqual([]);
  });

  const disabled: ProvinceRules = {
    ...RULES,
    awards: { ...RULES.awards, [BANG_KHEN]: { ...RULES.awards[BANG_KHEN], enabled: false } },
  };
  it.each([
    ['a unit head who does not lead', { actor: head('DTN') }, RULES, ErrorCode.NOT_LEADER],
    ['a teller key that is not one', { tellerKey: 'short' }, RULES, ErrorCode.VALIDATION_FAILED],
    ['an unknown award', { candidates: { NOBEL: ['MTTQ'] } }, RULES, ErrorCode.VALIDATION_FAILED],
    ['an award the province does not give', { candidates: { [BANG_KHEN]: ['MTTQ'] } }, disabled, ErrorCode.AWARD_DISABLED],
    ['a candidate outside the bloc', { candidates: { [CO_TINH]: ['XYZ'] } }, RULES, ErrorCode.INVALID_CANDIDATE],
    ['a candidate listed twice', { candidates: { [CO_TINH]: ['MTTQ', 'MTTQ'] } }, RULES, ErrorCode.INVALID_CANDIDATE],
    ['a leader candidate outside the bloc', { leaderCandidates: ['XYZ'] }, RULES, ErrorCode.INVALID_CANDIDATE],
    ['no leader candidate', { leaderCandidates: [] }, RULES, ErrorCode.VALIDATION_FAILED],
    ['no deputy candidate', { deputyCandidates: [] }, RULES, ErrorCode.VALIDATION_FAILED],
  ])('given %s, should refuse it and change nothing', (_what, change, rules, code) => {
    expect(refusal(openedConference(rules), 'openBallot', { actor: leader(), ...FLAG_BALLOT, ...change } as never)).toBe(code);
  });

  it('given a candidate without an accepted sheet or not eligible, should refuse it', () => {
    const m = openedConference();
    m.view.assessments.DTN = { status: 'LATE', rounds: 1 };
    expect(refusal(m, 'openBallot', { actor: leader(), ...FLAG_BALLOT, candidates: { [CO_TINH]: ['DTN'] } })).toBe(
      ErrorCode.INVALID_CANDIDATE,
    );
    const eligibility = [
      { unitCode: 'MTTQ', award: CO_TINH, eligible: false, checks: [{ passed: false, detail: 'chưa đủ', clause: 'Điều 1' }] },
    ];
    expect(refusal(m, 'openBallot', { actor: leader(), ...FLAG_BALLOT, eligibility } as never)).toBe(ErrorCode.NOT_ELIGIBLE);
  });

  it('given no conference yet or a ballot open already, should refuse it', () => {
    expect(refusal(conferenceMachine(), 'openBallot', { actor: leader(), ...FLAG_BALLOT })).toBe(ErrorCode.WRONG_STATE);
    expect(refusal(openedBallot(), 'openBallot', { actor: leader(), ...FLAG_BALLOT })).toBe(ErrorCode.WRONG_STATE);
  });
});

describe('conference machine: casting a ballot', () => {
  it('should register who voted, keep the paper hidden, and record no data', () => {
    const m = openedBallot();
    const [event] = take(m, 'castBallot', vote('DTN', flag('MTTQ')));
    expect(event).toMatchObject({ type: 'BALLOT_CAST' });
    expect(event.data).toBeUndefined();
    expect(m.view.ballot?.voted).toEqual(['DTN']);
    expect(m.hidden.ballots).toEqual([flag('MTTQ')]);
    expect(JSON.stringify(m.view)).not.toContain('choices');
    expect(sentence(m, event)).toBe('Đơn vị DTN đã bỏ phiếu (vòng 1)');
  });

  it('given an absent unit where the rules count written votes, should take its vote as written', () => {
    const rules: ProvinceRules = { ...RULES, conference: { ...RULES.conference, allowAbsentWrittenVote: true } };
    const m = conferenceMachine(rules);
    take(m, 'openConference', { actor: leader(), heldOn: HELD_ON, presentUnits: ['HLHPN', 'LDLD', 'MTTQ', 'HND'] });
    take(m, 'openBallot', { actor: leader(), ...FLAG_BALLOT });
    const env = guardEnvOf(m, contextOf());
    expect(env).toEqual({ allowAbsentWrittenVote: true });
    expect(refusal(m, 'castBallot', vote('DTN', flag('MTTQ')))).toBe(ErrorCode.NOT_PRESENT);
    take(m, 'castBallot', vote('DTN', flag('MTTQ')), contextOf(), env);
    expect(m.view.ballot?.writtenVotes).toEqual(['DTN']);
  });

  it.each([
    ['a focal person', { actor: { ...head('DTN'), role: Role.UNIT_FOCAL } }, ErrorCode.FORBIDDEN_ACTOR],
    ['a unit outside the bloc', { actor: head('XYZ') }, ErrorCode.NOT_MEMBER],
    ['a sealed paper on a ballot without a teller key', { sealed: SEALED }, ErrorCode.WRONG_STATE],
    ['a unit chosen twice', { choices: { [CO_TINH]: ['MTTQ', 'MTTQ'] } }, ErrorCode.VALIDATION_FAILED],
    ['a unit that does not stand', { choices: { [CO_TINH]: ['DTN'] } }, ErrorCode.INVALID_CANDIDATE],
    ['more than the slots', { choices: { [CO_TINH]: ['MTTQ', 'HND'] } }, ErrorCode.TOO_MANY_CHOICES],
    ['one unit in both seats', { nextLeader: 'MTTQ', nextDeputy: 'MTTQ' }, ErrorCode.VALIDATION_FAILED],
  ])('given %s, should refuse it and change nothing', (_what, change, code) => {
    expect(refusal(openedBallot(), 'castBallot', { ...vote('DTN', flag('MTTQ')), ...change })).toBe(code);
  });

  it('given no ballot, a second vote, or a plain paper on a sealed ballot, should refuse it', () => {
    expect(refusal(openedConference(), 'castBallot', vote('DTN', flag('MTTQ')))).toBe(ErrorCode.WRONG_STATE);
    const m = openedBallot();
    take(m, 'castBallot', vote('DTN', flag('MTTQ')));
    expect(refusal(m, 'castBallot', vote('DTN', flag('HND')))).toBe(ErrorCode.ALREADY_VOTED);
    const sealed = openedBallot(KEY);
    expect(refusal(sealed, 'castBallot', vote('DTN', flag('MTTQ')))).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refusal(sealed, 'castBallot', { actor: head('DTN'), sealed: 'short' })).toBe(ErrorCode.VALIDATION_FAILED);
    // Every paper of the round has the round's length (or the 4 KiB of papers sealed before it): any other is refused.
    const round = sealed.view.ballot as NonNullable<typeof sealed.view.ballot>;
    const accepted = (paper: string) =>
      decideStep(sealed, 'castBallot', { actor: head('DTN'), sealed: paper }, contextOf(), {}).ok;
    expect(accepted(sealedOf('x', paperLength(round)))).toBe(true);
    expect(refusal(sealed, 'castBallot', { actor: head('DTN'), sealed: sealedOf('x', paperLength(round) + 256) })).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
    expect(accepted(sealedOf('x', 2 * LEGACY_PAPER_PAD))).toBe(true);
    expect(refusal(sealed, 'castBallot', { actor: head('DTN'), sealed: SEALED, ...flag('MTTQ') })).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
  });
});

describe('conference machine: a whole ballot, two rounds and a tie the Trưởng khối and Phó khối decide', () => {
  it('should go round 1 → round 2 → tie → proposal → decision → result, each entry with its sentence', () => {
    const m = openedBallot();
    castAll(m, split());
    const [next] = take(m, 'closeBallot', { actor: leader() });
    expect(next.type).toBe('BALLOT_NEXT_ROUND');
    expect(next.data).toEqual({
      round: 2,
      items: { candidates: { [CO_TINH]: ['HND', 'MTTQ'] }, slots: { [CO_TINH]: 1 }, leaderCandidates: [], deputyCandidates: [] },
      awardNames: { [CO_TINH]: 'Cờ thi đua của UBND tỉnh' },
    });
    expect(sentence(m, next)).toBe(
      'Kết quả vòng 1 có số phiếu bằng nhau; bỏ phiếu vòng 2: Cờ thi đua của UBND tỉnh (1 suất): Đơn vị HND, Đơn vị MTTQ',
    );
    expect(m.view.ballot).toMatchObject({ status: 'OPEN', round: 2, voted: [] });
    expect(m.hidden.settled).toEqual({ awards: {}, leader: 'MTTQ', deputy: 'HND' });
    expect(m.hidden.ballots).toEqual([]);
    expect(m.hidden.roundMinutes).toHaveLength(1);

    castAll(
      m,
      split().map((p) => ({ choices: p.choices })),
    );
    const [tie] = take(m, 'closeBallot', { actor: leader() });
    expect(tie.type).toBe('BALLOT_TIE_UNRESOLVED');
    expect(m.view.ballot).toMatchObject({ status: 'AWAITING_TIE_DECISION', round: 2, openTie: { item: CO_TINH, slots: 1 } });
    expect([...(m.view.ballot?.openTie?.tied ?? [])].sort()).toEqual(['HND', 'MTTQ']);
    const tied = m.view.ballot?.openTie?.tied.map((c) => `Đơn vị ${c}`).join(', ');
    expect(sentence(m, tie)).toBe(
      `Sau 2 vòng vẫn bằng phiếu (Cờ thi đua của UBND tỉnh: ${tied}); Trưởng khối và Phó khối quyết định`,
    );

    // The Phó khối cannot go first; the inbox asks the same guard.
    const env = { now: contextOf().now };
    expect(mayTake('decideTie', m.view, deputy(), env)).toMatchObject({ ok: false, code: ErrorCode.WRONG_STATE });
    expect(mayTake('decideTie', m.view, leader(), env)).toEqual({ ok: true });
    expect(refusal(m, 'decideTie', { actor: deputy(), item: CO_TINH, chosen: ['MTTQ'] })).toBe(ErrorCode.WRONG_STATE);

    const [proposed] = take(m, 'decideTie', { actor: leader(), item: CO_TINH, chosen: ['MTTQ'] });
    expect(proposed).toMatchObject({ type: 'TIE_PROPOSED', data: { item: CO_TINH, chosen: ['MTTQ'] } });
    expect(sentence(m, proposed)).toBe('Trưởng khối đề xuất Đơn vị MTTQ (Cờ thi đua của UBND tỉnh)');
    expect(refusal(m, 'decideTie', { actor: deputy(), item: CO_TINH, chosen: ['HND'] })).toBe(ErrorCode.TIE_DECISION_MISMATCH);

    const asked: string[] = [];
    const ctx = contextOf(asked);
    const [decided] = take(m, 'decideTie', { actor: deputy(), item: CO_TINH, chosen: ['MTTQ'] }, ctx);
    expect(decided.type).toBe('TIE_DECIDED');
    expect(sentence(m, decided)).toBe('Trưởng khối và Phó khối quyết định Đơn vị MTTQ (Cờ thi đua của UBND tỉnh)');
    expect(m.hidden.manualChoices).toEqual([{ item: CO_TINH, chosen: ['MTTQ'] }]);

    const [closed] = applyAll(m, tieDecided(m, ctx, deputy()));
    expect(asked).toEqual([]);
    expect(closed.type).toBe('BALLOT_CLOSED');
    expect(closed.data).toEqual({ nominees: [`${CO_TINH}:MTTQ`], nextLeader: 'MTTQ', nextDeputy: 'HND', rounds: 2 });
    expect(m.view.ballot?.status).toBe('CLOSED');
    expect(m.view.nominees).toMatchObject([{ unitCode: 'MTTQ', award: CO_TINH, status: 'PROPOSED', ballotVotes: 3 }]);
    expect(m.view.minutes).toMatchObject({ nextLeader: 'MTTQ', nextDeputy: 'HND', present: [...MEMBERS].sort(), absent: [] });
    expect(m.view.minutes?.rounds).toHaveLength(2);
    expect(m.view.minutes?.tieBreaks).toEqual([
      expect.objectContaining({ item: CO_TINH, chosen: ['MTTQ'], by: 'LEADER_DEPUTY_DECIDE' }),
    ]);
    expect(m.view.leadershipApproval).toBeUndefined();
    expect(sentence(m, closed)).toBe(
      'Kết quả kiểm phiếu: Cờ thi đua của UBND tỉnh: Đơn vị MTTQ. Bầu Đơn vị MTTQ làm Trưởng khối, Đơn vị HND làm Phó khối năm 2021',
    );
    expect(m.view.version).toBe(9 + 1 + 1 + 6 + 1 + 6 + 1 + 1 + 1 + 1);
  });

  it('given the rules configure a leadership chain, should ask its patch at the conclusion only, and submit it then', () => {
    const rules: ProvinceRules = {
      ...RULES,
      leaderSelection: LeaderSelection.ELECTED_THEN_APPROVED,
      approvalChains: { leadershipApproval: { levels: [] } as never },
    };
    for (const patched of [true, false]) {
      const m = openedConference(rules);
      take(m, 'openBallot', { actor: leader(), ...FLAG_BALLOT, candidates: { [CO_TINH]: ['MTTQ'] } });
      castAll(
        m,
        MEMBERS.map(() => flag('MTTQ')),
      );
      const asked: string[] = [];
      take(m, 'closeBallot', { actor: leader() }, contextOf(asked, { [PATCH_LEADERSHIP_CHAIN]: patched }));
      expect(asked.filter((id) => id === PATCH_LEADERSHIP_CHAIN).length).toBeGreaterThan(0);
      expect(m.view.leadershipApproval).toEqual({
        status: 'PENDING',
        elected: { leader: 'MTTQ', deputy: 'HND' },
        ...(patched ? { chainId: expect.any(String), submittedBy: `head.${LEADER}` } : {}),
      });
    }
    const plain = openedBallot();
    castAll(
      plain,
      MEMBERS.map(() => flag('MTTQ')),
    );
    const asked: string[] = [];
    take(plain, 'closeBallot', { actor: leader() }, contextOf(asked));
    expect(asked).toEqual([]);
  });

  it('given no vote for a seat in the last round, should refuse the close as undecided', () => {
    const m = openedBallot();
    castAll(
      m,
      MEMBERS.map(() => ({ choices: { [CO_TINH]: ['MTTQ'] } })),
    );
    expect(take(m, 'closeBallot', { actor: leader() }).map((e) => e.type)).toEqual(['BALLOT_NEXT_ROUND']);
    castAll(
      m,
      MEMBERS.map(() => ({ choices: {} })),
    );
    expect(refusal(m, 'closeBallot', { actor: leader() })).toBe(ErrorCode.ELECTION_UNDECIDED);
  });
});

describe('conference machine: closing and restarting a sealed ballot', () => {
  const receipt = (i: number) => `receipt-${String(i).padStart(8, '0')}`;
  const boxed = (papers: BallotPaper[]): BoxedPaper[] => papers.map((p, i) => ({ receipt: receipt(i), ...p }));

  function sealedVotes(count: number): CycleMachine {
    const m = openedBallot(KEY);
    for (const unit of MEMBERS.slice(0, count)) take(m, 'castBallot', { actor: head(unit), sealed: sealedOf(unit) });
    return m;
  }

  it('should keep the sealed papers hidden until the close, then publish the opened ones with the minutes, none in data', () => {
    const m = sealedVotes(6);
    expect(Object.keys(m.hidden.sealedPapers).sort()).toEqual([...MEMBERS].sort());
    const papers = boxed(MEMBERS.map(() => flag('MTTQ')));
    const [closed] = take(m, 'closeBallot', { actor: leader(), papers });
    expect(closed.type).toBe('BALLOT_CLOSED');
    expect(m.hidden.sealedPapers).toEqual({});
    expect(m.view.minutes?.voteCount.papers).toHaveLength(6);
    expect(JSON.stringify(closed.data)).not.toMatch(/choices|receipt/);
  });

  it.each([
    ['fewer papers than voters', (p: BoxedPaper[]) => p.slice(1)],
    ['no papers for a sealed ballot', () => undefined],
    ['two papers with one receipt', (p: BoxedPaper[]) => p.map((x) => ({ ...x, receipt: receipt(0) }))],
    ['a receipt that is not one', (p: BoxedPaper[]) => p.map((x, i) => (i === 0 ? { ...x, receipt: 'x' } : x))],
  ])('given %s, should refuse the close with BALLOT_BOX_MISMATCH', (_what, change) => {
    const m = sealedVotes(6);
    expect(refusal(m, 'closeBallot', { actor: leader(), papers: change(boxed(MEMBERS.map(() => flag('MTTQ')))) })).toBe(
      ErrorCode.BALLOT_BOX_MISMATCH,
    );
  });

  it('given no vote yet or another actor, should refuse the close', () => {
    expect(refusal(openedBallot(KEY), 'closeBallot', { actor: leader(), papers: [] })).toBe(ErrorCode.WRONG_STATE);
    expect(refusal(sealedVotes(2), 'closeBallot', { actor: deputy() })).toBe(ErrorCode.NOT_LEADER);
  });

  it('should restart the open round under a new key, discarding its papers unread', () => {
    const m = sealedVotes(3);
    const newKey = 'C'.repeat(120);
    const [restarted] = take(m, 'restartBallot', { actor: leader(), reason: '  Mất khóa  ', tellerKey: newKey });
    expect(restarted.data).toEqual({ round: 1, discarded: 3, reason: 'Mất khóa' });
    expect(m.view.ballot).toMatchObject({ voted: [], tellerKey: newKey, restarts: 1 });
    expect(m.hidden.sealedPapers).toEqual({});
    expect(sentence(m, restarted)).toBe('Bỏ phiếu lại vòng 1 (hủy 3 phiếu chưa kiểm): Mất khóa');
  });

  it.each([
    ['no reason', { reason: '  ' }, ErrorCode.REASON_REQUIRED],
    ['a key that is not one', { tellerKey: 'x' }, ErrorCode.VALIDATION_FAILED],
    ['another actor', { actor: head('DTN') }, ErrorCode.NOT_LEADER],
  ])('given %s, should refuse the restart', (_what, change, code) => {
    expect(refusal(sealedVotes(2), 'restartBallot', { actor: leader(), reason: 'Mất khóa', tellerKey: KEY, ...change })).toBe(
      code,
    );
  });

  it('given no open round, should refuse the restart', () => {
    expect(refusal(openedConference(), 'restartBallot', { actor: leader(), reason: 'Mất khóa', tellerKey: KEY })).toBe(
      ErrorCode.WRONG_STATE,
    );
  });
});

describe('conference machine: deciding a tie, refusals', () => {
  function tied(): CycleMachine {
    const m = openedBallot();
    castAll(m, split());
    take(m, 'closeBallot', { actor: leader() });
    castAll(
      m,
      split().map((p) => ({ choices: p.choices })),
    );
    take(m, 'closeBallot', { actor: leader() });
    return m;
  }

  it.each([
    ['another unit head', { actor: head('DTN') }, ErrorCode.NOT_LEADER],
    ['another item', { item: 'LEADER' }, ErrorCode.VALIDATION_FAILED],
    ['two units for one slot', { chosen: ['MTTQ', 'HND'] }, ErrorCode.VALIDATION_FAILED],
    ['one unit twice', { chosen: ['MTTQ', 'MTTQ'] }, ErrorCode.VALIDATION_FAILED],
    ['a unit not in the tie', { chosen: ['DTN'] }, ErrorCode.INVALID_CANDIDATE],
  ])('given %s, should refuse it and change nothing', (_what, change, code) => {
    expect(refusal(tied(), 'decideTie', { actor: leader(), item: CO_TINH, chosen: ['MTTQ'], ...change } as never)).toBe(code);
  });

  it('given no tie awaiting a decision, should refuse it', () => {
    expect(refusal(openedBallot(), 'decideTie', { actor: leader(), item: CO_TINH, chosen: ['MTTQ'] })).toBe(
      ErrorCode.WRONG_STATE,
    );
  });

  it('should let the Trưởng khối propose again after a mismatch', () => {
    const m = tied();
    take(m, 'decideTie', { actor: leader(), item: CO_TINH, chosen: ['MTTQ'] });
    take(m, 'decideTie', { actor: leader(), item: CO_TINH, chosen: ['HND'] });
    expect(m.view.ballot?.tieProposal).toMatchObject({ chosen: ['HND'] });
    take(m, 'decideTie', { actor: deputy(), item: CO_TINH, chosen: ['HND'] });
    applyAll(m, tieDecided(m, contextOf(), deputy()));
    expect(m.view.nominees.map((n) => n.unitCode)).toEqual(['HND']);
  });
});

describe('conference machine: properties', () => {
  const unitArb = fc.constantFrom(...MEMBERS, 'XYZ');
  const paperArb = fc.record(
    {
      choices: fc.record({ [CO_TINH]: fc.array(unitArb, { maxLength: 3 }) }),
      nextLeader: fc.option(unitArb, { nil: undefined }),
      nextDeputy: fc.option(unitArb, { nil: undefined }),
    },
    { requiredKeys: ['choices'] },
  ) as fc.Arbitrary<BallotPaper>;
  const standing = ['MTTQ', 'HND'];
  /** The round's paper rule, restated for the flag ballot: among the candidates, once each, one slot, two seats apart. */
  const valid = (p: BallotPaper): boolean => {
    const chosen = p.choices[CO_TINH] ?? [];
    const seat = (c: string | undefined) => c === undefined || standing.includes(c);
    return (
      new Set(chosen).size === chosen.length &&
      chosen.every((c) => standing.includes(c)) &&
      chosen.length <= 1 &&
      seat(p.nextLeader) &&
      seat(p.nextDeputy) &&
      (p.nextLeader === undefined || p.nextLeader !== p.nextDeputy)
    );
  };
  const countedVotes = (papers: BallotPaper[], unit: string) => papers.filter((p) => p.choices[CO_TINH]?.includes(unit)).length;

  it('given random votes, valid or not, should refuse exactly the invalid ones unchanged and count the others in the minutes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...MEMBERS), paperArb), { minLength: 1, maxLength: 12 }), (attempts) => {
        const m = openedBallot();
        const accepted: BallotPaper[] = [];
        for (const [unit, paper] of attempts) {
          const before = structuredClone(m);
          const decision = decideStep(m, 'castBallot', vote(unit, paper), contextOf());
          expect(m).toEqual(before);
          const expected = valid(paper) && !before.view.ballot?.voted.includes(unit);
          expect(decision.ok).toBe(expected);
          if (!decision.ok) continue;
          applyAll(m, decision.events);
          accepted.push(paper);
        }
        if (accepted.length === 0) return;
        const before = structuredClone(m);
        const decision = decideStep(m, 'closeBallot', { actor: leader() }, contextOf());
        if (!decision.ok) {
          expect(decision.code).toBe(ErrorCode.ELECTION_UNDECIDED);
          expect(m).toEqual(before);
          return;
        }
        const [event] = applyAll(m, decision.events);
        expect(JSON.stringify(event.data ?? {})).not.toContain('choices');
        const minutes = m.hidden.roundMinutes[0];
        if (event.type === 'BALLOT_TIE_UNRESOLVED') {
          expect(m.hidden.ballots).toEqual(accepted);
          return;
        }
        expect(minutes.ballotsValid).toBe(accepted.length);
        expect(minutes.ballotsInvalid).toBe(0);
        for (const unit of standing) {
          const tally = minutes.awards.find((a) => a.award === CO_TINH)?.candidates.find((c) => c.unitCode === unit);
          expect(tally?.votes ?? 0).toBe(countedVotes(accepted, unit));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('given a box of random papers at the close, should count the invalid ones apart and tally only the valid ones', () => {
    fc.assert(
      fc.property(fc.array(paperArb, { minLength: 1, maxLength: 6 }), (papers) => {
        const m = openedBallot();
        for (const unit of MEMBERS.slice(0, papers.length)) take(m, 'castBallot', { actor: head(unit) });
        const before = structuredClone(m);
        const decision = decideStep(m, 'closeBallot', { actor: leader(), papers }, contextOf());
        if (!decision.ok) {
          expect(decision.code).toBe(ErrorCode.ELECTION_UNDECIDED);
          expect(m).toEqual(before);
          return;
        }
        const [event] = applyAll(m, decision.events);
        const good = papers.filter(valid);
        const counted = 'counted' in event ? event.counted : undefined;
        expect(counted?.valid).toEqual(
          good.map((p) => ({ choices: p.choices, nextLeader: p.nextLeader, nextDeputy: p.nextDeputy })),
        );
        expect(counted?.invalid).toBe(papers.length - good.length);
        expect(m.hidden.lastInvalid).toBe(papers.length - good.length);
        expect(JSON.stringify(event.data ?? {})).not.toContain('choices');
        const minutes = m.hidden.roundMinutes[0];
        if (!minutes) return; // a tie awaits the leaders: its round is counted at the conclusion
        expect(minutes.ballotsValid + minutes.ballotsInvalid).toBe(papers.length);
        expect(minutes.ballotsInvalid).toBe(papers.length - good.length);
        for (const unit of standing) {
          const tally = minutes.awards.find((a) => a.award === CO_TINH)?.candidates.find((c) => c.unitCode === unit);
          expect(tally?.votes ?? 0).toBe(countedVotes(good, unit));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('given any actor and any state of the conference, the inbox question refuses exactly what the step refuses first', () => {
    const withVote = openedBallot();
    take(withVote, 'castBallot', vote('DTN', flag('MTTQ')));
    const states = [conferenceMachine(), openedConference(), openedBallot(), withVote];
    const actors = [leader(), deputy(), head('DTN'), head('MTTQ'), { ...head('DTN'), role: Role.UNIT_FOCAL }];
    const env = { now: contextOf().now };
    let refused = 0;
    for (const m of states)
      for (const actor of actors) {
        const close = mayTake('closeBallot', m.view, actor, env);
        if (!close.ok) {
          refused += 1;
          expect(decideStep(m, 'closeBallot', { actor }, contextOf())).toMatchObject({ ok: false, code: close.code });
        }
        const cast = mayTake('castBallot', m.view, actor, env);
        if (!cast.ok)
          expect(decideStep(m, 'castBallot', { actor, ...flag('MTTQ') }, contextOf())).toMatchObject({ code: cast.code });
        else expect(decideStep(m, 'castBallot', { actor, ...flag('MTTQ') }, contextOf()).ok).toBe(true);
      }
    expect(refused).toBeGreaterThan(10);
    expect(mayTake('closeBallot', withVote.view, leader(), env)).toEqual({ ok: true });
  });
});

describe('conference machine: a Cờ thi đua của Chính phủ candidate that is not a flag candidate', () => {
  const OWN: ProvinceRules = {
    ...RULES,
    governmentFlagCandidacy: { requiresProvincialFlag: false, basis: 'Quy chế thi đua của tỉnh (phong trào chuyên đề)' },
  };
  const ballotWith = (government: string[]) => ({
    actor: leader(),
    ...FLAG_BALLOT,
    candidates: { [CO_TINH]: ['MTTQ', 'HND'], [CO_CP]: government },
  });
  /** Every member: the flag to HND, the Government flag to `government`. */
  const unanimous = (government: string) =>
    MEMBERS.map((): BallotPaper => ({ ...flag('HND'), choices: { [CO_TINH]: ['HND'], [CO_CP]: [government] } }));
  const governmentTally = (m: CycleMachine) => m.view.minutes?.voteCount.awards.find((a) => a.award === CO_CP)?.candidates ?? [];

  it('given the rules require a flag candidate (the default), should refuse the ballot naming the rule and record nothing', () => {
    const m = openedConference();
    expect(refusal(m, 'openBallot', ballotWith(['DTN']))).toBe(ErrorCode.GOVERNMENT_FLAG_REQUIRES_PROVINCIAL_FLAG);
    const decision = decideStep(m, 'openBallot', ballotWith(['DTN']), contextOf());
    expect(decision).toMatchObject({ ok: false });
    expect(!decision.ok && decision.detail).toContain('governmentFlagCandidacy.requiresProvincialFlag');
    expect(m.view.ballot).toBeUndefined();
  });

  it('given a flag candidate voted unanimously for the Cờ CP but not given the flag, should show it in the minutes with its reason', () => {
    const m = openedConference();
    take(m, 'openBallot', ballotWith(['MTTQ']));
    castAll(m, unanimous('MTTQ'));
    const asked: string[] = [];
    take(m, 'closeBallot', { actor: leader() }, contextOf(asked));
    expect(asked).toContain(PATCH_GOVERNMENT_FLAG_CANDIDACY);
    expect(governmentTally(m)).toEqual([
      expect.objectContaining({
        unitCode: 'MTTQ',
        votes: 6,
        passedThreshold: true,
        selected: false,
        reason: {
          code: 'NOT_PROVINCIAL_FLAG_WINNER',
          text: 'Không được suy tôn Cờ thi đua của UBND tỉnh: Cờ thi đua của Chính phủ chỉ xét trong các đơn vị dẫn đầu khối, cụm (Luật Thi đua, khen thưởng 2022, Điều 25)',
        },
      }),
    ]);
    expect(m.view.nominees.map((n) => n.id)).toEqual([`${CO_TINH}:HND`]);
  });

  it('given the flag winner voted for the Cờ CP, should select it with no reason line', () => {
    const m = openedConference();
    take(m, 'openBallot', ballotWith(['HND']));
    castAll(m, unanimous('HND'));
    take(m, 'closeBallot', { actor: leader() });
    expect(governmentTally(m)).toEqual([expect.objectContaining({ unitCode: 'HND', selected: true })]);
    expect(governmentTally(m)[0]?.reason).toBeUndefined();
    expect(m.view.nominees.map((n) => n.id).sort()).toEqual([`${CO_CP}:HND`, `${CO_TINH}:HND`]);
  });

  it('given rules where it stands on its own, should accept it and make it a nominee, its minutes line saying so', () => {
    const m = openedConference(OWN);
    take(m, 'openBallot', ballotWith(['DTN']));
    castAll(m, unanimous('DTN'));
    take(m, 'closeBallot', { actor: leader() });
    expect(governmentTally(m)).toEqual([
      expect.objectContaining({
        unitCode: 'DTN',
        selected: true,
        reason: { code: 'OWN_CANDIDACY', text: 'Đề nghị riêng, không phải đơn vị được suy tôn Cờ thi đua của UBND tỉnh' },
      }),
    ]);
    expect(m.view.nominees.map((n) => n.id).sort()).toEqual([`${CO_CP}:DTN`, `${CO_TINH}:HND`]);
  });

  it('given rules where it stands on its own, and too few votes, should give the threshold as its reason', () => {
    const m = openedConference(OWN);
    take(m, 'openBallot', ballotWith(['DTN']));
    castAll(
      m,
      unanimous('DTN').map((p, i) => (i < 3 ? p : { ...p, choices: { [CO_TINH]: ['HND'] } })),
    );
    take(m, 'closeBallot', { actor: leader() });
    expect(governmentTally(m)).toEqual([
      expect.objectContaining({
        unitCode: 'DTN',
        selected: false,
        reason: { code: 'BELOW_THRESHOLD', text: 'Đạt 3 phiếu, cần ít nhất 5 phiếu' },
      }),
    ]);
  });

  it('given a ballot opened before the check (an old history) and a close without the patch, should count it as it did then', () => {
    for (const patched of [false, true]) {
      const m = openedConference();
      // The handler of an accepted update runs only `events`: the ballot an earlier validator accepted.
      const opened = acceptedStep(m, 'openBallot', ballotWith(['DTN']), contextOf());
      if (!opened.ok) throw new Error(opened.code);
      applyAll(m, opened.events);
      castAll(m, unanimous('DTN'));
      take(m, 'closeBallot', { actor: leader() }, contextOf([], { [PATCH_GOVERNMENT_FLAG_CANDIDACY]: patched }));
      const [dtn] = governmentTally(m);
      expect(dtn).toMatchObject({ unitCode: 'DTN', passedThreshold: true, selected: false });
      expect(dtn?.reason?.code).toBe(patched ? 'NOT_PROVINCIAL_FLAG_WINNER' : undefined);
      expect(m.view.nominees.map((n) => n.id)).toEqual([`${CO_TINH}:HND`]);
    }
  });
});
