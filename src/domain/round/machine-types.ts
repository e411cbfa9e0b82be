import type { StepRule } from '../cycle/types';
import type { RoundEvent } from './events';
import type { RoundCommands, RoundContext, RoundMachine, RoundStepName, RoundView } from './types';

/** What a guard may need beyond the view. */
export interface RoundGuardEnv {
  now: number;
}

export type RoundStepRule<C> = StepRule<C, RoundMachine, RoundContext, RoundView, RoundGuardEnv, RoundEvent>;
export type RoundStepRules = { [K in RoundStepName]?: RoundStepRule<RoundCommands[K]> };
