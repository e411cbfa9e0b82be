import { appraisalAppliers, appraisalSteps } from './appraisal';
import { conferenceAppliers, conferenceSteps } from './conference';
import { decisionAppliers, decisionSteps } from './decision';
import { dossierAppliers, dossierSteps } from './dossier';
import type { Appliers, CycleEvent } from './events';
import { launchAppliers, launchSteps } from './launch';
import { leadershipAppliers, leadershipSteps } from './leadership';
import { lifecycleAppliers, lifecycleSteps } from './lifecycle';
import { pledgeAppliers, pledgeSteps } from './pledge';
import { roundAppliers, roundSteps } from './round';
import { enforce, refusable } from './refusal';
import { selfAssessmentAppliers, selfAssessmentSteps } from './self-assessment';
import type { CycleCommands } from './commands';
import type { CycleContext, CycleMachine, Decision, GuardEnv, StepName, StepRule, StepRules } from './types';
import type { Actor } from '../../shared/actors';
import type { CycleState } from '../../shared/cycle-types';
import type { Check } from '../outcome';

const STEPS: StepRules = {
  ...launchSteps,
  ...pledgeSteps,
  ...selfAssessmentSteps,
  ...conferenceSteps,
  ...dossierSteps,
  ...appraisalSteps,
  ...decisionSteps,
  ...leadershipSteps,
  ...lifecycleSteps,
  ...roundSteps,
};

const APPLIERS = {
  ...launchAppliers,
  ...pledgeAppliers,
  ...selfAssessmentAppliers,
  ...conferenceAppliers,
  ...dossierAppliers,
  ...appraisalAppliers,
  ...decisionAppliers,
  ...leadershipAppliers,
  ...lifecycleAppliers,
  ...roundAppliers,
} as Appliers<CycleEvent> as unknown as Record<CycleEvent['type'], (m: CycleMachine, e: CycleEvent) => void>;

function ruleOf<K extends StepName>(name: K): StepRule<CycleCommands[K]> {
  const rule = STEPS[name];
  if (!rule) throw new Error(`the cycle has no step ${name}`);
  return rule;
}

/**
 * One human step against the cycle: its guard (who, which phase, what state), its payload checks, and the events it
 * makes. Never changes the machine: a refusal leaves it as it was, and the events are applied by `applyEvent`.
 */
export function decideStep<K extends StepName>(
  m: CycleMachine,
  name: K,
  command: CycleCommands[K],
  ctx: CycleContext,
  env: Omit<GuardEnv, 'now'> = {},
): Decision {
  const rule = ruleOf(name);
  return refusable(() => {
    if (rule.guard) enforce(rule.guard(m.view, command.actor, { ...env, now: ctx.now }));
    rule.check?.(m, command, ctx);
    return rule.events(m, command, ctx);
  });
}

/** The events of a step already accepted (by this code's validator, or by an earlier version's in a replayed history). */
export function acceptedStep<K extends StepName>(
  m: CycleMachine,
  name: K,
  command: CycleCommands[K],
  ctx: CycleContext,
): Decision {
  const rule = ruleOf(name);
  return refusable(() => rule.events(m, command, ctx));
}

/** Whether an actor may take a step now, as far as the public view tells (the inbox's question). */
export function mayTake(name: StepName, view: CycleState, actor: Actor, env: GuardEnv): Check {
  const guard = ruleOf(name).guard;
  return guard ? guard(view, actor, env) : { ok: true };
}

/**
 * Folds one event into the machine. A recorded event (not `silent`) is one timeline entry: it moves the version,
 * and in a RECORD cycle carries its day on paper (or the day of the entry before it).
 */
export function applyEvent(m: CycleMachine, event: CycleEvent): void {
  if (!event.silent) {
    const on = event.on ?? m.hidden.lastRecordedOn;
    m.hidden.lastRecordedOn = on;
    if (m.view.mode === 'RECORD' && on && (!m.view.recordedThrough || on > m.view.recordedThrough)) m.view.recordedThrough = on;
    m.view.version += 1;
  }
  APPLIERS[event.type](m, event);
}
