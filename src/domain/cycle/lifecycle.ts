import { checkRole } from '../authorization';
import { PASS, fail } from '../outcome';
import { Role, type Actor } from '../../shared/actors';
import { Phase, type CycleInput } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import type { RuleSet } from '../../shared/rules';
import { emptyItems } from '../ballot-rounds';
import { openEndedRuleSet } from '../rule-selection';
import { enterPhase, rulesOn } from './common';
import { refuse } from './refusal';
import type { Appliers } from './events';
import type { CycleContext, CycleFacts, CycleMachine, EventEnvelope, HiddenState, StepRules } from './types';

// ---- The cycle's own milestones, and the rules published or edited while it runs ----

/** Nothing kept apart yet: no papers, no rounds, no closes asked. */
export function emptyHidden(ruleSets: RuleSet[]): HiddenState {
  return {
    ruleSets,
    ballots: [],
    sealedPapers: {},
    firstItems: emptyItems(),
    settled: { awards: {} },
    roundMinutes: [],
    manualChoices: [],
    lastInvalid: 0,
    eligibility: [],
    closeSelfAssessmentRequested: false,
  };
}

/**
 * The machine of a cycle just started, and the facts it keeps: LAUNCH, nothing recorded. `recordMode` is the start's
 * RECORD choice as the workflow's patch allows it (cycles from before modes are LIVE).
 */
export function startCycle(input: CycleInput, recordMode: boolean): { machine: CycleMachine; facts: CycleFacts } {
  const facts: CycleFacts = {
    cycleId: input.cycleId,
    provinceCode: input.provinceCode,
    blocCode: input.blocCode,
    blocName: input.blocName,
    year: input.year,
    units: input.units,
    memberCodes: input.units.map((u) => u.code),
    recordMode,
    calendar: input.calendar ?? [],
  };
  const machine: CycleMachine = {
    view: {
      cycleId: input.cycleId,
      provinceCode: input.provinceCode,
      blocCode: input.blocCode,
      blocName: input.blocName,
      year: input.year,
      phase: Phase.LAUNCH,
      mode: recordMode ? 'RECORD' : 'LIVE',
      ...(recordMode ? { phaseOpenedOn: {} } : {}),
      version: 0,
      units: input.units,
      leaderUnit: input.leaderUnit,
      deputyUnit: input.deputyUnit,
      rulesVersion: input.rules.rulesVersion,
      pledges: {},
      lateUnits: {},
      assessments: {},
      nominees: [],
    },
    hidden: emptyHidden(input.ruleSets ?? [openEndedRuleSet(input.provinceCode, input.rules)]),
  };
  return { machine, facts };
}

export type LifecycleEvent = EventEnvelope &
  (
    | { type: 'CYCLE_STARTED' }
    | { type: 'SUBMISSION_OPENED' }
    | { type: 'CYCLE_COMPLETED' }
    | { type: 'RULE_SETS_UPDATED'; ruleSets: RuleSet[] }
  );

export const lifecycleSteps: StepRules = {
  updateRuleSets: {
    guard: (view, actor) => {
      const role = checkRole(actor, Role.ADMIN);
      if (!role.ok) return role;
      return view.phase === Phase.COMPLETED ? fail(ErrorCode.WRONG_PHASE, 'the cycle is completed') : PASS;
    },
    check: (_m, cmd, ctx) => {
      if (cmd.ruleSets.length === 0) refuse(ErrorCode.VALIDATION_FAILED, 'ruleSets must not be empty');
      const foreign = cmd.ruleSets.find((r) => r.provinceCode !== ctx.facts.provinceCode);
      if (foreign) refuse(ErrorCode.VALIDATION_FAILED, `rule set ${foreign.version} belongs to province ${foreign.provinceCode}`);
    },
    events: (_m, cmd, ctx) => [
      {
        type: 'RULE_SETS_UPDATED',
        at: new Date(ctx.now).toISOString(),
        actor: cmd.actor,
        ruleSets: cmd.ruleSets,
        data: {
          versions: cmd.ruleSets.map((r) => r.version),
          validity: cmd.ruleSets.map((r) => ({ version: r.version, validFrom: r.validFrom, validTo: r.validTo })),
        },
      },
    ],
  },
};

/** The cycle's first entry: started by an admin or the head of the board (absent in cycles started before that). */
export function cycleStarted(ctx: CycleContext, startedBy: Actor | undefined): LifecycleEvent[] {
  return [{ type: 'CYCLE_STARTED', at: new Date(ctx.now).toISOString(), actor: startedBy }];
}

/** The conference elected its nominees: the Trưởng khối prepares the dossier for the receiving agency. */
export function submissionOpened(m: CycleMachine, ctx: CycleContext): LifecycleEvent[] {
  return [
    {
      type: 'SUBMISSION_OPENED',
      at: new Date(ctx.now).toISOString(),
      data: { receivingAgencyName: rulesOn(m, ctx.today).receivingAgencyName },
    },
  ];
}

/** Every nominee decided and the leadership approved where required: the handover to next year's leadership. */
export function cycleCompleted(m: CycleMachine, ctx: CycleContext): LifecycleEvent[] {
  return [
    {
      type: 'CYCLE_COMPLETED',
      at: new Date(ctx.now).toISOString(),
      data: { nextLeader: m.view.nextLeader, nextDeputy: m.view.nextDeputy },
    },
  ];
}

export const lifecycleAppliers: Appliers<LifecycleEvent> = {
  CYCLE_STARTED: () => {},
  SUBMISSION_OPENED: (m) => enterPhase(m, Phase.SUBMISSION),
  CYCLE_COMPLETED: (m, e) => {
    m.view.completedAt = e.at;
    enterPhase(m, Phase.COMPLETED);
  },
  RULE_SETS_UPDATED: (m, e) => {
    m.hidden.ruleSets = e.ruleSets;
  },
};
