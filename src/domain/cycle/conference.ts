import type { Appliers } from './events';
import type { EventEnvelope, StepRules } from './types';

export type ConferenceEvent = EventEnvelope & { type: never };

export const conferenceSteps: StepRules = {};

export const conferenceAppliers: Appliers<ConferenceEvent> = {};
