import type { Appliers } from './events';
import type { EventEnvelope, StepRules } from './types';

export type LifecycleEvent = EventEnvelope & { type: never };

export const lifecycleSteps: StepRules = {};

export const lifecycleAppliers: Appliers<LifecycleEvent> = {};
