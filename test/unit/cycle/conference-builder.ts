import { emptyHidden } from '../../../src/domain/cycle/lifecycle';
import { blocActors } from '../support/bloc-actors';
import { DEFAULT_RULES } from '../../../src/domain/default-rules';
import { acceptedStep, applyEvent, decideStep } from '../../../src/domain/cycle/machine';
import type { CycleCommands } from '../../../src/domain/cycle/commands';
import type { CycleEvent } from '../../../src/domain/cycle/events';
import type { CycleContext, CycleMachine, Decision, GuardEnv, StepName } from '../../../src/domain/cycle/types';
import { Phase, type CycleState } from '../../../src/shared/cycle-types';
import { AwardType, TieBreaker, type ProvinceRules, type RuleSet } from '../../../src/shared/rules';

/** A six-member bloc at its conference, for the machine's conference steps (no servers, no clock). */
export const P = 'BK';
export const BLOC = 'MTTQ-DT';
export const MEMBERS = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'] as const;
export const LEADER = 'HLHPN';
export const DEPUTY = 'LDLD';
export const HELD_ON = '2020-12-29';
export const CO_TINH = AwardType.CO_THI_DUA_TINH;
export const BANG_KHEN = AwardType.BANG_KHEN_CHU_TICH;

/** The flag needs 3 of 6 votes, so a 3–3 split passes both and only a round or the leaders separate them. */
export const RULES: ProvinceRules = {
  ...DEFAULT_RULES,
  conference: { ...DEFAULT_RULES.conference, maxBallotRounds: 2, tieBreakers: [TieBreaker.LEADER_DEPUTY_DECIDE] },
  awards: {
    ...DEFAULT_RULES.awards,
    [CO_TINH]: { ...DEFAULT_RULES.awards[CO_TINH], threshold: 0.5 },
    [BANG_KHEN]: { ...DEFAULT_RULES.awards[BANG_KHEN], threshold: 0.5, maxPerBloc: 2 },
  },
};

export const ruleSet = (rules: ProvinceRules = RULES, validFrom = '2020-01-01'): RuleSet => ({
  provinceCode: P,
  version: rules.rulesVersion,
  legalBasis: rules.legalBasis,
  validFrom,
  validTo: null,
  rules,
});

export const { head, leader, deputy } = blocActors(P, BLOC, { leader: LEADER, deputy: DEPUTY });

/** A cycle whose self-assessment has closed: every unit's sheet accepted, the conference not yet open. */
export function conferenceMachine(rules: ProvinceRules = RULES, ruleSets: RuleSet[] = [ruleSet(rules)]): CycleMachine {
  const view: CycleState = {
    cycleId: `cycle.${P}.${BLOC}.2020`,
    provinceCode: P,
    blocCode: BLOC,
    blocName: 'Khối thi đua MTTQ và các đoàn thể',
    year: 2020,
    phase: Phase.CONFERENCE,
    mode: 'LIVE',
    version: 9,
    units: MEMBERS.map((code) => ({ code, name: `Đơn vị ${code}` })),
    leaderUnit: LEADER,
    deputyUnit: DEPUTY,
    rulesVersion: rules.rulesVersion,
    launch: {
      plan: 'Kế hoạch',
      pledgeText: 'Giao ước',
      criteria: [{ code: 'TC1', name: 'Nhiệm vụ', maxPoints: 100, evidenceRequired: false }],
      pledgeDeadline: '2020-07-01T10:00:00.000Z',
      selfAssessmentDeadline: '2020-11-30T10:00:00.000Z',
      launchedAt: '2020-06-01T00:00:00.000Z',
      launchedBy: `head.${LEADER}`,
    },
    pledges: {},
    lateUnits: {},
    assessments: Object.fromEntries(
      MEMBERS.map((code, i) => [
        code,
        { status: 'ACCEPTED', total: 90 - i, scores: [{ criterionCode: 'TC1', points: 90 - i, evidenceRefs: [] }], rounds: 1 },
      ]),
    ),
    nominees: [],
  };
  return { view, hidden: emptyHidden(ruleSets) };
}

/** The context of one decision; `asked` collects the patch ids asked, in order. */
export function contextOf(asked: string[] = [], features: Record<string, boolean> = {}): CycleContext {
  return {
    facts: {
      cycleId: `cycle.${P}.${BLOC}.2020`,
      provinceCode: P,
      blocCode: BLOC,
      blocName: 'Khối thi đua MTTQ và các đoàn thể',
      year: 2020,
      units: MEMBERS.map((code) => ({ code, name: `Đơn vị ${code}` })),
      memberCodes: [...MEMBERS],
      recordMode: false,
      calendar: [],
    },
    now: Date.parse('2020-12-29T03:00:00.000Z'),
    today: HELD_ON,
    feature: (id) => {
      asked.push(id);
      return features[id] ?? true;
    },
  };
}

export const applyAll = (m: CycleMachine, events: CycleEvent[]): CycleEvent[] => {
  for (const event of events) applyEvent(m, event);
  return events;
};

/** A step the machine must take: decided (guard, check, events), then applied as the workflow's handler does. */
export function take<K extends StepName>(
  m: CycleMachine,
  name: K,
  command: CycleCommands[K],
  ctx: CycleContext = contextOf(),
  env: Omit<GuardEnv, 'now'> = {},
): CycleEvent[] {
  const decision: Decision = decideStep(m, name, command, ctx, env);
  if (!decision.ok) throw new Error(`${name} refused: ${decision.code} ${decision.detail}`);
  const accepted = acceptedStep(m, name, command, ctx);
  if (!accepted.ok) throw new Error(`${name} refused once accepted: ${accepted.code}`);
  return applyAll(m, accepted.events);
}

/** The code a step is refused with; the machine must be left exactly as it was. */
export function refusal<K extends StepName>(
  m: CycleMachine,
  name: K,
  command: CycleCommands[K],
  ctx: CycleContext = contextOf(),
  env: Omit<GuardEnv, 'now'> = {},
): string {
  const before = structuredClone(m);
  const decision = decideStep(m, name, command, ctx, env);
  expect(m).toEqual(before);
  if (decision.ok) throw new Error(`${name} was accepted: ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.code;
}

/** The conference opened with every member present. */
export function openedConference(rules: ProvinceRules = RULES): CycleMachine {
  const m = conferenceMachine(rules);
  take(m, 'openConference', { actor: leader(), heldOn: HELD_ON, location: 'Hội trường', presentUnits: [...MEMBERS] });
  return m;
}

/** The flag between MTTQ and HND, the elections between the same two. */
export const FLAG_BALLOT = {
  candidates: { [CO_TINH]: ['MTTQ', 'HND'] },
  leaderCandidates: ['MTTQ', 'HND'],
  deputyCandidates: ['MTTQ', 'HND'],
};

export function openedBallot(tellerKey?: string): CycleMachine {
  const m = openedConference();
  take(m, 'openBallot', { actor: leader(), ...FLAG_BALLOT, ...(tellerKey ? { tellerKey } : {}) });
  return m;
}
