import type { DatedStep } from '../../date-order';
import type {
  ApproveAssessmentCommand,
  AssessmentState,
  AssessmentStatus,
  CrossScoreCommand,
  CriteriaGroupRule,
  CriterionRule,
  ReviewAssessmentCommand,
  SubmitAssessmentCommand,
} from '../../../shared/cycle-types';
import type { Decision, StepRule } from '../types';
import type { AssessmentEvent } from './events';

/**
 * One member unit's self-assessment as a pure state machine; the child workflow
 * (src/workflows/assessment.workflow.ts) is its shell, as the cycle's workflow is the shell of the cycle's machine.
 */
export interface AssessmentMachine {
  /** What the sheet shows: queried, returned by each step, projected to the read model. */
  view: AssessmentState;
  hidden: AssessmentHidden;
}

export interface AssessmentHidden {
  /** The cycle closed the self-assessment (its signal): nothing more is taken, the chain in flight is cancelled. */
  closed: boolean;
  /** RECORD: the unit's latest step on paper; the next one may not come before it. */
  lastStep?: DatedStep;
}

/** Who sits where in the bloc, as far as this unit's sheet is concerned. */
export interface AssessmentSeats {
  memberUnits: readonly string[];
  leaderUnit: string;
  /** The Phó khối's unit reviews the Trưởng khối's own sheet; absent in cycles started before it was passed. */
  deputyUnit?: string;
  blocCode: string;
  /** The units whose heads are assigned to cross-score this one. */
  crossScorers: readonly string[];
}

/** What the child was started with and never changes. */
export interface AssessmentFacts {
  cycleId: string;
  provinceCode: string;
  /** The cycle's year (from its id). */
  year: number;
  unitCode: string;
  unitName: string;
  seats: AssessmentSeats;
  criteria: CriterionRule[];
  criteriaGroups?: CriteriaGroupRule[];
  /** The rule set runs the head's and the Trưởng khối's decisions as an approval chain per submission. */
  chain: boolean;
  /** RECORD cycles (behind the workflow's patch): every step carries its day, none before `openedOn`. */
  record?: { openedOn: string; year: number };
}

export interface AssessmentContext {
  facts: AssessmentFacts;
  /** The workflow's clock, ms since the epoch. */
  now: number;
  /** Today in Viet Nam, YYYY-MM-DD. */
  today: string;
  /** The workflow's `patched(id)` in a handler, true in a validator's dry run (see CycleContext.feature). */
  feature(id: string): boolean;
}

/**
 * What a guard reads of a sheet: as much as the read model also holds (cycle_units and the timeline), so the inbox
 * asks the same guard without the workflow's state.
 */
export interface AssessmentStanding {
  unitCode: string;
  status: AssessmentStatus;
  /** Rounds submitted so far; the current round is the last. */
  rounds: number;
  /** The units that have cross-scored the current round. */
  crossScoredBy: readonly string[];
}

export interface AssessmentGuardEnv {
  seats: AssessmentSeats;
  /** The cycle has closed (or is closing) the self-assessment. */
  closed?: boolean;
  /**
   * Chain mode (see AssessmentFacts.chain), with the cycle's id to name the round's chain in a refusal. The inbox may
   * leave both out: in chain mode a sheet is never SUBMITTED, and UNIT_APPROVED (escalated) takes the fixed review.
   */
  chain?: boolean;
  cycleId?: string;
}

/** The unit's human steps by their update's name (src/shared/messages.ts). */
export interface AssessmentCommands {
  submitAssessment: SubmitAssessmentCommand;
  approveAssessment: ApproveAssessmentCommand;
  reviewAssessment: ReviewAssessmentCommand;
  crossScore: CrossScoreCommand;
}

export type AssessmentStepName = keyof AssessmentCommands;

export type AssessmentStepRule<C> = StepRule<
  C,
  AssessmentMachine,
  AssessmentContext,
  AssessmentStanding,
  AssessmentGuardEnv,
  AssessmentEvent
>;

export type AssessmentStepRules = { [K in AssessmentStepName]: AssessmentStepRule<AssessmentCommands[K]> };

export type AssessmentDecision = Decision<AssessmentEvent>;
