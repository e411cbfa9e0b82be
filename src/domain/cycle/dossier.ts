import type { Appliers } from './events';
import type { EventEnvelope, StepRules } from './types';

export type DossierEvent = EventEnvelope & { type: never };

export const dossierSteps: StepRules = {};

export const dossierAppliers: Appliers<DossierEvent> = {};
