import type { Appliers } from './events';
import type { EventEnvelope, StepRules } from './types';

export type AppraisalEvent = EventEnvelope & { type: never };

export const appraisalSteps: StepRules = {};

export const appraisalAppliers: Appliers<AppraisalEvent> = {};
