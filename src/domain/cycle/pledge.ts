import type { Appliers } from './events';
import type { EventEnvelope, StepRules } from './types';

export type PledgeEvent = EventEnvelope & { type: never };

export const pledgeSteps: StepRules = {};

export const pledgeAppliers: Appliers<PledgeEvent> = {};
