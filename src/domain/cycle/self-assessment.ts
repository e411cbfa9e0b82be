import type { Appliers } from './events';
import type { EventEnvelope, StepRules } from './types';

export type SelfAssessmentEvent = EventEnvelope & { type: never };

export const selfAssessmentSteps: StepRules = {};

export const selfAssessmentAppliers: Appliers<SelfAssessmentEvent> = {};
