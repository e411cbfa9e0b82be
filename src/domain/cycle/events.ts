import type { AppraisalEvent } from './appraisal';
import type { ConferenceEvent } from './conference';
import type { DecisionEvent } from './decision';
import type { DossierEvent } from './dossier';
import type { LaunchEvent } from './launch';
import type { LeadershipEvent } from './leadership';
import type { LifecycleEvent } from './lifecycle';
import type { PledgeEvent } from './pledge';
import type { RoundHandoffEvent } from './round';
import type { SelfAssessmentEvent } from './self-assessment';
import type { CycleMachine } from './types';

/** Everything that happens to a cycle, as data: the machine's decisions produce them, `applyEvent` folds them in. */
export type CycleEvent =
  | LaunchEvent
  | PledgeEvent
  | SelfAssessmentEvent
  | ConferenceEvent
  | DossierEvent
  | AppraisalEvent
  | DecisionEvent
  | LeadershipEvent
  | LifecycleEvent
  | RoundHandoffEvent;

export type CycleEventType = CycleEvent['type'];

/** How each event of a phase changes the machine (in place; the events were decided on a state it equals). */
export type Appliers<E extends { type: string }> = {
  [K in E['type']]: (m: CycleMachine, e: Extract<E, { type: K }>) => void;
};
