import type { Appliers } from './events';
import type { EventEnvelope, StepRules } from './types';

export type LeadershipEvent = EventEnvelope & { type: never };

export const leadershipSteps: StepRules = {};

export const leadershipAppliers: Appliers<LeadershipEvent> = {};
