import { enforce, refusable } from '../cycle/refusal';
import { ruleSetAt } from '../rule-selection';
import type { Decision } from '../cycle/types';
import type { Actor } from '../../shared/actors';
import type { Check } from '../outcome';
import { councilAppliers, councilSteps } from './council';
import { decisionAppliers, decisionSteps } from './decision';
import type { RoundAppliers, RoundEvent } from './events';
import { itemAppliers, itemSteps } from './items';
import type { RoundStepRule, RoundStepRules } from './machine-types';
import type { RoundCommands, RoundContext, RoundInput, RoundMachine, RoundStepName, RoundView } from './types';

const STEPS: RoundStepRules = { ...itemSteps, ...councilSteps, ...decisionSteps };

/** Typed as every event's applier, so a new event without one does not compile. */
const ALL_APPLIERS: RoundAppliers = { ...itemAppliers, ...councilAppliers, ...decisionAppliers };
const APPLIERS = ALL_APPLIERS as unknown as Record<RoundEvent['type'], (m: RoundMachine, e: RoundEvent) => void>;

function ruleOf<K extends RoundStepName>(name: K): RoundStepRule<RoundCommands[K]> {
  const rule = STEPS[name];
  if (!rule) throw new Error(`the round has no step ${name}`);
  return rule;
}

/** A new round, as the workflow starts it. */
export function startRound(input: RoundInput, openedAt: string): RoundMachine {
  return {
    view: {
      roundId: input.roundId,
      provinceCode: input.provinceCode,
      year: input.year,
      n: input.n,
      title: input.title ?? `Xét khen thưởng tổng kết năm ${input.year}${input.n > 1 ? ` (đợt ${input.n})` : ''}`,
      status: 'OPEN',
      version: 0,
      rulesVersion:
        (ruleSetAt(input.ruleSets, openedAt.slice(0, 10)) ?? input.ruleSets[input.ruleSets.length - 1])?.version ?? '',
      openedBy: input.openedBy.userId,
      openedAt,
      targets: input.targets ?? {},
      items: [],
      appraisal: { status: 'PENDING', returns: [], approvals: [] },
      sessions: [],
      decisions: [],
      submissions: [],
    },
    hidden: { ruleSets: input.ruleSets, directSeq: 0 },
  };
}

/** One step against the round: guard, payload checks, events. Never changes the machine. */
export function decideRoundStep<K extends RoundStepName>(
  m: RoundMachine,
  name: K,
  command: RoundCommands[K],
  ctx: RoundContext,
): Decision<RoundEvent> {
  const rule = ruleOf(name);
  return refusable(() => {
    if (rule.guard) enforce(rule.guard(m.view, command.actor, { now: ctx.now }));
    rule.check?.(m, command, ctx);
    return rule.events(m, command, ctx);
  });
}

/** The events of a step already accepted (the history is the authority on what was accepted). */
export function acceptedRoundStep<K extends RoundStepName>(
  m: RoundMachine,
  name: K,
  command: RoundCommands[K],
  ctx: RoundContext,
): Decision<RoundEvent> {
  const rule = ruleOf(name);
  return refusable(() => rule.events(m, command, ctx));
}

export function mayTakeRoundStep(name: RoundStepName, view: RoundView, actor: Actor, now: number): Check {
  const guard = ruleOf(name).guard;
  return guard ? guard(view, actor, { now }) : { ok: true };
}

/** Folds one event into the machine; each event is one entry of the round's timeline and moves its version. */
export function applyRoundEvent(m: RoundMachine, event: RoundEvent): void {
  m.view.version += 1;
  APPLIERS[event.type](m, event);
}
