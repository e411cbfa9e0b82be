import type { BallotItems, ManualChoice, Settled } from '../ballot-rounds';
import type { BallotPaper } from '../tally';
import type { Actor } from '../../shared/actors';
import type { HolidayAdjustments } from '../calendar/holidays';
import type { CycleState, PublishedPaper, UnitRef, VoteCountMinutes } from '../../shared/cycle-types';
import type { EligibilityResult } from '../../shared/eligibility';
import type { ErrorCode } from '../../shared/errors';
import type { Check } from '../outcome';
import type { RuleSet } from '../../shared/rules';
import type { CycleCommands } from './commands';
import type { CycleEvent } from './events';

/**
 * The cycle as a pure state machine. The workflow (src/workflows/cycle.workflow.ts) is a shell around it: an update's
 * validator asks `decideStep` and refuses what it refuses; its handler asks again, applies the events with
 * `applyEvent` and projects each recorded one. No I/O, no clock, no Temporal here: time and the workflow's patch
 * markers come in through the context.
 */
export interface CycleMachine {
  /** What the cycle shows: queried, projected to the read model, and what the inbox's guards read. */
  view: CycleState;
  /** What the cycle keeps to itself: ballot papers are never shown, the rest is bookkeeping of earlier steps. */
  hidden: HiddenState;
}

export interface HiddenState {
  /** Every rule set of the province that may apply; each step applies the one in force on its own date. */
  ruleSets: RuleSet[];
  /** The plain papers of the open round (and, once it closed, of the last round counted, for a tie decision). */
  ballots: BallotPaper[];
  /** Sealed ballots of the open round by unit, opened only by the teller's key at the close. */
  sealedPapers: Record<string, string>;
  /** The counted papers of the last round closed, with their receipts, for its published minutes. */
  lastPublished?: PublishedPaper[];
  /** The first round's items, what earlier rounds settled, their vote counts, the tie decisions. */
  firstItems: BallotItems;
  settled: Settled;
  roundMinutes: VoteCountMinutes[];
  manualChoices: ManualChoice[];
  lastInvalid: number;
  eligibility: EligibilityResult[];
  closeSelfAssessmentRequested: boolean;
  /** RECORD: the days on paper of the explicit closes and of the appraisal's steps. */
  closePledgesOn?: string;
  closeSelfAssessmentOn?: string;
  appraisedOn?: string;
  /** RECORD: the day of the latest recorded step; a step without a date of its own is dated by it. */
  lastRecordedOn?: string;
}

/** What the cycle was started with and never changes. */
export interface CycleFacts {
  cycleId: string;
  provinceCode: string;
  blocCode: string;
  blocName: string;
  year: number;
  units: UnitRef[];
  memberCodes: string[];
  recordMode: boolean;
  calendar: HolidayAdjustments[];
}

/** What the shell hands the machine for one decision. */
export interface CycleContext {
  facts: CycleFacts;
  /** The workflow's clock (deterministic there), ms since the epoch. */
  now: number;
  /** Today in Viet Nam, YYYY-MM-DD. */
  today: string;
  /**
   * Whether a guarded change applies (the workflow's `patched(id)` in a handler; true in a validator's dry run,
   * which never depends on it). Ask it only where the old code asked, in the same order: each call may write a
   * marker into the history.
   */
  feature(id: string): boolean;
}

/** What every event carries; each phase's file adds its own payload. */
export interface EventEnvelope {
  /** When the step was taken (the workflow's clock), ISO. */
  at: string;
  actor?: Actor;
  /** RECORD: the day on paper; absent: the day of the step before. */
  on?: string;
  /** The timeline entry's data (shown and hashed); the same keys as before the machine. */
  data?: Record<string, unknown>;
  /** Changes the state without a timeline entry (and without a projection). */
  silent?: true;
}

export type Decision<E = CycleEvent> = { ok: true; events: E[] } | { ok: false; code: ErrorCode; detail: string };

/**
 * A step of the cycle, in three parts. `guard` and `check` decide whether it is taken; `events` says what it does.
 * The update's validator runs all three (a dry run); the handler of an accepted update runs only `events`, because
 * the history is the authority on what was accepted: a replayed history accepted under earlier rules must apply
 * exactly as it did then, even where today's checks would refuse it. Generic in its machine so that a child workflow's
 * own machine (src/domain/cycle/assessment) takes the same shape; the defaults are the cycle's.
 */
export interface StepRule<C, M = CycleMachine, X = CycleContext, V = CycleState, G = GuardEnv, E = CycleEvent> {
  /**
   * Actor, phase and status only, from the public view: the inbox lists the step for an actor exactly when this
   * passes (payload checks are the actor's). Absent: `check` checks everything.
   */
  guard?: (view: V, actor: Actor, env: G) => Check;
  /** The payload's checks; refuses by throwing `CycleRefusal` (see refusal.ts). */
  check?: (machine: M, command: C, ctx: X) => void;
  /** What the accepted step does. May still refuse where the step's data leave no answer (no rule set in force). */
  events: (machine: M, command: C, ctx: X) => E[];
}

/** What a guard may need beyond the view (the inbox reads it from the read model, the workflow from its state). */
export interface GuardEnv {
  now: number;
  /** The rule set in force on the conference date counts written votes of absent members. */
  allowAbsentWrittenVote?: boolean;
}

export type StepName = keyof CycleCommands;
export type StepRules = { [K in StepName]?: StepRule<CycleCommands[K]> };
