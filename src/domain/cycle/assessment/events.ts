import type { AssessmentRound, ScoreSheet } from '../../../shared/cycle-types';
import type { EventEnvelope } from '../types';
import { refuse } from '../refusal';
import { ErrorCode } from '../../../shared/errors';
import type { AssessmentMachine } from './types';

type Review = NonNullable<AssessmentRound['review']>;
/** Chain mode: the unit head's approval in the round's chain, kept with whatever the chain decided. */
type UnitApproval = { unitApproval?: { by: string; at: string } };

type Event<T extends string, P = unknown> = EventEnvelope & { type: T } & P;

/**
 * Everything that happens to a unit's sheet. `on` (RECORD) is the day on paper of a step in the unit's own sequence
 * (submission, the head's approval or return, the review): the next step may not come before it. A cross-scoring is
 * dated apart from that sequence and carries its day in `data` only.
 */
export type AssessmentEvent =
  | Event<'ASSESSMENT_OPENED'>
  | Event<'ASSESSMENT_SUBMITTED', { round: AssessmentRound; status: 'SUBMITTED' | 'IN_APPROVAL' }>
  | Event<'ASSESSMENT_RETURNED_BY_UNIT', { round: number; unitReturn: NonNullable<AssessmentRound['unitReturn']> }>
  | Event<'ASSESSMENT_APPROVED_BY_UNIT', { round: number; approvedBy: string; approvedAt: string }>
  | Event<
      'ASSESSMENT_ACCEPTED',
      { round: number; review: Review; verified: NonNullable<AssessmentRound['verified']> } & UnitApproval
    >
  | Event<'ASSESSMENT_RETURNED', { round: number; review: Review } & UnitApproval>
  | Event<'ASSESSMENT_CROSS_SCORED', { round: number; sheet: ScoreSheet & { scorerUnit: string } }>
  | Event<'ASSESSMENT_ESCALATED', { round: number } & UnitApproval>
  | Event<'ASSESSMENT_WITHDRAWN', { round: number } & UnitApproval>
  | Event<'ASSESSMENT_REJECTED', { round: number; review: Review } & UnitApproval>
  | Event<'ASSESSMENT_LATE'>
  | Event<'ASSESSMENT_CLOSED'>
  | Event<'ASSESSMENT_CLOSING', { silent: true }>;

export type AssessmentEventType = AssessmentEvent['type'];

type Appliers = { [K in AssessmentEventType]: (m: AssessmentMachine, e: Extract<AssessmentEvent, { type: K }>) => void };

/** What each step in the unit's own sequence is called where a later step is refused for coming before it. */
const STEP_NAMES: Partial<Record<AssessmentEventType, string>> = {
  ASSESSMENT_SUBMITTED: 'the submission',
  ASSESSMENT_RETURNED_BY_UNIT: 'the unit head’s return',
  ASSESSMENT_APPROVED_BY_UNIT: 'the unit head’s approval',
  ASSESSMENT_ACCEPTED: 'the acceptance',
  ASSESSMENT_RETURNED: 'the return',
};

function roundOf(m: AssessmentMachine, n: number): AssessmentRound {
  const round = m.view.rounds.find((r) => r.round === n);
  if (!round) refuse(ErrorCode.WRONG_STATE, `no round ${n}`);
  return round;
}

function approvedInChain(round: AssessmentRound, e: UnitApproval): void {
  if (!e.unitApproval) return;
  round.approvedBy = e.unitApproval.by;
  round.approvedAt = e.unitApproval.at;
}

const APPLIERS: Appliers = {
  ASSESSMENT_OPENED: () => undefined,
  ASSESSMENT_SUBMITTED: (m, e) => {
    m.view.rounds.push(structuredCopy(e.round));
    m.view.status = e.status;
  },
  ASSESSMENT_RETURNED_BY_UNIT: (m, e) => {
    roundOf(m, e.round).unitReturn = { ...e.unitReturn };
    m.view.status = 'RETURNED';
  },
  ASSESSMENT_APPROVED_BY_UNIT: (m, e) => {
    const round = roundOf(m, e.round);
    if (e.on) round.approvedOn = e.on;
    round.approvedBy = e.approvedBy;
    round.approvedAt = e.approvedAt;
    m.view.status = 'UNIT_APPROVED';
  },
  ASSESSMENT_ACCEPTED: (m, e) => {
    const round = roundOf(m, e.round);
    if (e.on) round.reviewedOn = e.on;
    approvedInChain(round, e);
    round.review = { ...e.review };
    m.view.status = 'ACCEPTED';
    round.verified = structuredCopy(e.verified);
  },
  ASSESSMENT_RETURNED: (m, e) => {
    const round = roundOf(m, e.round);
    if (e.on) round.reviewedOn = e.on;
    approvedInChain(round, e);
    round.review = { ...e.review };
    m.view.status = 'RETURNED';
  },
  ASSESSMENT_CROSS_SCORED: (m, e) => {
    const round = roundOf(m, e.round);
    round.cross = [...(round.cross ?? []), structuredCopy(e.sheet)];
  },
  ASSESSMENT_ESCALATED: (m, e) => {
    approvedInChain(roundOf(m, e.round), e);
    m.view.status = 'UNIT_APPROVED';
  },
  ASSESSMENT_WITHDRAWN: (m, e) => {
    approvedInChain(roundOf(m, e.round), e);
    m.view.status = 'DRAFT';
  },
  ASSESSMENT_REJECTED: (m, e) => {
    const round = roundOf(m, e.round);
    approvedInChain(round, e);
    round.review = { ...e.review };
    m.view.status = 'REJECTED';
  },
  ASSESSMENT_LATE: (m) => {
    m.view.late = true;
  },
  ASSESSMENT_CLOSED: (m) => {
    m.view.status = 'CLOSED';
  },
  ASSESSMENT_CLOSING: (m) => {
    m.hidden.closed = true;
  },
};

/** Events are data the machine keeps a copy of: a later change to one never reaches the state. */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Folds one event into the machine. A recorded event (not `silent`) is one timeline entry and moves the version; a
 * step of the unit's own sequence dated on paper becomes the step the next one may not precede.
 */
export function applyAssessmentEvent(m: AssessmentMachine, event: AssessmentEvent): void {
  const what = STEP_NAMES[event.type];
  if (what && event.on) m.hidden.lastStep = { field: 'occurredOn', what, date: event.on };
  if (!event.silent) m.view.version += 1;
  (APPLIERS[event.type] as (m: AssessmentMachine, e: AssessmentEvent) => void)(m, event);
}
