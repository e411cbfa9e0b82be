import fc from 'fast-check';
import {
  acceptedAssessmentStep,
  applyAssessmentEvent,
  chainDecided,
  chainRequest,
  closeRequested,
  deadlinePassed,
  decideAssessmentStep,
  finished,
  mayTakeAssessmentStep,
  openingMachine,
  resultOf,
  sheetEnded,
  sheetOpened,
  standingOf,
  timelineData,
  type AssessmentCommands,
  type AssessmentContext,
  type AssessmentEvent,
  type AssessmentFacts,
  type AssessmentMachine,
  type AssessmentStepName,
} from '../../../src/domain/cycle/assessment';
import { renderAssessmentEvent } from '../../../src/domain/cycle/wording/assessment';
import { blocActors } from '../support/bloc-actors';
import { Role, type Actor } from '../../../src/shared/actors';
import { ItemStatus } from '../../../src/shared/approval';
import type { CriterionScore } from '../../../src/shared/cycle-types';
import { ErrorCode } from '../../../src/shared/errors';

const P = 'BK';
const BLOC = 'MTTQ-DT';
const CYCLE = `cycle.${P}.${BLOC}.2020`;
const MEMBERS = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'];
const NOW = Date.parse('2020-11-20T03:00:00.000Z');
const DEADLINE = '2020-11-30T10:00:00.000Z';

const { head, leader, deputy, focal } = blocActors(P, BLOC);

const CRITERIA = [
  { code: 'TC1', name: 'Nhiệm vụ', maxPoints: 60, evidenceRequired: false },
  { code: 'TC2', name: 'Phong trào', maxPoints: 40, evidenceRequired: true },
];
const sheet = (tc1: number, tc2: number, reason?: string): CriterionScore[] => [
  { criterionCode: 'TC1', points: tc1, evidenceRefs: [], ...(reason ? { reason } : {}) },
  { criterionCode: 'TC2', points: tc2, evidenceRefs: ['ev-1'] },
];

function factsFor(unitCode: string, extra: Partial<AssessmentFacts> = {}): AssessmentFacts {
  return {
    cycleId: CYCLE,
    provinceCode: P,
    year: 2020,
    unitCode,
    unitName: `Đơn vị ${unitCode}`,
    seats: { memberUnits: MEMBERS, leaderUnit: 'HLHPN', deputyUnit: 'LDLD', blocCode: BLOC, crossScorers: ['HND', 'DTN'] },
    criteria: CRITERIA,
    chain: false,
    ...extra,
  };
}

/** A unit's sheet in its machine, with the context its workflow would hand it. */
class Sheet {
  readonly m: AssessmentMachine;
  readonly recorded: { type: string; data: Record<string, unknown>; summary: string }[] = [];
  now = NOW;
  today = '2020-11-20';

  constructor(readonly facts: AssessmentFacts) {
    this.m = openingMachine(facts, DEADLINE);
  }

  ctx(): AssessmentContext {
    return { facts: this.facts, now: this.now, today: this.today, feature: () => true };
  }

  /** As the shell does: apply each event, and write each recorded one's timeline data and sentence. */
  run(events: AssessmentEvent[]): void {
    for (const event of events) {
      applyAssessmentEvent(this.m, event);
      if (event.silent) continue;
      const data = timelineData(this.m, this.ctx(), event);
      this.recorded.push({ type: event.type, data, summary: renderAssessmentEvent({ type: event.type, data }, this.m.view) });
    }
  }

  decide<K extends AssessmentStepName>(name: K, cmd: AssessmentCommands[K]) {
    return decideAssessmentStep(this.m, name, cmd, this.ctx());
  }

  /** A step as the workflow takes it: validated, then its accepted events applied. */
  take<K extends AssessmentStepName>(name: K, cmd: AssessmentCommands[K]): this {
    const decision = this.decide(name, cmd);
    if (!decision.ok) throw new Error(`${name} refused: ${decision.code} ${decision.detail}`);
    const accepted = acceptedAssessmentStep(this.m, name, cmd, this.ctx());
    if (!accepted.ok) throw new Error(`${name} refused once accepted: ${accepted.code}`);
    this.run(accepted.events);
    return this;
  }

  submit(by: Actor = focal(this.facts.unitCode), scores = sheet(50, 30), occurredOn?: string): this {
    return this.take('submitAssessment', { actor: by, scores, ...(occurredOn ? { occurredOn } : {}) });
  }
  approve(occurredOn?: string): this {
    return this.take('approveAssessment', { actor: head(this.facts.unitCode), ...(occurredOn ? { occurredOn } : {}) });
  }
  last() {
    return this.recorded[this.recorded.length - 1];
  }
}

const open = (unitCode = 'MTTQ', extra: Partial<AssessmentFacts> = {}): Sheet => {
  const s = new Sheet(factsFor(unitCode, extra));
  s.run(sheetOpened(s.ctx()));
  return s;
};

function expectRefused(decision: ReturnType<Sheet['decide']>, code: ErrorCode, detail?: string | RegExp): void {
  expect(decision).toMatchObject({ ok: false, code });
  if (detail !== undefined && !decision.ok) expect(decision.detail).toMatch(detail);
}

describe('the unit self-assessment machine', () => {
  describe('refusals, each with its code', () => {
    const submitted = () => open().submit();
    const approved = () => open().submit().approve();
    const cases: [string, () => Sheet, AssessmentStepName, (s: Sheet) => AssessmentCommands[AssessmentStepName], ErrorCode][] = [
      [
        'submit by a board specialist',
        open,
        'submitAssessment',
        () => ({ actor: { userId: 'cv', role: Role.BOARD_SPECIALIST, provinceCode: P }, scores: sheet(1, 1) }),
        ErrorCode.FORBIDDEN_ACTOR,
      ],
      [
        'submit by a unit outside the bloc',
        open,
        'submitAssessment',
        () => ({ actor: focal('XYZ'), scores: sheet(1, 1) }),
        ErrorCode.NOT_MEMBER,
      ],
      [
        'submit for another unit',
        open,
        'submitAssessment',
        () => ({ actor: focal('HND'), scores: sheet(1, 1) }),
        ErrorCode.FORBIDDEN_ACTOR,
      ],
      [
        'submit twice',
        submitted,
        'submitAssessment',
        () => ({ actor: focal('MTTQ'), scores: sheet(1, 1) }),
        ErrorCode.WRONG_STATE,
      ],
      [
        'submit an unknown criterion',
        open,
        'submitAssessment',
        () => ({ actor: focal('MTTQ'), scores: [...sheet(1, 1), { criterionCode: 'TC9', points: 1, evidenceRefs: [] }] }),
        ErrorCode.UNKNOWN_CRITERION,
      ],
      [
        'submit points above the maximum',
        open,
        'submitAssessment',
        () => ({ actor: focal('MTTQ'), scores: sheet(61, 1) }),
        ErrorCode.SCORE_OUT_OF_RANGE,
      ],
      [
        'submit without a criterion',
        open,
        'submitAssessment',
        () => ({ actor: focal('MTTQ'), scores: sheet(1, 1).slice(0, 1) }),
        ErrorCode.MISSING_CRITERION,
      ],
      [
        'submit without required evidence',
        open,
        'submitAssessment',
        () => ({ actor: focal('MTTQ'), scores: [sheet(1, 1)[0], { criterionCode: 'TC2', points: 1, evidenceRefs: [] }] }),
        ErrorCode.EVIDENCE_REQUIRED,
      ],
      [
        'submit a live step with a date',
        open,
        'submitAssessment',
        () => ({ actor: focal('MTTQ'), scores: sheet(1, 1), occurredOn: '2020-11-01' }),
        ErrorCode.VALIDATION_FAILED,
      ],
      ['approve before any submission', open, 'approveAssessment', () => ({ actor: head('MTTQ') }), ErrorCode.WRONG_STATE],
      [
        'approve by the focal person',
        submitted,
        'approveAssessment',
        () => ({ actor: focal('MTTQ') }),
        ErrorCode.FORBIDDEN_ACTOR,
      ],
      ['approve by another unit head', submitted, 'approveAssessment', () => ({ actor: head('HND') }), ErrorCode.FORBIDDEN_ACTOR],
      [
        'return to the focal person without a reason',
        submitted,
        'approveAssessment',
        () => ({ actor: head('MTTQ'), decision: 'RETURN', reason: '  ' }),
        ErrorCode.REASON_REQUIRED,
      ],
      [
        'review by a member head',
        approved,
        'reviewAssessment',
        () => ({ actor: head('HND'), decision: 'ACCEPT' }),
        ErrorCode.NOT_LEADER,
      ],
      [
        'review before the head approved',
        submitted,
        'reviewAssessment',
        () => ({ actor: leader(), decision: 'ACCEPT' }),
        ErrorCode.WRONG_STATE,
      ],
      [
        'return without a reason',
        approved,
        'reviewAssessment',
        () => ({ actor: leader(), decision: 'RETURN' }),
        ErrorCode.REASON_REQUIRED,
      ],
      [
        'verified scores with a return',
        approved,
        'reviewAssessment',
        () => ({ actor: leader(), decision: 'RETURN', reason: 'x', verifiedScores: sheet(50, 30) }),
        ErrorCode.VALIDATION_FAILED,
      ],
      [
        'verified scores that differ without a reason',
        approved,
        'reviewAssessment',
        () => ({ actor: leader(), decision: 'ACCEPT', verifiedScores: sheet(40, 30) }),
        ErrorCode.REASON_REQUIRED,
      ],
      [
        'cross-scoring by an unassigned head',
        approved,
        'crossScore',
        () => ({ actor: head('HCCB'), scores: sheet(1, 1) }),
        ErrorCode.FORBIDDEN_ACTOR,
      ],
      [
        'cross-scoring by a focal person',
        approved,
        'crossScore',
        () => ({ actor: focal('HND'), scores: sheet(1, 1) }),
        ErrorCode.FORBIDDEN_ACTOR,
      ],
      [
        'cross-scoring before the head approved',
        submitted,
        'crossScore',
        () => ({ actor: head('HND'), scores: sheet(1, 1) }),
        ErrorCode.WRONG_STATE,
      ],
      [
        'cross-scoring out of range',
        approved,
        'crossScore',
        () => ({ actor: head('HND'), scores: sheet(1, 41) }),
        ErrorCode.SCORE_OUT_OF_RANGE,
      ],
    ];
    it.each(cases)('given %s, should refuse it with its code and change nothing', (_what, given, name, command, code) => {
      const s = given();
      const before = structuredClone(s.m);
      expectRefused(s.decide(name, command(s)), code);
      expect(s.m).toEqual(before);
    });

    it('given a cross-scorer who scored this round, should refuse a second sheet with WRONG_STATE', () => {
      const s = open()
        .submit()
        .approve()
        .take('crossScore', { actor: head('HND'), scores: sheet(40, 20) });
      expectRefused(
        s.decide('crossScore', { actor: head('HND'), scores: sheet(40, 20) }),
        ErrorCode.WRONG_STATE,
        /already cross-scored/,
      );
    });

    it("given the Trưởng khối's own sheet, should refuse his review with RECUSED: the Phó khối reviews it", () => {
      const s = open('HLHPN').submit().approve();
      expectRefused(
        s.decide('reviewAssessment', { actor: leader(), decision: 'ACCEPT' }),
        ErrorCode.RECUSED,
        "the Trưởng khối (HLHPN) does not review his own unit's score sheet; the Phó khối (LDLD) reviews it",
      );
    });

    it('given an accepted sheet, should refuse every step with WRONG_PHASE', () => {
      const s = open().submit().approve().take('reviewAssessment', { actor: leader(), decision: 'ACCEPT' });
      expectRefused(s.decide('submitAssessment', { actor: focal('MTTQ'), scores: sheet(1, 1) }), ErrorCode.WRONG_PHASE);
      expectRefused(s.decide('reviewAssessment', { actor: leader(), decision: 'ACCEPT' }), ErrorCode.WRONG_PHASE);
      expectRefused(s.decide('crossScore', { actor: head('HND'), scores: sheet(1, 1) }), ErrorCode.WRONG_PHASE);
    });

    it("given the cycle's close, should refuse a submission with WRONG_PHASE, silently closed and finished", () => {
      const s = open();
      const version = s.m.view.version;
      s.run(closeRequested(s.ctx()));
      expect(s.m.view.version).toBe(version);
      expect(finished(s.m)).toBe(true);
      expectRefused(s.decide('submitAssessment', { actor: focal('MTTQ'), scores: sheet(1, 1) }), ErrorCode.WRONG_PHASE);
    });

    it('given chain mode, should refuse the fixed approval and review, naming the round’s chain', () => {
      const s = open('MTTQ', { chain: true }).submit();
      const chain = `${CYCLE}.assessment.MTTQ.review.1`;
      const detail = `this self-assessment is decided in approval chain ${chain}: decide there (/v1/approvals/${chain})`;
      expectRefused(s.decide('approveAssessment', { actor: head('MTTQ') }), ErrorCode.WRONG_STATE, detail);
      expectRefused(s.decide('reviewAssessment', { actor: leader(), decision: 'ACCEPT' }), ErrorCode.WRONG_STATE, detail);
    });
  });

  describe('submit, approve, review', () => {
    it('given a sheet accepted as submitted, should record each step with its data and sentence, and return ACCEPTED', () => {
      const s = open().submit().approve().take('reviewAssessment', { actor: leader(), decision: 'ACCEPT' });
      expect(s.recorded.map((e) => e.type)).toEqual([
        'ASSESSMENT_OPENED',
        'ASSESSMENT_SUBMITTED',
        'ASSESSMENT_APPROVED_BY_UNIT',
        'ASSESSMENT_ACCEPTED',
      ]);
      expect(s.recorded.map((e) => e.summary)).toEqual([
        `Mở tự chấm điểm cho Đơn vị MTTQ, hạn ${DEADLINE}`,
        'Đơn vị MTTQ nộp bảng tự chấm điểm (lần 1), tổng 80 điểm',
        'Thủ trưởng Đơn vị MTTQ phê duyệt bảng tự chấm điểm (lần 1)',
        'Trưởng khối chấp nhận bảng tự chấm điểm của Đơn vị MTTQ: 80 điểm',
      ]);
      expect(s.last().data).toEqual({
        unitCode: 'MTTQ',
        round: 1,
        total: 80,
        selfTotal: 80,
        seat: 'LEADER',
        unitName: 'Đơn vị MTTQ',
      });
      expect(s.m.view).toMatchObject({ status: 'ACCEPTED', version: 4 });
      expect(s.m.view.rounds[0]).toMatchObject({
        submittedBy: 'focal.MTTQ',
        approvedBy: 'head.MTTQ',
        review: { decision: 'ACCEPT', by: 'head.HLHPN' },
        verified: { total: 80, adjusted: false },
      });
      expect(sheetEnded(s.m, s.ctx())).toEqual([]);
      expect(resultOf(s.m, s.ctx())).toEqual({
        unitCode: 'MTTQ',
        outcome: 'ACCEPTED',
        scores: sheet(50, 30),
        total: 80,
        selfTotal: 80,
        rounds: 1,
      });
    });

    it("given the Trưởng khối's own verified scores, should keep the self sheet and record both totals", () => {
      const s = open().submit().approve();
      s.take('reviewAssessment', { actor: leader(), decision: 'ACCEPT', verifiedScores: sheet(45, 30, 'Thiếu minh chứng') });
      expect(s.m.view.rounds[0].scores).toEqual(sheet(50, 30));
      expect(s.m.view.rounds[0].verified).toMatchObject({ total: 75, adjusted: true });
      expect(s.last().summary).toBe(
        'Trưởng khối chấp nhận bảng tự chấm điểm của Đơn vị MTTQ (tự chấm 80 điểm), điểm thẩm định 75 điểm',
      );
      expect(resultOf(s.m, s.ctx())).toMatchObject({ total: 75, selfTotal: 80 });
    });

    it('given a return by the reviewer, should reopen the sheet, and a resubmission should open round 2', () => {
      const s = open().submit().approve();
      s.take('reviewAssessment', { actor: leader(), decision: 'RETURN', reason: 'Thiếu minh chứng tiêu chí 1' });
      expect(s.m.view.status).toBe('RETURNED');
      expect(s.last()).toMatchObject({
        type: 'ASSESSMENT_RETURNED',
        data: { round: 1, reason: 'Thiếu minh chứng tiêu chí 1' },
        summary: 'Trưởng khối trả lại bảng tự chấm điểm của Đơn vị MTTQ: Thiếu minh chứng tiêu chí 1',
      });
      s.submit(focal('MTTQ'), sheet(55, 30)).approve();
      expect(s.m.view.rounds.map((r) => [r.round, r.total])).toEqual([
        [1, 80],
        [2, 85],
      ]);
      expect(s.m.view.rounds[0].review?.decision).toBe('RETURN');
      s.take('reviewAssessment', { actor: leader(), decision: 'ACCEPT' });
      expect(resultOf(s.m, s.ctx())).toMatchObject({ outcome: 'ACCEPTED', total: 85, rounds: 2 });
    });

    it('given a return by the unit head, should need its reason and reopen the sheet to the focal person', () => {
      const s = open().submit();
      s.take('approveAssessment', { actor: head('MTTQ'), decision: 'RETURN', reason: '  Thiếu minh chứng ' });
      expect(s.m.view.status).toBe('RETURNED');
      expect(s.m.view.rounds[0].unitReturn).toMatchObject({ reason: 'Thiếu minh chứng', by: 'head.MTTQ' });
      expect(s.m.view.rounds[0].approvedBy).toBeUndefined();
      expect(s.last().summary).toBe(
        'Thủ trưởng Đơn vị MTTQ trả lại bảng tự chấm điểm (lần 1) cho cán bộ đầu mối: Thiếu minh chứng',
      );
      s.submit();
      expect(s.m.view).toMatchObject({ status: 'SUBMITTED' });
      expect(s.m.view.rounds).toHaveLength(2);
    });

    it("given the Trưởng khối's own sheet, should let the Phó khối review it and name him", () => {
      const s = open('HLHPN').submit().approve().take('reviewAssessment', { actor: deputy(), decision: 'ACCEPT' });
      expect(s.m.view.status).toBe('ACCEPTED');
      expect(s.last().summary).toBe('Phó khối chấp nhận bảng tự chấm điểm của Đơn vị HLHPN: 80 điểm');
      const returned = open('HLHPN').submit().approve();
      returned.take('reviewAssessment', { actor: deputy(), decision: 'RETURN', reason: 'Sai số liệu' });
      expect(returned.last().summary).toBe('Phó khối trả lại bảng tự chấm điểm của Đơn vị HLHPN: Sai số liệu');
    });
  });

  describe('cross-scoring', () => {
    it('given two assigned units across two rounds, should keep each round’s sheets apart and allow each once per round', () => {
      const s = open().submit().approve();
      s.take('crossScore', { actor: head('HND'), scores: sheet(40, 20) });
      s.take('crossScore', { actor: head('DTN'), scores: sheet(45, 25) });
      expect(s.last()).toMatchObject({
        type: 'ASSESSMENT_CROSS_SCORED',
        data: { unitCode: 'MTTQ', round: 1, scorerUnit: 'DTN', total: 70 },
        summary: 'Đơn vị DTN chấm chéo bảng điểm của Đơn vị MTTQ (lần 1): 70 điểm',
      });
      expect(standingOf(s.m.view).crossScoredBy).toEqual(['HND', 'DTN']);
      s.take('reviewAssessment', { actor: leader(), decision: 'RETURN', reason: 'Chênh lệch với điểm chấm chéo' });
      s.submit().approve();
      expect(standingOf(s.m.view)).toMatchObject({ rounds: 2, crossScoredBy: [] });
      s.take('crossScore', { actor: head('HND'), scores: sheet(50, 25) });
      expect(s.m.view.rounds[0].cross?.map((c) => c.total)).toEqual([60, 70]);
      expect(s.m.view.rounds[1].cross?.map((c) => [c.scorerUnit, c.total])).toEqual([['HND', 75]]);
    });

    it('given chain mode, should take cross-scoring while the round’s chain decides it', () => {
      const s = open('MTTQ', { chain: true }).submit();
      expect(s.m.view.status).toBe('IN_APPROVAL');
      s.take('crossScore', { actor: head('HND'), scores: sheet(40, 20) });
      expect(s.m.view.rounds[0].cross).toHaveLength(1);
    });
  });

  describe('chain mode', () => {
    const chainId = `${CYCLE}.assessment.MTTQ.review.1`;
    const inChain = () => open('MTTQ', { chain: true }).submit();
    const approval = { userId: 'head.MTTQ', at: '2020-11-21T01:00:00.000Z' };

    it('given a submission, should name its round’s chain and ask it with the sheet’s titles', () => {
      const s = inChain();
      expect(s.m.view.rounds[0].chainId).toBe(chainId);
      expect(chainRequest(s.m, s.ctx())).toEqual({
        chainId,
        round: 1,
        itemId: 'tu-cham-diem-1',
        submittedBy: 'focal.MTTQ',
        title: 'Bảng tự chấm điểm năm 2020 – Đơn vị MTTQ (lần 1)',
        itemTitle: 'Bảng tự chấm điểm của Đơn vị MTTQ, 80 điểm',
        cancelReason: 'Kết thúc giai đoạn tự chấm điểm',
      });
    });

    it('given the chain approves, should accept the self scores as they are, with the head’s approval from the chain', () => {
      const s = inChain();
      const last = { userId: 'head.HLHPN', at: '2020-11-22T01:00:00.000Z' };
      s.run(chainDecided(s.m, s.ctx(), { chainId, status: ItemStatus.APPROVED, last, unitApproval: approval }));
      expect(s.m.view.rounds[0]).toMatchObject({
        approvedBy: 'head.MTTQ',
        approvedAt: approval.at,
        review: { decision: 'ACCEPT', by: 'head.HLHPN', at: last.at },
        verified: { total: 80, adjusted: false },
      });
      expect(s.last()).toMatchObject({
        data: { round: 1, total: 80, selfTotal: 80, chainId, by: 'head.HLHPN' },
        summary: 'Quy trình phê duyệt chấp nhận bảng tự chấm điểm của Đơn vị MTTQ: 80 điểm',
      });
    });

    it.each([
      [ItemStatus.RETURNED, 'RETURNED', 'ASSESSMENT_RETURNED', 'Trả lại bảng tự chấm điểm của Đơn vị MTTQ: Thiếu'],
      [
        ItemStatus.ESCALATED,
        'UNIT_APPROVED',
        'ASSESSMENT_ESCALATED',
        'Bảng tự chấm điểm của Đơn vị MTTQ bị trả lại quá số lần; chuyển Trưởng khối xem xét',
      ],
      [ItemStatus.WITHDRAWN, 'DRAFT', 'ASSESSMENT_WITHDRAWN', 'Đơn vị MTTQ rút bảng tự chấm điểm (lần 1) để chỉnh sửa'],
      [ItemStatus.REJECTED, 'REJECTED', 'ASSESSMENT_REJECTED', 'Không chấp nhận bảng tự chấm điểm của Đơn vị MTTQ: Thiếu'],
    ])('given the chain settles it %s, should leave the sheet %s and record %s', (status, sheetStatus, type, summary) => {
      const s = inChain();
      const last = { userId: 'head.HLHPN', at: '2020-11-22T01:00:00.000Z', reason: 'Thiếu' };
      s.run(chainDecided(s.m, s.ctx(), { chainId, status, last }));
      expect(s.m.view.status).toBe(sheetStatus);
      expect(s.last()).toMatchObject({ type, summary, data: { chainId, round: 1 } });
    });

    it('given an escalated sheet, should take the Trưởng khối’s fixed review', () => {
      const s = inChain();
      s.run(chainDecided(s.m, s.ctx(), { chainId, status: ItemStatus.ESCALATED }));
      s.take('reviewAssessment', { actor: leader(), decision: 'ACCEPT' });
      expect(s.m.view.status).toBe('ACCEPTED');
    });

    it('given a rejected sheet, should end REJECTED with its self total and no close entry', () => {
      const s = inChain();
      s.run(chainDecided(s.m, s.ctx(), { chainId, status: ItemStatus.REJECTED }));
      expect(finished(s.m)).toBe(true);
      expect(sheetEnded(s.m, s.ctx())).toEqual([]);
      expect(resultOf(s.m, s.ctx())).toEqual({ unitCode: 'MTTQ', outcome: 'REJECTED', selfTotal: 80, rounds: 1 });
    });
  });

  describe('the deadline and the end', () => {
    it('given the deadline passes unfinished, should mark it late, then close it without a result', () => {
      const s = open().submit();
      s.run(deadlinePassed(s.ctx()));
      expect(s.m.view.late).toBe(true);
      expect(s.last().summary).toBe('Đơn vị MTTQ chưa hoàn thành tự chấm điểm khi hết hạn');
      s.run(closeRequested(s.ctx()));
      s.run(sheetEnded(s.m, s.ctx()));
      expect(s.m.view.status).toBe('CLOSED');
      expect(s.last().summary).toBe('Kết thúc tự chấm điểm của Đơn vị MTTQ: không có kết quả được chấp nhận');
      expect(resultOf(s.m, s.ctx())).toEqual({
        unitCode: 'MTTQ',
        outcome: 'LATE',
        scores: undefined,
        total: undefined,
        selfTotal: undefined,
        rounds: 1,
      });
    });
  });

  describe('a RECORD cycle', () => {
    const record = { openedOn: '2020-12-01', year: 2020 };
    const recorded = () => {
      const s = open('MTTQ', { record });
      s.today = '2026-12-07';
      return s;
    };

    it('given dated steps, should date each entry by the unit’s latest step and return the last day', () => {
      const s = recorded();
      expect(s.last().data).toMatchObject({ occurredOn: '2020-12-01' });
      s.submit(focal('MTTQ'), sheet(50, 30), '2020-12-03').approve('2020-12-05');
      s.take('crossScore', { actor: head('HND'), scores: sheet(40, 20), occurredOn: '2020-12-06' });
      expect(s.last().data).toMatchObject({ occurredOn: '2020-12-06' });
      s.take('reviewAssessment', { actor: leader(), decision: 'ACCEPT', occurredOn: '2020-12-08' });
      expect(s.recorded.map((e) => e.data.occurredOn)).toEqual([
        '2020-12-01',
        '2020-12-03',
        '2020-12-05',
        '2020-12-06',
        '2020-12-08',
      ]);
      expect(s.m.view.rounds[0]).toMatchObject({ submittedOn: '2020-12-03', approvedOn: '2020-12-05', reviewedOn: '2020-12-08' });
      expect(resultOf(s.m, s.ctx())).toMatchObject({ outcome: 'ACCEPTED', lastOn: '2020-12-08' });
    });

    it('given a step dated before the one it follows, should refuse it with DATE_OUT_OF_ORDER', () => {
      const s = recorded();
      expectRefused(
        s.decide('submitAssessment', { actor: focal('MTTQ'), scores: sheet(1, 1), occurredOn: '2020-11-30' }),
        ErrorCode.DATE_OUT_OF_ORDER,
      );
      s.submit(focal('MTTQ'), sheet(50, 30), '2020-12-03').approve('2020-12-05');
      expectRefused(
        s.decide('crossScore', { actor: head('HND'), scores: sheet(1, 1), occurredOn: '2020-12-04' }),
        ErrorCode.DATE_OUT_OF_ORDER,
      );
      expectRefused(s.decide('reviewAssessment', { actor: leader(), decision: 'ACCEPT' }), ErrorCode.VALIDATION_FAILED);
    });
  });

  describe('the inbox’s question', () => {
    it('given the read model’s standing of a sheet, should answer as the workflow’s guard does', () => {
      const s = open()
        .submit()
        .approve()
        .take('crossScore', { actor: head('HND'), scores: sheet(40, 20) });
      const env = { seats: s.facts.seats };
      const standing = { unitCode: 'MTTQ', status: 'UNIT_APPROVED' as const, rounds: 1, crossScoredBy: ['HND'] };
      expect(standing).toEqual(standingOf(s.m.view));
      expect(mayTakeAssessmentStep('reviewAssessment', standing, leader(), env).ok).toBe(true);
      expect(mayTakeAssessmentStep('crossScore', standing, head('DTN'), env).ok).toBe(true);
      expect(mayTakeAssessmentStep('crossScore', standing, head('HND'), env)).toMatchObject({
        ok: false,
        code: ErrorCode.WRONG_STATE,
      });
      expect(mayTakeAssessmentStep('approveAssessment', standing, head('MTTQ'), env)).toMatchObject({ ok: false });
    });
  });

  describe('properties', () => {
    const actors = [focal('MTTQ'), head('MTTQ'), leader(), deputy(), head('HND'), head('DTN'), head('HCCB'), focal('HND')];
    type Cmd = { name: AssessmentStepName; cmd: AssessmentCommands[AssessmentStepName] };
    const points = fc.tuple(fc.integer({ min: -1, max: 61 }), fc.integer({ min: 0, max: 41 }));
    const command: fc.Arbitrary<Cmd> = fc.oneof(
      fc.record({ actor: fc.constantFrom(...actors), p: points }).map(({ actor, p }) => ({
        name: 'submitAssessment' as const,
        cmd: { actor, scores: sheet(p[0], p[1]) },
      })),
      fc
        .record({ actor: fc.constantFrom(...actors), ret: fc.boolean(), reason: fc.constantFrom('', 'Thiếu minh chứng') })
        .map(({ actor, ret, reason }) => ({
          name: 'approveAssessment' as const,
          cmd: { actor, ...(ret ? { decision: 'RETURN' as const, reason } : {}) },
        })),
      fc
        .record({ actor: fc.constantFrom(...actors), accept: fc.boolean(), reason: fc.constantFrom('', 'Sai số liệu') })
        .map(({ actor, accept, reason }) => ({
          name: 'reviewAssessment' as const,
          cmd: { actor, decision: accept ? ('ACCEPT' as const) : ('RETURN' as const), reason },
        })),
      fc.record({ actor: fc.constantFrom(...actors), p: points }).map(({ actor, p }) => ({
        name: 'crossScore' as const,
        cmd: { actor, scores: sheet(p[0], p[1]) },
      })),
    );
    const facts = fc.record({ unit: fc.constantFrom('MTTQ', 'HLHPN'), chain: fc.boolean() });

    it('given any sequence of commands, a refused one should leave the machine deep-equal and rounds should only grow', () => {
      fc.assert(
        fc.property(facts, fc.array(command, { maxLength: 25 }), ({ unit, chain }, commands) => {
          const s = open(unit, { chain });
          for (const { name, cmd } of commands) {
            const before = structuredClone(s.m);
            const decision = s.decide(name, cmd);
            if (!decision.ok) {
              expect(s.m).toEqual(before);
              continue;
            }
            s.run(decision.events);
            const after = s.m.view;
            expect(after.rounds.length).toBeGreaterThanOrEqual(before.view.rounds.length);
            expect(after.rounds.length - before.view.rounds.length).toBeLessThanOrEqual(1);
            // Each phase keeps its own sheet: a round's self scores never change once submitted.
            before.view.rounds.forEach((r, i) => expect(after.rounds[i].scores).toEqual(r.scores));
            expect(after.version).toBe(before.view.version + decision.events.filter((e) => !e.silent).length);
          }
        }),
        { numRuns: 200 },
      );
    });

    it('given any sequence of commands, the guard asked with the read model’s standing should agree with the workflow’s', () => {
      fc.assert(
        fc.property(facts, fc.array(command, { maxLength: 20 }), ({ unit }, commands) => {
          const s = open(unit);
          for (const { name, cmd } of commands) {
            const guard = mayTakeAssessmentStep(name, standingOf(s.m.view), cmd.actor, { seats: s.facts.seats });
            const decision = s.decide(name, cmd);
            // A step the guard refuses is refused with the guard's own code; a step it lets through fails only on its payload.
            if (!guard.ok) expect(decision).toMatchObject({ ok: false, code: guard.code });
            if (decision.ok) s.run(decision.events);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
