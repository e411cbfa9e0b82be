import fc from 'fast-check';
import { renderCycleEvent } from '../../../src/domain/cycle/wording';
import type { CycleCommands } from '../../../src/domain/cycle/commands';
import type { CycleEvent } from '../../../src/domain/cycle/events';
import { applyEvent, decideStep, mayTake } from '../../../src/domain/cycle/machine';
import type { StepName } from '../../../src/domain/cycle/types';
import { appraisalOverdue, appraisalChainCompleted } from '../../../src/domain/cycle/appraisal';
import { dossierChainOutcome } from '../../../src/domain/cycle/dossier';
import { leadershipChainOutcome } from '../../../src/domain/cycle/leadership';
import { cycleCompleted } from '../../../src/domain/cycle/lifecycle';
import { DEFAULT_RULES } from '../../../src/domain/default-rules';
import { Role, type Actor } from '../../../src/shared/actors';
import { ItemStatus, type ChainDefinition, type ChainState, type ItemState } from '../../../src/shared/approval';
import { NomineeStatus, Phase } from '../../../src/shared/cycle-types';
import { ErrorCode } from '../../../src/shared/errors';
import { PATCH_APPRAISAL_CHAIN, PATCH_DOSSIER_REVIEW_CHAIN, PATCH_WORKING_DAY_CALENDAR } from '../../../src/shared/patches';
import { AwardType, type ProvinceRules } from '../../../src/shared/rules';
import { actors, cycle, DEPUTY_UNIT, LEADER_UNIT, MEMBERS, ON, type Cycle } from './builder';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const DAY = 86_400_000;

/** The code a step is refused with (fails the test when it is accepted). */
function refusal<K extends StepName>(c: Cycle, name: K, cmd: CycleCommands[K]): ErrorCode {
  const before = copy(c.machine);
  const decision = c.decide(name, cmd);
  expect(c.machine).toEqual(before);
  if (decision.ok) throw new Error(`${name} was accepted`);
  return decision.code;
}

const chain = (): ChainDefinition =>
  ({
    code: 'TEST',
    name: 'Quy trình thử',
    levels: [
      { code: 'L1', name: 'Chuyên viên', approvers: { role: Role.BOARD_SPECIALIST } },
      { code: 'HD', name: 'Hội đồng', approvers: { role: Role.COUNCIL_MEMBER } },
    ],
  }) as unknown as ChainDefinition;

const withChains = (chains: ProvinceRules['approvalChains']): ProvinceRules => ({ ...DEFAULT_RULES, approvalChains: chains });

const item = (itemId: string, status: ItemStatus, outcome?: Partial<ItemState['outcomes'][number]>): ItemState =>
  ({
    itemId,
    title: itemId,
    status,
    levelIndex: 0,
    round: 1,
    enteredLevelAt: '2025-02-01T00:00:00Z',
    votes: [],
    outcomes: outcome ? [{ levelCode: 'L1', userId: 'u1', at: '2025-02-10T03:00:00.000Z', round: 1, ...outcome }] : [],
    escalatedLevels: [],
  }) as unknown as ItemState;

describe('the cycle machine outside the conference', () => {
  describe('given a LIVE cycle built by its own steps', () => {
    it('when each phase is reached, then the view says so and the version counts the recorded entries', () => {
      expect(cycle().launched().view.phase).toBe(Phase.PLEDGE);
      expect(cycle().inSelfAssessment().view.phase).toBe(Phase.SELF_ASSESSMENT);
      expect(cycle().inConference().view.phase).toBe(Phase.CONFERENCE);
      expect(cycle().inSubmission().view.phase).toBe(Phase.SUBMISSION);
      expect(cycle().inAppraisal().view.phase).toBe(Phase.APPRAISAL);
      const deciding = cycle().inDecision();
      expect(deciding.view.phase).toBe(Phase.DECISION);
      // launch, 6 pledges, pledge closed, self-assessment closed, submission opened, submitted, accepted, appraised,
      // approved, council: the six assessment results are silent.
      expect(deciding.view.version).toBe(1 + 6 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1);
    });
  });

  describe('signPledge', () => {
    it('refuses the wrong phase, a person of another role or bloc, a second signature, a date in a live year', () => {
      expect(refusal(cycle(), 'signPledge', { actor: actors.head('MTTQ') })).toBe(ErrorCode.WRONG_PHASE);
      const c = cycle().launched();
      expect(refusal(c, 'signPledge', { actor: actors.focal('MTTQ') })).toBe(ErrorCode.FORBIDDEN_ACTOR);
      expect(refusal(c, 'signPledge', { actor: actors.head('OTHER') })).toBe(ErrorCode.NOT_MEMBER);
      expect(refusal(c, 'signPledge', { actor: actors.head('MTTQ'), occurredOn: '2025-02-01' })).toBe(
        ErrorCode.VALIDATION_FAILED,
      );
      c.take('signPledge', { actor: actors.head('MTTQ') });
      expect(refusal(c, 'signPledge', { actor: actors.head('MTTQ') })).toBe(ErrorCode.ALREADY_SIGNED);
    });

    it('records the signature with its unit, and the sentence names it', () => {
      const c = cycle().launched();
      const [event] = c.take('signPledge', { actor: actors.head('MTTQ') });
      expect(event).toMatchObject({ type: 'PLEDGE_SIGNED', data: { unitCode: 'MTTQ' } });
      expect(c.view.pledges.MTTQ).toMatchObject({ signedBy: 'head.MTTQ' });
      expect(renderCycleEvent(event, c.view)).toBe('Đơn vị MTTQ ký giao ước thi đua');
    });

    it('refuses a pledge once a record closed the phase', () => {
      const c = cycle({ mode: 'RECORD' }).launched();
      c.take('closePledges', { actor: actors.leader(), occurredOn: '2024-03-01' });
      expect(refusal(c, 'signPledge', { actor: actors.head('MTTQ'), occurredOn: '2024-03-02' })).toBe(ErrorCode.WRONG_STATE);
    });
  });

  describe('closePledges', () => {
    it('refuses the wrong phase, anyone but the Trưởng khối, a live year, and a second close', () => {
      expect(refusal(cycle({ mode: 'RECORD' }), 'closePledges', { actor: actors.leader(), occurredOn: ON.pledge })).toBe(
        ErrorCode.WRONG_PHASE,
      );
      const record = cycle({ mode: 'RECORD' }).launched();
      expect(refusal(record, 'closePledges', { actor: actors.deputy(), occurredOn: '2024-03-01' })).toBe(ErrorCode.NOT_LEADER);
      expect(refusal(cycle().launched(), 'closePledges', { actor: actors.leader() })).toBe(ErrorCode.WRONG_STATE);
      record.take('closePledges', { actor: actors.leader(), occurredOn: '2024-03-01' });
      expect(refusal(record, 'closePledges', { actor: actors.leader(), occurredOn: '2024-03-02' })).toBe(ErrorCode.WRONG_STATE);
    });

    it('closes the pledge phase of a record on its day, with the units that did not sign late', () => {
      const c = cycle({ mode: 'RECORD' }).inSelfAssessment(['MTTQ', 'HND']);
      expect(c.view.phase).toBe(Phase.SELF_ASSESSMENT);
      expect(c.view.phaseOpenedOn?.[Phase.SELF_ASSESSMENT]).toBe(ON.closePledges);
      expect(c.view.lateUnits[Phase.PLEDGE]).toEqual(['HLHPN', 'LDLD', 'HCCB', 'DTN']);
      expect(Object.values(c.view.assessments).every((a) => a.status === 'PENDING')).toBe(true);
    });
  });

  describe('closeSelfAssessment', () => {
    it('refuses the wrong phase, anyone but the Trưởng khối, a close before the deadline, and a second close', () => {
      expect(refusal(cycle().launched(), 'closeSelfAssessment', { actor: actors.leader() })).toBe(ErrorCode.WRONG_PHASE);
      const c = cycle().inSelfAssessment();
      expect(refusal(c, 'closeSelfAssessment', { actor: actors.head('MTTQ') })).toBe(ErrorCode.NOT_LEADER);
      expect(refusal(c, 'closeSelfAssessment', { actor: actors.leader() })).toBe(ErrorCode.DEADLINE_NOT_REACHED);
      c.now = Date.parse(c.view.launch?.selfAssessmentDeadline as string) + DAY;
      c.take('closeSelfAssessment', { actor: actors.leader() });
      expect(c.machine.hidden.closeSelfAssessmentRequested).toBe(true);
      expect(refusal(c, 'closeSelfAssessment', { actor: actors.leader() })).toBe(ErrorCode.WRONG_STATE);
    });

    it('is what the inbox offers: the guard passes for the Trưởng khối exactly once the deadline is past', () => {
      const c = cycle().inSelfAssessment();
      const deadline = Date.parse(c.view.launch?.selfAssessmentDeadline as string);
      expect(mayTake('closeSelfAssessment', c.view, actors.leader(), { now: deadline - 1 }).ok).toBe(false);
      expect(mayTake('closeSelfAssessment', c.view, actors.leader(), { now: deadline }).ok).toBe(true);
      expect(mayTake('closeSelfAssessment', c.view, actors.deputy(), { now: deadline }).ok).toBe(false);
    });
  });

  describe('submitDossier', () => {
    const reports = (units: string[]) => units.map((unitCode) => ({ unitCode, title: 'Báo cáo', documentRef: 'bc' }));
    const toTrinh = (date: string) => ({ number: '1/TTr', date, documentRef: 'doc' });

    it('refuses the wrong phase, anyone but the Trưởng khối, a dossier under review, and reports that do not match', () => {
      expect(
        refusal(cycle().inConference(), 'submitDossier', {
          actor: actors.leader(),
          toTrinh: toTrinh('x'),
          achievementReports: [],
        }),
      ).toBe(ErrorCode.WRONG_PHASE);
      const c = cycle().inSubmission();
      const ok = { toTrinh: toTrinh('2025-02-01'), achievementReports: reports(['HLHPN', 'MTTQ', 'HCCB']) };
      expect(refusal(c, 'submitDossier', { actor: actors.head('MTTQ'), ...ok })).toBe(ErrorCode.NOT_LEADER);
      expect(refusal(c, 'submitDossier', { ...ok, actor: actors.leader(), achievementReports: reports(['HLHPN', 'MTTQ']) })).toBe(
        ErrorCode.MISSING_ACHIEVEMENT_REPORT,
      );
      expect(
        refusal(c, 'submitDossier', {
          ...ok,
          actor: actors.leader(),
          achievementReports: reports(['HLHPN', 'MTTQ', 'HCCB', 'DTN']),
        }),
      ).toBe(ErrorCode.INVALID_CANDIDATE);
      c.take('submitDossier', { actor: actors.leader(), ...ok });
      expect(refusal(c, 'submitDossier', { actor: actors.leader(), ...ok })).toBe(ErrorCode.WRONG_STATE);
    });

    it('opens one review chain per submission where the rules run it as a chain, asking its patch', () => {
      const c = cycle({ rules: withChains({ dossierReview: chain() }) }).submitted();
      expect(c.asked).toEqual([PATCH_DOSSIER_REVIEW_CHAIN]);
      expect(c.view.dossier?.chainId).toBe(`${c.view.cycleId}.dossier.1`);
    });
  });

  describe('reviewDossier', () => {
    it('refuses the wrong phase, another role, no dossier, a dossier in its chain, a return without a reason', () => {
      expect(refusal(cycle().inConference(), 'reviewDossier', { actor: actors.specialist(), decision: 'ACCEPT' })).toBe(
        ErrorCode.WRONG_PHASE,
      );
      const waiting = cycle().inSubmission();
      expect(refusal(waiting, 'reviewDossier', { actor: actors.specialist(), decision: 'ACCEPT' })).toBe(ErrorCode.WRONG_STATE);
      const c = cycle().submitted();
      expect(refusal(c, 'reviewDossier', { actor: actors.boardHead(), decision: 'ACCEPT' })).toBe(ErrorCode.FORBIDDEN_ACTOR);
      expect(refusal(c, 'reviewDossier', { actor: actors.specialist(), decision: 'RETURN', reason: '  ' })).toBe(
        ErrorCode.REASON_REQUIRED,
      );
      expect(refusal(c, 'reviewDossier', { actor: actors.specialist(), decision: 'ACCEPT', completeOn: '2099-01-01' })).toBe(
        ErrorCode.VALIDATION_FAILED,
      );
      const chained = cycle({ rules: withChains({ dossierReview: chain() }) }).submitted();
      expect(refusal(chained, 'reviewDossier', { actor: actors.specialist(), decision: 'ACCEPT' })).toBe(ErrorCode.WRONG_STATE);
    });

    it('accepts the dossier: the working-day deadline, the appraisal opened, the patches asked where the old code asked', () => {
      const c = cycle().submitted();
      c.asked.length = 0;
      const [event] = c.take('reviewDossier', { actor: actors.specialist(), decision: 'ACCEPT' });
      expect(c.asked).toEqual([PATCH_WORKING_DAY_CALENDAR]);
      expect(c.view.phase).toBe(Phase.APPRAISAL);
      expect(c.view.dossier?.appraisalDueDate).toBe('2025-02-28');
      expect(c.view.nominees.every((n) => n.status === NomineeStatus.IN_APPRAISAL)).toBe(true);
      expect(renderCycleEvent(event, c.view)).toBe(
        'Phòng Thi đua – Khen thưởng, Sở Nội vụ nhận đủ hồ sơ; hạn thẩm định 2025-02-28 (20 ngày làm việc)',
      );
      const chained = cycle({ rules: withChains({ appraisal: chain() }) }).submitted();
      chained.asked.length = 0;
      chained.take('reviewDossier', { actor: actors.specialist(), decision: 'ACCEPT' });
      expect(chained.asked).toEqual([PATCH_WORKING_DAY_CALENDAR, PATCH_APPRAISAL_CHAIN]);
      expect(chained.view.appraisal?.chainId).toBe(`${chained.view.cycleId}.appraisal`);
    });

    it('returns the dossier with its reason, and the Trưởng khối submits it again as the next round', () => {
      const c = cycle().submitted();
      const [event] = c.take('reviewDossier', { actor: actors.specialist(), decision: 'RETURN', reason: 'Thiếu biên bản' });
      expect(renderCycleEvent(event, c.view)).toBe('Phòng Thi đua – Khen thưởng, Sở Nội vụ trả hồ sơ để bổ sung: Thiếu biên bản');
      expect(mayTake('submitDossier', c.view, actors.leader(), { now: c.now }).ok).toBe(true);
    });
  });

  describe('the fixed appraisal', () => {
    it('appraise: refuses the wrong phase, a chain, another role, a second appraisal, opinions that do not cover the nominees', () => {
      expect(refusal(cycle().submitted(), 'appraise', { actor: actors.specialist(), opinions: [] })).toBe(ErrorCode.WRONG_PHASE);
      const chained = cycle({ rules: withChains({ appraisal: chain() }) }).inAppraisal();
      expect(refusal(chained, 'appraise', { actor: actors.specialist(), opinions: [] })).toBe(ErrorCode.WRONG_STATE);
      const c = cycle().inAppraisal();
      const ids = c.view.nominees.map((n) => n.id);
      expect(refusal(c, 'appraise', { actor: actors.boardHead(), opinions: [] })).toBe(ErrorCode.FORBIDDEN_ACTOR);
      expect(refusal(c, 'appraise', { actor: actors.specialist(), opinions: [{ nomineeId: 'nope', recommend: true }] })).toBe(
        ErrorCode.UNKNOWN_NOMINEE,
      );
      expect(refusal(c, 'appraise', { actor: actors.specialist(), opinions: [{ nomineeId: ids[0], recommend: true }] })).toBe(
        ErrorCode.VALIDATION_FAILED,
      );
      c.take('appraise', { actor: actors.specialist(), opinions: ids.map((nomineeId) => ({ nomineeId, recommend: true })) });
      expect(refusal(c, 'appraise', { actor: actors.specialist(), opinions: [] })).toBe(ErrorCode.WRONG_STATE);
    });

    it('approveAppraisal: refuses another role, nothing appraised, a return without a reason; a return reopens it', () => {
      expect(refusal(cycle().inAppraisal(), 'approveAppraisal', { actor: actors.boardHead(), decision: 'APPROVE' })).toBe(
        ErrorCode.WRONG_STATE,
      );
      const c = cycle().appraised();
      expect(refusal(c, 'approveAppraisal', { actor: actors.specialist(), decision: 'APPROVE' })).toBe(ErrorCode.FORBIDDEN_ACTOR);
      expect(refusal(c, 'approveAppraisal', { actor: actors.boardHead(), decision: 'RETURN' })).toBe(ErrorCode.REASON_REQUIRED);
      const [event] = c.take('approveAppraisal', { actor: actors.boardHead(), decision: 'RETURN', reason: 'Xem lại' });
      expect(renderCycleEvent(event, c.view)).toBe('Trưởng phòng trả lại kết quả thẩm định: Xem lại');
      expect(c.view.appraisal?.status).toBe('PENDING');
    });

    it('approveAppraisal: nominees needing the council await it, the others the decision; the sentence counts them', () => {
      const c = cycle().appraised();
      const [event] = c.take('approveAppraisal', { actor: actors.boardHead(), decision: 'APPROVE' });
      expect(c.view.phase).toBe(Phase.APPRAISAL);
      expect(c.view.nominees.map((n) => n.status).sort()).toEqual([
        NomineeStatus.AWAITING_COUNCIL,
        NomineeStatus.AWAITING_DECISION,
        NomineeStatus.AWAITING_DECISION,
      ]);
      expect(renderCycleEvent(event, c.view)).toBe('Trưởng phòng duyệt kết quả thẩm định; 1 đề nghị trình Hội đồng TĐKT tỉnh');
      const none = cycle({ awards: { [AwardType.BANG_KHEN_CHU_TICH]: ['MTTQ'] } }).appraisalApproved();
      expect(none.view.phase).toBe(Phase.DECISION);
    });

    it('councilVote: refuses an appraisal not approved, a bad date, a missing quorum, more present than members, unreasoned adjustments', () => {
      const vote = (c: Cycle, extra: Partial<CycleCommands['councilVote']> = {}): CycleCommands['councilVote'] => ({
        actor: actors.boardHead(),
        sessionDate: '2025-02-01',
        membersTotal: 10,
        membersPresent: 9,
        votes: c.view.nominees
          .filter((n) => n.status === NomineeStatus.AWAITING_COUNCIL)
          .map((n) => ({ nomineeId: n.id, votesFor: 9 })),
        ...extra,
      });
      const early = cycle().appraised();
      expect(refusal(early, 'councilVote', vote(early))).toBe(ErrorCode.WRONG_STATE);
      const c = cycle().appraisalApproved();
      expect(refusal(c, 'councilVote', vote(c, { actor: actors.chairman() }))).toBe(ErrorCode.FORBIDDEN_ACTOR);
      expect(refusal(c, 'councilVote', vote(c, { sessionDate: '1/2/2025' }))).toBe(ErrorCode.VALIDATION_FAILED);
      expect(refusal(c, 'councilVote', vote(c, { membersPresent: 7 }))).toBe(ErrorCode.COUNCIL_QUORUM_NOT_MET);
      expect(refusal(c, 'councilVote', vote(c, { membersPresent: 11 }))).toBe(ErrorCode.VALIDATION_FAILED);
      expect(refusal(c, 'councilVote', vote(c, { votes: [] }))).toBe(ErrorCode.VALIDATION_FAILED);
      const adjustment = { unitCode: 'HLHPN', scores: [{ criterionCode: 'C1', points: 50, evidenceRefs: [] }], reason: ' ' };
      expect(refusal(c, 'councilVote', vote(c, { scoreAdjustments: [adjustment] }))).toBe(ErrorCode.REASON_REQUIRED);
      expect(refusal(c, 'councilVote', vote(c, { scoreAdjustments: [{ ...adjustment, unitCode: 'DTN', reason: 'x' }] }))).toBe(
        ErrorCode.UNKNOWN_NOMINEE,
      );
      const [event] = c.take('councilVote', vote(c));
      expect(c.view.phase).toBe(Phase.DECISION);
      expect(renderCycleEvent(event, c.view)).toBe('Hội đồng TĐKT tỉnh bỏ phiếu ngày 2025-02-01: 1/1 đề nghị đạt (cần 8 phiếu)');
    });
  });

  describe('decide', () => {
    const decide = (_c: Cycle, items: CycleCommands['decide']['items'], extra: Partial<CycleCommands['decide']> = {}) => ({
      actor: actors.chairman(),
      decisionNumber: '100/QĐ-UBND',
      decisionDate: '2025-02-01',
      items,
      ...extra,
    });
    const all = (c: Cycle) => c.view.nominees.map((n) => ({ nomineeId: n.id, approve: true }));

    it('refuses the wrong phase, another role, no items, an unknown nominee, a rejection without reason, a repeated item', () => {
      expect(refusal(cycle().appraisalApproved(), 'decide', decide(cycle(), []))).toBe(ErrorCode.WRONG_PHASE);
      const c = cycle().inDecision();
      expect(refusal(c, 'decide', decide(c, all(c), { actor: actors.boardHead() }))).toBe(ErrorCode.FORBIDDEN_ACTOR);
      expect(refusal(c, 'decide', decide(c, []))).toBe(ErrorCode.VALIDATION_FAILED);
      expect(refusal(c, 'decide', decide(c, [{ nomineeId: 'nope', approve: true }]))).toBe(ErrorCode.UNKNOWN_NOMINEE);
      const [first] = c.view.nominees;
      expect(refusal(c, 'decide', decide(c, [{ nomineeId: first.id, approve: false }]))).toBe(ErrorCode.REASON_REQUIRED);
      expect(refusal(c, 'decide', decide(c, [...all(c), { nomineeId: first.id, approve: true }]))).toBe(
        ErrorCode.VALIDATION_FAILED,
      );
      c.machine.hidden.ruleSets[0].validTo = '2025-01-31';
      expect(refusal(c, 'decide', decide(c, all(c)))).toBe(ErrorCode.NO_RULE_SET_IN_FORCE);
    });

    it('refuses a second decision on a nominee, and a nominee the council rejected', () => {
      const c = cycle().inDecision();
      const [first] = c.view.nominees;
      c.take('decide', decide(c, [{ nomineeId: first.id, approve: true }]));
      expect(refusal(c, 'decide', decide(c, [{ nomineeId: first.id, approve: true }]))).toBe(ErrorCode.ALREADY_DECIDED);
      first.decision = undefined;
      first.status = NomineeStatus.COUNCIL_REJECTED;
      expect(refusal(c, 'decide', decide(c, [{ nomineeId: first.id, approve: true }]))).toBe(ErrorCode.WRONG_STATE);
    });

    it('refuses Cờ thi đua của Chính phủ beyond the quota without a documented override, and records the override', () => {
      const c = cycle({ awards: { [AwardType.CO_THI_DUA_CHINH_PHU]: ['HLHPN'] } }).inDecision();
      const quota = { limit: 2, alreadyForwarded: 2, blocLeaders: 10, basis: 'CV 5007' };
      const items = all(c);
      expect(refusal(c, 'decide', decide(c, items, { governmentFlagQuota: quota }))).toBe(
        ErrorCode.GOVERNMENT_FLAG_QUOTA_EXCEEDED,
      );
      const [event] = c.take(
        'decide',
        decide(c, items, { governmentFlagQuota: quota, quotaOverride: { reason: 'Phong trào chuyên đề', documentRef: 'CV 1' } }),
      );
      expect(c.view.nominees[0]).toMatchObject({ status: NomineeStatus.FORWARDED, decision: { quotaOverride: { quota } } });
      expect(renderCycleEvent(event, c.view)).toBe(
        'Chủ tịch UBND tỉnh ban hành Quyết định số 100/QĐ-UBND ngày 2025-02-01: 1 đồng ý, 0 không đồng ý',
      );
    });
  });

  describe('approveLeadership', () => {
    const elected = (c: Cycle, chainId?: string) => {
      c.view.leadershipApproval = {
        status: 'PENDING',
        elected: { leader: 'MTTQ', deputy: 'HND' },
        ...(chainId ? { chainId } : {}),
      };
      return c;
    };

    it('refuses another role, nothing to approve, a chain deciding, a seat the chain refused left unnamed, a stranger, one unit twice', () => {
      const approve = { actor: actors.chairman(), decisionRef: 'QĐ 64' };
      expect(refusal(cycle().inSubmission(), 'approveLeadership', approve)).toBe(ErrorCode.WRONG_STATE);
      const c = elected(cycle().inSubmission());
      expect(refusal(c, 'approveLeadership', { ...approve, actor: actors.specialist() })).toBe(ErrorCode.FORBIDDEN_ACTOR);
      expect(refusal(c, 'approveLeadership', { ...approve, decisionRef: ' ' })).toBe(ErrorCode.VALIDATION_FAILED);
      expect(refusal(c, 'approveLeadership', { ...approve, leaderUnit: 'OTHER' })).toBe(ErrorCode.NOT_MEMBER);
      expect(refusal(c, 'approveLeadership', { ...approve, leaderUnit: 'HND' })).toBe(ErrorCode.VALIDATION_FAILED);
      const chained = elected(cycle().inSubmission(), 'lead-chain');
      expect(refusal(chained, 'approveLeadership', approve)).toBe(ErrorCode.WRONG_STATE);
      chained.view.leadershipApproval!.chainResult = { leader: ItemStatus.REJECTED, deputy: ItemStatus.APPROVED, reasons: [] };
      expect(refusal(chained, 'approveLeadership', approve)).toBe(ErrorCode.VALIDATION_FAILED);
      chained.take('approveLeadership', { ...approve, leaderUnit: 'DTN' });
      expect(chained.view).toMatchObject({ nextLeader: 'DTN', nextDeputy: 'HND', leadershipApproval: { status: 'APPROVED' } });
    });

    it('the chain: both seats approved is the approval; otherwise the superior designates, with the reasons', () => {
      const c = elected(cycle().inSubmission(), 'lead-chain');
      const ok = leadershipChainOutcome(c.machine, c.ctx(), [
        { item: item('TRUONG_KHOI', ItemStatus.APPROVED), last: { at: '2025-02-10T00:00:00Z', userId: 'u1' } as never },
        { item: item('PHO_KHOI', ItemStatus.APPROVED), last: { at: '2025-02-11T00:00:00Z', userId: 'u2' } as never },
      ]);
      const copyOf = copy(c.machine);
      c.apply(ok);
      expect(c.view.leadershipApproval).toMatchObject({
        status: 'APPROVED',
        decisionRef: 'Quy trình phê duyệt lead-chain',
        by: 'u2',
      });
      expect(renderCycleEvent(ok[0], c.view)).toBe(
        'Phê duyệt Trưởng khối Đơn vị MTTQ, Phó khối Đơn vị HND năm 2026 (quy trình phê duyệt lead-chain)',
      );
      const refused = leadershipChainOutcome(copyOf, c.ctx(), [
        { item: { ...item('TRUONG_KHOI', ItemStatus.REJECTED), title: 'Trưởng khối' }, last: { reason: 'Chưa đủ' } as never },
        { item: item('PHO_KHOI', ItemStatus.APPROVED) },
      ]);
      expect(refused[0]).toMatchObject({ type: 'LEADERSHIP_NOT_APPROVED', data: { leader: 'REJECTED', deputy: 'APPROVED' } });
      expect(renderCycleEvent(refused[0], copyOf.view)).toBe(
        'Kết quả bầu Trưởng khối, Phó khối chưa được phê duyệt: Trưởng khối: Chưa đủ; cấp có thẩm quyền quyết định',
      );
    });
  });

  describe('updateRuleSets', () => {
    it('refuses anyone but an admin, no sets, a set of another province, a completed cycle', () => {
      const c = cycle().launched();
      const set = c.machine.hidden.ruleSets[0];
      expect(refusal(c, 'updateRuleSets', { actor: actors.boardHead(), ruleSets: [set] })).toBe(ErrorCode.FORBIDDEN_ACTOR);
      expect(refusal(c, 'updateRuleSets', { actor: actors.admin(), ruleSets: [] })).toBe(ErrorCode.VALIDATION_FAILED);
      expect(refusal(c, 'updateRuleSets', { actor: actors.admin(), ruleSets: [{ ...set, provinceCode: 'HN' }] })).toBe(
        ErrorCode.VALIDATION_FAILED,
      );
      const [event] = c.take('updateRuleSets', { actor: actors.admin(), ruleSets: [{ ...set, version: 'V2' }] });
      expect(renderCycleEvent(event, c.view)).toBe('Cập nhật bộ quy tắc thi đua của tỉnh: V2 (2020-01-01 – nay)');
      c.view.phase = Phase.COMPLETED;
      expect(refusal(c, 'updateRuleSets', { actor: actors.admin(), ruleSets: [set] })).toBe(ErrorCode.WRONG_PHASE);
    });
  });

  describe("the runners' outcomes", () => {
    it('the dossier chain: a return, a withdrawal, an escalation, a rejection, each with its sentence', () => {
      const rules = DEFAULT_RULES;
      const run = (status: ItemStatus, reason?: string) => {
        const c = cycle({ rules: withChains({ dossierReview: chain() }) }).submitted();
        const events = dossierChainOutcome(c.machine, c.ctx(), 'd.1', rules, {
          item: item('ho-so', status),
          last: { reason } as never,
        });
        c.apply(events);
        return { c, text: renderCycleEvent(events[0], c.view) };
      };
      expect(run(ItemStatus.RETURNED, 'Thiếu').text).toBe('Phòng Thi đua – Khen thưởng, Sở Nội vụ trả hồ sơ để bổ sung: Thiếu');
      expect(run(ItemStatus.WITHDRAWN).text).toBe('Trưởng khối rút hồ sơ đề nghị khen thưởng (lần 1) để hoàn thiện');
      const escalated = run(ItemStatus.ESCALATED);
      expect(escalated.text).toBe('Hồ sơ bị trả lại quá số lần; chuyển chuyên viên Phòng TĐKT xem xét trực tiếp');
      expect(mayTake('reviewDossier', escalated.c.view, actors.specialist(), { now: 0 }).ok).toBe(true);
      const rejected = run(ItemStatus.REJECTED);
      expect(rejected.text).toBe('Phòng Thi đua – Khen thưởng, Sở Nội vụ không chấp nhận hồ sơ: ');
      expect(rejected.c.view.phase).toBe(Phase.DECISION);
      expect(rejected.c.view.nominees[0].appraisal?.note).toBe('Hồ sơ không được chấp nhận (d.1)');
    });

    it('the appraisal chain: approved nominees await the decision, one refused by the council is council-rejected', () => {
      const c = cycle({ rules: withChains({ appraisal: chain() }) }).inAppraisal();
      const [a, b, d] = c.view.nominees.map((n) => n.id);
      const result = {
        items: {
          [a]: item(a, ItemStatus.APPROVED),
          [b]: item(b, ItemStatus.REJECTED, { levelCode: 'HD', reason: 'Không đạt' }),
          [d]: item(d, ItemStatus.REJECTED, { levelCode: 'L1' }),
        },
      } as unknown as ChainState;
      const events = appraisalChainCompleted(c.machine, c.ctx(), result);
      c.apply(events);
      expect(c.view.nominees.map((n) => n.status)).toEqual([
        NomineeStatus.AWAITING_DECISION,
        NomineeStatus.COUNCIL_REJECTED,
        NomineeStatus.NOT_RECOMMENDED,
      ]);
      expect(c.view.nominees[0].appraisal?.note).toBe(`Quy trình phê duyệt ${c.view.cycleId}.appraisal`);
      expect(c.view.phase).toBe(Phase.DECISION);
      expect(renderCycleEvent(events[0], c.view)).toBe('Hoàn thành quy trình thẩm định: 1/3 đề nghị trình Chủ tịch UBND tỉnh');
    });

    it('the overdue appraisal and the completed cycle', () => {
      const c = cycle().inAppraisal();
      const [overdue] = appraisalOverdue(c.machine, c.ctx());
      c.apply([overdue]);
      expect(c.view.dossier?.appraisalOverdue).toBe(true);
      expect(renderCycleEvent(overdue, c.view)).toBe('Quá hạn thẩm định hồ sơ (hạn 2025-02-28, tính từ ngày nhận đủ hồ sơ)');
      const [completed] = cycleCompleted(c.machine, c.ctx());
      c.apply([completed]);
      expect(c.view).toMatchObject({ phase: Phase.COMPLETED, completedAt: new Date(c.now).toISOString() });
      expect(renderCycleEvent(completed, c.view)).toBe(
        'Hoàn thành chu kỳ thi đua năm 2025; bàn giao Trưởng khối cho Đơn vị MTTQ, Phó khối Đơn vị HND',
      );
    });
  });

  describe('given a RECORD cycle (a past year entered from its papers)', () => {
    it('when it runs through its steps on their days, then each phase opened on its day and recordedThrough is the last', () => {
      const c = cycle({ mode: 'RECORD' }).inDecision();
      expect(c.view.phaseOpenedOn).toMatchObject({
        [Phase.PLEDGE]: ON.launch,
        [Phase.SELF_ASSESSMENT]: ON.pledge,
        [Phase.CONFERENCE]: ON.selfAssessment,
        [Phase.APPRAISAL]: ON.review,
      });
      expect(c.view.recordedThrough).toBe(ON.council);
      expect(c.machine.hidden.appraisedOn).toBe(ON.appraise);
    });

    it('refuses a step without its date, a date in the future, and each step dated before the one it follows', () => {
      const launched = cycle({ mode: 'RECORD' }).launched();
      expect(refusal(launched, 'signPledge', { actor: actors.head('MTTQ') })).toBe(ErrorCode.VALIDATION_FAILED);
      expect(refusal(launched, 'signPledge', { actor: actors.head('MTTQ'), occurredOn: '2025-04-01' })).toBe(
        ErrorCode.DATE_OUT_OF_ORDER,
      );
      expect(refusal(launched, 'signPledge', { actor: actors.head('MTTQ'), occurredOn: '2024-01-10' })).toBe(
        ErrorCode.DATE_OUT_OF_ORDER,
      );
      launched.take('signPledge', { actor: actors.head('MTTQ'), occurredOn: '2024-02-01' });
      // Before the last pledge, and before the pledge deadline (30 days after the launch).
      expect(refusal(launched, 'closePledges', { actor: actors.leader(), occurredOn: '2024-01-30' })).toBe(
        ErrorCode.DATE_OUT_OF_ORDER,
      );
      expect(refusal(launched, 'closePledges', { actor: actors.leader(), occurredOn: '2024-02-10' })).toBe(
        ErrorCode.DATE_OUT_OF_ORDER,
      );

      const assessing = cycle({ mode: 'RECORD' }).inSelfAssessment();
      expect(refusal(assessing, 'closeSelfAssessment', { actor: actors.leader(), occurredOn: '2024-03-01' })).toBe(
        ErrorCode.DATE_OUT_OF_ORDER,
      );

      const submitting = cycle({ mode: 'RECORD' }).inSubmission();
      const reports = submitting.view.nominees.map((n) => ({ unitCode: n.unitCode, title: 't', documentRef: 'd' }));
      expect(
        refusal(submitting, 'submitDossier', {
          actor: actors.leader(),
          toTrinh: { number: '1', date: '2024-12-01', documentRef: 'd' },
          achievementReports: reports,
        }),
      ).toBe(ErrorCode.DATE_OUT_OF_ORDER);

      const submitted = cycle({ mode: 'RECORD' }).submitted();
      expect(
        refusal(submitted, 'reviewDossier', { actor: actors.specialist(), decision: 'ACCEPT', occurredOn: '2024-12-14' }),
      ).toBe(ErrorCode.DATE_OUT_OF_ORDER);
      expect(
        refusal(submitted, 'reviewDossier', {
          actor: actors.specialist(),
          decision: 'ACCEPT',
          occurredOn: ON.review,
          completeOn: '2024-12-21',
        }),
      ).toBe(ErrorCode.DATE_OUT_OF_ORDER);

      const appraising = cycle({ mode: 'RECORD' }).inAppraisal();
      const opinions = appraising.view.nominees.map((n) => ({ nomineeId: n.id, recommend: true }));
      expect(refusal(appraising, 'appraise', { actor: actors.specialist(), opinions, occurredOn: '2024-12-19' })).toBe(
        ErrorCode.DATE_OUT_OF_ORDER,
      );

      const appraised = cycle({ mode: 'RECORD' }).appraised();
      expect(
        refusal(appraised, 'approveAppraisal', { actor: actors.boardHead(), decision: 'APPROVE', occurredOn: '2024-12-26' }),
      ).toBe(ErrorCode.DATE_OUT_OF_ORDER);

      const council = cycle({ mode: 'RECORD' }).appraisalApproved();
      const votes = council.view.nominees
        .filter((n) => n.status === NomineeStatus.AWAITING_COUNCIL)
        .map((n) => ({ nomineeId: n.id, votesFor: 9 }));
      const session = { actor: actors.boardHead(), membersTotal: 10, membersPresent: 9, votes };
      expect(refusal(council, 'councilVote', { ...session, sessionDate: '2024-12-26' })).toBe(ErrorCode.DATE_OUT_OF_ORDER);
      expect(refusal(council, 'councilVote', { ...session, sessionDate: ON.council, occurredOn: '2025-01-09' })).toBe(
        ErrorCode.VALIDATION_FAILED,
      );

      const deciding = cycle({ mode: 'RECORD' }).inDecision();
      const items = deciding.view.nominees.map((n) => ({ nomineeId: n.id, approve: true }));
      const decision = { actor: actors.chairman(), decisionNumber: '1', items };
      expect(refusal(deciding, 'decide', { ...decision, decisionDate: '2025-01-07' })).toBe(ErrorCode.DATE_OUT_OF_ORDER);
      deciding.take('decide', { ...decision, decisionDate: ON.decision });
      expect(deciding.view.recordedThrough).toBe(ON.decision);
    });
  });
});

// ---- Properties ----

const ACTORS: Actor[] = [
  actors.leader(),
  actors.deputy(),
  ...MEMBERS.filter((u) => u !== LEADER_UNIT && u !== DEPUTY_UNIT).map(actors.head),
  actors.focal('MTTQ'),
  actors.specialist(),
  actors.boardHead(),
  actors.chairman(),
  actors.admin(),
];

type AnyCommand = { [K in StepName]: { name: K; cmd: CycleCommands[K] } }[StepName];

/** Commands of this file's steps, from anyone, with payloads right or wrong. */
function commandArb(nomineeIds: readonly string[]): fc.Arbitrary<AnyCommand> {
  const actor = fc.constantFrom(...ACTORS);
  const nominee = fc.constantFrom(...nomineeIds, 'nope');
  const date = fc.constantFrom(undefined, '2024-12-20', '2025-01-20', '2025-02-01', '2099-01-01', 'x');
  const on = date.map((occurredOn) => (occurredOn === undefined ? {} : { occurredOn }));
  const reason = fc.constantFrom(undefined, '', 'Lý do');
  return fc.oneof(
    fc.record({ actor, on }).map(({ actor, on }): AnyCommand => ({ name: 'signPledge', cmd: { actor, ...on } })),
    fc.record({ actor, on }).map(({ actor, on }): AnyCommand => ({ name: 'closePledges', cmd: { actor, ...on } })),
    fc.record({ actor, on }).map(({ actor, on }): AnyCommand => ({ name: 'closeSelfAssessment', cmd: { actor, ...on } })),
    fc
      .record({ actor, d: fc.constantFrom('2025-02-01', '2024-01-01'), units: fc.subarray([...MEMBERS]) })
      .map(({ actor, d, units }): AnyCommand => ({
        name: 'submitDossier',
        cmd: {
          actor,
          toTrinh: { number: '1', date: d, documentRef: 'x' },
          achievementReports: units.map((unitCode) => ({ unitCode, title: 't', documentRef: 'd' })),
        },
      })),
    fc.record({ actor, accept: fc.boolean(), reason, on }).map(({ actor, accept, reason, on }): AnyCommand => ({
      name: 'reviewDossier',
      cmd: { actor, decision: accept ? 'ACCEPT' : 'RETURN', reason, ...on },
    })),
    fc
      .record({ actor, ops: fc.array(fc.record({ nomineeId: nominee, recommend: fc.boolean() }), { maxLength: 4 }), on })
      .map(({ actor, ops, on }): AnyCommand => ({ name: 'appraise', cmd: { actor, opinions: ops, ...on } })),
    fc.record({ actor, approve: fc.boolean(), reason, on }).map(({ actor, approve, reason, on }): AnyCommand => ({
      name: 'approveAppraisal',
      cmd: { actor, decision: approve ? 'APPROVE' : 'RETURN', reason, ...on },
    })),
    fc
      .record({
        actor,
        present: fc.integer({ min: 0, max: 12 }),
        votes: fc.array(fc.record({ nomineeId: nominee, votesFor: fc.integer({ min: 0, max: 11 }) }), { maxLength: 3 }),
      })
      .map(({ actor, present, votes }): AnyCommand => ({
        name: 'councilVote',
        cmd: { actor, sessionDate: '2025-02-01', membersTotal: 10, membersPresent: present, votes },
      })),
    fc
      .record({
        actor,
        decisionDate: fc.constantFrom('2025-02-01', '2019-01-01', 'x'),
        items: fc.array(fc.record({ nomineeId: nominee, approve: fc.boolean(), reason }), { maxLength: 4 }),
      })
      .map(({ actor, decisionDate, items }): AnyCommand => ({
        name: 'decide',
        cmd: { actor, decisionNumber: 'QĐ', decisionDate, items },
      })),
    fc
      .record({ actor, leaderUnit: fc.constantFrom(undefined, 'MTTQ', 'HND', 'OTHER') })
      .map(({ actor, leaderUnit }): AnyCommand => ({
        name: 'approveLeadership',
        cmd: { actor, decisionRef: 'QĐ 1', leaderUnit },
      })),
  );
}

const BUILDS: ((mode: 'LIVE' | 'RECORD') => Cycle)[] = [
  (mode) => cycle({ mode }).launched(),
  (mode) => cycle({ mode }).inSelfAssessment(),
  (mode) => cycle({ mode }).inSubmission(),
  (mode) => cycle({ mode }).submitted(),
  (mode) => cycle({ mode }).inAppraisal(),
  (mode) => cycle({ mode }).appraised(),
  (mode) => cycle({ mode }).appraisalApproved(),
  (mode) => cycle({ mode }).inDecision(),
];
const NOMINEES = cycle()
  .inSubmission()
  .view.nominees.map((n) => n.id);
const start = fc.record({
  build: fc.integer({ min: 0, max: BUILDS.length - 1 }),
  mode: fc.constantFrom('LIVE' as const, 'RECORD' as const),
});

/** Takes a command the way the workflow does: decided dry, then applied if accepted. */
function offer(c: Cycle, { name, cmd }: AnyCommand): CycleEvent[] | undefined {
  const decision = decideStep(c.machine, name, cmd as never, c.ctx());
  if (!decision.ok) return undefined;
  for (const event of decision.events) applyEvent(c.machine, event);
  return decision.events;
}

describe('properties of the cycle machine', () => {
  it('a command is decided without changing the machine: a refused one leaves it deep-equal', () => {
    fc.assert(
      fc.property(start, commandArb(NOMINEES), ({ build, mode }, command) => {
        const c = BUILDS[build](mode);
        const before = copy(c.machine);
        const decision = decideStep(c.machine, command.name, command.cmd as never, c.ctx());
        expect(c.machine).toEqual(before);
        if (!decision.ok) expect(Object.values(ErrorCode)).toContain(decision.code);
      }),
      { numRuns: 300 },
    );
  });

  it("the inbox's question is the validator's first: a step its guard refuses is refused with the same code, an accepted one passes it", () => {
    fc.assert(
      fc.property(start, commandArb(NOMINEES), ({ build, mode }, command) => {
        const c = BUILDS[build](mode);
        const guard = mayTake(command.name, c.view, command.cmd.actor, { now: c.now });
        const decision = decideStep(c.machine, command.name, command.cmd as never, c.ctx());
        if (!guard.ok) expect(decision).toMatchObject({ ok: false, code: guard.code });
        if (decision.ok) expect(guard.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the version grows by exactly the number of recorded (not silent) events of the accepted commands', () => {
    fc.assert(
      fc.property(start, fc.array(commandArb(NOMINEES), { maxLength: 12 }), ({ build, mode }, commands) => {
        const c = BUILDS[build](mode);
        const version = c.view.version;
        let recorded = 0;
        for (const command of commands) recorded += (offer(c, command) ?? []).filter((e) => !e.silent).length;
        expect(c.view.version).toBe(version + recorded);
      }),
      { numRuns: 200 },
    );
  });

  it('no sequence of decide commands gives a nominee two decisions or a unit two awards of one kind', () => {
    const decideArb = commandArb(NOMINEES).filter((c) => c.name === 'decide');
    const anyDecide = fc.oneof(
      decideArb,
      fc
        .array(fc.record({ nomineeId: fc.constantFrom(...NOMINEES), approve: fc.boolean(), reason: fc.constantFrom('x', '') }), {
          minLength: 1,
          maxLength: 3,
        })
        .map((items): AnyCommand => ({
          name: 'decide',
          cmd: { actor: actors.chairman(), decisionNumber: 'QĐ', decisionDate: '2025-02-01', items },
        })),
    );
    fc.assert(
      fc.property(fc.array(anyDecide, { maxLength: 10 }), (commands) => {
        const c = cycle().inDecision();
        const decided = new Map<string, unknown>();
        for (const command of commands) {
          for (const event of offer(c, command) ?? []) {
            if (event.type !== 'DECIDED') continue;
            for (const d of event.decisions) {
              expect(decided.has(d.nomineeId)).toBe(false);
              decided.set(d.nomineeId, d.decision);
            }
          }
        }
        for (const n of c.view.nominees) if (n.decision) expect(n.decision).toEqual(decided.get(n.id));
        const awarded = c.view.nominees
          .filter((n) => n.status === NomineeStatus.APPROVED || n.status === NomineeStatus.FORWARDED)
          .map((n) => `${n.award}/${n.unitCode}`);
        expect(new Set(awarded).size).toBe(awarded.length);
      }),
      { numRuns: 300 },
    );
  });
});
