import { DEFAULT_RULES } from '../../../src/domain/default-rules';
import { nomineesIn } from '../../../src/domain/cycle/common';
import type { CycleCommands } from '../../../src/domain/cycle/commands';
import type { CycleEvent } from '../../../src/domain/cycle/events';
import { applyEvent, decideStep } from '../../../src/domain/cycle/machine';
import { pledgeClosed } from '../../../src/domain/cycle/pledge';
import { assessmentFinished, selfAssessmentClosed } from '../../../src/domain/cycle/self-assessment';
import { emptyHidden, submissionOpened } from '../../../src/domain/cycle/lifecycle';
import type { CycleContext, CycleFacts, CycleMachine, Decision, StepName } from '../../../src/domain/cycle/types';
import { openEndedRuleSet } from '../../../src/domain/rule-selection';
import { vietnamDate } from '../../../src/domain/working-days';
import { BlocCapacity, Role, type Actor } from '../../../src/shared/actors';
import { NomineeStatus, Phase, type AssessmentResult, type CycleState } from '../../../src/shared/cycle-types';
import { nomineeId } from '../../../src/shared/ids';
import { AwardType, type ProvinceRules, type RuleSet } from '../../../src/shared/rules';

/**
 * A cycle machine in a given phase, reached through the machine's own steps and main-line producers (the conference's
 * result is set directly: its steps are converted separately). No servers, no clock: `now` moves only when told.
 */
export const PROVINCE = 'BK';
export const BLOC = 'MTTQ-DT';
export const MEMBERS = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'] as const;
export const LEADER_UNIT = 'HLHPN';
export const DEPUTY_UNIT = 'LDLD';

const leads = (capacity: BlocCapacity) => [{ blocCode: BLOC, capacity, year: 2024, since: '2024-01-01T00:00:00Z' }];

export const actors = {
  head: (unitCode: string): Actor => ({ userId: `head.${unitCode}`, role: Role.UNIT_HEAD, unitCode, provinceCode: PROVINCE }),
  leader: (): Actor => ({ ...actors.head(LEADER_UNIT), leads: leads(BlocCapacity.LEADER) }),
  deputy: (): Actor => ({ ...actors.head(DEPUTY_UNIT), leads: leads(BlocCapacity.DEPUTY) }),
  focal: (unitCode: string): Actor => ({ userId: `focal.${unitCode}`, role: Role.UNIT_FOCAL, unitCode, provinceCode: PROVINCE }),
  board: (role: Role): Actor => ({ userId: `${role.toLowerCase()}.${PROVINCE}`, role, provinceCode: PROVINCE }),
  specialist: (): Actor => actors.board(Role.BOARD_SPECIALIST),
  boardHead: (): Actor => actors.board(Role.BOARD_HEAD),
  chairman: (): Actor => actors.board(Role.CHAIRMAN),
  admin: (): Actor => ({ userId: 'admin', role: Role.ADMIN }),
};

/** Where each kind of cycle stands on the calendar: a LIVE year being run, a RECORD of 2024 entered in March 2025. */
export const LIVE_START = Date.parse('2025-02-01T02:00:00.000Z');
export const RECORD_TODAY = Date.parse('2025-03-01T02:00:00.000Z');

/** Dates on paper of a RECORD cycle's steps, in order. */
export const ON = {
  launch: '2024-01-15',
  pledge: '2024-01-25',
  /** After the pledge deadline (30 days after the launch by the default rules). */
  closePledges: '2024-02-20',
  selfAssessment: '2024-11-20',
  conference: '2024-12-10',
  toTrinh: '2024-12-15',
  review: '2024-12-20',
  appraise: '2024-12-27',
  approveAppraisal: '2024-12-30',
  council: '2025-01-08',
  decision: '2025-01-15',
};

export interface BuildOptions {
  mode?: 'LIVE' | 'RECORD';
  rules?: ProvinceRules;
  /** The awards the conference elected, one nominee per unit listed. */
  awards?: Partial<Record<AwardType, string[]>>;
}

export class Cycle {
  readonly machine: CycleMachine;
  readonly facts: CycleFacts;
  now: number;
  /** Every patch id the machine asked, in order (the workflow's patched() calls). */
  readonly asked: string[] = [];

  constructor(readonly options: BuildOptions = {}) {
    const mode = options.mode ?? 'LIVE';
    const rules = options.rules ?? DEFAULT_RULES;
    const units = MEMBERS.map((code) => ({ code, name: `Đơn vị ${code}` }));
    this.now = mode === 'RECORD' ? RECORD_TODAY : LIVE_START;
    const year = mode === 'RECORD' ? 2024 : 2025;
    this.facts = {
      cycleId: `cycle.${PROVINCE}.${BLOC}.${year}`,
      provinceCode: PROVINCE,
      blocCode: BLOC,
      blocName: 'Khối thi đua MTTQ và các đoàn thể',
      year,
      units,
      memberCodes: [...MEMBERS],
      recordMode: mode === 'RECORD',
      calendar: [],
    };
    const view: CycleState = {
      cycleId: this.facts.cycleId,
      provinceCode: PROVINCE,
      blocCode: BLOC,
      blocName: this.facts.blocName,
      year,
      phase: Phase.LAUNCH,
      mode,
      ...(mode === 'RECORD' ? { phaseOpenedOn: {} } : {}),
      version: 0,
      units,
      leaderUnit: LEADER_UNIT,
      deputyUnit: DEPUTY_UNIT,
      rulesVersion: rules.rulesVersion,
      pledges: {},
      lateUnits: {},
      assessments: {},
      nominees: [],
    };
    const ruleSet: RuleSet = { ...openEndedRuleSet(PROVINCE, rules), validFrom: '2020-01-01' };
    this.machine = { view, hidden: emptyHidden([ruleSet]) };
  }

  get view(): CycleState {
    return this.machine.view;
  }

  get record(): boolean {
    return this.facts.recordMode;
  }

  ctx(): CycleContext {
    return {
      facts: this.facts,
      now: this.now,
      today: vietnamDate(new Date(this.now)),
      feature: (id) => {
        this.asked.push(id);
        return true;
      },
    };
  }

  /** The validator's question: guard, checks and events, nothing applied. */
  decide<K extends StepName>(name: K, cmd: CycleCommands[K]): Decision {
    return decideStep(this.machine, name, cmd, this.ctx());
  }

  /** A step that must be accepted: its events applied. */
  take<K extends StepName>(name: K, cmd: CycleCommands[K]): CycleEvent[] {
    const decision = this.decide(name, cmd);
    if (!decision.ok) throw new Error(`${name} refused: ${decision.code} ${decision.detail}`);
    this.apply(decision.events);
    return decision.events;
  }

  apply(events: readonly CycleEvent[]): void {
    for (const event of events) applyEvent(this.machine, event);
  }

  /** The date a RECORD step carries; none in a LIVE one. */
  on(day: string): { occurredOn?: string } {
    return this.record ? { occurredOn: day } : {};
  }

  // ---- Phases, each from the one before ----

  launched(): this {
    this.take('launch', {
      actor: actors.leader(),
      plan: 'Kế hoạch thi đua',
      pledgeText: 'Giao ước thi đua',
      criteria: [
        { code: 'C1', name: 'Tiêu chí 1', maxPoints: 60 },
        { code: 'C2', name: 'Tiêu chí 2', maxPoints: 40 },
      ],
      ...this.on(ON.launch),
    } as CycleCommands['launch']);
    return this;
  }

  /** Every unit (or those listed) signed, then the pledge phase closed. */
  inSelfAssessment(signers: readonly string[] = MEMBERS): this {
    this.launched();
    for (const unit of signers) this.take('signPledge', { actor: actors.head(unit), ...this.on(ON.pledge) });
    if (this.record && signers.length < MEMBERS.length)
      this.take('closePledges', { actor: actors.leader(), ...this.on(ON.closePledges) });
    this.apply(pledgeClosed(this.machine, this.ctx()));
    return this;
  }

  /** Every unit's sheet accepted (or those listed), then the self-assessment closed. */
  inConference(accepted: readonly string[] = MEMBERS): this {
    this.inSelfAssessment();
    const results: AssessmentResult[] = accepted.map((unitCode, i) => ({
      unitCode,
      outcome: 'ACCEPTED' as const,
      total: 90 - i,
      selfTotal: 90 - i,
      scores: [
        { criterionCode: 'C1', points: 55 - i, evidenceRefs: [] },
        { criterionCode: 'C2', points: 35, evidenceRefs: [] },
      ],
      rounds: 1,
      ...(this.record ? { lastOn: ON.selfAssessment } : {}),
    }));
    for (const result of results) this.apply(assessmentFinished(this.ctx(), result));
    this.apply(selfAssessmentClosed(this.machine, this.ctx(), this.view.phaseOpenedOn?.[Phase.SELF_ASSESSMENT], results));
    return this;
  }

  /** The conference's result, set directly (its steps are the conference's), then the submission opened. */
  inSubmission(): this {
    this.inConference();
    const rules = this.options.rules ?? DEFAULT_RULES;
    const awards = this.options.awards ?? {
      [AwardType.CO_THI_DUA_TINH]: ['HLHPN'],
      [AwardType.BANG_KHEN_CHU_TICH]: ['MTTQ', 'HCCB'],
    };
    const view = this.view;
    view.conference = {
      openedAt: new Date(this.now).toISOString(),
      heldOn: this.record ? ON.conference : vietnamDate(new Date(this.now)),
      present: [...MEMBERS],
      quorum: { required: 4, present: 6, base: 6, ratio: 2 / 3, met: true },
      ranking: [],
    };
    view.ballot = { status: 'CLOSED', round: 1, candidates: awards, leaderCandidates: [], deputyCandidates: [], voted: [] };
    view.nextLeader = 'MTTQ';
    view.nextDeputy = 'HND';
    view.nominees = (Object.entries(awards) as [AwardType, string[]][]).flatMap(([award, units]) =>
      units.map((unitCode) => ({
        id: nomineeId(award, unitCode),
        unitCode,
        award,
        awardName: rules.awards[award].displayName,
        status: NomineeStatus.PROPOSED,
        ballotVotes: 5,
      })),
    );
    this.apply(submissionOpened(this.machine, this.ctx()));
    return this;
  }

  submitted(): this {
    this.inSubmission();
    this.take('submitDossier', {
      actor: actors.leader(),
      toTrinh: { number: '12/TTr-KTĐ', date: this.record ? ON.toTrinh : vietnamDate(new Date(this.now)), documentRef: 'doc-1' },
      achievementReports: [...new Set(this.view.nominees.map((n) => n.unitCode))].map((unitCode) => ({
        unitCode,
        title: `Báo cáo thành tích ${unitCode}`,
        documentRef: `bc-${unitCode}`,
      })),
    });
    return this;
  }

  inAppraisal(): this {
    this.submitted();
    this.take('reviewDossier', { actor: actors.specialist(), decision: 'ACCEPT', ...this.on(ON.review) });
    return this;
  }

  appraised(recommend = true): this {
    this.inAppraisal();
    this.take('appraise', {
      actor: actors.specialist(),
      opinions: nomineesIn(this.view, NomineeStatus.IN_APPRAISAL).map((n) => ({ nomineeId: n.id, recommend })),
      ...this.on(ON.appraise),
    });
    return this;
  }

  /** The appraisal approved: nominees needing the council await it (phase APPRAISAL), the others the decision. */
  appraisalApproved(): this {
    this.appraised();
    this.take('approveAppraisal', { actor: actors.boardHead(), decision: 'APPROVE', ...this.on(ON.approveAppraisal) });
    return this;
  }

  /** The council passed every nominee that needed it: phase DECISION, every nominee awaits the chairman. */
  inDecision(): this {
    this.appraisalApproved();
    const awaiting = nomineesIn(this.view, NomineeStatus.AWAITING_COUNCIL);
    if (awaiting.length > 0)
      this.take('councilVote', {
        actor: actors.boardHead(),
        sessionDate: this.record ? ON.council : vietnamDate(new Date(this.now)),
        membersTotal: 10,
        membersPresent: 9,
        votes: awaiting.map((n) => ({ nomineeId: n.id, votesFor: 9 })),
      });
    return this;
  }
}

/** A fresh cycle, LIVE unless told. */
export const cycle = (options: BuildOptions = {}): Cycle => new Cycle(options);
