import type { Appliers } from './events';
import type { EventEnvelope, StepRules } from './types';

export type DecisionEvent = EventEnvelope & { type: never };

export const decisionSteps: StepRules = {};

export const decisionAppliers: Appliers<DecisionEvent> = {};
