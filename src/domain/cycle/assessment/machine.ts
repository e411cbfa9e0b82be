import type { Actor } from '../../../shared/actors';
import type { AssessmentState } from '../../../shared/cycle-types';
import type { Check } from '../../outcome';
import { enforce, refusable } from '../refusal';
import { assessmentSteps, standingOf } from './steps';
import type {
  AssessmentCommands,
  AssessmentContext,
  AssessmentDecision,
  AssessmentFacts,
  AssessmentGuardEnv,
  AssessmentMachine,
  AssessmentStanding,
  AssessmentStepName,
} from './types';

/** A sheet as its child workflow opens it: a draft, no rounds; a RECORD sheet's first step may not precede the opening. */
export function openingMachine(facts: AssessmentFacts, deadline: string): AssessmentMachine {
  return {
    view: {
      cycleId: facts.cycleId,
      unitCode: facts.unitCode,
      status: 'DRAFT',
      late: false,
      deadline,
      version: 0,
      rounds: [],
    } satisfies AssessmentState,
    hidden: {
      closed: false,
      ...(facts.record
        ? { lastStep: { field: 'occurredOn', what: 'the opening of the self-assessment', date: facts.record.openedOn } }
        : {}),
    },
  };
}

/** The guard's environment inside the workflow: the bloc's seats, whether the cycle closed it, chain mode. */
export const guardEnvOf = (m: AssessmentMachine, facts: AssessmentFacts): AssessmentGuardEnv => ({
  seats: facts.seats,
  closed: m.hidden.closed,
  chain: facts.chain,
  cycleId: facts.cycleId,
});

/**
 * One human step against the sheet: its guard (who, whether it is open, what state), its payload checks, the events it
 * makes. Never changes the machine; the events are applied by `applyAssessmentEvent`.
 */
export function decideAssessmentStep<K extends AssessmentStepName>(
  m: AssessmentMachine,
  name: K,
  command: AssessmentCommands[K],
  ctx: AssessmentContext,
): AssessmentDecision {
  const rule = assessmentSteps[name];
  return refusable(() => {
    if (rule.guard) enforce(rule.guard(standingOf(m.view), command.actor, guardEnvOf(m, ctx.facts)));
    rule.check?.(m, command, ctx);
    return rule.events(m, command, ctx);
  });
}

/** The events of a step already accepted (by this code's validator, or an earlier version's in a replayed history). */
export function acceptedAssessmentStep<K extends AssessmentStepName>(
  m: AssessmentMachine,
  name: K,
  command: AssessmentCommands[K],
  ctx: AssessmentContext,
): AssessmentDecision {
  return refusable(() => assessmentSteps[name].events(m, command, ctx));
}

/** Whether an actor may take a step on a unit's sheet now, as far as its standing tells (the inbox's question). */
export function mayTakeAssessmentStep(
  name: AssessmentStepName,
  standing: AssessmentStanding,
  actor: Actor,
  env: AssessmentGuardEnv,
): Check {
  const guard = assessmentSteps[name].guard;
  return guard ? guard(standing, actor, env) : { ok: true };
}
